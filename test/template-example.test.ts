/**
 * The paper template's own example (seed-template.zh.md), walked through the API by the people it names:
 * 市场部 initiates 2024年Q3新品发布会筹备 with 研发部, 销售部, 设计部 and 客服部.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, closeTestApp, loginAs, type Session, type TestContext } from './app.ts';
import { buildTemplateCast } from './factories.ts';
import { staleSearchTexts } from './search-text-check.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let head: Session, recorder: Session, designer: Session, engineer: Session, support: Session, outsider: Session;

beforeAll(async () => {
  ctx = await buildTestApp('2024-07-08T09:00:00+08:00');
  cast = await buildTemplateCast(ctx.database.db);
  head = await loginAs(ctx.app, cast.people.head);
  recorder = await loginAs(ctx.app, cast.people.recorder);
  designer = await loginAs(ctx.app, cast.people.designer);
  engineer = await loginAs(ctx.app, cast.people.engineer);
  support = await loginAs(ctx.app, cast.people.support);
  outsider = await loginAs(ctx.app, cast.people.outsider);
});
afterAll(() => closeTestApp(ctx));

describe('2024年Q3新品发布会筹备, from scheduling to a moved deadline', () => {
  let collaborationId: string;
  let meetingId: string;
  let budgetTopicId: string;
  let guestTopicId: string;
  let visualItemId: string;

  it('the head of 市场部 starts the collaboration and schedules the meeting with its agenda', async () => {
    const d = cast.departments;
    const created = await head.post('/collaborations', {
      topic: '2024年Q3新品发布会筹备',
      goal: '覆盖10万+目标用户，转化率5%',
      scenario: 'major_project',
      initiatingDepartmentId: d.market.id,
      participatingDepartmentIds: [d.rnd.id, d.sales.id, d.design.id, d.service.id],
    });
    expect(created.status).toBe(201);
    collaborationId = created.body.id;
    const meeting = await head.post(`/collaborations/${collaborationId}/meetings`, {
      plannedStart: '2024-07-10T14:00:00+08:00',
      plannedEnd: '2024-07-10T16:00:00+08:00',
      mode: 'offline',
      location: '3楼会议室',
      hostId: cast.people.head.id,
      recorderId: cast.people.recorder.id,
      attendeeIds: [cast.people.engineer.id, cast.people.seller.id, cast.people.designer.id, cast.people.support.id],
      agenda: ['新品发布会时间与流程', '发布会预算分配', '跨部门分工与协作接口'],
    });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.id;
    const sent = await head.post(`/meetings/${meetingId}/agenda/send`);
    expect(sent.status).toBe(200);
    expect(sent.body.agendaSentLate).toBe(false);
  });

  it('the recorder minutes the meeting; a sensitive budget topic names only the head', async () => {
    ctx.clock.set('2024-07-10T16:05:00+08:00');
    expect((await recorder.post(`/meetings/${meetingId}/held`, {})).status).toBe(200);
    const d = cast.departments;
    const everyone = [d.rnd, d.sales, d.design, d.service].map((dept) => ({ departmentId: dept.id, text: `${dept.name}同意` }));
    const guests = await recorder.post(`/meetings/${meetingId}/topics`, {
      title: '新品发布会嘉宾邀请',
      discussion: '研发部建议邀请行业KOL，销售部建议优先合作渠户',
      feedback: everyone.filter((f) => f.departmentId !== d.service.id),
      disagreements: '邀请对象的优先级',
      consensus: '邀请2位KOL+3家核心渠户',
      problemTags: ['需求传递不清晰'],
    });
    expect(guests.status).toBe(201);
    guestTopicId = guests.body.id;
    const budget = await recorder.post(`/meetings/${meetingId}/topics`, {
      title: '发布会预算分配',
      discussion: '场地费用预估38万元',
      feedback: everyone,
      consensus: '预算上限45万元',
      sensitive: true,
      visibleToUserIds: [cast.people.head.id],
    });
    expect(budget.status).toBe(201);
    budgetTopicId = budget.body.id;
  });

  it('an action item needs an exact date and a person: 尽快 and a department are refused', async () => {
    const base = { description: '设计部完成发布会主视觉初稿', deliverable: '3版主视觉设计稿', meetingId, sourceTopicId: guestTopicId };
    const vague = await recorder.post(`/collaborations/${collaborationId}/action-items`, { ...base, ownerId: cast.people.designer.id, dueDate: '尽快' });
    expect(vague.status).toBe(400);
    expect(vague.body.error.fields).toEqual([expect.objectContaining({ path: 'dueDate' })]);
    const department = await recorder.post(`/collaborations/${collaborationId}/action-items`, { ...base, ownerId: cast.departments.design.id, dueDate: '2024-07-15' });
    expect(department.status).toBe(400);
    expect(department.body.error.fields).toEqual([expect.objectContaining({ path: 'ownerId' })]);
    const item = await recorder.post(`/collaborations/${collaborationId}/action-items`, { ...base, ownerId: cast.people.designer.id, dueDate: '2024-07-15' });
    expect(item.status).toBe(201);
    visualItemId = item.body.id;
  });

  it('publishing is refused while 客服部 has given no feedback on a topic, then accepted', async () => {
    const refused = await recorder.post(`/meetings/${meetingId}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('RECORD_INCOMPLETE');
    expect(JSON.stringify(refused.body.error)).toContain(cast.departments.service.id);
    const d = cast.departments;
    const feedback = [d.rnd, d.sales, d.design].map((dept) => ({ departmentId: dept.id, text: `${dept.name}同意` }));
    const patched = await recorder.patch(`/topics/${guestTopicId}`, { feedback: [...feedback, { departmentId: d.service.id, noFeedback: true }] });
    expect(patched.status).toBe(200);
    const published = await recorder.post(`/meetings/${meetingId}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ minutesStatus: 'published', publishedLate: false });
  });

  it('a participant reads the record but cannot edit it, and sees the budget topic only as a placeholder', async () => {
    const record = await engineer.get(`/collaborations/${collaborationId}`);
    expect(record.status).toBe(200);
    expect(record.body.abilities.update).toBe(false);
    expect((await engineer.patch(`/collaborations/${collaborationId}`, { health: 'at_risk' })).status).toBe(403);
    const meeting = await support.get(`/meetings/${meetingId}`);
    expect(meeting.status).toBe(200);
    const raw = JSON.stringify(meeting.body);
    expect(raw).not.toContain('38万');
    expect(raw).not.toContain('45万');
    const placeholder = meeting.body.topics.find((t: { id: string }) => t.id === budgetTopicId);
    expect(placeholder).toMatchObject({ restricted: true });
    expect(placeholder.title ?? null).toBeNull();
    expect(placeholder.discussion ?? null).toBeNull();
    const history = JSON.stringify((await support.get(`/collaborations/${collaborationId}/history`)).body);
    expect(history).not.toContain('38万');
    const named = JSON.stringify((await head.get(`/meetings/${meetingId}`)).body);
    expect(named).toContain('场地费用预估38万元');
  });

  it('the designer moves the due date only with a reason, and the history shows 7-15 → 7-17', async () => {
    ctx.clock.set('2024-07-14T10:00:00+08:00');
    const noReason = await designer.post(`/action-items/${visualItemId}/updates`, { progress: 80, statusText: '设计中-完成80%', newDueDate: '2024-07-17' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toEqual([expect.objectContaining({ path: 'delayReason' })]);
    const moved = await designer.post(`/action-items/${visualItemId}/updates`, {
      progress: 80,
      statusText: '设计中-完成80%',
      newDueDate: '2024-07-17',
      delayCode: 'requirement_change',
      delayReason: '因客户需求调整',
      remedy: '已协调设计师加班完成',
    });
    expect(moved.status).toBe(201);
    expect(moved.body.item).toMatchObject({ dueDate: '2024-07-17', progress: 80 });
    expect((await designer.patch(`/action-items/${visualItemId}`, { description: '改个描述' })).status).toBe(403);
    const history = await head.get(`/collaborations/${collaborationId}/history`);
    const move = history.body.items.find((e: { action: string }) => e.action === 'due_date_moved');
    expect(move.before).toMatchObject({ dueDate: '2024-07-15' });
    expect(move.after).toMatchObject({ dueDate: '2024-07-17' });
    expect(move.actor.name).toBe('设计部陈设计师');
  });

  it('leaves every searchable row with the search vector of its current text', async () => {
    const { rows, stale } = await staleSearchTexts(ctx.database.db, cast.org.id);
    expect(rows).toBeGreaterThan(5);
    expect(stale).toEqual([]);
  });

  it('an outsider gets 404 for everything in it', async () => {
    for (const url of [`/collaborations/${collaborationId}`, `/collaborations/${collaborationId}/history`, `/meetings/${meetingId}`, `/action-items/${visualItemId}`, `/meetings/${meetingId}/invite.ics`]) {
      expect((await outsider.get(url)).status, url).toBe(404);
    }
    expect((await outsider.post(`/action-items/${visualItemId}/updates`, { progress: 10, statusText: 'x' })).status).toBe(404);
    expect((await outsider.patch(`/topics/${guestTopicId}`, { consensus: 'x' })).status).toBe(404);
    const list = await outsider.get(`/action-items?collaborationId=${collaborationId}`);
    expect(list.body.items).toEqual([]);
  });
});
