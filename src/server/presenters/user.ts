import type { users } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { formatInstant } from './instant.ts';

type UserRow = typeof users.$inferSelect;

/** A user as colleagues see them in pickers: no password hash, no preferences. */
export function presentUser(row: UserRow, departmentIds: string[], timeZone: string) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    role: row.role,
    active: row.active,
    departmentIds,
    createdAt: formatInstant(row.createdAt, timeZone),
  };
}

/** The signed-in user, with what the UI needs to hide what they may not do. */
export function presentMe(actor: Actor) {
  return {
    id: actor.userId,
    orgId: actor.orgId,
    name: actor.name,
    email: actor.email,
    role: actor.role,
    departmentIds: actor.departmentIds,
    headOfDepartmentIds: actor.headOfDepartmentIds,
    timeZone: actor.settings.timeZone,
  };
}

export function globalAbilities(actor: Actor) {
  const isAdmin = actor.role === 'admin';
  return {
    manageOrganization: isAdmin,
    manageUsers: isAdmin,
    manageSettings: isAdmin,
    createCollaboration: true,
    readAllRecords: isAdmin || actor.role === 'pmo',
    runReview: isAdmin || actor.role === 'pmo' || actor.headOfDepartmentIds.length > 0,
  };
}
