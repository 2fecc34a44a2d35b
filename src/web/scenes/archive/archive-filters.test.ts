import { describe, expect, it } from 'vitest';
import type { ArchiveYear } from '../../api/archive.ts';
import { archiveViewFromParams, paramsFromArchiveView, selectBranch } from './archive-filters.ts';

const DEPT = '0b6f3c4e-1d2a-4b5c-8d9e-0f1a2b3c4d5e';

describe('archive view in the address bar', () => {
  it('reads year, quarter, department and scenario, and writes them back', () => {
    const view = archiveViewFromParams(new URLSearchParams(`year=2024&quarter=3&departmentId=${DEPT}&scenario=major_project`));
    expect(view).toEqual({ year: 2024, quarter: 3, server: { departmentId: DEPT, scenario: 'major_project' } });
    expect(paramsFromArchiveView(view).toString()).toBe(`year=2024&quarter=3&departmentId=${DEPT}&scenario=major_project`);
  });

  it('drops what the API would refuse, and a quarter without its year', () => {
    expect(archiveViewFromParams(new URLSearchParams('year=24&quarter=5&departmentId=x&scenario=party'))).toEqual({ server: {} });
    expect(archiveViewFromParams(new URLSearchParams('quarter=2'))).toEqual({ server: {} });
  });
});

describe('selectBranch', () => {
  const project = (id: string) => ({ id }) as ArchiveYear['quarters'][number]['collaborations'][number];
  const years: ArchiveYear[] = [
    { year: 2024, count: 3, quarters: [{ quarter: 3, period: '2024Q3', count: 2, collaborations: [project('a'), project('b')] }, { quarter: 1, period: '2024Q1', count: 1, collaborations: [project('c')] }] },
    { year: 2023, count: 1, quarters: [{ quarter: 4, period: '2023Q4', count: 1, collaborations: [project('d')] }] },
  ];

  it('keeps the whole tree, a year, or one quarter with the year counted again', () => {
    expect(selectBranch(years)).toBe(years);
    expect(selectBranch(years, 2023).map((y) => y.year)).toEqual([2023]);
    expect(selectBranch(years, 2024, 1)).toEqual([{ year: 2024, count: 1, quarters: [years[0]!.quarters[1]] }]);
    expect(selectBranch(years, 2024, 2)).toEqual([]);
  });
});
