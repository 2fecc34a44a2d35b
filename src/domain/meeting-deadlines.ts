import type { OrgSettings } from '../shared/org-settings.ts';

/** The instants of a meeting the template's timing rules (§2 rules 1–3) depend on. */
export type MeetingTimes = {
  plannedStart: Date;
  plannedEnd: Date;
  heldAt?: Date | null;
  endedAt?: Date | null;
  agendaSentAt?: Date | null;
  publishedAt?: Date | null;
  actionListCompiledAt?: Date | null;
};

/** The thresholds these rules read from the organisation's settings. */
export type MeetingThresholds = Pick<
  OrgSettings,
  'agendaLeadDays' | 'actionListWithinHours' | 'publishWithinHours' | 'publishReminderAtHours'
>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How long before the agenda deadline the host starts being reminded to send it. */
export const AGENDA_REMINDER_WINDOW_MS = DAY_MS;

/** Latest moment to send the agenda: plannedStart − agendaLeadDays × 24 h (rule 1). */
export function agendaDeadline(meeting: MeetingTimes, settings: MeetingThresholds): Date {
  return new Date(meeting.plannedStart.getTime() - settings.agendaLeadDays * DAY_MS);
}

/** Whether an agenda sent at `sentAt` missed the deadline; exactly at the deadline is on time. */
export function isAgendaLate(meeting: MeetingTimes, settings: MeetingThresholds, sentAt: Date): boolean {
  return sentAt.getTime() > agendaDeadline(meeting, settings).getTime();
}

/** Whether to remind the host: agenda unsent, deadline within a day or passed, and the meeting not yet begun. */
export function agendaReminderDue(meeting: MeetingTimes, settings: MeetingThresholds, now: Date): boolean {
  if (meeting.agendaSentAt || meeting.heldAt) return false;
  if (now.getTime() >= meeting.plannedStart.getTime()) return false;
  return now.getTime() >= agendaDeadline(meeting, settings).getTime() - AGENDA_REMINDER_WINDOW_MS;
}

/** When the meeting ended: the recorded end, else the planned one. */
export function meetingEnd(meeting: MeetingTimes): Date {
  return meeting.endedAt ?? meeting.plannedEnd;
}

/** Latest moment for the recorder to compile the action list: end + actionListWithinHours (rule 2). */
export function actionListDeadline(meeting: MeetingTimes, settings: MeetingThresholds): Date {
  return hoursAfterEnd(meeting, settings.actionListWithinHours);
}

/** Whether an action list compiled at `compiledAt` missed its deadline; exactly at the deadline is on time. */
export function isActionListLate(meeting: MeetingTimes, settings: MeetingThresholds, compiledAt: Date): boolean {
  return compiledAt.getTime() > actionListDeadline(meeting, settings).getTime();
}

/** Whether the action list is still missing after its deadline, so the recorder is chased. */
export function isActionListOverdue(meeting: MeetingTimes, settings: MeetingThresholds, now: Date): boolean {
  return !meeting.actionListCompiledAt && now.getTime() > actionListDeadline(meeting, settings).getTime();
}

/** Latest moment to publish the record: end + publishWithinHours (rule 3). */
export function publishDeadline(meeting: MeetingTimes, settings: MeetingThresholds): Date {
  return hoursAfterEnd(meeting, settings.publishWithinHours);
}

/** When to remind the recorder that the record is still unpublished: end + publishReminderAtHours. */
export function publishReminderAt(meeting: MeetingTimes, settings: MeetingThresholds): Date {
  return hoursAfterEnd(meeting, settings.publishReminderAtHours);
}

/** Whether the publish reminder is due now: unpublished and the reminder time reached. */
export function isPublishReminderDue(meeting: MeetingTimes, settings: MeetingThresholds, now: Date): boolean {
  return !meeting.publishedAt && now.getTime() >= publishReminderAt(meeting, settings).getTime();
}

/** Whether publishing at `publishedAt` is recorded as late; exactly at the deadline is on time, 1 ms later is late. */
export function isPublishLate(meeting: MeetingTimes, settings: MeetingThresholds, publishedAt: Date): boolean {
  return publishedAt.getTime() > publishDeadline(meeting, settings).getTime();
}

/** Whether an unpublished record is already past its deadline, so it is flagged late. */
export function isPublishOverdue(meeting: MeetingTimes, settings: MeetingThresholds, now: Date): boolean {
  return !meeting.publishedAt && now.getTime() > publishDeadline(meeting, settings).getTime();
}

function hoursAfterEnd(meeting: MeetingTimes, hours: number): Date {
  return new Date(meetingEnd(meeting).getTime() + hours * HOUR_MS);
}
