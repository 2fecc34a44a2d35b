import { createHmac, timingSafeEqual } from 'node:crypto';
import { createRateLimiter, isStringArray, parseObject, startHttpReceiver } from './http-receiver.ts';
import type { HttpReceiver, ReceivedRequest, ReceiverOptions, Verdict } from './http-receiver.ts';

/** A custom robot as its group owner set it up: 加签 secret and/or keywords (DingTalk requires at least one security setting). */
export type DingTalkRobot = { secret?: string; keywords?: string[] };

export type DingTalkReceiver = HttpReceiver & {
  /** The robot's webhook URL, as DingTalk shows it: `…/robot/send?access_token=<token>`. */
  robotUrl(accessToken: string): string;
};

/**
 * Plays DingTalk's custom robot endpoint: unknown token → 300001; with a secret, `timestamp` within an
 * hour of now and `sign` = base64 HMAC-SHA256(secret, `${timestamp}\n${secret}`) else 310000; keywords
 * must appear in the message else 310000; the body must be a text/markdown/link/actionCard message with
 * well-formed `at` else 40035; over 20,000 bytes → 460101; more than 20 messages a minute per robot →
 * 130101. Messages are accepted under their Idempotency-Key.
 */
export async function startDingTalkReceiver(
  robots: Record<string, DingTalkRobot>,
  options: ReceiverOptions & { perMinute?: number } = {},
): Promise<DingTalkReceiver> {
  const limiter = createRateLimiter(options.perMinute ?? 20, 60_000);
  const receiver = await startHttpReceiver((request) => answer(request, robots, limiter), options);
  return { ...receiver, robotUrl: (token) => `${receiver.origin}/robot/send?access_token=${encodeURIComponent(token)}` };
}

function answer(request: ReceivedRequest, robots: Record<string, DingTalkRobot>, limiter: ReturnType<typeof createRateLimiter>): Verdict {
  const error = (errcode: number, errmsg: string): Verdict => ({ json: { errcode, errmsg } });
  if (request.url.pathname !== '/robot/send') return { status: 404, json: { errcode: 404, errmsg: 'not found' } };
  const token = request.url.searchParams.get('access_token') ?? '';
  const robot = robots[token];
  if (!robot) return error(300001, 'token is not exist');
  if (robot.secret) {
    const timestamp = request.url.searchParams.get('timestamp') ?? '';
    const sign = request.url.searchParams.get('sign') ?? '';
    if (!/^\d+$/.test(timestamp) || Math.abs(request.receivedAt - Number(timestamp)) > 3_600_000) {
      return error(310000, 'invalid timestamp');
    }
    const expected = createHmac('sha256', robot.secret).update(`${timestamp}\n${robot.secret}`).digest('base64');
    if (!sameText(sign, expected)) return error(310000, 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]');
  }
  if (Buffer.byteLength(request.body) > 20_000) return error(460101, 'message too long, exceed 20000 bytes');
  const body = parseObject(request.body);
  const text = body && messageText(body);
  if (!body || text === undefined || !validAt(body.at)) return error(40035, '缺少参数 json');
  if (robot.keywords?.length && !robot.keywords.some((keyword) => text.includes(keyword))) {
    return error(310000, 'keywords not in content, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]');
  }
  if (!limiter.take(token, request.receivedAt)) return error(130101, 'send too fast, exceed 20 times per minute');
  return { json: { errcode: 0, errmsg: 'ok' }, accept: { robot: token, body } };
}

/** All the text of a message DingTalk would search for keywords, or undefined when the shape is wrong. */
function messageText(body: Record<string, unknown>): string | undefined {
  const part = (name: string) => body[name] as Record<string, unknown> | undefined;
  switch (body.msgtype) {
    case 'text':
      return typeof part('text')?.content === 'string' ? String(part('text')?.content) : undefined;
    case 'markdown': {
      const { title, text } = part('markdown') ?? {};
      return typeof title === 'string' && typeof text === 'string' && title && text ? `${title}\n${text}` : undefined;
    }
    case 'link':
    case 'actionCard': {
      const { title, text } = part(body.msgtype) ?? {};
      return typeof title === 'string' && typeof text === 'string' ? `${title}\n${text}` : undefined;
    }
    default:
      return undefined;
  }
}

function validAt(at: unknown): boolean {
  if (at === undefined) return true;
  if (!at || typeof at !== 'object') return false;
  const { atMobiles, atUserIds, isAtAll } = at as Record<string, unknown>;
  return (
    (atMobiles === undefined || isStringArray(atMobiles)) &&
    (atUserIds === undefined || isStringArray(atUserIds)) &&
    (isAtAll === undefined || typeof isAtAll === 'boolean')
  );
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
