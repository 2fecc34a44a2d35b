import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, closeTestApp, loginAs, type Session, type TestContext } from '../app.ts';
import { buildTemplateCast } from '../factories.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let head: Session, recorder: Session;
let meetingId: string;

beforeAll(async () => {
  ctx = await buildTestApp();
  cast = await buildTemplateCast(ctx.database.db);
  head = await loginAs(ctx.app, cast.people.head);
  recorder = await loginAs(ctx.app, cast.people.recorder);
  const meeting = await head.post(`/collaborations/${cast.collaboration.id}/meetings`, {
    plannedStart: '2024-07-10T14:00:00+08:00',
    plannedEnd: '2024-07-10T16:00:00+08:00',
    mode: 'online',
    location: 'https://meeting.example/123',
    hostId: cast.people.head.id,
    recorderId: cast.people.recorder.id,
    agenda: ['新品发布会时间与流程'],
  });
  meetingId = meeting.body.id;
});
afterAll(() => closeTestApp(ctx));

describe('two people saving the same thing', () => {
  it('refuses the second save of a stale topic, naming who changed it', async () => {
    const topic = await recorder.post(`/meetings/${meetingId}/topics`, { title: '新品发布会时间与流程', discussion: '初稿' });
    const loaded = topic.body.version;
    expect(loaded).toBe(1);
    const first = await head.patch(`/topics/${topic.body.id}`, { consensus: '7月20日发布', version: loaded });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const second = await recorder.patch(`/topics/${topic.body.id}`, { consensus: '7月22日发布', version: loaded });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'CONFLICT', message: '内容已被 市场部李经理 修改，请刷新后再保存', currentVersion: 2, changedBy: { name: '市场部李经理' } });
    const now = await recorder.get(`/meetings/${meetingId}`);
    expect(now.body.topics[0].consensus).toBe('7月20日发布');
    const retried = await recorder.patch(`/topics/${topic.body.id}`, { consensus: '7月22日发布', version: 2 });
    expect(retried.status).toBe(200);
  });

  it('applies the same check to collaborations, meetings and action items', async () => {
    const collaboration = await head.get(`/collaborations/${cast.collaboration.id}`);
    expect((await head.patch(`/collaborations/${cast.collaboration.id}`, { health: 'at_risk', version: collaboration.body.version })).status).toBe(200);
    expect((await head.patch(`/collaborations/${cast.collaboration.id}`, { health: 'off_track', version: collaboration.body.version })).status).toBe(409);

    const meeting = await head.get(`/meetings/${meetingId}`);
    expect((await head.patch(`/meetings/${meetingId}`, { location: 'https://meeting.example/456', version: meeting.body.version })).status).toBe(200);
    expect((await recorder.patch(`/meetings/${meetingId}`, { location: '3楼会议室', version: meeting.body.version })).status).toBe(409);

    const item = await head.post(`/collaborations/${cast.collaboration.id}/action-items`, {
      description: '设计部完成发布会主视觉初稿',
      ownerId: cast.people.designer.id,
      dueDate: '2024-07-15',
      deliverable: '3版主视觉设计稿',
    });
    const designer = await loginAs(ctx.app, cast.people.designer);
    expect((await designer.post(`/action-items/${item.body.id}/updates`, { progress: 30, statusText: '设计中-完成30%' })).status).toBe(201);
    const stale = await head.patch(`/action-items/${item.body.id}`, { deliverable: '2版主视觉设计稿', version: item.body.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.changedBy.name).toBe('设计部陈设计师');
  });

  it('keeps last-write-wins for callers that send no version (scripts)', async () => {
    const topic = await recorder.post(`/meetings/${meetingId}/topics`, { title: '发布会预算分配' });
    await head.patch(`/topics/${topic.body.id}`, { discussion: 'a' });
    expect((await recorder.patch(`/topics/${topic.body.id}`, { discussion: 'b' })).status).toBe(200);
    expect((await recorder.patch(`/topics/${topic.body.id}`, { version: 0 })).status).toBe(400);
  });
});
