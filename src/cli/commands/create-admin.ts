import type { Command } from 'commander';
import { asc, sql } from 'drizzle-orm';
import { z } from 'zod';
import { hashPassword } from '../../server/auth/passwords.ts';
import { passwordProblem, passwordProblemText } from '../../server/auth/password-policy.ts';
import { DEFAULT_ORG_NAME, FIRST_START_LOCK } from '../../server/bootstrap/first-start.ts';
import { recordAudit } from '../../server/commands/audit.ts';
import type { Db, DbOrTx } from '../../server/db/client.ts';
import { organizations, users } from '../../server/db/schema/index.ts';
import { defaultOrgSettings } from '../../shared/org-settings.ts';
import { CliError, runCommand, usageError } from '../output/print.ts';
import { openMigratedDatabase, readEnv } from './migrate.ts';

export type CreateAdminInput = { email: string; name: string; password: string; orgName?: string | undefined };

export type CreatedAdmin = { userId: string; email: string; name: string; orgId: string; orgName: string; orgCreated: boolean };

const inputSchema = z.object({
  email: z.email({ message: 'is not an email address' }).max(254),
  name: z.string().trim().min(1, { message: 'is required' }).max(100),
  orgName: z.string().trim().min(1, { message: 'is empty' }).max(200).optional(),
});

/**
 * The organisation a command acts on: the one named, else the only one. `null` when the database has
 * none yet (the caller may create it). Several without a name is ambiguous and refused.
 */
export async function findTargetOrganization(db: DbOrTx, orgName?: string): Promise<{ id: string; name: string } | null> {
  const all = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).orderBy(asc(organizations.createdAt));
  if (orgName !== undefined) {
    const named = all.filter((o) => o.name === orgName);
    if (named.length === 1) return named[0]!;
    if (named.length > 1) throw new CliError(`Several organisations are named "${orgName}".`);
    if (all.length === 0) return null;
    throw new CliError(`No organisation is named "${orgName}". Existing: ${all.map((o) => `"${o.name}"`).join(', ')}.`);
  }
  if (all.length <= 1) return all[0] ?? null;
  throw new CliError(`The database holds ${all.length} organisations (${all.map((o) => `"${o.name}"`).join(', ')}): choose one with --org-name.`);
}

/** The arguments as the command will use them, or a usage error (exit 2) naming the option. */
export function checkCreateAdminInput(input: CreateAdminInput): z.infer<typeof inputSchema> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw usageError(`--${issue.path.join('.').replace('orgName', 'org-name')} ${issue.message}`);
  }
  const problem = passwordProblem(input.password, { email: input.email });
  if (problem) throw usageError(`--password ${passwordProblemText[problem]}.`);
  return parsed.data;
}

/**
 * Adds an admin for an operator who has no way in yet: to the only (or the named) organisation, or to a
 * new one when the database is empty. Arguments are checked before the database is touched.
 */
export async function createAdmin(db: Db, input: CreateAdminInput, now: Date): Promise<CreatedAdmin> {
  const { email, name, orgName } = checkCreateAdminInput(input);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // Same lock as the first start, so an admin made here and a server starting now never make two organisations.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${FIRST_START_LOCK})`);
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${email})`);
    if (taken) throw new CliError(`A user with the email ${email} already exists; nothing was changed.`);
    let org = await findTargetOrganization(tx, orgName);
    const orgCreated = !org;
    if (!org) {
      const [row] = await tx.insert(organizations).values({ name: orgName ?? DEFAULT_ORG_NAME, settings: defaultOrgSettings, createdAt: now }).returning();
      org = { id: row!.id, name: row!.name };
      await recordAudit(tx, null, now, { orgId: org.id, entityType: 'organization', entityId: org.id, action: 'created', after: { name: org.name } });
    }
    const [user] = await tx.insert(users).values({ orgId: org.id, name, email, passwordHash, role: 'admin', createdAt: now }).returning();
    await recordAudit(tx, null, now, { orgId: org.id, entityType: 'user', entityId: user!.id, action: 'created', after: { name, email, role: 'admin', source: 'cli' } });
    return { userId: user!.id, email, name, orgId: org.id, orgName: org.name, orgCreated };
  });
}

export function registerCreateAdmin(program: Command): void {
  program
    .command('create-admin')
    .description('create an admin (and the organisation, on an empty database)')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--password <password>', 'at least 10 characters with letters and digits')
    .option('--org-name <name>', `organisation to add the admin to; on an empty database, the new organisation's name (default "${DEFAULT_ORG_NAME}")`)
    .action((options: { email: string; name: string; password: string; orgName?: string }, command: Command) =>
      runCommand(command, async (output) => {
        checkCreateAdminInput(options);
        const { database } = await openMigratedDatabase(readEnv());
        try {
          const admin = await createAdmin(database.db, options, new Date());
          output.result(
            admin,
            `Created admin ${admin.email} in ${admin.orgCreated ? 'the new organisation' : 'the organisation'} "${admin.orgName}".`,
          );
        } finally {
          await database.close();
        }
      }),
    );
}

/** For `users import`: the organisation must already exist there. */
export async function requireOrganization(db: DbOrTx, orgName?: string): Promise<{ id: string; name: string }> {
  const org = await findTargetOrganization(db, orgName);
  if (!org) throw new CliError('The database has no organisation yet: run `liaison create-admin` first.');
  return org;
}
