import { Webhook } from 'standardwebhooks';
import { createRateLimiter, parseObject, startHttpReceiver } from './http-receiver.ts';
import type { HttpReceiver, ReceivedRequest, ReceiverOptions, Verdict } from './http-receiver.ts';

export type WebhookReceiver = HttpReceiver & {
  endpointUrl(endpointId: string): string;
};

/**
 * A Standard Webhooks consumer: each endpoint has its `whsec_` secret and verifies with the reference
 * library's `Webhook.verify` (signature and a 5-minute timestamp tolerance) → 401 when it fails; the body
 * must be `{ type, timestamp, data }` → else 400. With `perMinute` it answers 429 with Retry-After when
 * called too often. Messages are accepted under their `webhook-id`.
 */
export async function startWebhookReceiver(
  endpoints: Record<string, string>,
  options: ReceiverOptions & { perMinute?: number } = {},
): Promise<WebhookReceiver> {
  const limiter = options.perMinute ? createRateLimiter(options.perMinute, 60_000) : undefined;
  const receiver = await startHttpReceiver((request) => answer(request, endpoints, limiter), { keyHeader: 'webhook-id', ...options });
  return { ...receiver, endpointUrl: (endpointId) => `${receiver.origin}/hooks/${encodeURIComponent(endpointId)}` };
}

function answer(
  request: ReceivedRequest,
  endpoints: Record<string, string>,
  limiter: ReturnType<typeof createRateLimiter> | undefined,
): Verdict {
  const match = /^\/hooks\/([^/]+)$/.exec(request.url.pathname);
  const endpointId = match ? decodeURIComponent(match[1] ?? '') : '';
  const secret = endpoints[endpointId];
  if (!secret) return { status: 404, json: { error: 'no such endpoint' } };
  const headers: Record<string, string> = {};
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) headers[name] = String(request.headers[name] ?? '');
  try {
    new Webhook(secret).verify(request.body, headers);
  } catch (error) {
    return { status: 401, json: { error: (error as Error).message } };
  }
  const body = parseObject(request.body);
  if (!body || typeof body.type !== 'string' || typeof body.timestamp !== 'string' || !parseObject(JSON.stringify(body.data))) {
    return { status: 400, json: { error: 'expected { type, timestamp, data }' } };
  }
  if (limiter) {
    const waitMs = limiter.waitMs(endpointId, request.receivedAt);
    if (waitMs > 0) return { status: 429, headers: { 'retry-after': String(Math.ceil(waitMs / 1000)) }, json: { error: 'slow down' } };
    limiter.take(endpointId, request.receivedAt);
  }
  return { status: 204, accept: { robot: endpointId, body } };
}
