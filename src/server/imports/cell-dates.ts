import { addDays, makeCalendarDate, startOfLocalDay, type CalendarDate } from '../../domain/calendar-date.ts';
import { suggestDate } from '../../domain/chinese-date.ts';
import { isVagueDate } from '../../domain/due-date.ts';
import type { CellValue } from './workbook-grid.ts';

/** A date read from a cell, or why not: empty, a vague promise (尽快, 月底前, 明天), or unreadable. */
export type DateReading = { ok: true; date: CalendarDate } | { ok: false; reason: 'required' | 'vague' | 'invalid' };

/** A wall-clock time 'HH:mm'. */
export type ClockTime = string;

/** A meeting time as written: 「2024年7月10日14:00-16:00」 gives the day and both times. */
export type TimeRangeReading =
  | { ok: true; date: CalendarDate; start: ClockTime | null; end: ClockTime | null }
  | { ok: false; reason: 'required' | 'vague' | 'invalid' };

const CN_NUMBER = '[零〇一二两三四五六七八九十]{1,3}';
const FULL_DATE = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*[日号號]?/;
const MONTH_DAY = new RegExp(`^(\\d{1,2}|${CN_NUMBER})\\s*(?:月|[-/.])\\s*(\\d{1,2}|${CN_NUMBER})\\s*[日号號]?`);
/** 「7月15日前」「7月15日之前」「截止7月15日」: the date is the same deadline. */
const DEADLINE_WORDS = /^(?:截止(?:到|至)?|截至|于|在)|(?:之前|以前|前|截止|为止|止)$/g;
const TIME = /(上午|中午|下午|晚上|am|pm)?\s*(\d{1,2})\s*(?:[:：点时])\s*(\d{2}|半)?\s*(am|pm)?/gi;
/** Excel counts days from 1899-12-30; serials in this range are years 1954–2119. */
const SERIAL_RANGE = [20_000, 80_000] as const;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * Reads a calendar date from a cell: a real Excel date, a serial number, or text such as 2024-07-15,
 * 2024/7/15, 2024年7月15日, 7月15日, 七月十五日, 7/15. A date written without its year takes the year
 * that puts it nearest to `reference` (the record's meeting day or period), so 「1月5日」 in a December
 * record is next January. Vague or relative words (尽快, 本周内, 月底前, 明天) are 'vague': an imported
 * record has no "today" to count from, and the template wants exact dates.
 */
export function readCalendarDate(value: CellValue, reference: CalendarDate): DateReading {
  if (value === null) return { ok: false, reason: 'required' };
  if (value instanceof Date) return dateOfExcelDate(value);
  if (typeof value === 'number') return dateOfSerial(value);
  if (typeof value === 'boolean') return { ok: false, reason: 'invalid' };
  const text = value.normalize('NFKC').trim().replace(DEADLINE_WORDS, '').trim();
  if (text === '') return { ok: false, reason: 'required' };
  const found = leadingDate(text, reference);
  if (found && isOnlyDate(text.slice(found.length))) return { ok: true, date: found.date };
  return { ok: false, reason: isVagueOrRelative(value, reference) ? 'vague' : 'invalid' };
}

/**
 * Reads a meeting's time: 「2024年7月10日14:00-16:00」, 「2024-07-10 14:00~16:00」, 「7月10日 下午2点-4点」,
 * or an Excel date-time (its time is the start). Either time may be missing; the caller decides.
 */
export function readTimeRange(value: CellValue, reference: CalendarDate): TimeRangeReading {
  if (value === null) return { ok: false, reason: 'required' };
  if (value instanceof Date) {
    const day = dateOfExcelDate(value);
    if (!day.ok) return day;
    const time = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
    return { ok: true, date: day.date, start: time === '00:00' ? null : time, end: null };
  }
  if (typeof value === 'number') {
    const day = dateOfSerial(value);
    return day.ok ? { ok: true, date: day.date, start: null, end: null } : day;
  }
  if (typeof value === 'boolean') return { ok: false, reason: 'invalid' };
  const text = value.normalize('NFKC').trim();
  if (text === '') return { ok: false, reason: 'required' };
  const found = leadingDate(text, reference);
  if (!found) return { ok: false, reason: isVagueOrRelative(value, reference) ? 'vague' : 'invalid' };
  const times = readTimes(text.slice(found.length));
  if (times === null) return { ok: false, reason: 'invalid' };
  return { ok: true, date: found.date, start: times[0] ?? null, end: times[1] ?? null };
}

/** A progress update's or remark's time: a day with an optional wall-clock time (null when only the day is written). */
export function readLocalDateTime(value: CellValue, reference: CalendarDate): { ok: true; date: CalendarDate; time: ClockTime | null } | { ok: false; reason: 'required' | 'vague' | 'invalid' } {
  const range = readTimeRange(value, reference);
  if (!range.ok) return range;
  if (range.end !== null) return { ok: false, reason: 'invalid' };
  return { ok: true, date: range.date, time: range.start };
}

/** The day an Excel date cell shows: exceljs hands dates over as UTC wall-clock values. */
function dateOfExcelDate(value: Date): DateReading {
  const date = makeCalendarDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  return date ? { ok: true, date } : { ok: false, reason: 'invalid' };
}

function dateOfSerial(value: number): DateReading {
  if (!Number.isFinite(value) || value < SERIAL_RANGE[0] || value > SERIAL_RANGE[1]) return { ok: false, reason: 'invalid' };
  return dateOfExcelDate(new Date(EXCEL_EPOCH_MS + Math.floor(value) * 86_400_000));
}

/** The date at the start of `text` and how many characters it took. */
function leadingDate(text: string, reference: CalendarDate): { date: CalendarDate; length: number } | null {
  const full = FULL_DATE.exec(text);
  if (full) {
    const date = makeCalendarDate(Number(full[1]), Number(full[2]), Number(full[3]));
    return date ? { date, length: full[0].length } : null;
  }
  const monthDay = MONTH_DAY.exec(text);
  if (!monthDay) return null;
  // suggestDate rolls a yearless date forward from "today"; starting half a year early gives the nearest year.
  const windowStart = startOfLocalDay(addDays(reference, -182), 'UTC');
  const suggestion = suggestDate(monthDay[0], windowStart, 'UTC');
  return suggestion ? { date: suggestion.date, length: monthDay[0].length } : null;
}

/** Nothing but a time or a weekday note may follow a due date (「2024-07-15 00:00」, 「7月15日(周一)」). */
function isOnlyDate(rest: string): boolean {
  const cleaned = rest
    .replace(/[(（]\s*(?:周|星期|礼拜)[一二三四五六日天]\s*[)）]/g, '')
    .replace(/(?:周|星期|礼拜)[一二三四五六日天]/g, '')
    .replace(/\d{1,2}:\d{2}(?::\d{2})?/g, '')
    .trim();
  return cleaned === '';
}

/** Times after the date: none, one start, or start and end joined by -, ~, 至, 到. */
function readTimes(rest: string): ClockTime[] | null {
  const cleaned = rest.replace(/[(（]?\s*(?:周|星期|礼拜)[一二三四五六日天]\s*[)）]?/g, '').trim();
  if (cleaned === '') return [];
  const times: ClockTime[] = [];
  let consumed = cleaned;
  let period: string | undefined;
  for (const match of cleaned.matchAll(TIME)) {
    const [, before, h, m, after] = match;
    period = (before ?? after ?? period)?.toLowerCase();
    let hour = Number(h);
    const minute = m === '半' ? 30 : Number(m ?? 0);
    if ((period === '下午' || period === '晚上' || period === 'pm') && hour < 12) hour += 12;
    if (period === 'am' && hour === 12) hour = 0;
    if (hour > 23 || minute > 59) return null;
    times.push(`${pad(hour)}:${pad(minute)}`);
    consumed = consumed.replace(match[0], '');
  }
  if (consumed.replace(/[-~〜—–至到]|\s/g, '') !== '' || times.length > 2) return null;
  return times;
}

function isVagueOrRelative(value: string, reference: CalendarDate): boolean {
  return isVagueDate(value) || suggestDate(value, startOfLocalDay(reference, 'UTC'), 'UTC') !== null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
