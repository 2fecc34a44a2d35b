import { addDays, diffDays, type CalendarDate } from './calendar-date.ts';

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
  const first = item.createdOn > from ? item.createdOn : from;
  const lastOpen = item.closedOn ? addDays(item.closedOn, -1) : to;
  const last = lastOpen < to ? lastOpen : to;
  if (last < first) return { openDays: 0, compliantDays: 0 };
  const openDays = diffDays(last, first) + 1;
  const events = [...new Set([item.createdOn, ...item.updatedOn.filter((d) => d >= item.createdOn)])].sort();
  let staleDays = 0;
  for (let i = 0; i < events.length; i++) {
    // Days after this sign of life and before the next one that are more than staleAfterDays from it.
    const staleFrom = addDays(events[i]!, staleAfterDays + 1);
    const next = events[i + 1];
    const staleTo = next ? addDays(next, -1) : last;
    const start = staleFrom > first ? staleFrom : first;
    const end = staleTo < last ? staleTo : last;
    if (end >= start) staleDays += diffDays(end, start) + 1;
  }
  return { openDays, compliantDays: openDays - staleDays };
}
