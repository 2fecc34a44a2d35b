import type { OrgSettings } from '../shared/org-settings.ts';
import { addDays, isWorkingDay, localDate, localDateTime, localMinuteOfDay } from './calendar-date.ts';

/** The settings that decide when people may be messaged. */
export type WorkingHours = Pick<
  OrgSettings,
  'timeZone' | 'workingDays' | 'holidays' | 'extraWorkdays' | 'workdayStart' | 'workdayEnd'
>;

/** Far enough to cross any run of holidays; a calendar with no working day at all delivers at once. */
const MAX_DAYS_AHEAD = 366;

/**
 * When a reminder due at `at` should reach people: `at` itself inside working hours on a working day
 * (start inclusive, end exclusive), else the start of the next working day (03:00 → 09:30; Fri 19:00 → Mon 09:30).
 */
export function nextDeliveryTime(at: Date, settings: WorkingHours): Date {
  const tz = settings.timeZone;
  const today = localDate(at, tz);
  const minute = localMinuteOfDay(at, tz);
  if (isWorkingDay(today, settings)) {
    if (minute < minuteOf(settings.workdayStart)) return localDateTime(today, settings.workdayStart, tz);
    if (minute < minuteOf(settings.workdayEnd)) return at;
  }
  for (let ahead = 1; ahead <= MAX_DAYS_AHEAD; ahead++) {
    const day = addDays(today, ahead);
    if (isWorkingDay(day, settings)) return localDateTime(day, settings.workdayStart, tz);
  }
  return at;
}

/** Whether `at` falls inside working hours on a working day. */
export function isWithinWorkingHours(at: Date, settings: WorkingHours): boolean {
  return nextDeliveryTime(at, settings).getTime() === at.getTime();
}

function minuteOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}
