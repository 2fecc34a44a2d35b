import { createHmac, timingSafeEqual } from 'node:crypto';
import { createRateLimiter, parseObject, startHttpReceiver } from './http-receiver.ts';
import type { HttpReceiver, ReceivedRequest, ReceiverOptions, Verdict } from './http-receiver.ts';

export type FeishuBot = { secret?: string; keywords?: string[] };

export type FeishuReceiver = HttpReceiver & {
  /** The bot's webhook URL, as Feishu shows it: `…/open-apis/bot/v2/hook/<id>`. */
  hookUrl(hookId: string): string;
};

/**
 * Plays Feishu's custom bot endpoint: unknown hook → 19001; with a secret, `timestamp` (seconds) within an
 * hour and `sign` = base64 HMAC-SHA256(key `${timestamp}\n${secret}`, empty message) else 19021; keywords
 * missing → 19024; a malformed text/post/interactive message → 9499 Bad Request (HTTP 400); over 100 a
 * minute or 5 a second per bot → 11232. Messages are accepted under their Idempotency-Key.
 */
export async function startFeishuReceiver(
  bots: Record<string, FeishuBot>,
  options: ReceiverOptions & { perMinute?: number; perSecond?: number } = {},
): Promise<FeishuReceiver> {
  const minute = createRateLimiter(options.perMinute ?? 100, 60_000);
  const second = createRateLimiter(options.perSecond ?? 5, 1_000);
  const receiver = await startHttpReceiver((request) => answer(request, bots, minute, second), options);
  return { ...receiver, hookUrl: (hookId) => `${receiver.origin}/open-apis/bot/v2/hook/${encodeURIComponent(hookId)}` };
}

type Limiter = ReturnType<typeof createRateLimiter>;

function answer(request: ReceivedRequest, bots: Record<string, FeishuBot>, minute: Limiter, second: Limiter): Verdict {
  const error = (code: number, msg: string, status = 200): Verdict => ({ status, json: { code, msg, data: {} } });
  const match = /^\/open-apis\/bot\/v2\/hook\/([^/]+)$/.exec(request.url.pathname);
  const hookId = match ? decodeURIComponent(match[1] ?? '') : '';
  const bot = bots[hookId];
  if (!bot) return error(19001, 'param invalid: incoming webhook access token invalid');
  const body = parseObject(request.body);
  if (!body) return error(9499, 'Bad Request', 400);
  if (bot.secret) {
    const { timestamp, sign } = body;
    const fresh = typeof timestamp === 'string' && /^\d+$/.test(timestamp) && Math.abs(request.receivedAt / 1000 - Number(timestamp)) <= 3600;
    const expected = fresh ? createHmac('sha256', `${timestamp}\n${bot.secret}`).update('').digest('base64') : '';
    if (!fresh || typeof sign !== 'string' || !sameText(sign, expected)) {
      return error(19021, 'sign match fail or timestamp is not within one hour from current time');
    }
  }
  const text = messageText(body);
  if (text === undefined) return error(9499, 'Bad Request', 400);
  if (bot.keywords?.length && !bot.keywords.some((keyword) => text.includes(keyword))) return error(19024, 'Key Words Not Found');
  if (minute.waitMs(hookId, request.receivedAt) > 0 || !second.take(hookId, request.receivedAt)) {
    return error(11232, 'frequency limited psm[lark.oapi.app_platform_runtime]appID[1]');
  }
  minute.take(hookId, request.receivedAt);
  return { json: { code: 0, msg: 'success', data: {} }, accept: { robot: hookId, body } };
}

/** The text a message shows (for keywords), or undefined when Feishu would reject its shape. */
function messageText(body: Record<string, unknown>): string | undefined {
  const object = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
  switch (body.msg_type) {
    case 'text': {
      const text = object(body.content)?.text;
      return typeof text === 'string' && text ? text : undefined;
    }
    case 'post': {
      const post = object(object(body.content)?.post);
      const locale = post && object(Object.values(post)[0]);
      if (!locale || !Array.isArray(locale.content)) return undefined;
      return JSON.stringify(locale);
    }
    case 'interactive': {
      const card = object(body.card);
      if (!card || !Array.isArray(card.elements) || card.elements.length === 0) return undefined;
      const header = object(object(card.header)?.title);
      if (header && (header.tag !== 'plain_text' || typeof header.content !== 'string')) return undefined;
      for (const element of card.elements) {
        const tag = object(element)?.tag;
        if (typeof tag !== 'string') return undefined;
        if (tag === 'markdown' && typeof object(element)?.content !== 'string') return undefined;
      }
      return JSON.stringify(card);
    }
    default:
      return undefined;
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
