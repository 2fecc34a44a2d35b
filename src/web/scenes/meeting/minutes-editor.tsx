import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Input, Space, Typography } from 'antd';
import { PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client.ts';
import { meetingKeys, useCreateTopics, useUpdateMeeting } from '../../api/meetings.ts';
import type { Meeting } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { EmptyState } from '../../components/page-state.tsx';
import type { KnownPerson } from '../../components/person-select.tsx';
import { TopicEditor } from './topic-editor.tsx';
import { ActionItemForm } from './action-item-form.tsx';
import { ActionItemLine } from './action-item-line.tsx';
import { itemsByTopic, RestrictedTopicCard } from './minutes-view.tsx';
import { isFullTopic } from './topic-draft.ts';

function AddTopic({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const create = useCreateTopics(meeting.id);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const trimmed = title.trim();
    if (!trimmed) return setError(t('minutes.topicTitleRequired'));
    setError(null);
    create.mutate([{ title: trimmed }], {
      onSuccess: () => setTitle(''),
      onError: (cause) => setError(isApiError(cause) ? cause.message : t('error.generic')),
    });
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        add();
      }}
    >
      <label htmlFor="new-topic-title" style={{ display: 'block', fontWeight: 600, marginBottom: 6 }}>
        {t('minutes.newTopic')}
      </label>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          id="new-topic-title"
          value={title}
          maxLength={200}
          placeholder={t('minutes.newTopicPlaceholder')}
          status={error ? 'error' : undefined}
          onChange={(e) => setTitle(e.target.value)}
        />
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
          {t('minutes.addTopic')}
        </Button>
      </Space.Compact>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </form>
  );
}

/** 本次会议无行动项: the explicit "no actions" that lets a record without items be published (rule 8). */
function NoActionsSwitch({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const update = useUpdateMeeting(meeting.id);
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<string | null>(null);
  return (
    <div>
      <Checkbox
        checked={meeting.noActions}
        disabled={update.isPending}
        onChange={(e) =>
          update.mutate(
            { noActions: e.target.checked, version: meeting.version },
            {
              onError: (cause) => {
                const by = isApiError(cause, 'CONFLICT') ? (cause.details.changedBy as { name?: string } | null) : null;
                if (isApiError(cause, 'CONFLICT')) setConflict(by?.name ?? '?');
                else message.error(isApiError(cause) ? cause.message : t('error.generic'));
              },
              onSuccess: () => setConflict(null),
            },
          )
        }
      >
        {t('minutes.noActions')}
      </Checkbox>
      {conflict && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={t('minutes.conflict', { name: conflict })}
          action={
            <Button size="small" onClick={() => void queryClient.refetchQueries({ queryKey: meetingKeys.detail(meeting.id) }).then(() => setConflict(null))}>
              {t('minutes.reload')}
            </Button>
          }
        />
      )}
    </div>
  );
}

/**
 * The live minutes editor for the host, the recorder and the collaboration's editors: the topics in
 * the template's shape, each saving itself, and the items that belong to no topic.
 */
export function MinutesEditor({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const createFromAgenda = useCreateTopics(meeting.id);
  const [addingItem, setAddingItem] = useState(false);
  const { byTopic, others } = itemsByTopic(meeting);
  const known = useMemo<KnownPerson[]>(() => [meeting.host, meeting.recorder, ...meeting.attendees], [meeting.host, meeting.recorder, meeting.attendees]);
  const liveItems = meeting.actionItems.filter((i) => !('status' in i) || i.status !== 'cancelled').length;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <div id="minutes-topics" tabIndex={-1}>
        {meeting.topics.length === 0 ? (
          <Card>
            <EmptyState
              description={t('minutes.noTopicsYet')}
              action={
                meeting.agenda.length > 0 ? (
                  <Button
                    type="primary"
                    icon={<UnorderedListOutlined />}
                    loading={createFromAgenda.isPending}
                    onClick={() => createFromAgenda.mutate(meeting.agenda.map((title) => ({ title })))}
                  >
                    {t('minutes.topicsFromAgenda', { count: meeting.agenda.length })}
                  </Button>
                ) : null
              }
            />
          </Card>
        ) : (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {meeting.topics.map((topic, i) =>
              isFullTopic(topic) ? (
                <TopicEditor key={topic.id} meeting={meeting} topic={topic} index={i} items={byTopic.get(topic.id) ?? []} known={known} />
              ) : (
                <RestrictedTopicCard key={topic.id} topic={topic} index={i} />
              ),
            )}
          </Space>
        )}
      </div>
      <Card size="small">
        <AddTopic meeting={meeting} />
      </Card>
      <Card id="minutes-action-items" tabIndex={-1} size="small" title={t('minutes.otherItems', { count: others.length })}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('minutes.otherItemsHint')}
        </Typography.Paragraph>
        {others.length > 0 && (
          <ul style={{ listStyle: 'none', margin: '0 0 8px', padding: 0 }}>
            {others.map((item) => (
              <ActionItemLine key={item.id} item={item} />
            ))}
          </ul>
        )}
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {addingItem ? (
            <ActionItemForm meeting={meeting} sourceTopicId={null} sensitiveTo={null} known={known} onDone={() => setAddingItem(false)} />
          ) : (
            <Button icon={<PlusOutlined />} onClick={() => setAddingItem(true)}>
              {t('minutes.addItemGeneral')}
            </Button>
          )}
          {liveItems === 0 && <NoActionsSwitch meeting={meeting} />}
        </Space>
      </Card>
    </Space>
  );
}
