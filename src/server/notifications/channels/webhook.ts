import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { judgeHttpStatus, postJson } from './guarded-post.ts';
import { failure } from './types.ts';
import type { ChannelMessage, DeliveryResult, HttpChannelOptions } from './types.ts';

/** A webhook endpoint; unlike the robots it is always signed. */
export type WebhookTarget = { url: string; secret: string };

/**
 * A new signing secret in the Standard Webhooks format, `whsec_` + base64 of 32 random bytes (the spec
 * asks for 24 to 64), shown once to the admin who registers the endpoint.
 */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * Posts one event to a webhook, signed per the Standard Webhooks spec by its reference library:
 * `webhook-id` is the dedupe key (the same on every retry, so the consumer can drop repeats),
 * `webhook-timestamp` the attempt time in seconds, `webhook-signature` `v1,<base64 HMAC-SHA256>`.
 * The body is `{ type, timestamp, data }`. Any 2xx delivers; 5xx, 408, 429 and network failures are
 * retried (429/503 after Retry-After); other 4xx and redirects are not.
 */
export async function send(target: WebhookTarget, message: ChannelMessage, options: HttpChannelOptions): Promise<DeliveryResult> {
  const now = options.now?.() ?? Date.now();
  let signer: Webhook;
  try {
    signer = new Webhook(target.secret);
  } catch (error) {
    return failure(false, `unusable webhook secret: ${(error as Error).message}`);
  }
  const sentAt = new Date(now);
  const payload = JSON.stringify(webhookPayload(message, sentAt));
  const headers = {
    'webhook-id': message.dedupeKey,
    'webhook-timestamp': String(Math.floor(now / 1000)),
    'webhook-signature': signer.sign(message.dedupeKey, sentAt, payload),
  };
  const outcome = await postJson(target.url, payload, { ...options, headers });
  if (outcome.kind === 'failed') return outcome.failure;
  return judgeHttpStatus(outcome.reply, now);
}

export function webhookPayload(message: ChannelMessage, sentAt: Date) {
  return {
    type: message.event ?? 'notification',
    timestamp: sentAt.toISOString(),
    data: {
      ...message.data,
      title: message.title,
      text: message.text,
      ...(message.url ? { url: message.url } : {}),
      ...(message.mentions ? { mentions: message.mentions } : {}),
    },
  };
}
