import { afterEach, expect, it } from 'vitest';
import type { DeliveryResult, HttpChannelOptions } from '../../src/server/notifications/channels/types.ts';
import type { HttpReceiver } from './http-receiver.ts';

export type TransportCase = {
  receiver: () => HttpReceiver;
  /** A URL the receiver accepts when nothing is injected. */
  validUrl: () => string;
  /** Sends one message with a fresh dedupe key through the channel under test. */
  send: (dedupeKey: string, options: HttpChannelOptions) => Promise<DeliveryResult>;
};

/**
 * The failures every HTTP channel must map the same way, run against that channel's own receiver:
 * 5xx, a reset before the body is read and a timeout are retryable and deliver nothing; a loopback
 * target is refused by the SSRF guard before any request unless private targets are allowed; a
 * redirect is a permanent failure and is not followed.
 */
export function transportFailureCases(channel: TransportCase) {
  const allowed: HttpChannelOptions = { allowPrivate: true };
  let sequence = 0;
  const key = (label: string) => `transport:${label}:${++sequence}`;

  afterEach(() => {
    channel.receiver().configure({ failRate: 0, resetRate: 0, delayMs: 0, redirectTo: undefined });
  });

  it('answers a 5xx as retryable and delivers nothing', async () => {
    channel.receiver().configure({ failRate: 1 });
    const dedupeKey = key('5xx');
    const result = await channel.send(dedupeKey, allowed);
    expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('HTTP 500') });
    expect(channel.receiver().countOf(dedupeKey)).toBe(0);
  });

  it('answers a connection reset before the body was read as retryable', async () => {
    channel.receiver().configure({ resetRate: 1 });
    const dedupeKey = key('reset');
    const result = await channel.send(dedupeKey, allowed);
    expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('network error') });
    expect(channel.receiver().countOf(dedupeKey)).toBe(0);
  });

  it('gives up after the timeout and calls it retryable', async () => {
    channel.receiver().configure({ delayMs: 400 });
    const started = Date.now();
    const result = await channel.send(key('timeout'), { allowPrivate: true, timeoutMs: 100 });
    expect(result).toMatchObject({ ok: false, retryable: true, error: 'no answer within 0.1 s' });
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('refuses the loopback receiver unless private targets are allowed, before sending anything', async () => {
    const before = channel.receiver().stats.requests;
    const result = await channel.send(key('ssrf'), { allowPrivate: false });
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('127.0.0.1') });
    expect(channel.receiver().stats.requests).toBe(before);
    expect((await channel.send(key('ssrf-allowed'), allowed)).ok).toBe(true);
  });

  it('does not follow a redirect, even to a URL that would accept', async () => {
    channel.receiver().configure({ redirectTo: channel.validUrl() });
    const dedupeKey = key('redirect');
    const before = channel.receiver().stats.requests;
    const result = await channel.send(dedupeKey, allowed);
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('redirect') });
    expect(channel.receiver().stats.requests).toBe(before + 1);
    expect(channel.receiver().countOf(dedupeKey)).toBe(0);
  });
}
