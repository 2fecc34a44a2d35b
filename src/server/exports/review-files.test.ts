import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { ReviewReport } from '../routes/review/index.ts';
import { reviewMetrics, type ReviewItem } from '../../domain/review-metrics.ts';
import { parseQuarter } from '../../domain/period.ts';
import { renderReviewWorkbook } from './review-workbook.ts';
import { renderReviewPdf } from './review-pdf.ts';
import { TEMPLATE_LAYOUT } from './template-layout.ts';
import { pdfText } from './read-back.fixture.ts';

const quarter = parseQuarter('2024Q3')!;
const item = (dueDate: string, completedOn: string | null): ReviewItem => ({
  status: completedOn ? 'done' : 'in_progress',
  dueDate,
  createdOn: '2024-07-01',
  completedOn,
  closedOn: completedOn,
  updatedOn: [],
});
const metrics = reviewMetrics([item('2024-07-15', '2024-07-14'), item('2024-07-15', '2024-07-18'), item('2024-07-20', null)], [{ published: true, publishedLate: false }], quarter, '2024-09-30', 3);
const ref = { kind: 'topic' as const, id: 't-1', url: '/meetings/m-1#topic-t-1' };

const report = {
  quarter: '2024Q3',
  start: quarter.start,
  end: quarter.end,
  asOf: '2024-09-30',
  departmentIds: null,
  rules: { staleAfterDays: 3, publishWithinHours: 24 },
  totals: metrics,
  departments: [{ id: 'd-1', name: '研发部', ...metrics }],
  collaborations: [{ id: 'c-1', topic: '2024年Q3新品发布会筹备', initiatingDepartment: { id: 'd-0', name: '市场部' }, url: '/collaborations/c-1', ...metrics }],
  problems: {
    tags: [{ tag: '需求传递', count: 3, records: [ref] }],
    delayCodes: [{ code: 'requirement_change', label: '需求变更', count: 2, records: [ref] }],
    phrases: [{ phrase: '需求传递不清晰', count: 4, records: [ref] }],
  },
} as unknown as ReviewReport;

const context = { locale: 'zh-CN' as const, timeZone: 'Asia/Shanghai', exportedAt: new Date('2024-10-08T09:00:00+08:00'), exportedBy: '项目管理办公室周', scopeNames: [], baseUrl: 'https://liaison.example.com' };

describe('review files', () => {
  it('writes the figures as numbers (rates as percentages) and the problems with absolute links', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderReviewWorkbook(report, context)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['总览', '各部门', '各协作', '高频问题']);
    const departments = workbook.getWorksheet('各部门')!;
    const row = TEMPLATE_LAYOUT.rows.firstData;
    const labels = (departments.getRow(TEMPLATE_LAYOUT.rows.label).values as unknown[]).slice(1);
    const cell = (label: string) => departments.getCell(row, labels.indexOf(label) + 1);
    expect(cell('部门').value).toBe('研发部');
    expect(cell('按时完成率').value).toBe(0.3333);
    expect(cell('按时完成率').numFmt).toBe('0.0%');
    expect(cell('逾期数').value).toBe(2);
    const problems = workbook.getWorksheet('高频问题')!;
    expect(problems.getCell(row + 2, 2).value).toBe('需求传递不清晰');
    expect(problems.getCell(row + 2, 4).value).toBe('https://liaison.example.com/meetings/m-1#topic-t-1');
  });

  it('prints the review with its Chinese text extractable', async () => {
    const text = (await pdfText(await renderReviewPdf(report, context))).replace(/\s+/g, '');
    for (const expected of ['跨部门协作季度复盘', '2024Q3·全公司', '研发部', '2024年Q3新品发布会筹备', '需求传递不清晰', '33.3%']) expect(text).toContain(expected);
  });
});
