import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { actionItems, progressUpdates } from '../db/schema/index.ts';
import { lockActionItem, type ActionItemRecord, type ActionItemRow, type ProgressUpdateRow } from '../db/queries/action-items.ts';
import { collaborationEditorIds } from '../db/queries/collaboration-people.ts';
import { presentableColumns } from '../db/queries/row-columns.ts';
import { assertActionItemWritable, canEditActionItem, canPostProgress } from '../policies/action-item.ts';
import { AppError, forbidden, notFound, type FieldProblem } from '../errors.ts';
import { enqueueNotifications } from '../notifications/outbox.ts';
import { actionItemNotificationPayload } from '../presenters/action-item.ts';
import { isOpen, type ActionItemStatus } from '../../domain/action-item-timing.ts';
import type { progressUpdateBody } from '../../shared/schemas/action-item.ts';
import { recordAudit } from './audit.ts';
import { nextVersion } from './version-check.ts';
import { throwFieldProblems } from './create-action-item.ts';
import { searchTextUpdate, withSearchText } from '../search/search-text.ts';

export type ProgressUpdateInput = z.infer<typeof progressUpdateBody>;

/**
 * The status after an update: 100 % is done; otherwise the status given, else the current one — except
 * that the first progress on a to-do item means work has started.
 */
export function statusAfterUpdate(current: ActionItemStatus, input: Pick<ProgressUpdateInput, 'progress' | 'status'>): ActionItemStatus {
  if (input.progress === 100) return 'done';
  if (input.status) return input.status;
  return current === 'todo' && input.progress > 0 ? 'in_progress' : current;
}

/** What is wrong with an update before anything is written: a due-date move needs a reason and a real change. */
export function progressUpdateProblems(item: Pick<ActionItemRow, 'dueDate'>, input: ProgressUpdateInput, delayCodes: string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.newDueDate !== undefined && !input.delayReason) problems.push({ path: 'delayReason', message: 'progress.delayReasonRequired' });
  if (input.newDueDate !== undefined && input.newDueDate === item.dueDate) problems.push({ path: 'newDueDate', message: 'progress.dueDateUnchanged' });
  if (input.delayCode !== undefined && !delayCodes.includes(input.delayCode)) problems.push({ path: 'delayCode', message: 'progress.unknownDelayCode' });
  if (input.status === 'done' && input.progress !== 100) problems.push({ path: 'progress', message: 'progress.doneNeedsFull' });
  if (input.progress === 100 && input.status !== undefined && input.status !== 'done') problems.push({ path: 'status', message: 'progress.statusConflicts' });
  return problems;
}

/**
 * Posts one entry of an item's progress timeline (template rules 5–6) and applies it to the item. A due
 * date never moves silently: the entry keeps the previous and new date with the reason, the history gets
 * a 'due_date_moved' event and the collaboration's editors are told. Reaching 100 % marks the item done
 * and tells the initiating side, who then accept or reopen it.
 */
export async function postProgressUpdate(
  db: Db,
  actor: Actor,
  id: string,
  input: ProgressUpdateInput,
  now: Date,
): Promise<{ update: ProgressUpdateRow; record: ActionItemRecord }> {
  return db.transaction(async (tx) => {
    const locked = await lockActionItem(tx, actor, id);
    if (!locked) throw notFound();
    const { record, readable } = locked;
    assertActionItemWritable(actor, record, readable, canPostProgress);
    const before = record.item;
    if (!isOpen(before.status)) throw new AppError('CONFLICT', { messageKey: 'actionItem.closed' });
    if (input.status === 'cancelled' && !canEditActionItem(actor, record)) throw forbidden('progress.cancelByEditors');
    throwFieldProblems(progressUpdateProblems(before, input, actor.settings.delayReasonCodes.map((r) => r.code)));

    const status = statusAfterUpdate(before.status, input);
    const moved = input.newDueDate !== undefined;
    const [entry] = await tx
      .insert(progressUpdates)
      .values(withSearchText('progressUpdates', {
        orgId: actor.orgId,
        actionItemId: before.id,
        authorId: actor.userId,
        progress: input.progress,
        statusText: input.statusText,
        status,
        delayCode: input.delayCode ?? null,
        delayReason: input.delayReason || null,
        remedy: input.remedy || null,
        previousDueDate: moved ? before.dueDate : null,
        newDueDate: moved ? input.newDueDate! : null,
        createdAt: now,
      }))
      .returning(presentableColumns(progressUpdates));
    const update = entry!;
    const [row] = await tx
      .update(actionItems)
      .set({
        progress: input.progress,
        statusText: input.statusText,
        ...searchTextUpdate('actionItems', before, { statusText: input.statusText }),
        status,
        lastUpdateAt: now,
        updatedAt: now,
        version: nextVersion(actionItems.version),
        ...(status === 'done' ? { completedAt: now } : {}),
        ...(moved ? { dueDate: input.newDueDate! } : {}),
      })
      .where(eq(actionItems.id, before.id))
      .returning(presentableColumns(actionItems));
    const after = row!;
    const restrictedTo = after.sensitive ? after.visibleToUserIds : null;
    const audit = { entityType: 'action_item', entityId: after.id, collaborationId: after.collaborationId, restrictedTo };
    await recordAudit(tx, actor, now, {
      ...audit,
      action: 'progress_updated',
      before: { progress: before.progress, status: before.status, statusText: before.statusText },
      after: { progress: after.progress, status: after.status, statusText: after.statusText },
    });
    if (moved) {
      await recordAudit(tx, actor, now, {
        ...audit,
        action: 'due_date_moved',
        before: { dueDate: before.dueDate },
        after: { dueDate: after.dueDate, reason: update.delayReason, delayCode: update.delayCode },
      });
    }

    const fresh = { item: after, collaborationTopic: record.collaborationTopic, ownerName: record.ownerName };
    // Only a moved date or a finished item tells the editors; an ordinary update does not look them up.
    const editors = moved || status === 'done' ? await collaborationEditorIds(tx, record.collaboration) : [];
    const notify = (event: 'due_date_moved' | 'item_done', recipients: string[], extra: Parameters<typeof actionItemNotificationPayload>[2]) =>
      enqueueNotifications(tx, {
        orgId: actor.orgId,
        event,
        recipientIds: recipients.filter((u) => u !== actor.userId),
        entityType: 'action_item',
        entityId: after.id,
        collaborationId: after.collaborationId,
        payload: actionItemNotificationPayload(fresh, actor.name, extra),
        occurrence: update.id,
        now,
      });
    if (moved) {
      // The editors answer for the plan; the owner hears of it too when someone else moved their date.
      await notify('due_date_moved', [...editors, after.ownerId], {
        facts: { previousDueDate: before.dueDate, newDueDate: after.dueDate, delayCode: update.delayCode },
        words: { delayReason: update.delayReason, remedy: update.remedy },
      });
    }
    if (status === 'done') {
      await notify('item_done', [...editors, after.createdBy], { facts: { progress: after.progress }, words: { statusText: after.statusText } });
    }
    // The collaboration and the item stay locked: only the item's own columns changed since it was read.
    return { update, record: { ...record, item: after } };
  });
}
