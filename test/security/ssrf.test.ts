import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The resolver as an attacker who controls a domain's DNS would run it: answers can be scripted per call.
 * Unscripted calls resolve for real.
 */
const scripted: LookupAddress[][] = [];
const lookups: string[] = [];
vi.mock('node:dns/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:dns/promises')>();
  return {
    ...real,
    lookup: async (host: string, options: unknown) => {
      lookups.push(host);
      const next = scripted.shift();
      return next ?? real.lookup(host, options as never);
    },
  };
});

const { assertSafeTarget, UnsafeTargetError } = await import('../../src/server/notifications/channels/ssrf-guard.ts');
const { judgeHttpStatus, postJson } = await import('../../src/server/notifications/channels/guarded-post.ts');

/** A local HTTP server that counts what reaches it. */
async function listen(handler: (hits: string[]) => Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer(handler(hits));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

const servers: Server[] = [];
afterEach(() => {
  scripted.length = 0;
  lookups.length = 0;
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

describe('outgoing webhooks and robots: SSRF', () => {
  it('refuses loopback however it is spelt: IPv6, IPv4-mapped IPv6, decimal, hex, octal, short forms', async () => {
    for (const url of [
      'http://[::1]:8080/',
      'http://[0:0:0:0:0:0:0:1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[0:0:0:0:0:ffff:7f00:1]/',
      'http://[::ffff:7f00:1]/',
      'http://2130706433/',
      'http://0x7f000001/',
      'http://017700000001/',
      'http://0177.0.0.1/',
      'http://127.1/',
      'http://LOCALHOST/',
      'http://0.0.0.0/',
      'http://[::]/',
    ]) {
      const error = await assertSafeTarget(url, { allowPrivate: false }).then(() => null, (e: unknown) => e);
      expect(error, url).toBeInstanceOf(UnsafeTargetError);
      expect((error as InstanceType<typeof UnsafeTargetError>).reason, url).toBe('private');
    }
    // A link-local address with a zone is not even a valid URL.
    const zoned = await assertSafeTarget('http://[fe80::1%25eth0]/', { allowPrivate: false }).then(() => null, (e: unknown) => e);
    expect(zoned).toBeInstanceOf(UnsafeTargetError);
  });

  it('refuses cloud metadata in every spelling, even when private targets are allowed', async () => {
    for (const url of ['http://169.254.169.254/', 'http://2852039166/', 'http://[::ffff:169.254.169.254]/', 'http://[::ffff:a9fe:a9fe]/', 'http://0xa9.0xfe.0xa9.0xfe/']) {
      const error = await assertSafeTarget(url, { allowPrivate: true }).then(() => null, (e: unknown) => e);
      expect((error as InstanceType<typeof UnsafeTargetError>).reason, url).toBe('forbidden');
    }
  });

  it('refuses a host name whose DNS answers include a private address among public ones', async () => {
    scripted.push([
      { address: '8.8.8.8', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ]);
    const error = await assertSafeTarget('https://robot.attacker.example/hook', { allowPrivate: false }).then(() => null, (e: unknown) => e);
    expect((error as InstanceType<typeof UnsafeTargetError>).reason).toBe('private');
  });

  it('connects only to the address it checked: a DNS answer changed between check and connect (rebinding) reaches nothing', async () => {
    const local = await listen((hits) => (req, res) => {
      hits.push(req.url ?? '');
      res.end('{}');
    });
    servers.push(local.server);
    // First answer public (the check passes); every later answer would be the loopback server.
    scripted.push([{ address: '8.8.8.8', family: 4 }]);
    for (let i = 0; i < 5; i++) scripted.push([{ address: '127.0.0.1', family: 4 }]);
    const outcome = await postJson(`http://rebind.attacker.example:${local.port}/steal`, '{}', { allowPrivate: false, timeoutMs: 500 });
    expect(outcome.kind).toBe('failed');
    expect(lookups).toEqual(['rebind.attacker.example']);
    expect(local.hits).toEqual([]);
  });

  it('never follows a redirect: the target it points to receives nothing, and the delivery fails naming it', async () => {
    const inner = await listen((hits) => (req, res) => {
      hits.push(req.url ?? '');
      res.end('secret');
    });
    const outer = await listen(() => (_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${inner.port}/latest/meta-data/` }).end();
    });
    servers.push(inner.server, outer.server);
    const outcome = await postJson(`http://127.0.0.1:${outer.port}/hook`, '{}', { allowPrivate: true });
    expect(outcome).toMatchObject({ kind: 'reply', reply: { status: 302 } });
    if (outcome.kind !== 'reply') return;
    expect(judgeHttpStatus(outcome.reply, Date.now())).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('not followed') });
    expect(inner.hits).toEqual([]);
  });
});
