import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, closeTestApp, loginAs, type Session, type TestContext } from '../app.ts';
import { buildCollaboration, buildOrganization, buildTemplateCast, buildUser } from '../factories.ts';
import { actionItems, auditEvents, collaborations } from '../../src/server/db/schema/index.ts';
import { withSearchText } from '../../src/server/search/search-text.ts';

const NOW = '2024-07-08T10:00:00+08:00';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let head: Session, recorder: Session, engineer: Session, seller: Session, outsider: Session, admin: Session;

beforeAll(async () => {
  ctx = await buildTestApp(NOW);
  cast = await buildTemplateCast(ctx.database.db);
  head = await loginAs(ctx.app, cast.people.head);
  recorder = await loginAs(ctx.app, cast.people.recorder);
  engineer = await loginAs(ctx.app, cast.people.engineer);
  seller = await loginAs(ctx.app, cast.people.seller);
  outsider = await loginAs(ctx.app, cast.people.outsider);
  admin = await loginAs(ctx.app, cast.people.orgAdmin);
});
afterAll(() => closeTestApp(ctx));
beforeEach(() => ctx.clock.set(NOW));

async function createMeeting(collaborationId = cast.collaboration.id): Promise<string> {
  const response = await head.post(`/collaborations/${collaborationId}/meetings`, {
    plannedStart: '2024-07-10T14:00:00+08:00',
    plannedEnd: '2024-07-10T15:30:00+08:00',
    mode: 'online',
    location: 'https://meeting.example.test/123',
    hostId: cast.people.head.id,
    recorderId: cast.people.recorder.id,
    attendeeIds: [cast.people.engineer.id, cast.people.seller.id],
    agenda: ['发布会时间'],
  });
  expect(response.status).toBe(201);
  return response.body.id;
}

const topicBody = (overrides: Record<string, unknown> = {}) => ({
  title: '发布会时间',
  discussion: '定于8月15日，场地待定',
  feedback: [
    { departmentId: cast.departments.rnd.id, text: '功能8月10日可冻结', stance: 'agree', userId: cast.people.engineer.id },
    { departmentId: cast.departments.sales.id, noFeedback: true },
  ],
  disagreements: '场地预算',
  consensus: '8月15日发布',
  problemTags: ['需求传递'],
  ...overrides,
});

const audit = (entityId: string) => ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId));
/** Audit actions, sorted: events written at one fake-clock instant have no defined order. */
const actions = (events: { action: string }[]) => events.map((e) => e.action).sort();

describe('POST /meetings/:id/topics', () => {
  it('appends a topic with its feedback rows (department names included) and audits it', async () => {
    const meetingId = await createMeeting();
    const first = await recorder.post(`/meetings/${meetingId}/topics`, topicBody());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      meetingId,
      position: 0,
      title: '发布会时间',
      discussion: '定于8月15日，场地待定',
      disagreements: '场地预算',
      consensus: '8月15日发布',
      problemTags: ['需求传递'],
      sensitive: false,
      restricted: false,
      feedback: [
        { departmentId: cast.departments.rnd.id, departmentName: '研发部', userId: cast.people.engineer.id, userName: '研发部张工', stance: 'agree', text: '功能8月10日可冻结', noFeedback: false },
        { departmentId: cast.departments.sales.id, departmentName: '销售部', userId: null, stance: null, text: '', noFeedback: true },
      ],
    });
    const second = await head.post(`/meetings/${meetingId}/topics`, topicBody({ title: '物料分工', feedback: [] }));
    expect(second.body.position).toBe(1);
    const third = await head.post(`/meetings/${meetingId}/topics`, topicBody({ title: '开场议题', feedback: [], position: 0 }));
    expect(third.body.position).toBe(0);

    const meeting = await engineer.get(`/meetings/${meetingId}`);
    expect(meeting.body.topics.map((t: { title: string }) => t.title)).toEqual(['开场议题', '发布会时间', '物料分工']);
    const [event] = await audit(first.body.id);
    expect(event).toMatchObject({ action: 'created', entityType: 'topic', collaborationId: cast.collaboration.id, actorId: cast.people.recorder.id, restrictedTo: null });
    expect(event!.after).toMatchObject({ title: '发布会时间', feedback: [{ departmentId: cast.departments.rnd.id }, { departmentId: cast.departments.sales.id, noFeedback: true }] });
  });

  it('accepts feedback from the initiating department, and names each invalid field', async () => {
    const meetingId = await createMeeting();
    const url = `/meetings/${meetingId}/topics`;
    expect((await recorder.post(url, topicBody({ feedback: [{ departmentId: cast.departments.market.id, text: '市场部牵头' }] }))).status).toBe(201);

    const stranger = await recorder.post(url, topicBody({ feedback: [{ departmentId: cast.departments.rnd.id, text: 'a' }, { departmentId: cast.departments.admin.id, text: 'b' }] }));
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.fields).toEqual([{ path: 'feedback[1].departmentId', message: '只能填写参与本协作的部门的反馈' }]);

    const twice = await recorder.post(url, topicBody({ feedback: [{ departmentId: cast.departments.rnd.id, text: 'a' }, { departmentId: cast.departments.rnd.id, text: 'b' }] }));
    expect(twice.body.error.fields).toEqual([{ path: 'feedback[1].departmentId', message: '同一部门只能有一条反馈' }]);

    const untitled = await recorder.post(url, topicBody({ title: '  ' }));
    expect(untitled.body.error.fields).toEqual([{ path: 'title', message: '不能为空' }]);

    const foreigner = await buildUser(ctx.database.db, (await buildOrganization(ctx.database.db)).id);
    const hidden = await recorder.post(url, topicBody({ sensitive: true, visibleToUserIds: [cast.people.seller.id, foreigner.id] }));
    expect(hidden.body.error.fields).toEqual([{ path: 'visibleToUserIds[1]', message: '该用户不存在或已停用' }]);

    const author = await recorder.post(url, topicBody({ feedback: [{ departmentId: cast.departments.rnd.id, text: 'a', userId: foreigner.id }] }));
    expect(author.body.error.fields).toEqual([{ path: 'feedback[0].userId', message: '该用户不存在或已停用' }]);

    const meeting = await head.get(`/meetings/${meetingId}`);
    expect(meeting.body.topics).toHaveLength(1);
  });

  it('refuses participants (403), outsiders (404), archived records (409) and cancelled meetings (409)', async () => {
    const meetingId = await createMeeting();
    expect((await engineer.post(`/meetings/${meetingId}/topics`, topicBody())).status).toBe(403);
    expect((await outsider.post(`/meetings/${meetingId}/topics`, topicBody())).status).toBe(404);

    const collaboration = await buildCollaboration(ctx.database.db, cast.org.id, {
      creatorId: cast.people.head.id,
      initiatingDepartmentId: cast.departments.market.id,
      participatingDepartmentIds: [cast.departments.rnd.id, cast.departments.sales.id],
    });
    const archivedMeetingId = await createMeeting(collaboration.id);
    await ctx.database.db.update(collaborations).set({ status: 'completed', archivedAt: new Date() }).where(eq(collaborations.id, collaboration.id));
    const archived = await recorder.post(`/meetings/${archivedMeetingId}/topics`, topicBody());
    expect(archived.status).toBe(409);
    expect(archived.body.error.code).toBe('ARCHIVED');

    const cancelledId = await createMeeting();
    await head.patch(`/meetings/${cancelledId}`, { cancelled: true });
    const cancelled = await recorder.post(`/meetings/${cancelledId}/topics`, topicBody());
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error.message).toBe('会议已取消');
  });
});

describe('PATCH /topics/:id', () => {
  it('changes any field, replaces the feedback list and moves the topic', async () => {
    const meetingId = await createMeeting();
    const a = (await recorder.post(`/meetings/${meetingId}/topics`, topicBody({ title: 'A' }))).body;
    const b = (await recorder.post(`/meetings/${meetingId}/topics`, topicBody({ title: 'B' }))).body;
    const patched = await recorder.patch(`/topics/${b.id}`, {
      title: 'B2',
      feedback: [{ departmentId: cast.departments.design.id, text: '视觉稿8月5日' }],
      position: 0,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'B2', position: 0, discussion: '定于8月15日，场地待定', feedback: [{ departmentName: '设计部', text: '视觉稿8月5日' }] });
    expect(patched.body.feedback).toHaveLength(1);
    const meeting = await head.get(`/meetings/${meetingId}`);
    expect(meeting.body.topics.map((t: { id: string; position: number }) => [t.id, t.position])).toEqual([[b.id, 0], [a.id, 1]]);
    const events = await audit(b.id);
    expect(actions(events)).toEqual(['created', 'updated']);
    const update = events.find((e) => e.action === 'updated')!;
    expect(update.before).toMatchObject({ title: 'B' });
    expect(update.after).toMatchObject({ title: 'B2' });
  });

  it('names the invalid field, refuses participants (403) and hides the topic from outsiders (404)', async () => {
    const meetingId = await createMeeting();
    const topic = (await recorder.post(`/meetings/${meetingId}/topics`, topicBody())).body;
    const bad = await recorder.patch(`/topics/${topic.id}`, { feedback: [{ departmentId: cast.departments.admin.id, text: 'x' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('feedback[0].departmentId');
    expect((await recorder.patch(`/topics/${topic.id}`, { problemTags: 'x' })).body.error.fields[0].path).toBe('problemTags');
    expect((await engineer.patch(`/topics/${topic.id}`, { title: 'x' })).status).toBe(403);
    expect((await outsider.patch(`/topics/${topic.id}`, { title: 'x' })).status).toBe(404);
    expect((await recorder.patch(`/topics/${crypto.randomUUID()}`, { title: 'x' })).status).toBe(404);
  });

  it('audits changes to published minutes as corrections and keeps them published', async () => {
    const meetingId = await createMeeting();
    const { rnd, sales, design, service } = cast.departments;
    const topic = (await recorder.post(`/meetings/${meetingId}/topics`, topicBody({ feedback: [rnd, sales, design, service].map((d) => ({ departmentId: d.id, text: '同意' })) }))).body;
    await recorder.patch(`/meetings/${meetingId}`, { noActions: true });
    ctx.clock.set('2024-07-10T16:00:00+08:00');
    expect((await recorder.post(`/meetings/${meetingId}/publish`)).status).toBe(200);
    expect((await recorder.patch(`/topics/${topic.id}`, { consensus: '8月16日发布' })).status).toBe(200);
    expect(actions(await audit(topic.id))).toEqual(['corrected', 'created']);
    expect((await head.get(`/meetings/${meetingId}`)).body.minutesStatus).toBe('published');
    const removed = await recorder.delete(`/topics/${topic.id}`);
    expect(removed.status).toBe(409);
    expect(removed.body.error.code).toBe('CONFLICT');
  });
});

describe('DELETE /topics/:id', () => {
  it('removes a draft topic with its feedback and audits it; refuses participants (403) and outsiders (404)', async () => {
    const meetingId = await createMeeting();
    const topic = (await recorder.post(`/meetings/${meetingId}/topics`, topicBody())).body;
    expect((await engineer.delete(`/topics/${topic.id}`)).status).toBe(403);
    expect((await outsider.delete(`/topics/${topic.id}`)).status).toBe(404);
    expect((await recorder.delete(`/topics/${topic.id}`)).status).toBe(204);
    expect((await head.get(`/meetings/${meetingId}`)).body.topics).toEqual([]);
    expect(actions(await audit(topic.id))).toEqual(['created', 'deleted']);
    expect((await recorder.delete(`/topics/${topic.id}`)).status).toBe(404);
  });

  it('keeps a topic that action items come from', async () => {
    const meetingId = await createMeeting();
    const topic = (await recorder.post(`/meetings/${meetingId}/topics`, topicBody())).body;
    await ctx.database.db.insert(actionItems).values(withSearchText('actionItems', {
      orgId: cast.org.id,
      collaborationId: cast.collaboration.id,
      meetingId,
      sourceTopicId: topic.id,
      description: '冻结功能',
      ownerId: cast.people.engineer.id,
      dueDate: '2024-08-10',
      originalDueDate: '2024-08-10',
      deliverable: '版本说明',
      createdBy: cast.people.head.id,
    }));
    const refused = await recorder.delete(`/topics/${topic.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('行动项');
  });
});

describe('sensitive topics', () => {
  it('show only a placeholder to people not named, everywhere in the meeting, and always name their author', async () => {
    const meetingId = await createMeeting();
    const created = await recorder.post(`/meetings/${meetingId}/topics`, {
      title: '渠道返点比例',
      discussion: '返点上限8%',
      feedback: [{ departmentId: cast.departments.sales.id, text: '希望提高到10%' }],
      sensitive: true,
      visibleToUserIds: [cast.people.seller.id],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: '渠道返点比例', sensitive: true, restricted: false });
    expect(created.body.visibleToUserIds.sort()).toEqual([cast.people.seller.id, cast.people.recorder.id].sort());

    for (const viewer of [engineer, head, admin]) {
      const response = await viewer.get(`/meetings/${meetingId}`);
      expect(response.status).toBe(200);
      expect(response.body.topics).toEqual([{ id: created.body.id, meetingId, position: 0, sensitive: true, restricted: true }]);
      const json = JSON.stringify(response.body);
      for (const secret of ['渠道返点比例', '返点上限8%', '希望提高到10%']) expect(json).not.toContain(secret);
      expect(response.body.missingParts.find((p: { code: string }) => p.code === 'FEEDBACK_MISSING').message).toContain('受限议题');
    }
    const named = await seller.get(`/meetings/${meetingId}`);
    expect(named.body.topics[0]).toMatchObject({ title: '渠道返点比例', discussion: '返点上限8%', restricted: false });
    expect(named.body.topics[0].feedback[0].text).toBe('希望提高到10%');

    const [event] = await audit(created.body.id);
    expect(event!.restrictedTo!.sort()).toEqual([cast.people.seller.id, cast.people.recorder.id].sort());
  });

  it('may be edited only by people it names: an editor not named gets 404', async () => {
    const meetingId = await createMeeting();
    const topic = (await recorder.post(`/meetings/${meetingId}/topics`, topicBody({ sensitive: true, visibleToUserIds: [] }))).body;
    expect(topic.visibleToUserIds).toEqual([cast.people.recorder.id]);
    expect((await head.patch(`/topics/${topic.id}`, { title: 'x' })).status).toBe(404);
    expect((await head.delete(`/topics/${topic.id}`)).status).toBe(404);
    const shared = await recorder.patch(`/topics/${topic.id}`, { visibleToUserIds: [cast.people.head.id] });
    expect(shared.body.visibleToUserIds.sort()).toEqual([cast.people.head.id, cast.people.recorder.id].sort());
    expect((await head.patch(`/topics/${topic.id}`, { title: '预算' })).status).toBe(200);
    const opened = await head.patch(`/topics/${topic.id}`, { sensitive: false });
    expect(opened.body.sensitive).toBe(false);
    expect((await engineer.get(`/meetings/${meetingId}`)).body.topics[0].title).toBe('预算');
  });
});
