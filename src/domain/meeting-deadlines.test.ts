import { describe, expect, it } from 'vitest';
import { defaultOrgSettings } from '../shared/org-settings.ts';
import { fixedClock } from './clock.ts';
import {
  actionListDeadline,
  agendaDeadline,
  agendaReminderDue,
  isActionListLate,
  isActionListOverdue,
  isAgendaLate,
  isPublishLate,
  isPublishOverdue,
  isPublishReminderDue,
  meetingEnd,
  publishDeadline,
  publishReminderAt,
  type MeetingTimes,
} from './meeting-deadlines.ts';

const HOUR = 3_600_000;
const settings = defaultOrgSettings;
/** The template's example: 2024年7月10日14:00-16:00, Shanghai. */
const meeting: MeetingTimes = {
  plannedStart: new Date('2024-07-10T14:00:00+08:00'),
  plannedEnd: new Date('2024-07-10T16:00:00+08:00'),
};
const at = (iso: string) => new Date(iso);
const msAfter = (date: Date, ms: number) => new Date(date.getTime() + ms);

describe('agenda (rule 1: at least 1 day before)', () => {
  it('is due 24 hours before the planned start', () => {
    expect(agendaDeadline(meeting, settings).toISOString()).toBe(at('2024-07-09T14:00:00+08:00').toISOString());
  });

  it('is on time exactly at the deadline and late one millisecond after', () => {
    const deadline = agendaDeadline(meeting, settings);
    expect(isAgendaLate(meeting, settings, deadline)).toBe(false);
    expect(isAgendaLate(meeting, settings, msAfter(deadline, 1))).toBe(true);
  });

  it('follows agendaLeadDays', () => {
    const twoDays = { ...settings, agendaLeadDays: 2 };
    expect(agendaDeadline(meeting, twoDays).toISOString()).toBe(at('2024-07-08T14:00:00+08:00').toISOString());
    expect(isAgendaLate(meeting, twoDays, at('2024-07-09T09:00:00+08:00'))).toBe(true);
    expect(isAgendaLate(meeting, settings, at('2024-07-09T09:00:00+08:00'))).toBe(false);
  });

  it('reminds the host from a day before the deadline until the meeting starts', () => {
    const clock = fixedClock('2024-07-08T13:59:59.999+08:00');
    expect(agendaReminderDue(meeting, settings, clock.now())).toBe(false);
    clock.advance(1);
    expect(agendaReminderDue(meeting, settings, clock.now())).toBe(true);
    clock.set('2024-07-10T13:59:00+08:00');
    expect(agendaReminderDue(meeting, settings, clock.now())).toBe(true);
    clock.set('2024-07-10T14:00:00+08:00');
    expect(agendaReminderDue(meeting, settings, clock.now())).toBe(false);
  });

  it('does not remind once the agenda is sent or the meeting is held', () => {
    const now = at('2024-07-09T20:00:00+08:00');
    expect(agendaReminderDue({ ...meeting, agendaSentAt: at('2024-07-09T19:00:00+08:00') }, settings, now)).toBe(false);
    expect(agendaReminderDue({ ...meeting, heldAt: at('2024-07-09T19:00:00+08:00') }, settings, now)).toBe(false);
  });
});

describe('meeting end', () => {
  it('uses the recorded end, else the planned end', () => {
    expect(meetingEnd(meeting)).toEqual(meeting.plannedEnd);
    const overran = { ...meeting, endedAt: at('2024-07-10T16:45:00+08:00') };
    expect(meetingEnd(overran)).toEqual(overran.endedAt);
    expect(publishDeadline(overran, settings).toISOString()).toBe(at('2024-07-11T16:45:00+08:00').toISOString());
  });
});

describe('action list (rule 2: within 2 hours)', () => {
  it('is due 2 hours after the end, on time exactly then, late 1 ms later', () => {
    const deadline = actionListDeadline(meeting, settings);
    expect(deadline.toISOString()).toBe(at('2024-07-10T18:00:00+08:00').toISOString());
    expect(isActionListLate(meeting, settings, deadline)).toBe(false);
    expect(isActionListLate(meeting, settings, msAfter(deadline, 1))).toBe(true);
  });

  it('is overdue while not compiled after the deadline', () => {
    const deadline = actionListDeadline(meeting, settings);
    expect(isActionListOverdue(meeting, settings, deadline)).toBe(false);
    expect(isActionListOverdue(meeting, settings, msAfter(deadline, 1))).toBe(true);
    expect(isActionListOverdue({ ...meeting, actionListCompiledAt: deadline }, settings, msAfter(deadline, HOUR))).toBe(false);
  });

  it('follows actionListWithinHours', () => {
    const fourHours = { ...settings, actionListWithinHours: 4 };
    expect(isActionListLate(meeting, fourHours, at('2024-07-10T19:00:00+08:00'))).toBe(false);
    expect(isActionListLate(meeting, settings, at('2024-07-10T19:00:00+08:00'))).toBe(true);
  });
});

describe('publishing (rule 3: within 24 hours)', () => {
  it('is due exactly 24 hours after the end', () => {
    expect(publishDeadline(meeting, settings).toISOString()).toBe(at('2024-07-11T16:00:00+08:00').toISOString());
  });

  it('is not late exactly at 24 hours and late one millisecond later', () => {
    const clock = fixedClock(meeting.plannedEnd);
    clock.advance(24 * HOUR);
    expect(isPublishLate(meeting, settings, clock.now())).toBe(false);
    clock.advance(1);
    expect(isPublishLate(meeting, settings, clock.now())).toBe(true);
  });

  it('reminds at 20 hours while unpublished', () => {
    expect(publishReminderAt(meeting, settings).toISOString()).toBe(at('2024-07-11T12:00:00+08:00').toISOString());
    const clock = fixedClock(publishReminderAt(meeting, settings));
    clock.advance(-1);
    expect(isPublishReminderDue(meeting, settings, clock.now())).toBe(false);
    clock.advance(1);
    expect(isPublishReminderDue(meeting, settings, clock.now())).toBe(true);
    expect(isPublishReminderDue({ ...meeting, publishedAt: meeting.plannedEnd }, settings, clock.now())).toBe(false);
  });

  it('flags an unpublished record as overdue after the deadline', () => {
    const deadline = publishDeadline(meeting, settings);
    expect(isPublishOverdue(meeting, settings, deadline)).toBe(false);
    expect(isPublishOverdue(meeting, settings, msAfter(deadline, 1))).toBe(true);
    expect(isPublishOverdue({ ...meeting, publishedAt: msAfter(deadline, 5) }, settings, msAfter(deadline, 10))).toBe(false);
  });

  it('follows publishWithinHours and publishReminderAtHours', () => {
    const twoDays = { ...settings, publishWithinHours: 48, publishReminderAtHours: 40 };
    const thirtyHours = msAfter(meeting.plannedEnd, 30 * HOUR);
    expect(isPublishLate(meeting, settings, thirtyHours)).toBe(true);
    expect(isPublishLate(meeting, twoDays, thirtyHours)).toBe(false);
    expect(isPublishReminderDue(meeting, twoDays, thirtyHours)).toBe(false);
  });
});
