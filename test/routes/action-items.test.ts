import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, closeTestApp, loginAs, type Session, type TestContext } from '../app.ts';
import { buildCollaboration, buildTemplateCast, buildUser } from '../factories.ts';
import type { Db } from '../../src/server/db/client.ts';
import { actionItems, auditEvents, collaborations, meetings, notifications, topics } from '../../src/server/db/schema/index.ts';
import { withSearchText } from '../../src/server/search/search-text.ts';

const START = '2024-07-08T10:00:00+08:00';
const DAY = 86_400_000;

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let as: Record<'head' | 'recorder' | 'engineer' | 'seller' | 'designer' | 'outsider' | 'pmo' | 'orgAdmin', Session>;
let meeting: { id: string };
let topic: { id: string };

/** A meeting straight in the database (the meetings API is tested on its own). */
async function buildMeeting(db: Db, orgId: string, collaborationId: string, people: { hostId: string; recorderId: string; createdBy: string }) {
  const [row] = await db
    .insert(meetings)
    .values({
      orgId,
      collaborationId,
      plannedStart: new Date('2024-07-05T06:00:00Z'),
      plannedEnd: new Date('2024-07-05T08:00:00Z'),
      mode: 'offline',
      location: '3楼大会议室',
      ...people,
    })
    .returning();
  return row!;
}

async function buildTopic(db: Db, orgId: string, meetingId: string, title = '发布会时间与场地确认') {
  const [row] = await db.insert(topics).values(withSearchText('topics', { orgId, meetingId, position: 1, title })).returning();
  return row!;
}

const validItem = (ownerId: string, overrides: Record<string, unknown> = {}) => ({
  description: '完成发布会主视觉设计',
  ownerId,
  dueDate: '2024-07-15',
  deliverable: '主视觉设计稿（PSD + PNG）',
  ...overrides,
});

const fieldPaths = (body: { error: { fields?: { path: string }[] } }) => (body.error.fields ?? []).map((f) => f.path);

beforeAll(async () => {
  ctx = await buildTestApp(START);
  cast = await buildTemplateCast(ctx.database.db);
  const p = cast.people;
  as = {
    head: await loginAs(ctx.app, p.head),
    recorder: await loginAs(ctx.app, p.recorder),
    engineer: await loginAs(ctx.app, p.engineer),
    seller: await loginAs(ctx.app, p.seller),
    designer: await loginAs(ctx.app, p.designer),
    outsider: await loginAs(ctx.app, p.outsider),
    pmo: await loginAs(ctx.app, p.pmo),
    orgAdmin: await loginAs(ctx.app, p.orgAdmin),
  };
  // The seller hosts and the recorder minutes; neither edits the collaboration itself.
  meeting = await buildMeeting(ctx.database.db, cast.org.id, cast.collaboration.id, { hostId: p.seller.id, recorderId: p.recorder.id, createdBy: p.head.id });
  topic = await buildTopic(ctx.database.db, cast.org.id, meeting.id);
});
afterAll(() => closeTestApp(ctx));
beforeEach(() => ctx.clock.set(START));

const itemsUrl = () => `/collaborations/${cast.collaboration.id}/action-items`;

describe('POST /collaborations/:id/action-items', () => {
  it('records the four elements with the owner’s department, tells the owner and writes the history', async () => {
    const response = await as.head.post(itemsUrl(), validItem(cast.people.engineer.id, { meetingId: meeting.id, sourceTopicId: topic.id }));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      collaborationId: cast.collaboration.id,
      collaborationTopic: '2024年Q3新品发布会筹备',
      meetingId: meeting.id,
      sourceTopicId: topic.id,
      description: '完成发布会主视觉设计',
      owner: { id: cast.people.engineer.id, name: '研发部张工' },
      ownerDepartmentId: cast.departments.rnd.id,
      dueDate: '2024-07-15',
      originalDueDate: '2024-07-15',
      deliverable: '主视觉设计稿（PSD + PNG）',
      status: 'todo',
      progress: 0,
      statusText: '',
      sensitive: false,
      restricted: false,
      lastUpdateAt: null,
      acceptedAt: null,
      acceptedBy: null,
      acceptedByName: null,
      daysOverdue: 0,
      isStale: false,
      updateDueOn: '2024-07-14',
      createdAt: '2024-07-08T10:00:00+08:00',
      abilities: { update: true, postUpdate: true, accept: false, reopen: false },
    });
    const id = response.body.id as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const outbox = await ctx.database.db.select().from(notifications).where(eq(notifications.entityId, id));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ event: 'item_assigned', recipientId: cast.people.engineer.id, channel: 'in_app' });
    expect(outbox[0]!.payload).toMatchObject({ description: '完成发布会主视觉设计', dueDate: '2024-07-15', collaborationTopic: '2024年Q3新品发布会筹备' });

    const [audit] = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'created')));
    expect(audit).toMatchObject({ actorId: cast.people.head.id, collaborationId: cast.collaboration.id, entityType: 'action_item', restrictedTo: null });
    expect(audit!.after).toMatchObject({ ownerId: cast.people.engineer.id, dueDate: '2024-07-15' });
  });

  it('requires each of the four elements, naming every missing one', async () => {
    const empty = await as.head.post(itemsUrl(), {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    expect(fieldPaths(empty.body).sort()).toEqual(['deliverable', 'description', 'dueDate', 'ownerId']);

    for (const field of ['description', 'deliverable'] as const) {
      const blank = await as.head.post(itemsUrl(), validItem(cast.people.engineer.id, { [field]: '   ' }));
      expect(blank.status).toBe(400);
      expect(fieldPaths(blank.body)).toEqual([field]);
    }
    const blankDate = await as.head.post(itemsUrl(), validItem(cast.people.engineer.id, { dueDate: '' }));
    expect(fieldPaths(blankDate.body)).toEqual(['dueDate']);
  });

  it.each(['尽快', '本周内', 'ASAP'])('refuses the vague due date "%s" naming dueDate', async (vague) => {
    const response = await as.head.post(itemsUrl(), validItem(cast.people.engineer.id, { dueDate: vague }));
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([{ path: 'dueDate', message: expect.stringContaining('具体日期') }]);
  });

  it('says so in English too, and refuses a date that does not exist', async () => {
    const en = await as.head.request('POST', itemsUrl(), validItem(cast.people.engineer.id, { dueDate: 'ASAP' }), { 'accept-language': 'en' });
    expect(en.body.error.fields).toEqual([{ path: 'dueDate', message: expect.stringContaining('exact date') }]);
    const impossible = await as.head.post(itemsUrl(), validItem(cast.people.engineer.id, { dueDate: '2024-02-30' }));
    expect(impossible.status).toBe(400);
    expect(fieldPaths(impossible.body)).toEqual(['dueDate']);
  });

  it('refuses a department, a non-id, a stranger or a deactivated user as owner, naming ownerId', async () => {
    const stranger = await buildUser(ctx.database.db, (await buildTemplateCast(ctx.database.db)).org.id);
    const gone = await buildUser(ctx.database.db, cast.org.id, { departmentIds: [cast.departments.rnd.id], active: false });
    const cases: [string, string][] = [
      [cast.departments.rnd.id, '负责人必须是具体的人（在职用户），不能是部门'],
      ['研发部', '负责人必须是具体的人（在职用户），不能是部门'],
      [stranger.id, '负责人必须是具体的人（在职用户），不能是部门'],
      [gone.id, '负责人账号已停用'],
    ];
    for (const [ownerId, message] of cases) {
      const response = await as.head.post(itemsUrl(), validItem(ownerId));
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toEqual([{ path: 'ownerId', message }]);
    }
    const count = await ctx.database.db.select().from(actionItems).where(eq(actionItems.ownerId, gone.id));
    expect(count).toHaveLength(0);
  });

  it('lets the host and recorder of a meeting create its items, and only with that meeting', async () => {
    const byRecorder = await as.recorder.post(itemsUrl(), validItem(cast.people.designer.id, { meetingId: meeting.id }));
    expect(byRecorder.status).toBe(201);
    expect(byRecorder.body.ownerDepartmentId).toBe(cast.departments.design.id);
    // The source topic implies its meeting.
    const byHost = await as.seller.post(itemsUrl(), validItem(cast.people.designer.id, { sourceTopicId: topic.id }));
    expect(byHost.status).toBe(201);
    expect(byHost.body.meetingId).toBe(meeting.id);
    const withoutMeeting = await as.recorder.post(itemsUrl(), validItem(cast.people.designer.id));
    expect(withoutMeeting.status).toBe(403);
    expect(withoutMeeting.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses a meeting or topic from another collaboration, naming the field', async () => {
    const other = await buildCollaboration(ctx.database.db, cast.org.id, {
      creatorId: cast.people.head.id,
      initiatingDepartmentId: cast.departments.market.id,
      participatingDepartmentIds: [cast.departments.rnd.id],
    });
    const foreignMeeting = await buildMeeting(ctx.database.db, cast.org.id, other.id, { hostId: cast.people.head.id, recorderId: cast.people.head.id, createdBy: cast.people.head.id });
    const foreignTopic = await buildTopic(ctx.database.db, cast.org.id, foreignMeeting.id);
    const badMeeting = await as.head.post(itemsUrl(), validItem(cast.people.engineer.id, { meetingId: foreignMeeting.id }));
    expect(badMeeting.status).toBe(400);
    expect(fieldPaths(badMeeting.body)).toEqual(['meetingId']);
    const badTopic = await as.head.post(itemsUrl(), validItem(cast.people.engineer.id, { sourceTopicId: foreignTopic.id }));
    expect(badTopic.status).toBe(400);
    expect(fieldPaths(badTopic.body)).toEqual(['sourceTopicId']);
    const mismatch = await as.head.post(itemsUrl(), validItem(cast.people.engineer.id, { meetingId: meeting.id, sourceTopicId: foreignTopic.id }));
    expect(fieldPaths(mismatch.body)).toEqual(['sourceTopicId']);
  });

  it('hides the collaboration from outsiders (404) and refuses readers who may not edit (403)', async () => {
    const outsider = await as.outsider.post(itemsUrl(), validItem(cast.people.engineer.id));
    expect(outsider.status).toBe(404);
    expect(outsider.body.error.code).toBe('NOT_FOUND');
    for (const reader of [as.pmo, as.engineer]) {
      const response = await reader.post(itemsUrl(), validItem(cast.people.engineer.id));
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    const unknown = await as.head.post(`/collaborations/${cast.people.head.id}/action-items`, validItem(cast.people.engineer.id));
    expect(unknown.status).toBe(404);
  });

  it('names the actor and the owner on a sensitive item and refuses unknown people in its list', async () => {
    const response = await as.head.post(itemsUrl(), validItem(cast.people.engineer.id, { sensitive: true, visibleToUserIds: [cast.people.pmo.id] }));
    expect(response.status).toBe(201);
    expect([...response.body.visibleToUserIds].sort()).toEqual([cast.people.head.id, cast.people.engineer.id, cast.people.pmo.id].sort());
    const gone = await buildUser(ctx.database.db, cast.org.id, { active: false });
    const refused = await as.head.post(itemsUrl(), validItem(cast.people.engineer.id, { sensitive: true, visibleToUserIds: [gone.id] }));
    expect(refused.status).toBe(400);
    expect(fieldPaths(refused.body)).toEqual(['visibleToUserIds']);
  });
});

describe('GET /action-items/:id', () => {
  let itemId: string;
  beforeAll(async () => {
    itemId = (await as.head.post(itemsUrl(), validItem(cast.people.engineer.id, { meetingId: meeting.id }))).body.id;
  });

  it('answers readers with the abilities each one has', async () => {
    const byOwner = await as.engineer.get(`/action-items/${itemId}`);
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.abilities).toEqual({ update: false, postUpdate: true, accept: false, reopen: false });
    const byRecorder = await as.recorder.get(`/action-items/${itemId}`);
    expect(byRecorder.body.abilities).toEqual({ update: true, postUpdate: true, accept: false, reopen: false });
    const byPmo = await as.pmo.get(`/action-items/${itemId}`);
    expect(byPmo.status).toBe(200);
    expect(byPmo.body.abilities).toEqual({ update: false, postUpdate: false, accept: false, reopen: false });
    const byDesigner = await as.designer.get(`/action-items/${itemId}`);
    expect(byDesigner.status).toBe(200);
  });

  it('answers 404 to outsiders, to unknown ids and to malformed ids', async () => {
    expect((await as.outsider.get(`/action-items/${itemId}`)).status).toBe(404);
    expect((await as.head.get(`/action-items/${cast.collaboration.id}`)).status).toBe(404);
    expect((await as.head.get('/action-items/42')).status).toBe(404);
  });

  it('shows the owner as a reader once assigned, even from outside the departments', async () => {
    // A collaboration of its own: from now on the outsider reads it.
    const separate = await buildCollaboration(ctx.database.db, cast.org.id, {
      creatorId: cast.people.head.id,
      initiatingDepartmentId: cast.departments.market.id,
      participatingDepartmentIds: [cast.departments.rnd.id],
    });
    expect((await as.outsider.get(`/action-items?collaborationId=${separate.id}`)).body.items).toEqual([]);
    const outsiderItem = await as.head.post(`/collaborations/${separate.id}/action-items`, validItem(cast.people.outsider.id));
    expect(outsiderItem.status).toBe(201);
    expect(outsiderItem.body.ownerDepartmentId).toBe(cast.departments.admin.id);
    const seen = await as.outsider.get(`/action-items/${outsiderItem.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.abilities.postUpdate).toBe(true);
  });
});

describe('PATCH /action-items/:id', () => {
  let itemId: string;
  beforeAll(async () => {
    itemId = (await as.head.post(itemsUrl(), validItem(cast.people.engineer.id, { meetingId: meeting.id }))).body.id;
  });

  it('lets an editor change the elements, recording before → after', async () => {
    const response = await as.head.patch(`/action-items/${itemId}`, { description: '完成发布会主视觉与海报设计', status: 'blocked' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ description: '完成发布会主视觉与海报设计', status: 'blocked', dueDate: '2024-07-15' });
    const [audit] = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, itemId), eq(auditEvents.action, 'updated')));
    expect(audit!.before).toEqual({ description: '完成发布会主视觉设计', status: 'todo' });
    expect(audit!.after).toEqual({ description: '完成发布会主视觉与海报设计', status: 'blocked' });
  });

  it('lets the meeting’s recorder edit its items', async () => {
    const response = await as.recorder.patch(`/action-items/${itemId}`, { deliverable: '主视觉设计稿 v2' });
    expect(response.status).toBe(200);
    expect(response.body.deliverable).toBe('主视觉设计稿 v2');
  });

  it('refuses the due date here, pointing to progress updates', async () => {
    const response = await as.head.patch(`/action-items/${itemId}`, { dueDate: '2024-07-20' });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([{ path: 'dueDate', message: expect.stringContaining('延期原因') }]);
    const en = await as.head.request('PATCH', `/action-items/${itemId}`, { dueDate: '2024-07-20' }, { 'accept-language': 'en' });
    expect(en.body.error.fields[0].message).toContain('progress update');
  });

  it('re-checks a new owner and tells them', async () => {
    const bad = await as.head.patch(`/action-items/${itemId}`, { ownerId: cast.departments.sales.id });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'ownerId', message: '负责人必须是具体的人（在职用户），不能是部门' }]);

    const response = await as.head.patch(`/action-items/${itemId}`, { ownerId: cast.people.designer.id });
    expect(response.status).toBe(200);
    expect(response.body.owner).toEqual({ id: cast.people.designer.id, name: '设计部陈设计师' });
    expect(response.body.ownerDepartmentId).toBe(cast.departments.design.id);
    const outbox = await ctx.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.entityId, itemId), eq(notifications.recipientId, cast.people.designer.id)));
    expect(outbox.map((n) => n.event)).toEqual(['item_assigned']);
  });

  it('lets the owner post updates but not edit (403); pmo 403; outsiders 404', async () => {
    const owned = (await as.head.post(itemsUrl(), validItem(cast.people.engineer.id))).body.id;
    const byOwner = await as.engineer.patch(`/action-items/${owned}`, { description: '改一下' });
    expect(byOwner.status).toBe(403);
    expect(byOwner.body.error.code).toBe('FORBIDDEN');
    expect((await as.engineer.post(`/action-items/${owned}/updates`, { progress: 20, statusText: '开始设计' })).status).toBe(201);
    expect((await as.pmo.patch(`/action-items/${owned}`, { description: '改一下' })).status).toBe(403);
    expect((await as.outsider.patch(`/action-items/${owned}`, { description: '改一下' })).status).toBe(404);
    const item = await as.head.get(`/action-items/${owned}`);
    expect(item.body.description).toBe('完成发布会主视觉设计');
  });

  it('makes an item sensitive and public again, always naming the editor and the owner', async () => {
    const id = (await as.head.post(itemsUrl(), validItem(cast.people.engineer.id, { description: '场地租金谈判' }))).body.id;
    const hidden = await as.head.patch(`/action-items/${id}`, { sensitive: true });
    expect(hidden.status).toBe(200);
    expect([...hidden.body.visibleToUserIds].sort()).toEqual([cast.people.head.id, cast.people.engineer.id].sort());
    const bySeller = await as.seller.get(`/action-items/${id}`);
    expect(bySeller.body.restricted).toBe(true);
    expect(JSON.stringify(bySeller.body)).not.toContain('租金');
    const [audit] = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'updated')));
    expect([...audit!.restrictedTo!].sort()).toEqual([cast.people.head.id, cast.people.engineer.id].sort());
    const unknown = await as.head.patch(`/action-items/${id}`, { visibleToUserIds: [cast.departments.rnd.id] });
    expect(fieldPaths(unknown.body)).toEqual(['visibleToUserIds']);
    const shown = await as.head.patch(`/action-items/${id}`, { sensitive: false });
    expect(shown.body).toMatchObject({ sensitive: false, restricted: false });
    expect((await as.seller.get(`/action-items/${id}`)).body.description).toBe('场地租金谈判');
  });

  it('refuses a status change on a closed item: it must be reopened', async () => {
    const done = (await as.head.post(itemsUrl(), validItem(cast.people.engineer.id))).body.id;
    await as.engineer.post(`/action-items/${done}/updates`, { progress: 100, statusText: '已交付' });
    const response = await as.head.patch(`/action-items/${done}`, { status: 'todo' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CONFLICT');
  });
});

describe('GET /action-items', () => {
  let list: Awaited<ReturnType<typeof buildTemplateCast>>;
  let head: Session;
  let engineer: Session;
  let seller: Session;
  let outsider: Session;
  let pmo: Session;
  let other: { id: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // Its own organisation, so the counts below are exact on a shared PostgreSQL database.
    list = await buildTemplateCast(ctx.database.db);
    head = await loginAs(ctx.app, list.people.head);
    engineer = await loginAs(ctx.app, list.people.engineer);
    seller = await loginAs(ctx.app, list.people.seller);
    outsider = await loginAs(ctx.app, list.people.outsider);
    pmo = await loginAs(ctx.app, list.people.pmo);
    const m = await buildMeeting(ctx.database.db, list.org.id, list.collaboration.id, { hostId: list.people.head.id, recorderId: list.people.recorder.id, createdBy: list.people.head.id });
    other = await buildCollaboration(ctx.database.db, list.org.id, {
      creatorId: list.people.head.id,
      initiatingDepartmentId: list.departments.market.id,
      participatingDepartmentIds: [list.departments.rnd.id],
      topic: '客服知识库升级',
    });
    const create = async (key: string, collaborationId: string, body: Record<string, unknown>) => {
      const r = await head.post(`/collaborations/${collaborationId}/action-items`, body);
      expect(r.status).toBe(201);
      ids[key] = r.body.id;
    };
    await create('a', list.collaboration.id, { description: '确认发布会场地', ownerId: list.people.engineer.id, dueDate: '2024-07-09', deliverable: '场地合同', meetingId: m.id });
    await create('b', list.collaboration.id, { description: '准备演示样机', ownerId: list.people.engineer.id, dueDate: '2024-07-10', deliverable: '样机 3 台' });
    await create('c', list.collaboration.id, { description: '销售话术培训', ownerId: list.people.seller.id, dueDate: '2024-07-12', deliverable: '培训材料' });
    await create('d', other.id, { description: '整理常见问题', ownerId: list.people.engineer.id, dueDate: '2024-07-11', deliverable: 'FAQ 文档' });
    await create('e', list.collaboration.id, { description: '发布会成本核算', ownerId: list.people.engineer.id, dueDate: '2024-07-20', deliverable: '成本表', sensitive: true });
    // b is done, so never overdue.
    expect((await engineer.post(`/action-items/${ids.b}/updates`, { progress: 100, statusText: '样机已就绪' })).status).toBe(201);
  });

  const idsOf = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

  it('orders by due date and shows each reader what they may read', async () => {
    const all = await head.get('/action-items');
    expect(all.status).toBe(200);
    expect(idsOf(all.body)).toEqual([ids.a, ids.b, ids.d, ids.c, ids.e]);
    expect(all.body.nextCursor).toBeNull();
    expect(idsOf((await pmo.get('/action-items')).body)).toEqual([ids.a, ids.b, ids.d, ids.c, ids.e]);
    // The seller's department takes part only in the first collaboration.
    expect(idsOf((await seller.get('/action-items')).body)).toEqual([ids.a, ids.b, ids.c, ids.e]);
    expect((await outsider.get('/action-items')).body).toEqual({ items: [], nextCursor: null });
    const first = all.body.items[0];
    expect(first).toMatchObject({ collaborationTopic: '2024年Q3新品发布会筹备', owner: { id: list.people.engineer.id, name: '研发部张工' }, ownerDepartmentId: list.departments.rnd.id });
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['statusText', 'lastUpdateAt', 'acceptedAt', 'acceptedBy', 'daysOverdue', 'isStale', 'updateDueOn', 'abilities']));
  });

  it('filters by owner (also ownerId=me), collaboration, meeting, status and due-date range', async () => {
    expect(idsOf((await engineer.get('/action-items?ownerId=me')).body)).toEqual([ids.a, ids.b, ids.d, ids.e]);
    expect(idsOf((await head.get(`/action-items?ownerId=${list.people.seller.id}`)).body)).toEqual([ids.c]);
    expect(idsOf((await head.get('/action-items?ownerId=me')).body)).toEqual([]);
    expect(idsOf((await head.get(`/action-items?collaborationId=${other.id}`)).body)).toEqual([ids.d]);
    const meetingId = (await head.get(`/action-items/${ids.a}`)).body.meetingId;
    expect(idsOf((await head.get(`/action-items?meetingId=${meetingId}`)).body)).toEqual([ids.a]);
    expect(idsOf((await head.get('/action-items?status=done')).body)).toEqual([ids.b]);
    expect(idsOf((await head.get('/action-items?status=open')).body)).toEqual([ids.a, ids.d, ids.c, ids.e]);
    expect(idsOf((await head.get('/action-items?dueAfter=2024-07-10&dueBefore=2024-07-12')).body)).toEqual([ids.b, ids.d, ids.c]);
  });

  it('refuses a malformed filter naming it', async () => {
    const badOwner = await head.get('/action-items?ownerId=研发部');
    expect(badOwner.status).toBe(400);
    expect(fieldPaths(badOwner.body)).toEqual(['ownerId']);
    const badStatus = await head.get('/action-items?status=late');
    expect(fieldPaths(badStatus.body)).toEqual(['status']);
    const badCursor = await head.get('/action-items?cursor=nonsense');
    expect(fieldPaths(badCursor.body)).toEqual(['cursor']);
    // Year 0000 has the shape of a date but exists in no calendar, and the database refuses it (found by fuzzing).
    const yearZero = await head.get('/action-items?dueBefore=0000-01-01&dueAfter=2024-02-30');
    expect(yearZero.status).toBe(400);
    expect(fieldPaths(yearZero.body).sort()).toEqual(['dueAfter', 'dueBefore']);
    const forgedCursor = Buffer.from(JSON.stringify({ dueDate: '0000-01-01', id: ids.a })).toString('base64url');
    expect(fieldPaths((await head.get(`/action-items?cursor=${forgedCursor}`)).body)).toEqual(['cursor']);
  });

  it('finds overdue items by the organisation’s calendar as the clock moves', async () => {
    // 2024-07-08 10:00 Shanghai: nothing is late yet.
    expect(idsOf((await head.get('/action-items?overdue=true')).body)).toEqual([]);
    // 2024-07-10 00:30 Shanghai (still 07-09 in UTC): a (due 07-09) is one day late; b is done.
    ctx.clock.set('2024-07-10T00:30:00+08:00');
    const late = await head.get('/action-items?overdue=true');
    expect(idsOf(late.body)).toEqual([ids.a]);
    expect(late.body.items[0]).toMatchObject({ daysOverdue: 1 });
    // d is due 07-11: on time until the last minute of that day, late at local midnight (16:00 UTC).
    ctx.clock.set('2024-07-11T23:59:00+08:00');
    expect(idsOf((await head.get('/action-items?overdue=true')).body)).toEqual([ids.a]);
    ctx.clock.set('2024-07-12T00:00:00+08:00');
    expect(idsOf((await head.get('/action-items?overdue=true')).body)).toEqual([ids.a, ids.d]);
    ctx.clock.set('2024-07-10T00:30:00+08:00');
    ctx.clock.advance(3 * DAY);
    const later = await head.get('/action-items?overdue=true');
    expect(idsOf(later.body)).toEqual([ids.a, ids.d, ids.c]);
    expect(later.body.items.map((i: { daysOverdue: number }) => i.daysOverdue)).toEqual([4, 2, 1]);
    expect(later.body.items.every((i: { isStale: boolean }) => i.isStale)).toBe(true);
    expect(idsOf((await head.get('/action-items?overdue=false')).body)).toEqual([ids.b, ids.e]);
  });

  it('pages with a cursor without losing or repeating items', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await head.get(
        `/action-items?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...idsOf(response.body));
      cursor = response.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([ids.a, ids.b, ids.d, ids.c, ids.e]);
  });

  it('never shows a sensitive item’s words to a participant not named — in the list, the item, or a search', async () => {
    const listed = await seller.get('/action-items');
    const raw = JSON.stringify(listed.body);
    expect(raw).not.toContain('发布会成本核算');
    expect(raw).not.toContain('成本表');
    const placeholder = listed.body.items.find((i: { id: string }) => i.id === ids.e);
    expect(placeholder).toEqual({
      id: ids.e,
      collaborationId: list.collaboration.id,
      sensitive: true,
      restricted: true,
      status: 'todo',
      dueDate: '2024-07-20',
      owner: { id: list.people.engineer.id, name: '研发部张工' },
    });
    const single = await seller.get(`/action-items/${ids.e}`);
    expect(single.status).toBe(200);
    expect(single.body).toEqual(placeholder);
    expect(JSON.stringify(single.body)).not.toContain('成本');
    expect((await seller.get(`/action-items?q=${encodeURIComponent('成本')}`)).body.items).toEqual([]);
    // The pmo reads every record but is not named either.
    expect(JSON.stringify((await pmo.get('/action-items')).body)).not.toContain('发布会成本核算');
    // Those named see it whole, and find it.
    const named = await engineer.get(`/action-items?q=${encodeURIComponent('成本')}`);
    expect(named.body.items).toHaveLength(1);
    expect(named.body.items[0]).toMatchObject({ id: ids.e, description: '发布会成本核算', restricted: false });
    expect(idsOf((await head.get(`/action-items?q=${encodeURIComponent('样机')}`)).body)).toEqual([ids.b]);
  });

  it('keeps a sensitive item’s words out of its notification and history for others', async () => {
    const [outbox] = await ctx.database.db.select().from(notifications).where(eq(notifications.entityId, ids.e!));
    expect(outbox!.recipientId).toBe(list.people.engineer.id);
    expect(JSON.stringify(outbox!.payload)).not.toContain('成本');
    const [audit] = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, ids.e!));
    expect([...audit!.restrictedTo!].sort()).toEqual([list.people.head.id, list.people.engineer.id].sort());
  });

  it('refuses writes to a sensitive item by someone not named, even an editor (404)', async () => {
    const admin = await loginAs(ctx.app, list.people.orgAdmin);
    expect((await admin.get(`/action-items/${ids.e}`)).body.restricted).toBe(true);
    expect((await admin.patch(`/action-items/${ids.e}`, { description: '偷看' })).status).toBe(404);
    expect((await admin.post(`/action-items/${ids.e}/updates`, { progress: 10, statusText: 'x' })).status).toBe(404);
    expect((await seller.post(`/action-items/${ids.e}/updates`, { progress: 10, statusText: 'x' })).status).toBe(404);
  });
});

describe('archived collaborations', () => {
  it('answers 409 ARCHIVED to every write, while reads go on', async () => {
    const archived = await buildCollaboration(ctx.database.db, cast.org.id, {
      creatorId: cast.people.head.id,
      initiatingDepartmentId: cast.departments.market.id,
      participatingDepartmentIds: [cast.departments.rnd.id],
    });
    const url = `/collaborations/${archived.id}/action-items`;
    const open = (await as.head.post(url, validItem(cast.people.engineer.id))).body.id;
    const done = (await as.head.post(url, validItem(cast.people.engineer.id))).body.id;
    expect((await as.engineer.post(`/action-items/${done}/updates`, { progress: 100, statusText: '完成' })).status).toBe(201);
    await ctx.database.db.update(collaborations).set({ status: 'completed', archivedAt: new Date() }).where(eq(collaborations.id, archived.id));

    const writes = [
      await as.head.post(url, validItem(cast.people.engineer.id)),
      await as.head.patch(`/action-items/${open}`, { description: '归档后修改' }),
      await as.engineer.post(`/action-items/${open}/updates`, { progress: 50, statusText: '进行中' }),
      await as.head.post(`/action-items/${done}/accept`),
      await as.head.post(`/action-items/${done}/reopen`, { reason: '需要返工' }),
    ];
    for (const response of writes) {
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('ARCHIVED');
    }
    const read = await as.engineer.get(`/action-items/${open}`);
    expect(read.status).toBe(200);
    expect(read.body.abilities).toEqual({ update: false, postUpdate: false, accept: false, reopen: false });
    // Outsiders still learn nothing.
    expect((await as.outsider.patch(`/action-items/${open}`, { description: 'x' })).status).toBe(404);
  });
});
