import { localDate, makeCalendarDate, quarterOf, daysInMonth, type CalendarDate, type YearQuarter } from './calendar-date.ts';

/** A quarter with its first and last calendar days (inclusive), for archive and review filters. */
export type QuarterRange = YearQuarter & { start: CalendarDate; end: CalendarDate };

/** What decides the archive period of a collaboration. */
export type PeriodSource = { explicit?: YearQuarter | null; firstMeetingStart?: Date | null; createdAt: Date };

/** The year/quarter a collaboration is filed under: as set, else its first meeting's local date, else its creation. */
export function collaborationPeriod(source: PeriodSource, tz: string): YearQuarter {
  if (source.explicit) return { year: source.explicit.year, quarter: source.explicit.quarter };
  return quarterOf(localDate(source.firstMeetingStart ?? source.createdAt, tz));
}

/** Reads '2024Q3' (also '2024-q3', ' 2024 Q3 ') as used by GET /review?quarter=; null when malformed. */
export function parseQuarter(text: string): QuarterRange | null {
  const match = /^\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const quarter = Number(match[2]) as YearQuarter['quarter'];
  const firstMonth = (quarter - 1) * 3 + 1;
  const start = makeCalendarDate(year, firstMonth, 1);
  const end = makeCalendarDate(year, firstMonth + 2, daysInMonth(year, firstMonth + 2));
  if (!start || !end) return null;
  return { year, quarter, start, end };
}

/** Writes a quarter the way the API and the archive name it: '2024Q3'. */
export function formatQuarter(period: YearQuarter): string {
  return `${period.year}Q${period.quarter}`;
}
