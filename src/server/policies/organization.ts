import type { Actor } from '../auth/actor.ts';
import { forbidden } from '../errors.ts';

/** Departments, users and settings are the admins' to change; everyone in the organisation reads names for pickers. */
export function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw forbidden();
}
