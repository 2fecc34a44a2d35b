import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { actionItems } from '../db/schema/index.ts';
import { findActionItemRecord, findTopicPlacement, lockActionItem, type ActionItemRecord, type ActionItemRow } from '../db/queries/action-items.ts';
import { assertActionItemWritable, canEditActionItem } from '../policies/action-item.ts';
import { AppError, notFound } from '../errors.ts';
import { enqueueNotifications } from '../notifications/outbox.ts';
import { actionItemNotificationPayload, actionItemSnapshot } from '../presenters/action-item.ts';
import { isOpen } from '../../domain/action-item-timing.ts';
import type { patchActionItemBody } from '../../shared/schemas/action-item.ts';
import { recordAudit } from './audit.ts';
import { assertFreshVersion, nextVersion } from './version-check.ts';
import { checkOwner, checkVisibleTo, throwFieldProblems, topicProblem } from './create-action-item.ts';
import { searchTextUpdate } from '../search/search-text.ts';

export type UpdateActionItemInput = z.infer<typeof patchActionItemBody>;

/**
 * Who may read the history of a change to a sensitive item: those who could read it both before and
 * after, so nobody learns words from a version that was hidden from them.
 */
export function auditAudience(before: ActionItemRow, after: ActionItemRow): string[] | null {
  if (before.sensitive && after.sensitive) return before.visibleToUserIds.filter((id) => after.visibleToUserIds.includes(id));
  if (before.sensitive) return before.visibleToUserIds;
  if (after.sensitive) return after.visibleToUserIds;
  return null;
}

/**
 * Edits an item's description, owner, deliverable, status, source topic or visibility (never its due date:
 * that moves through a progress update with a reason). A new owner is checked like a first one and told.
 */
export async function updateActionItem(db: Db, actor: Actor, id: string, input: UpdateActionItemInput, now: Date): Promise<ActionItemRecord> {
  return db.transaction(async (tx) => {
    const locked = await lockActionItem(tx, actor, id);
    if (!locked) throw notFound();
    const { record, readable } = locked;
    assertActionItemWritable(actor, record, readable, canEditActionItem);
    const before = record.item;
    await assertFreshVersion(tx, { type: 'action_item', id: before.id, version: before.version }, input.version);
    if (input.status !== undefined && input.status !== before.status && !isOpen(before.status)) {
      throw new AppError('CONFLICT', { messageKey: 'actionItem.closed', fields: [{ path: 'status', message: 'actionItem.closed' }] });
    }

    const ownerChanged = input.ownerId !== undefined && input.ownerId !== before.ownerId;
    const owner = ownerChanged ? await checkOwner(tx, actor.orgId, input.ownerId!, before.collaborationId) : null;
    const topicChanged = input.sourceTopicId !== undefined && input.sourceTopicId !== before.sourceTopicId;
    const topicFault =
      topicChanged && input.sourceTopicId
        ? topicProblem(await findTopicPlacement(tx, actor.orgId, input.sourceTopicId), before.collaborationId, before.meetingId)
        : null;
    const ownerId = ownerChanged ? input.ownerId! : before.ownerId;
    const sensitive = input.sensitive ?? before.sensitive;
    const visible = sensitive
      ? await checkVisibleTo(tx, actor.orgId, input.visibleToUserIds ?? before.visibleToUserIds, [actor.userId, ownerId])
      : { ids: [] as string[], problem: null };
    // Only a list the caller sends is checked for deactivated people; a stored one may have aged.
    throwFieldProblems([owner?.problem, topicFault, input.visibleToUserIds !== undefined ? visible.problem : null]);

    const changes = {
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.deliverable !== undefined ? { deliverable: input.deliverable } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(ownerChanged ? { ownerId, ownerDepartmentId: owner!.owner!.departmentId } : {}),
      ...(topicChanged ? { sourceTopicId: input.sourceTopicId ?? null } : {}),
      sensitive,
      visibleToUserIds: visible.ids,
    };
    const candidate = { ...before, ...changes };
    if (JSON.stringify(actionItemSnapshot(candidate)) === JSON.stringify(actionItemSnapshot(before))) return record;

    const [row] = await tx.update(actionItems).set({ ...changes, ...searchTextUpdate('actionItems', before, changes), updatedAt: now, version: nextVersion(actionItems.version) }).where(eq(actionItems.id, before.id)).returning();
    const after = row!;
    await recordAudit(tx, actor, now, {
      entityType: 'action_item',
      entityId: after.id,
      collaborationId: after.collaborationId,
      action: 'updated',
      before: actionItemSnapshot(before),
      after: actionItemSnapshot(after),
      restrictedTo: auditAudience(before, after),
    });
    if (ownerChanged) {
      await enqueueNotifications(tx, {
        orgId: actor.orgId,
        event: 'item_assigned',
        recipientIds: [ownerId].filter((u) => u !== actor.userId),
        entityType: 'action_item',
        entityId: after.id,
        collaborationId: after.collaborationId,
        payload: actionItemNotificationPayload({ item: after, collaborationTopic: record.collaborationTopic, ownerName: owner!.owner!.name }, actor.name, {
          facts: { previousOwnerId: before.ownerId },
        }),
        occurrence: `reassigned:${now.toISOString()}`,
        now,
      });
    }
    return (await findActionItemRecord(tx, actor.orgId, after.id))!;
  });
}
