import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { actionItems } from '../db/schema/index.ts';
import { findActionItemRecord, lockActionItem, type ActionItemRecord } from '../db/queries/action-items.ts';
import { assertActionItemWritable, canJudgeActionItem } from '../policies/action-item.ts';
import { AppError, notFound } from '../errors.ts';
import { enqueueNotifications } from '../notifications/outbox.ts';
import { actionItemNotificationPayload } from '../presenters/action-item.ts';
import { nextVersion } from './version-check.ts';
import { recordAudit } from './audit.ts';

/**
 * The initiating side (the collaboration's editors) signs off a done item: who accepted it and when are
 * kept on the item and in the history, and the owner is told.
 */
export async function acceptActionItem(db: Db, actor: Actor, id: string, now: Date): Promise<ActionItemRecord> {
  return db.transaction(async (tx) => {
    const locked = await lockActionItem(tx, actor, id);
    if (!locked) throw notFound();
    const { record, readable } = locked;
    assertActionItemWritable(actor, record, readable, canJudgeActionItem);
    const before = record.item;
    if (before.status !== 'done') throw new AppError('CONFLICT', { messageKey: 'actionItem.notDone' });
    if (before.acceptedAt) throw new AppError('CONFLICT', { messageKey: 'actionItem.alreadyAccepted' });

    const [row] = await tx
      .update(actionItems)
      .set({ acceptedBy: actor.userId, acceptedAt: now, updatedAt: now, version: nextVersion(actionItems.version) })
      .where(eq(actionItems.id, before.id))
      .returning();
    const after = row!;
    await recordAudit(tx, actor, now, {
      entityType: 'action_item',
      entityId: after.id,
      collaborationId: after.collaborationId,
      action: 'accepted',
      before: { acceptedBy: null, acceptedAt: null },
      after: { acceptedBy: actor.userId, acceptedAt: now },
      restrictedTo: after.sensitive ? after.visibleToUserIds : null,
    });
    await enqueueNotifications(tx, {
      orgId: actor.orgId,
      event: 'item_accepted',
      recipientIds: [after.ownerId].filter((u) => u !== actor.userId),
      entityType: 'action_item',
      entityId: after.id,
      collaborationId: after.collaborationId,
      payload: actionItemNotificationPayload({ item: after, collaborationTopic: record.collaborationTopic, ownerName: record.ownerName }, actor.name),
      occurrence: now.toISOString(),
      now,
    });
    return (await findActionItemRecord(tx, actor.orgId, after.id))!;
  });
}
