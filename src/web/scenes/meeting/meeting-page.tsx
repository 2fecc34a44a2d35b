import { useEffect } from 'react';
import { Alert, Breadcrumb, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useMeeting } from '../../api/meetings.ts';
import type { Meeting, MeetingActionItem, MeetingTopic } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { ActionItemStatusTag } from '../../components/tags.tsx';

const stanceColor = { agree: 'success', disagree: 'error', conditional: 'warning' } as const;

function MinutesStatus({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  if (meeting.cancelled) return <Tag>{t('meeting.cancelled')}</Tag>;
  if (meeting.minutesStatus === 'published') return <Tag color={meeting.publishedLate ? 'warning' : 'success'}>{t(meeting.publishedLate ? 'meeting.publishedLate' : 'meeting.published')}</Tag>;
  if (meeting.isPublishOverdue) return <Tag color="error">{t('meeting.publishOverdue')}</Tag>;
  if (meeting.heldAt) return <Tag color="processing">{t('meeting.minutesDraft')}</Tag>;
  return <Tag color="blue">{t('meeting.scheduled')}</Tag>;
}

function TopicCard({ topic, index }: { topic: MeetingTopic; index: number }) {
  const { t } = useI18n();
  if (topic.restricted || !('title' in topic)) {
    return (
      <Card size="small">
        <Typography.Text type="secondary">
          <LockOutlined /> {t('meeting.restrictedTopic', { n: index + 1 })}
        </Typography.Text>
      </Card>
    );
  }
  const section = (label: string, text: string) =>
    text ? (
      <div style={{ marginTop: 8 }}>
        <Typography.Text strong>{label}</Typography.Text>
        <div style={{ whiteSpace: 'pre-wrap' }}>{text}</div>
      </div>
    ) : null;
  return (
    <Card size="small" title={`${index + 1}. ${topic.title}`} extra={topic.sensitive ? <Tag icon={<LockOutlined />}>{t('meeting.sensitive')}</Tag> : null}>
      {section(t('meeting.discussion'), topic.discussion)}
      {topic.feedback.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text strong>{t('meeting.feedback')}</Typography.Text>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {topic.feedback.map((f) => (
              <li key={f.id} style={{ padding: '4px 0', display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'baseline' }}>
                <Tag>{f.departmentName}</Tag>
                {f.noFeedback ? (
                  <Typography.Text type="secondary">{t('meeting.noFeedback')}</Typography.Text>
                ) : (
                  <>
                    {f.stance && <Tag color={stanceColor[f.stance]}>{t(`stance.${f.stance}`)}</Tag>}
                    <span style={{ whiteSpace: 'pre-wrap' }}>{f.text}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {section(t('meeting.disagreements'), topic.disagreements)}
      {section(t('meeting.consensus'), topic.consensus)}
      {topic.problemTags.length > 0 && (
        <Space size={[4, 4]} wrap style={{ marginTop: 8 }}>
          {topic.problemTags.map((tag) => (
            <Tag key={tag} color="purple">
              {tag}
            </Tag>
          ))}
        </Space>
      )}
    </Card>
  );
}

function ItemLine({ item }: { item: MeetingActionItem }) {
  const { t } = useI18n();
  const format = useFormat();
  if (item.restricted || !('description' in item)) {
    return (
      <li style={{ padding: '8px 0' }}>
        <Typography.Text type="secondary">
          <LockOutlined /> {t('item.restricted')}
        </Typography.Text>
      </li>
    );
  }
  return (
    <li style={{ padding: '8px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
      <div style={{ fontWeight: 500 }}>{item.description}</div>
      <div style={{ display: 'flex', gap: '4px 12px', flexWrap: 'wrap', alignItems: 'center', fontSize: 13, color: 'rgba(0,0,0,0.6)' }}>
        <span>{item.ownerName}</span>
        <span>{t('item.due', { date: format.date(item.dueDate) })}</span>
        <span>{t('item.deliverable', { deliverable: item.deliverable })}</span>
        <ActionItemStatusTag status={item.status} />
      </div>
    </li>
  );
}

/** A meeting and its minutes as published (or as drafted so far), read-only. */
export function MeetingPage() {
  const { t } = useI18n();
  const format = useFormat();
  const { id = '' } = useParams();
  const query = useMeeting(id);
  const m = query.data;

  useEffect(() => {
    document.title = `${m?.title ?? m?.collaborationTopic ?? t('meeting.title')} · ${t('app.name')}`;
  }, [m?.title, m?.collaborationTopic, t]);

  if (query.isPending) return <PageLoading />;
  if (query.isError || !m) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const title = m.title || m.collaborationTopic;
  const deadline = (at: string | null, done: string | null, late: boolean | null, doneKey: 'meeting.agendaSentAt' | 'meeting.publishedAt') =>
    done ? `${t(doneKey, { at: format.instant(done) })}${late ? ` · ${t('meeting.late')}` : ''}` : at ? t('meeting.dueBy', { at: format.instant(at) }) : '–';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/collaborations">{t('nav.collaborations')}</Link> },
          { title: <Link to={`/collaborations/${m.collaborationId}`}>{m.collaborationTopic}</Link> },
          { title },
        ]}
      />
      <Card>
        <Space size={[8, 8]} wrap style={{ marginBottom: 8 }}>
          <MinutesStatus meeting={m} />
          <Tag>{t(`meetingMode.${m.mode}`)}</Tag>
        </Space>
        <Typography.Title level={1} style={{ fontSize: 22, margin: '0 0 8px' }}>
          {title}
        </Typography.Title>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'when', label: t('meeting.when'), children: m.plannedStart && m.plannedEnd ? format.timeRange(m.plannedStart, m.plannedEnd) : '–' },
            { key: 'where', label: t('meeting.where'), children: m.location || '–' },
            { key: 'host', label: t('meeting.host'), children: m.host.name },
            { key: 'recorder', label: t('meeting.recorder'), children: m.recorder.name },
            { key: 'attendees', label: t('meeting.attendees'), span: { xs: 1, sm: 1, md: 2 }, children: m.attendees.map((a) => a.name).join(t('history.listSeparator')) || '–' },
            { key: 'agendaSent', label: t('meeting.agendaDeadline'), children: deadline(m.agendaDeadline, m.agendaSentAt, m.agendaSentLate, 'meeting.agendaSentAt') },
            { key: 'published', label: t('meeting.publishDeadline'), children: deadline(m.publishDeadline, m.publishedAt, m.publishedLate, 'meeting.publishedAt') },
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
      </Card>
      {m.minutesStatus !== 'published' && !m.cancelled && m.missingParts.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('meeting.missingParts')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {m.missingParts.map((part, i) => (
                <li key={i}>{part.message}</li>
              ))}
            </ul>
          }
        />
      )}
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t('meeting.minutes')}
      </Typography.Title>
      {m.topics.length === 0 ? (
        <Card>
          <EmptyState description={t('meeting.noTopics')} />
        </Card>
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {m.topics.map((topic, i) => (
            <TopicCard key={topic.id} topic={topic} index={i} />
          ))}
        </Space>
      )}
      <Card size="small" title={t('meeting.actionItems', { count: m.actionItems.length })}>
        {m.actionItems.length === 0 ? (
          <Typography.Text type="secondary">{m.noActions ? t('meeting.noActions') : t('meeting.noItemsYet')}</Typography.Text>
        ) : (
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {m.actionItems.map((item) => (
              <ItemLine key={item.id} item={item} />
            ))}
          </ul>
        )}
      </Card>
    </Space>
  );
}
