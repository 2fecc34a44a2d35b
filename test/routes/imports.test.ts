/**
 * POST /imports: the template workbook as people fill it by hand and as Liaison exports it — preview,
 * commit in one transaction, refusals — and the round trip export → import → the same record.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, closeTestApp, loginAs, type ApiResponse, type Session, type TestContext } from '../app.ts';
import { buildTemplateCast, buildUser } from '../factories.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let head: Session, recorder: Session, outsider: Session;

beforeAll(async () => {
  ctx = await buildTestApp('2024-07-20T10:00:00+08:00');
  cast = await buildTemplateCast(ctx.database.db);
  head = await loginAs(ctx.app, cast.people.head);
  recorder = await loginAs(ctx.app, cast.people.recorder);
  outsider = await loginAs(ctx.app, cast.people.outsider);
});
afterAll(() => closeTestApp(ctx));

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A multipart/form-data body with one file part, as a browser sends it. */
function multipart(fileName: string, bytes: Uint8Array, field = 'file', mime = XLSX_MIME) {
  const boundary = `----liaison-${randomUUID()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${mime}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(bytes), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(session: Session, mode: 'preview' | 'commit', bytes: Uint8Array, options: { fileName?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse> {
  const body = multipart(options.fileName ?? '协作记录.xlsx', bytes);
  return session.request('POST', `/imports?mode=${mode}`, body.payload, { ...body.headers, ...options.headers });
}

type Row = (string | number | Date | null)[];

/** The paper template on one sheet, filled by hand with the cast's names; `items` replace the action list. */
async function handFilled(options: { topic?: string; items?: Row[] } = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('协作记录');
  const rows: Row[] = [
    ['跨部门协作沟通记录表'],
    [],
    ['基础信息', '内容'],
    ['协作主题', options.topic ?? '2024年Q3新品发布会筹备（手填）'],
    ['核心目标', '覆盖10万+目标用户，转化率5%'],
    ['适用场景', '重大项目推进'],
    ['发起部门', '市场部'],
    ['参与部门', '研发部、销售部、设计部、客服部'],
    ['计划沟通时间', '2024年7月10日14:00-16:00'],
    ['沟通地点/方式', '线下会议/3楼会议室'],
    ['记录人', '市场部王助理'],
    [],
    ['沟通核心内容'],
    ['序号', '议题', '讨论要点', '反馈部门', '各方反馈', '共识'],
    [1, '新品发布会嘉宾邀请', '研发部建议邀请行业KOL，销售部建议优先合作渠户', '研发部', '同意：建议邀请行业KOL', '邀请2位KOL+3家核心渠户'],
    [null, null, null, '销售部', '有条件同意：优先合作渠户', null],
    [null, null, null, '设计部', '无反馈', null],
    [null, null, null, '客服部', '同意', null],
    [],
    ['行动项清单'],
    ['序号', '任务描述', '负责人', '截止时间', '交付成果'],
    ...(options.items ?? [
      [1, '销售部提供核心客户邀请名单（含联系方式）', '销售部刘经理', '7月13日', '3家核心渠户邀请名单'],
      [2, '设计部完成发布会主视觉初稿', '设计部陈设计师', new Date(Date.UTC(2024, 6, 15)), '3版主视觉设计稿'],
    ]),
    [],
    ['状态跟踪'],
    ['整体进度', '按计划推进，无重大风险'],
    ['风险与备注', '客户名单需销售部确认优先级，7月13日前同步市场部'],
  ];
  sheet.addRows(rows);
  sheet.mergeCells('A1:F1');
  for (const column of ['A', 'B', 'C', 'F']) sheet.mergeCells(`${column}15:${column}18`);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Rows of the organisation in every table an import writes. */
async function rowCounts(orgId: string) {
  const tables = ['collaborations', 'collaboration_departments', 'meetings', 'meeting_attendees', 'topics', 'topic_feedback', 'action_items', 'progress_updates', 'remarks', 'audit_events', 'notifications'];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const result = await ctx.database.db.execute(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE org_id = ${orgId}::uuid`);
    counts[table] = Number((result as unknown as { rows: { n: number }[] }).rows[0]!.n);
  }
  return counts;
}

describe('preview', () => {
  it('shows what would be created and each problem by sheet and cell, in the caller’s language', async () => {
    const bytes = await handFilled({
      items: [
        [1, '销售部提供核心客户邀请名单（含联系方式）', '销售部刘经理', '7月13日', '3家核心渠户邀请名单'],
        [2, '设计部完成发布会主视觉初稿', '设计部*设计师', '尽快', '3版主视觉设计稿'],
      ],
    });
    const before = await rowCounts(cast.org.id);
    const preview = await upload(recorder, 'preview', bytes, { fileName: '2024-Q3-发布会.xlsx' });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      mode: 'preview',
      fileName: '2024-Q3-发布会.xlsx',
      collaboration: {
        topic: '2024年Q3新品发布会筹备（手填）',
        scenario: 'major_project',
        initiatingDepartment: { id: cast.departments.market.id, name: '市场部' },
        period: null,
      },
      counts: { meetings: 1, topics: 1, feedback: 4, actionItems: 2, progressUpdates: 0, remarks: 1 },
      canCommit: false,
    });
    expect(preview.body.collaboration.participatingDepartments.map((d: { name: string }) => d.name)).toEqual(['研发部', '销售部', '设计部', '客服部']);
    expect(preview.body.actionItems[0]).toEqual({
      number: 1,
      description: '销售部提供核心客户邀请名单（含联系方式）',
      owner: { id: cast.people.seller.id, name: '销售部刘经理' },
      dueDate: '2024-07-13',
      deliverable: '3家核心渠户邀请名单',
    });
    expect(preview.body.problems.map((p: { sheet: string; cell: string; code: string; field: string }) => [p.sheet, p.cell, p.code, p.field])).toEqual([
      ['协作记录', 'C23', 'UNKNOWN_PERSON', 'actionItems[1].owner'],
      ['协作记录', 'D23', 'VAGUE_DATE', 'actionItems[1].dueDate'],
    ]);
    expect(preview.body.problems[1].message).toContain('尽快');
    // What the importer assumed: the template's host, and a published record whose publish time the paper does not give.
    expect(preview.body.notes.map((n: { code: string; cell: string }) => [n.code, n.cell])).toEqual([
      ['ASSUMED_HOST', ''],
      ['PUBLISHED_TIME_UNKNOWN', 'B9'],
    ]);
    // A preview writes nothing.
    expect(await rowCounts(cast.org.id)).toEqual(before);

    const english = await upload(recorder, 'preview', bytes, { headers: { 'accept-language': 'en' } });
    expect(english.body.problems[1].message).toMatch(/not a date/);
  });

  it('tells two people of the same name apart only by what the cell says', async () => {
    const twin = await buildUser(ctx.database.db, cast.org.id, { name: '设计部陈设计师', departmentIds: [cast.departments.rnd.id] });
    const bytes = await handFilled({ items: [[1, '设计部完成发布会主视觉初稿', '设计部陈设计师', '7月15日', '3版主视觉设计稿']] });
    const preview = await upload(recorder, 'preview', bytes);
    expect(preview.body.problems).toEqual([expect.objectContaining({ cell: 'C22', code: 'AMBIGUOUS_PERSON' })]);
    const byEmail = await handFilled({ items: [[1, '设计部完成发布会主视觉初稿', cast.people.designer.email, '7月15日', '3版主视觉设计稿']] });
    expect((await upload(recorder, 'preview', byEmail)).body.problems).toEqual([]);
    await ctx.database.db.execute(sql`UPDATE users SET active = false WHERE id = ${twin.id}::uuid`);
  });
});

describe('commit', () => {
  it('creates the whole record in one transaction, audited as imported, without notifications', async () => {
    const before = await rowCounts(cast.org.id);
    const committed = await upload(recorder, 'commit', await handFilled({ topic: '手填记录导入' }));
    expect(committed.status).toBe(201);
    expect(committed.body).toMatchObject({ mode: 'commit', counts: { meetings: 1, topics: 1, feedback: 4, actionItems: 2, progressUpdates: 0, remarks: 1 } });
    const id = committed.body.collaborationId;

    const record = await recorder.get(`/collaborations/${id}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({
      topic: '手填记录导入',
      creator: { id: cast.people.recorder.id },
      progressSummary: '按计划推进，无重大风险',
      period: { label: '2024Q3', explicit: false },
      abilities: { update: true },
    });
    const [meeting] = record.body.meetings;
    // Held on 7月10日 and complete (议题-反馈-行动项): published; the host is 市场部's head, as the template says.
    expect(meeting).toMatchObject({ plannedStart: '2024-07-10T14:00:00+08:00', plannedEnd: '2024-07-10T16:00:00+08:00', mode: 'offline', location: '3楼会议室', minutesStatus: 'published', host: { name: '市场部李经理' }, recorder: { name: '市场部王助理' } });
    expect(record.body.actionItems.map((i: { owner: { name: string }; dueDate: string; description: string }) => [i.description, i.owner.name, i.dueDate])).toEqual([
      ['销售部提供核心客户邀请名单（含联系方式）', '销售部刘经理', '2024-07-13'],
      ['设计部完成发布会主视觉初稿', '设计部陈设计师', '2024-07-15'],
    ]);
    expect(record.body.remarks).toEqual([expect.objectContaining({ kind: 'remark', text: '客户名单需销售部确认优先级，7月13日前同步市场部', author: { id: cast.people.recorder.id, name: '市场部王助理' } })]);
    const minutes = await recorder.get(`/meetings/${meeting.id}`);
    expect(minutes.body.topics[0].feedback.map((f: { departmentName: string; stance: string | null; text: string; noFeedback: boolean }) => [f.departmentName, f.stance, f.text, f.noFeedback])).toEqual([
      ['研发部', 'agree', '建议邀请行业KOL', false],
      ['销售部', 'conditional', '优先合作渠户', false],
      ['设计部', null, '', true],
      ['客服部', 'agree', '同意', false],
    ]);

    const after = await rowCounts(cast.org.id);
    const added = Object.fromEntries(Object.entries(after).map(([table, n]) => [table, n - before[table]!]));
    expect(added).toEqual({
      collaborations: 1,
      collaboration_departments: 4,
      meetings: 1,
      meeting_attendees: 0,
      topics: 1,
      topic_feedback: 4,
      action_items: 2,
      progress_updates: 0,
      remarks: 1,
      // collaboration, meeting, topic, 2 items, remark
      audit_events: 6,
      notifications: 0,
    });
    const history = await recorder.get(`/collaborations/${id}/history`);
    expect(new Set(history.body.items.map((e: { action: string }) => e.action))).toEqual(new Set(['imported']));
    expect(history.body.items.every((e: { actor: { id: string } }) => e.actor.id === cast.people.recorder.id)).toBe(true);
  });

  it('writes no row at all when the workbook has a problem', async () => {
    const before = await rowCounts(cast.org.id);
    const refused = await upload(recorder, 'commit', await handFilled({ items: [[1, '销售部提供名单', '销售部刘经理', '月底前', '名单']] }));
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'IMPORT_INVALID', problems: [{ sheet: '协作记录', cell: 'D22', field: 'actionItems[0].dueDate', code: 'VAGUE_DATE' }] });
    expect(refused.body.error.problems[0].message).toContain('月底前');
    expect(await rowCounts(cast.org.id)).toEqual(before);
  });
});

describe('refusals', () => {
  it('asks for a file: none, a JSON body, another part name', async () => {
    const json = await recorder.post('/imports?mode=preview', { file: 'x' });
    expect(json.status).toBe(400);
    expect(json.body.error.fields).toEqual([{ path: 'file', message: expect.any(String) }]);
    const wrongPart = multipart('a.xlsx', await handFilled(), 'attachment');
    const other = await recorder.request('POST', '/imports', wrongPart.payload, wrongPart.headers);
    expect(other.status).toBe(400);
    expect(other.body.error.fields[0].path).toBe('file');
  });

  it('judges the file by its content: a CSV named .xlsx and a broken zip are refused naming file', async () => {
    const csv = await upload(recorder, 'preview', new TextEncoder().encode('协作主题,任务描述\n发布会,交付样品\n'), { fileName: '记录.xlsx' });
    expect(csv.status).toBe(400);
    expect(csv.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'file' }] });
    const broken = (await handFilled()).slice(0, 2000);
    const truncated = await upload(recorder, 'preview', broken);
    expect(truncated.status).toBe(400);
    expect(truncated.body.error.fields[0].path).toBe('file');
  });

  it('refuses a file over the upload limit with 413', async () => {
    const big = new Uint8Array(21 * 1024 * 1024);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const tooLarge = await upload(recorder, 'preview', big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.fields[0].path).toBe('file');
  });

  it('is described in the OpenAPI document', async () => {
    const document = await call(ctx.app, { method: 'GET', url: '/api/v1/openapi.json' });
    expect(Object.keys(document.body.paths['/api/v1/imports'])).toEqual(['post']);
  });

  it('needs a signed-in caller, and a cookie caller’s CSRF token', async () => {
    const body = multipart('a.xlsx', await handFilled());
    expect((await call(ctx.app, { method: 'POST', url: '/api/v1/imports', payload: body.payload, headers: body.headers })).status).toBe(401);
    const noCsrf = await call(ctx.app, { method: 'POST', url: '/api/v1/imports', payload: body.payload, headers: { ...body.headers, cookie: recorder.cookie } });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('CSRF_FAILED');
  });

  it('resolves names only inside the caller’s organisation', async () => {
    const other = await buildTemplateCast(ctx.database.db);
    const stranger = await loginAs(ctx.app, other.people.recorder);
    const committed = await upload(stranger, 'commit', await handFilled({ topic: '另一家公司的记录' }));
    expect(committed.status).toBe(201);
    const record = (await stranger.get(`/collaborations/${committed.body.collaborationId}`)).body;
    expect(record.initiatingDepartment.id).toBe(other.departments.market.id);
    expect(record.actionItems.map((i: { owner: { id: string } }) => i.owner.id)).toEqual([other.people.seller.id, other.people.designer.id]);
    expect((await head.get(`/collaborations/${committed.body.collaborationId}`)).status).toBe(404);

    await ctx.database.db.execute(sql`UPDATE departments SET name = '设计中心' WHERE org_id = ${other.org.id}::uuid AND name = '设计部'`);
    const refused = await upload(stranger, 'commit', await handFilled());
    expect(refused.status).toBe(422);
    expect(refused.body.error.problems.map((p: { cell: string; code: string }) => [p.cell, p.code])).toEqual([
      ['B8', 'UNKNOWN_DEPARTMENT'],
      ['D17', 'UNKNOWN_DEPARTMENT'],
    ]);
  });

  it('lets only admins, the PMO and the initiating department bring a record in, since it speaks for other people', async () => {
    const engineer = await loginAs(ctx.app, cast.people.engineer);
    const before = await rowCounts(cast.org.id);
    const refused = await upload(engineer, 'commit', await handFilled({ topic: '研发部代市场部导入' }));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect(await rowCounts(cast.org.id)).toEqual(before);
    const pmo = await loginAs(ctx.app, cast.people.pmo);
    expect((await upload(pmo, 'commit', await handFilled({ topic: 'PMO 导入' }))).status).toBe(201);
  });

  it('gives an outsider nothing to see of a record imported by others', async () => {
    const committed = await upload(head, 'commit', await handFilled({ topic: '仅相关人员可见' }));
    expect(committed.status).toBe(201);
    expect((await outsider.get(`/collaborations/${committed.body.collaborationId}`)).status).toBe(404);
  });
});

describe('export → import', () => {
  let originalId: string;

  /** The template's example walked through the API: scheduled, minuted (one sensitive topic), published, tracked, a due date moved. */
  beforeAll(async () => {
    const d = cast.departments;
    const p = cast.people;
    const [seller, designer] = await Promise.all([loginAs(ctx.app, p.seller), loginAs(ctx.app, p.designer)]);
    ctx.clock.set('2024-07-05T09:30:00+08:00');
    const created = await head.post('/collaborations', {
      topic: '2024年Q3新品发布会筹备',
      goal: '覆盖10万+目标用户，转化率5%',
      targets: [
        { metric: '覆盖目标用户', target: '10万+' },
        { metric: '转化率', target: '5%' },
      ],
      scenario: 'major_project',
      initiatingDepartmentId: d.market.id,
      participatingDepartmentIds: [d.rnd.id, d.sales.id, d.design.id, d.service.id],
      ownerId: p.head.id,
      periodYear: 2024,
      periodQuarter: 3,
    });
    expect(created.status).toBe(201);
    originalId = created.body.id;
    const meeting = await head.post(`/collaborations/${originalId}/meetings`, {
      title: '新品发布会筹备启动会',
      plannedStart: '2024-07-10T14:00:00+08:00',
      plannedEnd: '2024-07-10T16:00:00+08:00',
      mode: 'offline',
      location: '3楼会议室',
      hostId: p.head.id,
      recorderId: p.recorder.id,
      attendeeIds: [p.engineer.id, p.seller.id, p.designer.id, p.support.id],
      agenda: ['新品发布会嘉宾邀请', '发布会预算分配'],
    });
    const meetingId = meeting.body.id;
    ctx.clock.set('2024-07-08T10:00:00+08:00');
    expect((await head.post(`/meetings/${meetingId}/agenda/send`)).status).toBe(200);
    ctx.clock.set('2024-07-10T16:05:00+08:00');
    expect((await recorder.post(`/meetings/${meetingId}/held`, {})).status).toBe(200);
    const guests = await recorder.post(`/meetings/${meetingId}/topics`, {
      title: '新品发布会嘉宾邀请',
      discussion: '研发部建议邀请行业KOL，销售部建议优先合作渠户',
      feedback: [
        { departmentId: d.rnd.id, userId: p.engineer.id, stance: 'agree', text: '建议邀请行业KOL，提升产品专业影响力' },
        { departmentId: d.sales.id, userId: p.seller.id, stance: 'conditional', text: '=优先邀请合作渠户，直接带动转化' },
        { departmentId: d.design.id, noFeedback: true },
        { departmentId: d.service.id, userId: p.support.id, stance: 'agree', text: '名单确定后提供嘉宾接待指引' },
      ],
      disagreements: '邀请对象侧重行业KOL还是合作渠户',
      consensus: '邀请2位KOL+3家核心渠户',
      problemTags: ['需求传递不清晰'],
    });
    expect(guests.status).toBe(201);
    const budget = await recorder.post(`/meetings/${meetingId}/topics`, {
      title: '发布会预算分配',
      discussion: '总预算50万元：场地与搭建18万，推广投放5万',
      feedback: [d.rnd, d.sales, d.design, d.service].map((dept) => ({ departmentId: dept.id, stance: 'agree', text: `${dept.name}同意预算方案` })),
      consensus: '推广投放增至7万元',
      sensitive: true,
      visibleToUserIds: [p.head.id, p.seller.id],
    });
    expect(budget.status).toBe(201);
    const item = (ownerId: string, description: string, dueDate: string, deliverable: string, extra: object = {}) =>
      recorder.post(`/collaborations/${originalId}/action-items`, { description, ownerId, dueDate, deliverable, meetingId, ...extra });
    ctx.clock.set('2024-07-10T17:00:00+08:00');
    const samples = await item(p.engineer.id, '研发部完成产品样品交付', '2024-07-25', '5套可演示的产品样品及演示脚本');
    const guestList = await item(p.seller.id, '销售部提供核心客户邀请名单（含联系方式）', '2024-07-13', '3家核心渠户邀请名单', { sourceTopicId: guests.body.id });
    const visual = await item(p.designer.id, '设计部完成发布会主视觉初稿', '2024-07-15', '3版主视觉设计稿', { sourceTopicId: guests.body.id });
    const costs = await item(p.seller.id, '核对场地报价', '2024-07-18', '报价对比表', { sourceTopicId: budget.body.id, sensitive: true, visibleToUserIds: [p.head.id] });
    for (const r of [samples, guestList, visual, costs]) expect(r.status).toBe(201);
    ctx.clock.set('2024-07-10T17:30:00+08:00');
    expect((await recorder.post(`/meetings/${meetingId}/publish`)).status).toBe(200);
    ctx.clock.set('2024-07-10T17:40:00+08:00');
    expect((await head.post(`/collaborations/${originalId}/remarks`, { text: '客户名单需销售部确认优先级，7月13日前同步市场部' })).status).toBe(201);
    expect((await head.patch(`/collaborations/${originalId}`, { progressSummary: '按计划推进，无重大风险', health: 'at_risk' })).status).toBe(200);
    ctx.clock.set('2024-07-12T18:00:00+08:00');
    expect((await seller.post(`/action-items/${guestList.body.id}/updates`, { progress: 100, statusText: '名单已整理完成并同步市场部' })).status).toBe(201);
    ctx.clock.set('2024-07-13T09:30:00+08:00');
    expect((await head.post(`/action-items/${guestList.body.id}/accept`)).status).toBe(200);
    ctx.clock.set('2024-07-14T10:00:00+08:00');
    expect((await designer.post(`/action-items/${visual.body.id}/updates`, { progress: 80, statusText: '设计中-完成80%' })).status).toBe(201);
    ctx.clock.set('2024-07-14T17:30:00+08:00');
    const moved = await designer.post(`/action-items/${visual.body.id}/updates`, {
      progress: 80,
      statusText: '初稿延期2天',
      newDueDate: '2024-07-17',
      delayCode: 'requirement_change',
      delayReason: '因客户需求调整',
      remedy: '已协调陈设计师加班完成',
    });
    expect(moved.status).toBe(201);
    ctx.clock.set('2024-07-20T10:00:00+08:00');
  });

  /** The record as its pages show it, with ids replaced by names so two copies compare equal. */
  async function readRecord(session: Session, id: string) {
    const record = (await session.get(`/collaborations/${id}`)).body;
    const topicTitles = new Map<string, string>();
    const meetings: Record<string, any>[] = [];
    for (const m of record.meetings) {
      const detail = (await session.get(`/meetings/${m.id}`)).body;
      for (const t of detail.topics) topicTitles.set(t.id, t.title);
      meetings.push({
        ...strip(m, ['id']),
        agenda: detail.agenda,
        attendees: detail.attendees.map((a: { name: string }) => a.name),
        noActions: detail.noActions,
        topics: detail.topics.map((t: Record<string, unknown> & { feedback: Record<string, unknown>[]; visibleToUserIds: string[] }) => ({
          ...strip(t, ['id', 'meetingId', 'version', 'createdAt', 'updatedAt', 'visibleToUserIds', 'feedback']),
          visibleTo: [...t.visibleToUserIds].sort(),
          feedback: t.feedback.map((f) => strip(f, ['id'])),
        })),
      });
    }
    const items: Record<string, any>[] = [];
    for (const i of record.actionItems) {
      const item = (await session.get(`/action-items/${i.id}`)).body;
      const updates = (await session.get(`/action-items/${i.id}/updates`)).body.items;
      items.push({
        ...strip(item, ['id', 'version', 'collaborationId', 'meetingId', 'sourceTopicId', 'createdAt', 'createdBy', 'visibleToUserIds']),
        meeting: item.meetingId ? 1 : null,
        sourceTopic: item.sourceTopicId ? topicTitles.get(item.sourceTopicId) : null,
        visibleTo: [...(item.visibleToUserIds ?? [])].sort(),
        updates: updates.map((u: Record<string, unknown>) => strip(u, ['id', 'actionItemId'])),
      });
    }
    return {
      // When the record itself was created and last changed is the import's own business.
      ...strip(record, ['id', 'version', 'createdAt', 'updatedAt', 'meetings', 'actionItems', 'remarks']),
      remarks: record.remarks.map((r: Record<string, unknown>) => strip(r, ['id'])),
      meetings,
      items,
    };
  }

  /** `value` without `keys` (ids and instants that are the copy's own); loosely typed, like every response body here. */
  function strip(value: Record<string, unknown>, keys: string[]): Record<string, any> {
    return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
  }

  it('gives back the same record: topics, feedback, items with owners and due dates, updates, remarks', async () => {
    // Downloaded as a user does: GET /collaborations/:id/export?format=xlsx (the head is named on everything).
    const download = await ctx.app.inject({ method: 'GET', url: `/api/v1/collaborations/${originalId}/export?format=xlsx`, headers: { cookie: head.cookie } });
    expect(download.statusCode).toBe(200);
    const workbook = new Uint8Array(download.rawPayload);

    const preview = await upload(head, 'preview', workbook, { fileName: '2024-Q3-2024年Q3新品发布会筹备.xlsx' });
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.notes).toEqual([]);
    const committed = await upload(head, 'commit', workbook);
    expect(committed.status).toBe(201);
    expect(committed.body.counts).toEqual({ meetings: 1, topics: 2, feedback: 8, actionItems: 4, progressUpdates: 3, remarks: 1 });

    const original = await readRecord(head, originalId);
    const copy = await readRecord(head, committed.body.collaborationId);
    expect(copy).toEqual(original);
    // Sanity: the comparison saw the parts that matter.
    expect(original.items.map((i) => [i.description, i.owner.name, i.dueDate])).toEqual([
      ['销售部提供核心客户邀请名单（含联系方式）', '销售部刘经理', '2024-07-13'],
      ['设计部完成发布会主视觉初稿', '设计部陈设计师', '2024-07-17'],
      ['核对场地报价', '销售部刘经理', '2024-07-18'],
      ['研发部完成产品样品交付', '研发部张工', '2024-07-25'],
    ]);
    expect(original.items[1]).toMatchObject({ originalDueDate: '2024-07-15', progress: 80 });
    expect(original.items[1]!.updates.map((u: { newDueDate: string | null; delayReason?: string }) => [u.newDueDate, u.delayReason])).toEqual([
      [null, null],
      ['2024-07-17', '因客户需求调整'],
    ]);
    expect(original.items[0]).toMatchObject({ status: 'done', acceptedByName: '市场部李经理' });
    expect(original.meetings[0]!.topics[0]!.feedback[1]).toMatchObject({ text: '=优先邀请合作渠户，直接带动转化' });
  });
});
