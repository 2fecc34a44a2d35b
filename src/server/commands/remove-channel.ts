import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { channels, notifications } from '../db/schema/index.ts';
import { recordAudit } from './audit.ts';
import { channelSnapshot, loadChannel } from './channel-access.ts';

/**
 * Removes a chat group (managers only). The row stays, disabled, so its past deliveries keep their
 * channel; messages still waiting for it are given up with that reason rather than left pending.
 */
export async function removeChannel(db: Db, actor: Actor, now: Date, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { channel } = await loadChannel(tx, actor, id, true);
    await tx.update(channels).set({ disabledAt: now, updatedAt: now }).where(eq(channels.id, id));
    await tx
      .update(notifications)
      .set({ deadAt: now, lastError: 'the chat group was removed', leaseUntil: null })
      .where(and(eq(notifications.channelId, id), isNull(notifications.deliveredAt), isNull(notifications.deadAt), sql`${notifications.leaseUntil} IS NULL`));
    await recordAudit(tx, actor, now, {
      entityType: 'channel',
      entityId: id,
      collaborationId: channel.collaborationId,
      action: 'deleted',
      before: channelSnapshot(channel, null),
    });
  });
}
