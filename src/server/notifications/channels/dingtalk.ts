import { createHmac } from 'node:crypto';
import { judgeHttpStatus, postJson, replyJson } from './guarded-post.ts';
import type { HttpReply } from './guarded-post.ts';
import { truncateUtf8 } from './text-limit.ts';
import { failure } from './types.ts';
import type { ChannelMessage, DeliveryResult, HttpChannelOptions, HttpTarget } from './types.ts';

/** DingTalk answers this when a robot sent more than 20 messages in a minute. */
const sendTooFast = 130101;
/** DingTalk's "system busy". */
const systemBusy = -1;
/** Room for the markdown text inside DingTalk's 20 KB request limit, with the JSON around it. */
const maxTextBytes = 18_000;

/**
 * Sends one message through a DingTalk custom group robot (`https://oapi.dingtalk.com/robot/send?access_token=…`)
 * as markdown, @-mentioning by mobile or userId. With a 加签 secret the URL gets `timestamp` and `sign`.
 * errcode 130101 (20 messages a minute per robot; DingTalk may then hold the robot for up to 10 minutes)
 * is retryable after a minute; 310000 (keyword, signature or IP whitelist mismatch) and the other codes
 * mean the robot is misconfigured and are not.
 */
export async function send(target: HttpTarget, message: ChannelMessage, options: HttpChannelOptions): Promise<DeliveryResult> {
  const now = options.now?.() ?? Date.now();
  const url = target.secret ? signedUrl(target.url, target.secret, now) : target.url;
  const outcome = await postJson(url, JSON.stringify(dingTalkBody(message)), {
    ...options,
    headers: { 'idempotency-key': message.dedupeKey },
  });
  if (outcome.kind === 'failed') return outcome.failure;
  return judgeReply(outcome.reply, now);
}

/** The robot URL with DingTalk's signature: base64 HMAC-SHA256 of `${timestamp}\n${secret}` keyed by the secret. */
export function signedUrl(robotUrl: string, secret: string, now: number): string {
  const timestamp = String(now);
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const url = new URL(robotUrl);
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('sign', sign);
  return url.toString();
}

/** The markdown message; DingTalk highlights a mention only when `@<mobile or userId>` also appears in the text. */
export function dingTalkBody(message: ChannelMessage) {
  const mobiles = message.mentions?.mobiles ?? [];
  const userIds = message.mentions?.userIds ?? [];
  const mentionLine = [...mobiles, ...userIds].map((id) => `@${id}`).join(' ');
  const parts = [`#### ${message.title}`, message.text];
  if (message.url) parts.push(`[${message.linkText ?? '查看详情'}](${message.url})`);
  const tail = mentionLine ? `\n\n${mentionLine}` : '';
  const text = truncateUtf8(parts.join('\n\n'), maxTextBytes - Buffer.byteLength(tail)) + tail;
  return {
    msgtype: 'markdown',
    markdown: { title: message.title, text },
    at: { atMobiles: mobiles, atUserIds: userIds, isAtAll: message.mentions?.all ?? false },
  };
}

function judgeReply(reply: HttpReply, now: number): DeliveryResult {
  const json = replyJson(reply);
  const errcode = json?.errcode;
  if (reply.status >= 300 || typeof errcode !== 'number') {
    const byStatus = judgeHttpStatus(reply, now);
    return byStatus.ok ? failure(false, `not a DingTalk robot answer: ${reply.body.slice(0, 200)}`) : byStatus;
  }
  if (errcode === 0) return { ok: true };
  const detail = `DingTalk errcode ${errcode}: ${String(json?.errmsg ?? '')}`;
  if (errcode === sendTooFast) return failure(true, detail, 60_000);
  if (errcode === systemBusy) return failure(true, detail);
  return failure(false, detail);
}
