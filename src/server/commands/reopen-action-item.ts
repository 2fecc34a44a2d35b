import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { actionItems, progressUpdates } from '../db/schema/index.ts';
import { findActionItemRecord, lockActionItem, type ActionItemRecord } from '../db/queries/action-items.ts';
import { assertActionItemWritable, canJudgeActionItem } from '../policies/action-item.ts';
import { AppError, notFound } from '../errors.ts';
import { enqueueNotifications } from '../notifications/outbox.ts';
import { actionItemNotificationPayload } from '../presenters/action-item.ts';
import { isOpen } from '../../domain/action-item-timing.ts';
import { nextVersion } from './version-check.ts';
import { recordAudit } from './audit.ts';
import { searchTextUpdate, withSearchText } from '../search/search-text.ts';

/**
 * The initiating side sends a done or cancelled item back to work with a reason: it is in progress again,
 * no longer accepted or completed, keeps its progress, and the reason stands in its timeline. The owner is told.
 */
export async function reopenActionItem(db: Db, actor: Actor, id: string, reason: string, now: Date): Promise<ActionItemRecord> {
  return db.transaction(async (tx) => {
    const locked = await lockActionItem(tx, actor, id);
    if (!locked) throw notFound();
    const { record, readable } = locked;
    assertActionItemWritable(actor, record, readable, canJudgeActionItem);
    const before = record.item;
    if (isOpen(before.status)) throw new AppError('CONFLICT', { messageKey: 'actionItem.notClosed' });

    const [entry] = await tx
      .insert(progressUpdates)
      .values(withSearchText('progressUpdates', { orgId: actor.orgId, actionItemId: before.id, authorId: actor.userId, progress: before.progress, statusText: reason, status: 'in_progress', createdAt: now }))
      .returning();
    const [row] = await tx
      .update(actionItems)
      .set({ status: 'in_progress', acceptedBy: null, acceptedAt: null, completedAt: null, statusText: reason, ...searchTextUpdate('actionItems', before, { statusText: reason }), lastUpdateAt: now, updatedAt: now, version: nextVersion(actionItems.version) })
      .where(eq(actionItems.id, before.id))
      .returning();
    const after = row!;
    await recordAudit(tx, actor, now, {
      entityType: 'action_item',
      entityId: after.id,
      collaborationId: after.collaborationId,
      action: 'reopened',
      before: { status: before.status, acceptedBy: before.acceptedBy, acceptedAt: before.acceptedAt, completedAt: before.completedAt },
      after: { status: after.status, acceptedBy: null, acceptedAt: null, completedAt: null, reason },
      restrictedTo: after.sensitive ? after.visibleToUserIds : null,
    });
    await enqueueNotifications(tx, {
      orgId: actor.orgId,
      event: 'item_reopened',
      recipientIds: [after.ownerId].filter((u) => u !== actor.userId),
      entityType: 'action_item',
      entityId: after.id,
      collaborationId: after.collaborationId,
      payload: actionItemNotificationPayload({ item: after, collaborationTopic: record.collaborationTopic, ownerName: record.ownerName }, actor.name, { words: { reason } }),
      occurrence: entry!.id,
      now,
    });
    return (await findActionItemRecord(tx, actor.orgId, after.id))!;
  });
}
