import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { channels, notifications, organizations, users } from '../db/schema/index.ts';
import type { Locale } from '../i18n/messages.ts';
import type { SecretBox } from './channels/secret-box.ts';
import { failure } from './channels/types.ts';
import type { ChannelMessage, DeliveryResult } from './channels/types.ts';
import type { MailTransport } from './channels/email.ts';
import * as dingtalk from './channels/dingtalk.ts';
import * as email from './channels/email.ts';
import * as feishu from './channels/feishu.ts';
import * as inApp from './channels/in-app.ts';
import * as webhook from './channels/webhook.ts';
import * as wecom from './channels/wecom.ts';
import { eventDefinitions } from './events/index.ts';
import type { RenderContext, RenderedMessage } from './message.ts';
import { sealContext } from './channel-secrets.ts';

export type NotificationRow = typeof notifications.$inferSelect;

/** What sending needs from the installation: where links point, how to open sealed robot URLs, the mail server. */
export type SendSettings = {
  /** PUBLIC_URL, for links in messages. */
  publicUrl: string;
  /** LIAISON_WEBHOOK_ALLOW_PRIVATE: robots and webhooks may be on private or loopback addresses. */
  allowPrivate: boolean;
  secretBox: SecretBox;
  /** Absent when SMTP_URL is not set: e-mail rows then fail for good with a clear error. */
  mail?: { transport: MailTransport; from: string } | undefined;
  /** Per-attempt timeout of the HTTP channels (10 s unless set). */
  timeoutMs?: number;
};

type OrgFacts = { timeZone: string; locale: Locale };

/**
 * Sends one outbox row through its channel: renders the event for its audience (a person in their
 * language, or a group with the non-sensitive summary), opens the robot's sealed URL and secret, and
 * answers the channel's verdict. Never throws for a remote failure; the caller records the outcome.
 */
export async function sendNotification(db: DbOrTx, row: NotificationRow, settings: SendSettings, now: Date): Promise<DeliveryResult> {
  const definition = eventDefinitions[row.event as keyof typeof eventDefinitions];
  if (!definition) return failure(false, `unknown event ${row.event}`);
  const org = await orgFacts(db, row.orgId);
  const recipient = row.recipientId ? await findRecipient(db, row.recipientId) : undefined;
  if (row.recipientId && (!recipient || !recipient.active)) return failure(false, 'the recipient is no longer active');
  const context: RenderContext = {
    locale: (recipient?.locale as Locale | null) ?? org.locale,
    timeZone: org.timeZone,
    publicUrl: settings.publicUrl.replace(/\/$/, ''),
    audience: row.recipientId ? 'person' : 'group',
  };
  const payload = { collaborationId: row.collaborationId, ...row.payload };
  const message = definition.render(payload, context);

  if (row.channel === 'in_app') return inApp.send(db, { id: row.id, orgId: row.orgId, recipientId: row.recipientId! }, now);
  if (row.channel === 'email') {
    if (!recipient) return failure(false, 'an e-mail needs a recipient');
    if (!settings.mail) return failure(false, 'SMTP_URL is not configured');
    const attachment = await definition.emailAttachment?.(db, row, context);
    const mail: email.EmailMessage = { to: recipient.email, subject: message.title, text: plainText(message), html: html(message), dedupeKey: row.dedupeKey };
    if (attachment) mail.ics = attachment.ics;
    return email.send(mail, settings.mail);
  }
  return sendToRobot(db, row, message, payload, recipient, settings);
}

async function sendToRobot(
  db: DbOrTx,
  row: NotificationRow,
  message: RenderedMessage,
  payload: Record<string, unknown>,
  recipient: Recipient | undefined,
  settings: SendSettings,
): Promise<DeliveryResult> {
  if (!row.channelId) return failure(false, 'no chat group to send to');
  const [target] = await db.select().from(channels).where(eq(channels.id, row.channelId));
  if (!target || target.disabledAt) return failure(false, 'the chat group was removed');
  let url: string;
  let secret: string | undefined;
  try {
    url = settings.secretBox.open(target.url, sealContext(target.id, 'url'));
    secret = target.secret ? settings.secretBox.open(target.secret, sealContext(target.id, 'secret')) : undefined;
  } catch (error) {
    return failure(false, (error as Error).message);
  }
  const chat: ChannelMessage = {
    ...message,
    dedupeKey: row.dedupeKey,
    event: row.event,
    data: { notificationId: row.id, entityType: row.entityType, entityId: row.entityId, collaborationId: row.collaborationId },
  };
  const mentions = recipient ? { mobiles: recipient.phone ? [recipient.phone] : [], emails: [recipient.email] } : groupMentions(payload);
  if (mentions) chat.mentions = forPlatform(target.kind, mentions);
  if (recipient && !message.text.includes(`@${recipient.name}`)) chat.text = `${message.text}\n@${recipient.name}`;
  // No `now`: the platforms compare signature timestamps with real time, which a test's fake clock is not.
  const options = { allowPrivate: settings.allowPrivate, ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}) };
  switch (target.kind) {
    case 'dingtalk':
      return dingtalk.send({ url, ...(secret ? { secret } : {}) }, chat, options);
    case 'feishu':
      return feishu.send({ url, ...(secret ? { secret } : {}) }, chat, options);
    case 'wecom':
      return wecom.send({ url }, chat, options);
    case 'webhook':
      if (!secret) return failure(false, 'a webhook needs its signing secret');
      return webhook.send({ url, secret }, chat, options);
  }
}

type Mentions = { mobiles: string[]; emails: string[] };

function groupMentions(payload: Record<string, unknown>): Mentions | undefined {
  const m = payload.mentions as { mobiles?: unknown; emails?: unknown } | undefined;
  if (!m) return undefined;
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  return { mobiles: list(m.mobiles), emails: list(m.emails) };
}

/** DingTalk and WeCom @-mention by mobile; Feishu's custom bots by e-mail. */
function forPlatform(kind: string, mentions: Mentions): ChannelMessage['mentions'] {
  if (kind === 'feishu') return { emails: mentions.emails };
  if (kind === 'webhook') return { mobiles: mentions.mobiles, emails: mentions.emails };
  return { mobiles: mentions.mobiles };
}

type Recipient = { name: string; email: string; phone: string | null; locale: string | null; active: boolean };

async function findRecipient(db: DbOrTx, userId: string): Promise<Recipient | undefined> {
  const [row] = await db
    .select({ name: users.name, email: users.email, phone: users.phone, locale: users.locale, active: users.active })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

const orgCache = new Map<string, { facts: OrgFacts; until: number }>();

/** The organisation's time zone and language, cached for a minute: read for every row, changed rarely. */
async function orgFacts(db: DbOrTx, orgId: string): Promise<OrgFacts> {
  const cached = orgCache.get(orgId);
  if (cached && cached.until > Date.now()) return cached.facts;
  const [org] = await db.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, orgId));
  const facts: OrgFacts = { timeZone: org?.settings.timeZone ?? 'Asia/Shanghai', locale: org?.settings.locale ?? 'zh-CN' };
  orgCache.set(orgId, { facts, until: Date.now() + 60_000 });
  return facts;
}

function plainText(message: RenderedMessage): string {
  return [message.text, message.url ? `${message.linkText ?? ''}: ${message.url}` : ''].filter(Boolean).join('\n\n');
}

function html(message: RenderedMessage): string {
  const paragraphs = message.text
    .split('\n')
    .map((line) => `<p style="margin:0 0 6px">${escapeHtml(line)}</p>`)
    .join('');
  const button = message.url
    ? `<p style="margin-top:16px"><a href="${escapeHtml(message.url)}" style="background:#1677ff;color:#fff;padding:8px 16px;border-radius:6px;text-decoration:none">${escapeHtml(message.linkText ?? message.url)}</a></p>`
    : '';
  return `<!doctype html><html><body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;color:#1f1f1f"><h3 style="margin:0 0 12px">${escapeHtml(message.title)}</h3>${paragraphs}${button}</body></html>`;
}

function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
