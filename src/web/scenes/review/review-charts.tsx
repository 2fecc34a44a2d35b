import { useMemo } from 'react';
import { Card, Col, Row } from 'antd';
import type { Review } from '../../api/review.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { EmptyState } from '../../components/page-state.tsx';
import { EChart, type ChartOption } from './echart.tsx';

const CURRENT = '#1677ff';
const PREVIOUS = '#bfbfbf';
const asPercent = (rate: number | null | undefined) => (rate === null || rate === undefined ? null : Math.round(rate * 100));

/** Axis labels that stay inside a narrow chart: department names are cut, not wrapped over each other. */
const categoryAxis = (names: string[], narrow: boolean) => ({
  type: 'category' as const,
  data: names,
  axisLabel: { interval: 0, width: narrow ? 48 : 80, overflow: 'truncate' as const, rotate: narrow && names.length > 3 ? 30 : 0 },
});

const percentAxis = { type: 'value' as const, min: 0, max: 100, axisLabel: { formatter: '{value}%' } };

/**
 * The review's three charts: on-time completion per department (this quarter beside the previous one),
 * the delay reasons given, and the headline rates against the previous quarter.
 */
export function ReviewCharts({ review, previous }: { review: Review; previous: Review | undefined }) {
  const { t } = useI18n();
  const narrow = useIsMobile();
  const thisLabel = t('review.chart.thisQuarter', { quarter: review.quarter });
  const previousLabel = t('review.chart.previousQuarter', { quarter: previous?.quarter ?? '' });

  const onTime = useMemo<ChartOption>(() => {
    const departments = review.departments.filter((d) => d.itemsDue > 0 || d.onTimeRate !== null);
    const before = new Map(previous?.departments.map((d) => [d.id, d.onTimeRate]) ?? []);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '–' : `${String(v)}%`) },
      legend: { data: previous ? [thisLabel, previousLabel] : [thisLabel], bottom: 0 },
      grid: { left: 8, right: 8, top: 16, bottom: 56, containLabel: true },
      xAxis: categoryAxis(departments.map((d) => d.name), narrow),
      yAxis: percentAxis,
      series: [
        { name: thisLabel, type: 'bar', data: departments.map((d) => asPercent(d.onTimeRate)), itemStyle: { color: CURRENT }, barMaxWidth: 28 },
        ...(previous ? [{ name: previousLabel, type: 'bar' as const, data: departments.map((d) => asPercent(before.get(d.id))), itemStyle: { color: PREVIOUS }, barMaxWidth: 28 }] : []),
      ],
    };
  }, [review, previous, narrow, thisLabel, previousLabel]);

  const delays = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { type: 'plain', bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: narrow ? ['30%', '58%'] : ['35%', '65%'],
          center: ['50%', '42%'],
          label: { formatter: '{b}\n{c}', overflow: 'truncate', width: 90 },
          data: review.problems.delayCodes.map((d) => ({ name: d.label, value: d.count })),
        },
      ],
    }),
    [review, narrow],
  );

  const change = useMemo<ChartOption>(() => {
    const rates = [
      ['review.metric.onTimeRate', review.totals.onTimeRate, previous?.totals.onTimeRate],
      ['review.metric.publishInTimeRate', review.totals.publishInTimeRate, previous?.totals.publishInTimeRate],
      ['review.metric.agendaInTimeRate', review.totals.agendaInTimeRate, previous?.totals.agendaInTimeRate],
      ['review.metric.updateComplianceRate', review.totals.updateComplianceRate, previous?.totals.updateComplianceRate],
      ['review.metric.complianceScore', review.totals.compliance.score, previous?.totals.compliance.score],
    ] as const;
    // Bars lying down: the rates' names are long, and read best on the left.
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '–' : `${String(v)}%`) },
      legend: { data: previous ? [thisLabel, previousLabel] : [thisLabel], bottom: 0 },
      grid: { left: 8, right: 44, top: 8, bottom: 40, containLabel: true },
      yAxis: { type: 'category', inverse: true, data: rates.map(([key]) => t(key)), axisLabel: { width: narrow ? 84 : 110, overflow: 'truncate' } },
      xAxis: { ...percentAxis, interval: narrow ? 50 : 25 },
      series: [
        { name: thisLabel, type: 'bar', data: rates.map(([, now]) => asPercent(now)), itemStyle: { color: CURRENT }, barMaxWidth: 16, label: { show: true, position: 'right', formatter: '{c}%' } },
        ...(previous ? [{ name: previousLabel, type: 'bar' as const, data: rates.map(([, , before]) => asPercent(before)), itemStyle: { color: PREVIOUS }, barMaxWidth: 16 }] : []),
      ],
    };
  }, [review, previous, narrow, t, thisLabel, previousLabel]);

  const height = narrow ? 260 : 300;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('review.chart.onTimeByDepartment')}>
          {review.departments.some((d) => d.onTimeRate !== null) ? <EChart option={onTime} height={height} label={t('review.chart.onTimeByDepartment')} /> : <EmptyState description={t('review.chart.noItemsDue')} />}
        </Card>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Card size="small" title={t('review.chart.delayReasons')}>
          {review.problems.delayCodes.length > 0 ? <EChart option={delays} height={height} label={t('review.chart.delayReasons')} /> : <EmptyState description={t('review.chart.noDelays')} />}
        </Card>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Card size="small" title={t('review.chart.change')}>
          <EChart option={change} height={height} label={t('review.chart.change')} />
        </Card>
      </Col>
    </Row>
  );
}
