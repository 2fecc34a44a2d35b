import type { CollaborationFilters, CollaborationStatus, Health, Scenario } from '../../api/types.ts';

export const SCENARIOS: readonly Scenario[] = ['major_project', 'problem_solving', 'routine_alignment', 'urgent_task'];
export const HEALTHS: readonly Health[] = ['on_track', 'at_risk', 'off_track'];
export const LIST_STATUSES: readonly (CollaborationStatus | 'archived')[] = ['active', 'completed', 'cancelled', 'archived'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const oneOf = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

const intIn = (value: string | null, min: number, max: number): number | undefined => {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
};

/**
 * The list's filters as they live in the address bar (so a filtered list is a shareable link). A value
 * the API would refuse is dropped rather than sent, so a hand-edited link shows the list, not an error.
 */
export function filtersFromParams(params: URLSearchParams): CollaborationFilters {
  const filters: CollaborationFilters = {};
  const status = oneOf(LIST_STATUSES, params.get('status'));
  const scenario = oneOf(SCENARIOS, params.get('scenario'));
  const health = oneOf(HEALTHS, params.get('health'));
  const departmentId = params.get('departmentId');
  const year = intIn(params.get('year'), 2000, 2100);
  const quarter = intIn(params.get('quarter'), 1, 4);
  const q = params.get('q')?.trim().slice(0, 100);
  if (status) filters.status = status;
  if (scenario) filters.scenario = scenario;
  if (health) filters.health = health;
  if (departmentId && UUID.test(departmentId)) filters.departmentId = departmentId;
  if (year !== undefined) filters.year = year;
  if (quarter !== undefined) filters.quarter = quarter;
  if (q) filters.q = q;
  return filters;
}

/** The address-bar form of the filters, leaving out the empty ones. */
export function paramsFromFilters(filters: CollaborationFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  return params;
}
