import { and, eq } from 'drizzle-orm';
import type { OrgSettings } from '../../shared/org-settings.ts';
import type { DbOrTx } from '../db/client.ts';
import { departments, organizations, userDepartments, users } from '../db/schema/index.ts';

export type Role = 'admin' | 'pmo' | 'member';

/** Who is calling: everything a policy needs to decide, loaded once per request. */
export type Actor = {
  userId: string;
  orgId: string;
  name: string;
  email: string;
  role: Role;
  departmentIds: string[];
  headOfDepartmentIds: string[];
  settings: OrgSettings;
  via: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
};

/** The actor for an active user, or null when the user is gone or deactivated. */
export async function loadActor(db: DbOrTx, userId: string, via: Actor['via']): Promise<Actor | null> {
  const [row] = await db
    .select({ user: users, settings: organizations.settings })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(and(eq(users.id, userId), eq(users.active, true)));
  if (!row) return null;
  const [memberships, headed] = await Promise.all([
    db.select({ id: userDepartments.departmentId }).from(userDepartments).where(eq(userDepartments.userId, userId)),
    db.select({ id: departments.id }).from(departments).where(and(eq(departments.orgId, row.user.orgId), eq(departments.headId, userId))),
  ]);
  return {
    userId,
    orgId: row.user.orgId,
    name: row.user.name,
    email: row.user.email,
    role: row.user.role,
    departmentIds: memberships.map((m) => m.id),
    headOfDepartmentIds: headed.map((d) => d.id),
    settings: row.settings,
    via,
  };
}
