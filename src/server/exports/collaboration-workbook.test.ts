import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { renderCollaborationWorkbook } from './collaboration-workbook.ts';
import { FORMULA_TEXT, sampleExport } from './sample-export.fixture.ts';
import { TEMPLATE_LAYOUT, templateColumnNumber, labelValue } from './template-layout.ts';
import { FORMULA_GUARD, restoreSpreadsheetText } from './spreadsheet-text.ts';

const L = TEMPLATE_LAYOUT;

async function readBack(model = sampleExport()) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await renderCollaborationWorkbook(model)) as unknown as ArrayBuffer);
  return workbook;
}

const sheetOf = (workbook: ExcelJS.Workbook, key: keyof typeof L.sheets) => workbook.getWorksheet(L.sheets[key].name)!;
const labels = (sheet: ExcelJS.Worksheet) => (sheet.getRow(L.rows.label).values as unknown[]).slice(1);

describe('renderCollaborationWorkbook', () => {
  it('writes the sheets of the layout in order, each with its labels on the label row and a frozen header', async () => {
    const workbook = await readBack();
    expect(workbook.worksheets.map((s) => s.name)).toEqual(L.sheetOrder.map((key) => L.sheets[key].name));
    for (const key of L.sheetOrder) {
      const sheet = sheetOf(workbook, key);
      expect(labels(sheet)).toEqual(L.sheets[key].columns.map((c) => c.label));
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: L.rows.label });
      expect(String(sheet.getCell(L.rows.title, 1).value)).toContain('2024年Q3新品发布会筹备');
    }
  });

  it('merges the title across the sheet and a group header over its columns', async () => {
    const sheet = sheetOf(await readBack(), 'actionItems');
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    const last = String.fromCharCode(64 + L.sheets.actionItems.columns.length);
    expect(merges).toContain(`A1:${last}1`);
    expect(merges).toContain('B2:E2');
    expect(sheet.getCell('B2').value).toBe('行动项四要素');
    expect(sheet.getCell('A2').value).toBe('序号');
    expect(sheet.getCell('A3').value).toBe('序号');
  });

  it('fills 基础信息 as label/value rows in the order of the layout', async () => {
    const sheet = sheetOf(await readBack(), 'basicInfo');
    const rows = L.sheets.basicInfo.fields.map((f, i) => [f.label, sheet.getCell(L.rows.firstData + i, 2).value]);
    expect(Object.fromEntries(rows)).toMatchObject({
      协作主题: '2024年Q3新品发布会筹备',
      发起部门: '市场部',
      参与部门: '研发部、销售部、设计部、客服部',
      计划沟通时间: '2024年7月10日14:00-16:00',
      '沟通地点/方式': '线下 / 3楼会议室',
      记录人: '市场部王助理',
      '归档分类（年份-季度）': '2024-Q3',
      衡量指标: '覆盖用户：10万+\n转化率：5%',
    });
    expect(labelValue('scenario', String(rows[3]![1]))).toBe('major_project');
  });

  it('writes instants as real dates showing the organisation wall clock, and due dates as dates', async () => {
    const workbook = await readBack();
    const meetings = sheetOf(workbook, 'meetings');
    const start = meetings.getCell(L.rows.firstData, templateColumnNumber('meetings', 'plannedStart'));
    expect(start.type).toBe(ExcelJS.ValueType.Date);
    expect((start.value as Date).toISOString()).toBe('2024-07-10T14:00:00.000Z');
    expect(start.numFmt).toBe(L.numberFormats.dateTime);
    const items = sheetOf(workbook, 'actionItems');
    const due = items.getCell(L.rows.firstData, templateColumnNumber('actionItems', 'dueDate'));
    expect((due.value as Date).toISOString()).toBe('2024-07-17T00:00:00.000Z');
    expect(items.getCell(L.rows.firstData, templateColumnNumber('actionItems', 'progress')).value).toBe(80);
    expect(items.getCell(L.rows.firstData, templateColumnNumber('actionItems', 'status')).value).toBe('进行中');
  });

  it('writes one row per feedback with the topic cells merged over them, 无反馈 for an explicit none', async () => {
    const sheet = sheetOf(await readBack(), 'topics');
    const col = (key: Parameters<typeof templateColumnNumber<'topics'>>[1]) => templateColumnNumber('topics', key);
    const first = L.rows.firstData;
    const departments = [0, 1, 2, 3].map((i) => sheet.getCell(first + i, col('feedbackDepartment')).value);
    expect(departments).toEqual(['研发部', '销售部', '设计部', '客服部']);
    // exceljs gives a merged cell's value on every row it covers.
    expect([0, 1, 2, 3].map((i) => sheet.getCell(first + i, col('title')).value)).toEqual(Array(4).fill('新品发布会嘉宾邀请'));
    expect(sheet.getCell(first + 2, col('feedbackText')).value).toBe('无反馈');
    expect(sheet.getCell(first + 1, col('feedbackStance')).value).toBe('有条件同意');
    // The restricted topic keeps its number and shows only the placeholder.
    expect(sheet.getCell(first + 4, col('number')).value).toBe(2);
    expect(sheet.getCell(first + 4, col('title')).value).toBe(L.restrictedText);
    expect(sheet.getCell(first + 4, col('sensitive')).value).toBe('是');
  });

  it('never writes a formula: risky text is a string with an invisible guard that reads back as the user typed it', async () => {
    const workbook = await readBack();
    const sheet = sheetOf(workbook, 'topics');
    const cell = sheet.getCell(L.rows.firstData + 1, templateColumnNumber('topics', 'feedbackText'));
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(FORMULA_GUARD + FORMULA_TEXT);
    expect(restoreSpreadsheetText(String(cell.value))).toBe(FORMULA_TEXT);
    const bullet = sheet.getCell(L.rows.firstData + 3, templateColumnNumber('topics', 'feedbackText'));
    expect(restoreSpreadsheetText(String(bullet.value))).toBe('-需要确认客服排班');
    for (const ws of workbook.worksheets) {
      ws.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
    }
  });

  it('lists 状态跟踪 rows, the 风险与备注 log oldest first under one merged label, and progress updates with delay reasons', async () => {
    const workbook = await readBack();
    const status = sheetOf(workbook, 'statusTracking');
    const rows = [0, 1, 2, 3, 4].map((i) => [status.getCell(L.rows.firstData + i, 1).value, restoreSpreadsheetText(String(status.getCell(L.rows.firstData + i, 2).value ?? ''))]);
    expect(rows).toEqual([
      ['协作状态', '进行中'],
      ['健康度', '按计划推进'],
      ['整体进度', '按计划推进，无重大风险'],
      ['风险与备注', '客户名单需销售部确认优先级，7月13日前同步市场部'],
      ['风险与备注', '@场地预算可能超支'],
    ]);
    const updates = sheetOf(workbook, 'progressUpdates');
    const col = (key: Parameters<typeof templateColumnNumber<'progressUpdates'>>[1]) => updates.getCell(L.rows.firstData, templateColumnNumber('progressUpdates', key)).value;
    expect([col('itemNumber'), col('delayReason'), col('delayText'), col('remedy')]).toEqual([1, '需求变更', '初稿延期2天，因客户需求调整', '已协调*设计师加班完成']);
    expect((col('newDueDate') as Date).toISOString().slice(0, 10)).toBe('2024-07-17');
  });

  it('sizes columns to Chinese text (two units a character) and rows to wrapped lines', async () => {
    const sheet = sheetOf(await readBack(), 'topics');
    const discussion = sheet.getColumn(templateColumnNumber('topics', 'discussion'));
    // 研发部建议邀请行业KOL，销售部建议优先合作渠户: 20 wide characters and 3 narrow = 43 units, plus padding.
    expect(discussion.width).toBeGreaterThanOrEqual(43);
    const agendaRow = sheetOf(await readBack(), 'meetings').getRow(L.rows.firstData);
    expect(agendaRow.height).toBeGreaterThanOrEqual(3 * 15);
  });
});
