import { describe, expect, it } from 'vitest';
import { filtersFromParams, paramsFromFilters } from './list-filters.ts';

describe('collaboration list filters in the address bar', () => {
  it('reads the known filters', () => {
    const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    const params = new URLSearchParams(`status=active&health=at_risk&scenario=urgent_task&departmentId=${id}&year=2024&quarter=3&q=%20发布会%20`);
    expect(filtersFromParams(params)).toEqual({ status: 'active', health: 'at_risk', scenario: 'urgent_task', departmentId: id, year: 2024, quarter: 3, q: '发布会' });
  });

  it('drops values the API would refuse instead of sending them', () => {
    const params = new URLSearchParams('status=open&health=red&departmentId=42&year=99&quarter=5&q=');
    expect(filtersFromParams(params)).toEqual({});
  });

  it('writes only the filters that are set, and reads them back the same', () => {
    const filters = { health: 'at_risk' as const, year: 2024 };
    const params = paramsFromFilters(filters);
    expect(params.toString()).toBe('health=at_risk&year=2024');
    expect(filtersFromParams(params)).toEqual(filters);
  });
});
