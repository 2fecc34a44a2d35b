import { describe, expect, it } from 'vitest';
import { anchorOf, draftFromTopic, patchFromDraft, type FullTopic } from './topic-draft.ts';

const departments = [
  { id: 'rnd', name: '研发部' },
  { id: 'sales', name: '销售部' },
  { id: 'design', name: '设计部' },
];

const topic = (overrides: Partial<FullTopic> = {}): FullTopic =>
  ({
    id: 't1',
    version: 3,
    meetingId: 'm1',
    position: 0,
    title: '新品发布会嘉宾邀请',
    discussion: '研发部建议邀请行业KOL，销售部建议优先合作渠户',
    feedback: [
      { id: 'f1', departmentId: 'sales', departmentName: '销售部', userId: null, userName: null, stance: 'conditional', text: '先确认渠户名单', noFeedback: false },
      { id: 'f2', departmentId: 'market', departmentName: '市场部', userId: null, userName: null, stance: null, text: '同意', noFeedback: false },
    ],
    disagreements: '',
    consensus: '邀请2位KOL+3家核心渠户',
    problemTags: [],
    sensitive: false,
    restricted: false,
    visibleToUserIds: [],
    createdAt: '2024-07-10T14:00:00+08:00',
    updatedAt: '2024-07-10T14:00:00+08:00',
    ...overrides,
  }) as FullTopic;

describe('the minutes editor’s topic draft', () => {
  it('offers a feedback row for every participating department in order, filled from what was saved, then other rows', () => {
    const draft = draftFromTopic(topic(), departments);
    expect(draft.feedback.map((f) => [f.departmentName, f.stance, f.text])).toEqual([
      ['研发部', null, ''],
      ['销售部', 'conditional', '先确认渠户名单'],
      ['设计部', null, ''],
      ['市场部', null, '同意'],
    ]);
  });

  it('sends the saved version, leaves untouched rows out and sends "no feedback" without text', () => {
    const draft = draftFromTopic(topic(), departments);
    draft.feedback[2] = { ...draft.feedback[2]!, noFeedback: true, text: 'typed before switching', stance: 'agree' };
    const body = patchFromDraft(draft, 3);
    expect(body.version).toBe(3);
    expect(body.feedback).toEqual([
      { departmentId: 'sales', userId: null, noFeedback: false, text: '先确认渠户名单', stance: 'conditional' },
      { departmentId: 'design', userId: null, noFeedback: true, text: '', stance: null },
      { departmentId: 'market', userId: null, noFeedback: false, text: '同意', stance: null },
    ]);
  });

  it('names readers only while the topic is sensitive, and never sends an empty title', () => {
    const draft = { ...draftFromTopic(topic(), departments), title: '  ', visibleToUserIds: ['head'] };
    expect(patchFromDraft(draft, 1)).toMatchObject({ title: undefined, sensitive: false, visibleToUserIds: [] });
    expect(patchFromDraft({ ...draft, sensitive: true }, 1)).toMatchObject({ sensitive: true, visibleToUserIds: ['head'] });
  });

  it('points each missing part at the field that fills it', () => {
    expect(anchorOf({ code: 'TOPIC_DISCUSSION_MISSING', topicId: 't1' })).toBe('topic-t1-discussion');
    expect(anchorOf({ code: 'FEEDBACK_MISSING', topicId: 't1', departmentId: 'rnd' })).toBe('topic-t1-feedback-rnd');
    expect(anchorOf({ code: 'NO_ACTION_ITEMS' })).toBe('minutes-action-items');
    expect(anchorOf({ code: 'NO_TOPICS' })).toBe('minutes-topics');
  });
});
