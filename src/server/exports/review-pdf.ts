/**
 * The quarterly review (what GET /review answers) as a PDF to hand out at the 复盘会: the organisation's or
 * department's figures, a table per department and per collaboration, and the most frequent problems.
 */
import type { ReviewReport } from '../routes/review/index.ts';
import type { ReviewMetrics } from '../../domain/review-metrics.ts';
import type { Outline, OutlineBlock } from './document-outline.ts';
import { renderOutlinePdf } from './pdf-writer.ts';
import { dateTimeText } from './export-format.ts';
import { mostBrokenRule, percentText, reviewLabels, type ReviewLabels } from './review-labels.ts';
import type { ReviewFileContext } from './review-workbook.ts';

const days = (value: number | null) => (value === null ? '—' : Number.isInteger(value) ? String(value) : value.toFixed(1));

function metricCells(m: ReviewMetrics, t: ReviewLabels): string[] {
  const broken = mostBrokenRule(m);
  return [
    `${m.itemsOnTime}/${m.itemsDecided}\n${percentText(m.onTimeRate)}`,
    `${m.overdueCount}\n${days(m.overdueDaysMean)} / ${days(m.overdueDaysMax)}`,
    String(m.escalations),
    percentText(m.publishInTimeRate),
    percentText(m.agendaInTimeRate),
    percentText(m.updateComplianceRate),
    `${percentText(m.compliance.score)}${broken ? `\n${t.rules[broken]}` : ''}`,
  ];
}

function metricHeader(t: ReviewLabels, report: ReviewReport) {
  return [
    { label: t.onTimeRate, width: 12 },
    { label: `${t.overdueCount}\n${t.overdueDaysMean}/${t.overdueDaysMax}`, width: 14 },
    { label: t.escalations, width: 8 },
    { label: t.publishInTimeRate(report.rules.publishWithinHours), width: 10 },
    { label: t.agendaInTimeRate, width: 10 },
    { label: t.updateComplianceRate(report.rules.staleAfterDays), width: 10 },
    { label: t.complianceScore, width: 14 },
  ];
}

/** The review as document blocks (drawn by renderOutlinePdf). */
export function reviewOutline(report: ReviewReport, context: ReviewFileContext): Outline {
  const t = reviewLabels(context.locale);
  const scope = context.scopeNames.length ? context.scopeNames.join('、') : t.scopeAll;
  const totals = report.totals;
  const blocks: OutlineBlock[] = [
    { type: 'title', text: t.title, subtitle: `${report.quarter} · ${scope}`, meta: `${t.asOf} ${report.asOf} · ${t.exportedBy(context.exportedBy, dateTimeText(context.exportedAt, context.timeZone))}` },
    { type: 'heading', text: t.overview, level: 1 },
    {
      type: 'keyValues',
      rows: [
        [t.itemsDue, String(totals.itemsDue)],
        [t.onTimeRate, `${percentText(totals.onTimeRate)}（${totals.itemsOnTime}/${totals.itemsDecided}）`],
        [t.overdueCount, `${totals.overdueCount}（${t.overdueDaysMean} ${days(totals.overdueDaysMean)}，${t.overdueDaysMax} ${days(totals.overdueDaysMax)}）`],
        [t.escalations, String(totals.escalations)],
        [t.publishInTimeRate(report.rules.publishWithinHours), percentText(totals.publishInTimeRate)],
        [t.agendaInTimeRate, percentText(totals.agendaInTimeRate)],
        [t.updateComplianceRate(report.rules.staleAfterDays), percentText(totals.updateComplianceRate)],
        [t.complianceScore, [percentText(totals.compliance.score), ...totals.compliance.rules.map((r) => `${t.rules[r.rule]} ${percentText(r.rate)}（${r.kept}/${r.checked}）`)].join('\n')],
      ],
    },
    { type: 'heading', text: t.departments, level: 1 },
    report.departments.length
      ? { type: 'table', columns: [{ label: t.department, width: 14 }, ...metricHeader(t, report)], rows: report.departments.map((d) => [d.name, ...metricCells(d, t)]) }
      : { type: 'paragraph', text: t.none, muted: true },
    { type: 'heading', text: t.collaborations, level: 1 },
    report.collaborations.length
      ? {
          type: 'table',
          columns: [{ label: t.collaboration, width: 22 }, ...metricHeader(t, report)],
          rows: report.collaborations.map((c) => [`${c.topic}\n${c.initiatingDepartment.name}`, ...metricCells(c, t)]),
        }
      : { type: 'paragraph', text: t.none, muted: true },
    { type: 'heading', text: t.problems, level: 1 },
  ];
  const problemRows = [
    ...report.problems.tags.map((p) => [t.problemTag, p.tag, String(p.count)]),
    ...report.problems.delayCodes.map((p) => [t.delayCode, p.label, String(p.count)]),
    ...report.problems.phrases.map((p) => [t.phrase, p.phrase, String(p.count)]),
  ];
  blocks.push(
    problemRows.length
      ? {
          type: 'table',
          columns: [
            { label: t.kind, width: 18 },
            { label: t.problem, width: 64 },
            { label: t.count, width: 18 },
          ],
          rows: problemRows,
        }
      : { type: 'paragraph', text: t.none, muted: true },
  );
  return { title: `${t.title} ${report.quarter}`, author: context.exportedBy, createdAt: context.exportedAt, blocks, footerText: `${t.title} ${report.quarter}`, pageLabel: t.page };
}

/** The review PDF's bytes. */
export async function renderReviewPdf(report: ReviewReport, context: ReviewFileContext): Promise<Buffer> {
  return renderOutlinePdf(reviewOutline(report, context));
}
