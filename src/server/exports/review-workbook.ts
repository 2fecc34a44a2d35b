/**
 * The quarterly review (what GET /review answers) as an .xlsx for the 复盘会: 总览, 各部门, 各协作 with the
 * figures as numbers (rates formatted as percentages, so people can sort and chart them), and 高频问题 with
 * the records each problem was found in. Only what GET /review already shows the caller goes in.
 */
import ExcelJS from 'exceljs';
import type { ReviewReport } from '../routes/review/index.ts';
import type { ReviewMetrics } from '../../domain/review-metrics.ts';
import type { Locale } from '../i18n/messages.ts';
import { addTableSheet, type SheetColumn, type SheetValue } from './workbook-sheet.ts';
import { mostBrokenRule, percentText, reviewLabels, type ReviewLabels } from './review-labels.ts';
import { dateTimeText } from './export-format.ts';

export type ReviewFileContext = {
  locale: Locale;
  timeZone: string;
  exportedAt: Date;
  exportedBy: string;
  /** Names of the departments the review was narrowed to; empty for the whole organisation. */
  scopeNames: string[];
  /** Prefix that makes the records' links absolute (PUBLIC_URL), or '' to keep them relative. */
  baseUrl: string;
};

/** The metric columns shared by the department and collaboration sheets, after the name columns. */
function metricColumns(t: ReviewLabels, report: ReviewReport): SheetColumn[] {
  return [
    { key: 'itemsDue', label: t.itemsDue, kind: 'integer', width: 8 },
    { key: 'itemsDecided', label: t.itemsDecided, kind: 'integer', width: 8 },
    { key: 'itemsOnTime', label: t.itemsOnTime, kind: 'integer', width: 8 },
    { key: 'onTimeRate', label: t.onTimeRate, kind: 'ratio', width: 10 },
    { key: 'overdueCount', label: t.overdueCount, kind: 'integer', width: 8 },
    { key: 'overdueDaysMean', label: t.overdueDaysMean, kind: 'decimal', width: 10 },
    { key: 'overdueDaysMax', label: t.overdueDaysMax, kind: 'integer', width: 10 },
    { key: 'escalations', label: t.escalations, kind: 'integer', width: 8 },
    { key: 'meetingsPublished', label: t.meetingsPublished, kind: 'integer', width: 8 },
    { key: 'publishInTimeRate', label: t.publishInTimeRate(report.rules.publishWithinHours), kind: 'ratio', width: 10 },
    { key: 'agendaInTimeRate', label: t.agendaInTimeRate, kind: 'ratio', width: 10 },
    { key: 'updateComplianceRate', label: t.updateComplianceRate(report.rules.staleAfterDays), kind: 'ratio', width: 10 },
    { key: 'complianceScore', label: t.complianceScore, kind: 'ratio', width: 10 },
    { key: 'brokenRule', label: t.brokenRule, kind: 'text', width: 14 },
  ];
}

function metricValues(m: ReviewMetrics, t: ReviewLabels): SheetValue[] {
  const broken = mostBrokenRule(m);
  return [
    m.itemsDue,
    m.itemsDecided,
    m.itemsOnTime,
    m.onTimeRate,
    m.overdueCount,
    m.overdueDaysMean,
    m.overdueDaysMax,
    m.escalations,
    m.meetingsPublished,
    m.publishInTimeRate,
    m.agendaInTimeRate,
    m.updateComplianceRate,
    m.compliance.score,
    broken ? t.rules[broken] : '',
  ];
}

/** The review workbook's bytes. */
export async function renderReviewWorkbook(report: ReviewReport, context: ReviewFileContext): Promise<Buffer> {
  const t = reviewLabels(context.locale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Liaison';
  workbook.created = context.exportedAt;
  workbook.modified = context.exportedAt;
  const scope = context.scopeNames.length ? context.scopeNames.join('、') : t.scopeAll;
  const title = (sheet: string) => `${t.title} · ${report.quarter} · ${sheet}`;
  const totals = report.totals;

  addTableSheet(workbook, {
    name: t.overview,
    title: title(scope),
    columns: [
      { key: 'item', label: t.overview, kind: 'info', width: 18 },
      { key: 'value', label: report.quarter, kind: 'text', width: 30 },
    ],
    rows: [
      [t.quarter, `${report.quarter}（${report.start} – ${report.end}）`],
      [t.scope, scope],
      [t.asOf, report.asOf],
      [t.itemsDue, String(totals.itemsDue)],
      [t.onTimeRate, percentText(totals.onTimeRate)],
      [t.overdueCount, String(totals.overdueCount)],
      [t.overdueDaysMean, totals.overdueDaysMean === null ? '—' : totals.overdueDaysMean.toFixed(1)],
      [t.overdueDaysMax, totals.overdueDaysMax === null ? '—' : String(totals.overdueDaysMax)],
      [t.escalations, String(totals.escalations)],
      [t.publishInTimeRate(report.rules.publishWithinHours), percentText(totals.publishInTimeRate)],
      [t.agendaInTimeRate, percentText(totals.agendaInTimeRate)],
      [t.updateComplianceRate(report.rules.staleAfterDays), percentText(totals.updateComplianceRate)],
      [t.complianceScore, percentText(totals.compliance.score)],
      ...totals.compliance.rules.map((r): SheetValue[] => [t.rules[r.rule], `${percentText(r.rate)}（${r.kept}/${r.checked}）`]),
      ['', t.exportedBy(context.exportedBy, dateTimeText(context.exportedAt, context.timeZone))],
    ],
  });

  addTableSheet(workbook, {
    name: t.departments,
    title: title(t.departments),
    columns: [{ key: 'department', label: t.department, kind: 'department', width: 12 }, ...metricColumns(t, report)],
    rows: report.departments.map((d) => [d.name, ...metricValues(d, t)]),
  });

  addTableSheet(workbook, {
    name: t.collaborations,
    title: title(t.collaborations),
    columns: [
      { key: 'topic', label: t.collaboration, kind: 'text', width: 24 },
      { key: 'initiatingDepartment', label: t.initiatingDepartment, kind: 'department', width: 10 },
      ...metricColumns(t, report),
    ],
    rows: report.collaborations.map((c) => [c.topic, c.initiatingDepartment.name, ...metricValues(c, t)]),
  });

  const link = (url: string) => `${context.baseUrl}${url}`;
  const problems: SheetValue[][] = [
    ...report.problems.tags.map((p): SheetValue[] => [t.problemTag, p.tag, p.count, p.records.map((r) => link(r.url)).join('\n')]),
    ...report.problems.delayCodes.map((p): SheetValue[] => [t.delayCode, p.label, p.count, p.records.map((r) => link(r.url)).join('\n')]),
    ...report.problems.phrases.map((p): SheetValue[] => [t.phrase, p.phrase, p.count, p.records.map((r) => link(r.url)).join('\n')]),
  ];
  addTableSheet(workbook, {
    name: t.problems,
    title: title(t.problems),
    columns: [
      { key: 'kind', label: t.kind, kind: 'info', width: 10 },
      { key: 'problem', label: t.problem, kind: 'text', width: 24 },
      { key: 'count', label: t.count, kind: 'integer', width: 6 },
      { key: 'sources', label: t.sources, kind: 'lines', width: 40 },
    ],
    rows: problems,
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
