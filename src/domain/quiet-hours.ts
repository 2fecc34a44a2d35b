import { addDays, localDate, localDateTime, localMinuteOfDay } from './calendar-date.ts';

/** A person's quiet hours, wall-clock 'HH:mm' in the organisation's time zone; may cross midnight (22:00–08:00). */
export type QuietHours = { start: string; end: string };

/**
 * When a push due at `at` may reach someone with these quiet hours: `at` itself outside them, else the
 * end of the quiet span (start inclusive, end exclusive). 23:30 with 22:00–08:00 waits until 08:00 the
 * next morning; 07:00 until 08:00 the same morning.
 */
export function afterQuietHours(at: Date, quiet: QuietHours | null | undefined, tz: string): Date {
  if (!quiet || quiet.start === quiet.end) return at;
  const minute = localMinuteOfDay(at, tz);
  const start = minuteOf(quiet.start);
  const end = minuteOf(quiet.end);
  const today = localDate(at, tz);
  if (start < end) return minute >= start && minute < end ? localDateTime(today, quiet.end, tz) : at;
  if (minute >= start) return localDateTime(addDays(today, 1), quiet.end, tz);
  if (minute < end) return localDateTime(today, quiet.end, tz);
  return at;
}

function minuteOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}
