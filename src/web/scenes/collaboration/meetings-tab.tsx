import { Link } from 'react-router';
import { Card, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { LinkButton } from '../../components/link-button.tsx';
import type { Collaboration, CollaborationMeeting } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { EmptyState } from '../../components/page-state.tsx';

function MinutesTag({ meeting }: { meeting: CollaborationMeeting }) {
  const { t } = useI18n();
  if (meeting.cancelled) return <Tag>{t('meeting.cancelled')}</Tag>;
  if (meeting.minutesStatus === 'published') return <Tag color={meeting.publishedLate ? 'warning' : 'success'}>{t(meeting.publishedLate ? 'meeting.publishedLate' : 'meeting.published')}</Tag>;
  if (meeting.heldAt) return <Tag color="processing">{t('meeting.minutesDraft')}</Tag>;
  return <Tag color="blue">{t('meeting.scheduled')}</Tag>;
}

/** The collaboration's meetings, oldest first, each with its slot, place, host, recorder and minutes state. */
export function MeetingsTab({ collaboration }: { collaboration: Collaboration }) {
  const { t } = useI18n();
  const format = useFormat();
  const schedule = collaboration.abilities.createMeeting ? (
    <LinkButton type="primary" icon={<PlusOutlined />} to={`/collaborations/${collaboration.id}/meetings/new`}>
      {t('meetings.schedule')}
    </LinkButton>
  ) : null;
  if (collaboration.meetings.length === 0) {
    return <EmptyState description={collaboration.abilities.createMeeting ? t('meetings.emptyEditor') : t('meetings.empty')} action={schedule} />;
  }
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {schedule && <div>{schedule}</div>}
      {collaboration.meetings.map((m) => (
        <Card key={m.id} size="small">
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'baseline' }}>
            <Link to={`/meetings/${m.id}`} style={{ fontWeight: 600 }}>
              {m.title || collaboration.topic}
            </Link>
            <MinutesTag meeting={m} />
          </div>
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {m.plannedStart && m.plannedEnd ? format.timeRange(m.plannedStart, m.plannedEnd) : ''} · {t(`meetingMode.${m.mode}`)}
            {m.location ? ` · ${m.location}` : ''}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {t('meetings.hostRecorder', { host: m.host.name ?? '', recorder: m.recorder.name ?? '' })}
          </Typography.Text>
        </Card>
      ))}
    </Space>
  );
}
