import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, closeTestApp, call, loginAs, type Session, type TestContext } from '../app.ts';
import { buildCollaboration, buildTemplateCast } from '../factories.ts';
import { createSecretBox } from '../../src/server/notifications/channels/secret-box.ts';
import { generateWebhookSecret } from '../../src/server/notifications/channels/webhook.ts';
import { actionItems, auditEvents, channels, collaborations, meetings, progressUpdates, remarks, topics } from '../../src/server/db/schema/index.ts';
import { withSearchText } from '../../src/server/search/search-text.ts';

const NOW = '2024-07-08T10:00:00+08:00';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let head: Session, engineer: Session, outsider: Session, pmo: Session, admin: Session, designer: Session;
const archived = {} as Record<'launch' | 'crm' | 'support' | 'shipping' | 'fromMeeting', string>;

async function archivedCollaboration(
  topic: string,
  options: { initiating: string; participating: string[]; period?: [number, number]; scenario?: 'major_project' | 'problem_solving' | 'routine_alignment' | 'urgent_task' },
) {
  const db = ctx.database.db;
  const row = await buildCollaboration(db, cast.org.id, {
    creatorId: cast.people.head.id,
    initiatingDepartmentId: options.initiating,
    participatingDepartmentIds: options.participating,
    topic,
    status: 'completed',
    archivedAt: new Date('2024-07-01T02:00:00Z'),
  });
  await db
    .update(collaborations)
    .set({
      scenario: options.scenario ?? 'major_project',
      periodYear: options.period?.[0] ?? null,
      periodQuarter: options.period?.[1] ?? null,
      completedAt: new Date('2024-06-30T02:00:00Z'),
    })
    .where(eq(collaborations.id, row.id));
  return row.id;
}

beforeAll(async () => {
  // Private targets allowed so a webhook on a loopback address passes the target check and reaches the archive check.
  ctx = await buildTestApp(NOW, { notifications: { publicUrl: 'https://liaison.example.com', allowPrivate: true, secretBox: createSecretBox(randomBytes(32)) } });
  const db = ctx.database.db;
  cast = await buildTemplateCast(db);
  const { departments: d, people } = cast;
  head = await loginAs(ctx.app, people.head);
  engineer = await loginAs(ctx.app, people.engineer);
  outsider = await loginAs(ctx.app, people.outsider);
  pmo = await loginAs(ctx.app, people.pmo);
  admin = await loginAs(ctx.app, people.orgAdmin);
  designer = await loginAs(ctx.app, people.designer);
  archived.launch = await archivedCollaboration('2024年Q2新品发布会', { initiating: d.market.id, participating: [d.rnd.id, d.design.id], period: [2024, 2] });
  archived.crm = await archivedCollaboration('CRM系统升级', { initiating: d.sales.id, participating: [d.design.id], period: [2024, 2], scenario: 'problem_solving' });
  archived.support = await archivedCollaboration('客服话术对齐', { initiating: d.market.id, participating: [d.service.id], period: [2023, 4], scenario: 'routine_alignment' });
  archived.shipping = await archivedCollaboration('物流时效专项', { initiating: d.market.id, participating: [d.rnd.id], period: [2024, 1], scenario: 'urgent_task' });
  // No period set: filed by its first meeting's local date — 2024-03-31 20:00 UTC is 2024-04-01 in Shanghai, so 2024Q2.
  archived.fromMeeting = await archivedCollaboration('渠道返利复盘', { initiating: d.market.id, participating: [d.rnd.id] });
  await db.insert(meetings).values({
    orgId: cast.org.id,
    collaborationId: archived.fromMeeting,
    plannedStart: new Date('2024-03-31T20:00:00Z'),
    plannedEnd: new Date('2024-03-31T21:00:00Z'),
    mode: 'offline',
    hostId: people.head.id,
    recorderId: people.recorder.id,
    createdBy: people.head.id,
  });
  // The launch carries a meeting, two topics, two items (one sensitive), an update and a remark.
  const [meeting] = await db
    .insert(meetings)
    .values({
      orgId: cast.org.id,
      collaborationId: archived.launch,
      plannedStart: new Date('2024-05-10T06:00:00Z'),
      plannedEnd: new Date('2024-05-10T07:00:00Z'),
      mode: 'online',
      hostId: people.head.id,
      recorderId: people.recorder.id,
      createdBy: people.head.id,
    })
    .returning();
  await db.insert(topics).values([
    withSearchText('topics', { orgId: cast.org.id, meetingId: meeting!.id, position: 1, title: '发布会时间' }),
    withSearchText('topics', { orgId: cast.org.id, meetingId: meeting!.id, position: 2, title: '场地预算', sensitive: true, visibleToUserIds: [people.head.id] }),
  ]);
  const [item] = await db
    .insert(actionItems)
    .values([
      withSearchText('actionItems', { orgId: cast.org.id, collaborationId: archived.launch, description: '主视觉设计', ownerId: people.designer.id, dueDate: '2024-05-20', originalDueDate: '2024-05-20', deliverable: '设计稿', status: 'done', createdBy: people.head.id }),
      withSearchText('actionItems', { orgId: cast.org.id, collaborationId: archived.launch, description: '成本核算', ownerId: people.head.id, dueDate: '2024-05-20', originalDueDate: '2024-05-20', deliverable: '成本表', status: 'done', sensitive: true, visibleToUserIds: [people.head.id], createdBy: people.head.id }),
    ])
    .returning();
  await db.insert(progressUpdates).values(withSearchText('progressUpdates', { orgId: cast.org.id, actionItemId: item!.id, authorId: people.designer.id, progress: 100, statusText: '已完成', status: 'done' }));
  await db.insert(remarks).values(withSearchText('remarks', { orgId: cast.org.id, collaborationId: archived.launch, authorId: people.head.id, text: '已归档' }));
});
afterAll(() => closeTestApp(ctx));

type Tree = { total: number; years: { year: number; count: number; quarters: { quarter: number; period: string; count: number; collaborations: any[] }[] }[] };
const shape = (tree: Tree) => tree.years.map((y) => [y.year, y.count, y.quarters.map((q) => [q.period, q.count, q.collaborations.map((c) => c.topic)])]);

describe('GET /archive', () => {
  it('files what the caller may read under year → quarter → project, newest first, with counts', async () => {
    const response = await pmo.get('/archive');
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(5);
    expect(shape(response.body)).toEqual([
      [2024, 4, [['2024Q2', 3, ['2024年Q2新品发布会', 'CRM系统升级', '渠道返利复盘']], ['2024Q1', 1, ['物流时效专项']]]],
      [2023, 1, [['2023Q4', 1, ['客服话术对齐']]]],
    ]);
    const launch = response.body.years[0].quarters[0].collaborations[0];
    expect(launch).toMatchObject({
      id: archived.launch,
      archiveName: '2024-Q2-2024年Q2新品发布会',
      scenario: 'major_project',
      status: 'completed',
      initiatingDepartment: { id: cast.departments.market.id, name: '市场部' },
      archivedAt: '2024-07-01T10:00:00+08:00',
      completedAt: '2024-06-30T10:00:00+08:00',
      counts: { meetings: 1, topics: 2, actionItems: 2, progressUpdates: 1, remarks: 1, attachments: 0 },
      url: `/collaborations/${archived.launch}`,
    });
  });

  it('shows each reader only the collaborations they may read, and an outsider nothing', async () => {
    expect(shape((await engineer.get('/archive')).body)).toEqual([
      [2024, 3, [['2024Q2', 2, ['2024年Q2新品发布会', '渠道返利复盘']], ['2024Q1', 1, ['物流时效专项']]]],
    ]);
    expect(shape((await designer.get('/archive')).body)).toEqual([[2024, 2, [['2024Q2', 2, ['2024年Q2新品发布会', 'CRM系统升级']]]]]);
    expect((await outsider.get('/archive')).body).toEqual({ total: 0, years: [] });
  });

  it('filters by year, quarter, department and scenario', async () => {
    expect(shape((await pmo.get('/archive?year=2024&quarter=2')).body)).toEqual([
      [2024, 3, [['2024Q2', 3, ['2024年Q2新品发布会', 'CRM系统升级', '渠道返利复盘']]]],
    ]);
    expect(shape((await pmo.get('/archive?quarter=4')).body)).toEqual([[2023, 1, [['2023Q4', 1, ['客服话术对齐']]]]]);
    expect(shape((await pmo.get(`/archive?departmentId=${cast.departments.design.id}`)).body)).toEqual([
      [2024, 2, [['2024Q2', 2, ['2024年Q2新品发布会', 'CRM系统升级']]]],
    ]);
    expect(shape((await pmo.get(`/archive?departmentId=${cast.departments.sales.id}&scenario=problem_solving`)).body)).toEqual([
      [2024, 1, [['2024Q2', 1, ['CRM系统升级']]]],
    ]);
    expect((await pmo.get('/archive?year=2022')).body).toEqual({ total: 0, years: [] });
  });

  it('refuses malformed filters, naming the field', async () => {
    for (const [query, field] of [
      ['quarter=5', 'quarter'],
      ['year=abc', 'year'],
      ['departmentId=market', 'departmentId'],
      ['scenario=party', 'scenario'],
    ]) {
      const response = await pmo.get(`/archive?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error.fields.map((f: { path: string }) => f.path)).toEqual([field]);
    }
  });

  it('needs a signed-in caller', async () => {
    expect((await call(ctx.app, { method: 'GET', url: '/api/v1/archive' })).status).toBe(401);
  });
});

describe('POST /collaborations/:id/unarchive', () => {
  it('lets an admin thaw an archived collaboration, audited; afterwards it is writable and out of the archive', async () => {
    const id = archived.support;
    const response = await admin.post(`/collaborations/${id}/unarchive`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id, archived: false, status: 'completed' });
    const [row] = await ctx.database.db.select().from(collaborations).where(eq(collaborations.id, id));
    expect(row!.archivedAt).toBeNull();
    const events = await ctx.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'unarchived')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: cast.people.orgAdmin.id, collaborationId: id, after: { archivedAt: null } });
    expect((await pmo.get('/archive?year=2023')).body.total).toBe(0);
    expect((await head.post(`/collaborations/${id}/remarks`, { text: '补充复盘结论' })).status).toBe(201);
    expect((await head.post(`/collaborations/${id}/archive`)).status).toBe(200);
    expect((await pmo.get('/archive?year=2023')).body.total).toBe(1);
  });

  it('answers 409 when the collaboration is not archived', async () => {
    const response = await admin.post(`/collaborations/${cast.collaboration.id}/unarchive`);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CONFLICT');
  });

  it('is for admins only: 403 to readers, even editors and pmo; 404 to those who cannot see it', async () => {
    for (const session of [head, pmo, engineer]) {
      const response = await session.post(`/collaborations/${archived.launch}/unarchive`);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    expect((await outsider.post(`/collaborations/${archived.launch}/unarchive`)).status).toBe(404);
    expect((await admin.post('/collaborations/0190a0c0-0000-7000-8000-000000000000/unarchive')).status).toBe(404);
    const [row] = await ctx.database.db.select().from(collaborations).where(eq(collaborations.id, archived.launch));
    expect(row!.archivedAt).not.toBeNull();
  });
});

describe('an archived collaboration is frozen', () => {
  it('answers 409 ARCHIVED to every write route of it and of everything in it, and changes nothing', async () => {
    const { departments: d, people } = cast;
    const created = await head.post('/collaborations', {
      topic: '冻结检查',
      goal: '归档后不可修改',
      scenario: 'major_project',
      initiatingDepartmentId: d.market.id,
      participatingDepartmentIds: [d.rnd.id],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const meeting = await head.post(`/collaborations/${id}/meetings`, {
      plannedStart: '2024-07-09T14:00:00+08:00',
      plannedEnd: '2024-07-09T15:00:00+08:00',
      mode: 'online',
      hostId: people.head.id,
      recorderId: people.recorder.id,
      attendeeIds: [people.engineer.id],
      agenda: ['排期'],
    });
    expect(meeting.status).toBe(201);
    const meetingId = meeting.body.id as string;
    const topic = await head.post(`/meetings/${meetingId}/topics`, { title: '排期', discussion: '讨论', feedback: [{ departmentId: d.rnd.id, text: '可以' }] });
    expect(topic.status).toBe(201);
    const topicId = topic.body.id as string;
    const item = await head.post(`/collaborations/${id}/action-items`, { description: '出排期表', ownerId: people.engineer.id, dueDate: '2024-07-20', deliverable: '排期表', meetingId });
    expect(item.status).toBe(201);
    const itemId = item.body.id as string;
    const doneItem = await head.post(`/collaborations/${id}/action-items`, { description: '确认场地', ownerId: people.engineer.id, dueDate: '2024-07-20', deliverable: '场地确认单' });
    const doneItemId = doneItem.body.id as string;
    expect((await engineer.post(`/action-items/${doneItemId}/updates`, { progress: 100, statusText: '已完成' })).status).toBe(201);
    const [channel] = await ctx.database.db
      .insert(channels)
      .values({ orgId: cast.org.id, collaborationId: id, kind: 'webhook', name: '协作群', url: 'sealed', createdBy: people.head.id })
      .returning();
    expect((await head.patch(`/collaborations/${id}`, { status: 'completed' })).status).toBe(200);
    expect((await head.post(`/collaborations/${id}/archive`)).status).toBe(200);
    const auditCount = async () => (await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.collaborationId, id))).length;
    const before = await auditCount();

    const writes: [Session, 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [
      [head, 'PATCH', `/collaborations/${id}`, { topic: '改名' }],
      [head, 'POST', `/collaborations/${id}/remarks`, { text: '补充' }],
      [head, 'POST', `/collaborations/${id}/archive`],
      [head, 'POST', `/collaborations/${id}/meetings`, { plannedStart: '2024-07-12T14:00:00+08:00', plannedEnd: '2024-07-12T15:00:00+08:00', mode: 'online', hostId: people.head.id, recorderId: people.recorder.id }],
      [head, 'PATCH', `/meetings/${meetingId}`, { location: '3楼会议室' }],
      [head, 'POST', `/meetings/${meetingId}/agenda/send`],
      [head, 'POST', `/meetings/${meetingId}/held`, {}],
      [head, 'POST', `/meetings/${meetingId}/publish`],
      [head, 'POST', `/meetings/${meetingId}/topics`, { title: '新议题' }],
      [head, 'PATCH', `/topics/${topicId}`, { consensus: '同意' }],
      [head, 'DELETE', `/topics/${topicId}`],
      [head, 'POST', `/collaborations/${id}/action-items`, { description: '新任务', ownerId: people.engineer.id, dueDate: '2024-07-25', deliverable: '文档' }],
      [head, 'PATCH', `/action-items/${itemId}`, { deliverable: '新交付物' }],
      [engineer, 'POST', `/action-items/${itemId}/updates`, { progress: 50, statusText: '进行中' }],
      [head, 'POST', `/action-items/${itemId}/updates`, { progress: 60, statusText: '进行中' }],
      [head, 'POST', `/action-items/${doneItemId}/accept`],
      [head, 'POST', `/action-items/${doneItemId}/reopen`, { reason: '不合格' }],
      [head, 'POST', `/collaborations/${id}/channels`, { kind: 'webhook', name: '新群', url: 'http://127.0.0.1:9/hook', secret: generateWebhookSecret() }],
      [head, 'PATCH', `/channels/${channel!.id}`, { name: '改名' }],
      [head, 'DELETE', `/channels/${channel!.id}`],
      [head, 'POST', `/channels/${channel!.id}/test`],
      [admin, 'PATCH', `/collaborations/${id}`, { progressSummary: '管理员也不能改' }],
    ];
    for (const [session, method, url, body] of writes) {
      const response = await session.request(method, url, body ?? (method === 'DELETE' ? undefined : {}));
      expect({ method, url, status: response.status, code: response.body?.error?.code }).toEqual({ method, url, status: 409, code: 'ARCHIVED' });
    }
    expect(await auditCount()).toBe(before);
    // Reads go on.
    expect((await engineer.get(`/collaborations/${id}`)).status).toBe(200);
    expect((await engineer.get(`/meetings/${meetingId}`)).status).toBe(200);
    expect((await engineer.get(`/action-items/${itemId}`)).status).toBe(200);
  });
});
