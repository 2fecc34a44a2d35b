import { judgeHttpStatus, postJson, replyJson } from './guarded-post.ts';
import type { HttpReply } from './guarded-post.ts';
import { truncateUtf8 } from './text-limit.ts';
import { failure } from './types.ts';
import type { ChannelMessage, DeliveryResult, HttpChannelOptions, HttpTarget } from './types.ts';

/** WeCom's "api freq out of limit": more than 20 messages a minute from one robot. */
const apiFrequencyLimit = 45009;
/** WeCom's "system busy". */
const systemBusy = -1;
/** WeCom's documented caps: markdown.content 4,096 bytes, text.content 2,048 bytes. */
const maxMarkdownBytes = 4096;
const maxTextBytes = 2048;

/**
 * Sends one message through a WeCom (企业微信) group robot (`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`).
 * WeCom has no signature: the key in the URL is the secret. Markdown can @-mention only by userid
 * (`<@userid>`); when the message must reach everyone or mobiles it goes as text, whose
 * `mentioned_list` / `mentioned_mobile_list` can. 45009 (20 a minute) is retryable after a minute;
 * 93000 (invalid webhook URL) and the other codes are not.
 */
export async function send(target: HttpTarget, message: ChannelMessage, options: HttpChannelOptions): Promise<DeliveryResult> {
  const now = options.now?.() ?? Date.now();
  const outcome = await postJson(target.url, JSON.stringify(weComBody(message)), {
    ...options,
    headers: { 'idempotency-key': message.dedupeKey },
  });
  if (outcome.kind === 'failed') return outcome.failure;
  return judgeReply(outcome.reply, now);
}

export function weComBody(message: ChannelMessage) {
  const userIds = message.mentions?.userIds ?? [];
  const mobiles = message.mentions?.mobiles ?? [];
  const link = message.url ? `[${message.linkText ?? '查看详情'}](${message.url})` : '';
  if (message.mentions?.all || mobiles.length > 0) {
    const plainLink = message.url ? `${message.linkText ?? '查看详情'}: ${message.url}` : '';
    const tail = plainLink ? `\n\n${plainLink}` : '';
    const content = truncateUtf8(`${message.title}\n\n${message.text}`, maxTextBytes - Buffer.byteLength(tail)) + tail;
    return {
      msgtype: 'text',
      text: {
        content,
        mentioned_list: [...userIds, ...(message.mentions?.all ? ['@all'] : [])],
        mentioned_mobile_list: mobiles,
      },
    };
  }
  const mentions = userIds.map((id) => `<@${id}>`).join(' ');
  const tail = [link, mentions].filter(Boolean).join('\n\n');
  const tailBlock = tail ? `\n\n${tail}` : '';
  const body = `**${message.title}**\n\n${neutraliseMentions(message.text)}`;
  return {
    msgtype: 'markdown',
    markdown: { content: truncateUtf8(body, maxMarkdownBytes - Buffer.byteLength(tailBlock)) + tailBlock },
  };
}

/** A zero-width space keeps `<@someone>` typed by a user from pinging that person. */
function neutraliseMentions(text: string): string {
  return text.replaceAll('<@', '<\u200b@');
}

function judgeReply(reply: HttpReply, now: number): DeliveryResult {
  const json = replyJson(reply);
  const errcode = json?.errcode;
  if (reply.status >= 300 || typeof errcode !== 'number') {
    const byStatus = judgeHttpStatus(reply, now);
    return byStatus.ok ? failure(false, `not a WeCom robot answer: ${reply.body.slice(0, 200)}`) : byStatus;
  }
  if (errcode === 0) return { ok: true };
  const detail = `WeCom errcode ${errcode}: ${String(json?.errmsg ?? '')}`;
  if (errcode === apiFrequencyLimit) return failure(true, detail, 60_000);
  if (errcode === systemBusy) return failure(true, detail);
  return failure(false, detail);
}
