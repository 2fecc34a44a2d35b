import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export type ThrowawayServer = {
  port: number;
  /** Creates `name` and answers its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
};

/**
 * A PostgreSQL server in a temp folder on a free loopback port, for tests and benchmarks; `durable: false`
 * (tests) turns fsync off, `durable: true` (benchmarks, crash tests) keeps the server's defaults.
 */
export async function startThrowawayPostgres(config: { durable?: boolean; settings?: string[] } = {}): Promise<ThrowawayServer> {
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
      // A throwaway test server: durability only costs time there.
      ...(config.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
      ...(config.settings ?? []).map((s) => `-c ${s}`),
    ].join(' ');
    started = true;
    try {
      await exec('pg_ctl', ['start', '-w', '-D', dataDir, '-l', logFile, '-o', options]);
    } catch (error) {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(no server log)';
      throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`);
    }
    const createDatabase = async (name: string) => {
      const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
      await admin.connect();
      try {
        await admin.query(`create database ${pg.escapeIdentifier(name)}`);
      } finally {
        await admin.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    };
    return { port, createDatabase, stop };
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
