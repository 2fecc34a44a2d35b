import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { CHANGES_CHANNEL, type ChangeEvent } from '../../live/change-event.ts';
import type { DeliveryResult } from './types.ts';

/**
 * The bell. An in-app notification is readable from the moment its row commits (GET /notifications
 * lists it once its time has come); delivering it tells the recipient's open pages, on every instance,
 * that the bell has something new, through the live change feed. Only the recipient hears it: the
 * event names their user (a private entity in GET /events) and carries ids only.
 */
export async function send(db: DbOrTx, notification: { id: string; orgId: string; recipientId: string }, at: Date): Promise<DeliveryResult> {
  const change: ChangeEvent = {
    orgId: notification.orgId,
    collaborationId: null,
    entityType: 'user',
    entityId: notification.recipientId,
    action: 'notification_received',
    actorId: null,
    at: at.toISOString(),
  };
  await db.execute(sql`SELECT pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify({ ...change, notificationId: notification.id })})`);
  return { ok: true };
}
