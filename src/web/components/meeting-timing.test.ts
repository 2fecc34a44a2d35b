import { describe, expect, it } from 'vitest';
import { agendaState, canPublishYet, durationParts, publishState } from './meeting-timing.ts';

const meeting = {
  plannedStart: '2024-07-10T14:00:00+08:00',
  plannedEnd: '2024-07-10T16:00:00+08:00',
  agendaDeadline: '2024-07-09T14:00:00+08:00',
  publishDeadline: '2024-07-11T16:00:00+08:00',
  agendaSentAt: null,
  agendaSentLate: null,
  heldAt: null,
  endedAt: null,
  minutesStatus: 'draft' as const,
  publishedLate: null,
  isPublishOverdue: false,
  cancelled: false,
};
const at = (iso: string) => new Date(iso);

describe('rule 1: the agenda a day ahead', () => {
  it('is due until the deadline, late after it, missed once the meeting began', () => {
    expect(agendaState(meeting, at('2024-07-09T10:00:00+08:00'))).toEqual({ kind: 'due', deadline: meeting.agendaDeadline, leadDays: 1 });
    expect(agendaState(meeting, at('2024-07-09T15:00:00+08:00')).kind).toBe('late');
    expect(agendaState(meeting, at('2024-07-10T14:30:00+08:00')).kind).toBe('missed');
  });

  it('is sent, on time or late, once sent', () => {
    expect(agendaState({ ...meeting, agendaSentAt: '2024-07-08T09:00:00+08:00', agendaSentLate: false }, at('2024-07-12T00:00:00Z')).kind).toBe('sent');
    expect(agendaState({ ...meeting, agendaSentAt: '2024-07-09T20:00:00+08:00', agendaSentLate: true }, at('2024-07-12T00:00:00Z')).kind).toBe('sentLate');
  });
});

describe('rule 3: the record within 24 hours', () => {
  it('counts down from the end, and counts up once overdue', () => {
    expect(publishState(meeting, at('2024-07-10T15:00:00+08:00')).kind).toBe('notEnded');
    expect(publishState(meeting, at('2024-07-11T10:00:00+08:00'))).toEqual({ kind: 'open', deadline: meeting.publishDeadline, withinHours: 24, remainingMs: 6 * 3_600_000 });
    expect(publishState({ ...meeting, isPublishOverdue: true }, at('2024-07-11T18:30:00+08:00'))).toMatchObject({ kind: 'overdue', overdueMs: 2.5 * 3_600_000 });
  });

  it('counts from a meeting marked held early', () => {
    const held = { ...meeting, heldAt: '2024-07-10T14:00:00+08:00', endedAt: '2024-07-10T15:00:00+08:00', publishDeadline: '2024-07-11T15:00:00+08:00' };
    expect(publishState(held, at('2024-07-10T15:30:00+08:00'))).toMatchObject({ kind: 'open', withinHours: 24 });
    expect(canPublishYet(held, at('2024-07-10T15:30:00+08:00'))).toBe(true);
    expect(canPublishYet(meeting, at('2024-07-10T15:30:00+08:00'))).toBe(false);
  });

  it('says how it went once published', () => {
    expect(publishState({ ...meeting, minutesStatus: 'published', publishedLate: true }, at('2024-07-12T00:00:00Z')).kind).toBe('publishedLate');
  });

  it('splits a span into days, hours and minutes', () => {
    expect(durationParts((26 * 60 + 5) * 60_000)).toEqual({ days: 1, hours: 2, minutes: 5 });
    expect(durationParts(-5)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });
});
