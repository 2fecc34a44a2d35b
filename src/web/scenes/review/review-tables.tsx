import type { ReactNode } from 'react';
import { Card, Progress, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { CollaborationReview, DepartmentReview, ProblemRecord, Review, ReviewMetrics } from '../../api/review.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { EmptyState } from '../../components/page-state.tsx';
import { percent, rulesBrokenMost } from './review-format.ts';

/** A share with the counts it is made of ("44% · 61/139"), so the figure can be checked. */
function Share({ rate, part, whole }: { rate: number | null; part: number; whole: number }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {percent(rate)}
      {whole > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {' '}
          · {part}/{whole}
        </Typography.Text>
      )}
    </span>
  );
}

function Overdue({ m }: { m: ReviewMetrics }) {
  const { t } = useI18n();
  if (m.overdueCount === 0) return <span>0</span>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text type="danger">{m.overdueCount}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {' '}
        · {t('review.overdueDays', { mean: m.overdueDaysMean ?? 0, max: m.overdueDaysMax ?? 0 })}
      </Typography.Text>
    </span>
  );
}

/** The metric columns shared by the department and collaboration tables. */
function useMetricColumns<T extends ReviewMetrics>(itemsDueCell: (row: T) => ReactNode) {
  const { t } = useI18n();
  return [
    { title: t('review.metric.itemsDue'), key: 'due', render: (_: unknown, row: T) => itemsDueCell(row) },
    { title: t('review.metric.onTimeRate'), key: 'onTime', render: (_: unknown, m: T) => <Share rate={m.onTimeRate} part={m.itemsOnTime} whole={m.itemsDecided} /> },
    { title: t('review.metric.overdue'), key: 'overdue', render: (_: unknown, m: T) => <Overdue m={m} /> },
    { title: t('review.metric.escalations'), key: 'escalations', render: (_: unknown, m: T) => m.escalations },
    { title: t('review.metric.publishInTimeRate'), key: 'publish', render: (_: unknown, m: T) => <Share rate={m.publishInTimeRate} part={m.meetingsPublishedInTime} whole={m.meetingsPublished} /> },
    { title: t('review.metric.agendaInTimeRate'), key: 'agenda', render: (_: unknown, m: T) => <Share rate={m.agendaInTimeRate} part={m.agendasInTime} whole={m.agendasDue} /> },
    { title: t('review.metric.updateComplianceRate'), key: 'update', render: (_: unknown, m: T) => <Share rate={m.updateComplianceRate} part={m.compliantItemDays} whole={m.openItemDays} /> },
    { title: t('review.metric.complianceScore'), key: 'score', render: (_: unknown, m: T) => <strong>{percent(m.compliance.score)}</strong> },
  ];
}

/** On a phone each row is a card of label–value lines instead of a wide table. */
function MetricLines({ m, itemsDue }: { m: ReviewMetrics; itemsDue: ReactNode }) {
  const { t } = useI18n();
  const lines: [string, ReactNode][] = [
    [t('review.metric.itemsDue'), itemsDue],
    [t('review.metric.onTimeRate'), <Share rate={m.onTimeRate} part={m.itemsOnTime} whole={m.itemsDecided} />],
    [t('review.metric.overdue'), <Overdue m={m} />],
    [t('review.metric.escalations'), m.escalations],
    [t('review.metric.publishInTimeRate'), <Share rate={m.publishInTimeRate} part={m.meetingsPublishedInTime} whole={m.meetingsPublished} />],
    [t('review.metric.agendaInTimeRate'), <Share rate={m.agendaInTimeRate} part={m.agendasInTime} whole={m.agendasDue} />],
    [t('review.metric.updateComplianceRate'), <Share rate={m.updateComplianceRate} part={m.compliantItemDays} whole={m.openItemDays} />],
    [t('review.metric.complianceScore'), <strong>{percent(m.compliance.score)}</strong>],
  ];
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 12px', margin: '8px 0 0', fontSize: 13 }}>
      {lines.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt style={{ color: 'rgba(0,0,0,0.55)' }}>{label}</dt>
          <dd style={{ margin: 0 }}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Per department: every figure of the review; the name narrows the review to that department. */
export function DepartmentTable({ review, departmentLink }: { review: Review; departmentLink: (id: string) => string }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const columns = useMetricColumns<DepartmentReview>((d) => d.itemsDue);
  if (review.departments.length === 0) return <EmptyState description={t('review.noDepartments')} />;
  if (isMobile) {
    return (
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {review.departments.map((d) => (
          <Card key={d.id} size="small">
            <Link to={departmentLink(d.id)} style={{ fontWeight: 600 }}>
              {d.name}
            </Link>
            <MetricLines m={d} itemsDue={d.itemsDue} />
          </Card>
        ))}
      </Space>
    );
  }
  return (
    <Table<DepartmentReview>
      size="small"
      rowKey="id"
      dataSource={review.departments}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[{ title: t('review.department'), key: 'name', fixed: 'left', width: 120, render: (_, d) => <Link to={departmentLink(d.id)}>{d.name}</Link> }, ...columns]}
    />
  );
}

/** Per collaboration: the record's link, its items due in the quarter as a link to that list, and the figures. */
export function CollaborationTable({ review }: { review: Review }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const itemsLink = (c: CollaborationReview) => `/action-items?collaborationId=${c.id}&dueAfter=${review.start}&dueBefore=${review.end}`;
  const columns = useMetricColumns<CollaborationReview>((c) => (c.itemsDue > 0 ? <Link to={itemsLink(c)}>{c.itemsDue}</Link> : 0));
  if (review.collaborations.length === 0) return <EmptyState description={t('review.noCollaborations')} />;
  if (isMobile) {
    return (
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {review.collaborations.map((c) => (
          <Card key={c.id} size="small">
            <Link to={c.url} style={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
              {c.topic}
            </Link>
            <div>
              <Tag style={{ marginTop: 4 }}>{c.initiatingDepartment.name}</Tag>
            </div>
            <MetricLines m={c} itemsDue={c.itemsDue > 0 ? <Link to={itemsLink(c)}>{c.itemsDue}</Link> : 0} />
          </Card>
        ))}
      </Space>
    );
  }
  return (
    <Table<CollaborationReview>
      size="small"
      rowKey="id"
      dataSource={review.collaborations}
      pagination={review.collaborations.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('review.collaboration'), key: 'topic', fixed: 'left', width: 200, render: (_, c) => <Link to={c.url}>{c.topic}</Link> },
        { title: t('review.initiatingDepartment'), key: 'dept', width: 110, render: (_, c) => c.initiatingDepartment.name },
        ...columns,
      ]}
    />
  );
}

/** 模板遵守度: each department's score and the template rules it kept least. */
export function ComplianceList({ review }: { review: Review }) {
  const { t } = useI18n();
  const rows = [...review.departments].filter((d) => d.compliance.score !== null).sort((a, b) => a.compliance.score! - b.compliance.score!);
  if (rows.length === 0) return <EmptyState description={t('review.noCompliance')} />;
  return (
    <ul aria-label={t('review.complianceTitle')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {rows.map((d) => {
        const broken = rulesBrokenMost(d.compliance.rules);
        return (
          <li key={d.id} style={{ padding: '8px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
            <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
              <span style={{ minWidth: 72, fontWeight: 500 }}>{d.name}</span>
              <Progress
                percent={Math.round((d.compliance.score ?? 0) * 100)}
                size="small"
                status={d.compliance.score! >= 0.8 ? 'success' : d.compliance.score! >= 0.5 ? 'normal' : 'exception'}
                style={{ flex: '1 1 160px', margin: 0, minWidth: 120 }}
                aria-label={t('review.complianceOf', { name: d.name })}
                format={(p) => `${p}%`}
              />
            </div>
            {broken.length > 0 ? (
              <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('review.brokenMost')}
                </Typography.Text>
                {broken.map((r) => (
                  <Tag key={r.rule} color="orange">
                    {t(`review.rule.${r.rule}`)} {percent(r.rate)} · {r.kept}/{r.checked}
                  </Tag>
                ))}
              </Space>
            ) : (
              <Typography.Text type="success" style={{ fontSize: 12 }}>
                {t('review.allRulesKept')}
              </Typography.Text>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Links to the records a problem was found in: 议题 1, 进度 2 … */
function RecordLinks({ records }: { records: ProblemRecord[] }) {
  const { t } = useI18n();
  let topics = 0;
  let updates = 0;
  return (
    <Space size={[8, 0]} wrap>
      {records.map((r) => (
        <Link key={`${r.kind}:${r.id}`} to={r.url} style={{ fontSize: 12 }}>
          {r.kind === 'topic' ? t('review.recordTopic', { n: ++topics }) : t('review.recordUpdate', { n: ++updates })}
        </Link>
      ))}
    </Space>
  );
}

function ProblemList({ title, rows, empty }: { title: string; rows: { key: string; label: string; count: number; records: ProblemRecord[] }[]; empty: string }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      {rows.length === 0 ? (
        <EmptyState description={empty} />
      ) : (
        <ol aria-label={title} style={{ margin: 0, paddingInlineStart: 20 }}>
          {rows.map((row) => (
            <li key={row.key} style={{ padding: '6px 0' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <span style={{ fontWeight: 500, overflowWrap: 'anywhere' }}>{row.label}</span>
                <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
                  {t('review.times', { count: row.count })}
                </Tag>
              </div>
              <RecordLinks records={row.records} />
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** 高频问题: recurring phrases mined from feedback, disagreements and delay reasons; the problem tags; the delay reasons. */
export function FrequentProblems({ review }: { review: Review }) {
  const { t } = useI18n();
  const p = review.problems;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 220px), 1fr))', gap: 16 }}>
      <ProblemList title={t('review.phrases')} empty={t('review.noPhrases')} rows={p.phrases.map((x) => ({ key: x.phrase, label: x.phrase, count: x.count, records: x.records }))} />
      <ProblemList title={t('review.tags')} empty={t('review.noTags')} rows={p.tags.map((x) => ({ key: x.tag, label: x.tag, count: x.count, records: x.records }))} />
      <ProblemList title={t('review.delayCodes')} empty={t('review.noDelays')} rows={p.delayCodes.map((x) => ({ key: x.code, label: x.label, count: x.count, records: x.records }))} />
    </div>
  );
}
