import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { topics } from '../db/schema/index.ts';
import {
  findMeetingContext,
  findTopic,
  lockTopic,
  moveTopic,
  nextTopicPosition,
  replaceFeedback,
  topicWithFeedback,
  type FeedbackInput,
  type MeetingContext,
  type TopicRow,
  type TopicWithFeedback,
} from '../db/queries/meetings.ts';
import type { createTopicBody, patchTopicBody } from '../../shared/schemas/meeting.ts';
import { AppError, notFound, type FieldProblem } from '../errors.ts';
import { assertMeetingAction, canReadMeeting, canSeeTopic } from '../policies/meeting.ts';
import { recordAudit } from './audit.ts';
import { assertFreshVersion, nextVersion } from './version-check.ts';
import { assertActiveUsers, listRefs, type UserRef } from './active-user-refs.ts';
import { searchTextUpdate, withSearchText } from '../search/search-text.ts';

export type CreateTopicInput = z.output<typeof createTopicBody>;
export type PatchTopicInput = z.output<typeof patchTopicBody>;

/** Adds a topic (议题) to a meeting's minutes: minutes editors; appended unless a position is given. */
export async function createTopic(db: Db, actor: Actor, now: Date, meetingId: string, input: CreateTopicInput): Promise<string> {
  return db.transaction(async (tx) => {
    const context = await findMeetingContext(tx, actor, meetingId, true);
    if (!context) throw notFound();
    assertMeetingAction(actor, context.collaboration.facts, context.meeting, 'editMinutes');
    await assertTopicInput(tx, actor, context, input);
    const visibleToUserIds = visibleList(actor, input.sensitive, input.visibleToUserIds);
    const [topic] = await tx
      .insert(topics)
      .values(withSearchText('topics', {
        orgId: actor.orgId,
        meetingId,
        position: await nextTopicPosition(tx, meetingId),
        title: input.title,
        discussion: input.discussion,
        disagreements: input.disagreements,
        consensus: input.consensus,
        problemTags: input.problemTags,
        sensitive: input.sensitive,
        visibleToUserIds,
        createdAt: now,
        updatedAt: now,
      }))
      .returning();
    await replaceFeedback(tx, actor.orgId, topic!.id, input.feedback);
    if (input.position !== undefined) await moveTopic(tx, meetingId, topic!.id, input.position);
    const after = await topicWithFeedback(tx, (await findTopic(tx, actor.orgId, topic!.id))!);
    await recordAudit(tx, actor, now, {
      entityType: 'topic',
      entityId: topic!.id,
      collaborationId: context.meeting.collaborationId,
      action: context.meeting.minutesStatus === 'published' ? 'corrected' : 'created',
      after: topicSnapshot(after),
      restrictedTo: restrictedTo(after),
    });
    return topic!.id;
  });
}

/** Changes any field of a topic; `feedback`, when given, replaces the whole list. */
export async function updateTopic(db: Db, actor: Actor, now: Date, topicId: string, input: PatchTopicInput): Promise<void> {
  await db.transaction(async (tx) => {
    const { topic, context } = await findEditableTopic(tx, actor, topicId);
    await assertFreshVersion(tx, { type: 'topic', id: topic.id, version: topic.version }, input.version);
    await assertTopicInput(tx, actor, context, input);
    const before = await topicWithFeedback(tx, topic);
    const sensitive = input.sensitive ?? topic.sensitive;
    const texts = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.discussion !== undefined ? { discussion: input.discussion } : {}),
      ...(input.disagreements !== undefined ? { disagreements: input.disagreements } : {}),
      ...(input.consensus !== undefined ? { consensus: input.consensus } : {}),
    };
    await tx
      .update(topics)
      .set({
        ...texts,
        ...searchTextUpdate('topics', topic, texts),
        ...(input.problemTags !== undefined ? { problemTags: input.problemTags } : {}),
        sensitive,
        visibleToUserIds: visibleList(actor, sensitive, input.visibleToUserIds ?? topic.visibleToUserIds),
        updatedAt: now,
        version: nextVersion(topics.version),
      })
      .where(eq(topics.id, topic.id));
    if (input.feedback) await replaceFeedback(tx, actor.orgId, topic.id, input.feedback);
    if (input.position !== undefined) await moveTopic(tx, topic.meetingId, topic.id, input.position);
    const after = await topicWithFeedback(tx, (await findTopic(tx, actor.orgId, topic.id))!);
    await recordAudit(tx, actor, now, {
      entityType: 'topic',
      entityId: topic.id,
      collaborationId: context.meeting.collaborationId,
      action: context.meeting.minutesStatus === 'published' ? 'corrected' : 'updated',
      before: topicSnapshot(before),
      after: topicSnapshot(after),
      restrictedTo: restrictedTo(before, after),
    });
  });
}

/**
 * The topic, locked, with its meeting, when the caller may edit it: 404 when they cannot see the meeting
 * or the topic is restricted and does not name them, then the meeting's own checks (409 ARCHIVED, 403,
 * 409 for a cancelled meeting).
 */
export async function findEditableTopic(tx: DbOrTx, actor: Actor, topicId: string): Promise<{ topic: TopicRow; context: MeetingContext }> {
  const found = await findTopic(tx, actor.orgId, topicId);
  if (!found) throw notFound();
  const context = await findMeetingContext(tx, actor, found.meetingId, true);
  if (!context || !canReadMeeting(actor, context.collaboration.facts)) throw notFound();
  const topic = await lockTopic(tx, topicId);
  if (!topic || !canSeeTopic(actor, topic)) throw notFound();
  assertMeetingAction(actor, context.collaboration.facts, context.meeting, 'editMinutes');
  return { topic, context };
}

/**
 * Feedback comes from the initiating or a participating department of the collaboration, one row per
 * department; named people (feedback authors, visibility lists) are active users of the organisation.
 */
async function assertTopicInput(
  tx: DbOrTx,
  actor: Actor,
  context: MeetingContext,
  input: { feedback?: FeedbackInput[] | undefined; visibleToUserIds?: string[] | undefined },
): Promise<void> {
  const feedback = input.feedback ?? [];
  const allowed = new Set([context.collaboration.row.initiatingDepartmentId, ...context.collaboration.participatingDepartmentIds]);
  const seen = new Set<string>();
  const fields: FieldProblem[] = [];
  feedback.forEach((row, i) => {
    const path = `feedback[${i}].departmentId`;
    if (!allowed.has(row.departmentId)) fields.push({ path, message: 'feedback.notParticipant' });
    else if (seen.has(row.departmentId)) fields.push({ path, message: 'feedback.duplicate' });
    seen.add(row.departmentId);
  });
  if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });
  const refs: UserRef[] = feedback.flatMap((row, i) => (row.userId ? [{ path: `feedback[${i}].userId`, id: row.userId }] : []));
  await assertActiveUsers(tx, actor.orgId, [...refs, ...listRefs('visibleToUserIds', input.visibleToUserIds ?? [])]);
}

/** A sensitive topic always names the person who wrote it, so nobody locks themselves out. */
function visibleList(actor: Actor, sensitive: boolean, ids: string[]): string[] {
  return [...new Set(sensitive ? [...ids, actor.userId] : ids)];
}

/** Who may read this change in the history: those named by every sensitive version involved; null when none was sensitive. */
export function restrictedTo(...versions: Pick<TopicRow, 'sensitive' | 'visibleToUserIds'>[]): string[] | null {
  const lists = versions.filter((v) => v.sensitive).map((v) => v.visibleToUserIds);
  if (!lists.length) return null;
  return lists.reduce((common, list) => common.filter((id) => list.includes(id)));
}

/** The fields of a topic its history shows. */
export function topicSnapshot(t: TopicWithFeedback) {
  return {
    meetingId: t.meetingId,
    position: t.position,
    title: t.title,
    discussion: t.discussion,
    disagreements: t.disagreements,
    consensus: t.consensus,
    problemTags: t.problemTags,
    sensitive: t.sensitive,
    visibleToUserIds: t.visibleToUserIds,
    feedback: t.feedback.map((f) => ({ departmentId: f.departmentId, userId: f.userId, stance: f.stance, text: f.text, noFeedback: f.noFeedback })),
  };
}
