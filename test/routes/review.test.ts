import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, closeTestApp, call, loginAs, type Session, type TestContext } from '../app.ts';
import { buildCollaboration, buildTemplateCast } from '../factories.ts';
import { actionItems, meetings, progressUpdates, topicFeedback, topics } from '../../src/server/db/schema/index.ts';
import { withSearchText } from '../../src/server/search/search-text.ts';

/** After the quarter: figures are taken as of 2024-09-30, its last day. */
const NOW = '2024-10-08T10:00:00+08:00';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let head: Session, engineer: Session, pmo: Session, admin: Session;
let crmId: string;

/** An instant on a Shanghai calendar day. */
const on = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

/**
 * The fixture quarter, 2024Q3, computed by hand (staleAfterDays 3, Asia/Shanghai):
 *
 * launch (市场部 initiates): i1 设计部 due 7-15 done 7-14 (updates 7-4, 7-8, 7-12, 7-14; 13/13 compliant days) ·
 *   i2 研发部 due 8-10 done 8-15, 5 days late (update 8-5 需求变更; 8/45) · i3 研发部 due 9-20 open, 10 days late
 *   (update 9-3 资源不足; 6/30) · i4 市场部 SENSITIVE due 9-10 done 9-10 (update 9-5 需求变更; 8/9) ·
 *   i5 销售部 cancelled 7-10 (4/9) · i6 客服部 due in Q4, created 9-25 (4/6) · i7 closed in Q2 (not counted).
 *   Meetings: 7-10 published in time, 8-20 published late, 9-15 unpublished; 6-28 (Q2) not counted.
 * crm (研发部 initiates, 销售部 joins): i8 销售部 due 7-31 done 7-31 (11/11) · i9 研发部 due 9-25 done 10-2,
 *   open at 9-30 so 5 days late (update 9-18; 7/16). Meeting 7-22 published in time.
 */
beforeAll(async () => {
  ctx = await buildTestApp(NOW);
  const db = ctx.database.db;
  cast = await buildTemplateCast(db);
  const { org, people: p, departments: d, collaboration: launch } = cast;
  head = await loginAs(ctx.app, p.head);
  engineer = await loginAs(ctx.app, p.engineer);
  pmo = await loginAs(ctx.app, p.pmo);
  admin = await loginAs(ctx.app, p.orgAdmin);
  const crm = await buildCollaboration(db, org.id, { creatorId: p.engineer.id, initiatingDepartmentId: d.rnd.id, participatingDepartmentIds: [d.sales.id], topic: 'CRM系统升级' });
  crmId = crm.id;

  const meeting = async (collaborationId: string, date: string, extra: Partial<typeof meetings.$inferInsert> = {}) => {
    const [row] = await db
      .insert(meetings)
      .values({ orgId: org.id, collaborationId, plannedStart: on(date, '14:00'), plannedEnd: on(date, '15:00'), mode: 'online', hostId: p.head.id, recorderId: p.recorder.id, createdBy: p.head.id, ...extra })
      .returning();
    return row!.id;
  };
  const published = (late: boolean) => ({ minutesStatus: 'published' as const, publishedAt: on('2024-09-01'), publishedLate: late });
  // Agendas (deadline: the day before, 14:00): m1's went out in time, m2's an hour late, the others never.
  const m1 = await meeting(launch.id, '2024-07-10', { ...published(false), agendaSentAt: on('2024-07-08') });
  const m2 = await meeting(launch.id, '2024-08-20', { ...published(true), agendaSentAt: on('2024-08-19', '15:00') });
  await meeting(launch.id, '2024-09-15');
  const m5 = await meeting(launch.id, '2024-06-28', published(true));
  await meeting(launch.id, '2024-08-01', { ...published(false), cancelledAt: on('2024-07-30') });
  const m6 = await meeting(crm.id, '2024-07-22', published(false));

  const topic = async (meetingId: string, title: string, tags: string[], extra: Partial<typeof topics.$inferInsert> = {}, feedback?: { departmentId: string; text: string }) => {
    const [row] = await db.insert(topics).values(withSearchText('topics', { orgId: org.id, meetingId, position: 1, title, problemTags: tags, createdAt: on('2024-07-01'), ...extra })).returning();
    if (feedback) await db.insert(topicFeedback).values(withSearchText('topicFeedback', { orgId: org.id, topicId: row!.id, position: 1, ...feedback }));
    return row!.id;
  };
  await topic(m1, '接口联调', ['需求传递', '排期紧张'], {}, { departmentId: d.rnd.id, text: '需求传递不清晰，接口文档滞后' });
  await topic(m1, '场地预算', ['预算超支'], { sensitive: true, visibleToUserIds: [p.head.id] }, { departmentId: d.sales.id, text: '需求传递不清晰' });
  await topic(m2, '渠道政策', ['需求传递'], { disagreements: '销售部认为需求传递不清晰' });
  await topic(m6, 'CRM字段', ['排期紧张', '需求传递'], {}, { departmentId: d.sales.id, text: '需求传递不清晰' });
  await topic(m5, '上季度遗留', ['需求传递'], {}, { departmentId: d.rnd.id, text: '需求传递不清晰' });

  type ItemInput = { collaborationId?: string; owner: { id: string }; department: string; due: string; created: string; status?: 'todo' | 'in_progress' | 'done' | 'cancelled'; completed?: string; updated?: string; sensitive?: boolean };
  const item = async (input: ItemInput) => {
    const [row] = await db
      .insert(actionItems)
      .values(withSearchText('actionItems', {
        orgId: org.id,
        collaborationId: input.collaborationId ?? launch.id,
        description: `任务 ${input.due}`,
        ownerId: input.owner.id,
        ownerDepartmentId: input.department,
        dueDate: input.due,
        originalDueDate: input.due,
        deliverable: '交付物',
        status: input.status ?? 'in_progress',
        completedAt: input.completed ? on(input.completed, '18:00') : null,
        sensitive: input.sensitive ?? false,
        visibleToUserIds: input.sensitive ? [p.head.id] : [],
        createdBy: p.head.id,
        createdAt: on(input.created, '09:00'),
        updatedAt: on(input.updated ?? input.completed ?? input.created, '18:00'),
      }))
      .returning();
    return row!.id;
  };
  const update = async (actionItemId: string, date: string, delay?: { code: string; reason: string }) => {
    await db.insert(progressUpdates).values(withSearchText('progressUpdates', {
      orgId: org.id,
      actionItemId,
      authorId: p.head.id,
      progress: 50,
      statusText: '进行中',
      status: 'in_progress',
      delayCode: delay?.code ?? null,
      delayReason: delay?.reason ?? null,
      createdAt: on(date),
    }));
  };
  const i1 = await item({ owner: p.designer, department: d.design.id, due: '2024-07-15', created: '2024-07-01', status: 'done', completed: '2024-07-14' });
  for (const date of ['2024-07-04', '2024-07-08', '2024-07-12', '2024-07-14']) await update(i1, date);
  const i2 = await item({ owner: p.engineer, department: d.rnd.id, due: '2024-08-10', created: '2024-07-01', status: 'done', completed: '2024-08-15' });
  await update(i2, '2024-08-05', { code: 'requirement_change', reason: '研发部反馈需求传递不清晰，需重新确认' });
  await update(i2, '2024-08-15');
  const i3 = await item({ owner: p.engineer, department: d.rnd.id, due: '2024-09-20', created: '2024-09-01' });
  await update(i3, '2024-09-03', { code: 'insufficient_resources', reason: '需求传递不清晰导致返工' });
  await db.update(actionItems).set({ escalatedAt: on('2024-09-23') }).where(eq(actionItems.id, i3));
  const i4 = await item({ owner: p.head, department: d.market.id, due: '2024-09-10', created: '2024-09-01', status: 'done', completed: '2024-09-10', sensitive: true });
  await update(i4, '2024-09-05', { code: 'requirement_change', reason: '预算审批慢' });
  await update(i4, '2024-09-10');
  await item({ owner: p.seller, department: d.sales.id, due: '2024-08-01', created: '2024-07-01', status: 'cancelled', updated: '2024-07-10' });
  await item({ owner: p.support, department: d.service.id, due: '2024-10-20', created: '2024-09-25', status: 'todo' });
  await item({ owner: p.engineer, department: d.rnd.id, due: '2024-06-20', created: '2024-06-01', status: 'done', completed: '2024-06-18' });
  const i8 = await item({ collaborationId: crm.id, owner: p.seller, department: d.sales.id, due: '2024-07-31', created: '2024-07-20', status: 'done', completed: '2024-07-31' });
  for (const date of ['2024-07-23', '2024-07-27', '2024-07-31']) await update(i8, date);
  const i9 = await item({ collaborationId: crm.id, owner: p.engineer, department: d.rnd.id, due: '2024-09-25', created: '2024-09-15', status: 'done', completed: '2024-10-02' });
  await update(i9, '2024-09-18');
  await update(i9, '2024-10-02');
});
afterAll(() => closeTestApp(ctx));
beforeEach(() => ctx.clock.set(NOW));

const byName = (rows: { name: string }[]) => Object.fromEntries(rows.map(({ name, ...rest }) => [name, rest]));

describe('GET /review', () => {
  it('gives pmo the whole organisation: totals, departments and collaborations, as computed by hand', async () => {
    const response = await pmo.get('/review?quarter=2024Q3');
    expect(response.status).toBe(200);
    const review = response.body;
    expect(review).toMatchObject({ quarter: '2024Q3', start: '2024-07-01', end: '2024-09-30', asOf: '2024-09-30', departmentIds: null, rules: { staleAfterDays: 3, publishWithinHours: 24 } });
    expect(review.totals).toEqual({
      itemsDue: 6,
      itemsDecided: 6,
      itemsOnTime: 3,
      onTimeRate: 0.5,
      overdueCount: 3,
      overdueDaysMean: 6.7,
      overdueDaysMax: 10,
      meetingsPublished: 3,
      meetingsPublishedInTime: 2,
      publishInTimeRate: 0.6667,
      openItemDays: 139,
      compliantItemDays: 61,
      updateComplianceRate: 0.4388,
      escalations: 1,
      agendasDue: 4,
      agendasInTime: 1,
      agendaInTimeRate: 0.25,
      compliance: {
        score: expect.closeTo((0.25 + 0.6667 + 0.4388 + 0.5) / 4, 4),
        rules: [
          { rule: 'agenda_ahead', checked: 4, kept: 1, rate: 0.25 },
          { rule: 'publish_in_time', checked: 3, kept: 2, rate: 0.6667 },
          { rule: 'update_frequency', checked: 139, kept: 61, rate: 0.4388 },
          { rule: 'due_on_time', checked: 6, kept: 3, rate: 0.5 },
        ],
      },
    });
    const departments = byName(review.departments);
    expect(Object.keys(departments).sort()).toEqual(['客服部', '市场部', '研发部', '设计部', '销售部'].sort());
    expect(departments['市场部']).toMatchObject({ id: cast.departments.market.id, itemsDue: 1, itemsOnTime: 1, onTimeRate: 1, overdueCount: 0, overdueDaysMean: null, meetingsPublished: 2, meetingsPublishedInTime: 1, publishInTimeRate: 0.5, openItemDays: 9, compliantItemDays: 8, updateComplianceRate: 0.8889 });
    expect(departments['研发部']).toMatchObject({ itemsDue: 3, itemsDecided: 3, itemsOnTime: 0, onTimeRate: 0, overdueCount: 3, overdueDaysMean: 6.7, overdueDaysMax: 10, meetingsPublished: 1, publishInTimeRate: 1, openItemDays: 91, compliantItemDays: 21, updateComplianceRate: 0.2308 });
    // Meetings count for the initiating department: 市场部 three agendas (one in time), 研发部 the CRM one (never sent).
    expect(departments['市场部']).toMatchObject({ agendasDue: 3, agendasInTime: 1, agendaInTimeRate: 0.3333, escalations: 0 });
    expect(departments['研发部']).toMatchObject({ agendasDue: 1, agendasInTime: 0, agendaInTimeRate: 0, escalations: 1 });
    expect(departments['研发部']).toMatchObject({
      compliance: {
        score: 0.3077,
        rules: [
          { rule: 'agenda_ahead', checked: 1, kept: 0, rate: 0 },
          { rule: 'publish_in_time', checked: 1, kept: 1, rate: 1 },
          { rule: 'update_frequency', checked: 91, kept: 21, rate: 0.2308 },
          { rule: 'due_on_time', checked: 3, kept: 0, rate: 0 },
        ],
      },
    });
    expect(departments['设计部']).toMatchObject({ itemsDue: 1, onTimeRate: 1, meetingsPublished: 0, publishInTimeRate: null, updateComplianceRate: 1 });
    expect(departments['销售部']).toMatchObject({ itemsDue: 1, onTimeRate: 1, openItemDays: 20, compliantItemDays: 15, updateComplianceRate: 0.75 });
    expect(departments['客服部']).toMatchObject({ itemsDue: 0, itemsDecided: 0, onTimeRate: null, openItemDays: 6, compliantItemDays: 4, updateComplianceRate: 0.6667 });
    expect(review.collaborations.map((c: { topic: string }) => c.topic)).toEqual(['2024年Q3新品发布会筹备', 'CRM系统升级']);
    expect(review.collaborations[0]).toMatchObject({
      id: cast.collaboration.id,
      initiatingDepartment: { id: cast.departments.market.id, name: '市场部' },
      url: `/collaborations/${cast.collaboration.id}`,
      itemsDue: 4,
      itemsOnTime: 2,
      onTimeRate: 0.5,
      overdueCount: 2,
      overdueDaysMean: 7.5,
      overdueDaysMax: 10,
      meetingsPublished: 2,
      publishInTimeRate: 0.5,
      openItemDays: 112,
      compliantItemDays: 43,
      updateComplianceRate: 0.3839,
    });
    expect(review.collaborations[1]).toMatchObject({ id: crmId, itemsDue: 2, onTimeRate: 0.5, overdueCount: 1, overdueDaysMean: 5, overdueDaysMax: 5, publishInTimeRate: 1, openItemDays: 27, compliantItemDays: 18 });
  });

  it('finds the most frequent problems, leaving out sensitive records for those not named', async () => {
    const { problems } = (await pmo.get('/review?quarter=2024Q3')).body;
    expect(problems.tags.map((t: any) => [t.tag, t.count])).toEqual([
      ['需求传递', 3],
      ['排期紧张', 2],
    ]);
    expect(problems.tags[0].records).toHaveLength(3);
    expect(problems.tags[0].records[0]).toMatchObject({ kind: 'topic', url: expect.stringMatching(/^\/meetings\/[0-9a-f-]+#topic-[0-9a-f-]+$/) });
    expect(problems.delayCodes.map((c: any) => [c.code, c.label, c.count])).toEqual([
      ['insufficient_resources', '资源不足', 1],
      ['requirement_change', '需求变更', 1],
    ]);
    expect(problems.delayCodes[1].records[0]).toMatchObject({ kind: 'progress_update', url: expect.stringMatching(/^\/action-items\/[0-9a-f-]+#update-[0-9a-f-]+$/) });
    expect(problems.phrases.map((p: any) => [p.phrase, p.count])).toEqual([['需求传递不清晰', 5]]);
    expect(JSON.stringify(problems)).not.toMatch(/预算/);

    const mine = (await head.get('/review?quarter=2024Q3')).body.problems;
    expect(mine.tags.map((t: any) => [t.tag, t.count])).toEqual([
      ['需求传递', 2],
      ['排期紧张', 1],
      ['预算超支', 1],
    ]);
    expect(mine.delayCodes.map((c: any) => [c.code, c.count])).toEqual([
      ['requirement_change', 2],
      ['insufficient_resources', 1],
    ]);
    expect(mine.phrases.map((p: any) => [p.phrase, p.count])).toEqual([['需求传递不清晰', 5]]);
  });

  it('labels delay codes in English when asked', async () => {
    const response = await pmo.request('GET', '/review?quarter=2024-q3', undefined, { 'accept-language': 'en' });
    expect(response.body.problems.delayCodes.map((c: any) => c.label)).toEqual(['Insufficient resources', 'Requirement change']);
  });

  it('gives a department head their department only, and narrows pmo and admins to a department on request', async () => {
    const own = (await head.get('/review?quarter=2024Q3')).body;
    expect(own.departmentIds).toEqual([cast.departments.market.id]);
    expect(own.departments.map((d: { name: string }) => d.name)).toEqual(['市场部']);
    expect(own.collaborations.map((c: { id: string }) => c.id)).toEqual([cast.collaboration.id]);
    expect(own.totals).toMatchObject({ itemsDue: 4, itemsOnTime: 2, overdueCount: 2, openItemDays: 112, compliantItemDays: 43 });
    expect((await head.get(`/review?quarter=2024Q3&departmentId=${cast.departments.market.id}`)).body.totals).toEqual(own.totals);

    for (const session of [pmo, admin]) {
      const rnd = (await session.get(`/review?quarter=2024Q3&departmentId=${cast.departments.rnd.id}`)).body;
      expect(rnd.departments.map((d: { name: string }) => d.name)).toEqual(['研发部']);
      expect(rnd.departments[0]).toMatchObject({ itemsDue: 3, overdueCount: 3, openItemDays: 91, compliantItemDays: 21 });
      expect(rnd.collaborations).toHaveLength(2);
    }
  });

  it('takes an unfinished quarter as of today', async () => {
    ctx.clock.set('2024-09-21T10:00:00+08:00');
    const { asOf, totals } = (await pmo.get('/review?quarter=2024Q3')).body;
    expect(asOf).toBe('2024-09-21');
    expect(totals).toMatchObject({ itemsDue: 6, itemsDecided: 5, itemsOnTime: 3, onTimeRate: 0.6, overdueCount: 2, overdueDaysMean: 3, overdueDaysMax: 5 });
    const empty = (await pmo.get('/review?quarter=2023Q1')).body;
    expect(empty.totals).toMatchObject({ itemsDue: 0, onTimeRate: null, publishInTimeRate: null, updateComplianceRate: null });
    expect(empty.problems).toEqual({ tags: [], delayCodes: [], phrases: [] });
  });

  it('is for pmo, admins and department heads: 403 for members and for a department one does not head', async () => {
    const member = await engineer.get('/review?quarter=2024Q3');
    expect(member.status).toBe(403);
    expect(member.body.error.code).toBe('FORBIDDEN');
    expect((await head.get(`/review?quarter=2024Q3&departmentId=${cast.departments.rnd.id}`)).status).toBe(403);
    expect((await call(ctx.app, { method: 'GET', url: '/api/v1/review?quarter=2024Q3' })).status).toBe(401);
  });

  it('refuses a malformed quarter or department, naming the field', async () => {
    for (const url of ['/review', '/review?quarter=2024Q5', '/review?quarter=Q3', '/review?quarter=2024-07']) {
      const response = await pmo.get(url);
      expect(response.status).toBe(400);
      expect(response.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['quarter']);
    }
    for (const id of ['market', '0190a0c0-0000-7000-8000-000000000000']) {
      const response = await pmo.get(`/review?quarter=2024Q3&departmentId=${id}`);
      expect(response.status).toBe(400);
      expect(response.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['departmentId']);
    }
  });
});
