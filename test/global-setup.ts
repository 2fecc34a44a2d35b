import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/db/client.ts';
import type { Backend } from './database.ts';

const run = promisify(execFile);
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
  const server = await startServer();
  try {
    const url = `postgres://postgres@127.0.0.1:${server.port}/${databaseName}`;
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${server.port}/postgres` });
    await admin.connect();
    try {
      await admin.query(`create database ${databaseName}`);
    } finally {
      await admin.end();
    }
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

type Server = { port: number; stop(): Promise<void> };

async function startServer(): Promise<Server> {
  const bin = findServerBinaries();
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'liaison-postgres-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  if (asRoot) chownSync(dir, postgresUid(), postgresGid());

  // initdb and postgres refuse to run as root, so root runs them as the postgres OS user.
  const command = (program: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args]] : [path.join(bin, program), args];
  const exec = async (program: string, args: string[]) => {
    const [file, argv] = command(program, args);
    // cwd: the postgres user may not be allowed into the project folder.
    return run(file, argv, { cwd: dir });
  };
  const execSync = (program: string, args: string[]) => {
    const [file, argv] = command(program, args);
    execFileSync(file, argv, { cwd: dir, stdio: 'ignore' });
  };

  let started = false;
  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    try {
      if (started) execSync('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // Leave no server behind if vitest exits without running the teardown (Ctrl-C, a crash).
  process.once('exit', stopSync);
  const stop = async () => {
    process.off('exit', stopSync);
    if (stopped) return;
    stopped = true;
    try {
      if (started) await exec('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  try {
    const initdb = ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'];
    try {
      await exec('initdb', [...initdb, '--locale=C.UTF-8']);
    } catch {
      // Older systems lack the C.UTF-8 locale; the plain C locale sorts the same for our purposes.
      rmSync(dataDir, { recursive: true, force: true });
      await exec('initdb', [...initdb, '--locale=C']);
    }
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      // A throwaway server: durability only costs time here.
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    started = true;
    try {
      await exec('pg_ctl', ['start', '-w', '-D', dataDir, '-l', logFile, '-o', options]);
    } catch (error) {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(no server log)';
      throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`);
    }
    return { port, stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

/** The newest installed server's bin folder, e.g. /usr/lib/postgresql/15/bin (Debian's layout). */
function findServerBinaries(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(path.join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0) {
    throw new Error(
      'The postgres test project needs a PostgreSQL server: no /usr/lib/postgresql/<major>/bin/initdb found. ' +
        'Install it (apt-get install postgresql), set TEST_DATABASE_URL to an existing database, ' +
        'or run only the other projects (npx vitest run --project unit --project pglite).',
    );
  }
  return path.join(root, majors[0]!, 'bin');
}

function postgresUid(): number {
  return Number(idOf('-u'));
}

function postgresGid(): number {
  return Number(idOf('-g'));
}

function idOf(flag: '-u' | '-g'): string {
  try {
    return execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'Running as root, the postgres test project starts the server as the "postgres" OS user, which does not exist. ' +
        'Installing the postgresql package creates it.',
    );
  }
}

/** A port free right now, found by letting the OS pick one. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
