import { count, sql } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords.ts';
import { passwordProblem, passwordProblemText } from '../auth/password-policy.ts';
import { recordAudit } from '../commands/audit.ts';
import type { Database, DbOrTx } from '../db/client.ts';
import { organizations, users } from '../db/schema/index.ts';
import { DEMO_ORG_NAME, seedDemo } from '../demo/seed-demo.ts';
import { defaultOrgSettings } from '../../shared/org-settings.ts';

/** Name of the organisation made for LIAISON_ADMIN_EMAIL when no demo is wanted; renamed in the settings page. */
export const DEFAULT_ORG_NAME = '我的公司';

/**
 * Key of the transaction-scoped advisory lock that serializes first starts: two instances starting on
 * one empty PostgreSQL database both wait here, and the second finds the organisation the first made.
 */
export const FIRST_START_LOCK = 0x4c69_6169; // "Liai"
const MIGRATE_LOCK = 0x4c69_6100;

export type FirstStartSettings = {
  adminEmail?: string | undefined;
  adminPassword?: string | undefined;
  demo: boolean;
};

export type FirstStartResult =
  /** The database already had an organisation: nothing was created. */
  | { kind: 'existing' }
  /** Empty, and neither an admin nor the demo was asked for. */
  | { kind: 'empty' }
  | { kind: 'admin'; orgId: string; orgName: string; adminEmail: string }
  | {
      kind: 'demo';
      orgId: string;
      orgName: string;
      adminEmail: string;
      /** Set only when generated here; an operator's own LIAISON_ADMIN_PASSWORD is never echoed. */
      adminPassword: string | null;
      /** The password every demo person shares, to be shown once. */
      demoPassword: string;
      sampleEmails: string[];
    };

/**
 * Makes an empty database usable on first start (API.md "Start-up"): LIAISON_ADMIN_EMAIL/PASSWORD become
 * an admin, and the demo organisation is seeded unless LIAISON_DEMO=0. Does nothing once any organisation
 * exists, so every later start — and a second instance racing this one — creates nothing.
 */
export async function runFirstStart(database: Database, settings: FirstStartSettings, now: Date): Promise<FirstStartResult> {
  if (Boolean(settings.adminEmail) !== Boolean(settings.adminPassword)) {
    throw new Error('Set both LIAISON_ADMIN_EMAIL and LIAISON_ADMIN_PASSWORD, or neither.');
  }
  const problem = settings.adminPassword === undefined ? null : passwordProblem(settings.adminPassword, { email: settings.adminEmail });
  if (problem) throw new Error(`LIAISON_ADMIN_PASSWORD ${passwordProblemText[problem]}.`);
  // The common case — a database in use — answers without hashing or locking.
  if (await hasOrganization(database.db)) return { kind: 'existing' };
  if (!settings.adminEmail && !settings.demo) return { kind: 'empty' };

  const adminHash = !settings.demo && settings.adminPassword ? await hashPassword(settings.adminPassword) : null;
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${FIRST_START_LOCK})`);
    if (await hasOrganization(tx)) return { kind: 'existing' } as const;

    if (settings.demo) {
      const demo = await seedDemo(tx, {
        now,
        ...(settings.adminEmail ? { adminEmail: settings.adminEmail, adminPassword: settings.adminPassword! } : {}),
      });
      return {
        kind: 'demo',
        orgId: demo.orgId,
        orgName: DEMO_ORG_NAME,
        adminEmail: demo.adminEmail,
        adminPassword: settings.adminEmail ? null : demo.password,
        demoPassword: demo.password,
        sampleEmails: [demo.users.marketHead.email, demo.users.recorder.email, demo.users.designer.email, demo.users.pmo.email],
      } as const;
    }

    const [org] = await tx.insert(organizations).values({ name: DEFAULT_ORG_NAME, settings: defaultOrgSettings, createdAt: now }).returning();
    const [admin] = await tx
      .insert(users)
      .values({ orgId: org!.id, name: '管理员', email: settings.adminEmail!, passwordHash: adminHash!, role: 'admin', createdAt: now })
      .returning();
    await recordAudit(tx, null, now, { orgId: org!.id, entityType: 'organization', entityId: org!.id, action: 'created', after: { name: org!.name } });
    await recordAudit(tx, null, now, { orgId: org!.id, entityType: 'user', entityId: admin!.id, action: 'created', after: { name: admin!.name, email: admin!.email, role: 'admin' } });
    return { kind: 'admin', orgId: org!.id, orgName: org!.name, adminEmail: admin!.email } as const;
  });
}

/**
 * Migrates with the same kind of lock on PostgreSQL, because Drizzle's migrator does not lock: two
 * instances upgrading one server at once would both apply the same migration. The lock is held by an
 * open transaction on one pooled connection while the migrator works on another. PGlite has a single
 * connection and a single process, so it migrates directly.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind !== 'postgres') return database.migrate();
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATE_LOCK})`);
    await database.migrate();
  });
}

async function hasOrganization(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(organizations);
  return (row?.n ?? 0) > 0;
}

/** Terminal columns a string takes: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

/** Lines framed in a box, padded by display width so Chinese text lines up. */
export function boxed(lines: string[]): string {
  const inner = Math.max(...lines.map(displayWidth));
  const rule = '─'.repeat(inner + 2);
  const body = lines.map((line) => `│ ${line}${' '.repeat(inner - displayWidth(line))} │`);
  return [`┌${rule}┐`, ...body, `└${rule}┘`].join('\n');
}

/**
 * What to print after first start, or null when there is nothing new to say. The box carries the one
 * copy of a generated password; the operator's own password is never repeated.
 */
export function firstStartMessage(result: FirstStartResult, url: string, onFirstStart = true): string | null {
  if (result.kind === 'existing') return null;
  if (result.kind === 'empty') {
    return boxed([
      'The database is empty and LIAISON_DEMO=0: nobody can sign in yet.',
      '数据库为空：请先创建管理员',
      'Create an admin:  npm run liaison -- create-admin --email <email> --name <name> --password <password>',
    ]);
  }
  if (result.kind === 'admin') {
    return boxed([`Liaison is ready · 已就绪 (${result.orgName})`, '', `URL       ${url}`, `Email     ${result.adminEmail}`, 'Password  (as set in LIAISON_ADMIN_PASSWORD)']);
  }
  const lines = [`Liaison demo organisation · 演示组织：${result.orgName}`, '', `URL       ${url}`, `Email     ${result.adminEmail}  (admin · 管理员)`];
  if (result.adminPassword) {
    lines.push(`Password  ${result.adminPassword}`, '', 'Every demo person signs in with the same password, e.g.:');
  } else {
    lines.push('Password  (as set in LIAISON_ADMIN_PASSWORD)', '', `Demo people sign in with the password ${result.demoPassword}, e.g.:`);
  }
  lines.push(...result.sampleEmails.map((email) => `  ${email}`), '', `Shown only once: note it now.${onFirstStart ? ' No demo: LIAISON_DEMO=0.' : ''}`);
  return boxed(lines);
}
