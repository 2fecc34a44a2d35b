import type { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { collaborations } from '../db/schema/index.ts';
import type { patchCollaborationBody } from '../../shared/schemas/collaboration.ts';
import { findCollaborationWithFacts, setParticipatingDepartments } from '../db/queries/collaborations.ts';
import { activeUsersById, unknownDepartmentIds } from '../db/queries/organization.ts';
import { collaborationAbilities } from '../policies/collaboration.ts';
import { assertWritable } from '../policies/guard.ts';
import { AppError, invalidField } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { assertFreshVersion, nextVersion } from './version-check.ts';
import { searchTextUpdate } from '../search/search-text.ts';

type Input = z.infer<typeof patchCollaborationBody>;

/** Edits the header of the record (topic, goal, status, health, 整体进度, departments) with one audit event. */
export async function updateCollaboration(db: Db, actor: Actor, id: string, input: Input, now: Date) {
  return db.transaction(async (tx) => {
    const found = await findCollaborationWithFacts(tx, actor, id, true);
    const abilities = found ? collaborationAbilities(actor, found.facts) : null;
    assertWritable(Boolean(abilities?.read), Boolean(found?.facts.archived), Boolean(abilities?.update));
    const before = found!.row;
    const { participatingDepartmentIds, version, ...fields } = input;
    await assertFreshVersion(tx, { type: 'collaboration', id, version: before.version }, version);
    if (fields.status && fields.status !== before.status && before.status !== 'active' && fields.status !== 'active') {
      throw new AppError('CONFLICT', { messageKey: 'collaboration.statusTransition', params: { from: before.status, to: fields.status } });
    }
    if (fields.ownerId && !(await activeUsersById(tx, actor.orgId, [fields.ownerId])).length) throw invalidField('ownerId', 'owner.notPerson');
    const periodYear = fields.periodYear === undefined ? before.periodYear : fields.periodYear;
    const periodQuarter = fields.periodQuarter === undefined ? before.periodQuarter : fields.periodQuarter;
    if ((periodYear === null) !== (periodQuarter === null)) throw invalidField(periodYear === null ? 'periodYear' : 'periodQuarter', 'field.required');
    let participating = found!.participatingDepartmentIds;
    if (participatingDepartmentIds) {
      participating = [...new Set(participatingDepartmentIds)].filter((d) => d !== before.initiatingDepartmentId);
      if (!participating.length) throw invalidField('participatingDepartmentIds', 'collaboration.initiatorNotParticipant');
      if ((await unknownDepartmentIds(tx, actor.orgId, participating)).length) throw invalidField('participatingDepartmentIds', 'department.notFound');
      await setParticipatingDepartments(tx, actor.orgId, id, participating);
    }
    const completedAt = fields.status === undefined ? before.completedAt : fields.status === 'active' ? null : (before.completedAt ?? now);
    const [after] = await tx
      .update(collaborations)
      .set({ ...fields, ...searchTextUpdate('collaborations', before, fields), completedAt, updatedAt: now, version: nextVersion(collaborations.version) })
      .where(eq(collaborations.id, id))
      .returning();
    await recordAudit(tx, actor, now, {
      entityType: 'collaboration',
      entityId: id,
      collaborationId: id,
      action: fields.status && fields.status !== before.status ? `status_${fields.status}` : 'updated',
      before: { ...pick(before, Object.keys(fields)), participatingDepartmentIds: found!.participatingDepartmentIds },
      after: { ...pick(after!, Object.keys(fields)), participatingDepartmentIds: participating },
    });
    return after!;
  });
}

function pick(row: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}
