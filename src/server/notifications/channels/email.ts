import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { NodemailerError, SMTPSentMessageInfo, Transporter } from 'nodemailer';
import { defaultTimeoutMs, failure } from './types.ts';
import type { DeliveryResult } from './types.ts';

/** One e-mail as an event composed it: already localized, HTML and text, optionally a calendar invitation. */
export type EmailMessage = {
  to: string | string[];
  subject: string;
  html: string;
  text: string;
  /**
   * An iCalendar invitation: sent as the `text/calendar; method=…` alternative mail clients turn into
   * accept/decline buttons, and as an `invite.ics` attachment. Updates and cancellations keep the UID and
   * raise SEQUENCE; a cancellation uses method CANCEL.
   */
  ics?: { content: string; method?: 'REQUEST' | 'CANCEL' | 'PUBLISH'; filename?: string };
  /** The outbox row's dedupe key: becomes a stable Message-ID, so a retried send is the same message to mail servers. */
  dedupeKey: string;
};

export type MailTransport = Transporter<SMTPSentMessageInfo>;

/** Errors Nodemailer raises before any SMTP reply that no retry can fix. */
const permanentCodes = new Set(['ECONFIG', 'ENOAUTH', 'EENVELOPE', 'EOTP', 'EFILEACCESS', 'EURLACCESS', 'EREQUIRETLS']);

/**
 * An SMTP transport for SMTP_URL (`smtp://user:pass@host:587`, `smtps://…:465`; query parameters such as
 * `?requireTLS=true` become options). Every wait is capped (10 s) so a dead server cannot hold a worker;
 * `pool` keeps a few connections open for a worker sending many messages.
 */
export function createMailTransport(smtpUrl: string, options: { pool?: boolean; timeoutMs?: number } = {}): MailTransport {
  const wait = options.timeoutMs ?? defaultTimeoutMs;
  const timeouts = { connectionTimeout: wait, greetingTimeout: wait, socketTimeout: wait, dnsTimeout: wait };
  if (options.pool) return nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 3, ...timeouts }) as MailTransport;
  return nodemailer.createTransport({ url: smtpUrl, ...timeouts });
}

/**
 * Sends one e-mail with HTML and text parts (Nodemailer encodes Chinese subjects and names per RFC 2047).
 * Marked auto-generated so out-of-office responders stay quiet. An SMTP 5xx (but 503), bad credentials
 * or a bad address are permanent; 4xx replies, timeouts and dropped connections are retryable.
 */
export async function send(mail: EmailMessage, options: { transport: MailTransport; from: string }): Promise<DeliveryResult> {
  try {
    const info = await options.transport.sendMail({
      from: options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: messageId(mail.dedupeKey, options.from),
      headers: {
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'All',
        'X-Liaison-Dedupe-Key': mail.dedupeKey,
      },
      ...(mail.ics
        ? {
            icalEvent: {
              method: mail.ics.method ?? 'REQUEST',
              filename: mail.ics.filename ?? 'invite.ics',
              content: mail.ics.content,
            },
          }
        : {}),
    });
    if (info.accepted.length === 0) return failure(false, `every recipient was refused: ${info.rejected.join(', ')}`);
    return { ok: true };
  } catch (error) {
    return judgeError(error as NodemailerError);
  }
}

function judgeError(error: NodemailerError): DeliveryResult {
  const detail = `SMTP ${error.code ?? 'error'}${error.responseCode ? ` ${error.responseCode}` : ''}: ${error.response ?? error.message}`;
  if (typeof error.permanent === 'boolean') return failure(!error.permanent, detail);
  return failure(!permanentCodes.has(error.code ?? ''), detail);
}

/** `<hash@sender-domain>`: dedupe keys hold characters a Message-ID may not. */
function messageId(dedupeKey: string, from: string): string {
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'liaison.invalid';
  return `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 40)}@${domain}>`;
}
