/**
 * `npm start`'s server as a child process: `node src/cli/index.ts serve` on the production build of the web
 * app (scripts/build-web.ts runs first, as in `npm start`), with the demo off. Cold start is measured from
 * spawn to the first answered HTTP request.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A fixed sealing key, so the bench never writes ./data/secret.key and several instances agree. */
const BENCH_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

export type ServerProcess = {
  url: string;
  pid: number;
  coldStartMs: number;
  stop(): Promise<void>;
  /** What the server printed (warnings and errors only: LOG_LEVEL=warn). */
  output(): string;
};

/** Builds dist/web when stale, exactly as `npm start` does before serving. */
export function buildWebApp(): void {
  const result = spawnSync(process.execPath, ['scripts/build-web.ts'], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('scripts/build-web.ts failed');
}

export async function startServerProcess(database: { DATABASE_URL: string } | { DATA_DIR: string }, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const start = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['src/cli/index.ts', 'serve'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      ...database,
      PORT: String(port),
      HOST: '127.0.0.1',
      LIAISON_DEMO: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      LIAISON_SECRET_KEY: BENCH_SECRET_KEY,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code ?? -1), resolve())));
  for (;;) {
    if (exited !== null) throw new Error(`server exited with ${exited} before answering:\n${output}`);
    try {
      const response = await fetch(`${url}/api/v1/auth/me`);
      await response.arrayBuffer();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
    if (performance.now() - start > 600_000) throw new Error(`server did not answer within 10 minutes:\n${output}`);
  }
  const coldStartMs = performance.now() - start;
  return {
    url,
    pid: child.pid!,
    coldStartMs,
    output: () => output,
    async stop() {
      if (exited !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
