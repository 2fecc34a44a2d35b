import { createHmac } from 'node:crypto';
import { judgeHttpStatus, postJson, replyJson } from './guarded-post.ts';
import type { HttpReply } from './guarded-post.ts';
import { truncateUtf8 } from './text-limit.ts';
import { failure } from './types.ts';
import type { ChannelMessage, DeliveryResult, HttpChannelOptions, HttpTarget } from './types.ts';

/** Feishu's rate-limit answers: 11232 "frequency limited", 9499 when its message says "too many request". */
const frequencyLimited = 11232;
const badRequestOrTooMany = 9499;
/** Room for the card's markdown inside Feishu's 20 KB request limit. */
const maxTextBytes = 18_000;

/**
 * Sends one message through a Feishu (Lark) custom bot (`https://open.feishu.cn/open-apis/bot/v2/hook/…`)
 * as an interactive card: the title as its header, the text as card markdown with `<at id=…>` mentions,
 * the link as a button. With a signature secret the body carries `timestamp` (seconds) and `sign`.
 * Rate limits (100 a minute and 5 a second per bot) are retryable after a minute; 19021 (signature or
 * timestamp refused) and other codes mean the bot is misconfigured and are not.
 */
export async function send(target: HttpTarget, message: ChannelMessage, options: HttpChannelOptions): Promise<DeliveryResult> {
  const now = options.now?.() ?? Date.now();
  const body: Record<string, unknown> = feishuCard(message);
  if (target.secret) Object.assign(body, signature(target.secret, now));
  const outcome = await postJson(target.url, JSON.stringify(body), { ...options, headers: { 'idempotency-key': message.dedupeKey } });
  if (outcome.kind === 'failed') return outcome.failure;
  return judgeReply(outcome.reply, now);
}

/**
 * Feishu's signature: the key is `${timestamp}\n${secret}` and the signed message is empty, base64 of the
 * HMAC-SHA256. Feishu refuses a timestamp more than an hour from its own clock.
 */
export function signature(secret: string, now: number): { timestamp: string; sign: string } {
  const timestamp = String(Math.floor(now / 1000));
  const sign = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
  return { timestamp, sign };
}

/** An interactive card (message card JSON 1.0). User text cannot smuggle in its own `<at>` tags. */
export function feishuCard(message: ChannelMessage) {
  const mentions = [
    ...(message.mentions?.all ? ['<at id=all></at>'] : []),
    ...(message.mentions?.userIds ?? []).map((id) => `<at id=${id}></at>`),
    ...(message.mentions?.emails ?? []).map((email) => `<at email=${email}></at>`),
  ].join(' ');
  const tail = mentions ? `\n\n${mentions}` : '';
  const content = truncateUtf8(escapeMarkup(message.text), maxTextBytes - Buffer.byteLength(tail)) + tail;
  const elements: unknown[] = [{ tag: 'markdown', content }];
  if (message.url) {
    elements.push({
      tag: 'action',
      actions: [
        { tag: 'button', text: { tag: 'plain_text', content: message.linkText ?? '查看详情' }, type: 'primary', url: message.url },
      ],
    });
  }
  return {
    msg_type: 'interactive',
    card: {
      config: { wide_screen_mode: true },
      header: { template: 'blue', title: { tag: 'plain_text', content: message.title } },
      elements,
    },
  };
}

function escapeMarkup(text: string): string {
  return text.replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function judgeReply(reply: HttpReply, now: number): DeliveryResult {
  const json = replyJson(reply);
  // `StatusCode` is the field of Feishu's older answers, still sent beside `code`.
  const code = typeof json?.code === 'number' ? json.code : json?.StatusCode;
  if (reply.status >= 300 && reply.status < 400) return judgeHttpStatus(reply, now);
  if (typeof code !== 'number') {
    const byStatus = judgeHttpStatus(reply, now);
    return byStatus.ok ? failure(false, `not a Feishu bot answer: ${reply.body.slice(0, 200)}`) : byStatus;
  }
  if (code === 0) return { ok: true };
  const msg = String(json?.msg ?? json?.StatusMessage ?? '');
  const detail = `Feishu code ${code}: ${msg}`;
  if (code === frequencyLimited) return failure(true, detail, 60_000);
  if (code === badRequestOrTooMany && /too many|frequen|limit/i.test(msg)) return failure(true, detail, 60_000);
  if (reply.status >= 500) return failure(true, detail);
  return failure(false, detail);
}
