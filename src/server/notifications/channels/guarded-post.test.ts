import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { judgeHttpStatus, postJson, retryAfterMs } from './guarded-post.ts';
import type { HttpReply } from './guarded-post.ts';

const now = Date.parse('2025-06-03T06:00:00Z');
const reply = (status: number, headers: HttpReply['headers'] = {}): HttpReply => ({ status, headers, body: '' });

describe('judgeHttpStatus', () => {
  it.each([
    [200, { ok: true }],
    [204, { ok: true }],
    [301, { ok: false, retryable: false }],
    [307, { ok: false, retryable: false }],
    [400, { ok: false, retryable: false }],
    [401, { ok: false, retryable: false }],
    [404, { ok: false, retryable: false }],
    [410, { ok: false, retryable: false }],
    [408, { ok: false, retryable: true }],
    [429, { ok: false, retryable: true }],
    [500, { ok: false, retryable: true }],
    [502, { ok: false, retryable: true }],
    [503, { ok: false, retryable: true }],
  ])('HTTP %i', (status, expected) => {
    expect(judgeHttpStatus(reply(status), now)).toMatchObject(expected);
  });

  it('names where a redirect pointed', () => {
    expect(judgeHttpStatus(reply(302, { location: 'https://evil.example/' }), now)).toMatchObject({
      error: expect.stringContaining('https://evil.example/'),
    });
  });

  it('carries Retry-After of 429 and 503', () => {
    expect(judgeHttpStatus(reply(429, { 'retry-after': '30' }), now)).toMatchObject({ retryAfterMs: 30_000 });
    expect(judgeHttpStatus(reply(503, { 'retry-after': 'Tue, 03 Jun 2025 06:02:00 GMT' }), now)).toMatchObject({
      retryAfterMs: 120_000,
    });
    expect(judgeHttpStatus(reply(500), now)).not.toHaveProperty('retryAfterMs');
  });
});

describe('retryAfterMs', () => {
  it('reads delay-seconds and HTTP dates, and ignores nonsense', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Tue, 03 Jun 2025 06:00:10 GMT', now)).toBe(10_000);
    expect(retryAfterMs('Tue, 03 Jun 2025 05:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe('postJson', () => {
  it('connects a host name to the addresses the guard checked and sends the JSON text byte for byte', async () => {
    let received = '';
    const server = createServer((req, res) => {
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (received += chunk));
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const json = '{"b":1,"1":"二"}';
      const outcome = await postJson(`http://localhost:${port}/robot/send`, json, { allowPrivate: true });
      expect(outcome).toMatchObject({ kind: 'reply', reply: { status: 200, body: '{"errcode":0}' } });
      expect(received).toBe(json);
    } finally {
      server.close();
    }
  });

  it('times out a server that sends its headers and then goes quiet', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200).write('{"errc');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const outcome = await postJson(`http://127.0.0.1:${port}/`, '{}', { allowPrivate: true, timeoutMs: 150 });
      expect(outcome).toEqual({ kind: 'failed', failure: { ok: false, retryable: true, error: 'no answer within 0.15 s' } });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('calls a closed port a retryable network error', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const outcome = await postJson(`http://127.0.0.1:${port}/`, '{}', { allowPrivate: true });
    expect(outcome).toMatchObject({ kind: 'failed', failure: { retryable: true, error: expect.stringContaining('ECONNREFUSED') } });
  });

  it('calls a header Node refuses to send (a non-ASCII dedupe key) a permanent failure, not a retry loop', async () => {
    const outcome = await postJson('http://127.0.0.1:9/', '{}', { allowPrivate: true, headers: { 'idempotency-key': '提醒:1' } });
    expect(outcome).toMatchObject({ kind: 'failed', failure: { retryable: false } });
  });

  it('calls a host that does not exist a permanent failure (and a resolver that cannot answer a retryable one)', async () => {
    const outcome = await postJson('http://no-such-host.invalid/', '{}', { allowPrivate: false });
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    // A machine without a reachable DNS server answers EAI_AGAIN instead of ENOTFOUND.
    expect(outcome.failure.error).toMatch(/ENOTFOUND|EAI_AGAIN/);
    expect(outcome.failure.retryable).toBe(outcome.failure.error.includes('EAI_AGAIN'));
  });
});
