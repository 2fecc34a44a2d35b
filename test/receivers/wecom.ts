import { createRateLimiter, isStringArray, parseObject, startHttpReceiver } from './http-receiver.ts';
import type { HttpReceiver, ReceivedRequest, ReceiverOptions, Verdict } from './http-receiver.ts';

export type WeComReceiver = HttpReceiver & {
  /** The robot's webhook URL, as WeCom shows it: `…/cgi-bin/webhook/send?key=<key>`. */
  robotUrl(key: string): string;
};

/**
 * Plays WeCom's group robot endpoint: the key is the only credential (unknown → 93000); a markdown
 * content over 4,096 bytes → 40058, a text content over 2,048 bytes → 40058, another shape → 40008;
 * more than 20 messages a minute per robot → 45009. Messages are accepted under their Idempotency-Key.
 */
export async function startWeComReceiver(keys: string[], options: ReceiverOptions & { perMinute?: number } = {}): Promise<WeComReceiver> {
  const limiter = createRateLimiter(options.perMinute ?? 20, 60_000);
  const known = new Set(keys);
  const receiver = await startHttpReceiver((request) => answer(request, known, limiter), options);
  return { ...receiver, robotUrl: (key) => `${receiver.origin}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}` };
}

function answer(request: ReceivedRequest, keys: Set<string>, limiter: ReturnType<typeof createRateLimiter>): Verdict {
  const error = (errcode: number, errmsg: string): Verdict => ({ json: { errcode, errmsg } });
  const key = request.url.searchParams.get('key') ?? '';
  if (request.url.pathname !== '/cgi-bin/webhook/send' || !keys.has(key)) {
    return error(93000, 'invalid webhook url, hint: [1700000000_1_abc], from ip: 127.0.0.1');
  }
  const body = parseObject(request.body);
  const problem = body ? shapeProblem(body) : 'invalid json';
  if (problem) return problem.startsWith('40058') ? error(40058, problem.slice(6)) : error(40008, problem);
  if (!limiter.take(key, request.receivedAt)) return error(45009, 'api freq out of limit');
  return { json: { errcode: 0, errmsg: 'ok' }, accept: { robot: key, body } };
}

function shapeProblem(body: Record<string, unknown>): string | undefined {
  const part = body[String(body.msgtype)] as Record<string, unknown> | undefined;
  if (body.msgtype === 'markdown') {
    if (typeof part?.content !== 'string' || !part.content) return 'invalid message type';
    if (Buffer.byteLength(part.content) > 4096) return '40058 markdown.content exceed max length 4096';
    return undefined;
  }
  if (body.msgtype === 'text') {
    if (typeof part?.content !== 'string' || !part.content) return 'invalid message type';
    if (Buffer.byteLength(part.content) > 2048) return '40058 text.content exceed max length 2048';
    const lists = [part.mentioned_list, part.mentioned_mobile_list];
    return lists.every((list) => list === undefined || isStringArray(list)) ? undefined : 'invalid message type';
  }
  return 'invalid message type';
}
