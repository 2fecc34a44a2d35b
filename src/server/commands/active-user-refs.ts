import type { DbOrTx } from '../db/client.ts';
import { activeUsersById } from '../db/queries/organization.ts';
import { AppError, type FieldProblem } from '../errors.ts';

/** A user id given in a request, with the field path that named it. */
export type UserRef = { path: string; id: string };

/**
 * Refuses (400) every reference that is not an active user of the organisation — hosts, recorders,
 * attendees, feedback authors, visibility lists — naming each offending field, all in one answer.
 */
export async function assertActiveUsers(db: DbOrTx, orgId: string, refs: UserRef[]): Promise<void> {
  if (!refs.length) return;
  const active = new Set((await activeUsersById(db, orgId, [...new Set(refs.map((r) => r.id))])).map((u) => u.id));
  const fields: FieldProblem[] = refs.filter((r) => !active.has(r.id)).map((r) => ({ path: r.path, message: 'user.notActive' }));
  if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });
}

/** `ids` as references named `path[i]`. */
export const listRefs = (path: string, ids: string[]): UserRef[] => ids.map((id, i) => ({ path: `${path}[${i}]`, id }));
