import { describe, expect, it } from 'vitest';
import { defaultOrgSettings } from '../shared/org-settings.ts';
import {
  daysOverdue,
  isEscalationDue,
  isOpen,
  isOverdue,
  isStale,
  isUpdateReminderDue,
  lastActivityAt,
  updateDueDate,
  type ActionItemStatus,
  type TimedActionItem,
} from './action-item-timing.ts';
import { fixedClock } from './clock.ts';

const HOUR = 3_600_000;
const SHANGHAI = 'Asia/Shanghai';
const settings = defaultOrgSettings;
/** 设计部完成发布会主视觉初稿, 截止时间 7月15日. */
const item: TimedActionItem = {
  dueDate: '2024-07-15',
  status: 'in_progress',
  createdAt: new Date('2024-07-10T17:00:00+08:00'),
};
const CLOSED: ActionItemStatus[] = ['done', 'cancelled'];

describe('isOpen', () => {
  it('treats todo, in_progress and blocked as open, done and cancelled as closed', () => {
    expect(['todo', 'in_progress', 'blocked'].every((s) => isOpen(s as ActionItemStatus))).toBe(true);
    expect(CLOSED.some(isOpen)).toBe(false);
  });
});

describe('daysOverdue', () => {
  it('is 0 through the whole due date in Shanghai and 1 from the next local midnight', () => {
    expect(daysOverdue(item, new Date('2024-07-15T23:59:59.999+08:00'), SHANGHAI)).toBe(0);
    expect(daysOverdue(item, new Date('2024-07-16T00:00:00+08:00'), SHANGHAI)).toBe(1);
  });

  it('is 0 before the due date', () => {
    expect(daysOverdue(item, new Date('2024-07-01T12:00:00+08:00'), SHANGHAI)).toBe(0);
  });

  it('counts exactly 3 days at Shanghai midnight whatever the process time zone', () => {
    const clock = fixedClock('2024-07-17T16:00:00Z');
    expect(daysOverdue(item, clock.now(), SHANGHAI)).toBe(3);
    clock.advance(-1);
    expect(daysOverdue(item, clock.now(), SHANGHAI)).toBe(2);
  });

  it('depends on the organisation time zone: the same instant is a different local date', () => {
    const instant = new Date('2024-07-16T02:00:00Z');
    expect(daysOverdue(item, instant, SHANGHAI)).toBe(1);
    expect(daysOverdue(item, instant, 'America/New_York')).toBe(0);
  });
});

describe('isOverdue', () => {
  it('is true for an open item after its due date only', () => {
    const after = new Date('2024-07-16T00:00:00+08:00');
    expect(isOverdue(item, new Date('2024-07-15T20:00:00+08:00'), SHANGHAI)).toBe(false);
    expect(isOverdue(item, after, SHANGHAI)).toBe(true);
    for (const status of CLOSED) expect(isOverdue({ ...item, status }, after, SHANGHAI)).toBe(false);
  });
});

describe('updateDueDate and isUpdateReminderDue (rule 5: update on D-1)', () => {
  it('puts the update day updateBeforeDueDays before the due date', () => {
    expect(updateDueDate(item, settings)).toBe('2024-07-14');
    expect(updateDueDate(item, { updateBeforeDueDays: 2 })).toBe('2024-07-13');
    expect(updateDueDate({ dueDate: '2024-03-01' }, settings)).toBe('2024-02-29');
  });

  it('is due through the whole local D-1 when no update was posted that day', () => {
    const stale = { ...item, lastUpdateAt: new Date('2024-07-13T20:00:00+08:00') };
    expect(isUpdateReminderDue(stale, new Date('2024-07-13T23:59:59.999+08:00'), settings)).toBe(false);
    expect(isUpdateReminderDue(stale, new Date('2024-07-14T00:00:00+08:00'), settings)).toBe(true);
    expect(isUpdateReminderDue(stale, new Date('2024-07-14T23:59:59.999+08:00'), settings)).toBe(true);
    expect(isUpdateReminderDue(stale, new Date('2024-07-15T00:00:00+08:00'), settings)).toBe(false);
  });

  it('is not due once the owner updated on D-1', () => {
    const updated = { ...item, lastUpdateAt: new Date('2024-07-14T08:00:00+08:00') };
    expect(isUpdateReminderDue(updated, new Date('2024-07-14T09:30:00+08:00'), settings)).toBe(false);
  });

  it('counts creation on D-1 as that day’s update', () => {
    const createdOnD1 = { ...item, createdAt: new Date('2024-07-14T08:00:00+08:00') };
    expect(isUpdateReminderDue(createdOnD1, new Date('2024-07-14T09:30:00+08:00'), settings)).toBe(false);
    expect(isUpdateReminderDue(item, new Date('2024-07-14T09:30:00+08:00'), settings)).toBe(true);
  });

  it('is not due for closed items', () => {
    for (const status of CLOSED) {
      expect(isUpdateReminderDue({ ...item, status }, new Date('2024-07-14T09:30:00+08:00'), settings)).toBe(false);
    }
  });

  it('follows updateBeforeDueDays and the organisation time zone', () => {
    const twoDays = { ...settings, updateBeforeDueDays: 2 };
    expect(isUpdateReminderDue(item, new Date('2024-07-13T09:30:00+08:00'), twoDays)).toBe(true);
    expect(isUpdateReminderDue(item, new Date('2024-07-13T09:30:00+08:00'), settings)).toBe(false);
    const newYork = { ...settings, timeZone: 'America/New_York' };
    const shanghaiD1MorningIsNewYorkD2Evening = new Date('2024-07-14T09:30:00+08:00');
    expect(isUpdateReminderDue(item, shanghaiD1MorningIsNewYorkD2Evening, newYork)).toBe(false);
  });
});

describe('isStale (rule 6: updated at least every 3 days)', () => {
  const updated = { ...item, lastUpdateAt: new Date('2024-07-11T10:00:00+08:00') };

  it('becomes stale exactly 3 × 24 h after the last update', () => {
    const clock = fixedClock(updated.lastUpdateAt);
    clock.advance(72 * HOUR - 1);
    expect(isStale(updated, clock.now(), settings)).toBe(false);
    clock.advance(1);
    expect(isStale(updated, clock.now(), settings)).toBe(true);
  });

  it('measures from creation when there was never an update', () => {
    expect(lastActivityAt(item)).toEqual(item.createdAt);
    expect(isStale(item, new Date(item.createdAt.getTime() + 72 * HOUR), settings)).toBe(true);
  });

  it('never nags about closed items', () => {
    const later = new Date('2024-08-01T10:00:00+08:00');
    for (const status of CLOSED) expect(isStale({ ...updated, status }, later, settings)).toBe(false);
  });

  it('follows staleAfterDays', () => {
    const now = new Date(updated.lastUpdateAt.getTime() + 96 * HOUR);
    expect(isStale(updated, now, settings)).toBe(true);
    expect(isStale(updated, now, { ...settings, staleAfterDays: 5 })).toBe(false);
  });
});

describe('isEscalationDue (rule 7: 3 days overdue)', () => {
  it('escalates exactly at Shanghai midnight starting the third overdue day', () => {
    const clock = fixedClock('2024-07-18T00:00:00+08:00');
    expect(isEscalationDue(item, clock.now(), settings)).toBe(true);
    clock.advance(-1);
    expect(isEscalationDue(item, clock.now(), settings)).toBe(false);
  });

  it('never escalates closed items', () => {
    const late = new Date('2024-07-25T10:00:00+08:00');
    for (const status of CLOSED) expect(isEscalationDue({ ...item, status }, late, settings)).toBe(false);
    expect(isEscalationDue({ ...item, status: 'blocked' }, late, settings)).toBe(true);
  });

  it('follows escalateAfterOverdueDays and the organisation time zone', () => {
    const now = new Date('2024-07-18T00:00:00+08:00');
    expect(isEscalationDue(item, now, { ...settings, escalateAfterOverdueDays: 5 })).toBe(false);
    expect(isEscalationDue(item, now, { ...settings, escalateAfterOverdueDays: 1 })).toBe(true);
    expect(isEscalationDue(item, now, { ...settings, timeZone: 'America/New_York' })).toBe(false);
  });
});
