import type { OrgSettings } from '../shared/org-settings.ts';

/** A calendar date 'YYYY-MM-DD' with no time zone attached: due dates, holidays, quarters. */
export type CalendarDate = string;

/** A reporting quarter, the unit of the archive (year → quarter → project) and of the review. */
export type YearQuarter = { year: number; quarter: 1 | 2 | 3 | 4 };

/** The parts of the organisation's settings that decide whether a date is a working day. */
export type WorkingCalendar = Pick<OrgSettings, 'workingDays' | 'holidays' | 'extraWorkdays'>;

const DAY_MS = 86_400_000;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_SHAPE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

type WallParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/**
 * True for an existing date written exactly 'YYYY-MM-DD' (2024-02-29 yes, 2023-02-29 no). Year 0000 does not
 * exist in the Gregorian calendar (1 BC is followed by AD 1) and the database refuses it.
 */
export function isValidCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = DATE_SHAPE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Number of days in a month (1..12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Builds 'YYYY-MM-DD' from numbers, or null when that day does not exist (e.g. 2月30日). */
export function makeCalendarDate(year: number, month: number, day: number): CalendarDate | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** The organisation-local calendar date of an instant — what a person in `tz` calls "today". */
export function localDate(instant: Date, tz: string): CalendarDate {
  const p = wallParts(instant.getTime(), tz);
  return `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** Minutes since local midnight of an instant in `tz`, for working-hours checks. */
export function localMinuteOfDay(instant: Date, tz: string): number {
  const p = wallParts(instant.getTime(), tz);
  return p.hour * 60 + p.minute;
}

/** The instant of local midnight starting `date` in `tz` (the first instant of the day if a DST gap skips midnight). */
export function startOfLocalDay(date: CalendarDate, tz: string): Date {
  return localDateTime(date, '00:00', tz);
}

/**
 * The instant a wall clock in `tz` shows `time` ('HH:mm') on `date`.
 * A time skipped by DST moves forward past the gap; a repeated time takes the earlier instant.
 */
export function localDateTime(date: CalendarDate, time: string, tz: string): Date {
  const { year, month, day } = splitDate(date);
  const timeMatch = TIME_SHAPE.exec(time);
  if (!timeMatch) throw new RangeError(`not a time HH:mm: ${time}`);
  const wallMs = Date.UTC(year, month - 1, day, Number(timeMatch[1]), Number(timeMatch[2]));
  const offsetBefore = offsetAt(wallMs - DAY_MS, tz);
  const offsetAfter = offsetAt(wallMs + DAY_MS, tz);
  const exact = [offsetBefore, offsetAfter]
    .map((offset) => wallMs - offset)
    .filter((candidate) => wallMs - candidate === offsetAt(candidate, tz));
  return new Date(exact.length > 0 ? Math.min(...exact) : wallMs - offsetBefore);
}

/** The date `n` days after (or before, when negative) `date`. */
export function addDays(date: CalendarDate, n: number): CalendarDate {
  const { year, month, day } = splitDate(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + n));
  return `${shifted.getUTCFullYear()}-${pad2(shifted.getUTCMonth() + 1)}-${pad2(shifted.getUTCDate())}`;
}

/** Whole calendar days from `b` to `a` (a − b): positive when `a` is later. */
export function diffDays(a: CalendarDate, b: CalendarDate): number {
  return Math.round((toUtcMs(a) - toUtcMs(b)) / DAY_MS);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: CalendarDate): number {
  return new Date(toUtcMs(date)).getUTCDay() || 7;
}

/** The calendar quarter a date falls in. */
export function quarterOf(date: CalendarDate): YearQuarter {
  const { year, month } = splitDate(date);
  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as YearQuarter['quarter'] };
}

/** Whether people work on `date`: 调休 make-up days first, then holidays, then the weekly pattern. */
export function isWorkingDay(date: CalendarDate, calendar: WorkingCalendar): boolean {
  if (calendar.extraWorkdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  return calendar.workingDays.includes(weekdayOf(date));
}

function splitDate(date: CalendarDate): { year: number; month: number; day: number } {
  if (!isValidCalendarDate(date)) throw new RangeError(`not a calendar date YYYY-MM-DD: ${date}`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function toUtcMs(date: CalendarDate): number {
  const { year, month, day } = splitDate(date);
  return Date.UTC(year, month - 1, day);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The wall-clock reading in `tz` at an instant (whole seconds) and how far it is ahead of UTC, in ms. */
export function wallClock(instant: Date, tz: string): WallParts & { offsetMs: number } {
  const wholeSecondMs = Math.floor(instant.getTime() / 1000) * 1000;
  const p = wallParts(wholeSecondMs, tz);
  return { ...p, offsetMs: Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - wholeSecondMs };
}

/** How far the wall clock in `tz` is ahead of UTC at an instant, in ms (Shanghai: +8 h). */
function offsetAt(epochMs: number, tz: string): number {
  const wholeSecondMs = Math.floor(epochMs / 1000) * 1000;
  const p = wallParts(wholeSecondMs, tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - wholeSecondMs;
}

function wallParts(epochMs: number, tz: string): WallParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(tz).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function formatterFor(tz: string): Intl.DateTimeFormat {
  const cached = formatters.get(tz);
  if (cached) return cached;
  const formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  formatters.set(tz, formatter);
  return formatter;
}
