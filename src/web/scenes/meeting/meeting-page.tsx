import { useEffect, useState } from 'react';
import { Alert, Breadcrumb, Button, Space, Typography } from 'antd';
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useMeeting } from '../../api/meetings.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useNow } from '../../hooks/use-now.ts';
import { ErrorState, PageLoading } from '../../components/page-state.tsx';
import type { ScheduledState } from '../meeting-schedule/schedule-meeting-page.tsx';
import { MeetingHeader } from './meeting-header.tsx';
import { PublishPanel } from './publish-panel.tsx';
import { MinutesEditor } from './minutes-editor.tsx';
import { MinutesView } from './minutes-view.tsx';
import { MinutesSavesProvider } from './minutes-saves.tsx';
import { ScheduleWarnings } from './schedule-warnings.tsx';

/**
 * A meeting (沟通会议): its header with the agenda and deadline rules, and its minutes — the live
 * editor for the host, the recorder and the collaboration's editors while they are a draft (and for
 * corrections after publishing, on request), read-only for everyone else.
 */
export function MeetingPage() {
  const { t } = useI18n();
  const format = useFormat();
  const now = useNow(30_000);
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const query = useMeeting(id);
  const m = query.data;
  const [correcting, setCorrecting] = useState(false);
  const warnings = (location.state as ScheduledState | null)?.warnings ?? [];

  useEffect(() => {
    document.title = `${m?.title || m?.collaborationTopic || t('meeting.title')} · ${t('app.name')}`;
  }, [m?.title, m?.collaborationTopic, t]);

  if (query.isPending) return <PageLoading />;
  if (query.isError || !m) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const isPublished = m.minutesStatus === 'published';
  const canEdit = m.abilities.editMinutes && !m.cancelled;
  const editing = canEdit && (!isPublished || correcting);
  const showPublish = m.abilities.publish && !isPublished && !m.cancelled;

  return (
    <MinutesSavesProvider>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Breadcrumb
          items={[
            { title: <Link to="/collaborations">{t('nav.collaborations')}</Link> },
            { title: <Link to={`/collaborations/${m.collaborationId}?tab=meetings`}>{m.collaborationTopic}</Link> },
            { title: m.title || t('meeting.title') },
          ]}
        />
        <ScheduleWarnings warnings={warnings} onClose={() => navigate(location.pathname, { replace: true, state: null })} />
        <MeetingHeader meeting={m} now={now} publishPanelShown={showPublish} />
        {showPublish && <PublishPanel meeting={m} now={now} />}

        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'baseline', justifyContent: 'space-between' }}>
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('meeting.minutes')}
          </Typography.Title>
          {canEdit && isPublished && (
            <Button icon={correcting ? <EyeOutlined /> : <EditOutlined />} onClick={() => setCorrecting((c) => !c)}>
              {correcting ? t('minutes.doneCorrecting') : t('minutes.correct')}
            </Button>
          )}
        </div>
        {editing && !isPublished && <Typography.Text type="secondary">{t('minutes.editorHint')}</Typography.Text>}
        {isPublished && m.publishedAt && (
          <Alert
            type={correcting ? 'warning' : 'success'}
            showIcon
            title={t('minutes.publishedBanner', { at: format.instant(m.publishedAt) })}
            description={correcting ? t('minutes.correctionHint') : undefined}
          />
        )}
        {!editing && !isPublished && !m.cancelled && <Alert type="info" showIcon title={t('minutes.draftForReaders')} />}
        {editing ? <MinutesEditor meeting={m} /> : <MinutesView meeting={m} />}
      </Space>
    </MinutesSavesProvider>
  );
}
