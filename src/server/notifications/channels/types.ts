/**
 * What every chat channel is given to say. The text holds no sensitive content for anyone not named
 * (the event layer decides that); channels only shape it for their platform.
 */
export type ChannelMessage = {
  title: string;
  /** Markdown-ish plain text: paragraphs, `**bold**`, `- ` lists and links render on every robot. */
  text: string;
  /** Link back into Liaison, shown as a button or link. */
  url?: string;
  /** Label of that link in the organisation's language; `查看详情` unless set. */
  linkText?: string;
  /**
   * Who to @-mention in a group: platform user ids (DingTalk userId, Feishu open_id `ou_…`, WeCom userid),
   * mobile numbers (DingTalk), e-mail addresses (Feishu), or everyone.
   */
  mentions?: { userIds?: string[]; mobiles?: string[]; emails?: string[]; all?: boolean };
  /**
   * The outbox row's dedupe key (event, recipient, channel): sent as the Standard Webhooks `webhook-id`,
   * the robots' `Idempotency-Key` header and the e-mail's `X-Liaison-Dedupe-Key`, so a receiver can
   * recognise a retry of a message it already has. Printable ASCII.
   */
  dedupeKey: string;
  /** Event type name for webhooks (`type` of the Standard Webhooks payload), e.g. `record_published`. */
  event?: string;
  /** Structured, non-sensitive fields for webhook consumers, sent beside title, text and url. */
  data?: Record<string, unknown>;
};

/** A robot or webhook endpoint as an admin configured it (decrypted from secret-box storage). */
export type HttpTarget = { url: string; secret?: string };

/**
 * The outcome of one attempt. Channels never throw for a remote failure: the delivery job reads
 * `retryable` and `retryAfterMs` to schedule the next attempt or mark the row dead with `error`.
 */
export type DeliveryResult = { ok: true } | DeliveryFailure;
export type DeliveryFailure = { ok: false; retryable: boolean; retryAfterMs?: number; error: string };

/** Per-attempt settings of the HTTP channels. */
export type HttpChannelOptions = {
  /** Admin switch LIAISON_WEBHOOK_ALLOW_PRIVATE: permit loopback and private addresses (intranet robots, tests). */
  allowPrivate: boolean;
  /** Abort the attempt after this long; 10 s unless set. */
  timeoutMs?: number;
  /** Wall clock for signature timestamps (the platforms compare them with real time); Date.now unless set. */
  now?: () => number;
};

export const defaultTimeoutMs = 10_000;

/** A DeliveryFailure without an undefined retryAfterMs key. */
export function failure(retryable: boolean, error: string, retryAfterMs?: number): DeliveryFailure {
  const result: DeliveryFailure = { ok: false, retryable, error };
  if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
  return result;
}
