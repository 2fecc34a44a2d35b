import { and, asc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { departments, userDepartments, users } from '../schema/index.ts';

export async function listDepartments(db: DbOrTx, orgId: string) {
  return db.select().from(departments).where(eq(departments.orgId, orgId)).orderBy(asc(departments.createdAt), asc(departments.id));
}

export async function findDepartment(db: DbOrTx, orgId: string, id: string) {
  const [row] = await db.select().from(departments).where(and(eq(departments.orgId, orgId), eq(departments.id, id)));
  return row ?? null;
}

/** Ids among `ids` that are not departments of the organisation. */
export async function unknownDepartmentIds(db: DbOrTx, orgId: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const found = await db.select({ id: departments.id }).from(departments).where(and(eq(departments.orgId, orgId), inArray(departments.id, ids)));
  const known = new Set(found.map((d) => d.id));
  return ids.filter((id) => !known.has(id));
}

export async function findUser(db: DbOrTx, orgId: string, id: string) {
  const [row] = await db.select().from(users).where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return row ?? null;
}

/** Active users of the organisation among `ids` (for owners, hosts, attendees, visibility lists). */
export async function activeUsersById(db: DbOrTx, orgId: string, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(users).where(and(eq(users.orgId, orgId), eq(users.active, true), inArray(users.id, ids)));
}

export async function departmentIdsOfUsers(db: DbOrTx, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (!userIds.length) return map;
  const rows = await db.select().from(userDepartments).where(inArray(userDepartments.userId, userIds));
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.departmentId]);
  return map;
}

/** People search for pickers: name or email contains `q` (Chinese substrings work), keyset-paged by name then id. */
export async function searchUsers(
  db: DbOrTx,
  orgId: string,
  params: { q?: string | undefined; departmentId?: string | undefined; includeInactive: boolean; limit: number; after?: { name: string; id: string } | undefined },
) {
  const pattern = params.q ? `%${params.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return db
    .select()
    .from(users)
    .where(
      and(
        eq(users.orgId, orgId),
        params.includeInactive ? undefined : eq(users.active, true),
        pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined,
        params.departmentId
          ? sql`EXISTS (SELECT 1 FROM user_departments ud WHERE ud.user_id = ${users.id} AND ud.department_id = ${params.departmentId}::uuid)`
          : undefined,
        params.after ? or(gt(users.name, params.after.name), and(eq(users.name, params.after.name), gt(users.id, params.after.id))) : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(params.limit + 1);
}
