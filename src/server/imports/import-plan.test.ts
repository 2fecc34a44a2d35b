import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { defaultOrgSettings } from '../../shared/org-settings.ts';
import { renderCollaborationWorkbook } from '../exports/collaboration-workbook.ts';
import { sampleExport } from '../exports/sample-export.fixture.ts';
import { planImport, type ImportPlan } from './import-plan.ts';
import type { Directory } from './people-directory.ts';
import { locateSections } from './template-sections.ts';
import { gridsOf, MAX_UNPACKED_BYTES, readWorkbook, unpackedSize } from './workbook-grid.ts';

const department = (id: string, name: string, headId: string | null = null) => ({ id, name, headId });
const person = (id: string, name: string, departmentIds: string[], email = `${id}@example.test`) => ({ id, name, email, departmentIds });

/** The template's cast, as the fixture of the exporter names them, plus two people called 张伟. */
const directory: Directory = {
  departments: [
    department('d-mkt', '市场部', 'u-head'),
    department('d-rnd', '研发部'),
    department('d-sal', '销售部'),
    department('d-des', '设计部'),
    department('d-svc', '客服部'),
    department('d-adm', '行政部'),
  ],
  users: [
    person('u-head', '市场部李经理', ['d-mkt']),
    person('u-rec', '市场部王助理', ['d-mkt']),
    person('u-eng', '研发部张工', ['d-rnd']),
    person('u-sel', '销售部刘经理', ['d-sal']),
    person('u-des', '设计部陈设计师', ['d-des']),
    person('u-svc', '客服部赵专员', ['d-svc']),
    person('u-zw1', '张伟', ['d-rnd'], 'zhang.wei.rnd@example.test'),
    person('u-zw2', '张伟', ['d-sal'], 'zhang.wei.sales@example.test'),
  ],
};

const context = { now: new Date('2024-07-20T10:00:00+08:00'), settings: defaultOrgSettings, actorId: 'u-rec' };

async function planOf(workbook: ExcelJS.Workbook, now = context.now): Promise<ImportPlan> {
  // Through bytes, as an upload arrives: merged cells and dates exactly as a saved file holds them.
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return planImport(locateSections(await readWorkbook(bytes)), directory, { ...context, now });
}

type Row = (string | number | Date | null)[];

/**
 * The paper template filled in by hand on one sheet: sections one under another, a title merged across,
 * topics merged over their feedback rows, blank rows between, dates as people write them.
 */
function handFilledTemplate(options: { items?: Row[]; feedbackHeader?: boolean } = {}): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('协作记录');
  let row = 1;
  const put = (values: Row) => {
    values.forEach((value, i) => {
      if (value !== null) sheet.getCell(row, i + 1).value = value;
    });
    return row++;
  };
  sheet.mergeCells(put(['跨部门协作沟通记录表']), 1, row - 1, 6);
  put([]);
  put(['基础信息', '内容']);
  for (const [label, value] of [
    ['协作主题：', '2024年Q3新品发布会筹备'],
    ['核心目标', '覆盖10万+目标用户，转化率5%'],
    ['适用场景', '重大项目推进'],
    ['发起部门', '市场部'],
    ['参与部门', '研发部、销售部、设计部、客服部'],
    ['计划沟通时间', '2024年7月10日14:00-16:00'],
    ['沟通地点/方式', '线下会议/3楼会议室'],
    ['记录人', '市场部 王助理'],
  ]) {
    const r = put([label!, value!]);
    sheet.mergeCells(r, 2, r, 6);
  }
  put([]);
  put(['沟通核心内容']);
  put(['序号', '议题', '讨论要点', '反馈部门', '各方反馈', '共识']);
  const topic = (number: number, title: string, discussion: string, consensus: string, feedback: [string, string][]) => {
    const first = row;
    for (const [dept, text] of feedback) put([number, title, discussion, dept, text, consensus]);
    for (const column of [1, 2, 3, 6]) sheet.mergeCells(first, column, row - 1, column);
  };
  topic(1, '新品发布会时间与流程', '发布会定于8月8日14:00举行', '保留签约仪式并压缩至10分钟', [
    ['研发部', '有条件同意：产品演示需30分钟'],
    ['销售部', '同意'],
    ['设计部', '同意，7月底前定稿'],
    ['客服部', '无反馈'],
  ]);
  put([]);
  topic(2, '新品发布会嘉宾邀请', '研发部建议邀请行业KOL，销售部建议优先合作渠户', '邀请2位KOL+3家核心渠户', [
    ['研发部', '同意'],
    ['销售部', '同意'],
    ['设计部', '无反馈'],
    ['客服部', '不同意：需提前确认接待人数'],
  ]);
  put([]);
  put([]);
  put(['行动项清单']);
  put(['序号', '任务描述', '负责人', '截止时间', '交付成果']);
  for (const item of options.items ?? [
    [1, '研发部完成产品样品交付', '研发部张工', new Date(Date.UTC(2024, 6, 25)), '5套可演示的产品样品'],
    [2, '销售部提供核心客户邀请名单（含联系方式）', '刘经理'.replace('刘经理', '销售部刘经理'), '2024/7/13', '3家核心渠户邀请名单'],
    [3, '设计部完成发布会主视觉初稿', '设计部陈设计师', '7月15日', '3版主视觉设计稿'],
  ]) {
    put(item);
  }
  put([]);
  put(['状态跟踪']);
  put(['整体进度', '按计划推进，无重大风险']);
  put(['风险与备注', '客户名单需销售部确认优先级，7月13日前同步市场部']);
  return workbook;
}

describe('a hand-filled template', () => {
  it('reads the record: merged cells, blank rows, 7月15日 and a label with a full-width colon', async () => {
    const plan = await planOf(handFilledTemplate());
    expect(plan.problems).toEqual([]);
    const c = plan.collaboration;
    expect(c.topic).toBe('2024年Q3新品发布会筹备');
    expect(c.scenario).toBe('major_project');
    expect(c.initiatingDepartment).toEqual({ id: 'd-mkt', name: '市场部' });
    expect(c.participatingDepartments.map((d) => d.name)).toEqual(['研发部', '销售部', '设计部', '客服部']);
    expect(plan.counts).toEqual({ meetings: 1, topics: 2, feedback: 8, actionItems: 3, progressUpdates: 0, remarks: 1 });

    const [meeting] = plan.meetings;
    expect(meeting!.plannedStart.toISOString()).toBe('2024-07-10T06:00:00.000Z');
    expect(meeting!.plannedEnd.toISOString()).toBe('2024-07-10T08:00:00.000Z');
    expect(meeting).toMatchObject({ mode: 'offline', location: '3楼会议室', recorderId: 'u-rec', hostId: 'u-head', agenda: ['新品发布会时间与流程', '新品发布会嘉宾邀请'] });
    // Over, and complete (议题-反馈-行动项): published, when unknown.
    expect(meeting!.minutesStatus).toBe('published');
    expect(meeting!.publishedLate).toBeNull();
    expect(plan.notes.map((n) => n.code).sort()).toEqual(['ASSUMED_HOST', 'PUBLISHED_TIME_UNKNOWN']);

    const [first, second] = meeting!.topics;
    expect(first!.title).toBe('新品发布会时间与流程');
    expect(first!.feedback).toEqual([
      { departmentId: 'd-rnd', userId: null, stance: 'conditional', text: '产品演示需30分钟', noFeedback: false },
      // 「同意」 alone is the whole answer, kept as the text (the record's rule 8 wants words or 无反馈).
      { departmentId: 'd-sal', userId: null, stance: 'agree', text: '同意', noFeedback: false },
      { departmentId: 'd-des', userId: null, stance: 'agree', text: '7月底前定稿', noFeedback: false },
      { departmentId: 'd-svc', userId: null, stance: null, text: '', noFeedback: true },
    ]);
    expect(second!.feedback[3]).toMatchObject({ departmentId: 'd-svc', stance: 'disagree', text: '需提前确认接待人数' });

    expect(plan.actionItems.map((i) => [i.description, i.owner?.id, i.dueDate, i.deliverable, i.meetingIndex])).toEqual([
      ['研发部完成产品样品交付', 'u-eng', '2024-07-25', '5套可演示的产品样品', 0],
      ['销售部提供核心客户邀请名单（含联系方式）', 'u-sel', '2024-07-13', '3家核心渠户邀请名单', 0],
      ['设计部完成发布会主视觉初稿', 'u-des', '2024-07-15', '3版主视觉设计稿', 0],
    ]);
    expect(c.progressSummary).toBe('按计划推进，无重大风险');
    expect(plan.remarks).toEqual([{ kind: 'remark', text: '客户名单需销售部确认优先级，7月13日前同步市场部', authorId: 'u-rec', at: context.now }]);
  });

  it('names the cell of a vague date, an unknown person and an ambiguous name', async () => {
    const plan = await planOf(
      handFilledTemplate({
        items: [
          [1, '研发部完成产品样品交付', '研发部张工', '尽快', '5套样品'],
          [2, '销售部提供核心客户邀请名单', '王五', '2024-07-13', '名单'],
          [3, '整理场地需求', '张伟', '月底前', '需求清单'],
          [4, '确认演示设备', '张伟 (研发部)', '七月二十日', '设备清单'],
          [5, '设计部完成主视觉', '设计部', '7/15', '设计稿'],
        ],
      }),
    );
    const found = plan.problems.map((p) => [p.sheet, p.cell, p.code]);
    expect(found).toEqual([
      ['协作记录', 'D28', 'VAGUE_DATE'],
      ['协作记录', 'C29', 'UNKNOWN_PERSON'],
      ['协作记录', 'C30', 'AMBIGUOUS_PERSON'],
      ['协作记录', 'D30', 'VAGUE_DATE'],
      ['协作记录', 'C32', 'NOT_A_PERSON'],
    ]);
    expect(plan.problems[0]!.params).toMatchObject({ value: '尽快', label: '截止时间' });
    expect(plan.problems[2]!.params.candidates).toBe('张伟（研发部）、张伟（销售部）');
    // A name made unique by its department, a date in Chinese numerals, a month/day pair.
    expect(plan.actionItems[3]).toMatchObject({ owner: { id: 'u-zw1', name: '张伟' }, dueDate: '2024-07-20' });
    expect(plan.actionItems[4]!.dueDate).toBe('2024-07-15');
  });

  it('puts a year-less date in the year nearest the record, not today', async () => {
    const workbook = handFilledTemplate({ items: [[1, '年底盘点', '研发部张工', '1月5日', '盘点表']] });
    const sheet = workbook.worksheets[0]!;
    sheet.getCell('B9').value = '12月28日 14:00-15:00';
    const plan = await planOf(workbook, new Date('2024-07-01T10:00:00+08:00'));
    expect(plan.meetings[0]!.plannedStart.toISOString()).toBe('2024-12-28T06:00:00.000Z');
    expect(plan.actionItems[0]!.dueDate).toBe('2025-01-05');
    // Not over yet: a draft, nobody held it.
    expect(plan.meetings[0]).toMatchObject({ minutesStatus: 'draft', heldAt: null });
  });

  it('keeps minutes missing a department’s feedback as a draft, and says so', async () => {
    const workbook = handFilledTemplate();
    const sheet = workbook.worksheets[0]!;
    sheet.getCell('E17').value = null;
    sheet.getCell('D17').value = null;
    const plan = await planOf(workbook);
    expect(plan.problems).toEqual([]);
    expect(plan.meetings[0]).toMatchObject({ minutesStatus: 'draft', publishedAt: null });
    expect(plan.meetings[0]!.heldAt!.toISOString()).toBe('2024-07-10T06:00:00.000Z');
    expect(plan.notes.find((n) => n.code === 'MINUTES_KEPT_DRAFT')?.params).toEqual({ count: 1 });
  });

  it('reads the template example’s four elements written inside the description', async () => {
    const plan = await planOf(handFilledTemplate({ items: [[1, '设计部完成发布会主视觉初稿（负责人：设计部陈设计师，截止时间：7月15日，交付成果：3版主视觉设计稿）', null, null, null]] }));
    expect(plan.problems).toEqual([]);
    expect(plan.actionItems[0]).toMatchObject({ description: '设计部完成发布会主视觉初稿', owner: { id: 'u-des' }, dueDate: '2024-07-15', deliverable: '3版主视觉设计稿' });
  });

  it('reads feedback of all departments written in one cell', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRows([
      ['协作主题', '客服投诉流程优化'],
      ['核心目标', '投诉48小时内闭环'],
      ['适用场景', '跨部门问题解决'],
      ['发起部门', '客服部'],
      ['参与部门', '研发部，销售部'],
      ['计划沟通时间', new Date(Date.UTC(2024, 7, 2, 10, 0))],
      ['沟通地点/方式', '腾讯会议 888-123'],
      ['记录人', 'u-svc@example.test'],
      ['主持人', '张伟'],
      [],
      ['序号', '议题', '讨论要点', '各方反馈'],
      [1, '投诉分派', '当前分派靠群聊', '研发部：同意，开发工单接口\n销售部：有条件同意：需保留客户经理抄送\n市场部：同意'],
      [],
      ['序号', '任务描述', '负责人', '截止时间', '交付成果'],
      [1, '开发工单接口', '研发部张工', '2024-08-16', '接口文档'],
    ]);
    const plan = await planOf(workbook, new Date('2024-08-01T09:00:00+08:00'));
    expect(plan.problems.map((p) => [p.cell, p.code])).toEqual([
      ['B9', 'AMBIGUOUS_PERSON'],
      ['D12', 'NOT_PARTICIPANT'],
    ]);
    expect(plan.collaboration.scenario).toBe('problem_solving');
    expect(plan.notes.map((n) => [n.cell, n.code])).toEqual([['B6', 'ASSUMED_END_TIME']]);
    const meeting = plan.meetings[0]!;
    expect(meeting).toMatchObject({ mode: 'online', location: '腾讯会议 888-123', recorderId: 'u-svc' });
    expect(meeting.plannedStart.toISOString()).toBe('2024-08-02T02:00:00.000Z');
    expect(meeting.topics[0]!.feedback).toEqual([
      { departmentId: 'd-rnd', userId: null, stance: 'agree', text: '开发工单接口', noFeedback: false },
      { departmentId: 'd-sal', userId: null, stance: 'conditional', text: '需保留客户经理抄送', noFeedback: false },
    ]);
  });

  it('finds nothing to import in a workbook without the template’s parts', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('随便').addRows([['姓名', '电话'], ['张三', '123']]);
    const plan = await planOf(workbook);
    expect(plan.problems.map((p) => [p.field, p.code])).toEqual([
      ['collaboration.initiatingDepartment', 'MISSING_FIELD'],
      ['collaboration.participatingDepartments', 'MISSING_FIELD'],
      ['collaboration.scenario', 'MISSING_FIELD'],
      ['collaboration.topic', 'MISSING_FIELD'],
      ['collaboration.goal', 'MISSING_FIELD'],
    ]);
    expect(plan.problems[0]).toMatchObject({ sheet: '基础信息', cell: '' });
  });
});

describe('a workbook as Liaison exports it', () => {
  const readable = () => {
    const model = sampleExport();
    const [meeting] = model.meetings;
    meeting!.topics[1] = { ...meeting!.topics[1]!, restricted: false, title: '发布会预算分配', discussion: '总预算50万元', disagreements: '推广投放偏少', consensus: '推广增至7万', feedback: [] };
    model.actionItems[1] = { ...model.actionItems[1]!, restricted: false, description: '销售部提供核心客户邀请名单', deliverable: '邀请名单', statusText: '' };
    return model;
  };

  it('comes back as the same record', async () => {
    const model = readable();
    const bytes = await renderCollaborationWorkbook(model);
    const plan = planImport(locateSections(await readWorkbook(bytes)), directory, context);
    expect(plan.problems).toEqual([]);
    const c = plan.collaboration;
    expect(c).toMatchObject({
      topic: model.collaboration.topic,
      goal: model.collaboration.goal,
      targets: model.collaboration.targets,
      scenario: 'major_project',
      initiatingDepartment: { id: 'd-mkt', name: '市场部' },
      owner: { id: 'u-head', name: '市场部李经理' },
      visibility: 'participants',
      period: { year: 2024, quarter: 3 },
      status: 'active',
      health: 'on_track',
      progressSummary: '按计划推进，无重大风险',
    });
    expect(c.participatingDepartments.map((d) => d.id)).toEqual(['d-rnd', 'd-sal', 'd-des', 'd-svc']);

    const [meeting] = plan.meetings;
    const source = model.meetings[0]!;
    expect(meeting).toMatchObject({
      number: 1,
      title: source.title,
      plannedStart: source.plannedStart,
      plannedEnd: source.plannedEnd,
      mode: 'offline',
      location: '3楼会议室',
      hostId: 'u-head',
      recorderId: 'u-rec',
      attendeeIds: ['u-eng', 'u-sel', 'u-des'],
      agenda: source.agenda,
      agendaSentAt: source.agendaSentAt,
      agendaSentLate: false,
      heldAt: source.heldAt,
      minutesStatus: 'published',
      publishedAt: source.publishedAt,
      publishedLate: false,
    });
    expect(meeting!.topics[0]).toMatchObject({
      title: '新品发布会嘉宾邀请',
      consensus: '邀请2位KOL+3家核心渠户',
      problemTags: ['需求传递'],
      feedback: [
        { departmentId: 'd-rnd', userId: 'u-eng', stance: 'agree', text: '建议邀请行业KOL', noFeedback: false },
        // The formula guard is gone: the text is what the user typed.
        { departmentId: 'd-sal', userId: 'u-sel', stance: 'conditional', text: source.topics[0]!.feedback[1]!.text, noFeedback: false },
        { departmentId: 'd-des', userId: null, stance: null, text: '', noFeedback: true },
        { departmentId: 'd-svc', userId: null, stance: null, text: '-需要确认客服排班', noFeedback: false },
      ],
    });
    expect(meeting!.topics[1]).toMatchObject({ title: '发布会预算分配', sensitive: true, visibleToUserIds: ['u-head', 'u-sel', 'u-rec'] });

    const [visual, guests] = plan.actionItems;
    expect(visual).toMatchObject({
      description: '设计部完成发布会主视觉初稿',
      owner: { id: 'u-des' },
      ownerDepartmentId: 'd-des',
      dueDate: '2024-07-17',
      originalDueDate: '2024-07-15',
      deliverable: '3版主视觉设计稿',
      status: 'in_progress',
      progress: 80,
      statusText: '设计中-完成80%',
      meetingIndex: 0,
      topicIndex: 0,
    });
    expect(visual!.updates).toEqual([
      {
        authorId: 'u-des',
        at: new Date('2024-07-14T17:00:00+08:00'),
        progress: 80,
        status: 'in_progress',
        statusText: '设计中-完成80%',
        delayCode: 'requirement_change',
        delayReason: '初稿延期2天，因客户需求调整',
        remedy: '已协调*设计师加班完成',
        previousDueDate: '2024-07-15',
        newDueDate: '2024-07-17',
      },
    ]);
    expect(guests).toMatchObject({ sensitive: true, topicIndex: 1, owner: { id: 'u-sel' }, dueDate: '2024-07-13' });
    expect(plan.remarks).toEqual(model.remarks.map((r) => ({ kind: r.kind, text: r.text, authorId: r.author!.id, at: r.at })));
    expect(plan.notes.map((n) => n.code)).toEqual(['ATTACHMENTS_SKIPPED']);
  });

  it('refuses the rows a reader not named received as 受限内容', async () => {
    const bytes = await renderCollaborationWorkbook(sampleExport());
    const plan = planImport(locateSections(await readWorkbook(bytes)), directory, context);
    expect(plan.problems.map((p) => [p.sheet, p.cell, p.code])).toEqual([
      ['沟通核心内容', 'D8', 'RESTRICTED_CONTENT'],
      ['行动项清单', 'B5', 'RESTRICTED_CONTENT'],
    ]);
  });
});

describe('reading cells', () => {
  it('tells an .xlsx by its bytes and refuses a broken one', async () => {
    await expect(readWorkbook(new TextEncoder().encode('序号,任务描述\n1,交付'))).rejects.toMatchObject({ reason: 'notXlsx' });
    await expect(readWorkbook(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toMatchObject({ reason: 'unreadable' });
  });

  it('refuses a zip that would unpack to more than the limit before inflating it', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('s').getCell('A1').value = '协作主题';
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(unpackedSize(bytes)).toBeGreaterThan(0);
    // Declare one part as 3 GB, as a zip bomb's directory does.
    const view = new DataView(bytes.buffer);
    let at = bytes.length - 22;
    while (view.getUint32(at, true) !== 0x06054b50) at--;
    view.setUint32(view.getUint32(at + 16, true) + 24, 3 * 1024 ** 3, true);
    expect(unpackedSize(bytes)).toBeGreaterThan(MAX_UNPACKED_BYTES);
    await expect(readWorkbook(bytes)).rejects.toMatchObject({ reason: 'unpacksTooLarge' });
  });

  it('gives every cell of a merged range the master’s value', () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.getCell('B2').value = '议题';
    sheet.mergeCells('B2:C4');
    const [grid] = gridsOf(workbook);
    expect(grid!.cell(4, 3)).toMatchObject({ address: 'C4', value: '议题', master: 'B2' });
  });
});
