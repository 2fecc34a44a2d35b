import { lazy, Suspense, useState } from 'react';
import { App, Button, Card, Descriptions, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { CalendarOutlined, CheckOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client.ts';
import { useMarkHeld, useSendAgenda } from '../../api/meetings.ts';
import type { Meeting } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { AgendaDeadline, PublishDeadline } from '../../components/meeting-deadlines.tsx';
import { agendaState } from '../../components/meeting-timing.ts';
import { ExportMenu, formatChoices } from '../../components/transfer/export-menu.tsx';

const EditMeetingDrawer = lazy(async () => ({ default: (await import('./edit-meeting-drawer.tsx')).EditMeetingDrawer }));

export function MinutesStatus({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  if (meeting.cancelled) return <Tag>{t('meeting.cancelled')}</Tag>;
  if (meeting.minutesStatus === 'published') return <Tag color={meeting.publishedLate ? 'warning' : 'success'}>{t(meeting.publishedLate ? 'meeting.publishedLate' : 'meeting.published')}</Tag>;
  if (meeting.isPublishOverdue) return <Tag color="error">{t('meeting.publishOverdue')}</Tag>;
  if (meeting.heldAt) return <Tag color="processing">{t('meeting.minutesDraft')}</Tag>;
  return <Tag color="blue">{t('meeting.scheduled')}</Tag>;
}

/** An online meeting's place is a link to join; a room is plain text. */
function Place({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  if (!meeting.location) return <>–</>;
  if (meeting.mode === 'online' && /^https?:\/\//i.test(meeting.location)) {
    return (
      <a href={meeting.location} target="_blank" rel="noopener noreferrer" style={{ wordBreak: 'break-all' }}>
        {t('meeting.join')} · {meeting.location}
      </a>
    );
  }
  return <span style={{ wordBreak: 'break-word' }}>{meeting.location}</span>;
}

function useActionFeedback() {
  const { t } = useI18n();
  const { message } = App.useApp();
  return {
    ok: (text: string) => void message.success(text),
    failed: (error: unknown) => void message.error(isApiError(error) ? error.fields.map((f) => f.message).join(' ') || error.message : t('error.generic')),
  };
}

/**
 * The meeting's head: when, where, who hosts, records and attends, the agenda and the two deadlines of
 * the template (agenda a day ahead, record within 24 h), with what the caller may do: send the agenda,
 * mark it held, change it, and add it to a calendar (.ics). The publish countdown moves to the publish
 * panel when the caller has one.
 */
export function MeetingHeader({ meeting: m, now, publishPanelShown }: { meeting: Meeting; now: Date; publishPanelShown: boolean }) {
  const { t } = useI18n();
  const format = useFormat();
  const feedback = useActionFeedback();
  const sendAgenda = useSendAgenda(m.id);
  const markHeld = useMarkHeld(m.id);
  const [editing, setEditing] = useState(false);
  const title = m.title || m.collaborationTopic;
  const agenda = agendaState(m, now);
  const isDraft = m.minutesStatus === 'draft' && !m.cancelled;

  const sendButton = m.abilities.sendAgenda && !m.cancelled && (
    <Tooltip title={m.agenda.length === 0 ? t('meeting.agendaEmptyHint') : undefined}>
      <Button
        type={m.agendaSentAt ? 'default' : 'primary'}
        icon={<SendOutlined />}
        loading={sendAgenda.isPending}
        disabled={m.agenda.length === 0}
        onClick={() => sendAgenda.mutate(undefined, { onSuccess: () => feedback.ok(t('meeting.agendaSentNow')), onError: feedback.failed })}
      >
        {m.agendaSentAt ? t('meeting.resendAgenda') : agenda.kind === 'late' ? t('meeting.sendAgendaLate') : t('meeting.sendAgenda')}
      </Button>
    </Tooltip>
  );

  const heldButton = m.abilities.markHeld && isDraft && !m.heldAt && (
    <Popconfirm
      title={t('meeting.markHeldConfirm')}
      description={t('meeting.markHeldHint')}
      okText={t('meeting.markHeld')}
      cancelText={t('common.cancel')}
      onConfirm={() => markHeld.mutateAsync().then(() => feedback.ok(t('meeting.markedHeld')), feedback.failed)}
    >
      <Button icon={<CheckOutlined />} loading={markHeld.isPending}>
        {t('meeting.markHeld')}
      </Button>
    </Popconfirm>
  );

  return (
    <Card>
      <Space size={[8, 8]} wrap style={{ marginBottom: 8 }}>
        <MinutesStatus meeting={m} />
        <Tag>{t(`meetingMode.${m.mode}`)}</Tag>
        {m.kind !== 'regular' && <Tag color="purple">{t('meeting.syncMeeting')}</Tag>}
      </Space>
      <Typography.Title level={1} style={{ fontSize: 22, margin: '0 0 8px' }}>
        {title}
      </Typography.Title>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'when', label: t('meeting.when'), children: m.plannedStart && m.plannedEnd ? format.timeRange(m.plannedStart, m.plannedEnd) : '–' },
          { key: 'where', label: t('meeting.where'), children: <Place meeting={m} /> },
          { key: 'host', label: t('meeting.host'), children: m.host.name },
          { key: 'recorder', label: t('meeting.recorder'), children: m.recorder.name },
          {
            key: 'attendees',
            label: t('meeting.attendees'),
            span: { xs: 1, sm: 1, md: 2 },
            children: m.attendees.map((a) => a.name).join(t('history.listSeparator')) || '–',
          },
          { key: 'agendaSent', label: t('meeting.agendaDeadline'), span: { xs: 1, sm: 1, md: 2 }, children: <AgendaDeadline {...m} now={now} /> },
          // Editors see the countdown beside the publish button instead.
          ...(publishPanelShown ? [] : [{ key: 'published', label: t('meeting.publishDeadline'), span: { xs: 1, sm: 1, md: 2 }, children: <PublishDeadline {...m} now={now} /> }]),
        ]}
      />
      {m.agenda.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text strong>{t('meeting.agenda')}</Typography.Text>
          <ol style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {m.agenda.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ol>
        </div>
      )}
      <Space wrap style={{ marginTop: 16 }}>
        {sendButton}
        {heldButton}
        <Button icon={<CalendarOutlined />} href={`/api/v1/meetings/${encodeURIComponent(m.id)}/invite.ics`} download={`meeting-${m.id}.ics`}>
          {t('meeting.downloadIcs')}
        </Button>
        <ExportMenu label={t('export.minutes')} choices={formatChoices(`/meetings/${encodeURIComponent(m.id)}/export`, ['pdf', 'docx'], title, {}, (f) => t(`export.format.${f}`))} />
        {m.abilities.update && isDraft && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('meeting.edit')}
          </Button>
        )}
      </Space>
      {editing && (
        <Suspense fallback={null}>
          <EditMeetingDrawer meeting={m} onClose={() => setEditing(false)} />
        </Suspense>
      )}
    </Card>
  );
}
