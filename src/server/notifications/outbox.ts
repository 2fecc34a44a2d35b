import type { DbOrTx } from '../db/client.ts';
import { notifications } from '../db/schema/index.ts';

export type NotificationEvent =
  | 'meeting_scheduled'
  | 'agenda_sent'
  | 'record_published'
  | 'item_assigned'
  | 'due_date_moved'
  | 'item_done'
  | 'item_accepted'
  | 'item_reopened'
  | 'remark_added';

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
  now: Date;
};

/**
 * Transactional outbox: one in-app row per recipient, written in the same transaction as the change. The
 * unique dedupe key makes a retried command or a second instance write nothing twice. Delivery to other
 * channels fans out from these rows.
 */
export async function enqueueNotifications(tx: DbOrTx, input: EnqueueInput): Promise<void> {
  const rows = [...new Set(input.recipientIds)].map((recipientId) => ({
    orgId: input.orgId,
    event: input.event,
    recipientId,
    channel: 'in_app' as const,
    entityType: input.entityType,
    entityId: input.entityId,
    collaborationId: input.collaborationId ?? null,
    payload: input.payload,
    dedupeKey: [input.event, input.entityId, input.occurrence ?? '', recipientId, 'in_app'].join(':'),
    nextAttemptAt: input.now,
    createdAt: input.now,
  }));
  if (rows.length) await tx.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.dedupeKey });
}
