import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.ts';
import type { DbOrTx } from '../client.ts';
import { collaborationDepartments, collaborations } from '../schema/index.ts';
import { accessFactsSql, type CollaborationAccessFacts } from '../../policies/collaboration.ts';
import { presentableColumns } from './row-columns.ts';

export type CollaborationRow = Omit<typeof collaborations.$inferSelect, 'searchText'>;

const collaborationColumns = presentableColumns(collaborations);
export type CollaborationWithFacts = { row: CollaborationRow; facts: CollaborationAccessFacts; participatingDepartmentIds: string[] };

/**
 * The collaboration and what the caller is to it, in one round trip; null when it does not exist in the
 * caller's organisation. `id` may be a subquery (the collaboration of an item). Pass `forUpdate` inside a
 * command's transaction to serialize writers.
 */
export async function findCollaborationWithFacts(db: DbOrTx, actor: Actor, id: string | SQL, forUpdate = false): Promise<CollaborationWithFacts | null> {
  const facts = accessFactsSql(actor, sql`${collaborations}`);
  const query = db
    .select({
      row: collaborationColumns,
      isDepartmentMember: facts.isDepartmentMember,
      isMeetingPerson: facts.isMeetingPerson,
      isItemOwner: facts.isItemOwner,
      participating: sql<string[]>`ARRAY(SELECT cd.department_id FROM collaboration_departments cd WHERE cd.collaboration_id = ${collaborations.id} ORDER BY cd.department_id)`,
    })
    .from(collaborations)
    .where(and(typeof id === 'string' ? eq(collaborations.id, id) : sql`${collaborations.id} = ${id}`, eq(collaborations.orgId, actor.orgId)));
  const [result] = forUpdate ? await query.for('update', { of: collaborations }) : await query;
  if (!result) return null;
  return {
    row: result.row,
    participatingDepartmentIds: result.participating,
    facts: {
      visibility: result.row.visibility,
      creatorId: result.row.creatorId,
      ownerId: result.row.ownerId,
      initiatingDepartmentId: result.row.initiatingDepartmentId,
      archived: result.row.archivedAt !== null,
      isDepartmentMember: result.isDepartmentMember,
      isMeetingPerson: result.isMeetingPerson,
      isItemOwner: result.isItemOwner,
    },
  };
}

export async function setParticipatingDepartments(tx: DbOrTx, orgId: string, collaborationId: string, departmentIds: string[]) {
  await tx.delete(collaborationDepartments).where(eq(collaborationDepartments.collaborationId, collaborationId));
  if (departmentIds.length) {
    await tx.insert(collaborationDepartments).values([...new Set(departmentIds)].map((departmentId) => ({ orgId, collaborationId, departmentId })));
  }
}
