import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../../../../test/receivers/webhook.ts';
import type { WebhookReceiver } from '../../../../test/receivers/webhook.ts';
import { transportFailureCases } from '../../../../test/receivers/transport-failures.ts';
import type { ChannelMessage } from './types.ts';
import { generateWebhookSecret, send } from './webhook.ts';

const options = { allowPrivate: true };
const secret = generateWebhookSecret();
const limitedSecret = generateWebhookSecret();

function message(dedupeKey: string): ChannelMessage {
  return {
    title: '会议纪要已发布',
    text: '3 项行动项已分配。',
    url: 'https://liaison.example.com/meetings/5',
    dedupeKey,
    event: 'record_published',
    data: { meetingId: '5', collaborationId: '1' },
  };
}

describe('Standard Webhooks channel', () => {
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver({ erp: secret, limited: limitedSecret });
  });
  afterAll(() => receiver.close());

  it('generates whsec_ secrets of 32 random bytes', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('delivers { type, timestamp, data } that the reference library verifies, with the dedupe key as webhook-id', async () => {
    const result = await send({ url: receiver.endpointUrl('erp'), secret }, message('wh:ok'), options);
    expect(result).toEqual({ ok: true });
    const accepted = receiver.accepted.find((a) => a.key === 'wh:ok');
    expect(accepted?.headers['webhook-id']).toBe('wh:ok');
    expect(accepted?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(accepted?.body).toEqual({
      type: 'record_published',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: {
        meetingId: '5',
        collaborationId: '1',
        title: '会议纪要已发布',
        text: '3 项行动项已分配。',
        url: 'https://liaison.example.com/meetings/5',
      },
    });
  });

  it('sends a retry with the same webhook-id, so the consumer can tell it is a repeat', async () => {
    await send({ url: receiver.endpointUrl('erp'), secret }, message('wh:again'), options);
    await send({ url: receiver.endpointUrl('erp'), secret }, message('wh:again'), options);
    expect(receiver.countOf('wh:again')).toBe(2);
    expect(receiver.duplicates()).toContain('wh:again');
  });

  it('is refused (401) with a wrong secret or an old timestamp, permanently', async () => {
    const wrong = await send({ url: receiver.endpointUrl('erp'), secret: generateWebhookSecret() }, message('wh:wrong'), options);
    expect(wrong).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('HTTP 401') });
    const old = await send({ url: receiver.endpointUrl('erp'), secret }, message('wh:old'), {
      ...options,
      now: () => Date.now() - 10 * 60_000,
    });
    expect(old).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('HTTP 401') });
  });

  it('fails permanently, without a request, when the stored secret is not a valid whsec_ secret', async () => {
    const before = receiver.stats.requests;
    const result = await send({ url: receiver.endpointUrl('erp'), secret: 'whsec_***' }, message('wh:bad-secret'), options);
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('unusable webhook secret') });
    expect(receiver.stats.requests).toBe(before);
  });

  it('honours Retry-After on 429', async () => {
    const limited = await startWebhookReceiver({ limited: limitedSecret }, { perMinute: 1 });
    try {
      expect(await send({ url: limited.endpointUrl('limited'), secret: limitedSecret }, message('wh:first'), options)).toEqual({ ok: true });
      const result = await send({ url: limited.endpointUrl('limited'), secret: limitedSecret }, message('wh:second'), options);
      expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('HTTP 429') });
      expect(result.ok === false && result.retryAfterMs).toBeGreaterThan(55_000);
      expect(result.ok === false && result.retryAfterMs).toBeLessThanOrEqual(60_000);
    } finally {
      await limited.close();
    }
  });

  describe('transport failures', () => {
    transportFailureCases({
      receiver: () => receiver,
      validUrl: () => receiver.endpointUrl('erp'),
      send: (dedupeKey, sendOptions) => send({ url: receiver.endpointUrl('erp'), secret }, message(dedupeKey), sendOptions),
    });
  });
});
