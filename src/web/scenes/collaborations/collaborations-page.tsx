import { useEffect, useMemo } from 'react';
import { Button, Card, Col, Input, Row, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../api/auth.ts';
import { useCollaborations } from '../../api/collaborations.ts';
import { useDepartments } from '../../api/organization.ts';
import type { CollaborationFilters, CollaborationListItem } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { CollaborationStatusTag, HealthTag } from '../../components/tags.tsx';
import { LinkButton } from '../../components/link-button.tsx';
import { filtersFromParams, HEALTHS, LIST_STATUSES, paramsFromFilters, SCENARIOS } from './list-filters.ts';

function Filters({ filters, onChange }: { filters: CollaborationFilters; onChange: (next: CollaborationFilters) => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const departments = useDepartments();
  const thisYear = Number(format.today.slice(0, 4));
  const set = <K extends keyof CollaborationFilters>(key: K, value: CollaborationFilters[K] | undefined) => {
    const next = { ...filters };
    if (value === undefined || value === null || value === '') delete next[key];
    else next[key] = value;
    onChange(next);
  };
  const select = { allowClear: true, style: { width: '100%' } } as const;
  return (
    <Row gutter={[8, 8]} role="group" aria-label={t('collaborations.filters')}>
      <Col xs={24} md={8} lg={6}>
        <Input.Search
          key={filters.q ?? ''}
          defaultValue={filters.q}
          allowClear
          placeholder={t('collaborations.searchPlaceholder')}
          aria-label={t('collaborations.searchPlaceholder')}
          onSearch={(q) => set('q', q.trim() || undefined)}
        />
      </Col>
      <Col xs={12} md={8} lg={3}>
        <Select
          {...select}
          aria-label={t('collaborations.status')}
          placeholder={t('collaborations.status')}
          value={filters.status}
          onChange={(v) => set('status', v)}
          options={LIST_STATUSES.map((s) => ({ value: s, label: t(`collaborationStatus.${s}`) }))}
        />
      </Col>
      <Col xs={12} md={8} lg={3}>
        <Select
          {...select}
          aria-label={t('collaborations.health')}
          placeholder={t('collaborations.health')}
          value={filters.health}
          onChange={(v) => set('health', v)}
          options={HEALTHS.map((h) => ({ value: h, label: t(`health.${h}`) }))}
        />
      </Col>
      <Col xs={12} md={8} lg={4}>
        <Select
          {...select}
          aria-label={t('collaborations.scenario')}
          placeholder={t('collaborations.scenario')}
          value={filters.scenario}
          onChange={(v) => set('scenario', v)}
          options={SCENARIOS.map((s) => ({ value: s, label: t(`scenario.${s}`) }))}
        />
      </Col>
      <Col xs={12} md={8} lg={4}>
        <Select
          {...select}
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('collaborations.department')}
          placeholder={t('collaborations.department')}
          loading={departments.isPending}
          value={filters.departmentId}
          onChange={(v) => set('departmentId', v)}
          options={departments.data?.options.map((d) => ({ value: d.id, label: d.path }))}
        />
      </Col>
      <Col xs={12} md={4} lg={2}>
        <Select
          {...select}
          aria-label={t('collaborations.year')}
          placeholder={t('collaborations.year')}
          value={filters.year}
          onChange={(v) => set('year', v)}
          options={Array.from({ length: 5 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: String(y) }))}
        />
      </Col>
      <Col xs={12} md={4} lg={2}>
        <Select
          {...select}
          aria-label={t('collaborations.quarter')}
          placeholder={t('collaborations.quarter')}
          value={filters.quarter}
          onChange={(v) => set('quarter', v)}
          options={[1, 2, 3, 4].map((q) => ({ value: q, label: `Q${q}` }))}
        />
      </Col>
    </Row>
  );
}

function CollaborationCards({ rows }: { rows: CollaborationListItem[] }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {rows.map((c) => (
        <Card key={c.id} size="small">
          <Link to={`/collaborations/${c.id}`} style={{ fontWeight: 600, fontSize: 15 }}>
            {c.topic}
          </Link>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 8px' }}>
            {c.goal}
          </Typography.Paragraph>
          <Space size={[4, 4]} wrap>
            <HealthTag health={c.health} />
            <CollaborationStatusTag status={c.status} archived={c.archived} />
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {c.initiatingDepartment.name} · {c.period.label} · {t('collaboration.openCount', { open: c.counts.open, overdue: c.counts.overdue })}
            </Typography.Text>
          </Space>
        </Card>
      ))}
    </Space>
  );
}

function CollaborationTable({ rows }: { rows: CollaborationListItem[] }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <Table<CollaborationListItem>
      rowKey="id"
      dataSource={rows}
      pagination={false}
      columns={[
        {
          title: t('collaborations.topic'),
          key: 'topic',
          render: (_, c) => (
            <div>
              <Link to={`/collaborations/${c.id}`} style={{ fontWeight: 500 }}>
                {c.topic}
              </Link>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: 0, fontSize: 13 }}>
                {c.goal}
              </Typography.Paragraph>
            </div>
          ),
        },
        { title: t('collaborations.initiatingDepartment'), key: 'dept', width: 140, render: (_, c) => c.initiatingDepartment.name },
        { title: t('collaborations.scenario'), key: 'scenario', width: 120, render: (_, c) => t(`scenario.${c.scenario}`) },
        { title: t('collaborations.health'), key: 'health', width: 100, render: (_, c) => <HealthTag health={c.health} /> },
        { title: t('collaborations.status'), key: 'status', width: 100, render: (_, c) => <CollaborationStatusTag status={c.status} archived={c.archived} /> },
        { title: t('collaborations.period'), key: 'period', width: 90, render: (_, c) => c.period.label },
        {
          title: t('collaborations.openItems'),
          key: 'items',
          width: 120,
          render: (_, c) => (
            <span>
              {c.counts.open}
              {c.counts.overdue > 0 && <Typography.Text type="danger"> · {t('collaborations.overdueShort', { count: c.counts.overdue })}</Typography.Text>}
            </span>
          ),
        },
        { title: t('collaborations.updatedAt'), key: 'updated', width: 150, render: (_, c) => (c.updatedAt ? format.instant(c.updatedAt) : '') },
      ]}
    />
  );
}

/** 协作: the collaborations the user may read, filtered by what the address bar says. */
export function CollaborationsPage() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const { abilities } = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const list = useCollaborations(filters);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.keys(filters).length > 0;

  useEffect(() => {
    document.title = `${t('nav.collaborations')} · ${t('app.name')}`;
  }, [t]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('nav.collaborations')}
        </Typography.Title>
        {abilities.createCollaboration && (
          <LinkButton to="/collaborations/new" type="primary" icon={<PlusOutlined />}>
            {t('collaborations.create')}
          </LinkButton>
        )}
      </div>
      <Filters filters={filters} onChange={(next) => setParams(paramsFromFilters(next), { replace: true })} />
      {list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <Card>
          <EmptyState
            description={filtered ? t('collaborations.noMatch') : t('collaborations.empty')}
            action={
              filtered ? (
                <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('collaborations.clearFilters')}</Button>
              ) : abilities.createCollaboration ? (
                <LinkButton to="/collaborations/new" type="primary">
                  {t('collaborations.create')}
                </LinkButton>
              ) : null
            }
          />
        </Card>
      ) : (
        <>
          {isMobile ? <CollaborationCards rows={rows} /> : <CollaborationTable rows={rows} />}
          {list.hasNextPage && (
            <div style={{ textAlign: 'center' }}>
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </div>
          )}
        </>
      )}
    </Space>
  );
}
