import type { ArchiveFilters, ArchiveYear } from '../../api/archive.ts';
import type { Scenario } from '../../api/types.ts';
import { SCENARIOS } from '../collaborations/list-filters.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The archive browser's state in the address bar: what the server filters (department, scenario) and where in the tree one is (year, quarter). */
export type ArchiveView = { server: Pick<ArchiveFilters, 'departmentId' | 'scenario'>; year?: number; quarter?: number };

const intIn = (value: string | null, min: number, max: number): number | undefined => {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
};

/** Reads /archive?year=&quarter=&departmentId=&scenario=; values the API would refuse are dropped, so a hand-edited link still opens. */
export function archiveViewFromParams(params: URLSearchParams): ArchiveView {
  const departmentId = params.get('departmentId') ?? '';
  const scenario = params.get('scenario') ?? '';
  const year = intIn(params.get('year'), 2000, 2100);
  const quarter = year === undefined ? undefined : intIn(params.get('quarter'), 1, 4);
  return {
    server: {
      ...(UUID.test(departmentId) ? { departmentId } : {}),
      ...((SCENARIOS as readonly string[]).includes(scenario) ? { scenario: scenario as Scenario } : {}),
    },
    ...(year !== undefined ? { year } : {}),
    ...(quarter !== undefined ? { quarter } : {}),
  };
}

export function paramsFromArchiveView(view: ArchiveView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.year !== undefined) params.set('year', String(view.year));
  if (view.year !== undefined && view.quarter !== undefined) params.set('quarter', String(view.quarter));
  if (view.server.departmentId) params.set('departmentId', view.server.departmentId);
  if (view.server.scenario) params.set('scenario', view.server.scenario);
  return params;
}

/** The part of the tree a year (and quarter) selects; the whole tree when none is chosen. */
export function selectBranch(years: ArchiveYear[], year?: number, quarter?: number): ArchiveYear[] {
  if (year === undefined) return years;
  return years
    .filter((y) => y.year === year)
    .map((y) => {
      if (quarter === undefined) return y;
      const quarters = y.quarters.filter((q) => q.quarter === quarter);
      return { ...y, quarters, count: quarters.reduce((sum, q) => sum + q.count, 0) };
    })
    .filter((y) => y.quarters.length > 0);
}
