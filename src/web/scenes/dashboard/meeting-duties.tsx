import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { useMeetings, type MeetingListItem } from '../../api/meetings.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useNow } from '../../hooks/use-now.ts';
import { ErrorState, PageLoading } from '../../components/page-state.tsx';
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
          <PublishDeadline {...meeting} now={now} compact />
        ) : (
          <AgendaDeadline {...meeting} agendaSentLate={null} now={now} compact />
        )}
      </div>
    </li>
  );
}

type DutyQuery = ReturnType<typeof useMeetings>;

/** One duty of the card: its count links to the whole filtered list; a few meetings with their deadline. */
function DutyGroup({ duty, query, now }: { duty: 'publish' | 'agenda'; query: DutyQuery; now: Date }) {
  const { t } = useI18n();
  const title = duty === 'publish' ? t('dashboard.toPublish') : t('dashboard.agendaToSend');
  const link = duty === 'publish' ? meetingDutyLinks.toPublish : meetingDutyLinks.agendaToSend;
  const items = query.data?.items ?? [];
  return (
    <section aria-label={title} style={{ marginBottom: 12 }}>
      <Typography.Title level={3} style={{ fontSize: 15, margin: '4px 0 0' }}>
        <Link to={link}>{t('dashboard.groupTitle', { title, count: query.data ? items.length : '…' })}</Link>
      </Typography.Title>
      {query.isPending ? (
        <PageLoading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {duty === 'publish' ? t('dashboard.noneToPublish') : t('dashboard.noAgendaToSend')}
        </Typography.Paragraph>
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
    </section>
  );
}

/** 会议待办: the records I must publish (24 h countdown, red once late) and the agendas I must send. */
export function MeetingDutiesCard({ duties }: { duties: ReturnType<typeof useMeetingDuties> }) {
  const { t } = useI18n();
  const now = useNow(30_000);
  return (
    <Card title={t('dashboard.meetingDuties')} extra={<Link to="/meetings">{t('common.viewAll')}</Link>}>
      <DutyGroup duty="publish" query={duties.toPublish} now={now} />
      <DutyGroup duty="agenda" query={duties.agendaToSend} now={now} />
    </Card>
  );
}
