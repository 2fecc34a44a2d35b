import { isFeedbackGiven } from '../../../domain/completeness.ts';
import type { PatchTopicInput } from '../../api/meetings.ts';
import type { MeetingTopic } from '../../api/types.ts';

export type Stance = 'agree' | 'disagree' | 'conditional';

/** One department's row in the editor: what it said (with its stance), or an explicit "无反馈". */
export type FeedbackDraft = {
  departmentId: string;
  departmentName: string;
  userId: string | null;
  stance: Stance | null;
  text: string;
  noFeedback: boolean;
};

/** A topic as the minutes editor holds it while the recorder types. */
export type TopicDraft = {
  title: string;
  discussion: string;
  feedback: FeedbackDraft[];
  disagreements: string;
  consensus: string;
  problemTags: string[];
  sensitive: boolean;
  visibleToUserIds: string[];
};

/** A topic the caller may see in full (not the restricted placeholder). */
export type FullTopic = Exclude<MeetingTopic, { restricted: true }>;

export const isFullTopic = (topic: MeetingTopic): topic is FullTopic => !topic.restricted && 'title' in topic;

/**
 * The editor's draft of a topic: one feedback row for every participating department, in the
 * collaboration's order (template: 各方反馈), filled from what was saved; rows saved for other
 * departments (the initiating one may speak too) follow them.
 */
export function draftFromTopic(topic: FullTopic, departments: { id: string; name: string }[]): TopicDraft {
  const saved = new Map(topic.feedback.map((f) => [f.departmentId, f]));
  const row = (departmentId: string, departmentName: string): FeedbackDraft => {
    const f = saved.get(departmentId);
    return {
      departmentId,
      departmentName: f?.departmentName || departmentName,
      userId: f?.userId ?? null,
      stance: f?.stance ?? null,
      text: f?.text ?? '',
      noFeedback: f?.noFeedback ?? false,
    };
  };
  const expected = new Set(departments.map((d) => d.id));
  return {
    title: topic.title,
    discussion: topic.discussion,
    feedback: [
      ...departments.map((d) => row(d.id, d.name)),
      ...topic.feedback.filter((f) => !expected.has(f.departmentId)).map((f) => row(f.departmentId, f.departmentName)),
    ],
    disagreements: topic.disagreements,
    consensus: topic.consensus,
    problemTags: [...topic.problemTags],
    sensitive: topic.sensitive,
    visibleToUserIds: [...topic.visibleToUserIds],
  };
}

const isEmptyRow = (row: FeedbackDraft) => !row.noFeedback && !row.stance && row.text.trim() === '' && !row.userId;

/**
 * The PATCH body for a draft. Rows nobody filled in are left out, so the record keeps showing that
 * department's feedback as missing; "无反馈" sends no text or stance with it.
 */
export function patchFromDraft(draft: TopicDraft, version: number): PatchTopicInput {
  return {
    version,
    title: draft.title.trim() || undefined,
    discussion: draft.discussion,
    feedback: draft.feedback
      .filter((row) => !isEmptyRow(row))
      .map((row) =>
        row.noFeedback
          ? { departmentId: row.departmentId, userId: row.userId, noFeedback: true, text: '', stance: null }
          : { departmentId: row.departmentId, userId: row.userId, noFeedback: false, text: row.text, stance: row.stance },
      ),
    disagreements: draft.disagreements,
    consensus: draft.consensus,
    problemTags: draft.problemTags.map((tag) => tag.trim()).filter(Boolean),
    sensitive: draft.sensitive,
    visibleToUserIds: draft.sensitive ? draft.visibleToUserIds : [],
  };
}

/** Whether a department's row already counts for publishing (its text, or an explicit "no feedback"). */
export const isRowAnswered = (row: FeedbackDraft) => isFeedbackGiven(row);

/** Where the editor shows a missing part, so the list of what is missing can take the reader there. */
export function anchorOf(part: { code: string; topicId?: string | undefined; departmentId?: string | undefined }): string {
  if (part.code === 'NO_ACTION_ITEMS') return 'minutes-action-items';
  if (part.code === 'NO_TOPICS' || !part.topicId) return 'minutes-topics';
  if (part.code === 'TOPIC_DISCUSSION_MISSING') return `topic-${part.topicId}-discussion`;
  if (part.code === 'FEEDBACK_MISSING' && part.departmentId) return `topic-${part.topicId}-feedback-${part.departmentId}`;
  return `topic-${part.topicId}`;
}
