import type { MeetingRow } from '../db/queries/meetings.ts';

/**
 * What every meeting notification says about the meeting: when, where, which collaboration. Meetings
 * hold no sensitive content (that lives in topics and items), so this is safe for any channel.
 */
export function meetingNoticePayload(meeting: MeetingRow, collaborationTopic: string) {
  return {
    meetingId: meeting.id,
    collaborationId: meeting.collaborationId,
    collaborationTopic,
    title: meeting.title,
    plannedStart: meeting.plannedStart.toISOString(),
    plannedEnd: meeting.plannedEnd.toISOString(),
    mode: meeting.mode,
    location: meeting.location,
  };
}

/** Host, recorder and attendees: the people a meeting invitation goes to. */
export function meetingPeopleIds(meeting: Pick<MeetingRow, 'hostId' | 'recorderId'>, attendeeIds: string[]): string[] {
  return [...new Set([meeting.hostId, meeting.recorderId, ...attendeeIds])];
}
