import type { ActionItemFilters } from '../../api/types.ts';
import { isValidCalendarDate } from '../../../domain/calendar-date.ts';

const STATUSES = ['open', 'todo', 'in_progress', 'blocked', 'done', 'cancelled'] as const;

/**
 * The action-item list's filters from the address bar — the links the dashboard's numbers point to
 * (ownerId=me&status=open&overdue=true …). Values the API would refuse are dropped.
 */
export function itemFiltersFromParams(params: URLSearchParams): ActionItemFilters {
  const filters: ActionItemFilters = {};
  const ownerId = params.get('ownerId');
  const status = params.get('status');
  const q = params.get('q')?.trim().slice(0, 100);
  if (ownerId === 'me') filters.ownerId = 'me';
  if (status && (STATUSES as readonly string[]).includes(status)) filters.status = status as (typeof STATUSES)[number];
  if (params.get('overdue') === 'true') filters.overdue = true;
  for (const key of ['dueBefore', 'dueAfter'] as const) {
    const value = params.get(key);
    if (value && isValidCalendarDate(value)) filters[key] = value;
  }
  if (q) filters.q = q;
  return filters;
}

export const ITEM_STATUSES = STATUSES;
