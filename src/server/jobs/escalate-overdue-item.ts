import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { actionItems, collaborations, departments, meetingActionItems, meetingAttendees, meetings, organizations, remarks, users } from '../db/schema/index.ts';
import type { OrgSettings } from '../../shared/org-settings.ts';
import { addDays, isWorkingDay, localDate, localDateTime } from '../../domain/calendar-date.ts';
import { daysOverdue, isEscalationDue } from '../../domain/action-item-timing.ts';
import { nextDeliveryTime } from '../../domain/working-hours.ts';
import { enqueueGroupNotifications, enqueueNotifications } from '../notifications/outbox.ts';
import { itemPayload } from '../notifications/events/item-payload.ts';
import { recordAudit } from '../commands/audit.ts';
import { withSearchText } from '../search/search-text.ts';

/** How long the automatic progress-sync meeting is planned for. */
const SYNC_MEETING_MS = 60 * 60_000;

export type EscalationResult = { meetingId: string; createdMeeting: boolean } | null;

/**
 * The `escalate-overdue-item` job (rule 7): an item 3 days overdue. In one transaction, with the
 * collaboration locked so concurrent escalations of its items line up: the item is marked escalated
 * for its current due date; the collaboration's open draft 进度同步会 gets it on its agenda, or a draft is
 * created for the next working morning (host: the initiating department's head); a remark is added
 * to 风险与备注; each change is audited with no actor; the head and the creator are told and the
 * collaboration's chat groups see the non-sensitive summary. Running it again for the same item does
 * nothing, so a job retried or sent twice is harmless.
 */
export async function escalateOverdueItem(db: Db, itemId: string, now: Date): Promise<EscalationResult> {
  return db.transaction(async (tx) => {
    const [found] = await tx.select({ collaborationId: actionItems.collaborationId, orgId: actionItems.orgId }).from(actionItems).where(eq(actionItems.id, itemId));
    if (!found) return null;
    const [collaboration] = await tx.select().from(collaborations).where(eq(collaborations.id, found.collaborationId)).for('update');
    const [item] = await tx.select().from(actionItems).where(eq(actionItems.id, itemId)).for('update');
    const [org] = await tx.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, found.orgId));
    if (!collaboration || !item || !org || collaboration.archivedAt) return null;
    const settings = org.settings;
    if (!isEscalationDue(item, now, settings) || alreadyEscalated(item, settings)) return null;

    const [owner] = await tx.select({ name: users.name }).from(users).where(eq(users.id, item.ownerId));
    const [initiating] = await tx.select({ headId: departments.headId }).from(departments).where(eq(departments.id, collaboration.initiatingDepartmentId));
    const headId = initiating?.headId ?? null;
    const overdueDays = daysOverdue(item, now, settings.timeZone);
    const facts = { ...item, collaborationTopic: collaboration.topic, ownerName: owner?.name ?? '' };
    const agendaLine = agendaLineOf(facts, overdueDays, settings);
    const audit = { orgId: item.orgId, collaborationId: collaboration.id };

    const open = await openSyncMeeting(tx, collaboration.id, now);
    let meeting: typeof meetings.$inferSelect;
    if (open) {
      const [extended] = await tx
        .update(meetings)
        .set({ agenda: [...open.agenda, agendaLine], updatedAt: now, version: sql`${meetings.version} + 1` })
        .where(eq(meetings.id, open.id))
        .returning();
      meeting = extended!;
      await recordAudit(tx, null, now, { ...audit, entityType: 'meeting', entityId: meeting.id, action: 'escalation_extended', before: { agenda: open.agenda }, after: { agenda: meeting.agenda } });
    } else {
      const start = nextWorkingMorning(now, settings);
      const [created] = await tx
        .insert(meetings)
        .values({
          orgId: item.orgId,
          collaborationId: collaboration.id,
          kind: 'progress_sync',
          title: settings.locale === 'en' ? `Progress sync: ${collaboration.topic}` : `进度同步会：${collaboration.topic}`,
          plannedStart: start,
          plannedEnd: new Date(start.getTime() + SYNC_MEETING_MS),
          mode: 'online',
          hostId: headId ?? collaboration.creatorId,
          recorderId: collaboration.creatorId,
          agenda: [agendaLine],
          createdBy: collaboration.creatorId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      meeting = created!;
      await recordAudit(tx, null, now, {
        ...audit,
        entityType: 'meeting',
        entityId: meeting.id,
        action: 'created',
        after: { kind: meeting.kind, title: meeting.title, plannedStart: meeting.plannedStart, plannedEnd: meeting.plannedEnd, hostId: meeting.hostId, recorderId: meeting.recorderId, agenda: meeting.agenda, reason: 'escalation' },
      });
    }
    await tx.insert(meetingActionItems).values({ orgId: item.orgId, meetingId: meeting.id, actionItemId: item.id }).onConflictDoNothing();
    await tx.insert(meetingAttendees).values({ orgId: item.orgId, meetingId: meeting.id, userId: item.ownerId }).onConflictDoNothing();

    await tx.update(actionItems).set({ escalatedAt: now }).where(eq(actionItems.id, item.id));
    await recordAudit(tx, null, now, {
      ...audit,
      entityType: 'action_item',
      entityId: item.id,
      action: 'escalated',
      before: { escalatedAt: item.escalatedAt },
      after: { escalatedAt: now, daysOverdue: overdueDays, syncMeetingId: meeting.id },
      restrictedTo: item.sensitive ? item.visibleToUserIds : null,
    });

    const [remark] = await tx
      .insert(remarks)
      .values(withSearchText('remarks', { orgId: item.orgId, collaborationId: collaboration.id, authorId: null, kind: 'escalation', text: remarkText(facts, overdueDays, meeting.plannedStart, settings), createdAt: now }))
      .returning();
    await recordAudit(tx, null, now, { ...audit, entityType: 'remark', entityId: remark!.id, action: 'created', after: { kind: remark!.kind, text: remark!.text } });
    await tx.update(collaborations).set({ updatedAt: now }).where(eq(collaborations.id, collaboration.id));

    const payload = itemPayload(facts, { daysOverdue: overdueDays, syncMeetingId: meeting.id, syncMeetingStart: meeting.plannedStart.toISOString() });
    const notice = {
      orgId: item.orgId,
      event: 'escalation' as const,
      entityType: 'action_item',
      entityId: item.id,
      collaborationId: collaboration.id,
      payload,
      occurrence: item.dueDate,
      deliverAt: nextDeliveryTime(now, settings),
      now,
    };
    await enqueueNotifications(tx, { ...notice, recipientIds: [...(headId ? [headId] : []), collaboration.creatorId] });
    await enqueueGroupNotifications(tx, { ...notice, mentionUserIds: headId ? [headId] : [] });
    return { meetingId: meeting.id, createdMeeting: !open };
  });
}

/** Escalated already for this due date: at or after the day its escalation fell due. */
function alreadyEscalated(item: { escalatedAt: Date | null; dueDate: string }, settings: OrgSettings): boolean {
  if (!item.escalatedAt) return false;
  const dueDay = localDateTime(addDays(item.dueDate, settings.escalateAfterOverdueDays), '00:00', settings.timeZone);
  return item.escalatedAt.getTime() >= dueDay.getTime();
}

/** The collaboration's progress-sync meeting still to be held (not cancelled, minutes in draft, not over). */
async function openSyncMeeting(tx: DbOrTx, collaborationId: string, now: Date) {
  const [row] = await tx
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.collaborationId, collaborationId),
        eq(meetings.kind, 'progress_sync'),
        isNull(meetings.heldAt),
        isNull(meetings.cancelledAt),
        eq(meetings.minutesStatus, 'draft'),
        gt(meetings.plannedEnd, now),
      ),
    )
    .orderBy(desc(meetings.createdAt))
    .limit(1)
    .for('update');
  return row;
}

/** The start of working hours on the next working day after today, in the organisation's time zone. */
function nextWorkingMorning(now: Date, settings: OrgSettings): Date {
  let day = localDate(now, settings.timeZone);
  for (let i = 0; i < 366; i++) {
    day = addDays(day, 1);
    if (isWorkingDay(day, settings)) return localDateTime(day, settings.workdayStart, settings.timeZone);
  }
  return new Date(now.getTime() + 86_400_000);
}

type ItemFacts = { sensitive: boolean; description: string; ownerName: string; dueDate: string };

/** The agenda line of an overdue item; a sensitive item is named only as restricted, since the agenda is read by everyone the meeting is visible to. */
function agendaLineOf(item: ItemFacts, days: number, settings: OrgSettings): string {
  if (settings.locale === 'en') {
    return item.sensitive ? `A restricted item (${item.ownerName}), ${days} days overdue` : `${item.description} (${item.ownerName}), ${days} days overdue`;
  }
  return item.sensitive ? `受限行动项（负责人：${item.ownerName}）逾期 ${days} 天` : `${item.description}（负责人：${item.ownerName}）逾期 ${days} 天`;
}

function remarkText(item: ItemFacts, days: number, meetingStart: Date, settings: OrgSettings): string {
  const day = localDate(meetingStart, settings.timeZone);
  if (settings.locale === 'en') {
    const what = item.sensitive ? 'A restricted action item' : `Action item "${item.description}"`;
    return `${what} (owner ${item.ownerName}, due ${item.dueDate}) is ${days} days overdue: escalated to the initiating department; progress-sync meeting planned for ${day}.`;
  }
  const what = item.sensitive ? '一项受限行动项' : `行动项「${item.description}」`;
  return `${what}（负责人：${item.ownerName}，截止 ${item.dueDate}）已逾期 ${days} 天，已升级至发起部门，进度同步会安排在 ${day}。`;
}
