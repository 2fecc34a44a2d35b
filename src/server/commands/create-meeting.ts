import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { meetings } from '../db/schema/index.ts';
import { findCollaborationWithFacts } from '../db/queries/collaborations.ts';
import { replaceAttendees } from '../db/queries/meetings.ts';
import type { createMeetingBody } from '../../shared/schemas/meeting.ts';
import { invalidField, notFound } from '../errors.ts';
import { canReadCollaboration, isCollaborationEditor } from '../policies/collaboration.ts';
import { assertWritable } from '../policies/guard.ts';
import { enqueueNotifications } from '../notifications/outbox.ts';
import { recordAudit } from './audit.ts';
import { assertActiveUsers, listRefs } from './active-user-refs.ts';
import { meetingNoticePayload, meetingPeopleIds } from './meeting-notice.ts';

export type CreateMeetingInput = z.output<typeof createMeetingBody>;

/** The end must come after the start (400 naming plannedEnd). */
export function assertMeetingTimes(plannedStart: Date, plannedEnd: Date): void {
  if (plannedEnd.getTime() <= plannedStart.getTime()) throw invalidField('plannedEnd', 'meeting.endBeforeStart');
}

/**
 * Schedules a meeting of a collaboration (editors only), invites host, recorder and attendees through
 * the outbox and records the audit event, in one transaction. Returns the new meeting's id.
 */
export async function createMeeting(db: Db, actor: Actor, now: Date, collaborationId: string, input: CreateMeetingInput): Promise<string> {
  return db.transaction(async (tx) => {
    const collaboration = await findCollaborationWithFacts(tx, actor, collaborationId, true);
    if (!collaboration) throw notFound();
    assertWritable(canReadCollaboration(actor, collaboration.facts), collaboration.facts.archived, isCollaborationEditor(actor, collaboration.facts));
    assertMeetingTimes(input.plannedStart, input.plannedEnd);
    const attendeeIds = [...new Set(input.attendeeIds)];
    await assertActiveUsers(tx, actor.orgId, [
      { path: 'hostId', id: input.hostId },
      { path: 'recorderId', id: input.recorderId },
      ...listRefs('attendeeIds', input.attendeeIds),
    ]);
    const [meeting] = await tx
      .insert(meetings)
      .values({
        orgId: actor.orgId,
        collaborationId,
        title: input.title ?? null,
        plannedStart: input.plannedStart,
        plannedEnd: input.plannedEnd,
        mode: input.mode,
        location: input.location,
        hostId: input.hostId,
        recorderId: input.recorderId,
        agenda: input.agenda,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await replaceAttendees(tx, actor.orgId, meeting!.id, attendeeIds);
    await recordAudit(tx, actor, now, {
      entityType: 'meeting',
      entityId: meeting!.id,
      collaborationId,
      action: 'created',
      after: { ...meetingSnapshot(meeting!), attendeeIds },
    });
    await enqueueNotifications(tx, {
      orgId: actor.orgId,
      event: 'meeting_scheduled',
      recipientIds: meetingPeopleIds(meeting!, attendeeIds),
      entityType: 'meeting',
      entityId: meeting!.id,
      collaborationId,
      payload: { ...meetingNoticePayload(meeting!, collaboration.row.topic), change: 'scheduled' },
      occurrence: String(meeting!.sequence),
      now,
    });
    return meeting!.id;
  });
}

/** The fields of a meeting its history shows. */
export function meetingSnapshot(m: typeof meetings.$inferSelect) {
  return {
    title: m.title,
    plannedStart: m.plannedStart,
    plannedEnd: m.plannedEnd,
    mode: m.mode,
    location: m.location,
    hostId: m.hostId,
    recorderId: m.recorderId,
    agenda: m.agenda,
    noActions: m.noActions,
    cancelledAt: m.cancelledAt,
    sequence: m.sequence,
  };
}
