import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { meetings } from '../db/schema/index.ts';
import { activeHeadIds, findMeetingContext, loadMeetingDetail, type MeetingActionItem } from '../db/queries/meetings.ts';
import { isPublishLate } from '../../domain/meeting-deadlines.ts';
import { AppError, notFound } from '../errors.ts';
import type { Locale } from '../i18n/messages.ts';
import { assertMeetingAction } from '../policies/meeting.ts';
import { missingPartsOf, presentMissingParts } from '../presenters/meeting.ts';
import { enqueueGroupNotifications, enqueueNotifications } from '../notifications/outbox.ts';
import { recordAudit } from './audit.ts';

/**
 * Publishes the minutes (minutes editors). Refused with 422 RECORD_INCOMPLETE, listing each missing part
 * in the caller's language, until every topic has its discussion and a feedback row from every
 * participating department and the meeting has an action item or `noActions` (rule 8). A meeting never
 * marked held counts as held as planned once its planned end has passed. Publishing after the deadline
 * (rule 3) is recorded as `publishedLate`, never refused.
 */
export async function publishMeeting(db: Db, actor: Actor, now: Date, meetingId: string, locale: Locale): Promise<void> {
  await db.transaction(async (tx) => {
    const context = await findMeetingContext(tx, actor, meetingId, true);
    if (!context) throw notFound();
    const { meeting, collaboration } = context;
    assertMeetingAction(actor, collaboration.facts, meeting, 'publish');
    if (!meeting.heldAt && now.getTime() < meeting.plannedEnd.getTime()) throw new AppError('CONFLICT', { messageKey: 'meeting.notHeld' });
    const heldAt = meeting.heldAt ?? meeting.plannedStart;
    const endedAt = meeting.endedAt ?? meeting.plannedEnd;

    const detail = await loadMeetingDetail(tx, context);
    const missing = missingPartsOf(detail);
    if (missing.length) {
      throw new AppError('RECORD_INCOMPLETE', { params: { count: missing.length }, details: { missing: presentMissingParts(missing, detail, actor, locale) } });
    }

    const publishedLate = isPublishLate({ ...meeting, endedAt }, actor.settings, now);
    await tx
      .update(meetings)
      .set({ heldAt, endedAt, minutesStatus: 'published', publishedAt: now, publishedBy: actor.userId, publishedLate, updatedAt: now })
      .where(eq(meetings.id, meeting.id));
    await recordAudit(tx, actor, now, {
      entityType: 'meeting',
      entityId: meeting.id,
      collaborationId: meeting.collaborationId,
      action: 'published',
      before: { minutesStatus: meeting.minutesStatus, heldAt: meeting.heldAt, endedAt: meeting.endedAt },
      after: { minutesStatus: 'published', heldAt, endedAt, publishedAt: now, publishedLate },
    });

    const base = {
      meetingId: meeting.id,
      collaborationId: meeting.collaborationId,
      collaborationTopic: collaboration.row.topic,
      title: meeting.title,
      publishedLate,
      topicTitles: detail.topics.filter((t) => !t.sensitive).map((t) => t.title),
    };
    const notify = (recipientIds: string[], payload: Record<string, unknown>) =>
      enqueueNotifications(tx, { orgId: actor.orgId, event: 'record_published', recipientIds, entityType: 'meeting', entityId: meeting.id, collaborationId: meeting.collaborationId, payload, now });
    // Owners first, each with their own items: the outbox keeps one row per person, so this one wins.
    for (const [ownerId, items] of groupByOwner(detail.actionItems)) await notify([ownerId], { ...base, items: items.map(itemNotice) });
    const headIds = await activeHeadIds(tx, actor.orgId, [collaboration.row.initiatingDepartmentId, ...collaboration.participatingDepartmentIds]);
    const summary = { ...base, itemCount: detail.actionItems.filter((i) => i.status !== 'cancelled').length };
    await notify([...headIds, ...detail.attendeeIds], summary);
    // The chat groups get the non-sensitive summary, the departments' heads @-mentioned.
    await enqueueGroupNotifications(tx, {
      orgId: actor.orgId,
      event: 'record_published',
      entityType: 'meeting',
      entityId: meeting.id,
      collaborationId: meeting.collaborationId,
      payload: summary,
      mentionUserIds: headIds,
      now,
    });
  });
}

function groupByOwner(items: MeetingActionItem[]): Map<string, MeetingActionItem[]> {
  const byOwner = new Map<string, MeetingActionItem[]>();
  for (const item of items) {
    if (item.status === 'cancelled') continue;
    byOwner.set(item.ownerId, [...(byOwner.get(item.ownerId) ?? []), item]);
  }
  return byOwner;
}

/** An item as a notification shows it; a sensitive item travels as its id and due date only (rule 10). */
function itemNotice(item: MeetingActionItem) {
  if (item.sensitive) return { id: item.id, sensitive: true, dueDate: item.dueDate };
  return { id: item.id, description: item.description, dueDate: item.dueDate, deliverable: item.deliverable };
}
