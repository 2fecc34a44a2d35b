import type { Actor } from '../auth/actor.ts';
import type { MeetingListRow } from '../db/queries/meeting-list.ts';
import { agendaDeadline, isPublishOverdue, publishDeadline } from '../../domain/meeting-deadlines.ts';
import { formatInstant } from './instant.ts';

/** A meeting in a list (dashboard, calendar), with the deadlines that make it urgent. */
export function presentMeetingListItem(row: MeetingListRow, actor: Actor, now: Date) {
  const at = (d: Date | null) => formatInstant(d, actor.settings.timeZone);
  const times = { plannedStart: row.planned_start, plannedEnd: row.planned_end, heldAt: row.held_at, endedAt: row.ended_at, publishedAt: row.published_at };
  return {
    id: row.id,
    collaborationId: row.collaboration_id,
    collaborationTopic: row.collaboration_topic,
    kind: row.kind,
    title: row.title,
    plannedStart: at(row.planned_start),
    plannedEnd: at(row.planned_end),
    mode: row.mode,
    location: row.location,
    host: { id: row.host_id, name: row.host_name },
    recorder: { id: row.recorder_id, name: row.recorder_name },
    agendaSentAt: at(row.agenda_sent_at),
    agendaDeadline: at(agendaDeadline(times, actor.settings)),
    heldAt: at(row.held_at),
    endedAt: at(row.ended_at),
    minutesStatus: row.minutes_status,
    publishedAt: at(row.published_at),
    publishedLate: row.published_late,
    publishDeadline: at(publishDeadline(times, actor.settings)),
    isPublishOverdue: row.minutes_status === 'draft' && isPublishOverdue(times, actor.settings, now),
    cancelled: row.cancelled_at !== null,
  };
}
