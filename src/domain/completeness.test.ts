import { describe, expect, it } from 'vitest';
import { findMissingParts, isFeedbackGiven, type RecordDraft, type TopicDraft } from './completeness.ts';

const RD = 'dept-rd';
const SALES = 'dept-sales';
const DESIGN = 'dept-design';

const topic = (overrides: Partial<TopicDraft> = {}): TopicDraft => ({
  id: 'topic-1',
  title: '新品发布会嘉宾邀请',
  discussion: '研发部建议邀请行业KOL,销售部建议优先合作渠户',
  feedback: [
    { departmentId: RD, text: '邀请2位KOL' },
    { departmentId: SALES, text: '3家核心渠户' },
  ],
  ...overrides,
});

const record = (overrides: Partial<RecordDraft> = {}): RecordDraft => ({
  topics: [topic()],
  participatingDepartmentIds: [RD, SALES],
  actionItemCount: 1,
  ...overrides,
});

describe('findMissingParts', () => {
  it('finds nothing missing in a complete record', () => {
    expect(findMissingParts(record())).toEqual([]);
  });

  it('requires at least one topic', () => {
    expect(findMissingParts(record({ topics: [] }))).toEqual([{ code: 'NO_TOPICS', path: 'topics' }]);
  });

  it('requires a discussion on every topic, blank text counting as none', () => {
    const missing = findMissingParts(record({ topics: [topic(), topic({ id: 'topic-2', discussion: '  \n ' })] }));
    expect(missing).toEqual([{ code: 'TOPIC_DISCUSSION_MISSING', path: 'topics[1].discussion', topicId: 'topic-2' }]);
    expect(findMissingParts(record({ topics: [topic({ discussion: null })] }))[0]?.code).toBe('TOPIC_DISCUSSION_MISSING');
  });

  it('names each participating department whose feedback is missing on each topic', () => {
    const missing = findMissingParts(
      record({ participatingDepartmentIds: [RD, SALES, DESIGN], topics: [topic(), topic({ id: 'topic-2' })] }),
    );
    expect(missing).toEqual([
      { code: 'FEEDBACK_MISSING', path: 'topics[0].feedback', topicId: 'topic-1', departmentId: DESIGN },
      { code: 'FEEDBACK_MISSING', path: 'topics[1].feedback', topicId: 'topic-2', departmentId: DESIGN },
    ]);
  });

  it('does not count a feedback row with blank text', () => {
    const missing = findMissingParts(record({ topics: [topic({ feedback: [{ departmentId: RD, text: ' ' }, { departmentId: SALES, text: 'ok' }] })] }));
    expect(missing).toEqual([{ code: 'FEEDBACK_MISSING', path: 'topics[0].feedback', topicId: 'topic-1', departmentId: RD }]);
  });

  it('counts an explicit "no feedback" as an answer', () => {
    const feedback = [{ departmentId: RD, text: '', noFeedback: true }, { departmentId: SALES, text: 'ok' }];
    expect(findMissingParts(record({ topics: [topic({ feedback })] }))).toEqual([]);
  });

  it('ignores feedback from departments that do not participate and duplicate department ids', () => {
    const feedback = [{ departmentId: 'dept-other', text: '旁听' }, { departmentId: RD, text: 'ok' }];
    const missing = findMissingParts(record({ participatingDepartmentIds: [RD, RD], topics: [topic({ feedback })] }));
    expect(missing).toEqual([]);
  });

  it('requires an action item or an explicit "no action"', () => {
    expect(findMissingParts(record({ actionItemCount: 0 }))).toEqual([{ code: 'NO_ACTION_ITEMS', path: 'actionItems' }]);
    expect(findMissingParts(record({ actionItemCount: 0, noActions: true }))).toEqual([]);
  });

  it('lists every missing part of an empty record at once', () => {
    const codes = findMissingParts({ topics: [], participatingDepartmentIds: [RD], actionItemCount: 0 }).map((m) => m.code);
    expect(codes).toEqual(['NO_TOPICS', 'NO_ACTION_ITEMS']);
  });
});

describe('isFeedbackGiven', () => {
  it('accepts text or an explicit no-feedback, nothing else', () => {
    expect(isFeedbackGiven({ departmentId: RD, text: '同意' })).toBe(true);
    expect(isFeedbackGiven({ departmentId: RD, noFeedback: true })).toBe(true);
    expect(isFeedbackGiven({ departmentId: RD, text: null, noFeedback: false })).toBe(false);
  });
});
