import { addDays, weekdayOf, type CalendarDate } from '../../../domain/calendar-date.ts';

export type DueGroups<T> = { overdue: T[]; thisWeek: T[]; later: T[] };

/** The last day (Sunday) of the ISO week `today` is in. */
export function endOfWeek(today: CalendarDate): CalendarDate {
  return addDays(today, 7 - weekdayOf(today));
}

/**
 * The dashboard's three groups of open items: overdue (due before today in the organisation's time
 * zone), due from today to Sunday, and later. Order within a group is kept (the API sorts by due date).
 */
export function groupByDue<T extends { dueDate: CalendarDate }>(items: T[], today: CalendarDate): DueGroups<T> {
  const sunday = endOfWeek(today);
  const groups: DueGroups<T> = { overdue: [], thisWeek: [], later: [] };
  for (const item of items) {
    if (item.dueDate < today) groups.overdue.push(item);
    else if (item.dueDate <= sunday) groups.thisWeek.push(item);
    else groups.later.push(item);
  }
  return groups;
}
