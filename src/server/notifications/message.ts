import type { Locale } from '../i18n/messages.ts';
import type { NotificationEvent } from '../../shared/notification-events.ts';
import { localDate, localMinuteOfDay } from '../../domain/calendar-date.ts';
import type { DbOrTx } from '../db/client.ts';

/**
 * Who reads the message: one named person (their own items, in their language), or a chat group /
 * webhook (the non-sensitive summary, in the organisation's language).
 */
export type Audience = 'person' | 'group';

export type RenderContext = {
  locale: Locale;
  timeZone: string;
  /** PUBLIC_URL without a trailing slash: links in messages open Liaison there. */
  publicUrl: string;
  audience: Audience;
};

/** What an event says, before a channel shapes it for its platform. Holds no sensitive text for anyone not named. */
export type RenderedMessage = { title: string; text: string; url?: string; linkText?: string };

/** A calendar invitation to attach to an e-mail (meeting events). */
export type EmailAttachment = { ics: { content: string; method: 'REQUEST' | 'CANCEL' } };

/**
 * One named event (src/server/notifications/events/<event>.ts): what it says to a person and to a group.
 * `emailAttachment` adds what only e-mail carries (the .ics of a meeting), read fresh at delivery time.
 */
export type EventDefinition = {
  event: NotificationEvent;
  render(payload: Record<string, unknown>, context: RenderContext): RenderedMessage;
  emailAttachment?(db: DbOrTx, row: { entityId: string; payload: Record<string, unknown> }, context: RenderContext): Promise<EmailAttachment | undefined>;
};

/** Picks the sentence of the reader's language. */
export function say(context: Pick<RenderContext, 'locale'>, zh: string, en: string): string {
  return context.locale === 'en' ? en : zh;
}

/** Link into the web app: the collaboration page, optionally opened on a meeting or an item. */
export function collaborationLink(context: RenderContext, collaborationId: unknown, focus?: { meeting?: unknown; item?: unknown }): string {
  const query = focus?.meeting ? `?meeting=${String(focus.meeting)}` : focus?.item ? `?item=${String(focus.item)}` : '';
  return `${context.publicUrl}/collaborations/${String(collaborationId)}${query}`;
}

/** An instant as the organisation's wall clock reads it: 2024年7月10日 14:00 / 2024-07-10 14:00. */
export function formatWhen(value: unknown, context: Pick<RenderContext, 'locale' | 'timeZone'>): string {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return '';
  const day = localDate(date, context.timeZone);
  const minute = localMinuteOfDay(date, context.timeZone);
  const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return `${formatDay(day, context)} ${time}`;
}

/** A calendar date for people: 2024年7月15日 / 2024-07-15. */
export function formatDay(value: unknown, context: Pick<RenderContext, 'locale'>): string {
  const date = String(value ?? '');
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match || context.locale === 'en') return date;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

/** The words standing in for an item only the people it names may read (DESIGN §2 rule 10). */
export function restrictedItem(context: Pick<RenderContext, 'locale'>): string {
  return say(context, '一项受限事项（仅限指定人员查看）', 'a restricted item (visible to the people it names only)');
}

/** An action item as a message names it: its description, or the restricted wording when it is sensitive. */
export function itemLabel(payload: Record<string, unknown>, context: Pick<RenderContext, 'locale'>): string {
  if (payload.sensitive || typeof payload.description !== 'string') return restrictedItem(context);
  return `「${payload.description}」`;
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function linkText(context: Pick<RenderContext, 'locale'>): string {
  return say(context, '查看详情', 'Open in Liaison');
}

/** The people a group message @-mentions, written into its text (the platforms highlight only names that appear there). */
export function mentionLine(payload: Record<string, unknown>, context: Pick<RenderContext, 'audience'>): string[] {
  const names = (payload.mentions as { names?: unknown } | undefined)?.names;
  if (context.audience !== 'group' || !Array.isArray(names) || !names.length) return [];
  return [names.map((n) => `@${String(n)}`).join(' ')];
}
