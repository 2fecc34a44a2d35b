/**
 * What is measured: each route as the web app calls it, and its floor — the minimal hand-written SQL that
 * returns the same rows, with the same permission predicate (rule 9: initiating or participating
 * department, meeting person, item owner, creator, owner, head, org-visible; rule 10 for sensitive
 * content), in one round trip where one suffices. Before measuring, the ids the API answers are compared
 * with the ids the floor returns, so the ratio compares equal work.
 */
import { searchQueryFor } from '../../src/server/search/bigrams.ts';
import { searchTextOf } from '../../src/server/search/search-text.ts';
import { raw, sql, type Query } from './floor-db.ts';
import type { Fixtures, Person } from './fixtures.ts';
import type { BenchSession } from './http.ts';

export type RouteKind = 'read' | 'write' | 'search' | 'review';
export type ApiCall = { method: 'GET' | 'POST'; path: string; session: BenchSession; body?: unknown; expect?: number };
export type FloorCall = {
  queries: Query[];
  transaction?: boolean;
  /** Statements that depend on each other's answers, run in order (instead of `queries` at once). */
  run?: (rows: (q: Query) => Promise<Record<string, unknown>[]>) => Promise<Record<string, unknown>[][]>;
};

export type RouteSpec = {
  name: string;
  kind: RouteKind;
  /** The requests of iteration `i` on worker `w`; several are sent at once (a page's parallel calls). */
  api(i: number, w: number): ApiCall[];
  /** The floor of iteration `i` on worker `w`: queries sent at once, or one transaction. */
  floor?(i: number, w: number): FloorCall;
  /** Ids in answer order from each API answer and from each floor query's rows, compared before measuring. */
  apiIds?(answers: unknown[]): string[];
  floorIds?(rows: Record<string, unknown>[][]): string[];
};

export type Sessions = { member: BenchSession; head: BenchSession; pmo: BenchSession; writers: BenchSession[] };

const TZ = 'Asia/Shanghai';
const OPEN = raw(`('todo', 'in_progress', 'blocked')`);

/** `canReadCollaboration` written by hand for collaborations aliased `c`. */
function visible(who: Person): Query {
  if (who.role === 'admin' || who.role === 'pmo') return sql`c.org_id = ${who.orgId}`;
  const depts = who.departmentIds;
  return sql`(c.org_id = ${who.orgId} AND (c.visibility = 'organization' OR c.creator_id = ${who.id} OR c.owner_id = ${who.id}
    OR c.initiating_department_id = ANY(${who.headOfDepartmentIds}::uuid[]) OR c.initiating_department_id = ANY(${depts}::uuid[])
    OR EXISTS (SELECT 1 FROM collaboration_departments cd WHERE cd.collaboration_id = c.id AND cd.department_id = ANY(${depts}::uuid[]))
    OR EXISTS (SELECT 1 FROM meetings vm WHERE vm.collaboration_id = c.id AND (vm.host_id = ${who.id} OR vm.recorder_id = ${who.id}
      OR EXISTS (SELECT 1 FROM meeting_attendees va WHERE va.meeting_id = vm.id AND va.user_id = ${who.id})))
    OR EXISTS (SELECT 1 FROM action_items vi WHERE vi.collaboration_id = c.id AND vi.owner_id = ${who.id})))`;
}

/** Rule 10 for a row aliased `alias`. */
const seesContent = (who: Person, alias: string) => sql`(NOT ${raw(alias)}.sensitive OR ${who.id}::uuid = ANY(${raw(alias)}.visible_to_user_ids))`;

const ids = (list: unknown) => (Array.isArray(list) ? list.map((x) => (x as { id: string }).id) : []);
const rowIds = (rows: Record<string, unknown>[] | undefined) => (rows ?? []).map((r) => String(r.id));
const jsonIds = (value: unknown) => ids(typeof value === 'string' ? JSON.parse(value) : value);

function itemListFloor(who: Person, where: Query, limit: number): Query {
  return sql`
    SELECT a.id, a.collaboration_id, a.meeting_id, a.source_topic_id, a.owner_id, a.owner_department_id, a.due_date, a.original_due_date, a.status,
      a.progress, a.sensitive, a.accepted_at, a.last_update_at, a.completed_at, a.escalated_at, a.created_at, a.updated_at, a.version,
      CASE WHEN ${seesContent(who, 'a')} THEN a.description END AS description, CASE WHEN ${seesContent(who, 'a')} THEN a.deliverable END AS deliverable,
      CASE WHEN ${seesContent(who, 'a')} THEN a.status_text END AS status_text,
      c.topic, c.creator_id, c.owner_id AS collaboration_owner_id, c.initiating_department_id, c.archived_at, u.name AS owner_name, acc.name AS accepted_by_name,
      m.host_id, m.recorder_id
    FROM action_items a JOIN collaborations c ON c.id = a.collaboration_id JOIN users u ON u.id = a.owner_id
      LEFT JOIN meetings m ON m.id = a.meeting_id LEFT JOIN users acc ON acc.id = a.accepted_by
    WHERE a.org_id = ${who.orgId} AND ${where} AND ${visible(who)}
    ORDER BY a.due_date, a.id LIMIT ${limit + 1}`;
}

function collaborationListFloor(who: Person, where: Query, limit: number, today: string): Query {
  const basis = sql`COALESCE((SELECT min(pm.planned_start) FROM meetings pm WHERE pm.collaboration_id = c.id), c.created_at) AT TIME ZONE ${TZ}`;
  return sql`
    SELECT c.id, c.topic, c.goal, c.scenario, c.status, c.health, c.visibility, c.progress_summary, c.initiating_department_id, d.name AS initiating_department_name,
      ARRAY(SELECT cd.department_id FROM collaboration_departments cd WHERE cd.collaboration_id = c.id) AS participating_department_ids,
      COALESCE(c.period_year, EXTRACT(YEAR FROM ${basis})::int) AS period_year, COALESCE(c.period_quarter, EXTRACT(QUARTER FROM ${basis})::int) AS period_quarter,
      (SELECT count(*)::int FROM action_items a WHERE a.collaboration_id = c.id AND a.status IN ${OPEN}) AS open_items,
      (SELECT count(*)::int FROM action_items a WHERE a.collaboration_id = c.id AND a.status IN ${OPEN} AND a.due_date < ${today}::date) AS overdue_items,
      c.archived_at, c.created_at, c.updated_at
    FROM collaborations c JOIN departments d ON d.id = c.initiating_department_id
    WHERE ${visible(who)} AND ${where}
    ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit + 1}`;
}

function meetingListFloor(who: Person, where: Query, limit: number): Query {
  return sql`
    SELECT m.id, m.collaboration_id, c.topic AS collaboration_topic, m.kind, m.title, m.planned_start, m.planned_end, m.mode, m.location,
      m.host_id, h.name AS host_name, m.recorder_id, r.name AS recorder_name, m.agenda_sent_at, m.held_at, m.ended_at,
      m.minutes_status, m.published_at, m.published_late, m.cancelled_at
    FROM meetings m JOIN collaborations c ON c.id = m.collaboration_id JOIN users h ON h.id = m.host_id JOIN users r ON r.id = m.recorder_id
    WHERE ${where} AND m.cancelled_at IS NULL AND c.archived_at IS NULL AND ${visible(who)}
    ORDER BY m.planned_start, m.id LIMIT ${limit + 1}`;
}

function collaborationDetailFloor(who: Person, id: string): Query {
  return sql`
    SELECT c.id, c.topic, c.goal, c.targets, c.scenario, c.status, c.health, c.visibility, c.progress_summary, c.period_year, c.period_quarter,
      c.initiating_department_id, c.owner_id, c.creator_id, c.completed_at, c.archived_at, c.created_at, c.updated_at, c.version,
      cu.name AS creator_name, ou.name AS owner_name,
      (SELECT json_agg(json_build_object('id', d.id, 'name', d.name, 'headId', d.head_id) ORDER BY d.id) FROM departments d
        WHERE d.id = c.initiating_department_id OR d.id IN (SELECT cd.department_id FROM collaboration_departments cd WHERE cd.collaboration_id = c.id)) AS departments,
      (SELECT json_agg(json_build_object('id', m.id, 'kind', m.kind, 'title', m.title, 'plannedStart', m.planned_start, 'plannedEnd', m.planned_end, 'mode', m.mode,
          'location', m.location, 'hostId', m.host_id, 'host', h.name, 'recorderId', m.recorder_id, 'recorder', r.name, 'minutesStatus', m.minutes_status,
          'publishedAt', m.published_at, 'publishedLate', m.published_late, 'heldAt', m.held_at, 'cancelledAt', m.cancelled_at) ORDER BY m.planned_start)
        FROM meetings m JOIN users h ON h.id = m.host_id JOIN users r ON r.id = m.recorder_id WHERE m.collaboration_id = c.id) AS meetings,
      (SELECT json_agg(json_build_object('id', a.id, 'ownerId', a.owner_id, 'owner', u.name, 'dueDate', a.due_date, 'status', a.status, 'sensitive', a.sensitive,
          'description', CASE WHEN ${seesContent(who, 'a')} THEN a.description END, 'deliverable', CASE WHEN ${seesContent(who, 'a')} THEN a.deliverable END,
          'progress', a.progress, 'statusText', CASE WHEN ${seesContent(who, 'a')} THEN a.status_text END, 'acceptedAt', a.accepted_at,
          'meetingId', a.meeting_id) ORDER BY a.due_date, a.id)
        FROM action_items a JOIN users u ON u.id = a.owner_id WHERE a.collaboration_id = c.id) AS items,
      (SELECT json_agg(json_build_object('id', x.id, 'kind', x.kind, 'text', x.text, 'authorId', x.author_id, 'author', xu.name, 'createdAt', x.created_at) ORDER BY x.created_at DESC)
        FROM remarks x LEFT JOIN users xu ON xu.id = x.author_id WHERE x.collaboration_id = c.id) AS remarks
    FROM collaborations c JOIN users cu ON cu.id = c.creator_id LEFT JOIN users ou ON ou.id = c.owner_id
    WHERE c.id = ${id} AND ${visible(who)}`;
}

function meetingDetailFloor(who: Person, id: string): Query {
  return sql`
    SELECT m.id, m.collaboration_id, m.kind, m.title, m.planned_start, m.planned_end, m.mode, m.location, m.agenda, m.agenda_sent_at, m.agenda_sent_late,
      m.held_at, m.ended_at, m.minutes_status, m.published_at, m.published_late, m.late_flagged_at, m.no_actions, m.cancelled_at, m.sequence, m.version,
      c.topic, c.creator_id, c.owner_id, c.initiating_department_id, c.archived_at,
      json_build_object('id', h.id, 'name', h.name, 'email', h.email) AS host, json_build_object('id', r.id, 'name', r.name, 'email', r.email) AS recorder,
      (SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'email', u.email) ORDER BY u.id) FROM meeting_attendees ma JOIN users u ON u.id = ma.user_id
        WHERE ma.meeting_id = m.id) AS attendees,
      (SELECT json_agg(json_build_object('id', t.id, 'position', t.position, 'sensitive', t.sensitive,
          'title', CASE WHEN ${seesContent(who, 't')} THEN t.title END, 'discussion', CASE WHEN ${seesContent(who, 't')} THEN t.discussion END,
          'disagreements', CASE WHEN ${seesContent(who, 't')} THEN t.disagreements END, 'consensus', CASE WHEN ${seesContent(who, 't')} THEN t.consensus END,
          'problemTags', CASE WHEN ${seesContent(who, 't')} THEN t.problem_tags END,
          'feedback', CASE WHEN ${seesContent(who, 't')} THEN (SELECT json_agg(json_build_object('id', f.id, 'departmentId', f.department_id, 'department', d.name,
              'userId', f.user_id, 'user', fu.name, 'stance', f.stance, 'text', f.text, 'noFeedback', f.no_feedback) ORDER BY f.position, f.id)
            FROM topic_feedback f JOIN departments d ON d.id = f.department_id LEFT JOIN users fu ON fu.id = f.user_id WHERE f.topic_id = t.id) END)
        ORDER BY t.position, t.id) FROM topics t WHERE t.meeting_id = m.id) AS topics,
      (SELECT json_agg(json_build_object('id', a.id, 'ownerId', a.owner_id, 'owner', u.name, 'dueDate', a.due_date, 'status', a.status, 'progress', a.progress,
          'sensitive', a.sensitive, 'sourceTopicId', a.source_topic_id, 'description', CASE WHEN ${seesContent(who, 'a')} THEN a.description END,
          'deliverable', CASE WHEN ${seesContent(who, 'a')} THEN a.deliverable END) ORDER BY a.created_at, a.id)
        FROM action_items a JOIN users u ON u.id = a.owner_id WHERE a.meeting_id = m.id) AS items
    FROM meetings m JOIN collaborations c ON c.id = m.collaboration_id JOIN users h ON h.id = m.host_id JOIN users r ON r.id = m.recorder_id
    WHERE m.id = ${id} AND m.org_id = ${who.orgId} AND ${visible(who)}`;
}

function historyFloor(who: Person, id: string): Query {
  return sql`
    SELECT e.id, e.at, e.actor_id, u.name AS actor_name, e.entity_type, e.entity_id, e.action,
      CASE WHEN e.restricted_to IS NULL OR ${who.id}::uuid = ANY(e.restricted_to) THEN e.before END AS before,
      CASE WHEN e.restricted_to IS NULL OR ${who.id}::uuid = ANY(e.restricted_to) THEN e.after END AS after
    FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
    WHERE e.org_id = ${who.orgId} AND e.collaboration_id = ${id} AND EXISTS (SELECT 1 FROM collaborations c WHERE c.id = ${id} AND ${visible(who)})
    ORDER BY e.at DESC, e.id DESC LIMIT 51`;
}

function meFloor(who: Person): Query {
  return sql`
    SELECT u.id, u.name, u.email, u.role, u.locale, o.settings,
      ARRAY(SELECT department_id FROM user_departments WHERE user_id = u.id) AS department_ids, ARRAY(SELECT id FROM departments WHERE head_id = u.id) AS headed
    FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.id = ${who.id} AND u.active`;
}

function notificationsFloor(who: Person): Query {
  const mine = sql`n.recipient_id = ${who.id} AND n.channel = 'in_app' AND n.next_attempt_at <= now()`;
  return sql`
    SELECT (SELECT count(*)::int FROM notifications n WHERE ${mine} AND n.read_at IS NULL) AS unread,
      (SELECT json_agg(x ORDER BY x.created_at DESC, x.id DESC) FROM (SELECT n.id, n.event, n.entity_type, n.entity_id, n.collaboration_id, n.payload, n.read_at, n.created_at
        FROM notifications n WHERE ${mine} ORDER BY n.created_at DESC, n.id DESC LIMIT 21) x) AS items`;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Search by hand, the way an index-minded engineer writes it: first the ids of the collaborations the caller
 * reads (one statement), then each kind narrowed by its bigram vector (search_text @@ tsquery) and by
 * `collaboration_id = ANY(those ids)` — both index conditions — decided by ILIKE, ranked exact title →
 * title → body, newest first.
 */
function searchFloor(who: Person, q: string): FloorCall {
  const tsq = searchQueryFor(q);
  const p = likePattern(q);
  const hit = (alias: string) => (tsq ? sql`${raw(alias)}.search_text @@ ${tsq}::tsquery AND` : raw(''));
  const rank = (title: string) => sql`CASE WHEN lower(${raw(title)}) = lower(${q}) THEN 0 WHEN ${raw(title)} ILIKE ${p} THEN 1 ELSE 2 END`;
  const branch = (body: Query) => sql`(SELECT * FROM (${body}) k ORDER BY rank, created_at DESC, id DESC LIMIT 51)`;
  const whole = who.role === 'admin' || who.role === 'pmo';
  return {
    queries: [],
    run: async (rows) => {
      const [visibleRow] = whole ? [{ ids: null }] : await rows(sql`SELECT coalesce(array_agg(c.id), '{}') AS ids FROM collaborations c WHERE ${visible(who)}`);
      const ids = visibleRow!.ids as string[] | null;
      const within = (column: string) => (ids ? sql`${raw(column)} = ANY(${ids}::uuid[])` : sql`TRUE`);
      const found = await rows(sql`
        SELECT * FROM (
          ${branch(sql`SELECT 'collaboration' AS kind, c.id, ${rank('c.topic')} AS rank, date_trunc('milliseconds', c.created_at) AS created_at
            FROM collaborations c WHERE c.org_id = ${who.orgId} AND ${within('c.id')} AND ${hit('c')} (c.topic ILIKE ${p} OR c.goal ILIKE ${p} OR c.progress_summary ILIKE ${p})`)}
          UNION ALL ${branch(sql`SELECT 'topic' AS kind, t.id, ${rank('t.title')} AS rank, date_trunc('milliseconds', t.created_at) AS created_at
            FROM topics t WHERE t.org_id = ${who.orgId} AND ${seesContent(who, 't')} AND t.id IN (
              SELECT x.id FROM topics x WHERE ${within('x.collaboration_id')} AND ${hit('x')} (x.title ILIKE ${p} OR x.discussion ILIKE ${p} OR x.disagreements ILIKE ${p} OR x.consensus ILIKE ${p})
              UNION SELECT f.topic_id FROM topic_feedback f WHERE ${within('f.collaboration_id')} AND ${hit('f')} f.text ILIKE ${p})`)}
          UNION ALL ${branch(sql`SELECT 'action_item' AS kind, a.id, ${rank('a.description')} AS rank, date_trunc('milliseconds', a.created_at) AS created_at
            FROM action_items a WHERE a.org_id = ${who.orgId} AND ${within('a.collaboration_id')} AND ${hit('a')} (a.description ILIKE ${p} OR a.deliverable ILIKE ${p} OR a.status_text ILIKE ${p})
              AND ${seesContent(who, 'a')}`)}
          UNION ALL ${branch(sql`SELECT 'progress_update' AS kind, u.id, 2 AS rank, date_trunc('milliseconds', u.created_at) AS created_at
            FROM progress_updates u JOIN action_items a ON a.id = u.action_item_id
            WHERE u.org_id = ${who.orgId} AND ${within('u.collaboration_id')} AND ${hit('u')} (u.status_text ILIKE ${p} OR coalesce(u.delay_reason, '') ILIKE ${p} OR coalesce(u.remedy, '') ILIKE ${p})
              AND ${seesContent(who, 'a')}`)}
          UNION ALL ${branch(sql`SELECT 'remark' AS kind, r.id, 2 AS rank, date_trunc('milliseconds', r.created_at) AS created_at
            FROM remarks r WHERE r.org_id = ${who.orgId} AND ${within('r.collaboration_id')} AND ${hit('r')} r.text ILIKE ${p}`)}
        ) results ORDER BY rank, created_at DESC, id DESC LIMIT 51`);
      return [found];
    },
  };
}

/** The quarter as local-midnight instants [from, until). */
function quarterBounds(quarter: string) {
  const [, y, n] = /^(\d{4})Q([1-4])$/.exec(quarter)!;
  const year = Number(y);
  const first = (Number(n) - 1) * 3;
  const from = new Date(Date.UTC(year, first, 1) - 8 * 3600_000);
  const until = new Date(Date.UTC(year, first + 3, 1) - 8 * 3600_000);
  const iso = (d: Date) => d.toISOString();
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return { from: iso(from), until: iso(until), start: day(from), end: day(new Date(until.getTime() - 1)), updatesFrom: iso(new Date(from.getTime() - 3 * 86_400_000)) };
}

/** The rows a review is computed from, fetched by hand: items, meetings, problem tags, delay codes, problem texts. */
function reviewFloor(who: Person, quarter: string, departmentIds: string[] | null): Query[] {
  const b = quarterBounds(quarter);
  const scope = departmentIds
    ? sql`${visible(who)} AND (c.initiating_department_id = ANY(${departmentIds}::uuid[]) OR EXISTS (SELECT 1 FROM collaboration_departments x WHERE x.collaboration_id = c.id AND x.department_id = ANY(${departmentIds}::uuid[])))`
    : visible(who);
  const day = (expr: string) => raw(`to_char((${expr} AT TIME ZONE '${TZ}')::date, 'YYYY-MM-DD')`);
  // A reader of the whole organisation: rows are in scope by their own org_id, no join to collaborations needed.
  const whole = departmentIds === null && (who.role === 'admin' || who.role === 'pmo');
  const items = sql`
    WITH updated AS (
      SELECT u.action_item_id, array_agg(DISTINCT ${day('u.created_at')}) AS days FROM progress_updates u
      WHERE u.org_id = ${who.orgId} AND u.created_at >= ${b.updatesFrom}::timestamptz AND u.created_at < ${b.until}::timestamptz GROUP BY u.action_item_id
    )
    SELECT a.id, a.collaboration_id, COALESCE(a.owner_department_id, (SELECT ud.department_id FROM user_departments ud WHERE ud.user_id = a.owner_id ORDER BY ud.department_id LIMIT 1)) AS department_id,
      a.status, to_char(a.due_date, 'YYYY-MM-DD') AS due_date, ${day('a.created_at')} AS created_on,
      CASE WHEN a.status = 'done' THEN ${day('a.completed_at')} END AS completed_on,
      CASE WHEN a.status = 'done' THEN ${day('a.completed_at')} WHEN a.status = 'cancelled' THEN ${day('a.updated_at')} END AS closed_on,
      ${day('a.escalated_at')} AS escalated_on, coalesce(updated.days, ARRAY[]::text[]) AS updated_on
    FROM action_items a ${whole ? raw('') : raw('JOIN collaborations c ON c.id = a.collaboration_id')} LEFT JOIN updated ON updated.action_item_id = a.id
    WHERE a.org_id = ${who.orgId} AND a.created_at < ${b.until}::timestamptz AND ${whole ? raw('TRUE') : scope}
      AND (a.due_date BETWEEN ${b.start}::date AND ${b.end}::date OR a.status IN ${OPEN}
        OR (a.status = 'done' AND (a.completed_at >= ${b.from}::timestamptz OR a.completed_at IS NULL))
        OR (a.status = 'cancelled' AND a.updated_at >= ${b.from}::timestamptz))`;
  const meetings = sql`
    SELECT m.id, m.collaboration_id, c.initiating_department_id AS department_id, m.minutes_status = 'published' AS published, m.published_late
    FROM meetings m JOIN collaborations c ON c.id = m.collaboration_id
    WHERE m.org_id = ${who.orgId} AND m.cancelled_at IS NULL AND m.planned_start >= ${b.from}::timestamptz AND m.planned_start < ${b.until}::timestamptz AND ${scope}`;
  const topicsOfQuarter = sql`topics t JOIN meetings m ON m.id = t.meeting_id JOIN collaborations c ON c.id = m.collaboration_id`;
  const topicsWhere = sql`t.org_id = ${who.orgId} AND m.cancelled_at IS NULL AND m.planned_start >= ${b.from}::timestamptz AND m.planned_start < ${b.until}::timestamptz
    AND ${seesContent(who, 't')} AND ${scope}`;
  const tags = sql`
    SELECT x.tag, count(DISTINCT t.id)::int AS count, (array_agg(DISTINCT t.id::text || ' ' || t.meeting_id::text))[1:10] AS refs
    FROM ${topicsOfQuarter} CROSS JOIN LATERAL jsonb_array_elements_text(t.problem_tags) AS x(tag) WHERE ${topicsWhere}
    GROUP BY x.tag ORDER BY count DESC, x.tag COLLATE "C" LIMIT 10`;
  const updatesOfQuarter = whole ? raw('progress_updates u JOIN action_items a ON a.id = u.action_item_id') : raw('progress_updates u JOIN action_items a ON a.id = u.action_item_id JOIN collaborations c ON c.id = a.collaboration_id');
  const updatesWhere = sql`u.org_id = ${who.orgId} AND u.created_at >= ${b.from}::timestamptz AND u.created_at < ${b.until}::timestamptz AND ${seesContent(who, 'a')} AND ${whole ? raw('TRUE') : scope}`;
  const delays = sql`
    SELECT u.delay_code AS code, count(*)::int AS count, (array_agg(u.id::text || ' ' || a.id::text ORDER BY u.id))[1:10] AS refs
    FROM ${updatesOfQuarter} WHERE ${updatesWhere} AND u.delay_code IS NOT NULL GROUP BY u.delay_code ORDER BY count DESC, u.delay_code COLLATE "C" LIMIT 10`;
  const texts = sql`
    SELECT * FROM (
      SELECT f.text, 'topic' AS kind, t.id, t.meeting_id AS parent_id, t.created_at AS at, f.id AS row_id FROM topic_feedback f JOIN ${topicsOfQuarter} ON t.id = f.topic_id
        WHERE ${topicsWhere} AND f.text <> ''
      UNION ALL SELECT t.disagreements, 'topic', t.id, t.meeting_id, t.created_at, t.id FROM ${topicsOfQuarter} WHERE ${topicsWhere} AND t.disagreements <> ''
      UNION ALL SELECT u.delay_reason, 'progress_update', u.id, a.id, u.created_at, u.id FROM ${updatesOfQuarter} WHERE ${updatesWhere} AND coalesce(u.delay_reason, '') <> ''
    ) texts ORDER BY at DESC, row_id DESC LIMIT 5000`;
  return [items, meetings, tags, delays, texts];
}

/** The routes, in the order they are measured. `today` is the organisation's local date. */
export function routeSpecs(f: Fixtures, s: Sessions, today: string): RouteSpec[] {
  const m = f.member;
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;
  const get = (session: BenchSession, path: string): ApiCall => ({ method: 'GET', path, session });
  const collaborationIds = f.collaborationIds;
  const dashboard: { path: string; floor: Query; ids: (a: unknown) => string[]; fids: (r: Record<string, unknown>[]) => string[] }[] = [
    { path: '/auth/me', floor: meFloor(m), ids: (a) => [(a as { user: { id: string } }).user.id], fids: (r) => rowIds(r) },
    {
      path: '/action-items?ownerId=me&status=open&limit=200',
      floor: itemListFloor(m, sql`a.owner_id = ${m.id} AND a.status IN ${OPEN}`, 200),
      ids: (a) => ids((a as { items: unknown[] }).items),
      fids: (r) => rowIds(r.slice(0, 200)),
    },
    {
      path: '/collaborations?health=at_risk&limit=200',
      floor: collaborationListFloor(m, raw(`c.health = 'at_risk'`), 200, today),
      ids: (a) => ids((a as { items: unknown[] }).items),
      fids: (r) => rowIds(r.slice(0, 200)),
    },
    {
      path: '/meetings?role=recorder&pending=minutes&limit=50',
      floor: meetingListFloor(m, sql`m.recorder_id = ${m.id} AND m.minutes_status = 'draft' AND (m.held_at IS NOT NULL OR m.planned_end <= now())`, 50),
      ids: (a) => ids((a as { items: unknown[] }).items),
      fids: (r) => rowIds(r.slice(0, 50)),
    },
    {
      path: '/meetings?role=host&pending=agenda&limit=50',
      floor: meetingListFloor(m, sql`m.host_id = ${m.id} AND m.agenda_sent_at IS NULL AND m.held_at IS NULL AND m.planned_start > now()`, 50),
      ids: (a) => ids((a as { items: unknown[] }).items),
      fids: (r) => rowIds(r.slice(0, 50)),
    },
    {
      path: '/notifications?limit=20',
      floor: notificationsFloor(m),
      ids: (a) => ids((a as { items: unknown[] }).items),
      fids: (r) => jsonIds(r[0]?.items).slice(0, 20),
    },
  ];
  const dashboardRoutes: RouteSpec[] = dashboard.map((d) => ({
    name: `dashboard: GET ${d.path}`,
    kind: 'read',
    api: () => [get(s.member, d.path)],
    floor: () => ({ queries: [d.floor] }),
    apiIds: ([a]) => d.ids(a),
    floorIds: ([r]) => d.fids(r!),
  }));
  const reviewIds = (answers: unknown[]) => ids((answers[0] as { collaborations: unknown[] }).collaborations).sort();
  const reviewFloorIds = (rows: Record<string, unknown>[][]) =>
    [...new Set([...rows[0]!, ...rows[1]!].map((r) => String(r.collaboration_id)))].sort();

  return [
    {
      name: 'GET /collaborations/:id',
      kind: 'read',
      api: (i) => [get(s.member, `/collaborations/${pick(collaborationIds, i)}`)],
      floor: (i) => ({ queries: [collaborationDetailFloor(m, pick(collaborationIds, i))] }),
      apiIds: ([a]) => {
        const c = a as { id: string; meetings: unknown[]; actionItems: unknown[] };
        return [c.id, ...ids(c.meetings), ...ids(c.actionItems)];
      },
      floorIds: ([r]) => [String(r![0]!.id), ...jsonIds(r![0]!.meetings), ...jsonIds(r![0]!.items)],
    },
    {
      name: 'GET /meetings/:id',
      kind: 'read',
      api: (i) => [get(s.member, `/meetings/${pick(f.meetingIds, i)}`)],
      floor: (i) => ({ queries: [meetingDetailFloor(m, pick(f.meetingIds, i))] }),
      apiIds: ([a]) => {
        const x = a as { id: string; topics: unknown[]; actionItems: unknown[] };
        return [x.id, ...ids(x.topics), ...ids(x.actionItems)];
      },
      floorIds: ([r]) => [String(r![0]!.id), ...jsonIds(r![0]!.topics), ...jsonIds(r![0]!.items)],
    },
    {
      name: 'GET /action-items?ownerId= (my items)',
      kind: 'read',
      api: () => [get(s.member, `/action-items?ownerId=${m.id}`)],
      floor: () => ({ queries: [itemListFloor(m, sql`a.owner_id = ${m.id}`, 50)] }),
      apiIds: ([a]) => ids((a as { items: unknown[] }).items),
      floorIds: ([r]) => rowIds(r!.slice(0, 50)),
    },
    ...dashboardRoutes,
    {
      name: 'dashboard (all six calls at once)',
      kind: 'read',
      api: () => dashboard.map((d) => get(s.member, d.path)),
      floor: () => ({ queries: dashboard.map((d) => d.floor) }),
    },
    {
      name: 'GET /collaborations?status=active&departmentId=',
      kind: 'read',
      api: () => [get(s.member, `/collaborations?status=active&departmentId=${f.departmentId}&limit=20`)],
      floor: () => ({
        queries: [
          collaborationListFloor(
            m,
            sql`c.status = 'active' AND c.archived_at IS NULL AND (c.initiating_department_id = ${f.departmentId} OR EXISTS (SELECT 1 FROM collaboration_departments x WHERE x.collaboration_id = c.id AND x.department_id = ${f.departmentId}))`,
            20,
            today,
          ),
        ],
      }),
      apiIds: ([a]) => ids((a as { items: unknown[] }).items),
      floorIds: ([r]) => rowIds(r!.slice(0, 20)),
    },
    {
      name: 'GET /collaborations/:id/history',
      kind: 'read',
      api: (i) => [get(s.member, `/collaborations/${pick(collaborationIds, i)}/history`)],
      floor: (i) => ({ queries: [historyFloor(m, pick(collaborationIds, i))] }),
      apiIds: ([a]) => ids((a as { items: unknown[] }).items),
      floorIds: ([r]) => rowIds(r!.slice(0, 50)),
    },
    {
      name: 'GET /search?q= (2–4 characters)',
      kind: 'search',
      api: (i) => [get(s.member, `/search?q=${encodeURIComponent(pick(f.searchQueries, i))}`)],
      floor: (i) => searchFloor(m, pick(f.searchQueries, i)),
      apiIds: ([a]) => ids((a as { items: unknown[] }).items),
      floorIds: ([r]) => rowIds(r!.slice(0, 50)),
    },
    {
      name: 'GET /review?quarter=&departmentId= (department head)',
      kind: 'review',
      api: () => [get(s.head, `/review?quarter=${f.quarter}&departmentId=${f.departmentId}`)],
      floor: () => ({ queries: reviewFloor(f.head, f.quarter, [f.departmentId]) }),
      apiIds: reviewIds,
      floorIds: reviewFloorIds,
    },
    {
      name: 'GET /review?quarter= (organisation, pmo)',
      kind: 'review',
      api: () => [get(s.pmo, `/review?quarter=${f.quarter}`)],
      floor: () => ({ queries: reviewFloor(f.pmo, f.quarter, null) }),
      apiIds: reviewIds,
      floorIds: reviewFloorIds,
    },
    {
      name: 'POST /action-items/:id/updates',
      kind: 'write',
      api: (i, w) => {
        const writer = f.writers[w % f.writers.length]!;
        const item = pick(writer.itemIds, Math.floor(i / f.writers.length));
        return [{ method: 'POST', path: `/action-items/${item}/updates`, session: s.writers[w % s.writers.length]!, body: progressBody(i), expect: 201 }];
      },
      floor: (i, w) => {
        const writer = f.writers[w % f.writers.length]!;
        return { transaction: true, queries: writeFloor(writer.person, pick(writer.itemIds, Math.floor(i / f.writers.length)), progressBody(i)) };
      },
    },
  ];
}

/**
 * The write floor without its audit event: what a progress update costs the database when the audit hash
 * chain (migration 0004) is not in the commit — a diagnostic beside the measured floor, not a target.
 */
export function writeFloorWithoutAudit(f: Fixtures): (i: number, w: number) => Query[] {
  return (i, w) => {
    const writer = f.writers[w % f.writers.length]!;
    return writeFloor(writer.person, writer.itemIds[Math.floor(i / f.writers.length) % writer.itemIds.length]!, progressBody(i)).slice(0, 2);
  };
}

function progressBody(i: number) {
  const progress = 10 + (i % 9) * 10;
  return { progress, statusText: `执行中-完成${progress}%` };
}

/**
 * A progress update by hand: the entry, the item, and its audit event (the hash chain's trigger runs at
 * commit as for the app), in one durable transaction, the owner's permission in the UPDATE's WHERE.
 */
function writeFloor(who: Person, itemId: string, body: { progress: number; statusText: string }): Query[] {
  const id = crypto.randomUUID();
  const searchText = searchTextOf('progressUpdates', { statusText: body.statusText });
  return [
    sql`UPDATE action_items SET progress = ${body.progress}, status_text = ${body.statusText}, status = 'in_progress', last_update_at = now(), updated_at = now(),
      version = version + 1 WHERE id = ${itemId} AND owner_id = ${who.id} AND status IN ${OPEN}`,
    sql`INSERT INTO progress_updates (id, org_id, action_item_id, author_id, progress, status_text, status, created_at, search_text)
      VALUES (${id}, ${who.orgId}, ${itemId}, ${who.id}, ${body.progress}, ${body.statusText}, 'in_progress', now(), ${searchText}::tsvector)`,
    sql`INSERT INTO audit_events (id, org_id, actor_id, at, entity_type, entity_id, collaboration_id, action, before, after)
      SELECT ${crypto.randomUUID()}::uuid, ${who.orgId}::uuid, ${who.id}::uuid, now(), 'action_item', a.id, a.collaboration_id, 'progress_updated', '{}'::jsonb,
        jsonb_build_object('progress', ${body.progress}::int) FROM action_items a WHERE a.id = ${itemId}`,
  ];
}
