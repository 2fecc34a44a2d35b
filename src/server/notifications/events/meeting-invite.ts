import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { collaborations, meetings } from '../../db/schema/index.ts';
import { meetingAttendeeIds, peopleById } from '../../db/queries/meetings.ts';
import { meetingInviteIcs } from '../../exports/ics.ts';
import { collaborationLink, say, type EmailAttachment, type RenderContext } from '../message.ts';

/**
 * The meeting's calendar invitation as it stands when the e-mail leaves: same UID every time, SEQUENCE
 * from the meeting, METHOD:CANCEL once cancelled — so a calendar replaces an older copy rather than
 * adding a second one, whichever e-mail arrives last.
 */
export async function meetingInvite(db: DbOrTx, meetingId: string, context: RenderContext): Promise<EmailAttachment | undefined> {
  const [row] = await db
    .select({ meeting: meetings, topic: collaborations.topic })
    .from(meetings)
    .innerJoin(collaborations, eq(collaborations.id, meetings.collaborationId))
    .where(eq(meetings.id, meetingId));
  if (!row) return undefined;
  const { meeting } = row;
  const attendeeIds = await meetingAttendeeIds(db, meeting.id);
  const people = await peopleById(db, meeting.orgId, [meeting.hostId, meeting.recorderId, ...attendeeIds]);
  const organizer = people.get(meeting.hostId);
  if (!organizer) return undefined;
  const attendees = [meeting.recorderId, ...attendeeIds].map((id) => people.get(id)).filter((p) => p !== undefined);
  const cancelled = meeting.cancelledAt !== null;
  const content = meetingInviteIcs({
    meetingId: meeting.id,
    sequence: meeting.sequence,
    stamp: new Date(),
    start: meeting.plannedStart,
    end: meeting.plannedEnd,
    summary: meeting.title ?? row.topic,
    location: meeting.location,
    agenda: meeting.agenda,
    agendaHeading: say(context, '议程', 'Agenda'),
    url: collaborationLink(context, meeting.collaborationId, { meeting: meeting.id }),
    cancelled,
    organizer: { name: organizer.name, email: organizer.email },
    attendees: attendees.map((p) => ({ name: p.name, email: p.email })),
  });
  return { ics: { content, method: cancelled ? 'CANCEL' : 'REQUEST' } };
}
