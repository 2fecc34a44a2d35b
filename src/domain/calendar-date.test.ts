import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysInMonth,
  diffDays,
  isValidCalendarDate,
  isWorkingDay,
  localDate,
  localDateTime,
  localMinuteOfDay,
  makeCalendarDate,
  quarterOf,
  startOfLocalDay,
  weekdayOf,
} from './calendar-date.ts';

const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';

describe('isValidCalendarDate', () => {
  it('accepts existing dates written YYYY-MM-DD, including leap days', () => {
    expect(isValidCalendarDate('2024-07-15')).toBe(true);
    expect(isValidCalendarDate('2024-02-29')).toBe(true);
    expect(isValidCalendarDate('2000-02-29')).toBe(true);
  });

  it('refuses days that do not exist', () => {
    expect(isValidCalendarDate('2024-02-30')).toBe(false);
    expect(isValidCalendarDate('2023-02-29')).toBe(false);
    expect(isValidCalendarDate('1900-02-29')).toBe(false);
    expect(isValidCalendarDate('0000-01-01')).toBe(false);
    expect(isValidCalendarDate('2024-04-31')).toBe(false);
    expect(isValidCalendarDate('2024-13-01')).toBe(false);
    expect(isValidCalendarDate('2024-00-10')).toBe(false);
  });

  it('refuses other shapes and non-strings', () => {
    for (const value of ['2024-7-15', '2024/07/15', ' 2024-07-15', '2024-07-15T00:00', '', 20240715, null, undefined]) {
      expect(isValidCalendarDate(value)).toBe(false);
    }
  });
});

describe('makeCalendarDate and daysInMonth', () => {
  it('pads numbers into a date and answers null for a day that does not exist', () => {
    expect(makeCalendarDate(2024, 7, 5)).toBe('2024-07-05');
    expect(makeCalendarDate(2024, 2, 30)).toBeNull();
    expect(makeCalendarDate(2024, 13, 1)).toBeNull();
  });

  it('knows month lengths in leap and common years', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 12)).toBe(31);
  });
});

describe('localDate', () => {
  it('switches to the next Shanghai date at local midnight, not UTC midnight', () => {
    expect(localDate(new Date('2024-07-15T15:59:59.999Z'), SHANGHAI)).toBe('2024-07-15');
    expect(localDate(new Date('2024-07-15T16:00:00.000Z'), SHANGHAI)).toBe('2024-07-16');
  });

  it('gives different dates for the same instant in different zones', () => {
    const instant = new Date('2024-07-15T02:00:00Z');
    expect(localDate(instant, SHANGHAI)).toBe('2024-07-15');
    expect(localDate(instant, NEW_YORK)).toBe('2024-07-14');
  });
});

describe('localMinuteOfDay', () => {
  it('counts minutes since local midnight', () => {
    expect(localMinuteOfDay(new Date('2024-07-15T01:30:00Z'), SHANGHAI)).toBe(9 * 60 + 30);
    expect(localMinuteOfDay(new Date('2024-07-15T16:00:00Z'), SHANGHAI)).toBe(0);
  });
});

describe('startOfLocalDay and localDateTime', () => {
  it('finds Shanghai midnight as 16:00 UTC of the day before', () => {
    expect(startOfLocalDay('2024-07-16', SHANGHAI).toISOString()).toBe('2024-07-15T16:00:00.000Z');
  });

  it('follows daylight saving time in New York', () => {
    expect(startOfLocalDay('2024-01-15', NEW_YORK).toISOString()).toBe('2024-01-15T05:00:00.000Z');
    expect(startOfLocalDay('2024-07-15', NEW_YORK).toISOString()).toBe('2024-07-15T04:00:00.000Z');
    expect(startOfLocalDay('2024-03-10', NEW_YORK).toISOString()).toBe('2024-03-10T05:00:00.000Z');
    expect(startOfLocalDay('2024-11-03', NEW_YORK).toISOString()).toBe('2024-11-03T04:00:00.000Z');
  });

  it('moves a wall time skipped by DST forward past the gap', () => {
    expect(localDateTime('2024-03-10', '02:30', NEW_YORK).toISOString()).toBe('2024-03-10T07:30:00.000Z');
  });

  it('takes the earlier instant of a wall time repeated by DST', () => {
    expect(localDateTime('2024-11-03', '01:30', NEW_YORK).toISOString()).toBe('2024-11-03T05:30:00.000Z');
  });

  it('starts a day whose midnight is skipped at its first instant', () => {
    expect(startOfLocalDay('2024-09-08', 'America/Santiago').toISOString()).toBe('2024-09-08T04:00:00.000Z');
  });

  it('round-trips with localDate', () => {
    const start = startOfLocalDay('2024-12-31', SHANGHAI);
    expect(localDate(start, SHANGHAI)).toBe('2024-12-31');
    expect(localDate(new Date(start.getTime() - 1), SHANGHAI)).toBe('2024-12-30');
  });

  it('refuses malformed input', () => {
    expect(() => startOfLocalDay('2024-02-30', SHANGHAI)).toThrow(RangeError);
    expect(() => localDateTime('2024-07-15', '9:30', SHANGHAI)).toThrow(RangeError);
  });
});

describe('addDays and diffDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-07-15', 0)).toBe('2024-07-15');
  });

  it('ignores DST: a calendar day is a day', () => {
    expect(addDays('2024-03-09', 1)).toBe('2024-03-10');
    expect(diffDays('2024-03-11', '2024-03-10')).toBe(1);
  });

  it('measures a − b in whole days', () => {
    expect(diffDays('2024-07-18', '2024-07-15')).toBe(3);
    expect(diffDays('2024-07-15', '2024-07-18')).toBe(-3);
    expect(diffDays('2025-01-01', '2024-01-01')).toBe(366);
  });
});

describe('weekdayOf and quarterOf', () => {
  it('numbers weekdays the ISO way, Monday 1 to Sunday 7', () => {
    expect(weekdayOf('2024-07-15')).toBe(1);
    expect(weekdayOf('2024-07-19')).toBe(5);
    expect(weekdayOf('2024-07-21')).toBe(7);
  });

  it('puts each month in its quarter', () => {
    expect(quarterOf('2024-01-01')).toEqual({ year: 2024, quarter: 1 });
    expect(quarterOf('2024-03-31')).toEqual({ year: 2024, quarter: 1 });
    expect(quarterOf('2024-07-01')).toEqual({ year: 2024, quarter: 3 });
    expect(quarterOf('2024-12-31')).toEqual({ year: 2024, quarter: 4 });
  });
});

describe('isWorkingDay', () => {
  const calendar = {
    workingDays: [1, 2, 3, 4, 5],
    holidays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07'],
    extraWorkdays: ['2024-10-12'],
  };

  it('follows the weekly pattern', () => {
    expect(isWorkingDay('2024-07-15', calendar)).toBe(true);
    expect(isWorkingDay('2024-07-20', calendar)).toBe(false);
  });

  it('excludes public holidays that fall on weekdays', () => {
    expect(isWorkingDay('2024-10-01', calendar)).toBe(false);
  });

  it('includes 调休 make-up days that fall on weekends', () => {
    expect(isWorkingDay('2024-10-12', calendar)).toBe(true);
  });

  it('honours a different working week', () => {
    expect(isWorkingDay('2024-07-20', { ...calendar, workingDays: [1, 2, 3, 4, 5, 6] })).toBe(true);
  });
});
