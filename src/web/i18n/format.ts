import { localDate, type CalendarDate } from '../../domain/calendar-date.ts';
import type { Locale } from './translate.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

const monthDay = (locale: Locale): Intl.DateTimeFormatOptions => ({ month: locale === 'en' ? 'short' : 'long', day: 'numeric' });

/**
 * A calendar date (`2024-07-15`, already in the organisation's time zone) for reading: "7月15日" /
 * "Jul 15", with the year only when it is not `currentYear`.
 */
export function formatCalendarDate(date: CalendarDate, locale: Locale, currentYear?: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utcNoon = new Date(Date.UTC(year, month - 1, day, 12));
  const withYear = currentYear === undefined || currentYear !== year;
  return formatter(locale, { ...monthDay(locale), ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' }).format(utcNoon);
}

/** An instant (ISO with offset) as the organisation's wall clock: "7月10日 14:00", the year when not `currentYear`. */
export function formatInstant(iso: string, locale: Locale, timeZone: string, currentYear?: number): string {
  const instant = new Date(iso);
  const year = Number(localDate(instant, timeZone).slice(0, 4));
  const withYear = currentYear === undefined || currentYear !== year;
  return formatter(locale, {
    ...monthDay(locale),
    ...(withYear ? { year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(instant);
}

/** Only the wall-clock time of an instant in the organisation's time zone: "14:00". */
export function formatTime(iso: string, locale: Locale, timeZone: string): string {
  return formatter(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}

/** A meeting's slot: "7月10日 14:00–16:00", or both full instants when it spans days. */
export function formatTimeRange(startIso: string, endIso: string, locale: Locale, timeZone: string, currentYear?: number): string {
  const sameDay = localDate(new Date(startIso), timeZone) === localDate(new Date(endIso), timeZone);
  const start = formatInstant(startIso, locale, timeZone, currentYear);
  return sameDay ? `${start}–${formatTime(endIso, locale, timeZone)}` : `${start} – ${formatInstant(endIso, locale, timeZone, currentYear)}`;
}
