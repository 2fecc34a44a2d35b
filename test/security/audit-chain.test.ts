import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordAudit } from '../../src/server/commands/audit.ts';
import { queryRows, openDatabase, type Db } from '../../src/server/db/client.ts';
import { GENESIS_HASH, verifyAuditChain } from '../../src/server/audit/verify-chain.ts';
import { migrateDatabase } from '../../src/server/bootstrap/first-start.ts';
import { closeTestApp, buildTestApp, loginAs, type TestContext } from '../app.ts';
import { backendName } from '../database.ts';
import { buildOrganization, buildTemplateCast } from '../factories.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => closeTestApp(ctx));

/** Runs `body` with every trigger off for this transaction only, as a superuser with direct database access could. */
async function bypassingTriggers(db: Db, body: (tx: Db) => Promise<unknown>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await body(tx as unknown as Db);
  });
}

/** An organisation with `n` audit events written the way commands write them. */
async function orgWithEvents(db: Db, n: number): Promise<string> {
  const org = await buildOrganization(db);
  for (let i = 0; i < n; i++) {
    await db.transaction((tx) =>
      recordAudit(tx, null, new Date(Date.UTC(2024, 6, 8, 2, 0, i)), {
        orgId: org.id,
        entityType: 'remark',
        entityId: org.id,
        action: 'created',
        after: { text: `第 ${i} 条 "备注" \\ ${'😀'.repeat(i % 3)}`, n: i, nested: { at: new Date(Date.UTC(2024, 6, 8)), list: [1, 2.5, null] } },
      }),
    );
  }
  return org.id;
}

const eventsOf = (db: Db, orgId: string) =>
  queryRows<{ id: string; seq: string | number; prev_hash: string; hash: string }>(
    db,
    sql`SELECT id, seq, prev_hash, hash FROM audit_events WHERE org_id = ${orgId}::uuid ORDER BY seq`,
  );

describe('audit hash chain', () => {
  it('links every event of an organisation in order, from the genesis hash, as the API writes them', async () => {
    const cast = await buildTemplateCast(ctx.app.db);
    const head = await loginAs(ctx.app, cast.people.head);
    // Concurrent writers on one organisation: the chain still comes out linear and complete.
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => head.post(`/collaborations/${cast.collaboration.id}/remarks`, { text: `并发备注 ${i}`, kind: 'remark' })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
    const rows = await eventsOf(ctx.app.db, cast.org.id);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);

    const report = await verifyAuditChain(ctx.app.db, { orgId: cast.org.id });
    expect(report.breaks).toEqual([]);
    expect(report.events).toBe(rows.length);
    expect(report.organizations[0]!.headHash).toBe(rows.at(-1)!.hash);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit events, whoever asks', async () => {
    const orgId = await orgWithEvents(ctx.app.db, 2);
    const attempts = [
      sql`UPDATE audit_events SET action = 'forged' WHERE org_id = ${orgId}::uuid`,
      sql`DELETE FROM audit_events WHERE org_id = ${orgId}::uuid`,
      sql`TRUNCATE audit_events`,
    ];
    for (const attempt of attempts) {
      // Inside a transaction that is rolled back anyway: a missing guard must not wipe other files' rows.
      const outcome = await ctx.app.db
        .transaction(async (tx) => {
          await tx.execute(attempt);
          throw new Error('allowed');
        })
        .catch((error: Error) => error.message + ' ' + String((error as { cause?: Error }).cause?.message ?? ''));
      expect(outcome).toMatch(/append-only/);
    }
    expect((await verifyAuditChain(ctx.app.db, { orgId })).breaks).toEqual([]);
  });

  it('finds an event whose content was altered with the guard bypassed', async () => {
    const orgId = await orgWithEvents(ctx.app.db, 5);
    const rows = await eventsOf(ctx.app.db, orgId);
    await bypassingTriggers(ctx.app.db, (tx) => tx.execute(sql`UPDATE audit_events SET after = '{"text": "改过的"}' WHERE id = ${rows[2]!.id}::uuid`));
    const report = await verifyAuditChain(ctx.app.db, { orgId });
    expect(report.breaks).toHaveLength(1);
    expect(report.breaks[0]).toMatchObject({ orgId, problem: 'content_altered', seq: 3, eventId: rows[2]!.id, entityType: 'remark', action: 'created' });
  });

  it('finds a re-hashed event by its broken link to the next one', async () => {
    const orgId = await orgWithEvents(ctx.app.db, 4);
    const rows = await eventsOf(ctx.app.db, orgId);
    // A forger who recomputes the altered event's own hash still breaks the following link.
    await bypassingTriggers(ctx.app.db, async (tx) => {
      await tx.execute(sql`UPDATE audit_events SET after = '{"text": "改过的"}' WHERE id = ${rows[1]!.id}::uuid`);
      await tx.execute(sql`UPDATE audit_events e SET hash = audit_event_digest(e.prev_hash, e, e.seq) WHERE id = ${rows[1]!.id}::uuid`);
    });
    const [broken] = (await verifyAuditChain(ctx.app.db, { orgId })).breaks;
    expect(broken).toMatchObject({ problem: 'link_broken', seq: 3, eventId: rows[2]!.id });
  });

  it('finds a deleted event, events cut off the end, and an event inserted past the chain', async () => {
    const middle = await orgWithEvents(ctx.app.db, 4);
    const middleRows = await eventsOf(ctx.app.db, middle);
    await bypassingTriggers(ctx.app.db, (tx) => tx.execute(sql`DELETE FROM audit_events WHERE id = ${middleRows[1]!.id}::uuid`));
    expect((await verifyAuditChain(ctx.app.db, { orgId: middle })).breaks[0]).toMatchObject({ problem: 'event_missing', seq: 2, eventId: middleRows[2]!.id });

    const tail = await orgWithEvents(ctx.app.db, 3);
    const tailRows = await eventsOf(ctx.app.db, tail);
    await bypassingTriggers(ctx.app.db, (tx) => tx.execute(sql`DELETE FROM audit_events WHERE id = ${tailRows[2]!.id}::uuid`));
    expect((await verifyAuditChain(ctx.app.db, { orgId: tail })).breaks[0]).toMatchObject({ problem: 'head_mismatch', seq: 3 });

    const smuggled = await orgWithEvents(ctx.app.db, 2);
    await bypassingTriggers(ctx.app.db, (tx) =>
      tx.execute(sql`INSERT INTO audit_events (id, org_id, at, entity_type, entity_id, action) VALUES (gen_random_uuid(), ${smuggled}::uuid, now(), 'user', gen_random_uuid(), 'created')`),
    );
    expect((await verifyAuditChain(ctx.app.db, { orgId: smuggled })).breaks[0]).toMatchObject({ problem: 'unlinked', action: 'created' });
  });
});

const root = fileURLToPath(new URL('../..', import.meta.url));

function liaison(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn(process.execPath, ['src/cli/index.ts', ...args], { cwd: root, env: { ...inherited, LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.runIf(backendName() === 'pglite')('liaison audit verify (a process on PGlite in DATA_DIR)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liaison-audit-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints "audit chain intact" (exit 0), then names the first broken link after tampering (exit 1)', async () => {
    const env = { DATA_DIR: path.join(dir, 'data') };
    // Started from the migrated dump of test/global-setup.ts rather than a fresh initdb.
    const database = await openDatabase({ dataDir: env.DATA_DIR, loadDataDir: new Blob([readFileSync(inject('pgliteDump')!)]) });
    let tamperedId: string;
    try {
      await migrateDatabase(database);
      const orgId = await orgWithEvents(database.db, 3);
      tamperedId = (await eventsOf(database.db, orgId))[1]!.id;
    } finally {
      await database.close();
    }
    const intact = await liaison(['audit', 'verify'], env);
    expect(intact.stderr).toBe('');
    expect(intact.stdout).toContain('audit chain intact: 3 events');
    expect(intact.code).toBe(0);

    const again = await openDatabase({ dataDir: env.DATA_DIR });
    try {
      await bypassingTriggers(again.db, (tx) => tx.execute(sql`UPDATE audit_events SET action = 'deleted' WHERE id = ${tamperedId}::uuid`));
    } finally {
      await again.close();
    }
    const broken = await liaison(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('audit chain broken');
    expect(broken.stderr).toContain(`event #2 was altered`);
    expect(broken.stderr).toContain(tamperedId);

    const json = await liaison(['audit', 'verify', '--json'], env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error.breaks[0]).toMatchObject({ problem: 'content_altered', seq: 2, eventId: tamperedId });
  }, 180_000);
});
