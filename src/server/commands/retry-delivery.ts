import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { notifications } from '../db/schema/index.ts';
import { AppError, notFound } from '../errors.ts';
import { assertAdmin } from '../policies/organization.ts';
import { OUTBOX_CHANNEL } from '../notifications/outbox.ts';
import { recordAudit } from './audit.ts';

/**
 * An admin sends a given-up notification again: it goes back to pending with a fresh set of attempts
 * (its last error kept until the next attempt), and the workers are woken. Only dead rows: a pending
 * one is already being tried and a delivered one must not go out twice.
 */
export async function retryDelivery(db: Db, actor: Actor, now: Date, id: string) {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.orgId, actor.orgId)))
      .for('update');
    if (!row) throw notFound();
    if (!row.deadAt) throw new AppError('CONFLICT', { messageKey: 'delivery.notDead' });
    const [updated] = await tx
      .update(notifications)
      .set({ deadAt: null, attempts: 0, nextAttemptAt: now, leaseUntil: null })
      .where(and(eq(notifications.id, id), isNotNull(notifications.deadAt)))
      .returning();
    await recordAudit(tx, actor, now, {
      entityType: 'notification',
      entityId: id,
      collaborationId: row.collaborationId,
      action: 'delivery_retried',
      before: { deadAt: row.deadAt, attempts: row.attempts, lastError: row.lastError },
      after: { deadAt: null, attempts: 0 },
    });
    await tx.execute(sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`);
    return updated!;
  });
}
