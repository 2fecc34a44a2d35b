import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase, queryRows } from '../../src/server/db/client.ts';
import { backendName } from '../database.ts';
import { runCrashTrials } from './crash-trials.ts';

/**
 * One crash trial on the back end of the running project, so `npm test` keeps the kill -9 path alive;
 * `npm run test:security` runs more. On PostgreSQL it uses the test server (a database of its own).
 */
describe('crash safety (one SIGKILL trial)', () => {
  it('keeps every acknowledged write and leaves nothing half-written after the server is killed', async () => {
    const backend = backendName();
    const result = await runCrashTrials(
      backend === 'pglite'
        ? { backend: 'pglite', trials: 1, pgliteDump: inject('pgliteDump')! }
        : { backend: 'postgresql', trials: 1, databaseUrl: inject('databaseUrl')! },
    );
    expect(result.details.join('\n')).not.toMatch(/NOT CLEAN|could not run/);
    expect(result).toMatchObject({ total: 1, clean: 1 });
  }, 240_000);

  it.runIf(backendName() === 'pglite')('PGlite on disk fsyncs the WAL of every commit (PGlite alone never does)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'liaison-durable-'));
    const database = await openDatabase({ dataDir: path.join(dir, 'data'), loadDataDir: new Blob([readFileSync(inject('pgliteDump')!)]) });
    try {
      const settings = await queryRows<{ name: string; setting: string }>(database.db, sql`SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'wal_sync_method', 'synchronous_commit')`);
      expect(Object.fromEntries(settings.map((s) => [s.name, s.setting]))).toEqual({ fsync: 'on', wal_sync_method: 'fsync', synchronous_commit: 'on' });
      // Count the file syncs PostgreSQL asks the file system for while one row commits.
      const ops = (database as unknown as { pglite: { Module: { NODEFS: { stream_ops: { fsync: (s: unknown) => number } } } } }).pglite.Module.NODEFS.stream_ops;
      const sync = ops.fsync;
      let calls = 0;
      ops.fsync = (stream) => {
        calls++;
        return sync(stream);
      };
      await database.db.execute(sql`INSERT INTO login_failures (id, key, at) VALUES (gen_random_uuid(), 'durability-probe', now())`);
      expect(calls).toBeGreaterThanOrEqual(1);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
