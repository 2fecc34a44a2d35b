import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { queryRows } from '../client.ts';
import type { ActionItemStatus } from '../../../domain/action-item-timing.ts';

/**
 * The reminder sweep's finders: candidates for each rule of DESIGN §2, one organisation at a time, each
 * answered from a partial index (meetings_agenda_unsent_idx, meetings_unpublished_idx,
 * action_items_open_due_idx, action_items_open_activity_idx) and skipping what `sent_reminders`
 * already records, so a sweep over 100,000 open items with nothing new to say reads almost nothing.
 * The pure rules in src/domain have the last word on each candidate.
 */

export type MeetingCandidate = {
  id: string;
  collaborationId: string;
  collaborationTopic: string;
  initiatingDepartmentId: string;
  title: string | null;
  plannedStart: Date;
  plannedEnd: Date;
  endedAt: Date | null;
  heldAt: Date | null;
  hostId: string;
  recorderId: string;
  recorderName: string;
  sequence: number;
};

export type ItemCandidate = {
  id: string;
  collaborationId: string;
  collaborationTopic: string;
  ownerId: string;
  ownerName: string;
  dueDate: string;
  status: ActionItemStatus;
  sensitive: boolean;
  description: string;
  deliverable: string;
  createdAt: Date;
  lastUpdateAt: Date | null;
  escalatedAt: Date | null;
  /** The stale rule's occurrence (last activity and 3-day period), computed where the marks are checked. */
  occurrence?: string;
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Unpublished records older than this are past chasing: every one-time reminder about them has long gone out. */
const RECORD_LOOKBACK_MS = 30 * DAY_MS;

const iso = (date: Date) => sql`${date.toISOString()}::timestamptz`;
/**
 * Not yet recorded in sent_reminders. `OFFSET 0` keeps this a per-row primary-key probe: flattened into
 * an anti-join, a planner misled by statistics not yet updated after a burst of inserts (the first sweep
 * of a day marks thousands of rows) picks a nested loop over all of them, quadratic in the overdue count.
 */
const notMarked = (kind: string, subject: ReturnType<typeof sql>, occurrence: ReturnType<typeof sql>) =>
  sql`NOT EXISTS (SELECT 1 FROM sent_reminders r WHERE r.kind = ${kind} AND r.subject_id = ${subject} AND r.occurrence = ${occurrence} OFFSET 0)`;

const meetingColumns = sql`m.id, m.collaboration_id AS "collaborationId", c.topic AS "collaborationTopic",
  c.initiating_department_id AS "initiatingDepartmentId", m.title, m.planned_start AS "plannedStart",
  m.planned_end AS "plannedEnd", m.ended_at AS "endedAt", m.held_at AS "heldAt", m.host_id AS "hostId",
  m.recorder_id AS "recorderId", u.name AS "recorderName", m.sequence`;
const meetingJoins = sql`FROM meetings m JOIN collaborations c ON c.id = m.collaboration_id JOIN users u ON u.id = m.recorder_id`;

/** Meetings starting within `horizonMs` whose agenda is unsent, not yet reminded about for this version (sequence). */
export async function meetingsWithUnsentAgenda(db: DbOrTx, orgId: string, now: Date, horizonMs: number): Promise<MeetingCandidate[]> {
  const rows = await queryRows<MeetingCandidate>(
    db,
    sql`SELECT ${meetingColumns} ${meetingJoins}
        WHERE m.org_id = ${orgId} AND m.agenda_sent_at IS NULL AND m.cancelled_at IS NULL AND m.held_at IS NULL
          AND m.planned_start > ${iso(now)} AND m.planned_start <= ${iso(new Date(now.getTime() + horizonMs))}
          AND c.archived_at IS NULL
          AND ${notMarked('agenda_not_sent', sql`m.id`, sql`m.sequence::text`)}`,
  );
  return rows.map(meetingFromSql);
}

/**
 * Unpublished, uncancelled records whose meeting ended at least `afterHours` ago (within the lookback),
 * not yet reminded about under `kind`. `withoutActionItems` keeps those with no action item and no
 * "no actions" mark: the action list is not compiled.
 */
export async function unpublishedMeetings(
  db: DbOrTx,
  orgId: string,
  now: Date,
  input: { kind: string; afterHours: number; withoutActionItems?: boolean; notFlaggedLate?: boolean },
): Promise<MeetingCandidate[]> {
  const endedBefore = new Date(now.getTime() - input.afterHours * HOUR_MS);
  const rows = await queryRows<MeetingCandidate>(
    db,
    sql`SELECT ${meetingColumns} ${meetingJoins}
        WHERE m.org_id = ${orgId} AND m.minutes_status = 'draft' AND m.cancelled_at IS NULL
          AND m.planned_end > ${iso(new Date(now.getTime() - RECORD_LOOKBACK_MS))}
          AND coalesce(m.ended_at, m.planned_end) <= ${iso(endedBefore)}
          AND c.archived_at IS NULL
          ${input.withoutActionItems ? sql`AND m.no_actions = false AND NOT EXISTS (SELECT 1 FROM action_items ai WHERE ai.meeting_id = m.id)` : sql``}
          ${input.notFlaggedLate ? sql`AND m.late_flagged_at IS NULL` : sql``}
          AND ${notMarked(input.kind, sql`m.id`, sql`''`)}`,
  );
  return rows.map(meetingFromSql);
}

const itemColumns = sql`ai.id, ai.collaboration_id AS "collaborationId", c.topic AS "collaborationTopic", ai.owner_id AS "ownerId",
  u.name AS "ownerName", ai.due_date::text AS "dueDate", ai.status, ai.sensitive, ai.description, ai.deliverable,
  ai.created_at AS "createdAt", ai.last_update_at AS "lastUpdateAt", ai.escalated_at AS "escalatedAt"`;
const itemJoins = sql`FROM action_items ai JOIN collaborations c ON c.id = ai.collaboration_id JOIN users u ON u.id = ai.owner_id`;
const openItem = sql`ai.status IN ('todo', 'in_progress', 'blocked') AND c.archived_at IS NULL`;

/** Open items due exactly on `dueDate` (the D-1 rule's day), not yet reminded for that due date. */
export async function openItemsDueOn(db: DbOrTx, orgId: string, dueDate: string): Promise<ItemCandidate[]> {
  const rows = await queryRows<ItemCandidate>(
    db,
    sql`SELECT ${itemColumns} ${itemJoins}
        WHERE ai.org_id = ${orgId} AND ai.due_date = ${dueDate}::date AND ${openItem}
          AND ${notMarked('update_due_tomorrow', sql`ai.id`, sql`ai.due_date::text`)}`,
  );
  return rows.map(itemFromSql);
}

/** Open items past due (before `today`), not yet reminded today. */
export async function overdueItemsNotRemindedOn(db: DbOrTx, orgId: string, today: string): Promise<ItemCandidate[]> {
  const rows = await queryRows<ItemCandidate>(
    db,
    sql`SELECT ${itemColumns} ${itemJoins}
        WHERE ai.org_id = ${orgId} AND ai.due_date < ${today}::date AND ${openItem}
          AND ${notMarked('item_overdue', sql`ai.id`, sql`${today}::text`)}`,
  );
  return rows.map(itemFromSql);
}

/**
 * Open items not yet due whose last sign of life is at least one period (`periodDays`) old, not yet
 * nudged for the current period: `occurrence` is "<last activity ms>:<periods elapsed>", so an update
 * starts the count afresh and the nudge repeats every period. Overdue items are left to the daily
 * overdue reminder, which also asks for an update.
 */
export async function staleItems(db: DbOrTx, orgId: string, now: Date, today: string, periodDays: number): Promise<ItemCandidate[]> {
  const activity = sql`coalesce(ai.last_update_at, ai.created_at)`;
  const occurrence = sql`((extract(epoch FROM ${activity}) * 1000)::bigint)::text || ':' || floor(extract(epoch FROM (${iso(now)} - ${activity})) / ${periodDays * 86_400})::bigint::text`;
  const rows = await queryRows<ItemCandidate>(
    db,
    sql`SELECT ${itemColumns}, ${occurrence} AS occurrence ${itemJoins}
        WHERE ai.org_id = ${orgId} AND ${activity} <= ${iso(new Date(now.getTime() - periodDays * DAY_MS))} AND ${openItem}
          AND ai.due_date >= ${today}::date
          AND ${notMarked('stale_item', sql`ai.id`, occurrence)}`,
  );
  return rows.map(itemFromSql);
}

/**
 * Open items at least `afterDays` overdue that were not escalated for their current due date: a due
 * date moved after an escalation can escalate again once the new date is as far behind.
 */
export async function itemsToEscalate(db: DbOrTx, orgId: string, today: string, afterDays: number, timeZone: string): Promise<ItemCandidate[]> {
  const rows = await queryRows<ItemCandidate>(
    db,
    sql`SELECT ${itemColumns} ${itemJoins}
        WHERE ai.org_id = ${orgId} AND ai.due_date <= (${today}::date - ${afterDays}::int) AND ${openItem}
          AND (ai.escalated_at IS NULL OR ai.escalated_at < ((ai.due_date + ${afterDays}::int)::timestamp AT TIME ZONE ${timeZone}))`,
  );
  return rows.map(itemFromSql);
}

/** Records that these reminders went out; answers the keys that were not recorded before (the ones to send now). */
export async function markReminders(
  db: DbOrTx,
  orgId: string,
  kind: string,
  marks: { subjectId: string; occurrence: string }[],
  now: Date,
): Promise<Set<string>> {
  const fresh = new Set<string>();
  for (let i = 0; i < marks.length; i += 1000) {
    const part = marks.slice(i, i + 1000);
    const values = sql.join(
      part.map((m) => sql`(${orgId}::uuid, ${kind}, ${m.subjectId}::uuid, ${m.occurrence}, ${iso(now)})`),
      sql`, `,
    );
    const rows = await queryRows<{ subject_id: string; occurrence: string }>(
      db,
      sql`INSERT INTO sent_reminders (org_id, kind, subject_id, occurrence, created_at) VALUES ${values}
          ON CONFLICT DO NOTHING RETURNING subject_id, occurrence`,
    );
    for (const row of rows) fresh.add(`${row.subject_id}:${row.occurrence}`);
  }
  return fresh;
}

function meetingFromSql(row: MeetingCandidate): MeetingCandidate {
  return {
    ...row,
    plannedStart: new Date(row.plannedStart),
    plannedEnd: new Date(row.plannedEnd),
    endedAt: row.endedAt ? new Date(row.endedAt) : null,
    heldAt: row.heldAt ? new Date(row.heldAt) : null,
    sequence: Number(row.sequence),
  };
}

function itemFromSql(row: ItemCandidate): ItemCandidate {
  return {
    ...row,
    createdAt: new Date(row.createdAt),
    lastUpdateAt: row.lastUpdateAt ? new Date(row.lastUpdateAt) : null,
    escalatedAt: row.escalatedAt ? new Date(row.escalatedAt) : null,
  };
}
