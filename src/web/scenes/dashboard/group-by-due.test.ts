import { describe, expect, it } from 'vitest';
import { endOfWeek, groupByDue } from './group-by-due.ts';

describe('groupByDue', () => {
  // 2024-07-10 is a Wednesday; its week ends on Sunday 2024-07-14.
  const today = '2024-07-10';

  it('ends the week on Sunday, also when today is Sunday', () => {
    expect(endOfWeek(today)).toBe('2024-07-14');
    expect(endOfWeek('2024-07-14')).toBe('2024-07-14');
    expect(endOfWeek('2024-07-15')).toBe('2024-07-21');
  });

  it('puts items due before today in overdue, today to Sunday in this week, the rest in later', () => {
    const items = ['2024-07-01', '2024-07-09', '2024-07-10', '2024-07-14', '2024-07-15', '2025-01-01'].map((dueDate) => ({ dueDate }));
    const groups = groupByDue(items, today);
    expect(groups.overdue.map((i) => i.dueDate)).toEqual(['2024-07-01', '2024-07-09']);
    expect(groups.thisWeek.map((i) => i.dueDate)).toEqual(['2024-07-10', '2024-07-14']);
    expect(groups.later.map((i) => i.dueDate)).toEqual(['2024-07-15', '2025-01-01']);
  });

  it('crosses month and year ends', () => {
    expect(endOfWeek('2024-12-30')).toBe('2025-01-05');
    expect(groupByDue([{ dueDate: '2025-01-05' }], '2024-12-30').thisWeek).toHaveLength(1);
  });
});
