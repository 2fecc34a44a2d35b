import type { Command } from 'commander';
import { eq, sql } from 'drizzle-orm';
import { FIRST_START_LOCK, firstStartMessage } from '../../server/bootstrap/first-start.ts';
import type { Db } from '../../server/db/client.ts';
import { organizations, users } from '../../server/db/schema/index.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_ORG_NAME, seedDemo, type SeededDemo } from '../../server/demo/seed-demo.ts';
import type { Env } from '../../server/env.ts';
import { CliError, runCommand } from '../output/print.ts';
import { openMigratedDatabase, readEnv } from './migrate.ts';

/**
 * Seeds the demo organisation unless it is already there (by its name or its admin's email); the
 * check and the seed share the first-start lock, so a server starting meanwhile cannot seed it twice.
 */
export async function seedDemoOnce(db: Db, now: Date): Promise<SeededDemo> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${FIRST_START_LOCK})`);
    const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
    const [admin] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${`admin@${DEMO_EMAIL_DOMAIN}`}`);
    if (org || admin) throw new CliError(`The demo organisation ${DEMO_ORG_NAME} already exists; nothing was changed.`);
    return seedDemo(tx, { now });
  });
}

function appUrl(env: Env): string {
  return env.PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${env.PORT}`;
}

export function registerSeedDemo(program: Command): void {
  program
    .command('seed-demo')
    .description(`seed the demo organisation ${DEMO_ORG_NAME} (the template's example) and print its sign-in`)
    .action((_options, command: Command) =>
      runCommand(command, async (output) => {
        const env = readEnv();
        const { database } = await openMigratedDatabase(env);
        try {
          const demo = await seedDemoOnce(database.db, new Date());
          const sampleEmails = [demo.users.marketHead.email, demo.users.recorder.email, demo.users.designer.email, demo.users.pmo.email];
          output.result(
            { orgId: demo.orgId, orgName: DEMO_ORG_NAME, collaborationId: demo.collaborationId, adminEmail: demo.adminEmail, password: demo.password, sampleEmails },
            firstStartMessage(
              { kind: 'demo', orgId: demo.orgId, orgName: DEMO_ORG_NAME, adminEmail: demo.adminEmail, adminPassword: demo.password, demoPassword: demo.password, sampleEmails },
              appUrl(env),
              false,
            )!,
          );
        } finally {
          await database.close();
        }
      }),
    );
}
