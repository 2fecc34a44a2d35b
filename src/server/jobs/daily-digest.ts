import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { notifications, users } from '../db/schema/index.ts';
import { markReminders } from '../db/queries/due-reminders.ts';
import type { OrgSettings } from '../../shared/org-settings.ts';
import type { Locale } from '../i18n/messages.ts';
import { isWorkingDay, localDate, localDateTime } from '../../domain/calendar-date.ts';
import { eventDefinitions } from '../notifications/events/index.ts';
import { dedupeKey, isEmailEnabled, OUTBOX_CHANNEL } from '../notifications/outbox.ts';
import { readPreferences } from '../notifications/preferences.ts';

const DAY_MS = 86_400_000;

/**
 * For people who chose the daily digest: once a working day, from the start of working hours, one
 * e-mail listing what their bell collected over the past day (only when there is something). The
 * digest's titles are rendered here, from payloads that never hold sensitive text.
 */
export async function sendDailyDigests(db: Db, org: { id: string; settings: OrgSettings }, now: Date): Promise<number> {
  const { settings } = org;
  const today = localDate(now, settings.timeZone);
  if (!isEmailEnabled() || !isWorkingDay(today, settings)) return 0;
  if (now.getTime() < localDateTime(today, settings.workdayStart, settings.timeZone).getTime()) return 0;
  const readers = await db
    .select({ id: users.id, email: users.email, locale: users.locale, preferences: users.preferences })
    .from(users)
    .where(and(eq(users.orgId, org.id), eq(users.active, true), sql`(${users.preferences}->>'dailyDigest')::boolean IS TRUE`))
    .then((rows) => rows.filter((r) => r.email && readPreferences(r.preferences).dailyDigest));
  if (!readers.length) return 0;
  const since = new Date(now.getTime() - DAY_MS);
  const collected = await db
    .select({ recipientId: notifications.recipientId, event: notifications.event, payload: notifications.payload, collaborationId: notifications.collaborationId })
    .from(notifications)
    .where(
      and(
        inArray(notifications.recipientId, readers.map((r) => r.id)),
        eq(notifications.channel, 'in_app'),
        gte(notifications.createdAt, since),
        lt(notifications.createdAt, now),
      ),
    )
    .orderBy(notifications.createdAt);
  let sent = 0;
  await db.transaction(async (tx) => {
    const fresh = await markReminders(tx, org.id, 'daily_digest', readers.map((r) => ({ subjectId: r.id, occurrence: today })), now);
    for (const reader of readers) {
      if (!fresh.has(`${reader.id}:${today}`)) continue;
      const locale = (reader.locale as Locale | null) ?? settings.locale;
      const context = { locale, timeZone: settings.timeZone, publicUrl: '', audience: 'person' as const };
      const titles = collected
        .filter((n) => n.recipientId === reader.id)
        .map((n) => eventDefinitions[n.event as keyof typeof eventDefinitions]?.render({ collaborationId: n.collaborationId, ...n.payload }, context).title)
        .filter((title): title is string => Boolean(title));
      if (!titles.length) continue;
      await tx
        .insert(notifications)
        .values({
          orgId: org.id,
          event: 'daily_digest',
          recipientId: reader.id,
          channel: 'email',
          entityType: 'user',
          entityId: reader.id,
          payload: { date: today, titles },
          dedupeKey: dedupeKey({ event: 'daily_digest', entityId: reader.id, occurrence: today }, reader.id, 'email'),
          nextAttemptAt: now,
          createdAt: now,
        })
        .onConflictDoNothing({ target: notifications.dedupeKey });
      sent += 1;
    }
    if (sent) await tx.execute(sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`);
  });
  return sent;
}
