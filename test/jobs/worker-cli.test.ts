import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { backendName } from '../database.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'liaison-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('liaison worker', () => {
  // The command reads DATA_DIR / DATABASE_URL like the server; one back end is enough to show the process.
  it.skipIf(backendName() !== 'pglite')('migrates, runs the jobs apart from the web server and stops gracefully on SIGTERM', async () => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn(process.execPath, ['src/cli/index.ts', 'worker'], { cwd: root, env: { ...inherited, DATA_DIR: path.join(dir, 'data') } });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk;
        if (stderr.includes('Liaison worker running')) resolve();
      });
      void exited.then((code) => reject(new Error(`worker exited with ${code}: ${stderr}`)));
    });
    expect(stderr).toContain(`PGlite in ${path.join(dir, 'data')}`);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('Liaison worker stopped');
  }, 60_000);
});
