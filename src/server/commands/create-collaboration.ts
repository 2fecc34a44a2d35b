import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { collaborations } from '../db/schema/index.ts';
import type { createCollaborationBody } from '../../shared/schemas/collaboration.ts';
import { activeUsersById, unknownDepartmentIds } from '../db/queries/organization.ts';
import { setParticipatingDepartments } from '../db/queries/collaborations.ts';
import { AppError, invalidField } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { withSearchText } from '../search/search-text.ts';

type Input = z.infer<typeof createCollaborationBody>;

/** Anyone in the organisation may start a collaboration; they become its creator and so one of its editors. */
export async function createCollaboration(db: Db, actor: Actor, input: Input, now: Date) {
  if ((input.periodYear === undefined) !== (input.periodQuarter === undefined)) {
    throw invalidField(input.periodYear === undefined ? 'periodYear' : 'periodQuarter', 'field.required');
  }
  const participating = [...new Set(input.participatingDepartmentIds)].filter((id) => id !== input.initiatingDepartmentId);
  if (!participating.length) throw invalidField('participatingDepartmentIds', 'collaboration.initiatorNotParticipant');
  return db.transaction(async (tx) => {
    if ((await unknownDepartmentIds(tx, actor.orgId, [input.initiatingDepartmentId])).length) throw invalidField('initiatingDepartmentId', 'department.notFound');
    const unknown = await unknownDepartmentIds(tx, actor.orgId, participating);
    if (unknown.length) {
      throw new AppError('VALIDATION_FAILED', {
        fields: unknown.map((id) => ({ path: `participatingDepartmentIds[${input.participatingDepartmentIds.indexOf(id)}]`, message: 'department.notFound' })),
      });
    }
    if (input.ownerId && !(await activeUsersById(tx, actor.orgId, [input.ownerId])).length) throw invalidField('ownerId', 'owner.notPerson');
    const [row] = await tx
      .insert(collaborations)
      .values(withSearchText('collaborations', {
        orgId: actor.orgId,
        topic: input.topic,
        goal: input.goal,
        targets: input.targets ?? [],
        scenario: input.scenario,
        initiatingDepartmentId: input.initiatingDepartmentId,
        ownerId: input.ownerId ?? null,
        creatorId: actor.userId,
        visibility: input.visibility,
        periodYear: input.periodYear ?? null,
        periodQuarter: input.periodQuarter ?? null,
        createdAt: now,
        updatedAt: now,
      }))
      .returning();
    await setParticipatingDepartments(tx, actor.orgId, row!.id, participating);
    await recordAudit(tx, actor, now, {
      entityType: 'collaboration',
      entityId: row!.id,
      collaborationId: row!.id,
      action: 'created',
      after: { topic: row!.topic, goal: row!.goal, scenario: row!.scenario, initiatingDepartmentId: row!.initiatingDepartmentId, participatingDepartmentIds: participating, visibility: row!.visibility },
    });
    return row!;
  });
}
