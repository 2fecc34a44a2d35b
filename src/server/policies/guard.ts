import { AppError, forbidden, notFound } from '../errors.ts';

/**
 * The order every write checks in: not visible → 404 (no existence leak), archived → 409 ARCHIVED,
 * visible but not allowed → 403.
 */
export function assertWritable(visible: boolean, archived: boolean, allowed: boolean): void {
  if (!visible) throw notFound();
  if (archived) throw new AppError('ARCHIVED');
  if (!allowed) throw forbidden();
}
