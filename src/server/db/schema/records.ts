import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId } from './columns.ts';
import { collaborations } from './collaboration.ts';
import { departments, users } from './organization.ts';

/** Files stored by content hash (local disk by default); linked to what they document. */
export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    orgId: orgId(),
    sha256: text().notNull(),
    mime: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    fileName: text().notNull(),
    storage: text({ enum: ['local', 's3'] }).notNull().default('local'),
    entityType: text().notNull(),
    entityId: uuid().notNull(),
    uploadedBy: uuid().notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.entityType, t.entityId)],
);

/**
 * Transactional outbox: one row per recipient and channel, written with the change that caused it.
 * The unique dedupe key is what makes "never twice to the same person for the same event" hold.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    orgId: orgId(),
    event: text().notNull(),
    recipientId: uuid().references(() => users.id),
    channel: text({ enum: ['in_app', 'email', 'dingtalk', 'feishu', 'wecom', 'webhook'] }).notNull(),
    channelId: uuid(),
    entityType: text().notNull(),
    entityId: uuid().notNull(),
    collaborationId: uuid(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    dedupeKey: text().notNull().unique(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: instant().notNull().defaultNow(),
    deliveredAt: instant(),
    /** Set when the last attempt failed for good (max attempts, or a permanent error); an admin may retry it. */
    deadAt: instant(),
    /**
     * A worker's claim on the row while it sends: other workers skip the row until this passes, so a
     * crashed worker's rows are taken over after the lease instead of being stuck or sent twice.
     */
    leaseUntil: instant(),
    readAt: instant(),
    lastError: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.recipientId, t.createdAt),
    index().on(t.deliveredAt, t.nextAttemptAt),
    index('notifications_due_idx').on(t.nextAttemptAt).where(sql`${t.deliveredAt} IS NULL AND ${t.deadAt} IS NULL`),
    index('notifications_dead_idx').on(t.orgId, t.deadAt).where(sql`${t.deadAt} IS NOT NULL`),
    index().on(t.channelId, t.createdAt),
  ],
);

/**
 * Reminders the sweep has already raised: one row per rule, subject and occurrence (the meeting's
 * sequence, the local date of an overdue day, the stale period...). Inserting here with ON CONFLICT DO
 * NOTHING RETURNING is how a sweep — run twice, or on two instances at once — picks each due reminder
 * exactly once, in the same transaction as its outbox rows.
 */
export const sentReminders = pgTable(
  'sent_reminders',
  {
    orgId: orgId(),
    kind: text().notNull(),
    subjectId: uuid().notNull(),
    occurrence: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.subjectId, t.occurrence] })],
);

/** Chat-group robots and webhooks of a collaboration, a department, or the whole organisation. */
export const channels = pgTable(
  'channels',
  {
    id: id(),
    orgId: orgId(),
    collaborationId: uuid().references(() => collaborations.id),
    departmentId: uuid().references(() => departments.id),
    kind: text({ enum: ['dingtalk', 'feishu', 'wecom', 'webhook'] }).notNull(),
    name: text().notNull(),
    url: text().notNull(),
    secret: text(),
    createdBy: uuid().notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: instant(),
    disabledAt: instant(),
  },
  (t) => [index().on(t.collaborationId), index().on(t.orgId, t.departmentId)],
);

/**
 * Append-only history of every change: who, when, what, before → after. `restrictedTo` is set when the
 * entity was sensitive, so readers not named see that a change happened but not its content.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    orgId: orgId(),
    actorId: uuid().references(() => users.id),
    at: createdAt(),
    entityType: text().notNull(),
    entityId: uuid().notNull(),
    collaborationId: uuid(),
    action: text().notNull(),
    before: jsonb().$type<Record<string, unknown> | null>(),
    after: jsonb().$type<Record<string, unknown> | null>(),
    restrictedTo: uuid().array(),
    /**
     * The event's place in its organisation's hash chain, the previous event's hash and its own
     * (sha256 over prev_hash and the canonical event). Set at commit by the audit_events_chain trigger
     * (migrations/0004), so concurrent transactions chain in commit order; `liaison audit verify` checks them.
     */
    seq: bigint({ mode: 'number' }),
    prevHash: text(),
    hash: text(),
  },
  (t) => [
    index().on(t.collaborationId, t.at),
    index().on(t.orgId, t.entityType, t.entityId),
    uniqueIndex('audit_events_chain_idx').on(t.orgId, t.seq),
  ],
);

/** The last link of each organisation's audit chain: the trigger locks this row to append the next event. */
export const auditChainHeads = pgTable('audit_chain_heads', {
  orgId: uuid().primaryKey(),
  seq: bigint({ mode: 'number' }).notNull(),
  hash: text().notNull(),
});
