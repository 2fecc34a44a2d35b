import { Card, Space, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { Meeting, MeetingActionItem, MeetingTopic } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { EmptyState } from '../../components/page-state.tsx';
import { ActionItemLine } from './action-item-line.tsx';
import { isFullTopic } from './topic-draft.ts';

const stanceColor = { agree: 'success', disagree: 'error', conditional: 'warning' } as const;

/** A sensitive topic that does not name the reader: that it exists, and nothing of its content. */
export function RestrictedTopicCard({ topic, index }: { topic: MeetingTopic; index: number }) {
  const { t } = useI18n();
  return (
    <Card size="small" id={`topic-${topic.id}`} tabIndex={-1} role="region" aria-label={t('minutes.topicN', { n: index + 1 })} style={{ background: 'rgba(0,0,0,0.02)' }}>
      <Typography.Text type="secondary">
        <LockOutlined /> {t('meeting.restrictedTopic', { n: index + 1 })}
      </Typography.Text>
    </Card>
  );
}

function TopicCard({ topic, index, items }: { topic: MeetingTopic; index: number; items: MeetingActionItem[] }) {
  const { t } = useI18n();
  if (!isFullTopic(topic)) return <RestrictedTopicCard topic={topic} index={index} />;
  const section = (label: string, text: string) =>
    text ? (
      <div style={{ marginTop: 8 }}>
        <Typography.Text strong>{label}</Typography.Text>
        <div style={{ whiteSpace: 'pre-wrap' }}>{text}</div>
      </div>
    ) : null;
  return (
    <Card
      size="small"
      id={`topic-${topic.id}`}
      role="region"
      aria-label={t('minutes.topicN', { n: index + 1 })}
      title={`${index + 1}. ${topic.title}`}
      extra={topic.sensitive ? <Tag icon={<LockOutlined />}>{t('meeting.sensitive')}</Tag> : null}
    >
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
      {items.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text strong>{t('minutes.topicItems', { count: items.length })}</Typography.Text>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((item) => (
              <ActionItemLine key={item.id} item={item} />
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

/** Items grouped under the topic they come from; the rest (no topic, or one the reader cannot see) apart. */
export function itemsByTopic(meeting: Meeting): { byTopic: Map<string, MeetingActionItem[]>; others: MeetingActionItem[] } {
  const visibleTopics = new Set(meeting.topics.filter(isFullTopic).map((t) => t.id));
  const byTopic = new Map<string, MeetingActionItem[]>();
  const others: MeetingActionItem[] = [];
  for (const item of meeting.actionItems) {
    const source = 'sourceTopicId' in item ? item.sourceTopicId : null;
    if (source && visibleTopics.has(source)) byTopic.set(source, [...(byTopic.get(source) ?? []), item]);
    else others.push(item);
  }
  return { byTopic, others };
}

/** The minutes as published (or as drafted so far), read-only: topics with their feedback and items. */
export function MinutesView({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const { byTopic, others } = itemsByTopic(meeting);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {meeting.topics.length === 0 ? (
        <Card>
          <EmptyState description={t('meeting.noTopics')} />
        </Card>
      ) : (
        meeting.topics.map((topic, i) => <TopicCard key={topic.id} topic={topic} index={i} items={byTopic.get(topic.id) ?? []} />)
      )}
      {(others.length > 0 || meeting.actionItems.length === 0) && (
        <Card size="small" title={t('minutes.otherItems', { count: others.length })}>
          {others.length === 0 ? (
            <Typography.Text type="secondary">{meeting.noActions ? t('meeting.noActions') : t('meeting.noItemsYet')}</Typography.Text>
          ) : (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {others.map((item) => (
                <ActionItemLine key={item.id} item={item} />
              ))}
            </ul>
          )}
        </Card>
      )}
    </Space>
  );
}
