import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import type { Database } from '../src/server/db/client.ts';
import { openTestDatabase } from './database.ts';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))});`;

describe('the web app served by the API server', () => {
  let database: Database;
  let app: FastifyInstance;
  let apiOnly: FastifyInstance;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = mkdtempSync(path.join(tmpdir(), 'liaison-web-'));
    mkdirSync(path.join(webRoot, 'assets'));
    writeFileSync(path.join(webRoot, 'index.html'), INDEX);
    writeFileSync(path.join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js'), SCRIPT);
    writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js.br'), brotliCompressSync(SCRIPT));
    database = await openTestDatabase();
    app = await buildApp({ database, webRoot });
    apiOnly = await buildApp({ database, webRoot: false });
  });

  afterAll(async () => {
    await app?.close();
    await apiOnly?.close();
    await database?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const page = (url: string, target = app) => target.inject({ method: 'GET', url, headers: { accept: 'text/html,application/xhtml+xml' } });

  it('answers every page path with index.html, never cached, under a CSP without inline scripts', async () => {
    for (const url of ['/', '/collaborations/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b?tab=history', '/sign-in?next=%2F']) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toBe(INDEX);
      expect(response.headers['cache-control']).toBe('no-cache');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    }
  });

  it('serves hashed assets for a year, compressed when the browser accepts it', async () => {
    const plain = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toMatch(/javascript/);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body).toBe(SCRIPT);
    const br = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length);
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it("keeps the API's JSON 404 for API paths, missing files, non-page requests and paths out of the build", async () => {
    for (const response of [
      await page('/api/v1/no-such-route'),
      await app.inject({ method: 'GET', url: '/collaborations', headers: { accept: 'application/json' } }),
      await app.inject({ method: 'GET', url: '/assets/missing-000000.js' }),
      await app.inject({ method: 'GET', url: '/..%2Fpackage.json' }),
      await app.inject({ method: 'GET', url: '/.vite/manifest.json' }),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it('still answers the API itself', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('serves the API alone without a build', async () => {
    const response = await page('/', apiOnly);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
