import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { useMeetings, type MeetingListItem } from '../../api/meetings.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useNow } from '../../hooks/use-now.ts';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { AgendaDeadline, PublishDeadline } from '../../components/meeting-deadlines.tsx';

/** The filtered meeting lists behind the dashboard's meeting numbers. */
export const meetingDutyLinks = {
  toPublish: '/meetings?role=recorder&pending=minutes',
  agendaToSend: '/meetings?role=host&pending=agenda',
};

/** Records I must publish (I record, the meeting is over, unpublished) and agendas I must send (I host, not sent). */
export function useMeetingDuties() {
  return {
    toPublish: useMeetings({ role: 'recorder', pending: 'minutes' }, 50),
    agendaToSend: useMeetings({ role: 'host', pending: 'agenda' }, 50),
  };
}

const rowStyle = { padding: '10px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' } as const;
const metaStyle = { color: 'rgba(0,0,0,0.55)', fontSize: 13, marginTop: 4 } as const;

function MeetingRow({ meeting, duty, now }: { meeting: MeetingListItem; duty: 'publish' | 'agenda'; now: Date }) {
  const format = useFormat();
  return (
    <li style={rowStyle}>
      <Link to={`/meetings/${meeting.id}`} style={{ fontWeight: 500 }}>
        {meeting.title || meeting.collaborationTopic}
      </Link>
      <div style={metaStyle}>
        {meeting.plannedStart && meeting.plannedEnd ? format.timeRange(meeting.plannedStart, meeting.plannedEnd) : ''}
        {meeting.title ? ` · ${meeting.collaborationTopic}` : ''}
      </div>
      <div style={{ marginTop: 4, fontSize: 13 }}>
        {duty === 'publish' ? (
          <PublishDeadline {...meeting} now={now} />
        ) : (
          <AgendaDeadline {...meeting} agendaSentLate={null} now={now} />
        )}
      </div>
    </li>
  );
}

type DutyQuery = ReturnType<typeof useMeetings>;

/** One duty list of the dashboard; its count in the title links to the whole filtered list. */
export function MeetingDutyCard({ duty, query }: { duty: 'publish' | 'agenda'; query: DutyQuery }) {
  const { t } = useI18n();
  const now = useNow(30_000);
  const title = duty === 'publish' ? t('dashboard.toPublish') : t('dashboard.agendaToSend');
  const link = duty === 'publish' ? meetingDutyLinks.toPublish : meetingDutyLinks.agendaToSend;
  const items = query.data?.items ?? [];
  return (
    <Card
      title={
        <Link to={link} style={{ color: 'inherit' }}>
          {t('dashboard.groupTitle', { title, count: query.data ? items.length : '…' })}
        </Link>
      }
      extra={<Link to={link}>{t('common.viewAll')}</Link>}
    >
      {query.isPending ? (
        <PageLoading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState description={duty === 'publish' ? t('dashboard.noneToPublish') : t('dashboard.noAgendaToSend')} />
      ) : (
        <>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.slice(0, 5).map((m) => (
              <MeetingRow key={m.id} meeting={m} duty={duty} now={now} />
            ))}
          </ul>
          {items.length > 5 && (
            <Typography.Paragraph style={{ margin: '8px 0 0' }}>
              <Link to={link}>{t('dashboard.moreMeetings', { count: items.length - 5 })}</Link>
            </Typography.Paragraph>
          )}
        </>
      )}
    </Card>
  );
}
