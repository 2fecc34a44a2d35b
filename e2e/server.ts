import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/server/db/client.ts';
import { migrateDatabase } from '../src/server/bootstrap/first-start.ts';
import { seedDemo, type SeededDemo } from '../src/server/demo/seed-demo.ts';
import { startServer, type RunningServer } from '../src/server/server.ts';
import { loadEnv } from '../src/server/env.ts';
import { startThrowawayPostgres, type ThrowawayServer } from '../test/postgres-server.ts';

/** The password every demo person signs in with in the browser specs. */
export const E2E_PASSWORD = 'e2e-Passw0rd-Liaison';

export type E2eServer = { url: string; demo: SeededDemo; close(): Promise<void> };

export type E2eBackend = 'pglite' | 'postgres';

/**
 * The real server (src/server/server.ts: migrate, listen, serve the built web app) on a free port and a
 * throwaway database — a PGlite folder, or a PostgreSQL server of its own (live events then go through
 * LISTEN/NOTIFY) — holding the template's demo organisation, seeded beforehand with a known password so
 * the specs can sign in as its people.
 */
export async function startE2eServer(backend: E2eBackend = 'pglite'): Promise<E2eServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'liaison-e2e-'));
  let server: RunningServer | undefined;
  let postgres: ThrowawayServer | undefined;
  try {
    const url = backend === 'postgres' ? await (postgres = await startThrowawayPostgres()).createDatabase('liaison_e2e') : undefined;
    const database = await openDatabase(url ? { url } : { dataDir });
    let demo: SeededDemo;
    try {
      await migrateDatabase(database);
      demo = await seedDemo(database.db, { now: new Date(), password: E2E_PASSWORD });
    } finally {
      await database.close();
    }
    const env = loadEnv({ DATA_DIR: dataDir, ...(url ? { DATABASE_URL: url } : {}), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', LIAISON_DEMO: '0' });
    server = await startServer(env, { handleSignals: false, print: () => {} });
    const running = server;
    return {
      url: running.url,
      demo,
      close: async () => {
        await running.close();
        await postgres?.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.close().catch(() => {});
    await postgres?.stop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
