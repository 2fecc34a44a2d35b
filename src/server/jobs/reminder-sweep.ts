import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { departments, meetings, organizations } from '../db/schema/index.ts';
import {
  itemsToEscalate,
  markReminders,
  meetingsWithUnsentAgenda,
  openItemsDueOn,
  overdueItemsNotRemindedOn,
  staleItems,
  unpublishedMeetings,
  type ItemCandidate,
  type MeetingCandidate,
} from '../db/queries/due-reminders.ts';
import type { OrgSettings } from '../../shared/org-settings.ts';
import { addDays, localDate } from '../../domain/calendar-date.ts';
import {
  actionListDeadline,
  agendaDeadline,
  agendaReminderDue,
  AGENDA_REMINDER_WINDOW_MS,
  isActionListOverdue,
  isPublishOverdue,
  isPublishReminderDue,
  meetingEnd,
  publishDeadline,
} from '../../domain/meeting-deadlines.ts';
import { daysOverdue, isEscalationDue, isStale, isUpdateReminderDue, lastActivityAt } from '../../domain/action-item-timing.ts';
import { nextDeliveryTime } from '../../domain/working-hours.ts';
import { enqueueManyNotifications, type EnqueueInput, type NotificationEvent } from '../notifications/outbox.ts';
import { itemPayload } from '../notifications/events/item-payload.ts';
import { recordAudit } from '../commands/audit.ts';
import { sendDailyDigests } from './daily-digest.ts';

const DAY_MS = 86_400_000;

/** What the sweep hands on: the items whose escalation is due, one `escalate-overdue-item` job each. */
export type SweepDeps = {
  db: Db;
  scheduleEscalations(orgId: string, itemIds: string[]): Promise<void>;
};

export type SweepReport = Record<NotificationEvent, number> & { escalationsScheduled: number };

type Org = { id: string; settings: OrgSettings };

/**
 * The `reminder-sweep` job (every minute): for each organisation, finds what the template's rules say
 * is due now and raises each reminder once — `sent_reminders` and the outbox's dedupe keys make a
 * second run, or a run on another instance, raise nothing again. Reminders are held to the
 * organisation's working hours (due at 03:00, sent at 09:30). Escalations are handed to their own job.
 * `scope.orgIds` limits the sweep to some organisations (tests sharing one database).
 */
export async function runReminderSweep(deps: SweepDeps, now: Date, scope: { orgIds?: string[] } = {}): Promise<SweepReport> {
  const report = emptyReport();
  const orgs = await deps.db
    .select({ id: organizations.id, settings: organizations.settings })
    .from(organizations)
    .where(scope.orgIds ? inArray(organizations.id, scope.orgIds) : undefined);
  for (const org of orgs) await sweepOrganization(deps, org, now, report);
  return report;
}

async function sweepOrganization(deps: SweepDeps, org: Org, now: Date, report: SweepReport): Promise<void> {
  const { db } = deps;
  const settings = org.settings;
  const deliverAt = nextDeliveryTime(now, settings);
  const today = localDate(now, settings.timeZone);
  const remind = (event: NotificationEvent, notices: Notice[]) => raise(db, org, event, notices, now, deliverAt, report);

  const unsent = await meetingsWithUnsentAgenda(db, org.id, now, settings.agendaLeadDays * DAY_MS + AGENDA_REMINDER_WINDOW_MS);
  await remind(
    'agenda_not_sent',
    unsent
      .filter((m) => agendaReminderDue(m, settings, now))
      .map((m) => ({
        subjectId: m.id,
        occurrence: String(m.sequence),
        entityType: 'meeting',
        collaborationId: m.collaborationId,
        recipientIds: [m.hostId],
        payload: { ...meetingPayload(m), leadDays: settings.agendaLeadDays, deadline: agendaDeadline(m, settings).toISOString() },
      })),
  );

  const noActionList = await unpublishedMeetings(db, org.id, now, { kind: 'action_list_overdue', afterHours: settings.actionListWithinHours, withoutActionItems: true });
  await remind(
    'action_list_overdue',
    noActionList
      .filter((m) => isActionListOverdue(m, settings, now))
      .map((m) => ({
        subjectId: m.id,
        occurrence: '',
        entityType: 'meeting',
        collaborationId: m.collaborationId,
        recipientIds: [m.recorderId],
        payload: { ...meetingPayload(m), withinHours: settings.actionListWithinHours, deadline: actionListDeadline(m, settings).toISOString() },
      })),
  );

  const unpublished = await unpublishedMeetings(db, org.id, now, { kind: 'record_not_published', afterHours: settings.publishReminderAtHours });
  await remind(
    'record_not_published',
    unpublished
      .filter((m) => isPublishReminderDue(m, settings, now))
      .map((m) => ({
        subjectId: m.id,
        occurrence: '',
        entityType: 'meeting',
        collaborationId: m.collaborationId,
        recipientIds: [m.recorderId],
        payload: { ...meetingPayload(m), withinHours: settings.publishWithinHours, deadline: publishDeadline(m, settings).toISOString() },
      })),
  );

  await flagLateRecords(db, org, now, deliverAt, report);

  const updateDay = addDays(today, settings.updateBeforeDueDays);
  const dueSoon = await openItemsDueOn(db, org.id, updateDay);
  await remind(
    'update_due_tomorrow',
    dueSoon.filter((i) => isUpdateReminderDue(i, now, settings)).map((i) => itemNotice(i, i.dueDate, {})),
  );

  const stale = await staleItems(db, org.id, now, today, settings.staleAfterDays);
  await remind(
    'stale_item',
    stale
      .filter((i) => isStale(i, now, settings))
      .map((i) =>
        itemNotice(i, i.occurrence!, {
          staleDays: Math.floor((now.getTime() - lastActivityAt(i).getTime()) / DAY_MS),
          everyDays: settings.staleAfterDays,
        }),
      ),
  );

  const overdue = await overdueItemsNotRemindedOn(db, org.id, today);
  await remind(
    'item_overdue',
    overdue.map((i) => itemNotice(i, today, { daysOverdue: daysOverdue(i, now, settings.timeZone), escalateAfterDays: settings.escalateAfterOverdueDays })),
  );

  const escalate = (await itemsToEscalate(db, org.id, today, settings.escalateAfterOverdueDays, settings.timeZone)).filter((i) => isEscalationDue(i, now, settings));
  if (escalate.length) {
    await deps.scheduleEscalations(org.id, escalate.map((i) => i.id));
    report.escalationsScheduled += escalate.length;
  }

  report.daily_digest += await sendDailyDigests(db, org, now);
}

/** One reminder to raise: its subject and occurrence (the `sent_reminders` key) and what the outbox needs. */
type Notice = {
  subjectId: string;
  occurrence: string;
  entityType: string;
  collaborationId: string;
  recipientIds: string[];
  payload: Record<string, unknown>;
};

/** Marks the reminders and writes the outbox rows of those marked now, in one transaction. */
async function raise(db: Db, org: Org, event: NotificationEvent, notices: Notice[], now: Date, deliverAt: Date, report: SweepReport): Promise<void> {
  if (!notices.length) return;
  await db.transaction(async (tx) => {
    const fresh = await markReminders(tx, org.id, event, notices, now);
    const inputs: EnqueueInput[] = notices
      .filter((n) => fresh.has(`${n.subjectId}:${n.occurrence}`))
      .map((n) => ({
        orgId: org.id,
        event,
        recipientIds: n.recipientIds,
        entityType: n.entityType,
        entityId: n.subjectId,
        collaborationId: n.collaborationId,
        payload: n.payload,
        occurrence: n.occurrence,
        deliverAt,
        now,
      }));
    await enqueueManyNotifications(tx, org.id, inputs);
    report[event] += inputs.length;
  });
}

/**
 * Rule 3's second step: a record still unpublished past its deadline is flagged late (audited, shown on
 * the meeting) and the initiating department's head and the recorder are told. Publishing later is
 * still allowed and recorded as late.
 */
async function flagLateRecords(db: Db, org: Org, now: Date, deliverAt: Date, report: SweepReport): Promise<void> {
  const settings = org.settings;
  const candidates = (
    await unpublishedMeetings(db, org.id, now, { kind: 'record_late', afterHours: settings.publishWithinHours, notFlaggedLate: true })
  ).filter((m) => isPublishOverdue(m, settings, now));
  if (!candidates.length) return;
  await db.transaction(async (tx) => {
    const flagged = await tx
      .update(meetings)
      .set({ lateFlaggedAt: now })
      .where(and(inArray(meetings.id, candidates.map((m) => m.id)), isNull(meetings.lateFlaggedAt), eq(meetings.minutesStatus, 'draft')))
      .returning({ id: meetings.id });
    const flaggedIds = new Set(flagged.map((m) => m.id));
    const late = candidates.filter((m) => flaggedIds.has(m.id));
    await markReminders(tx, org.id, 'record_late', late.map((m) => ({ subjectId: m.id, occurrence: '' })), now);
    const heads = await headsOf(tx, late.map((m) => m.initiatingDepartmentId));
    const inputs: EnqueueInput[] = [];
    for (const m of late) {
      const deadline = publishDeadline(m, settings);
      await recordAudit(tx, null, now, {
        orgId: org.id,
        entityType: 'meeting',
        entityId: m.id,
        collaborationId: m.collaborationId,
        action: 'record_late',
        after: { lateFlaggedAt: now, publishDeadline: deadline },
      });
      const head = heads.get(m.initiatingDepartmentId);
      inputs.push({
        orgId: org.id,
        event: 'record_late',
        recipientIds: [...(head ? [head] : []), m.recorderId],
        entityType: 'meeting',
        entityId: m.id,
        collaborationId: m.collaborationId,
        payload: { ...meetingPayload(m), deadline: deadline.toISOString(), recorderName: m.recorderName },
        deliverAt,
        now,
      });
    }
    await enqueueManyNotifications(tx, org.id, inputs);
    report.record_late += inputs.length;
  });
}

async function headsOf(db: DbOrTx, departmentIds: string[]): Promise<Map<string, string>> {
  if (!departmentIds.length) return new Map();
  const rows = await db.select({ id: departments.id, headId: departments.headId }).from(departments).where(inArray(departments.id, [...new Set(departmentIds)]));
  return new Map(rows.filter((r) => r.headId).map((r) => [r.id, r.headId!]));
}

function meetingPayload(m: MeetingCandidate) {
  return {
    meetingId: m.id,
    collaborationId: m.collaborationId,
    collaborationTopic: m.collaborationTopic,
    title: m.title,
    plannedStart: m.plannedStart.toISOString(),
    plannedEnd: m.plannedEnd.toISOString(),
    endedAt: meetingEnd(m).toISOString(),
  };
}

function itemNotice(item: ItemCandidate, occurrence: string, extra: Record<string, unknown>): Notice {
  return {
    subjectId: item.id,
    occurrence,
    entityType: 'action_item',
    collaborationId: item.collaborationId,
    recipientIds: [item.ownerId],
    payload: itemPayload(item, extra),
  };
}

function emptyReport(): SweepReport {
  return {
    meeting_scheduled: 0,
    agenda_sent: 0,
    agenda_not_sent: 0,
    action_list_overdue: 0,
    record_not_published: 0,
    record_late: 0,
    record_published: 0,
    item_assigned: 0,
    due_date_moved: 0,
    item_done: 0,
    item_accepted: 0,
    item_reopened: 0,
    remark_added: 0,
    update_due_tomorrow: 0,
    stale_item: 0,
    item_overdue: 0,
    escalation: 0,
    daily_digest: 0,
    escalationsScheduled: 0,
  };
}
