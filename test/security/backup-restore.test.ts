import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, queryRows, type Database } from '../../src/server/db/client.ts';
import { attachmentStorage } from '../../src/server/attachments/storage.ts';
import { writeBackup } from '../../src/server/backup/write-backup.ts';
import { readBackupLines, type BackupTrailer } from '../../src/server/backup/format.ts';
import { restoreBackup, RestoreRefused } from '../../src/server/backup/restore-backup.ts';
import { applicationTables, databaseDigest } from '../../src/server/backup/tables.ts';
import { verifyAuditChain } from '../../src/server/audit/verify-chain.ts';
import { startServer } from '../../src/server/server.ts';
import { loadEnv } from '../../src/server/env.ts';
import { buildApp } from '../../src/server/app.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { buildTestApp, loginAs, type TestContext } from '../app.ts';
import { backendName } from '../database.ts';
import { buildTemplateCast } from '../factories.ts';
import { PNG, multipartBody, xlsx } from '../attachment-files.ts';

let ctx: TestContext;
let dir: string;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
const targets: { close(): Promise<void> }[] = [];

/** An empty database to restore into: a new database on the test server, or a fresh PGlite. */
async function emptyDatabase(kind = backendName()): Promise<Database> {
  if (kind === 'pglite') {
    const dump = inject('pgliteDump');
    const database = await openDatabase(dump ? { dataDir: 'memory://', loadDataDir: new Blob([readFileSync(dump)]) } : { dataDir: 'memory://' });
    targets.push(database);
    return database;
  }
  const source = new URL(inject('databaseUrl')!);
  const name = `liaison_restore_${Math.random().toString(16).slice(2, 10)}`;
  const admin = new URL(source);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  await client.end();
  source.pathname = `/${name}`;
  const database = await openDatabase({ url: source.toString(), poolSize: 2 });
  targets.push({
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: admin.toString() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await dropper.end();
    },
  });
  return database;
}

async function trailerOf(file: string): Promise<BackupTrailer> {
  let trailer: BackupTrailer | undefined;
  for await (const line of readBackupLines(file)) if (line.kind === 'E') trailer = JSON.parse(line.payload) as BackupTrailer;
  return trailer!;
}

/** Every table of `database`, row count and digest, compared with what the backup recorded. */
async function expectSameTables(database: Database, trailer: BackupTrailer) {
  const digests = await database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
    return databaseDigest(tx, await applicationTables(tx));
  });
  expect(Object.keys(digests).sort()).toEqual(Object.keys(trailer.tables).sort());
  for (const [table, digest] of Object.entries(trailer.tables)) expect(digests[table], table).toEqual(digest);
}

/**
 * The source database: on PostgreSQL a database of its own, since the test server's shared database holds
 * other test files' rows (attachments whose files live elsewhere, rows written around triggers) that a
 * whole-database backup would rightly carry.
 */
async function sourceApp(): Promise<TestContext> {
  if (backendName() === 'pglite') return buildTestApp();
  const database = await emptyDatabase('postgres');
  await database.migrate();
  const clock = fixedClock('2024-07-08T10:00:00+08:00');
  const app = await buildApp({ database, clock });
  await app.ready();
  return { app, database, clock };
}

beforeAll(async () => {
  ctx = await sourceApp();
  dir = mkdtempSync(path.join(tmpdir(), 'liaison-backup-test-'));
  cast = await buildTemplateCast(ctx.app.db);
  const head = await loginAs(ctx.app, cast.people.head);
  const engineer = await loginAs(ctx.app, cast.people.engineer);
  const item = await head.post(`/collaborations/${cast.collaboration.id}/action-items`, {
    description: '完成发布会主视觉设计',
    ownerId: cast.people.engineer.id,
    dueDate: '2024-07-15',
    deliverable: '主视觉设计稿',
  });
  const secret = await head.post(`/collaborations/${cast.collaboration.id}/action-items`, {
    description: '预算明细：场地 12 万',
    ownerId: cast.people.engineer.id,
    dueDate: '2024-07-20',
    deliverable: '预算表',
    sensitive: true,
    visibleToUserIds: [cast.people.head.id, cast.people.engineer.id],
  });
  await engineer.post(`/action-items/${item.body.id}/updates`, { progress: 80, statusText: '设计中-完成80%' });
  await head.post(`/collaborations/${cast.collaboration.id}/remarks`, { text: '风险：场地可能延期 "引号" \\ 反斜杠 😀', kind: 'risk' });
  for (const [id, name, bytes] of [[item.body.id, '设计稿.png', PNG], [secret.body.id, '预算.xlsx', await xlsx()]] as const) {
    const body = multipartBody(name, bytes);
    expect((await engineer.request('POST', `/action-items/${id}/attachments`, body.payload, body.headers)).status).toBe(201);
  }
});

afterAll(async () => {
  await ctx?.app.close();
  // On PostgreSQL the source database is one of the targets, dropped after it is closed.
  if (backendName() === 'pglite') await ctx?.database.close();
  for (const t of targets) await t.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

describe('liaison backup / restore (round trip)', () => {
  it('restores every table and attachment exactly, taken while writes continue', async () => {
    const file = path.join(dir, 'round-trip.liaison-backup');
    const head = await loginAs(ctx.app, cast.people.head);
    // Writes racing the backup land either wholly in its snapshot or wholly after it.
    const [summary] = await Promise.all([
      writeBackup(ctx.database, ctx.app.attachments, file),
      ...Array.from({ length: 8 }, (_, i) => head.post(`/collaborations/${cast.collaboration.id}/remarks`, { text: `备份期间的备注 ${i}`, kind: 'remark' })),
    ]);
    expect(summary.tables).toBeGreaterThan(15);
    expect(summary.files).toBeGreaterThanOrEqual(2);
    expect(summary.missingFiles).toEqual([]);
    const trailer = await trailerOf(file);

    const target = await emptyDatabase();
    const storage = attachmentStorage(path.join(dir, 'restored-attachments'));
    const restored = await restoreBackup(target, storage, file);
    expect(restored).toMatchObject({ tables: summary.tables, rows: summary.rows, files: summary.files, migratedAfter: 0 });
    await expectSameTables(target, trailer);
    for (const { sha256 } of await queryRows<{ sha256: string }>(target.db, sql`SELECT DISTINCT sha256 FROM attachments`)) {
      expect((await storage.read(sha256)).equals(await ctx.app.attachments.read(sha256))).toBe(true);
    }
    // The history comes back as it was, hash chain and all.
    expect((await verifyAuditChain(target.db, { orgId: cast.org.id })).breaks).toEqual([]);

    // An existing database is refused unless --force, which replaces it.
    await expect(restoreBackup(target, storage, file)).rejects.toThrow(RestoreRefused);
    await expect(restoreBackup(target, storage, file)).rejects.toThrow(/not empty.*--force/);
    await expect(restoreBackup(target, storage, file, { force: true })).resolves.toMatchObject({ rows: summary.rows });
    await expectSameTables(target, trailer);
  });

  it('refuses a cut-off or foreign file and leaves the target empty', async () => {
    const file = path.join(dir, 'whole.liaison-backup');
    await writeBackup(ctx.database, ctx.app.attachments, file);
    const whole = readFileSync(file);
    const cut = path.join(dir, 'cut.liaison-backup');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const foreign = path.join(dir, 'foreign.txt');
    writeFileSync(foreign, 'name,email\n');

    const target = await emptyDatabase();
    const storage = attachmentStorage(path.join(dir, 'cut-attachments'));
    await expect(restoreBackup(target, storage, cut)).rejects.toThrow(/incomplete|damaged|unexpected end/i);
    await expect(restoreBackup(target, storage, foreign)).rejects.toThrow(/not a Liaison backup/);
    const [orgs] = await queryRows<{ n: number }>(target.db, sql`SELECT count(*)::int AS n FROM organizations`);
    expect(orgs!.n).toBe(0);
  });

  it.runIf(backendName() === 'postgres')('moves a PostgreSQL backup into PGlite with every table equal', async () => {
    const file = path.join(dir, 'to-pglite.liaison-backup');
    await writeBackup(ctx.database, ctx.app.attachments, file);
    const target = await openDatabase({ dataDir: 'memory://' });
    targets.push(target);
    await restoreBackup(target, attachmentStorage(path.join(dir, 'pglite-attachments')), file);
    await expectSameTables(target, await trailerOf(file));
  }, 120_000);
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

/** A PGlite folder started from the migrated dump (an empty database, without running initdb again). */
async function migratedFolder(dataDir: string): Promise<void> {
  const database = await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(inject('pgliteDump')!)]) });
  await database.close();
}

describe.runIf(backendName() === 'pglite')('the liaison backup and restore commands on PGlite', () => {
  it('backs up through the running server, refuses to restore under it, and restores into a new folder', async () => {
    const source = { DATA_DIR: path.join(dir, 'served'), ATTACHMENTS_DIR: path.join(dir, 'served-attachments') };
    await migratedFolder(source.DATA_DIR);
    const server = await startServer(loadEnv({ ...source, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', LIAISON_DEMO: '1' }), {
      handleSignals: false,
      worker: false,
      print: () => {},
    });
    const file = path.join(dir, 'served.liaison-backup');
    try {
      const backup = await liaison(['backup', file, '--json'], source);
      expect(backup.stderr).toBe('');
      expect(backup.code, backup.stdout).toBe(0);
      expect(JSON.parse(backup.stdout)).toMatchObject({ file, tables: expect.any(Number), rows: expect.any(Number) });
      const refused = await liaison(['restore', file], source);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('stop it before restoring');
      expect((await liaison(['backup', file], source)).stderr).toContain('already exists');
    } finally {
      await server.close();
    }
    const copy = { DATA_DIR: path.join(dir, 'restored'), ATTACHMENTS_DIR: path.join(dir, 'restored-cli-attachments') };
    await migratedFolder(copy.DATA_DIR);
    const restored = await liaison(['restore', file], copy);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(/Restored .* every table matches the backup/);
    expect(restored.code).toBe(0);
    const again = await liaison(['restore', file], copy);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');

    const database = await openDatabase({ dataDir: copy.DATA_DIR });
    try {
      await expectSameTables(database, await trailerOf(file));
      expect((await verifyAuditChain(database.db)).breaks).toEqual([]);
    } finally {
      await database.close();
    }
    expect(existsSync(path.join(copy.DATA_DIR, 'PG_VERSION'))).toBe(true);
  }, 300_000);
});
