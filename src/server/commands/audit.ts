import type { Actor } from '../auth/actor.ts';
import type { DbOrTx } from '../db/client.ts';
import { sql } from 'drizzle-orm';
import { auditEvents } from '../db/schema/index.ts';
import { CHANGES_CHANNEL, type ChangeEvent } from '../live/change-event.ts';

type Snapshot = Record<string, unknown> | null | undefined;

export type AuditInput = {
  entityType: string;
  entityId: string;
  collaborationId?: string | null;
  action: string;
  before?: Snapshot;
  after?: Snapshot;
  /** Set for sensitive entities: only these users see the before/after values. */
  restrictedTo?: string[] | null;
  /** Needed only when there is no actor (system jobs). */
  orgId?: string;
};

const normalize = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/** Only the fields that changed, so the history reads "due date 7-15 → 7-17" rather than two full rows. */
export function diffSnapshots(before: Snapshot, after: Snapshot): { before: Snapshot; after: Snapshot } {
  if (!before || !after) return { before: before ? mapValues(before) : before, after: after ? mapValues(after) : after };
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const x = normalize(before[key]);
    const y = normalize(after[key]);
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    b[key] = x ?? null;
    a[key] = y ?? null;
  }
  return { before: b, after: a };
}

function mapValues(snapshot: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(snapshot).map(([k, v]) => [k, normalize(v)]));
}

/**
 * Appends one event to the history and announces the change to live clients (NOTIFY is delivered only if
 * the transaction commits); call inside the command's transaction. The database links the event into its
 * organisation's hash chain when the transaction commits (trigger `audit_events_chain`, migration 0004), so
 * every writer is covered and the chain head is locked only for the commit itself.
 */
export async function recordAudit(tx: DbOrTx, actor: Actor | null, at: Date, input: AuditInput): Promise<void> {
  const { before, after } = diffSnapshots(input.before, input.after);
  const orgId = input.orgId ?? actor!.orgId;
  const change: ChangeEvent = {
    orgId,
    collaborationId: input.collaborationId ?? null,
    entityType: input.entityType,
    entityId: input.entityId,
    action: input.action,
    actorId: actor?.userId ?? null,
    at: at.toISOString(),
  };
  await tx.execute(sql`SELECT pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify(change)})`);
  await tx.insert(auditEvents).values({
    orgId,
    actorId: actor?.userId ?? null,
    at,
    entityType: input.entityType,
    entityId: input.entityId,
    collaborationId: input.collaborationId ?? null,
    action: input.action,
    before: before ?? null,
    after: after ?? null,
    restrictedTo: input.restrictedTo ?? null,
  });
}
