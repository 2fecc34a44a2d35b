/** What a record still lacks before it can be published (template: 议题-反馈-行动项 三要素). */
export type MissingPartCode = 'NO_TOPICS' | 'TOPIC_DISCUSSION_MISSING' | 'FEEDBACK_MISSING' | 'NO_ACTION_ITEMS';

/** One missing part, with the field path the editor highlights (e.g. 'topics[1].feedback'). */
export type MissingPart = {
  code: MissingPartCode;
  path: string;
  topicId?: string;
  departmentId?: string;
};

/** One department's answer on a topic: its text, or an explicit "no feedback". */
export type FeedbackRow = { departmentId: string; text?: string | null; noFeedback?: boolean | null };

/** A topic (议题) as the completeness rule sees it. */
export type TopicDraft = { id: string; title: string; discussion?: string | null; feedback: FeedbackRow[] };

/** The parts of minutes that decide whether they may be published. */
export type RecordDraft = {
  topics: TopicDraft[];
  participatingDepartmentIds: string[];
  actionItemCount: number;
  noActions?: boolean | null;
};

/**
 * Lists what keeps a meeting record from being publishable (DESIGN.md §2 rule 8); empty means publishable.
 * Paths index topics from 0, in the order given.
 */
export function findMissingParts(record: RecordDraft): MissingPart[] {
  const missing: MissingPart[] = [];
  if (record.topics.length === 0) missing.push({ code: 'NO_TOPICS', path: 'topics' });
  record.topics.forEach((topic, index) => missing.push(...missingInTopic(topic, index, record.participatingDepartmentIds)));
  if (record.actionItemCount <= 0 && !record.noActions) missing.push({ code: 'NO_ACTION_ITEMS', path: 'actionItems' });
  return missing;
}

/** True when a feedback row says something or explicitly says "no feedback". */
export function isFeedbackGiven(row: FeedbackRow): boolean {
  return row.noFeedback === true || hasText(row.text);
}

function missingInTopic(topic: TopicDraft, index: number, departmentIds: string[]): MissingPart[] {
  const missing: MissingPart[] = [];
  if (!hasText(topic.discussion)) {
    missing.push({ code: 'TOPIC_DISCUSSION_MISSING', path: `topics[${index}].discussion`, topicId: topic.id });
  }
  const answered = new Set(topic.feedback.filter(isFeedbackGiven).map((row) => row.departmentId));
  for (const departmentId of new Set(departmentIds)) {
    if (answered.has(departmentId)) continue;
    missing.push({ code: 'FEEDBACK_MISSING', path: `topics[${index}].feedback`, topicId: topic.id, departmentId });
  }
  return missing;
}

function hasText(text: string | null | undefined): boolean {
  return typeof text === 'string' && text.trim() !== '';
}
