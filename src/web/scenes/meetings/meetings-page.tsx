import { useEffect } from 'react';
import { Button, Card, Segmented, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useMeetingPages, type MeetingFilters, type MeetingListItem } from '../../api/meetings.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useNow } from '../../hooks/use-now.ts';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { AgendaDeadline, PublishDeadline } from '../../components/meeting-deadlines.tsx';
import { meetingFiltersFrom, PENDING, ROLES, type Pending, type Role } from './meeting-filters.ts';

const filterStyle = { display: 'inline-flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' } as const;

function MeetingCard({ meeting, pending, now }: { meeting: MeetingListItem; pending: Pending; now: Date }) {
  const { t } = useI18n();
  const format = useFormat();
  const showPublish = pending === 'minutes' || (pending === 'all' && (meeting.heldAt || (meeting.plannedEnd && Date.parse(meeting.plannedEnd) <= now.getTime())));
  return (
    <Card size="small">
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'baseline' }}>
        <Link to={`/meetings/${meeting.id}`} style={{ fontWeight: 600 }}>
          {meeting.title || meeting.collaborationTopic}
        </Link>
        {meeting.cancelled && <Tag>{t('meeting.cancelled')}</Tag>}
      </div>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
        {meeting.plannedStart && meeting.plannedEnd ? format.timeRange(meeting.plannedStart, meeting.plannedEnd) : ''} · {t(`meetingMode.${meeting.mode}`)}
        {meeting.location ? <span style={{ wordBreak: 'break-all' }}> · {meeting.location}</span> : ''}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        <Link to={`/collaborations/${meeting.collaborationId}`}>{meeting.collaborationTopic}</Link> ·{' '}
        {t('meetings.hostRecorder', { host: meeting.host.name ?? '', recorder: meeting.recorder.name ?? '' })}
      </Typography.Text>
      <div style={{ marginTop: 6, fontSize: 13 }}>
        {showPublish ? <PublishDeadline {...meeting} now={now} compact /> : <AgendaDeadline {...meeting} agendaSentLate={null} now={now} compact />}
      </div>
    </Card>
  );
}

/** 我的会议: meetings I host, record or attend, filtered to what still waits on me (the dashboard's numbers lead here). */
export function MeetingsPage() {
  const { t } = useI18n();
  const now = useNow(30_000);
  const [params, setParams] = useSearchParams();
  const { role, pending } = meetingFiltersFrom(params);
  const filters: MeetingFilters = { role, ...(pending !== 'all' ? { pending } : {}) };
  const query = useMeetingPages(filters);
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  useEffect(() => {
    document.title = `${t('meetingsList.title')} · ${t('app.name')}`;
  }, [t]);

  const set = (key: 'role' | 'pending', value: string) =>
    setParams(
      (p) => {
        p.set(key, value);
        if (key === 'pending' && value === 'all') p.delete('pending');
        return p;
      },
      { replace: true },
    );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('meetingsList.title')}
      </Typography.Title>
      <Card size="small">
        <Space wrap size={[24, 8]}>
          <span style={filterStyle}>
            <Typography.Text type="secondary">{t('meetingsList.role')}</Typography.Text>
            <Segmented<Role>
              aria-label={t('meetingsList.role')}
              value={role}
              onChange={(v) => set('role', v)}
              options={ROLES.map((r) => ({ value: r, label: t(`meetingsList.role.${r}`) }))}
            />
          </span>
          <span style={filterStyle}>
            <Typography.Text type="secondary">{t('meetingsList.pending')}</Typography.Text>
            <Segmented<Pending>
              aria-label={t('meetingsList.pending')}
              value={pending}
              onChange={(v) => set('pending', v)}
              options={PENDING.map((p) => ({ value: p, label: t(`meetingsList.pending.${p}`) }))}
            />
          </span>
        </Space>
      </Card>
      {query.isPending ? (
        <PageLoading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <Card>
          <EmptyState description={pending === 'all' ? t('meetingsList.empty') : t('meetingsList.nothingPending')} />
        </Card>
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {rows.map((m) => (
            <MeetingCard key={m.id} meeting={m} pending={pending} now={now} />
          ))}
          {query.hasNextPage && (
            <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          )}
        </Space>
      )}
    </Space>
  );
}
