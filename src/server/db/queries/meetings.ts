import { and, asc, eq, inArray, max, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.ts';
import { queryRows, type DbOrTx } from '../client.ts';
import { actionItems, departments, meetingAttendees, meetings, topicFeedback, topics, users } from '../schema/index.ts';
import { findCollaborationWithFacts, type CollaborationWithFacts } from './collaborations.ts';
import { withSearchText } from '../../search/search-text.ts';
import { presentableColumns, rowsFromJson } from './row-columns.ts';

export type MeetingRow = typeof meetings.$inferSelect;
export type TopicRow = Omit<typeof topics.$inferSelect, 'searchText'>;
export type FeedbackRow = Omit<typeof topicFeedback.$inferSelect, 'searchText'> & { departmentName: string; userName: string | null };

const topicColumns = presentableColumns(topics);
const feedbackColumns = presentableColumns(topicFeedback);
export type TopicWithFeedback = TopicRow & { feedback: FeedbackRow[] };
export type MeetingActionItem = Pick<
  typeof actionItems.$inferSelect,
  'id' | 'description' | 'ownerId' | 'dueDate' | 'deliverable' | 'status' | 'progress' | 'sensitive' | 'visibleToUserIds' | 'sourceTopicId'
> & { ownerName: string };
export type PersonBrief = { id: string; name: string; email: string };

/** A meeting with its collaboration and what the caller is to it. */
export type MeetingContext = { meeting: MeetingRow; collaboration: CollaborationWithFacts };

/** Everything GET /meetings/:id shows besides the meeting row itself. */
export type MeetingDetail = MeetingContext & {
  people: Map<string, PersonBrief>;
  attendeeIds: string[];
  topics: TopicWithFeedback[];
  actionItems: MeetingActionItem[];
  departmentNames: Map<string, string>;
};

/**
 * The meeting in the caller's organisation and its collaboration, or null. With `forUpdate` (inside a
 * command) the collaboration is locked before the meeting, the order every writer uses, so a concurrent
 * archive or publish waits rather than interleaves.
 */
export async function findMeetingContext(db: DbOrTx, actor: Actor, meetingId: string, forUpdate = false): Promise<MeetingContext | null> {
  if (!forUpdate) {
    // A read locks nothing, so the meeting row itself says which collaboration to look up: two queries.
    const [meeting] = await db.select().from(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.orgId, actor.orgId)));
    if (!meeting) return null;
    const collaboration = await findCollaborationWithFacts(db, actor, meeting.collaborationId);
    return collaboration ? { meeting, collaboration } : null;
  }
  const [first] = await db.select({ collaborationId: meetings.collaborationId }).from(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.orgId, actor.orgId)));
  if (!first) return null;
  const collaboration = await findCollaborationWithFacts(db, actor, first.collaborationId, forUpdate);
  if (!collaboration) return null;
  const query = db.select().from(meetings).where(eq(meetings.id, meetingId));
  const [meeting] = forUpdate ? await query.for('update') : await query;
  return meeting ? { meeting, collaboration } : null;
}

/** The topic in the caller's organisation, or null. */
export async function findTopic(db: DbOrTx, orgId: string, topicId: string): Promise<TopicRow | null> {
  const [row] = await db.select(topicColumns).from(topics).where(and(eq(topics.id, topicId), eq(topics.orgId, orgId)));
  return row ?? null;
}

/** The topic row again, locked for the rest of the transaction. */
export async function lockTopic(db: DbOrTx, topicId: string): Promise<TopicRow | null> {
  const [row] = await db.select(topicColumns).from(topics).where(eq(topics.id, topicId)).for('update');
  return row ?? null;
}

export async function meetingAttendeeIds(db: DbOrTx, meetingId: string): Promise<string[]> {
  const rows = await db.select({ userId: meetingAttendees.userId }).from(meetingAttendees).where(eq(meetingAttendees.meetingId, meetingId)).orderBy(asc(meetingAttendees.userId));
  return rows.map((r) => r.userId);
}

export async function replaceAttendees(tx: DbOrTx, orgId: string, meetingId: string, userIds: string[]): Promise<void> {
  await tx.delete(meetingAttendees).where(eq(meetingAttendees.meetingId, meetingId));
  const unique = [...new Set(userIds)];
  if (unique.length) await tx.insert(meetingAttendees).values(unique.map((userId) => ({ orgId, meetingId, userId })));
}

/** Names and emails of users of the organisation, for hosts, attendees, owners and invitations. */
export async function peopleById(db: DbOrTx, orgId: string, ids: Iterable<string>): Promise<Map<string, PersonBrief>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(and(eq(users.orgId, orgId), inArray(users.id, unique)));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function departmentNamesById(db: DbOrTx, orgId: string, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: departments.id, name: departments.name }).from(departments).where(and(eq(departments.orgId, orgId), inArray(departments.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The active heads of these departments (recipients of agendas and published records). */
export async function activeHeadIds(db: DbOrTx, orgId: string, departmentIds: string[]): Promise<string[]> {
  if (!departmentIds.length) return [];
  const rows = await db
    .select({ id: users.id })
    .from(departments)
    .innerJoin(users, eq(users.id, departments.headId))
    .where(and(eq(departments.orgId, orgId), inArray(departments.id, departmentIds), eq(users.active, true)));
  return rows.map((r) => r.id);
}

/** One topic with its feedback rows. */
export async function topicWithFeedback(db: DbOrTx, topic: TopicRow): Promise<TopicWithFeedback> {
  const feedback = await feedbackByTopic(db, [topic.id]);
  return { ...topic, feedback: feedback.get(topic.id) ?? [] };
}

/** Feedback rows of these topics in order, by topic id (one query, for one topic or a whole collaboration's). */
export async function feedbackByTopic(db: DbOrTx, topicIds: string[]): Promise<Map<string, FeedbackRow[]>> {
  const byTopic = new Map<string, FeedbackRow[]>();
  if (!topicIds.length) return byTopic;
  const rows = await db
    .select({ row: feedbackColumns, departmentName: departments.name, userName: users.name })
    .from(topicFeedback)
    .innerJoin(departments, eq(departments.id, topicFeedback.departmentId))
    .leftJoin(users, eq(users.id, topicFeedback.userId))
    .where(inArray(topicFeedback.topicId, topicIds))
    .orderBy(asc(topicFeedback.position), asc(topicFeedback.id));
  for (const f of rows) byTopic.set(f.row.topicId, [...(byTopic.get(f.row.topicId) ?? []), { ...f.row, departmentName: f.departmentName, userName: f.userName }]);
  return byTopic;
}


export async function countTopicActionItems(db: DbOrTx, topicId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(actionItems).where(eq(actionItems.sourceTopicId, topicId));
  return row?.n ?? 0;
}

/** The position after the meeting's last topic. */
export async function nextTopicPosition(db: DbOrTx, meetingId: string): Promise<number> {
  const [row] = await db.select({ last: max(topics.position) }).from(topics).where(eq(topics.meetingId, meetingId));
  return row?.last === null || row?.last === undefined ? 0 : row.last + 1;
}

/**
 * Puts `topicId` at index `position` among the meeting's topics (clamped to the end) and renumbers the
 * others 0..n-1, so positions stay dense whatever order the edits came in.
 */
export async function moveTopic(tx: DbOrTx, meetingId: string, topicId: string, position: number): Promise<void> {
  const rows = await tx.select({ id: topics.id, position: topics.position }).from(topics).where(eq(topics.meetingId, meetingId)).orderBy(asc(topics.position), asc(topics.id));
  const order = rows.map((r) => r.id).filter((id) => id !== topicId);
  order.splice(Math.min(position, order.length), 0, topicId);
  const current = new Map(rows.map((r) => [r.id, r.position]));
  for (const [index, id] of order.entries()) {
    if (current.get(id) !== index) await tx.update(topics).set({ position: index }).where(eq(topics.id, id));
  }
}

export type FeedbackInput = { departmentId: string; userId?: string | null | undefined; stance?: 'agree' | 'disagree' | 'conditional' | null | undefined; text: string; noFeedback: boolean };

/** Replaces a topic's feedback rows with `rows`, in the order given. */
export async function replaceFeedback(tx: DbOrTx, orgId: string, topicId: string, rows: FeedbackInput[]): Promise<void> {
  await tx.delete(topicFeedback).where(eq(topicFeedback.topicId, topicId));
  if (!rows.length) return;
  await tx.insert(topicFeedback).values(
    rows.map((r, position) =>
      withSearchText('topicFeedback', { orgId, topicId, departmentId: r.departmentId, userId: r.userId ?? null, stance: r.stance ?? null, text: r.text, noFeedback: r.noFeedback, position }),
    ),
  );
}

/**
 * All GET /meetings/:id needs about a meeting already found — its people, topics with their feedback rows,
 * action items and department names — in one statement: each list is aggregated to JSON inside PostgreSQL
 * and read back into the rows Drizzle's builder would give. One round trip, inside a transaction or not.
 */
export async function loadMeetingDetail(db: DbOrTx, context: MeetingContext): Promise<MeetingDetail> {
  const { meeting, collaboration } = context;
  const m = sql`${meeting.id}::uuid`;
  const departmentIds = [collaboration.row.initiatingDepartmentId, ...collaboration.participatingDepartmentIds];
  const [row] = await queryRows<{
    people: { id: string; name: string; email: string; attending: boolean }[] | null;
    topics: (Record<string, unknown> & { feedback: Record<string, unknown>[] })[] | null;
    items: Record<string, unknown>[] | null;
    departments: { id: string; name: string }[] | null;
  }>(
    db,
    sql`SELECT
      (SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'email', u.email,
          'attending', EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.meeting_id = ${m} AND a.user_id = u.id)) ORDER BY u.id)
        FROM users u WHERE u.org_id = ${meeting.orgId}::uuid AND (u.id IN (${meeting.hostId}::uuid, ${meeting.recorderId}::uuid)
          OR u.id IN (SELECT a.user_id FROM meeting_attendees a WHERE a.meeting_id = ${m}))) AS people,
      (SELECT json_agg((to_jsonb(t) - 'search_text') || jsonb_build_object('feedback', (
          SELECT coalesce(jsonb_agg((to_jsonb(f) - 'search_text') || jsonb_build_object('department_name', d.name, 'user_name', fu.name) ORDER BY f.position, f.id), '[]'::jsonb)
          FROM topic_feedback f JOIN departments d ON d.id = f.department_id LEFT JOIN users fu ON fu.id = f.user_id WHERE f.topic_id = t.id))
        ORDER BY t.position, t.id) FROM topics t WHERE t.meeting_id = ${m}) AS topics,
      (SELECT json_agg((to_jsonb(a) - 'search_text') || jsonb_build_object('owner_name', u.name) ORDER BY a.created_at, a.id)
        FROM action_items a JOIN users u ON u.id = a.owner_id WHERE a.meeting_id = ${m}) AS items,
      (SELECT json_agg(json_build_object('id', d.id, 'name', d.name)) FROM departments d
        WHERE d.org_id = ${meeting.orgId}::uuid AND d.id IN (${sql.join(departmentIds.map((id) => sql`${id}::uuid`), sql`, `)})) AS departments`,
  );
  const people = row?.people ?? [];
  const topicList: TopicWithFeedback[] = rowsFromJson<typeof topics, { feedback: Record<string, unknown>[] }>(topics, row?.topics ?? null).map(({ feedback, ...topic }) => ({
    ...topic,
    feedback: rowsFromJson<typeof topicFeedback, { department_name: string; user_name: string | null }>(topicFeedback, feedback).map(
      ({ department_name, user_name, ...f }) => ({ ...f, departmentName: department_name, userName: user_name }),
    ),
  }));
  const items: MeetingActionItem[] = rowsFromJson<typeof actionItems, { owner_name: string }>(actionItems, row?.items ?? null).map(({ owner_name, ...item }) => ({
    ...item,
    ownerName: owner_name,
  }));
  return {
    ...context,
    people: new Map(people.map((p) => [p.id, { id: p.id, name: p.name, email: p.email }])),
    attendeeIds: people.filter((p) => p.attending).map((p) => p.id),
    topics: topicList,
    actionItems: items,
    departmentNames: new Map((row?.departments ?? []).map((d) => [d.id, d.name])),
  };
}
