/**
 * A PostgreSQL 15 cluster kept under bench/.data/<name>, so a seeded million-item database is built once
 * and reused by every later run. Started with settings tuned for this machine (two cores, the load
 * generator beside it) and full durability: fsync, synchronous_commit and full_page_writes stay on.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const run = promisify(execFile);

export const benchDataDir = fileURLToPath(new URL('./.data', import.meta.url));

/**
 * The tuning, stated in the results: memory for a 2-core machine with room for the app and the load
 * generator; random_page_cost for SSD; JIT off (it costs milliseconds on short OLTP queries and buys
 * nothing here); parallel workers limited to the cores there are. Durability is the server default.
 */
export const tunedSettings: Record<string, string> = {
  max_connections: '100',
  shared_buffers: '2GB',
  effective_cache_size: '6GB',
  work_mem: '16MB',
  maintenance_work_mem: '512MB',
  random_page_cost: '1.1',
  effective_io_concurrency: '200',
  max_worker_processes: '4',
  max_parallel_workers: '2',
  max_parallel_workers_per_gather: '1',
  max_parallel_maintenance_workers: '2',
  wal_buffers: '16MB',
  max_wal_size: '8GB',
  min_wal_size: '1GB',
  checkpoint_timeout: '15min',
  checkpoint_completion_target: '0.9',
  jit: 'off',
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
};

export type Cluster = {
  port: number;
  url(database?: string): string;
  /** Creates the database when missing; answers its URL. */
  ensureDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
  settings: Record<string, string>;
};

const asRoot = userInfo().uid === 0;

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((n) => /^\d+$/.test(n) && existsSync(path.join(root, n, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!majors.length) throw new Error('No PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql).');
  return path.join(root, majors[0]!, 'bin');
}

async function idOf(flag: '-u' | '-g'): Promise<number> {
  const { stdout } = await run('id', [flag, 'postgres']);
  return Number(stdout.trim());
}

/** Starts (initialising on first use) the cluster in bench/.data/<name>. */
export async function startCluster(name: string, extra: Record<string, string> = {}): Promise<Cluster> {
  const bin = binDir();
  const dir = path.join(benchDataDir, name);
  const dataDir = path.join(dir, 'data');
  mkdirSync(dir, { recursive: true });
  if (asRoot) {
    const [uid, gid] = [await idOf('-u'), await idOf('-g')];
    chownSync(dir, uid, gid);
  }
  const exec = (program: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args], { cwd: dir }) : run(path.join(bin, program), args, { cwd: dir });

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await exec('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
  }
  // A server left running by an interrupted run is stopped first, so the settings below apply.
  if (existsSync(path.join(dataDir, 'postmaster.pid'))) await exec('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w']).catch(() => {});
  const settings = { ...tunedSettings, ...extra };
  const port = await freePort();
  const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
  const logFile = path.join(dir, 'server.log');
  try {
    await exec('pg_ctl', ['start', '-w', '-t', '600', '-D', dataDir, '-l', logFile, '-o', options]);
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '';
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`);
  }
  writeFileSync(path.join(dir, 'port'), String(port));
  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    try {
      const args = ['stop', '-D', dataDir, '-m', 'fast', '-w'];
      const file = asRoot ? 'runuser' : path.join(bin, 'pg_ctl');
      const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...args] : args;
      execFileSync(file, argv, { cwd: dir, stdio: 'ignore' });
    } catch {
      // already down
    }
  };
  process.once('exit', stopSync);
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    settings,
    async ensureDatabase(database) {
      const admin = new pg.Client({ connectionString: url() });
      await admin.connect();
      try {
        const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (!rowCount) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
      } finally {
        await admin.end();
      }
      return url(database);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', stopSync);
      await exec('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '600']);
    },
  };
}

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
