import { localDateTime, wallClock } from '../../../domain/calendar-date.ts';

/** A reading of a clock without a zone: what a date-time picker shows and what a person means by "14:00". */
export type WallTime = { date: string; time: string };

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * The instant the organisation's clock shows `wall` — the picker's 14:00 means 14:00 in the
 * organisation's time zone, wherever the browser happens to be — as ISO 8601 with that zone's offset.
 */
export function wallTimeToInstant(wall: WallTime, timeZone: string): string {
  const instant = localDateTime(wall.date, wall.time, timeZone);
  const offsetMinutes = Math.round(wallClock(instant, timeZone).offsetMs / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${wall.date}T${wall.time}:00${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** What the organisation's clock shows at an instant, for putting a saved meeting back into the picker. */
export function instantToWallTime(iso: string, timeZone: string): WallTime {
  const p = wallClock(new Date(iso), timeZone);
  return { date: `${p.year}-${pad2(p.month)}-${pad2(p.day)}`, time: `${pad2(p.hour)}:${pad2(p.minute)}` };
}
