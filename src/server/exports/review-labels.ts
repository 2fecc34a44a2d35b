/**
 * The words and figure formats of the quarterly review files (review-workbook.ts, review-pdf.ts), in the
 * reader's language; the metrics are those of GET /review (src/domain/review-metrics.ts).
 */
import type { Locale } from '../i18n/messages.ts';
import type { ComplianceRuleName, ReviewMetrics } from '../../domain/review-metrics.ts';

const zh = {
  title: '跨部门协作季度复盘',
  overview: '总览',
  departments: '各部门',
  collaborations: '各协作',
  problems: '高频问题',
  scopeAll: '全公司',
  quarter: '季度',
  scope: '范围',
  asOf: '统计截至',
  department: '部门',
  collaboration: '协作主题',
  initiatingDepartment: '发起部门',
  itemsDue: '本季到期行动项',
  itemsDecided: '已有结果',
  itemsOnTime: '按时完成',
  onTimeRate: '按时完成率',
  overdueCount: '逾期数',
  overdueDaysMean: '平均逾期天数',
  overdueDaysMax: '最长逾期天数',
  escalations: '逾期升级',
  meetingsPublished: '已发布纪要',
  publishInTimeRate: (hours: number) => `${hours}小时内发布率`,
  agendaInTimeRate: '议程提前发出率',
  updateComplianceRate: (days: number) => `${days}天内更新达标率`,
  complianceScore: '模板合规分',
  brokenRule: '最常违反的规则',
  kind: '类型',
  problem: '问题',
  count: '次数',
  sources: '来源记录',
  problemTag: '问题标签',
  delayCode: '延期原因',
  phrase: '高频表述',
  none: '无',
  exportedBy: (name: string, at: string) => `由 ${name} 于 ${at} 导出`,
  page: (n: number, of: number) => `第 ${n} / ${of} 页`,
  rules: {
    agenda_ahead: '议程提前发出',
    publish_in_time: '纪要按时发布',
    update_frequency: '按时更新进度',
    due_on_time: '按期完成行动项',
  } satisfies Record<ComplianceRuleName, string>,
};

export type ReviewLabels = typeof zh;

const en: ReviewLabels = {
  title: 'Quarterly collaboration review',
  overview: 'Overview',
  departments: 'Departments',
  collaborations: 'Collaborations',
  problems: 'Frequent problems',
  scopeAll: 'Whole organisation',
  quarter: 'Quarter',
  scope: 'Scope',
  asOf: 'As of',
  department: 'Department',
  collaboration: 'Collaboration',
  initiatingDepartment: 'Initiating department',
  itemsDue: 'Items due',
  itemsDecided: 'Decided',
  itemsOnTime: 'On time',
  onTimeRate: 'On-time rate',
  overdueCount: 'Overdue',
  overdueDaysMean: 'Mean days late',
  overdueDaysMax: 'Max days late',
  escalations: 'Escalations',
  meetingsPublished: 'Minutes published',
  publishInTimeRate: (hours: number) => `Published within ${hours} h`,
  agendaInTimeRate: 'Agenda sent ahead',
  updateComplianceRate: (days: number) => `Updated every ${days} days`,
  complianceScore: 'Template compliance',
  brokenRule: 'Rule broken most',
  kind: 'Kind',
  problem: 'Problem',
  count: 'Count',
  sources: 'Records',
  problemTag: 'Problem tag',
  delayCode: 'Delay reason',
  phrase: 'Recurring phrase',
  none: 'None',
  exportedBy: (name: string, at: string) => `Exported by ${name} at ${at}`,
  page: (n: number, of: number) => `Page ${n} of ${of}`,
  rules: {
    agenda_ahead: 'Agenda sent ahead',
    publish_in_time: 'Minutes published in time',
    update_frequency: 'Progress updated regularly',
    due_on_time: 'Items done by their due date',
  },
};

export function reviewLabels(locale: Locale): ReviewLabels {
  return locale === 'en' ? en : zh;
}

/** A share 0..1 as "83.3%", or "—" when there was nothing to measure. */
export function percentText(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** The rule of the compliance score with the lowest kept share, or null when none applied. */
export function mostBrokenRule(metrics: Pick<ReviewMetrics, 'compliance'>): ComplianceRuleName | null {
  const applied = metrics.compliance.rules.filter((r) => r.rate !== null && r.rate < 1);
  applied.sort((a, b) => a.rate! - b.rate! || b.checked - a.checked);
  return applied[0]?.rule ?? null;
}
