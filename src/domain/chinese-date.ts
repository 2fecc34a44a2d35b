import {
  addDays,
  daysInMonth,
  localDate,
  makeCalendarDate,
  weekdayOf,
  type CalendarDate,
} from './calendar-date.ts';

/** A date read out of free text, with the words it came from, for the UI to show and the person to confirm. */
export type DateSuggestion = { date: CalendarDate; matched: string };

type Rule = {
  pattern: RegExp;
  resolve: (groups: (string | undefined)[], today: CalendarDate) => CalendarDate | null;
};

const CN_NUMERALS = '零〇一二两三四五六七八九十';
const NUM = `(\\d{1,2}|[${CN_NUMERALS}]{1,3})`;
const COUNT = `(\\d{1,3}|[${CN_NUMERALS}]{1,3})`;
const DAY_MARK = '[日号號]';
const WITHIN_OR_AFTER = '(?:之?后|以后|之?内|以内)';
const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const EN_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const DAY_WORD_OFFSETS: Record<string, number> = {
  今天: 0, 今日: 0, today: 0, 明天: 1, 明日: 1, tomorrow: 1, 后天: 2, 'day after tomorrow': 2, 大后天: 3,
};

const rules: Rule[] = [
  // 2024-07-15, 2024/7/15, 2024年7月15日
  {
    pattern: /(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*[日号號]?/g,
    resolve: ([y, m, d]) => makeCalendarDate(Number(y), Number(m), Number(d)),
  },
  // 今天, 明天, 后天, 大后天, tomorrow
  {
    pattern: /(大后天|后天|明天|明日|今天|今日|\bday\s+after\s+tomorrow\b|\btomorrow\b|\btoday\b)/gi,
    resolve: ([word], today) => {
      const key = (word ?? '').toLowerCase().replace(/\s+/g, ' ');
      const offset = DAY_WORD_OFFSETS[key];
      return offset === undefined ? null : addDays(today, offset);
    },
  },
  // 3天后, 三天内, 两周后, 一个星期内
  {
    pattern: new RegExp(`(?<![\\d.])${COUNT}\\s*个?\\s*(天|日|周|星期|礼拜)\\s*${WITHIN_OR_AFTER}`, 'g'),
    resolve: ([n, unit], today) => {
      const count = parseNumber(n);
      if (count === null) return null;
      return addDays(today, unit === '天' || unit === '日' ? count : count * 7);
    },
  },
  // in 3 days, within 2 weeks
  {
    pattern: /\b(?:in|within)\s+(\d{1,3})\s+(day|week)s?\b/gi,
    resolve: ([n, unit], today) => addDays(today, Number(n) * (unit?.toLowerCase() === 'week' ? 7 : 1)),
  },
  // 周五, 星期五, 本周三, 下周五, 下下周一
  {
    pattern: /(下下|下|本|这|上)?\s*个?\s*(?:周|星期|礼拜)\s*([一二三四五六日天1-7])/g,
    resolve: ([which, day], today) => {
      const weekday = CN_WEEKDAYS[day ?? ''] ?? Number(day);
      return weekdayIn(today, weekday, cnWeekShift(which));
    },
  },
  // friday, this friday, next friday
  {
    pattern: /\b(?:(next|this)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi,
    resolve: ([which, day], today) => {
      const weekday = EN_WEEKDAYS.indexOf((day ?? '').toLowerCase()) + 1;
      const shift = which === undefined ? 'upcoming' : which.toLowerCase() === 'next' ? 1 : 0;
      return weekdayIn(today, weekday, shift);
    },
  },
  // 7月底
  {
    pattern: new RegExp(`(?<!\\d)${NUM}\\s*月\\s*(?:底|末)`, 'g'),
    resolve: ([m], today) => rollToFuture(today, (year) => endOfMonth(year, parseNumber(m))),
  },
  // 月底, 本月底, 下个月底
  {
    pattern: /(上个?|下个?|本|这个?)?月\s*(?:底|末)/g,
    resolve: ([which], today) => {
      const { year, month } = yearMonthAfter(today, cnMonthShift(which));
      return endOfMonth(year, month);
    },
  },
  // 下个月5号, 本月20日
  {
    pattern: new RegExp(`(上个?|下个?|本|这个?)月\\s*${NUM}\\s*${DAY_MARK}`, 'g'),
    resolve: ([which, d], today) => {
      const { year, month } = yearMonthAfter(today, cnMonthShift(which));
      return makeCalendarDate(year, month, parseNumber(d) ?? 0);
    },
  },
  // 7月15日, 七月十五号
  {
    pattern: new RegExp(`(?<!\\d)${NUM}\\s*月\\s*${NUM}(?!\\d)\\s*${DAY_MARK}?`, 'g'),
    resolve: ([m, d], today) =>
      rollToFuture(today, (year) => makeCalendarDate(year, parseNumber(m) ?? 0, parseNumber(d) ?? 0)),
  },
  // 7.15, 7/15 — not 3.5天
  {
    pattern: /(?<![\d./])(\d{1,2})[./](\d{1,2})(?!\d|[./]\d|\s*[天日周个小])/g,
    resolve: ([m, d], today) => rollToFuture(today, (year) => makeCalendarDate(year, Number(m), Number(d))),
  },
  // 15号, 二十日
  {
    pattern: new RegExp(`(?<![\\d月年${CN_NUMERALS}])${NUM}\\s*${DAY_MARK}(?!\\s*${WITHIN_OR_AFTER})`, 'g'),
    resolve: ([d], today) => dayInComingMonths(today, parseNumber(d) ?? 0),
  },
];

/**
 * Reads a date out of what people type ("下周五", "7月15日", "3天内", "next friday") relative to
 * the local date of `now` in `tz`. It only suggests — the UI asks the person to confirm — and it
 * never turns a vague promise ("尽快", "本周内") into a date: then it answers null.
 */
export function suggestDate(text: string, now: Date, tz: string): DateSuggestion | null {
  const normalized = text.normalize('NFKC');
  const today = localDate(now, tz);
  let best: Found | null = null;
  for (const rule of rules) {
    const found = firstResolved(rule, normalized, today);
    if (found && (!best || readsBetter(found, best))) best = found;
  }
  return best && { date: best.date, matched: best.matched };
}

type Found = DateSuggestion & { index: number };

/** The expression written first wins; of two starting together, the longer ("下下周一" over "周一"). */
function readsBetter(candidate: Found, current: Found): boolean {
  if (candidate.index !== current.index) return candidate.index < current.index;
  return candidate.matched.length > current.matched.length;
}

function firstResolved(rule: Rule, text: string, today: CalendarDate): Found | null {
  for (const match of text.matchAll(rule.pattern)) {
    const date = rule.resolve(match.slice(1), today);
    if (date) return { date, matched: match[0].trim(), index: match.index };
  }
  return null;
}

/** Parses digits, or Chinese numerals up to 九十九 (三, 十五, 二十一, 两). */
function parseNumber(text: string | undefined): number | null {
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text);
  const tenAt = text.indexOf('十');
  if (tenAt === -1) return text.length === 1 ? (CN_DIGITS[text] ?? null) : null;
  const tens = tenAt === 0 ? 1 : CN_DIGITS[text.slice(0, tenAt)];
  const rest = text.slice(tenAt + 1);
  const ones = rest === '' ? 0 : CN_DIGITS[rest];
  if (tens === undefined || ones === undefined) return null;
  return tens * 10 + ones;
}

function cnWeekShift(which: string | undefined): number | 'upcoming' {
  if (which === undefined) return 'upcoming';
  if (which === '下下') return 2;
  if (which === '下') return 1;
  if (which === '上') return -1;
  return 0;
}

/** `weekday` in the ISO week `shift` weeks from today's, or its next occurrence from today on when 'upcoming'. */
function weekdayIn(today: CalendarDate, weekday: number, shift: number | 'upcoming'): CalendarDate | null {
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) return null;
  const current = weekdayOf(today);
  if (shift === 'upcoming') return addDays(today, (weekday - current + 7) % 7);
  return addDays(today, weekday - current + shift * 7);
}

function cnMonthShift(which: string | undefined): number {
  if (which?.startsWith('下')) return 1;
  if (which?.startsWith('上')) return -1;
  return 0;
}

function yearMonthAfter(today: CalendarDate, months: number): { year: number; month: number } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function endOfMonth(year: number, month: number | null): CalendarDate | null {
  if (month === null || month < 1 || month > 12) return null;
  return makeCalendarDate(year, month, daysInMonth(year, month));
}

/** The first year from today's on (within 4, for 2月29日) where `dateIn(year)` exists and is not past. */
function rollToFuture(today: CalendarDate, dateIn: (year: number) => CalendarDate | null): CalendarDate | null {
  const thisYear = Number(today.slice(0, 4));
  for (let year = thisYear; year <= thisYear + 4; year++) {
    const date = dateIn(year);
    if (date && date >= today) return date;
  }
  return null;
}

/** Day `day` of this month if not past, else of the next month that has it ("31号" skips 30-day months). */
function dayInComingMonths(today: CalendarDate, day: number): CalendarDate | null {
  for (let months = 0; months <= 2; months++) {
    const { year, month } = yearMonthAfter(today, months);
    const date = makeCalendarDate(year, month, day);
    if (date && date >= today) return date;
  }
  return null;
}
