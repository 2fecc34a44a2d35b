import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../auth/actor.ts';
import type { DbOrTx } from '../client.ts';
import { actionItems, collaborations, departments, meetings, progressUpdates, topics, userDepartments, users } from '../schema/index.ts';
import { canReadCollaboration, visibleCollaborationSql } from '../../policies/collaboration.ts';
import { findCollaborationWithFacts } from './collaborations.ts';
import { sensitiveVisibleSql } from '../../policies/sensitive.ts';
import type { ActionItemAccess } from '../../policies/action-item.ts';
import type { CalendarDate } from '../../../domain/calendar-date.ts';
import { presentableColumns } from './row-columns.ts';

export type ActionItemRow = Omit<typeof actionItems.$inferSelect, 'searchText'>;
export type ProgressUpdateRow = Omit<typeof progressUpdates.$inferSelect, 'searchText'>;

const itemColumns = presentableColumns(actionItems);
const updateColumns = presentableColumns(progressUpdates);

/** An item with what its presenter and policy need: its collaboration's editor facts, its meeting's keepers, names. */
export type ActionItemRecord = ActionItemAccess & { item: ActionItemRow; collaborationTopic: string; ownerName: string; acceptedByName?: string | null };

/** Collaborations aliased `c`, the alias `visibleCollaborationSql` expects. */
const c = alias(collaborations, 'c');
/** Users aliased again for the name of whoever accepted the item. */
const acceptor = alias(users, 'acceptor');
const OPEN = ['todo', 'in_progress', 'blocked'] as const;

async function selectRecords(db: DbOrTx, where: SQL | undefined, options: { limit?: number; lock?: boolean } = {}): Promise<ActionItemRecord[]> {
  let query = db
    .select({
      item: itemColumns,
      collaborationTopic: c.topic,
      creatorId: c.creatorId,
      collaborationOwnerId: c.ownerId,
      initiatingDepartmentId: c.initiatingDepartmentId,
      archivedAt: c.archivedAt,
      ownerName: users.name,
      acceptedByName: acceptor.name,
      hostId: meetings.hostId,
      recorderId: meetings.recorderId,
    })
    .from(actionItems)
    .innerJoin(c, eq(c.id, actionItems.collaborationId))
    .innerJoin(users, eq(users.id, actionItems.ownerId))
    .leftJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .leftJoin(acceptor, eq(acceptor.id, actionItems.acceptedBy))
    .where(where)
    .orderBy(asc(actionItems.dueDate), asc(actionItems.id))
    .$dynamic();
  if (options.limit !== undefined) query = query.limit(options.limit);
  if (options.lock) query = query.for('update', { of: actionItems });
  const rows = await query;
  return rows.map((r) => ({
    item: r.item,
    collaborationTopic: r.collaborationTopic,
    ownerName: r.ownerName,
    acceptedByName: r.acceptedByName,
    collaboration: {
      creatorId: r.creatorId,
      ownerId: r.collaborationOwnerId,
      initiatingDepartmentId: r.initiatingDepartmentId,
      archived: r.archivedAt !== null,
    },
    meeting: r.hostId && r.recorderId ? { hostId: r.hostId, recorderId: r.recorderId } : null,
  }));
}

/**
 * One item of the organisation with its context, whoever asks (callers check readability). `lock` takes a
 * row lock on the item inside a command's transaction.
 */
export async function findActionItemRecord(db: DbOrTx, orgId: string, id: string, lock = false): Promise<ActionItemRecord | null> {
  const [record] = await selectRecords(db, and(eq(actionItems.orgId, orgId), eq(actionItems.id, id)), { lock });
  return record ?? null;
}

/** One item, or null when it does not exist or the actor may not read its collaboration (one query, permission in SQL). */
export async function findVisibleActionItem(db: DbOrTx, actor: Actor, id: string): Promise<ActionItemRecord | null> {
  const [record] = await selectRecords(db, and(eq(actionItems.orgId, actor.orgId), eq(actionItems.id, id), visibleCollaborationSql(actor, sql.raw('c'))));
  return record ?? null;
}

export type ActionItemFilters = {
  ownerId?: string | undefined;
  collaborationId?: string | undefined;
  meetingId?: string | undefined;
  status?: ActionItemRow['status'] | 'open' | undefined;
  overdue?: boolean | undefined;
  dueBefore?: CalendarDate | undefined;
  dueAfter?: CalendarDate | undefined;
  q?: string | undefined;
  /** Today in the organisation's time zone: what "overdue" is measured against. */
  today: CalendarDate;
  after?: { dueDate: CalendarDate; id: string } | undefined;
  limit: number;
};

const like = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * Items of collaborations the actor may read, filtered and keyset-paged by (due date, id) inside the
 * database. Fetches limit + 1 rows so the caller can tell whether there is a next page. The text search
 * only matches rows whose content the actor may see, so a hit never betrays a sensitive item's words.
 */
export async function listActionItems(db: DbOrTx, actor: Actor, f: ActionItemFilters): Promise<ActionItemRecord[]> {
  const open = inArray(actionItems.status, [...OPEN]);
  const overdue = and(open, sql`${actionItems.dueDate} < ${f.today}::date`);
  const conditions: (SQL | undefined)[] = [
    eq(actionItems.orgId, actor.orgId),
    visibleCollaborationSql(actor, sql.raw('c')),
    f.ownerId ? eq(actionItems.ownerId, f.ownerId) : undefined,
    f.collaborationId ? eq(actionItems.collaborationId, f.collaborationId) : undefined,
    f.meetingId ? eq(actionItems.meetingId, f.meetingId) : undefined,
    f.status === 'open' ? open : f.status ? eq(actionItems.status, f.status) : undefined,
    f.overdue === true ? overdue : f.overdue === false ? sql`NOT (${overdue})` : undefined,
    f.dueBefore ? sql`${actionItems.dueDate} <= ${f.dueBefore}::date` : undefined,
    f.dueAfter ? sql`${actionItems.dueDate} >= ${f.dueAfter}::date` : undefined,
    f.q ? and(sensitiveVisibleSql(actor, 'action_items'), or(ilike(actionItems.description, like(f.q)), ilike(actionItems.deliverable, like(f.q)))) : undefined,
    f.after ? sql`(${actionItems.dueDate}, ${actionItems.id}) > (${f.after.dueDate}::date, ${f.after.id}::uuid)` : undefined,
  ];
  return selectRecords(db, and(...conditions), { limit: f.limit + 1 });
}

/** A meeting of the organisation with its collaboration and keepers, or null. */
export async function findMeetingKeepers(db: DbOrTx, orgId: string, meetingId: string) {
  const [row] = await db
    .select({ id: meetings.id, collaborationId: meetings.collaborationId, hostId: meetings.hostId, recorderId: meetings.recorderId })
    .from(meetings)
    .where(and(eq(meetings.orgId, orgId), eq(meetings.id, meetingId)));
  return row ?? null;
}

/** A topic of the organisation with the meeting and collaboration it belongs to, or null. */
export async function findTopicPlacement(db: DbOrTx, orgId: string, topicId: string) {
  const [row] = await db
    .select({ id: topics.id, meetingId: topics.meetingId, collaborationId: meetings.collaborationId })
    .from(topics)
    .innerJoin(meetings, eq(meetings.id, topics.meetingId))
    .where(and(eq(topics.orgId, orgId), eq(topics.id, topicId)));
  return row ?? null;
}

/**
 * A would-be owner: the user of the organisation with their departments, those taking part in
 * `collaborationId` first, then by age; null when the id names no user of the organisation.
 */
export async function findOwnerCandidate(db: DbOrTx, orgId: string, userId: string, collaborationId: string) {
  const [user] = await db.select({ id: users.id, name: users.name, active: users.active }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  if (!user) return null;
  const memberships = await db
    .select({ id: departments.id })
    .from(userDepartments)
    .innerJoin(departments, eq(departments.id, userDepartments.departmentId))
    .where(eq(userDepartments.userId, userId))
    .orderBy(
      sql`(${departments.id} IN (SELECT initiating_department_id FROM collaborations WHERE id = ${collaborationId}::uuid UNION ALL SELECT department_id FROM collaboration_departments WHERE collaboration_id = ${collaborationId}::uuid)) DESC`,
      asc(departments.createdAt),
      asc(departments.id),
    );
  return { ...user, departmentIds: memberships.map((m) => m.id) };
}

/** An item's progress timeline, oldest first, keyset-paged by (created at, id), with each author's name. */
export async function listProgressUpdates(db: DbOrTx, actionItemId: string, page: { after?: { createdAt: string; id: string } | undefined; limit: number }) {
  return db
    .select({ update: updateColumns, authorName: users.name })
    .from(progressUpdates)
    .innerJoin(users, eq(users.id, progressUpdates.authorId))
    .where(
      and(
        eq(progressUpdates.actionItemId, actionItemId),
        page.after ? sql`(${progressUpdates.createdAt}, ${progressUpdates.id}) > (${page.after.createdAt}::timestamptz, ${page.after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(progressUpdates.createdAt), asc(progressUpdates.id))
    .limit(page.limit + 1);
}

/**
 * For a write: locks the item's collaboration (so an archive cannot slip in between), then the item, and
 * says whether the actor may read the collaboration at all. Null when the organisation has no such item.
 */
export async function lockActionItem(tx: DbOrTx, actor: Actor, id: string): Promise<{ record: ActionItemRecord; readable: boolean } | null> {
  const ofItem = sql`(SELECT ${actionItems.collaborationId} FROM ${actionItems} WHERE ${actionItems.id} = ${id}::uuid AND ${actionItems.orgId} = ${actor.orgId}::uuid)`;
  const collaboration = await findCollaborationWithFacts(tx, actor, ofItem, true);
  if (!collaboration) return null;
  const record = await findActionItemRecord(tx, actor.orgId, id, true);
  if (!record) return null;
  return { record, readable: canReadCollaboration(actor, collaboration.facts) };
}
