import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/db/client.ts';
import type { Backend } from './database.ts';
import { startThrowawayPostgres } from './postgres-server.ts';

const databaseName = 'liaison_test';

/**
 * Vitest global setup, once per database project: prepares the back end named by the project's
 * TEST_DB and provides what test/database.ts needs to open it. Returns the teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const backend = (project.config.env.TEST_DB ?? project.name) as Backend;
  if (backend === 'pglite') return setupPglite(project);
  if (backend === 'postgres') return setupPostgres(project);
  throw new Error(`test/global-setup.ts: unknown TEST_DB "${backend}" (expected pglite or postgres)`);
}

/** Migrate once into memory and dump it; every test file then starts from the dump in milliseconds. */
async function setupPglite(project: TestProject): Promise<() => Promise<void>> {
  const database = await openDatabase({ dataDir: 'memory://' });
  let dir: string;
  try {
    await database.migrate();
    const dump = await (database as unknown as PgliteHandle).pglite.dumpDataDir('none');
    dir = mkdtempSync(path.join(tmpdir(), 'liaison-pglite-'));
    writeFileSync(path.join(dir, 'migrated.tar'), Buffer.from(await dump.arrayBuffer()));
  } finally {
    await database.close();
  }
  project.provide('pgliteDump', path.join(dir, 'migrated.tar'));
  return async () => rmSync(dir, { recursive: true, force: true });
}

type PgliteHandle = { pglite: { dumpDataDir(compression: 'none'): Promise<Blob> } };

/** TEST_DATABASE_URL when given; otherwise a throwaway PostgreSQL server in a temp folder. */
async function setupPostgres(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    await migrate(given);
    project.provide('databaseUrl', given);
    return async () => {};
  }
  const server = await startThrowawayPostgres();
  try {
    const url = await server.createDatabase(databaseName);
    await migrate(url);
    project.provide('databaseUrl', url);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server.stop;
}

async function migrate(url: string): Promise<void> {
  const database = await openDatabase({ url, poolSize: 1 });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
}
