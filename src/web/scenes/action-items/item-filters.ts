import type { ActionItemFilters } from '../../api/types.ts';
import { isValidCalendarDate } from '../../../domain/calendar-date.ts';

const STATUSES = ['open', 'todo', 'in_progress', 'blocked', 'done', 'cancelled'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How the items are laid out: a table (or cards on a phone), or the board of status columns. */
export type ItemView = 'list' | 'board';

/**
 * The action-item list's filters from the address bar — the links the dashboard's numbers point to
 * (ownerId=me&status=open&overdue=true …), and any filter someone shares. Values the API would refuse
 * are dropped.
 */
export function itemFiltersFromParams(params: URLSearchParams): ActionItemFilters {
  const filters: ActionItemFilters = {};
  const ownerId = params.get('ownerId');
  const collaborationId = params.get('collaborationId');
  const status = params.get('status');
  const q = params.get('q')?.trim().slice(0, 100);
  if (ownerId === 'me' || (ownerId && UUID.test(ownerId))) filters.ownerId = ownerId;
  if (collaborationId && UUID.test(collaborationId)) filters.collaborationId = collaborationId;
  if (status && (STATUSES as readonly string[]).includes(status)) filters.status = status as (typeof STATUSES)[number];
  if (params.get('overdue') === 'true') filters.overdue = true;
  for (const key of ['dueBefore', 'dueAfter'] as const) {
    const value = params.get(key);
    if (value && isValidCalendarDate(value)) filters[key] = value;
  }
  if (q) filters.q = q;
  return filters;
}

/** `?view=board` shows the board; anything else the list. */
export function itemViewFromParams(params: URLSearchParams): ItemView {
  return params.get('view') === 'board' ? 'board' : 'list';
}

/** The filters the board applies to each column: all but the status, which the columns are. */
export function boardFilters(filters: ActionItemFilters): ActionItemFilters {
  const { status: _status, ...rest } = filters;
  return rest;
}

export const ITEM_STATUSES = STATUSES;
