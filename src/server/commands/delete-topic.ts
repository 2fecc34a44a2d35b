import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { topicFeedback, topics } from '../db/schema/index.ts';
import { countTopicActionItems, topicWithFeedback } from '../db/queries/meetings.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { findEditableTopic, restrictedTo, topicSnapshot } from './save-topic.ts';

/**
 * Removes a topic from draft minutes (minutes editors). Published minutes are corrected, never cut; a
 * topic that action items come from stays until they are removed or moved, so no item loses its source
 * silently.
 */
export async function deleteTopic(db: Db, actor: Actor, now: Date, topicId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { topic, context } = await findEditableTopic(tx, actor, topicId);
    if (context.meeting.minutesStatus === 'published') throw new AppError('CONFLICT', { messageKey: 'meeting.alreadyPublished' });
    if ((await countTopicActionItems(tx, topic.id)) > 0) throw new AppError('CONFLICT', { messageKey: 'topic.hasActionItems' });
    const before = await topicWithFeedback(tx, topic);
    await tx.delete(topicFeedback).where(eq(topicFeedback.topicId, topic.id));
    await tx.delete(topics).where(eq(topics.id, topic.id));
    await recordAudit(tx, actor, now, {
      entityType: 'topic',
      entityId: topic.id,
      collaborationId: context.meeting.collaborationId,
      action: 'deleted',
      before: topicSnapshot(before),
      restrictedTo: restrictedTo(topic),
    });
  });
}
