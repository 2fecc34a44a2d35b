import type { OrgSettings } from '../shared/org-settings.ts';
import { addDays, diffDays, localDate, type CalendarDate } from './calendar-date.ts';

/** The life cycle of an action item (行动项). */
export type ActionItemStatus = 'todo' | 'in_progress' | 'blocked' | 'done' | 'cancelled';

/** The fields of an action item its timing rules (§2 rules 5–7) depend on. */
export type TimedActionItem = {
  dueDate: CalendarDate;
  status: ActionItemStatus;
  createdAt: Date;
  lastUpdateAt?: Date | null;
};

/** The settings these rules read. */
export type ItemThresholds = Pick<
  OrgSettings,
  'timeZone' | 'updateBeforeDueDays' | 'staleAfterDays' | 'escalateAfterOverdueDays'
>;

const OPEN_STATUSES: readonly ActionItemStatus[] = ['todo', 'in_progress', 'blocked'];
const DAY_MS = 86_400_000;

/** Whether the item still needs work, so reminders, staleness and escalation apply to it. */
export function isOpen(status: ActionItemStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * Full local calendar days since the due date, whatever the status (0 on or before it):
 * due 2024-07-15 in Shanghai is 0 until 2024-07-16T00:00+08:00, then 1.
 */
export function daysOverdue(item: Pick<TimedActionItem, 'dueDate'>, now: Date, tz: string): number {
  return Math.max(0, diffDays(localDate(now, tz), item.dueDate));
}

/** Whether an open item is past its due date in the organisation's time zone. */
export function isOverdue(item: TimedActionItem, now: Date, tz: string): boolean {
  return isOpen(item.status) && daysOverdue(item, now, tz) > 0;
}

/** The day the owner is expected to post a progress update: dueDate − updateBeforeDueDays (D-1, rule 5). */
export function updateDueDate(item: Pick<TimedActionItem, 'dueDate'>, settings: Pick<ItemThresholds, 'updateBeforeDueDays'>): CalendarDate {
  return addDays(item.dueDate, -settings.updateBeforeDueDays);
}

/** Whether to remind the owner today: open, today is the update day, and nothing was posted today. */
export function isUpdateReminderDue(item: TimedActionItem, now: Date, settings: ItemThresholds): boolean {
  if (!isOpen(item.status)) return false;
  const today = localDate(now, settings.timeZone);
  if (today !== updateDueDate(item, settings)) return false;
  return localDate(lastActivityAt(item), settings.timeZone) !== today;
}

/** Whether an open item has gone staleAfterDays × 24 h without an update (rule 6). */
export function isStale(item: TimedActionItem, now: Date, settings: ItemThresholds): boolean {
  if (!isOpen(item.status)) return false;
  return now.getTime() - lastActivityAt(item).getTime() >= settings.staleAfterDays * DAY_MS;
}

/** Whether an open item is overdue long enough to escalate to the initiating department (rule 7). */
export function isEscalationDue(item: TimedActionItem, now: Date, settings: ItemThresholds): boolean {
  return isOpen(item.status) && daysOverdue(item, now, settings.timeZone) >= settings.escalateAfterOverdueDays;
}

/** The last sign of life of an item: its latest progress update, else its creation. */
export function lastActivityAt(item: Pick<TimedActionItem, 'createdAt' | 'lastUpdateAt'>): Date {
  return item.lastUpdateAt ?? item.createdAt;
}
