import { describe, expect, it } from 'vitest';
import { defaultQuarter, parseQuarterName, quarterOfDate, recentQuarters, shiftQuarter } from './quarters.ts';

describe('quarters', () => {
  it('reads the API spelling and its variants', () => {
    expect(parseQuarterName('2024Q3')).toEqual({ year: 2024, quarter: 3 });
    expect(parseQuarterName('2024-q3')).toEqual({ year: 2024, quarter: 3 });
    expect(parseQuarterName('2024Q5')).toBeNull();
    expect(parseQuarterName(null)).toBeNull();
  });

  it('knows the quarter of a date and steps across years', () => {
    expect(quarterOfDate('2024-07-15')).toBe('2024Q3');
    expect(quarterOfDate('2024-12-31')).toBe('2024Q4');
    expect(shiftQuarter('2024Q1', 1)).toBe('2023Q4');
    expect(shiftQuarter('2023Q4', -1)).toBe('2024Q1');
    expect(shiftQuarter('2024Q3', 4)).toBe('2023Q3');
  });

  it('offers recent quarters newest first and opens on the last finished one', () => {
    expect(recentQuarters('2024-02-10', 3)).toEqual(['2024Q1', '2023Q4', '2023Q3']);
    expect(defaultQuarter(null, '2024-08-01')).toBe('2024Q2');
    expect(defaultQuarter('2024q3', '2025-01-01')).toBe('2024Q3');
    expect(defaultQuarter('junk', '2025-01-01')).toBe('2024Q4');
  });
});
