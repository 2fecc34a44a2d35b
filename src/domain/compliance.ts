import type { CalendarDate } from './calendar-date.ts';

/** One open stretch of an action item and its signs of life, all as local calendar dates. */
export type OpenItemHistory = {
  /** The local date it was created: its first sign of life. */
  createdOn: CalendarDate;
  /** The local date it was closed (done or cancelled); null while open. The closing day itself is not an open day. */
  closedOn: CalendarDate | null;
  /** Local dates of its progress updates, any order. */
  updatedOn: CalendarDate[];
};

export type ComplianceDays = { openDays: number; compliantDays: number };

/**
 * Update-frequency compliance of one item within [from, to] (DESIGN §2 rule 6, "updated at least every
 * staleAfterDays days"), counted in open-item-days:
 *
 * - an **open day** is a calendar day D with from ≤ D ≤ to, createdOn ≤ D, and D < closedOn when closed;
 * - an open day is **compliant** when the item's latest sign of life on or before D — its creation or a
 *   progress update — lies at most `staleAfterDays` days before D (D − last ≤ staleAfterDays).
 *
 * With the default of 3, an item created on the 1st and never updated is compliant on the 1st to the 4th
 * and not from the 5th (the day the stale nudge goes out) until its next update. The compliance rate of a
 * set of items is Σ compliantDays / Σ openDays. Works on the gaps between signs of life, not day by day,
 * so a quarter of 100,000 items costs one pass over their updates.
 */
export function updateComplianceDays(item: OpenItemHistory, from: CalendarDate, to: CalendarDate, staleAfterDays: number): ComplianceDays {
  const created = dayNumber(item.createdOn);
  const first = Math.max(created, dayNumber(from));
  const last = Math.min(item.closedOn ? dayNumber(item.closedOn) - 1 : Infinity, dayNumber(to));
  if (last < first) return { openDays: 0, compliantDays: 0 };
  const openDays = last - first + 1;
  // Signs of life from the creation on, ascending and without repeats (updatedOn usually comes sorted).
  const events = [created];
  let sorted = true;
  for (const date of item.updatedOn) {
    const day = dayNumber(date);
    if (day <= created) continue;
    if (day < events[events.length - 1]!) sorted = false;
    events.push(day);
  }
  if (!sorted) events.sort((a, b) => a - b);
  let staleDays = 0;
  let previous = Number.NaN;
  for (let i = 0; i < events.length; i++) {
    if (events[i] === previous) continue;
    previous = events[i]!;
    let next = i + 1;
    while (next < events.length && events[next] === previous) next += 1;
    // Days after this sign of life and before the next one that are more than staleAfterDays from it.
    const start = Math.max(previous + staleAfterDays + 1, first);
    const end = Math.min(next < events.length ? events[next]! - 1 : last, last);
    if (end >= start) staleDays += end - start + 1;
  }
  return { openDays, compliantDays: openDays - staleDays };
}

const dayNumbers = new Map<string, number>();

/**
 * A calendar date as a whole number of days since 1970-01-01, for arithmetic over many items. Remembered:
 * a quarter's review converts the same few hundred dates tens of thousands of times.
 */
export function dayNumber(date: CalendarDate): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
    if (dayNumbers.size < 100_000) dayNumbers.set(date, day);
  }
  return day;
}
