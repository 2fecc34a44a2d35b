import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { departments, userDepartments, users } from '../schema/index.ts';
import type { Directory } from '../../imports/people-directory.ts';

/**
 * Everyone and every department a workbook may name: the organisation's active users with their
 * departments (those they head included) and its departments with their heads. Three queries whatever
 * the size of the organisation.
 */
export async function loadPeopleDirectory(db: DbOrTx, orgId: string): Promise<Directory> {
  const userRows = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.active, true)))
    .orderBy(asc(users.name), asc(users.id));
  const memberships = await db.select({ userId: userDepartments.userId, departmentId: userDepartments.departmentId }).from(userDepartments).where(eq(userDepartments.orgId, orgId));
  const departmentRows = await db
    .select({ id: departments.id, name: departments.name, headId: departments.headId })
    .from(departments)
    .where(eq(departments.orgId, orgId))
    .orderBy(asc(departments.createdAt), asc(departments.id));
  const ofUser = new Map<string, string[]>();
  const add = (userId: string, departmentId: string) => {
    const list = ofUser.get(userId) ?? [];
    if (!list.includes(departmentId)) ofUser.set(userId, [...list, departmentId]);
  };
  for (const m of memberships) add(m.userId, m.departmentId);
  for (const d of departmentRows) if (d.headId) add(d.headId, d.id);
  return {
    users: userRows.map((u) => ({ ...u, departmentIds: ofUser.get(u.id) ?? [] })),
    departments: departmentRows,
  };
}
