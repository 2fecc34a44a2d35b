import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { meetings } from '../db/schema/index.ts';
import { findMeetingContext } from '../db/queries/meetings.ts';
import type { heldBody } from '../../shared/schemas/meeting.ts';
import { invalidField, notFound } from '../errors.ts';
import { assertMeetingAction } from '../policies/meeting.ts';
import { recordAudit } from './audit.ts';

export type HeldInput = z.output<typeof heldBody>;

/** Clocks of phones and laptops drift; an end time this far ahead of the server's is still taken as "now". */
const CLOCK_SKEW_MS = 60_000;

/**
 * Records that the meeting took place (host, recorder, editors): heldAt (the start given, else now) and
 * endedAt (given, else now). The end starts the action-list and publish deadlines (rules 2 and 3), so it
 * may not lie in the future. Marking again before publishing corrects the times.
 */
export async function markMeetingHeld(db: Db, actor: Actor, now: Date, meetingId: string, input: HeldInput): Promise<void> {
  await db.transaction(async (tx) => {
    const context = await findMeetingContext(tx, actor, meetingId, true);
    if (!context) throw notFound();
    const { meeting, collaboration } = context;
    assertMeetingAction(actor, collaboration.facts, meeting, 'markHeld');
    const latest = now.getTime() + CLOCK_SKEW_MS;
    const endedAt = input.endedAt ?? now;
    if (endedAt.getTime() > latest) throw invalidField('endedAt', 'meeting.timeInFuture');
    if (input.startedAt && input.startedAt.getTime() > latest) throw invalidField('startedAt', 'meeting.timeInFuture');
    if (input.startedAt && endedAt.getTime() <= input.startedAt.getTime()) throw invalidField('endedAt', 'meeting.endBeforeStart');
    const heldAt = input.startedAt ?? now;
    await tx.update(meetings).set({ heldAt, endedAt, updatedAt: now }).where(eq(meetings.id, meeting.id));
    await recordAudit(tx, actor, now, {
      entityType: 'meeting',
      entityId: meeting.id,
      collaborationId: meeting.collaborationId,
      action: 'held',
      before: { heldAt: meeting.heldAt, endedAt: meeting.endedAt },
      after: { heldAt, endedAt },
    });
  });
}
