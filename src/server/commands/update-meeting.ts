import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { meetings } from '../db/schema/index.ts';
import { findMeetingContext, meetingAttendeeIds, replaceAttendees } from '../db/queries/meetings.ts';
import type { patchMeetingBody } from '../../shared/schemas/meeting.ts';
import { AppError, notFound } from '../errors.ts';
import { assertMeetingAction } from '../policies/meeting.ts';
import { enqueueNotifications } from '../notifications/outbox.ts';
import { assertFreshVersion, nextVersion } from './version-check.ts';
import { recordAudit } from './audit.ts';
import { assertActiveUsers, listRefs, type UserRef } from './active-user-refs.ts';
import { assertMeetingTimes, meetingSnapshot } from './create-meeting.ts';
import { meetingNoticePayload, meetingPeopleIds } from './meeting-notice.ts';

export type UpdateMeetingInput = z.output<typeof patchMeetingBody>;

/**
 * Changes a meeting (minutes editors). A change of time, place or cancellation bumps `sequence`, so the
 * invitation replaces the earlier one and everyone invited hears of it again. After publishing, changes
 * stay possible as audited corrections; the record stays published.
 */
export async function updateMeeting(db: Db, actor: Actor, now: Date, meetingId: string, input: UpdateMeetingInput): Promise<void> {
  await db.transaction(async (tx) => {
    const context = await findMeetingContext(tx, actor, meetingId, true);
    if (!context) throw notFound();
    const { meeting: before, collaboration } = context;
    assertMeetingAction(actor, collaboration.facts, before, 'update');
    await assertFreshVersion(tx, { type: 'meeting', id: before.id, version: before.version }, input.version);

    const plannedStart = input.plannedStart ?? before.plannedStart;
    const plannedEnd = input.plannedEnd ?? before.plannedEnd;
    assertMeetingTimes(plannedStart, plannedEnd);
    const refs: UserRef[] = [];
    if (input.hostId && input.hostId !== before.hostId) refs.push({ path: 'hostId', id: input.hostId });
    if (input.recorderId && input.recorderId !== before.recorderId) refs.push({ path: 'recorderId', id: input.recorderId });
    if (input.attendeeIds) refs.push(...listRefs('attendeeIds', input.attendeeIds));
    await assertActiveUsers(tx, actor.orgId, refs);

    let cancelledAt = before.cancelledAt;
    if (input.cancelled === true && !before.cancelledAt) {
      if (before.heldAt) throw new AppError('CONFLICT', { messageKey: 'meeting.heldCannotCancel' });
      cancelledAt = now;
    }
    if (input.cancelled === false) cancelledAt = null;

    const movedOrCancelled =
      plannedStart.getTime() !== before.plannedStart.getTime() ||
      plannedEnd.getTime() !== before.plannedEnd.getTime() ||
      (input.mode !== undefined && input.mode !== before.mode) ||
      (input.location !== undefined && input.location !== before.location) ||
      (cancelledAt === null) !== (before.cancelledAt === null);

    const beforeAttendees = await meetingAttendeeIds(tx, before.id);
    const [after] = await tx
      .update(meetings)
      .set({
        version: nextVersion(meetings.version),
        ...(input.title !== undefined ? { title: input.title } : {}),
        plannedStart,
        plannedEnd,
        ...(input.mode !== undefined ? { mode: input.mode } : {}),
        ...(input.location !== undefined ? { location: input.location } : {}),
        ...(input.hostId !== undefined ? { hostId: input.hostId } : {}),
        ...(input.recorderId !== undefined ? { recorderId: input.recorderId } : {}),
        ...(input.agenda !== undefined ? { agenda: input.agenda } : {}),
        ...(input.noActions !== undefined ? { noActions: input.noActions } : {}),
        cancelledAt,
        sequence: before.sequence + (movedOrCancelled ? 1 : 0),
        updatedAt: now,
      })
      .where(eq(meetings.id, before.id))
      .returning();
    const attendeeIds = input.attendeeIds ? [...new Set(input.attendeeIds)] : beforeAttendees;
    if (input.attendeeIds) await replaceAttendees(tx, actor.orgId, before.id, attendeeIds);

    await recordAudit(tx, actor, now, {
      entityType: 'meeting',
      entityId: before.id,
      collaborationId: before.collaborationId,
      action: auditAction(before, after!),
      before: { ...meetingSnapshot(before), attendeeIds: beforeAttendees },
      after: { ...meetingSnapshot(after!), attendeeIds },
    });
    // Keyed by sequence: a move or cancellation reaches everyone again; otherwise only newly invited people hear.
    await enqueueNotifications(tx, {
      orgId: actor.orgId,
      event: 'meeting_scheduled',
      recipientIds: meetingPeopleIds(after!, attendeeIds),
      entityType: 'meeting',
      entityId: before.id,
      collaborationId: before.collaborationId,
      payload: { ...meetingNoticePayload(after!, collaboration.row.topic), change: after!.cancelledAt ? 'cancelled' : movedOrCancelled ? 'rescheduled' : 'scheduled' },
      occurrence: String(after!.sequence),
      now,
    });
  });
}

function auditAction(before: typeof meetings.$inferSelect, after: typeof meetings.$inferSelect): string {
  if (before.minutesStatus === 'published') return 'corrected';
  if (!before.cancelledAt && after.cancelledAt) return 'cancelled';
  if (before.cancelledAt && !after.cancelledAt) return 'reinstated';
  return 'updated';
}
