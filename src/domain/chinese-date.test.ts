import { describe, expect, it } from 'vitest';
import { suggestDate } from './chinese-date.ts';

const SHANGHAI = 'Asia/Shanghai';
/** Wednesday 2024-07-10, 14:00 in Shanghai — the template's example meeting. */
const MEETING = new Date('2024-07-10T14:00:00+08:00');
const dateOf = (text: string, now = MEETING, tz = SHANGHAI) => suggestDate(text, now, tz)?.date ?? null;

describe('suggestDate: relative days', () => {
  it.each([
    ['今天', '2024-07-10'],
    ['明天', '2024-07-11'],
    ['明日', '2024-07-11'],
    ['后天', '2024-07-12'],
    ['大后天', '2024-07-13'],
    ['today', '2024-07-10'],
    ['Tomorrow', '2024-07-11'],
    ['the day after tomorrow', '2024-07-12'],
  ])('reads %s', (text, expected) => {
    expect(dateOf(text)).toBe(expected);
  });
});

describe('suggestDate: weekdays', () => {
  it.each([
    ['周五', '2024-07-12'],
    ['星期五', '2024-07-12'],
    ['礼拜五', '2024-07-12'],
    ['周三', '2024-07-10'],
    ['周一', '2024-07-15'],
    ['周日', '2024-07-14'],
    ['星期天', '2024-07-14'],
    ['本周三', '2024-07-10'],
    ['这周一', '2024-07-08'],
    ['下周五', '2024-07-19'],
    ['下个星期天', '2024-07-21'],
    ['下下周一', '2024-07-22'],
    ['上周五', '2024-07-05'],
    ['friday', '2024-07-12'],
    ['this friday', '2024-07-12'],
    ['next friday', '2024-07-19'],
    ['Next Monday', '2024-07-15'],
  ])('reads %s relative to Wednesday 2024-07-10', (text, expected) => {
    expect(dateOf(text)).toBe(expected);
  });
});

describe('suggestDate: month and day', () => {
  it.each([
    ['7月15日', '2024-07-15'],
    ['7月15号', '2024-07-15'],
    ['七月十五日', '2024-07-15'],
    ['2024年7月15日', '2024-07-15'],
    ['2025年1月3日', '2025-01-03'],
    ['7.15', '2024-07-15'],
    ['7/15', '2024-07-15'],
    ['15号', '2024-07-15'],
    ['二十号', '2024-07-20'],
    ['2024-07-15', '2024-07-15'],
    ['2024/7/15', '2024-07-15'],
    ['７月１５日', '2024-07-15'],
  ])('reads %s', (text, expected) => {
    expect(dateOf(text)).toBe(expected);
  });

  it('rolls a month-day already past this year to next year', () => {
    expect(dateOf('7月1日')).toBe('2025-07-01');
    expect(dateOf('3.8')).toBe('2025-03-08');
  });

  it('keeps today when the month-day is today', () => {
    expect(dateOf('7月10日')).toBe('2024-07-10');
  });

  it('keeps an explicit year even when past', () => {
    expect(dateOf('2023年7月15日')).toBe('2023-07-15');
  });

  it('rolls a day of month already past to next month, skipping months without that day', () => {
    expect(dateOf('5号')).toBe('2024-08-05');
    expect(dateOf('31号', new Date('2024-09-10T10:00:00+08:00'))).toBe('2024-10-31');
  });

  it('finds the next 2月29日 that exists', () => {
    expect(dateOf('2月29日', new Date('2023-03-01T10:00:00+08:00'))).toBe('2024-02-29');
  });

  it('answers null for days that do not exist', () => {
    expect(suggestDate('2月30日', MEETING, SHANGHAI)).toBeNull();
    expect(suggestDate('2024-02-30', MEETING, SHANGHAI)).toBeNull();
    expect(suggestDate('13月1日', MEETING, SHANGHAI)).toBeNull();
  });
});

describe('suggestDate: month ends and next month', () => {
  it.each([
    ['月底', '2024-07-31'],
    ['本月底', '2024-07-31'],
    ['这个月底', '2024-07-31'],
    ['下月底', '2024-08-31'],
    ['下个月底', '2024-08-31'],
    ['7月底', '2024-07-31'],
    ['6月底', '2025-06-30'],
    ['下个月5号', '2024-08-05'],
    ['下月5日', '2024-08-05'],
    ['本月20号', '2024-07-20'],
  ])('reads %s', (text, expected) => {
    expect(dateOf(text)).toBe(expected);
  });

  it('crosses into the next year', () => {
    const december = new Date('2024-12-30T10:00:00+08:00');
    expect(dateOf('下个月5号', december)).toBe('2025-01-05');
    expect(dateOf('下月底', december)).toBe('2025-01-31');
    expect(dateOf('1月3日', december)).toBe('2025-01-03');
    expect(dateOf('下周五', december)).toBe('2025-01-10');
  });

  it('knows February has 29 days in a leap year', () => {
    expect(dateOf('月底', new Date('2024-02-10T10:00:00+08:00'))).toBe('2024-02-29');
  });
});

describe('suggestDate: spans', () => {
  it.each([
    ['3天后', '2024-07-13'],
    ['3天内', '2024-07-13'],
    ['三天之内', '2024-07-13'],
    ['十天内', '2024-07-20'],
    ['两周后', '2024-07-24'],
    ['一个星期内', '2024-07-17'],
    ['in 3 days', '2024-07-13'],
    ['within 2 weeks', '2024-07-24'],
  ])('reads %s as its last day', (text, expected) => {
    expect(dateOf(text)).toBe(expected);
  });

  it('does not misread a decimal as a month-day', () => {
    expect(suggestDate('3.5天后', MEETING, SHANGHAI)).toBeNull();
  });
});

describe('suggestDate: what it refuses', () => {
  it.each(['尽快', '本周内', '下周', '近期', '待定', '随时', '马上', '稍后', 'ASAP', 'soon', 'TBD', 'next week', '', '   '])(
    'answers null for %j',
    (text) => {
      expect(suggestDate(text, MEETING, SHANGHAI)).toBeNull();
    },
  );
});

describe('suggestDate: matched text', () => {
  it('returns the words it read, taken from a sentence', () => {
    expect(suggestDate('下周五前完成初稿', MEETING, SHANGHAI)).toEqual({ date: '2024-07-19', matched: '下周五' });
    expect(suggestDate('截止时间:7月15日,交付3版设计稿', MEETING, SHANGHAI)).toEqual({
      date: '2024-07-15',
      matched: '7月15日',
    });
  });

  it('prefers the earliest expression, and the longest one starting there', () => {
    expect(suggestDate('大后天或者下周五', MEETING, SHANGHAI)).toEqual({ date: '2024-07-13', matched: '大后天' });
    expect(suggestDate('2024年7月15日', MEETING, SHANGHAI)?.matched).toBe('2024年7月15日');
    expect(suggestDate('下下周一', MEETING, SHANGHAI)?.matched).toBe('下下周一');
  });
});

describe('suggestDate: time zone', () => {
  it('counts from the local date of now in the organisation zone, not the process zone', () => {
    const instant = new Date('2024-07-10T18:00:00Z');
    expect(dateOf('明天', instant, 'Asia/Shanghai')).toBe('2024-07-12');
    expect(dateOf('明天', instant, 'America/New_York')).toBe('2024-07-11');
  });

  it('moves to the next day exactly at local midnight', () => {
    expect(dateOf('今天', new Date('2024-07-10T15:59:59.999Z'))).toBe('2024-07-10');
    expect(dateOf('今天', new Date('2024-07-10T16:00:00.000Z'))).toBe('2024-07-11');
  });
});
