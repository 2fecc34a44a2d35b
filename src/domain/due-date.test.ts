import { describe, expect, it } from 'vitest';
import { isVagueDate, parseDueDate } from './due-date.ts';

describe('parseDueDate', () => {
  it('accepts an existing calendar date YYYY-MM-DD', () => {
    expect(parseDueDate('2024-07-15')).toEqual({ ok: true, date: '2024-07-15' });
    expect(parseDueDate('2024-02-29')).toEqual({ ok: true, date: '2024-02-29' });
  });

  it('ignores surrounding whitespace', () => {
    expect(parseDueDate('  2024-07-15\n')).toEqual({ ok: true, date: '2024-07-15' });
  });

  it('answers required when nothing was given', () => {
    for (const input of [undefined, null, '', '   ']) {
      expect(parseDueDate(input)).toEqual({ ok: false, reason: 'required' });
    }
  });

  it('answers invalid for a date that does not exist', () => {
    expect(parseDueDate('2024-02-30')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseDueDate('2023-02-29')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseDueDate('2024-13-01')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('answers invalid for other shapes, timestamps and non-strings', () => {
    for (const input of ['2024/07/15', '2024-7-15', '7月15日', '2024-07-15T18:00:00+08:00', 'banana', 20240715, new Date(), {}]) {
      expect(parseDueDate(input)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it.each([
    '尽快', '本周内', '下周', '月底前', '近期', '待定', '随时', '马上', '稍后', '尽快完成', '下周五之前',
    'ASAP', 'asap', 'A.S.A.P.', 'soon', 'TBD', 'tbc', 'later', 'this week', 'Next  Week', 'EOW', 'eom',
    'end of month', ' 尽 快 ', 'ＡＳＡＰ', 'finish asap please',
  ])('answers vague for %j', (input) => {
    expect(parseDueDate(input)).toEqual({ ok: false, reason: 'vague' });
  });
});

describe('isVagueDate', () => {
  it('finds vague words embedded in a sentence', () => {
    expect(isVagueDate('请研发部尽快完成样品交付')).toBe(true);
    expect(isVagueDate('Deliver it next week')).toBe(true);
  });

  it('does not flag exact dates or words that merely contain an English term', () => {
    expect(isVagueDate('2024-07-15')).toBe(false);
    expect(isVagueDate('7月15日')).toBe(false);
    expect(isVagueDate('meow')).toBe(false);
    expect(isVagueDate('bishop')).toBe(false);
    expect(isVagueDate('translater')).toBe(false);
  });
});
