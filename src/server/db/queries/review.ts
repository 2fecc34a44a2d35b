import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.ts';
import { queryRows, type DbOrTx } from '../client.ts';
import { readsWholeOrganization, visibleCollaborationSql } from '../../policies/collaboration.ts';
import { sensitiveVisibleSql } from '../../policies/sensitive.ts';
import { addDays, startOfLocalDay, type CalendarDate } from '../../../domain/calendar-date.ts';
import type { QuarterRange } from '../../../domain/period.ts';
import type { ReviewItem, ReviewMeeting } from '../../../domain/review-metrics.ts';

/** Which collaborations a review covers: all the actor may read, or those a set of departments initiates or joins. */
export type ReviewScope = { departmentIds: string[] | null };

export type ReviewItemRow = ReviewItem & { id: string; collaborationId: string; departmentId: string | null };
export type ReviewMeetingRow = ReviewMeeting & { id: string; collaborationId: string; departmentId: string };
export type ReviewCollaborationRow = { id: string; topic: string; initiatingDepartmentId: string };
/** A record a problem was found in, linked for the review page. */
export type ProblemRef = { kind: 'topic' | 'progress_update'; id: string; url: string };
export type CountedProblem = { key: string; count: number; refs: ProblemRef[] };
export type ProblemTextRow = { text: string; ref: ProblemRef };

const uuidArray = (ids: string[]) => sql`ARRAY[${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}]::uuid[]`;

function scopeSql(actor: Actor, scope: ReviewScope): SQL {
  const visible = visibleCollaborationSql(actor, sql.raw('c'));
  if (!scope.departmentIds) return visible;
  const ids = uuidArray(scope.departmentIds);
  return sql`(${visible} AND (c.initiating_department_id = ANY(${ids}) OR EXISTS (SELECT 1 FROM collaboration_departments x WHERE x.collaboration_id = c.id AND x.department_id = ANY(${ids}))))`;
}

/** The whole organisation for a reader of all of it: rows need no join to their collaboration to be in scope (a.org_id says it). */
function wholeOrganization(actor: Actor, scope: ReviewScope): boolean {
  return !scope.departmentIds && readsWholeOrganization(actor);
}

/** The quarter as instants in the organisation's time zone: [first day 00:00, day after the last 00:00). */
function quarterInstants(quarter: QuarterRange, tz: string) {
  return { from: startOfLocalDay(quarter.start, tz).toISOString(), until: startOfLocalDay(addDays(quarter.end, 1), tz).toISOString() };
}

const localDay = (expr: SQL, tz: string) => sql`to_char((${expr} AT TIME ZONE ${tz})::date, 'YYYY-MM-DD')`;

/**
 * Every item that is due in the quarter or was open during it, with the local dates the metrics need.
 * An item's department is its owner's department (as recorded on the item, else the owner's first one).
 * Updates older than staleAfterDays before the quarter cannot make a day of it compliant and are left out.
 */
export async function reviewItems(db: DbOrTx, actor: Actor, scope: ReviewScope, quarter: QuarterRange, staleAfterDays: number): Promise<ReviewItemRow[]> {
  const tz = actor.settings.timeZone;
  const { from, until } = quarterInstants(quarter, tz);
  const updatesFrom = startOfLocalDay(addDays(quarter.start, -staleAfterDays), tz).toISOString();
  const closedOn = sql`CASE WHEN a.status = 'done' THEN ${localDay(sql`a.completed_at`, tz)} WHEN a.status = 'cancelled' THEN ${localDay(sql`a.updated_at`, tz)} END`;
  const rows = await queryRows<{
    id: string;
    collaboration_id: string;
    department_id: string | null;
    status: ReviewItem['status'];
    due_date: string;
    created_on: string;
    completed_on: string | null;
    closed_on: string | null;
    updated_on: string[];
    escalated_on: string | null;
  }>(db, sql`
    WITH updated AS (
      SELECT u.action_item_id, array_agg(DISTINCT ${localDay(sql`u.created_at`, tz)}) AS days FROM progress_updates u
      WHERE u.org_id = ${actor.orgId}::uuid AND u.created_at >= ${updatesFrom}::timestamptz AND u.created_at < ${until}::timestamptz
      GROUP BY u.action_item_id
    )
    SELECT a.id, a.collaboration_id,
      COALESCE(a.owner_department_id, (SELECT ud.department_id FROM user_departments ud WHERE ud.user_id = a.owner_id ORDER BY ud.department_id LIMIT 1)) AS department_id,
      a.status, to_char(a.due_date, 'YYYY-MM-DD') AS due_date, ${localDay(sql`a.created_at`, tz)} AS created_on,
      CASE WHEN a.status = 'done' THEN ${localDay(sql`a.completed_at`, tz)} END AS completed_on, ${closedOn} AS closed_on,
      ${localDay(sql`a.escalated_at`, tz)} AS escalated_on,
      coalesce(updated.days, ARRAY[]::text[]) AS updated_on
    FROM action_items a ${wholeOrganization(actor, scope) ? sql`` : sql`JOIN collaborations c ON c.id = a.collaboration_id`}
      LEFT JOIN updated ON updated.action_item_id = a.id
    WHERE a.org_id = ${actor.orgId}::uuid AND a.created_at < ${until}::timestamptz ${wholeOrganization(actor, scope) ? sql`` : sql`AND ${scopeSql(actor, scope)}`}
      -- Due in the quarter, or not closed before it started (closed on or after its first local day, or still open),
      -- each as a condition an index answers (the local-date test on closed_on could only be checked row by row).
      AND (a.due_date BETWEEN ${quarter.start}::date AND ${quarter.end}::date
        OR a.status IN ('todo', 'in_progress', 'blocked')
        OR (a.status = 'done' AND (a.completed_at >= ${from}::timestamptz OR a.completed_at IS NULL))
        OR (a.status = 'cancelled' AND a.updated_at >= ${from}::timestamptz))`);
  return rows.map((r) => ({
    id: r.id,
    collaborationId: r.collaboration_id,
    departmentId: r.department_id,
    status: r.status,
    dueDate: r.due_date as CalendarDate,
    createdOn: r.created_on as CalendarDate,
    completedOn: r.completed_on as CalendarDate | null,
    closedOn: r.closed_on as CalendarDate | null,
    updatedOn: r.updated_on as CalendarDate[],
    escalatedOn: r.escalated_on as CalendarDate | null,
  }));
}

/**
 * Meetings planned to start in the quarter and not cancelled; a meeting counts for its collaboration's
 * initiating department. The agenda deadline is the planned start less agendaLeadDays × 24 h (rule 1, as
 * `agendaDeadline` computes it); sent exactly at the deadline is in time.
 */
export async function reviewMeetings(db: DbOrTx, actor: Actor, scope: ReviewScope, quarter: QuarterRange): Promise<ReviewMeetingRow[]> {
  const tz = actor.settings.timeZone;
  const { from, until } = quarterInstants(quarter, tz);
  const deadline = sql`(m.planned_start - ${actor.settings.agendaLeadDays} * interval '1 day')`;
  const rows = await queryRows<{
    id: string;
    collaboration_id: string;
    department_id: string;
    published: boolean;
    published_late: boolean | null;
    agenda_late: boolean | null;
    agenda_due_on: string;
  }>(db, sql`
    SELECT m.id, m.collaboration_id, c.initiating_department_id AS department_id, m.minutes_status = 'published' AS published, m.published_late,
      CASE WHEN m.agenda_sent_at IS NULL THEN NULL ELSE m.agenda_sent_at > ${deadline} END AS agenda_late,
      ${localDay(deadline, tz)} AS agenda_due_on
    FROM meetings m JOIN collaborations c ON c.id = m.collaboration_id
    WHERE m.org_id = ${actor.orgId}::uuid AND m.cancelled_at IS NULL
      AND m.planned_start >= ${from}::timestamptz AND m.planned_start < ${until}::timestamptz AND ${scopeSql(actor, scope)}`);
  return rows.map((r) => ({
    id: r.id,
    collaborationId: r.collaboration_id,
    departmentId: r.department_id,
    published: r.published,
    publishedLate: r.published_late,
    agendaLate: r.agenda_late,
    agendaDueOn: r.agenda_due_on as CalendarDate,
  }));
}

/** Topic and meeting of the quarter's minutes, as a join and a condition: shared by the problem queries. */
function quarterTopicsSql(actor: Actor, scope: ReviewScope, quarter: QuarterRange) {
  const { from, until } = quarterInstants(quarter, actor.settings.timeZone);
  return {
    from: sql`topics t JOIN meetings m ON m.id = t.meeting_id JOIN collaborations c ON c.id = m.collaboration_id`,
    where: sql`t.org_id = ${actor.orgId}::uuid AND m.cancelled_at IS NULL AND m.planned_start >= ${from}::timestamptz AND m.planned_start < ${until}::timestamptz
      AND ${sensitiveVisibleSql(actor, 't')} AND ${scopeSql(actor, scope)}`,
  };
}

function quarterUpdatesSql(actor: Actor, scope: ReviewScope, quarter: QuarterRange) {
  const { from, until } = quarterInstants(quarter, actor.settings.timeZone);
  const whole = wholeOrganization(actor, scope);
  return {
    from: sql`progress_updates u JOIN action_items a ON a.id = u.action_item_id ${whole ? sql`` : sql`JOIN collaborations c ON c.id = a.collaboration_id`}`,
    where: sql`u.org_id = ${actor.orgId}::uuid AND u.created_at >= ${from}::timestamptz AND u.created_at < ${until}::timestamptz
      AND ${sensitiveVisibleSql(actor, 'a')}${whole ? sql`` : sql` AND ${scopeSql(actor, scope)}`}`,
  };
}

const topicRef = (topicId: string, meetingId: string): ProblemRef => ({ kind: 'topic', id: topicId, url: `/meetings/${meetingId}#topic-${topicId}` });
const updateRef = (updateId: string, itemId: string): ProblemRef => ({ kind: 'progress_update', id: updateId, url: `/action-items/${itemId}#update-${updateId}` });

/** The quarter's most frequent problem tags: topics carrying each, newest ten linked. Sensitive topics only for those named. */
export async function topProblemTags(db: DbOrTx, actor: Actor, scope: ReviewScope, quarter: QuarterRange, limit = 10): Promise<CountedProblem[]> {
  const q = quarterTopicsSql(actor, scope, quarter);
  const rows = await queryRows<{ tag: string; count: number; refs: string[] }>(db, sql`
    SELECT x.tag, count(DISTINCT t.id)::int AS count, (array_agg(DISTINCT t.id::text || ' ' || t.meeting_id::text))[1:10] AS refs
    FROM ${q.from} CROSS JOIN LATERAL jsonb_array_elements_text(t.problem_tags) AS x(tag)
    WHERE ${q.where}
    GROUP BY x.tag ORDER BY count DESC, x.tag COLLATE "C" LIMIT ${limit}`);
  return rows.map((r) => ({ key: r.tag, count: Number(r.count), refs: r.refs.map((pair) => topicRef(...(pair.split(' ') as [string, string]))) }));
}

/** The quarter's most frequent delay reason codes on progress updates. Updates of sensitive items only for those named. */
export async function topDelayCodes(db: DbOrTx, actor: Actor, scope: ReviewScope, quarter: QuarterRange, limit = 10): Promise<CountedProblem[]> {
  const q = quarterUpdatesSql(actor, scope, quarter);
  const rows = await queryRows<{ code: string; count: number; refs: string[] }>(db, sql`
    SELECT u.delay_code AS code, count(*)::int AS count, (array_agg(u.id::text || ' ' || a.id::text ORDER BY u.id))[1:10] AS refs
    FROM ${q.from}
    WHERE ${q.where} AND u.delay_code IS NOT NULL
    GROUP BY u.delay_code ORDER BY count DESC, u.delay_code COLLATE "C" LIMIT ${limit}`);
  return rows.map((r) => ({ key: r.code, count: Number(r.count), refs: r.refs.map((pair) => updateRef(...(pair.split(' ') as [string, string]))) }));
}

/** Texts problems are stated in — feedback rows, disagreements, delay reasons — newest first, at most `limit`. */
export async function problemTexts(db: DbOrTx, actor: Actor, scope: ReviewScope, quarter: QuarterRange, limit = 5000): Promise<ProblemTextRow[]> {
  const topicsQ = quarterTopicsSql(actor, scope, quarter);
  const updatesQ = quarterUpdatesSql(actor, scope, quarter);
  const rows = await queryRows<{ text: string; kind: 'topic' | 'progress_update'; id: string; parent_id: string; at: Date }>(db, sql`
    SELECT * FROM (
      SELECT f.text, 'topic' AS kind, t.id, t.meeting_id AS parent_id, t.created_at AS at, f.id AS row_id FROM topic_feedback f JOIN ${topicsQ.from} ON t.id = f.topic_id
        WHERE ${topicsQ.where} AND f.text <> ''
      UNION ALL
      SELECT t.disagreements, 'topic', t.id, t.meeting_id, t.created_at, t.id FROM ${topicsQ.from} WHERE ${topicsQ.where} AND t.disagreements <> ''
      UNION ALL
      SELECT u.delay_reason, 'progress_update', u.id, a.id, u.created_at, u.id FROM ${updatesQ.from} WHERE ${updatesQ.where} AND coalesce(u.delay_reason, '') <> ''
    ) texts ORDER BY at DESC, row_id DESC LIMIT ${limit}`);
  return rows.map((r) => ({ text: r.text, ref: r.kind === 'topic' ? topicRef(r.id, r.parent_id) : updateRef(r.id, r.parent_id) }));
}

/** Names of the collaborations and departments the figures mention. */
export async function reviewNames(db: DbOrTx, actor: Actor, collaborationIds: string[]) {
  const departments = await queryRows<{ id: string; name: string }>(db, sql`SELECT id, name FROM departments WHERE org_id = ${actor.orgId}::uuid`);
  const collaborations = collaborationIds.length
    ? await queryRows<{ id: string; topic: string; initiating_department_id: string }>(
        db,
        sql`SELECT id, topic, initiating_department_id FROM collaborations WHERE org_id = ${actor.orgId}::uuid AND id = ANY(${uuidArray(collaborationIds)})`,
      )
    : [];
  return {
    departments: new Map(departments.map((d) => [d.id, d.name])),
    collaborations: collaborations.map((c): ReviewCollaborationRow => ({ id: c.id, topic: c.topic, initiatingDepartmentId: c.initiating_department_id })),
  };
}
