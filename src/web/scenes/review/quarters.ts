import type { CalendarDate } from '../../../domain/calendar-date.ts';

/** A quarter as the API names it: 2024Q3. */
export type QuarterName = `${number}Q${1 | 2 | 3 | 4}`;

const PATTERN = /^(\d{4})Q([1-4])$/;

/** Reads 2024Q3 (also 2024-q3, as the API does); null when it is not a quarter. */
export function parseQuarterName(text: string | null | undefined): { year: number; quarter: number } | null {
  const match = PATTERN.exec((text ?? '').trim().toUpperCase().replace('-', ''));
  return match ? { year: Number(match[1]), quarter: Number(match[2]) } : null;
}

export function quarterName(year: number, quarter: number): QuarterName {
  return `${year}Q${quarter}` as QuarterName;
}

/** The quarter a calendar date falls in. */
export function quarterOfDate(date: CalendarDate): QuarterName {
  return quarterName(Number(date.slice(0, 4)), Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1);
}

/** The quarter `n` quarters before (negative: after) the given one. */
export function shiftQuarter(name: string, n: number): QuarterName {
  const q = parseQuarterName(name);
  if (!q) throw new Error(`not a quarter: ${name}`);
  const index = q.year * 4 + (q.quarter - 1) - n;
  return quarterName(Math.floor(index / 4), (index % 4) + 1);
}

/** The quarters a picker offers: the current one and the `count − 1` before it, newest first. */
export function recentQuarters(today: CalendarDate, count: number): QuarterName[] {
  const current = quarterOfDate(today);
  return Array.from({ length: count }, (_, i) => shiftQuarter(current, i));
}

/**
 * The quarter a review opens on: the one in the address bar, else the last finished quarter — reviews
 * are held after a quarter ends — unless the current quarter is the only sensible choice.
 */
export function defaultQuarter(param: string | null, today: CalendarDate): QuarterName {
  const chosen = parseQuarterName(param);
  if (chosen) return quarterName(chosen.year, chosen.quarter);
  return shiftQuarter(quarterOfDate(today), 1);
}
