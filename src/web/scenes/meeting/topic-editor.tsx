import { useState } from 'react';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Switch, Typography } from 'antd';
import { CheckCircleOutlined, DeleteOutlined, ExclamationCircleOutlined, LoadingOutlined, LockOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client.ts';
import { useDeleteTopic } from '../../api/meetings.ts';
import type { Meeting, MeetingActionItem } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { PersonSelect, type KnownPerson } from '../../components/person-select.tsx';
import { FeedbackRow } from './feedback-row.tsx';
import { ActionItemForm } from './action-item-form.tsx';
import { ActionItemLine } from './action-item-line.tsx';
import { useTopicAutosave, type SaveStatus } from './use-topic-autosave.ts';
import type { FullTopic } from './topic-draft.ts';

/** A comma ends a tag, the Chinese full-width one (U+FF0C) too. */
const TAG_SEPARATORS = [',', '\uff0c'];

const sectionLabel = { display: 'block', fontWeight: 600, margin: '14px 0 6px' } as const;

function SaveState({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  const { t } = useI18n();
  const content = {
    saved: (
      <Typography.Text type="secondary">
        <CheckCircleOutlined /> {t('minutes.saved')}
      </Typography.Text>
    ),
    dirty: <Typography.Text type="secondary">{t('minutes.unsaved')}</Typography.Text>,
    saving: (
      <Typography.Text type="secondary">
        <LoadingOutlined /> {t('minutes.saving')}
      </Typography.Text>
    ),
    error: (
      <Button size="small" danger icon={<ReloadOutlined />} onClick={onRetry}>
        {t('minutes.saveFailedRetry')}
      </Button>
    ),
    conflict: (
      <Typography.Text type="danger">
        <ExclamationCircleOutlined /> {t('minutes.notSaved')}
      </Typography.Text>
    ),
  }[status];
  return (
    <span role="status" aria-live="polite" style={{ fontSize: 13, fontWeight: 'normal' }}>
      {content}
    </span>
  );
}

type Props = {
  meeting: Meeting;
  topic: FullTopic;
  index: number;
  items: MeetingActionItem[];
  known: KnownPerson[];
};

/**
 * One topic of the live minutes, shaped like the template: 议题 → 讨论要点 → 各部门反馈 (a row per
 * participating department) → 分歧 → 共识 → the action items agreed on it. Saved as the recorder types.
 */
export function TopicEditor({ meeting, topic, index, items, known }: Props) {
  const { t } = useI18n();
  const { draft, update, status, conflict, error, reload, saveNow } = useTopicAutosave(meeting.id, topic, meeting.participatingDepartments);
  const remove = useDeleteTopic(meeting.id);
  const { message } = App.useApp();
  const [addingItem, setAddingItem] = useState(false);
  const n = index + 1;
  const id = (part: string) => `topic-${topic.id}-${part}`;

  return (
    <Card
      id={`topic-${topic.id}`}
      size="small"
      tabIndex={-1}
      role="region"
      aria-label={t('minutes.topicN', { n })}
      title={
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
          {t('minutes.topicN', { n })}
          {draft.sensitive && <LockOutlined aria-label={t('meeting.sensitive')} />}
        </span>
      }
      extra={<SaveState status={status} onRetry={() => void saveNow()} />}
    >
      {conflict && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={conflict.changedBy ? t('minutes.conflict', { name: conflict.changedBy }) : t('minutes.conflictUnknown')}
          description={t('minutes.conflictHint')}
          action={
            <Button size="small" danger icon={<ReloadOutlined />} onClick={() => void reload()}>
              {t('minutes.reload')}
            </Button>
          }
        />
      )}
      {error && status === 'error' && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('minutes.saveFailed', { reason: error })} />}

      <label htmlFor={id('title')} style={{ ...sectionLabel, marginTop: 0 }}>
        {t('minutes.topicTitle')}
      </label>
      <Input id={id('title')} value={draft.title} maxLength={200} onChange={(e) => update({ title: e.target.value })} status={draft.title.trim() ? undefined : 'error'} />

      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px 12px', marginTop: 12 }}>
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
          <Switch size="small" checked={draft.sensitive} onChange={(checked) => update({ sensitive: checked })} />
          {t('minutes.sensitive')}
        </label>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('minutes.sensitiveHint')}
        </Typography.Text>
      </div>
      {draft.sensitive && (
        <div style={{ marginTop: 8 }}>
          <label htmlFor={id('visible-to')} style={{ ...sectionLabel, marginTop: 0 }}>
            {t('minutes.visibleTo')}
          </label>
          <PersonSelect id={id('visible-to')} multiple known={known} value={draft.visibleToUserIds} onChange={(ids) => update({ visibleToUserIds: ids })} />
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('minutes.visibleToHint')}
          </Typography.Text>
        </div>
      )}

      <label htmlFor={id('discussion')} style={sectionLabel}>
        {t('meeting.discussion')}
      </label>
      <Input.TextArea
        id={id('discussion')}
        value={draft.discussion}
        placeholder={t('minutes.discussionPlaceholder')}
        autoSize={{ minRows: 2, maxRows: 14 }}
        maxLength={10000}
        status={draft.discussion.trim() ? undefined : 'warning'}
        onChange={(e) => update({ discussion: e.target.value })}
      />

      <span style={sectionLabel}>{t('meeting.feedback')}</span>
      {draft.feedback.map((row, i) => (
        <FeedbackRow
          key={row.departmentId}
          topicId={topic.id}
          row={row}
          onChange={(next) => update((current) => ({ feedback: current.feedback.map((r, j) => (j === i ? next : r)) }))}
        />
      ))}

      <label htmlFor={id('disagreements')} style={sectionLabel}>
        {t('meeting.disagreements')}
      </label>
      <Input.TextArea
        id={id('disagreements')}
        value={draft.disagreements}
        placeholder={t('minutes.disagreementsPlaceholder')}
        autoSize={{ minRows: 1, maxRows: 10 }}
        maxLength={4000}
        onChange={(e) => update({ disagreements: e.target.value })}
      />
      <label htmlFor={id('consensus')} style={sectionLabel}>
        {t('meeting.consensus')}
      </label>
      <Input.TextArea
        id={id('consensus')}
        value={draft.consensus}
        placeholder={t('minutes.consensusPlaceholder')}
        autoSize={{ minRows: 1, maxRows: 10 }}
        maxLength={4000}
        onChange={(e) => update({ consensus: e.target.value })}
      />
      <label htmlFor={id('tags')} style={sectionLabel}>
        {t('minutes.problemTags')}
      </label>
      <Select
        id={id('tags')}
        mode="tags"
        value={draft.problemTags}
        onChange={(tags: string[]) => update({ problemTags: tags })}
        placeholder={t('minutes.problemTagsPlaceholder')}
        tokenSeparators={TAG_SEPARATORS}
        open={false}
        suffixIcon={null}
        style={{ width: '100%' }}
      />

      <span style={sectionLabel}>{t('minutes.topicItems', { count: items.length })}</span>
      {items.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((item) => (
            <ActionItemLine key={item.id} item={item} />
          ))}
        </ul>
      )}
      {addingItem ? (
        <ActionItemForm
          meeting={meeting}
          sourceTopicId={topic.id}
          sensitiveTo={draft.sensitive ? draft.visibleToUserIds : null}
          known={known}
          onDone={() => setAddingItem(false)}
        />
      ) : (
        <Button icon={<PlusOutlined />} onClick={() => setAddingItem(true)} style={{ marginTop: 4 }}>
          {t('minutes.addItemUnder')}
        </Button>
      )}

      {items.length === 0 && meeting.minutesStatus === 'draft' && (
        <div style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 16 }}>
          <Popconfirm
            title={t('minutes.deleteTopicConfirm', { title: draft.title || t('minutes.topicN', { n }) })}
            okText={t('minutes.deleteTopic')}
            okButtonProps={{ danger: true, loading: remove.isPending }}
            cancelText={t('common.cancel')}
            onConfirm={() => remove.mutateAsync(topic.id).catch((cause: unknown) => message.error(isApiError(cause) ? cause.message : t('error.generic')))}
          >
            <Button type="text" danger size="small" icon={<DeleteOutlined />}>
              {t('minutes.deleteTopic')}
            </Button>
          </Popconfirm>
        </div>
      )}
    </Card>
  );
}
