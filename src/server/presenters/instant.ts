import { wallClock } from '../../domain/calendar-date.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as ISO 8601 with the organisation's offset (2024-07-10T14:00:00+08:00), as API.md shows them. */
export function formatInstant(date: Date | null | undefined, timeZone: string): string | null {
  if (!date) return null;
  const w = wallClock(date, timeZone);
  const offsetMinutes = Math.round(w.offsetMs / 60000);
  const abs = Math.abs(offsetMinutes);
  const offset = `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offset}`;
}
