import { describe, expect, it } from 'vitest';
import { collaborationPeriod, formatQuarter, parseQuarter } from './period.ts';

const SHANGHAI = 'Asia/Shanghai';

describe('collaborationPeriod', () => {
  it('uses the period set on the collaboration first', () => {
    const period = collaborationPeriod(
      { explicit: { year: 2024, quarter: 4 }, firstMeetingStart: new Date('2024-07-10T14:00:00+08:00'), createdAt: new Date('2024-07-01T00:00:00Z') },
      SHANGHAI,
    );
    expect(period).toEqual({ year: 2024, quarter: 4 });
  });

  it('otherwise files it under the quarter of its first meeting', () => {
    const period = collaborationPeriod(
      { firstMeetingStart: new Date('2024-07-10T14:00:00+08:00'), createdAt: new Date('2024-06-20T10:00:00+08:00') },
      SHANGHAI,
    );
    expect(period).toEqual({ year: 2024, quarter: 3 });
  });

  it('otherwise under the quarter it was created in', () => {
    expect(collaborationPeriod({ createdAt: new Date('2024-06-20T10:00:00+08:00') }, SHANGHAI)).toEqual({ year: 2024, quarter: 2 });
  });

  it('takes the local date in the organisation time zone at a quarter boundary', () => {
    const newYearInShanghai = { firstMeetingStart: new Date('2024-12-31T16:30:00Z'), createdAt: new Date('2024-12-01T00:00:00Z') };
    expect(collaborationPeriod(newYearInShanghai, SHANGHAI)).toEqual({ year: 2025, quarter: 1 });
    expect(collaborationPeriod(newYearInShanghai, 'UTC')).toEqual({ year: 2024, quarter: 4 });
  });
});

describe('parseQuarter', () => {
  it('reads 2024Q3 with its first and last days', () => {
    expect(parseQuarter('2024Q3')).toEqual({ year: 2024, quarter: 3, start: '2024-07-01', end: '2024-09-30' });
  });

  it('knows every quarter end', () => {
    expect(parseQuarter('2024Q1')?.end).toBe('2024-03-31');
    expect(parseQuarter('2024Q2')?.end).toBe('2024-06-30');
    expect(parseQuarter('2024Q4')).toMatchObject({ start: '2024-10-01', end: '2024-12-31' });
  });

  it('tolerates lowercase, a dash and surrounding spaces', () => {
    expect(parseQuarter(' 2024-q3 ')).toMatchObject({ year: 2024, quarter: 3 });
  });

  it('answers null for anything else', () => {
    for (const text of ['2024Q5', '2024Q0', '24Q3', 'Q3', '2024', '2024Q3x', '']) expect(parseQuarter(text)).toBeNull();
  });

  it('round-trips with formatQuarter', () => {
    expect(formatQuarter({ year: 2024, quarter: 3 })).toBe('2024Q3');
    expect(parseQuarter(formatQuarter({ year: 2025, quarter: 1 }))).toMatchObject({ year: 2025, quarter: 1 });
  });
});
