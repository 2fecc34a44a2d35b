import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
const root = fileURLToPath(new URL('..', import.meta.url));
let dir = '';
describe('x', () => {
  it('serves0: seeds the demo on a fresh directory and prints the login once, answers, and stops on SIGTERM with exit 0', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'zz-')); const serveEnv = { DATA_DIR: path.join(dir, 'served'), PORT: '0', HOST: '127.0.0.1' };
    const first = await serveUntilListening(serveEnv);
    const url = first.output.match(/Liaison listening on (\S+)/)![1]!;
    const password = first.output.match(/Password\s+(\S+)/)![1]!;
    expect(first.output).toContain('admin@demo.liaison.local');
    const openapi = await fetch(`${url}/api/v1/openapi.json`);
    expect(openapi.status).toBe(200);
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'li.jingli@demo.liaison.local', password }) });
    expect(login.status).toBe(200);
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await serveUntilListening(serveEnv);
    expect(second.output).not.toMatch(/Password/);
    expect(await second.stop('SIGINT')).toBe(0);
  }, 60_000);


  it('serves1: seeds the demo on a fresh directory and prints the login once, answers, and stops on SIGTERM with exit 0', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'zz-')); const serveEnv = { DATA_DIR: path.join(dir, 'served'), PORT: '0', HOST: '127.0.0.1' };
    const first = await serveUntilListening(serveEnv);
    const url = first.output.match(/Liaison listening on (\S+)/)![1]!;
    const password = first.output.match(/Password\s+(\S+)/)![1]!;
    expect(first.output).toContain('admin@demo.liaison.local');
    const openapi = await fetch(`${url}/api/v1/openapi.json`);
    expect(openapi.status).toBe(200);
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'li.jingli@demo.liaison.local', password }) });
    expect(login.status).toBe(200);
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await serveUntilListening(serveEnv);
    expect(second.output).not.toMatch(/Password/);
    expect(await second.stop('SIGINT')).toBe(0);
  }, 60_000);


  it('serves2: seeds the demo on a fresh directory and prints the login once, answers, and stops on SIGTERM with exit 0', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'zz-')); const serveEnv = { DATA_DIR: path.join(dir, 'served'), PORT: '0', HOST: '127.0.0.1' };
    const first = await serveUntilListening(serveEnv);
    const url = first.output.match(/Liaison listening on (\S+)/)![1]!;
    const password = first.output.match(/Password\s+(\S+)/)![1]!;
    expect(first.output).toContain('admin@demo.liaison.local');
    const openapi = await fetch(`${url}/api/v1/openapi.json`);
    expect(openapi.status).toBe(200);
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'li.jingli@demo.liaison.local', password }) });
    expect(login.status).toBe(200);
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await serveUntilListening(serveEnv);
    expect(second.output).not.toMatch(/Password/);
    expect(await second.stop('SIGINT')).toBe(0);
  }, 60_000);


  it('serves3: seeds the demo on a fresh directory and prints the login once, answers, and stops on SIGTERM with exit 0', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'zz-')); const serveEnv = { DATA_DIR: path.join(dir, 'served'), PORT: '0', HOST: '127.0.0.1' };
    const first = await serveUntilListening(serveEnv);
    const url = first.output.match(/Liaison listening on (\S+)/)![1]!;
    const password = first.output.match(/Password\s+(\S+)/)![1]!;
    expect(first.output).toContain('admin@demo.liaison.local');
    const openapi = await fetch(`${url}/api/v1/openapi.json`);
    expect(openapi.status).toBe(200);
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'li.jingli@demo.liaison.local', password }) });
    expect(login.status).toBe(200);
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await serveUntilListening(serveEnv);
    expect(second.output).not.toMatch(/Password/);
    expect(await second.stop('SIGINT')).toBe(0);
  }, 60_000);


});

/** Starts `serve` and resolves once it prints where it listens (and the first-start box, if any). */
function serveUntilListening(env: Record<string, string>): Promise<{ output: string; stop(signal: NodeJS.Signals): Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn(process.execPath, ['src/cli/index.ts', 'serve'], { cwd: root, env: { ...inherited, LOG_LEVEL: 'warn', ...env } });
    let output = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code, sig) => { if (code !== 0) console.log('EXIT', code, sig, output.slice(-2500)); done(code); }));
    const stop = (signal: NodeJS.Signals) => {
      child.kill(signal);
      return exited;
    };
    child.stderr.on('data', (chunk) => (output += chunk));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      // The box, when there is one, is printed right after the listening line and ends with its bottom rule.
      if (/Liaison listening on/.test(output) && (!output.includes('┌') || output.includes('┘'))) resolve({ output, stop });
    });
    child.on('error', reject);
    void exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${output}`)));
  });
}

