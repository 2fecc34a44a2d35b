import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { actionItems, collaborations } from '../db/schema/index.ts';
import { findCollaborationWithFacts } from '../db/queries/collaborations.ts';
import { activeUsersById } from '../db/queries/organization.ts';
import { findActionItemRecord, findMeetingKeepers, findOwnerCandidate, findTopicPlacement, type ActionItemRecord } from '../db/queries/action-items.ts';
import { canReadCollaboration } from '../policies/collaboration.ts';
import { canCreateActionItem, type MeetingKeepers } from '../policies/action-item.ts';
import { assertWritable } from '../policies/guard.ts';
import { AppError, forbidden, type FieldProblem } from '../errors.ts';
import { enqueueNotifications } from '../notifications/outbox.ts';
import { actionItemNotificationPayload, actionItemSnapshot } from '../presenters/action-item.ts';
import { idSchema } from '../../shared/schemas/common.ts';
import type { createActionItemBody } from '../../shared/schemas/action-item.ts';
import { recordAudit } from './audit.ts';
import { withSearchText } from '../search/search-text.ts';

export type CreateActionItemInput = z.infer<typeof createActionItemBody>;

/** Throws one 400 naming every field at fault, or does nothing. */
export function throwFieldProblems(problems: (FieldProblem | null | undefined)[]): void {
  const fields = problems.filter((p): p is FieldProblem => Boolean(p));
  if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });
}

/**
 * Template rule 4: the owner is ONE active person of the organisation — a department id, a malformed id or
 * a stranger is 'owner.notPerson', a deactivated account 'owner.inactive'. The owner's department is the
 * first of theirs taking part in the collaboration, else their first.
 */
export async function checkOwner(db: DbOrTx, orgId: string, ownerId: string, collaborationId: string) {
  const candidate = idSchema.safeParse(ownerId).success ? await findOwnerCandidate(db, orgId, ownerId, collaborationId) : null;
  if (!candidate) return { problem: { path: 'ownerId', message: 'owner.notPerson' } satisfies FieldProblem };
  if (!candidate.active) return { problem: { path: 'ownerId', message: 'owner.inactive' } satisfies FieldProblem };
  return { owner: { id: candidate.id, name: candidate.name, departmentId: candidate.departmentIds[0] ?? null } };
}

/**
 * Who may read a sensitive item: those named plus `always` (the actor and the owner, who could not work
 * without it); everyone named must be an active user of the organisation.
 */
export async function checkVisibleTo(db: DbOrTx, orgId: string, named: string[], always: string[]) {
  const ids = [...new Set([...always, ...named])];
  const active = new Set((await activeUsersById(db, orgId, named)).map((u) => u.id));
  const unknown = named.filter((id) => !active.has(id));
  if (unknown.length) return { ids, problem: { path: 'visibleToUserIds', message: 'user.notFound' } satisfies FieldProblem };
  return { ids, problem: null };
}

/** A source topic must come from one of the collaboration's meetings, and from the item's meeting when it has one. */
export function topicProblem(
  placement: { meetingId: string; collaborationId: string } | null,
  collaborationId: string,
  meetingId: string | null | undefined,
): FieldProblem | null {
  if (!placement || placement.collaborationId !== collaborationId) return { path: 'sourceTopicId', message: 'topic.notInCollaboration' };
  if (meetingId && placement.meetingId !== meetingId) return { path: 'sourceTopicId', message: 'topic.notInMeeting' };
  return null;
}

/**
 * Records an action item with the template's four elements, tells its owner, and writes the history —
 * one transaction. Editors of the collaboration create items; so do the host and recorder of the
 * meeting it comes from (given as `meetingId`, or implied by `sourceTopicId`).
 */
export async function createActionItem(db: Db, actor: Actor, collaborationId: string, input: CreateActionItemInput, now: Date): Promise<ActionItemRecord> {
  return db.transaction(async (tx) => {
    const found = await findCollaborationWithFacts(tx, actor, collaborationId, true);
    const readable = Boolean(found && canReadCollaboration(actor, found.facts));
    assertWritable(readable, Boolean(found?.facts.archived), true);
    const collaboration = found!.row;

    const meeting = input.meetingId ? await findMeetingKeepers(tx, actor.orgId, input.meetingId) : null;
    const meetingInCollaboration = meeting !== null && meeting.collaborationId === collaborationId;
    const placement = input.sourceTopicId ? await findTopicPlacement(tx, actor.orgId, input.sourceTopicId) : null;
    const topicFault = input.sourceTopicId ? topicProblem(placement, collaborationId, input.meetingId) : null;
    const impliedMeetingId = !input.meetingId && placement && !topicFault ? placement.meetingId : null;
    const meetingId = input.meetingId ?? impliedMeetingId;
    let keepers: MeetingKeepers | null = meetingInCollaboration ? meeting : null;
    if (impliedMeetingId) keepers = await findMeetingKeepers(tx, actor.orgId, impliedMeetingId);
    if (!canCreateActionItem(actor, collaboration, keepers)) throw forbidden();

    const owner = await checkOwner(tx, actor.orgId, input.ownerId, collaborationId);
    const visible = input.sensitive ? await checkVisibleTo(tx, actor.orgId, input.visibleToUserIds, [actor.userId, input.ownerId]) : { ids: [], problem: null };
    throwFieldProblems([
      input.meetingId && !meetingInCollaboration ? { path: 'meetingId', message: 'meeting.notInCollaboration' } : null,
      topicFault,
      owner.problem,
      visible.problem,
    ]);

    const [row] = await tx
      .insert(actionItems)
      .values(withSearchText('actionItems', {
        orgId: actor.orgId,
        collaborationId,
        meetingId,
        sourceTopicId: input.sourceTopicId ?? null,
        description: input.description,
        ownerId: owner.owner!.id,
        ownerDepartmentId: owner.owner!.departmentId,
        dueDate: input.dueDate,
        originalDueDate: input.dueDate,
        deliverable: input.deliverable,
        sensitive: input.sensitive,
        visibleToUserIds: visible.ids,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      }))
      .returning();
    const item = row!;
    await tx.update(collaborations).set({ updatedAt: now }).where(eq(collaborations.id, collaborationId));
    await recordAudit(tx, actor, now, {
      entityType: 'action_item',
      entityId: item.id,
      collaborationId,
      action: 'created',
      after: actionItemSnapshot(item),
      restrictedTo: item.sensitive ? item.visibleToUserIds : null,
    });
    await enqueueNotifications(tx, {
      orgId: actor.orgId,
      event: 'item_assigned',
      recipientIds: [item.ownerId].filter((id) => id !== actor.userId),
      entityType: 'action_item',
      entityId: item.id,
      collaborationId,
      payload: actionItemNotificationPayload({ item, collaborationTopic: collaboration.topic, ownerName: owner.owner!.name }, actor.name),
      occurrence: 'created',
      now,
    });
    return (await findActionItemRecord(tx, actor.orgId, item.id))!;
  });
}
