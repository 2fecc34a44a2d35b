import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId, searchText } from './columns.ts';
import { departments, users } from './organization.ts';

export const collaborations = pgTable(
  'collaborations',
  {
    id: id(),
    orgId: orgId(),
    topic: text().notNull(),
    goal: text().notNull(),
    targets: jsonb().$type<{ metric: string; target: string }[]>().notNull().default([]),
    scenario: text({ enum: ['major_project', 'problem_solving', 'routine_alignment', 'urgent_task'] }).notNull(),
    initiatingDepartmentId: uuid().notNull().references(() => departments.id),
    ownerId: uuid().references(() => users.id),
    creatorId: uuid().notNull().references(() => users.id),
    visibility: text({ enum: ['participants', 'organization'] }).notNull().default('participants'),
    status: text({ enum: ['active', 'completed', 'cancelled'] }).notNull().default('active'),
    health: text({ enum: ['on_track', 'at_risk', 'off_track'] }).notNull().default('on_track'),
    progressSummary: text().notNull().default(''),
    periodYear: smallint(),
    periodQuarter: smallint(),
    completedAt: instant(),
    archivedAt: instant(),
    createdAt: createdAt(),
    updatedAt: instant().notNull().defaultNow(),
    /** Bumped on every edit; a save based on an older version is refused (optimistic concurrency). */
    version: integer().notNull().default(1),
    /** topic, goal and progress summary (GET /search). */
    searchText: searchText(),
  },
  (t) => [
    index().on(t.orgId, t.status),
    index().on(t.initiatingDepartmentId),
    index().on(t.orgId, t.periodYear, t.periodQuarter),
    index('collaborations_search_idx').using('gin', t.searchText),
    // Who reads what (visibleCollaborationIdsSql): found by index rather than by testing every collaboration.
    index().on(t.creatorId),
    index().on(t.ownerId),
    index('collaborations_org_visible_idx').on(t.orgId).where(sql`${t.visibility} = 'organization'`),
    // Lists newest first under a filter (the dashboard's at-risk list, ?status=): the filter's rows in order, not a scan of the archive.
    index().on(t.orgId, t.health, t.createdAt),
    index().on(t.orgId, t.status, t.createdAt),
  ],
);

export const collaborationDepartments = pgTable(
  'collaboration_departments',
  {
    orgId: orgId(),
    collaborationId: uuid().notNull().references(() => collaborations.id),
    departmentId: uuid().notNull().references(() => departments.id),
  },
  (t) => [primaryKey({ columns: [t.collaborationId, t.departmentId] }), index().on(t.departmentId)],
);

/** The 风险与备注 log: dated, append-only remarks, risks and escalation notes. */
export const remarks = pgTable(
  'remarks',
  {
    id: id(),
    orgId: orgId(),
    collaborationId: uuid().notNull().references(() => collaborations.id),
    authorId: uuid().references(() => users.id),
    kind: text({ enum: ['remark', 'risk', 'escalation'] }).notNull().default('remark'),
    text: text().notNull(),
    createdAt: createdAt(),
    searchText: searchText(),
  },
  (t) => [index().on(t.collaborationId, t.createdAt), index('remarks_search_idx').using('gin', t.searchText)],
);

export const meetings = pgTable(
  'meetings',
  {
    id: id(),
    orgId: orgId(),
    collaborationId: uuid().notNull().references(() => collaborations.id),
    kind: text({ enum: ['regular', 'progress_sync'] }).notNull().default('regular'),
    title: text(),
    plannedStart: instant().notNull(),
    plannedEnd: instant().notNull(),
    mode: text({ enum: ['online', 'offline'] }).notNull(),
    location: text().notNull().default(''),
    hostId: uuid().notNull().references(() => users.id),
    recorderId: uuid().notNull().references(() => users.id),
    agenda: jsonb().$type<string[]>().notNull().default([]),
    agendaSentAt: instant(),
    agendaSentLate: boolean(),
    heldAt: instant(),
    endedAt: instant(),
    minutesStatus: text({ enum: ['draft', 'published'] }).notNull().default('draft'),
    publishedAt: instant(),
    publishedLate: boolean(),
    /** When the sweep found the record still unpublished past its deadline (rule 3) and told the initiating head. */
    lateFlaggedAt: instant(),
    publishedBy: uuid().references(() => users.id),
    noActions: boolean().notNull().default(false),
    cancelledAt: instant(),
    sequence: integer().notNull().default(0),
    createdBy: uuid().notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: instant().notNull().defaultNow(),
    /** Bumped on every edit; a save based on an older version is refused (optimistic concurrency). */
    version: integer().notNull().default(1),
  },
  (t) => [
    index().on(t.collaborationId, t.plannedStart),
    index().on(t.orgId, t.plannedStart),
    // The reminder sweep's finders: meetings whose agenda is unsent, and records not yet published.
    index('meetings_agenda_unsent_idx').on(t.orgId, t.plannedStart).where(sql`${t.agendaSentAt} IS NULL AND ${t.cancelledAt} IS NULL AND ${t.heldAt} IS NULL`),
    index('meetings_unpublished_idx').on(t.orgId, t.plannedEnd).where(sql`${t.minutesStatus} = 'draft' AND ${t.cancelledAt} IS NULL`),
    index().on(t.hostId),
    index().on(t.recorderId),
  ],
);

export const meetingAttendees = pgTable(
  'meeting_attendees',
  {
    orgId: orgId(),
    meetingId: uuid().notNull().references(() => meetings.id),
    userId: uuid().notNull().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index().on(t.userId)],
);

export const topics = pgTable(
  'topics',
  {
    id: id(),
    orgId: orgId(),
    meetingId: uuid().notNull().references(() => meetings.id),
    position: integer().notNull(),
    title: text().notNull(),
    discussion: text().notNull().default(''),
    disagreements: text().notNull().default(''),
    consensus: text().notNull().default(''),
    problemTags: jsonb().$type<string[]>().notNull().default([]),
    sensitive: boolean().notNull().default(false),
    visibleToUserIds: uuid().array().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: instant().notNull().defaultNow(),
    /** Bumped on every edit; a save based on an older version is refused (optimistic concurrency). */
    version: integer().notNull().default(1),
    /** title, discussion, disagreements and consensus; each feedback row has its own. */
    searchText: searchText(),
    /** The meeting's collaboration, copied by a trigger (migration 0006) so search narrows by it; NULL = not known. */
    collaborationId: uuid(),
  },
  (t) => [index().on(t.meetingId, t.position), index('topics_search_idx').using('gin', t.searchText), index().on(t.collaborationId)],
);

export const topicFeedback = pgTable(
  'topic_feedback',
  {
    id: id(),
    orgId: orgId(),
    topicId: uuid().notNull().references(() => topics.id),
    departmentId: uuid().notNull().references(() => departments.id),
    userId: uuid().references(() => users.id),
    stance: text({ enum: ['agree', 'disagree', 'conditional'] }),
    text: text().notNull().default(''),
    noFeedback: boolean().notNull().default(false),
    position: integer().notNull(),
    searchText: searchText(),
    /** The topic's collaboration, copied by a trigger (migration 0006) so search narrows by it; NULL = not known. */
    collaborationId: uuid(),
  },
  (t) => [index().on(t.topicId, t.position), index('topic_feedback_search_idx').using('gin', t.searchText), index().on(t.collaborationId)],
);

export const actionItems = pgTable(
  'action_items',
  {
    id: id(),
    orgId: orgId(),
    collaborationId: uuid().notNull().references(() => collaborations.id),
    meetingId: uuid().references(() => meetings.id),
    sourceTopicId: uuid().references(() => topics.id),
    description: text().notNull(),
    ownerId: uuid().notNull().references(() => users.id),
    ownerDepartmentId: uuid().references(() => departments.id),
    dueDate: date({ mode: 'string' }).notNull(),
    originalDueDate: date({ mode: 'string' }).notNull(),
    deliverable: text().notNull(),
    status: text({ enum: ['todo', 'in_progress', 'blocked', 'done', 'cancelled'] }).notNull().default('todo'),
    progress: smallint().notNull().default(0),
    statusText: text().notNull().default(''),
    sensitive: boolean().notNull().default(false),
    visibleToUserIds: uuid().array().notNull().default([]),
    acceptedBy: uuid().references(() => users.id),
    acceptedAt: instant(),
    lastUpdateAt: instant(),
    completedAt: instant(),
    escalatedAt: instant(),
    createdBy: uuid().notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: instant().notNull().defaultNow(),
    /** Bumped on every edit; a save based on an older version is refused (optimistic concurrency). */
    version: integer().notNull().default(1),
    /** description, deliverable and status text. */
    searchText: searchText(),
  },
  (t) => [
    index().on(t.orgId, t.ownerId, t.status),
    index().on(t.collaborationId, t.dueDate),
    index().on(t.orgId, t.status, t.dueDate),
    // The reminder sweep's finders over open items: by due date (D-1, overdue, escalation) and by last sign of life (stale).
    index('action_items_open_due_idx').on(t.orgId, t.dueDate).where(sql`${t.status} IN ('todo', 'in_progress', 'blocked')`),
    index('action_items_open_activity_idx')
      .on(t.orgId, sql`coalesce(${t.lastUpdateAt}, ${t.createdAt})`)
      .where(sql`${t.status} IN ('todo', 'in_progress', 'blocked')`),
    index('action_items_search_idx').using('gin', t.searchText),
    // A meeting's items (GET /meetings/:id); one owner's items in due-date order (my items), however long the history.
    index().on(t.meetingId),
    index().on(t.ownerId, t.dueDate, t.id),
    // The quarterly review's items: due in the quarter, or closed since its start (open ones use action_items_open_due_idx).
    index().on(t.orgId, t.dueDate),
    index('action_items_done_idx').on(t.orgId, t.completedAt).where(sql`${t.status} = 'done'`),
    index('action_items_cancelled_idx').on(t.orgId, t.updatedAt).where(sql`${t.status} = 'cancelled'`),
  ],
);

export const progressUpdates = pgTable(
  'progress_updates',
  {
    id: id(),
    orgId: orgId(),
    actionItemId: uuid().notNull().references(() => actionItems.id),
    authorId: uuid().notNull().references(() => users.id),
    progress: smallint().notNull(),
    statusText: text().notNull(),
    status: text({ enum: ['todo', 'in_progress', 'blocked', 'done', 'cancelled'] }).notNull(),
    delayCode: text(),
    delayReason: text(),
    remedy: text(),
    previousDueDate: date({ mode: 'string' }),
    newDueDate: date({ mode: 'string' }),
    createdAt: createdAt(),
    /** status text, delay reason and remedy. */
    searchText: searchText(),
    /** The item's collaboration, copied by a trigger (migration 0006) so search narrows by it; NULL = not known. */
    collaborationId: uuid(),
  },
  (t) => [
    index().on(t.actionItemId, t.createdAt),
    index('progress_updates_search_idx').using('gin', t.searchText),
    index().on(t.collaborationId),
    // The quarterly review's updates (update days, delay codes, delay reasons) by time.
    index().on(t.orgId, t.createdAt),
  ],
);

/** Items a progress-sync meeting was created for (the 3-days-overdue escalation). */
export const meetingActionItems = pgTable(
  'meeting_action_items',
  {
    orgId: orgId(),
    meetingId: uuid().notNull().references(() => meetings.id),
    actionItemId: uuid().notNull().references(() => actionItems.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.actionItemId] })],
);
