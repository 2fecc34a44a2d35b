import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { meetings } from '../db/schema/index.ts';
import { activeHeadIds, findMeetingContext, meetingAttendeeIds } from '../db/queries/meetings.ts';
import { isAgendaLate } from '../../domain/meeting-deadlines.ts';
import { invalidField, notFound } from '../errors.ts';
import { assertMeetingAction } from '../policies/meeting.ts';
import { enqueueGroupNotifications, enqueueNotifications } from '../notifications/outbox.ts';
import { recordAudit } from './audit.ts';
import { meetingNoticePayload, meetingPeopleIds } from './meeting-notice.ts';

/**
 * Sends the agenda (rule 1) to the attendees, the heads of the initiating and participating departments,
 * the host and the recorder. The first send fixes `agendaSentAt` and whether it was late, which is what
 * the quarterly review counts; a re-send is audited and reaches only people not yet told about this
 * version of the meeting (outbox occurrence = sequence), so a moved meeting's agenda goes out anew.
 */
export async function sendAgenda(db: Db, actor: Actor, now: Date, meetingId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const context = await findMeetingContext(tx, actor, meetingId, true);
    if (!context) throw notFound();
    const { meeting, collaboration } = context;
    assertMeetingAction(actor, collaboration.facts, meeting, 'sendAgenda');
    if (!meeting.agenda.length) throw invalidField('agenda', 'meeting.agendaEmpty');

    const isFirst = !meeting.agendaSentAt;
    const late = isFirst ? isAgendaLate(meeting, actor.settings, now) : meeting.agendaSentLate;
    if (isFirst) await tx.update(meetings).set({ agendaSentAt: now, agendaSentLate: late, updatedAt: now }).where(eq(meetings.id, meeting.id));
    await recordAudit(tx, actor, now, {
      entityType: 'meeting',
      entityId: meeting.id,
      collaborationId: meeting.collaborationId,
      action: isFirst ? 'agenda_sent' : 'agenda_resent',
      after: { agenda: meeting.agenda, sentAt: now, agendaSentLate: late, sequence: meeting.sequence },
    });
    const attendeeIds = await meetingAttendeeIds(tx, meeting.id);
    const headIds = await activeHeadIds(tx, actor.orgId, [collaboration.row.initiatingDepartmentId, ...collaboration.participatingDepartmentIds]);
    const notice = {
      orgId: actor.orgId,
      event: 'agenda_sent' as const,
      entityType: 'meeting',
      entityId: meeting.id,
      collaborationId: meeting.collaborationId,
      payload: { ...meetingNoticePayload(meeting, collaboration.row.topic), agenda: meeting.agenda, late },
      occurrence: String(meeting.sequence),
      now,
    };
    await enqueueNotifications(tx, { ...notice, recipientIds: [...meetingPeopleIds(meeting, attendeeIds), ...headIds] });
    await enqueueGroupNotifications(tx, notice);
  });
}
