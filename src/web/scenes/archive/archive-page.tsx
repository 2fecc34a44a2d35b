import { useEffect, useMemo } from 'react';
import { Button, Card, Col, Row, Select, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useArchive, type ArchivedProject } from '../../api/archive.ts';
import { useDepartments } from '../../api/organization.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { DownloadButton } from '../../components/transfer/export-menu.tsx';
import { SCENARIOS } from '../collaborations/list-filters.ts';
import { archiveViewFromParams, paramsFromArchiveView, selectBranch, type ArchiveView } from './archive-filters.ts';

/** One archived project: its archive name linking to the frozen record, what it holds, and its .zip. */
function ArchivedProjectCard({ project: p }: { project: ArchivedProject }) {
  const { t } = useI18n();
  const format = useFormat();
  const c = p.counts;
  return (
    <Card size="small" style={{ height: '100%' }} styles={{ body: { display: 'flex', flexDirection: 'column', gap: 8, height: '100%' } }}>
      <Link to={p.url} style={{ fontWeight: 600, fontSize: 15, overflowWrap: 'anywhere' }}>
        {p.archiveName}
      </Link>
      <Space size={[4, 4]} wrap>
        <Tag color={p.status === 'completed' ? 'success' : 'default'}>{t(`collaborationStatus.${p.status}`)}</Tag>
        <Tag>{t(`scenario.${p.scenario}`)}</Tag>
        <Tag color="geekblue">{p.initiatingDepartment.name}</Tag>
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('archive.counts', { meetings: c.meetings, topics: c.topics, items: c.actionItems, updates: c.progressUpdates, remarks: c.remarks, attachments: c.attachments })}
      </Typography.Text>
      {p.archivedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('archive.archivedAt', { at: format.instant(p.archivedAt) })}
        </Typography.Text>
      )}
      <div style={{ marginTop: 'auto', display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <Link to={p.url}>{t('archive.open')}</Link>
        <DownloadButton request={{ path: `/collaborations/${encodeURIComponent(p.id)}/export`, query: { format: 'zip' }, fallbackName: `${p.archiveName}.zip` }} buttonProps={{ size: 'small' }}>
          {t('archive.downloadZip')}
        </DownloadButton>
      </div>
    </Card>
  );
}

function Filters({ view, years, onChange }: { view: ArchiveView; years: { year: number; count: number; quarters: { quarter: number; count: number }[] }[]; onChange: (next: ArchiveView) => void }) {
  const { t } = useI18n();
  const departments = useDepartments();
  const select = { allowClear: true, style: { width: '100%' } } as const;
  const quarters = years.find((y) => y.year === view.year)?.quarters ?? [];
  return (
    <Row gutter={[8, 8]} role="group" aria-label={t('archive.filters')}>
      <Col xs={12} md={5}>
        <Select
          {...select}
          aria-label={t('archive.year')}
          placeholder={t('archive.allYears')}
          value={view.year}
          onChange={(year?: number) => onChange({ server: view.server, ...(year !== undefined ? { year } : {}) })}
          options={years.map((y) => ({ value: y.year, label: t('archive.yearOption', { year: y.year, count: y.count }) }))}
        />
      </Col>
      <Col xs={12} md={5}>
        <Select
          {...select}
          aria-label={t('archive.quarter')}
          placeholder={t('archive.allQuarters')}
          disabled={view.year === undefined}
          value={view.quarter}
          onChange={(quarter?: number) => onChange({ server: view.server, ...(view.year !== undefined ? { year: view.year } : {}), ...(quarter !== undefined ? { quarter } : {}) })}
          options={quarters.map((q) => ({ value: q.quarter, label: t('archive.quarterOption', { quarter: q.quarter, count: q.count }) }))}
        />
      </Col>
      <Col xs={24} md={7}>
        <Select
          {...select}
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('archive.department')}
          placeholder={t('archive.allDepartments')}
          loading={departments.isPending}
          value={view.server.departmentId}
          onChange={(departmentId?: string) => onChange({ ...view, server: { ...view.server, departmentId } })}
          options={departments.data?.options.map((d) => ({ value: d.id, label: d.path }))}
        />
      </Col>
      <Col xs={24} md={7}>
        <Select
          {...select}
          aria-label={t('archive.scenario')}
          placeholder={t('archive.allScenarios')}
          value={view.server.scenario}
          onChange={(scenario?: ArchiveView['server']['scenario']) => onChange({ ...view, server: { ...view.server, scenario } })}
          options={SCENARIOS.map((s) => ({ value: s, label: t(`scenario.${s}`) }))}
        />
      </Col>
    </Row>
  );
}

/**
 * 归档 (/archive): finished collaborations filed the template's way, 年份 → 季度 → 项目, with counts;
 * filtered by department and scenario (in the API) and by year and quarter (in the tree). Each project
 * opens its frozen record, or downloads whole as a .zip.
 */
export function ArchivePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => archiveViewFromParams(params), [params]);
  const archive = useArchive(view.server);
  const years = archive.data?.years ?? [];
  const branch = useMemo(() => selectBranch(years, view.year, view.quarter), [years, view.year, view.quarter]);
  const filtered = Object.keys(view.server).length > 0 || view.year !== undefined;

  useEffect(() => {
    document.title = `${t('archive.title')} · ${t('app.name')}`;
  }, [t]);

  const onChange = (next: ArchiveView) => {
    const clean: ArchiveView = { server: Object.fromEntries(Object.entries(next.server).filter(([, v]) => v !== undefined)) as ArchiveView['server'] };
    if (next.year !== undefined) clean.year = next.year;
    if (next.year !== undefined && next.quarter !== undefined) clean.quarter = next.quarter;
    setParams(paramsFromArchiveView(clean), { replace: true });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('archive.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('archive.intro')}</Typography.Text>
      </div>
      <Filters view={view} years={years} onChange={onChange} />
      {archive.isPending ? (
        <PageLoading />
      ) : archive.isError ? (
        <ErrorState error={archive.error} onRetry={() => void archive.refetch()} />
      ) : branch.length === 0 ? (
        <Card>
          <EmptyState
            description={filtered ? t('archive.noMatch') : t('archive.empty')}
            action={filtered ? <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('archive.clearFilters')}</Button> : null}
          />
        </Card>
      ) : (
        <>
          <Typography.Text type="secondary" role="status">
            {t('archive.total', { count: branch.reduce((sum, y) => sum + y.count, 0) })}
          </Typography.Text>
          {branch.map((y) => (
            <section key={y.year} aria-labelledby={`archive-year-${y.year}`}>
              <Typography.Title level={2} id={`archive-year-${y.year}`} style={{ fontSize: 18, margin: '0 0 8px' }}>
                {t('archive.yearHeading', { year: y.year, count: y.count })}
              </Typography.Title>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                {y.quarters.map((q) => (
                  <section key={q.quarter} aria-labelledby={`archive-${q.period}`}>
                    <Typography.Title level={3} id={`archive-${q.period}`} style={{ fontSize: 15, margin: '0 0 8px' }}>
                      {t('archive.quarterHeading', { year: y.year, quarter: q.quarter, count: q.count })}
                    </Typography.Title>
                    <Row gutter={[12, 12]}>
                      {q.collaborations.map((p) => (
                        <Col key={p.id} xs={24} md={12} xl={8}>
                          <ArchivedProjectCard project={p} />
                        </Col>
                      ))}
                    </Row>
                  </section>
                ))}
              </Space>
            </section>
          ))}
        </>
      )}
    </Space>
  );
}
