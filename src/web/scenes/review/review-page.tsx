import { useEffect, useMemo, type ReactNode } from 'react';
import { Card, Col, Row, Select, Space, Statistic, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../api/auth.ts';
import { useDepartments } from '../../api/organization.ts';
import { useReview, type Review, type ReviewMetrics } from '../../api/review.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import type { MessageKey } from '../../i18n/translate.ts';
import { useFormat } from '../../hooks/use-format.ts';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { ExportMenu, formatChoices } from '../../components/transfer/export-menu.tsx';
import { defaultQuarter, recentQuarters, shiftQuarter } from './quarters.ts';
import { percent, pointsChange } from './review-format.ts';
import { ReviewCharts } from './review-charts.tsx';
import { CollaborationTable, ComplianceList, DepartmentTable, FrequentProblems } from './review-tables.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "+12 pp vs 2024Q2" in green or red (an overdue count going up is bad news, a rate going up good). */
function Change({ points, previous, unit = 'points', higherIsBetter = true }: { points: number | null; previous: string; unit?: 'points' | 'count'; higherIsBetter?: boolean }) {
  const { t } = useI18n();
  if (points === null) return <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('review.noComparison')}</Typography.Text>;
  if (points === 0) return <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('review.unchanged', { quarter: previous })}</Typography.Text>;
  const good = points > 0 === higherIsBetter;
  const text = t(unit === 'points' ? 'review.changePoints' : 'review.changeCount', { change: `${points > 0 ? '+' : '−'}${Math.abs(points)}`, quarter: previous });
  return (
    <Typography.Text type={good ? 'success' : 'danger'} style={{ fontSize: 12 }}>
      {points > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {text}
    </Typography.Text>
  );
}

function Kpi({ title, value, suffix, change }: { title: string; value: ReactNode; suffix?: ReactNode; change: ReactNode }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic title={title} value={value as string} {...(suffix ? { suffix } : {})} />
      {change}
    </Card>
  );
}

const RATE_KPIS: { key: MessageKey; rate: (m: ReviewMetrics) => number | null; detail: (m: ReviewMetrics) => string }[] = [
  { key: 'review.metric.onTimeRate', rate: (m) => m.onTimeRate, detail: (m) => `${m.itemsOnTime}/${m.itemsDecided}` },
  { key: 'review.metric.publishInTimeRate', rate: (m) => m.publishInTimeRate, detail: (m) => `${m.meetingsPublishedInTime}/${m.meetingsPublished}` },
  { key: 'review.metric.agendaInTimeRate', rate: (m) => m.agendaInTimeRate, detail: (m) => `${m.agendasInTime}/${m.agendasDue}` },
  { key: 'review.metric.updateComplianceRate', rate: (m) => m.updateComplianceRate, detail: (m) => `${m.compliantItemDays}/${m.openItemDays}` },
  { key: 'review.metric.complianceScore', rate: (m) => m.compliance.score, detail: () => '' },
];

/** The headline figures of the quarter, each against the previous quarter. */
function Headline({ review, previous }: { review: Review; previous: Review | undefined }) {
  const { t } = useI18n();
  const m = review.totals;
  const before = previous?.totals;
  const prevName = previous?.quarter ?? shiftQuarter(review.quarter, 1);
  return (
    <Row gutter={[12, 12]}>
      {RATE_KPIS.map(({ key, rate, detail }) => (
        <Col key={key} xs={12} md={8} xl={4}>
          <Kpi
            title={t(key)}
            value={percent(rate(m))}
            suffix={detail(m) && rate(m) !== null ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{detail(m)}</Typography.Text> : undefined}
            change={<Change points={pointsChange(rate(m), before ? rate(before) : null)} previous={prevName} />}
          />
        </Col>
      ))}
      <Col xs={12} md={8} xl={4}>
        <Kpi
          title={t('review.metric.overdue')}
          value={m.overdueCount}
          suffix={m.escalations > 0 ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('review.escalatedCount', { count: m.escalations })}</Typography.Text> : undefined}
          change={
            <>
              {m.overdueCount > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {t('review.overdueDays', { mean: m.overdueDaysMean ?? 0, max: m.overdueDaysMax ?? 0 })}
                </Typography.Text>
              )}
              <Change points={before ? m.overdueCount - before.overdueCount : null} previous={prevName} unit="count" higherIsBetter={false} />
            </>
          }
        />
      </Col>
    </Row>
  );
}

/**
 * 季度复盘 (/review?quarter=2024Q3&departmentId=): for pmo and admins the whole organisation, for a
 * department head their departments — on-time completion, lateness, escalations, the template's timing
 * rules and the compliance score, per department and per collaboration, against the previous quarter;
 * the problems that recur, each linked to the records it came from; and the review as .xlsx or .pdf.
 */
export function ReviewPage() {
  const { t } = useI18n();
  const format = useFormat();
  const { user, abilities } = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const quarter = defaultQuarter(params.get('quarter'), format.today);
  const departmentParam = params.get('departmentId');
  const departmentId = departmentParam && UUID.test(departmentParam) ? departmentParam : undefined;
  const wholeOrganisation = user.role === 'admin' || user.role === 'pmo';
  const review = useReview(quarter, departmentId, abilities.runReview);
  const previous = useReview(shiftQuarter(quarter, 1), departmentId, abilities.runReview && review.isSuccess);
  const departments = useDepartments();

  useEffect(() => {
    document.title = `${t('review.title')} ${quarter} · ${t('app.name')}`;
  }, [quarter, t]);

  const quarterOptions = useMemo(() => {
    const list = recentQuarters(format.today, 12);
    return (list.includes(quarter) ? list : [quarter, ...list]).map((q) => ({ value: q, label: q }));
  }, [format.today, quarter]);
  const departmentOptions = (departments.data?.options ?? [])
    .filter((d) => wholeOrganisation || user.headOfDepartmentIds.includes(d.id))
    .map((d) => ({ value: d.id, label: d.path }));

  const set = (key: 'quarter' | 'departmentId', value: string | undefined) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        if (key === 'departmentId' && !p.has('quarter')) p.set('quarter', quarter);
        return p;
      },
      { replace: true },
    );
  const departmentLink = (id: string) => `/review?quarter=${quarter}&departmentId=${id}`;

  if (!abilities.runReview) {
    return (
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('review.title')}
        </Typography.Title>
        <Card>
          <EmptyState description={t('review.notAllowed')} />
        </Card>
      </Space>
    );
  }

  const data = review.data;
  const previousData = previous.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t('review.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {data ? t('review.scope', { quarter: data.quarter, from: format.date(data.start), to: format.date(data.end), asOf: format.date(data.asOf) }) : t('review.intro')}
          </Typography.Text>
        </div>
        <ExportMenu
          choices={formatChoices('/review/export', ['xlsx', 'pdf'], `${t('review.fileName')}-${quarter}`, { quarter, departmentId }, (f) => t(`export.format.${f}`))}
        />
      </div>
      <Row gutter={[8, 8]} role="group" aria-label={t('review.filters')}>
        <Col xs={12} md={6} lg={4}>
          <Select aria-label={t('review.quarter')} value={quarter} style={{ width: '100%' }} onChange={(q: string) => set('quarter', q)} options={quarterOptions} />
        </Col>
        <Col xs={12} md={10} lg={8}>
          <Select
            aria-label={t('review.department')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={wholeOrganisation ? t('review.wholeOrganisation') : t('review.myDepartments')}
            loading={departments.isPending}
            value={departmentId}
            style={{ width: '100%' }}
            onChange={(id?: string) => set('departmentId', id)}
            options={departmentOptions}
          />
        </Col>
      </Row>
      {review.isPending ? (
        <PageLoading />
      ) : review.isError || !data ? (
        <ErrorState error={review.error} onRetry={() => void review.refetch()} />
      ) : data.totals.itemsDue === 0 && data.totals.openItemDays === 0 && data.totals.meetingsPublished === 0 && data.totals.agendasDue === 0 ? (
        <Card>
          <EmptyState description={t('review.emptyQuarter', { quarter: data.quarter })} />
        </Card>
      ) : (
        <>
          <Headline review={data} previous={previousData} />
          <ReviewCharts review={data} previous={previousData} />
          <Card size="small" title={t('review.byDepartment')}>
            <DepartmentTable review={data} departmentLink={departmentLink} />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={8}>
              <Card size="small" title={t('review.complianceTitle')} style={{ height: '100%' }}>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t('review.complianceHint', { hours: data.rules.publishWithinHours, days: data.rules.staleAfterDays })}
                </Typography.Paragraph>
                <ComplianceList review={data} />
              </Card>
            </Col>
            <Col xs={24} xl={16}>
              <section aria-labelledby="review-problems">
                <Typography.Title level={2} id="review-problems" style={{ fontSize: 16, margin: '0 0 8px' }}>
                  {t('review.problemsTitle')}
                </Typography.Title>
                <FrequentProblems review={data} />
              </section>
            </Col>
          </Row>
          <Card size="small" title={t('review.byCollaboration')}>
            <CollaborationTable review={data} />
          </Card>
        </>
      )}
    </Space>
  );
}
