import { describe, expect, it } from 'vitest';
import { defaultOrgSettings } from '../shared/org-settings.ts';
import { isWithinWorkingHours, nextDeliveryTime } from './working-hours.ts';

const settings = defaultOrgSettings;
const nationalDay = {
  ...settings,
  holidays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07'],
  extraWorkdays: ['2024-09-29', '2024-10-12'],
};
const deliver = (iso: string, s = settings) => nextDeliveryTime(new Date(iso), s).toISOString();
const iso = (text: string) => new Date(text).toISOString();

describe('nextDeliveryTime', () => {
  it('delivers at once inside working hours on a working day', () => {
    expect(deliver('2024-07-15T10:00:00+08:00')).toBe(iso('2024-07-15T10:00:00+08:00'));
  });

  it('holds a reminder due before work starts until 09:30 the same day', () => {
    expect(deliver('2024-07-15T03:00:00+08:00')).toBe(iso('2024-07-15T09:30:00+08:00'));
  });

  it('includes the start of the working day and excludes its end', () => {
    expect(deliver('2024-07-15T09:30:00+08:00')).toBe(iso('2024-07-15T09:30:00+08:00'));
    expect(deliver('2024-07-15T17:59:59.999+08:00')).toBe(iso('2024-07-15T17:59:59.999+08:00'));
    expect(deliver('2024-07-15T18:00:00+08:00')).toBe(iso('2024-07-16T09:30:00+08:00'));
  });

  it('moves Friday evening and the weekend to Monday 09:30', () => {
    expect(deliver('2024-07-19T19:00:00+08:00')).toBe(iso('2024-07-22T09:30:00+08:00'));
    expect(deliver('2024-07-20T10:00:00+08:00')).toBe(iso('2024-07-22T09:30:00+08:00'));
  });

  it('skips public holidays', () => {
    expect(deliver('2024-09-30T19:00:00+08:00', nationalDay)).toBe(iso('2024-10-08T09:30:00+08:00'));
    expect(deliver('2024-10-01T10:00:00+08:00', nationalDay)).toBe(iso('2024-10-08T09:30:00+08:00'));
  });

  it('delivers on 调休 make-up days even when they fall on a weekend', () => {
    expect(deliver('2024-09-27T19:00:00+08:00', nationalDay)).toBe(iso('2024-09-29T09:30:00+08:00'));
    expect(deliver('2024-10-12T10:00:00+08:00', nationalDay)).toBe(iso('2024-10-12T10:00:00+08:00'));
  });

  it('reads working hours in the organisation time zone, not the process one', () => {
    const newYork = { ...settings, timeZone: 'America/New_York' };
    expect(deliver('2024-07-15T10:00:00+08:00', newYork)).toBe(iso('2024-07-15T09:30:00-04:00'));
  });

  it('follows changed working hours and working days', () => {
    const early = { ...settings, workdayStart: '08:00', workdayEnd: '12:00' };
    expect(deliver('2024-07-15T07:00:00+08:00', early)).toBe(iso('2024-07-15T08:00:00+08:00'));
    expect(deliver('2024-07-15T13:00:00+08:00', early)).toBe(iso('2024-07-16T08:00:00+08:00'));
    const sixDays = { ...settings, workingDays: [1, 2, 3, 4, 5, 6] };
    expect(deliver('2024-07-19T19:00:00+08:00', sixDays)).toBe(iso('2024-07-20T09:30:00+08:00'));
  });
});

describe('isWithinWorkingHours', () => {
  it('tells whether a message may go out now', () => {
    expect(isWithinWorkingHours(new Date('2024-07-15T10:00:00+08:00'), settings)).toBe(true);
    expect(isWithinWorkingHours(new Date('2024-07-20T10:00:00+08:00'), settings)).toBe(false);
  });
});
