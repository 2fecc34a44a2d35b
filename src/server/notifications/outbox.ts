import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { channels, collaborationDepartments, collaborations, notifications, organizations, users } from '../db/schema/index.ts';
import type { NotificationEvent } from '../../shared/notification-events.ts';
import { afterQuietHours } from '../../domain/quiet-hours.ts';
import { readPreferences, wantedChannels } from './preferences.ts';

export type { NotificationEvent } from '../../shared/notification-events.ts';

/** NOTIFY channel that wakes the delivery workers when outbox rows commit (see jobs/deliver-notifications.ts). */
export const OUTBOX_CHANNEL = 'liaison_outbox';

type NotificationRow = typeof notifications.$inferInsert;

/**
 * What the outbox needs to know about the running installation. E-mail is one of the default channels
 * only where the server can send mail (SMTP_URL); set once at start by the server and the worker.
 */
const outboxSettings = { emailEnabled: false };

export function configureOutbox(settings: { emailEnabled: boolean }): void {
  outboxSettings.emailEnabled = settings.emailEnabled;
}

export function isEmailEnabled(): boolean {
  return outboxSettings.emailEnabled;
}

export type EnqueueInput = {
  orgId: string;
  event: NotificationEvent;
  recipientIds: Iterable<string>;
  entityType: string;
  entityId: string;
  collaborationId?: string | null;
  /** What the message says; must hold no sensitive text (sensitive entities send only ids and a neutral title). */
  payload: Record<string, unknown>;
  /** Distinguishes repeated events on one entity (e.g. the new due date); with event, entity and recipient it forms the dedupe key. */
  occurrence?: string;
  /** Not before this instant (a reminder held to working hours); now unless set. */
  deliverAt?: Date;
  now: Date;
};

/**
 * Transactional outbox: written in the same transaction as the change, one row per recipient per
 * channel that recipient wants (users.preferences; the bell always, e-mail by default where mail is
 * configured; a muted collaboration reaches them through the bell only). Pushes wait out the
 * recipient's quiet hours. The unique dedupe key (event, entity, occurrence, recipient, channel) makes a
 * retried command, a second sweep or a second instance write nothing twice. The commit wakes the
 * delivery workers.
 */
export async function enqueueNotifications(tx: DbOrTx, input: EnqueueInput): Promise<void> {
  await enqueueManyNotifications(tx, input.orgId, [input]);
}

/**
 * `enqueueNotifications` for many events of one organisation at once (a sweep raising thousands of
 * reminders): recipients, their preferences and the collaborations' robots are read once for all.
 */
export async function enqueueManyNotifications(tx: DbOrTx, orgId: string, inputs: EnqueueInput[]): Promise<void> {
  const recipientIds = [...new Set(inputs.flatMap((input) => [...input.recipientIds]))];
  if (!recipientIds.length) return;
  const people = new Map<string, Person>();
  for (const ids of chunks(recipientIds, 1000)) {
    const rows = await tx
      .select({ id: users.id, email: users.email, active: users.active, preferences: users.preferences })
      .from(users)
      .where(and(eq(users.orgId, orgId), inArray(users.id, ids)));
    for (const row of rows) people.set(row.id, { ...row, preferences: readPreferences(row.preferences) });
  }
  const timeZone = await organizationTimeZone(tx, orgId);
  const collaborationIds = [...new Set(inputs.map((i) => i.collaborationId).filter((id): id is string => Boolean(id)))];
  const robots = await collaborationRobots(tx, collaborationIds);
  const rows: NotificationRow[] = [];
  for (const input of inputs) {
    const deliverAt = input.deliverAt ?? input.now;
    for (const recipientId of new Set(input.recipientIds)) {
      const person = people.get(recipientId);
      if (!person?.active) continue;
      const { preferences } = person;
      const muted = Boolean(input.collaborationId && preferences.mutedCollaborationIds?.includes(input.collaborationId));
      const chosen = wantedChannels(preferences, input.event, { hasEmail: Boolean(person.email), emailEnabled: outboxSettings.emailEnabled });
      for (const channel of muted ? (['in_app'] as const) : chosen) {
        const channelId = channel === 'in_app' || channel === 'email' ? null : robots.get(`${input.collaborationId}:${channel}`);
        if (channelId === undefined) continue;
        rows.push({
          ...rowOf(input),
          recipientId,
          channel,
          channelId,
          dedupeKey: dedupeKey(input, recipientId, channel),
          nextAttemptAt: channel === 'in_app' ? deliverAt : afterQuietHours(deliverAt, preferences.quietHours, timeZone),
        });
      }
    }
  }
  await insertRows(tx, rows);
}

type Person = { id: string; email: string; active: boolean; preferences: ReturnType<typeof readPreferences> };

export type GroupEnqueueInput = Omit<EnqueueInput, 'recipientIds'> & {
  collaborationId: string;
  /** People to @-mention in the groups (e.g. the departments' heads), by their phone and e-mail. */
  mentionUserIds?: string[];
};

/**
 * One row per chat group the event concerns: the collaboration's own robots and webhooks, and the
 * organisation's channels for it (a department's robot when that department takes part; an
 * organisation-wide webhook always; an organisation-wide robot only for org-visible collaborations).
 * The payload is the non-sensitive summary; the heads to @-mention travel beside it.
 */
export async function enqueueGroupNotifications(tx: DbOrTx, input: GroupEnqueueInput): Promise<void> {
  const targets = await groupChannelsOf(tx, input.orgId, input.collaborationId);
  if (!targets.length) return;
  const mentions = await mentionsOf(tx, input.orgId, input.mentionUserIds ?? []);
  const payload = mentions ? { ...input.payload, mentions } : input.payload;
  const rows = targets.map((target) => ({
    ...rowOf({ ...input, payload }),
    recipientId: null,
    channel: target.kind,
    channelId: target.id,
    dedupeKey: dedupeKey(input, `channel-${target.id}`, target.kind),
    nextAttemptAt: input.deliverAt ?? input.now,
  }));
  await insertRows(tx, rows);
}

/** The dedupe key of an outbox row: event, entity, occurrence, recipient (or channel-<id>) and channel. */
export function dedupeKey(input: Pick<EnqueueInput, 'event' | 'entityId' | 'occurrence'>, recipient: string, channel: string): string {
  return [input.event, input.entityId, input.occurrence ?? '', recipient, channel].join(':');
}

function rowOf(input: Omit<EnqueueInput, 'recipientIds'>) {
  return {
    orgId: input.orgId,
    event: input.event,
    entityType: input.entityType,
    entityId: input.entityId,
    collaborationId: input.collaborationId ?? null,
    payload: input.payload,
    createdAt: input.now,
  };
}

async function insertRows(tx: DbOrTx, rows: NotificationRow[]): Promise<void> {
  if (!rows.length) return;
  for (const part of chunks(rows, 1000)) {
    await tx.insert(notifications).values(part).onConflictDoNothing({ target: notifications.dedupeKey });
  }
  await tx.execute(sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`);
}

function chunks<T>(list: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < list.length; i += size) parts.push(list.slice(i, i + size));
  return parts;
}

async function organizationTimeZone(tx: DbOrTx, orgId: string): Promise<string> {
  const [org] = await tx.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, orgId));
  return org?.settings.timeZone ?? 'Asia/Shanghai';
}

/** Each collaboration's first enabled robot per platform (key `<collaborationId>:<kind>`): where a person who chose that platform is @-mentioned. */
async function collaborationRobots(tx: DbOrTx, collaborationIds: string[]): Promise<Map<string, string>> {
  const robots = new Map<string, string>();
  if (!collaborationIds.length) return robots;
  const rows = await tx
    .select({ id: channels.id, kind: channels.kind, collaborationId: channels.collaborationId })
    .from(channels)
    .where(and(inArray(channels.collaborationId, collaborationIds), isNull(channels.disabledAt)))
    .orderBy(channels.createdAt, channels.id);
  for (const row of rows) {
    const key = `${row.collaborationId}:${row.kind}`;
    if (row.kind !== 'webhook' && !robots.has(key)) robots.set(key, row.id);
  }
  return robots;
}

async function groupChannelsOf(tx: DbOrTx, orgId: string, collaborationId: string) {
  const [collaboration] = await tx
    .select({ visibility: collaborations.visibility, initiatingDepartmentId: collaborations.initiatingDepartmentId })
    .from(collaborations)
    .where(eq(collaborations.id, collaborationId));
  if (!collaboration) return [];
  const participating = await tx
    .select({ id: collaborationDepartments.departmentId })
    .from(collaborationDepartments)
    .where(eq(collaborationDepartments.collaborationId, collaborationId));
  const departmentIds = [collaboration.initiatingDepartmentId, ...participating.map((d) => d.id)];
  const orgWide = collaboration.visibility === 'organization' ? sql`true` : eq(channels.kind, 'webhook');
  return tx
    .select({ id: channels.id, kind: channels.kind })
    .from(channels)
    .where(
      and(
        eq(channels.orgId, orgId),
        isNull(channels.disabledAt),
        or(
          eq(channels.collaborationId, collaborationId),
          and(isNull(channels.collaborationId), inArray(channels.departmentId, departmentIds)),
          and(isNull(channels.collaborationId), isNull(channels.departmentId), orgWide),
        ),
      ),
    )
    .orderBy(channels.createdAt, channels.id);
}

/** Phones (DingTalk, WeCom), e-mails (Feishu) and names of the people to @-mention; undefined for nobody. */
async function mentionsOf(tx: DbOrTx, orgId: string, userIds: string[]) {
  const ids = [...new Set(userIds)];
  if (!ids.length) return undefined;
  const rows = await tx
    .select({ name: users.name, phone: users.phone, email: users.email })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.id, ids), eq(users.active, true)));
  if (!rows.length) return undefined;
  return {
    names: rows.map((r) => r.name),
    mobiles: rows.map((r) => r.phone).filter((p): p is string => Boolean(p)),
    emails: rows.map((r) => r.email),
  };
}
