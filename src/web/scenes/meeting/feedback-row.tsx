import { Input, Radio, Switch, Tag } from 'antd';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { isRowAnswered, type FeedbackDraft, type Stance } from './topic-draft.ts';

const STANCES: Stance[] = ['agree', 'disagree', 'conditional'];

type Props = {
  topicId: string;
  row: FeedbackDraft;
  onChange: (row: FeedbackDraft) => void;
  disabled?: boolean;
};

/**
 * One participating department's answer on a topic (template: 各方反馈): its stance and what it said,
 * or an explicit "无反馈" — either counts for publishing; a row left empty is marked as still owed.
 */
export function FeedbackRow({ topicId, row, onChange, disabled }: Props) {
  const { t } = useI18n();
  const anchor = `topic-${topicId}-feedback-${row.departmentId}`;
  const answered = isRowAnswered(row);
  return (
    <div
      id={anchor}
      role="group"
      aria-label={t('minutes.feedbackOf', { department: row.departmentName })}
      tabIndex={-1}
      style={{ padding: '10px 0', borderTop: '1px solid rgba(5,5,5,0.06)' }}
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '6px 12px', marginBottom: 6 }}>
        <strong style={{ minWidth: 56 }}>{row.departmentName}</strong>
        {!answered && <Tag color="warning">{t('minutes.feedbackOwed')}</Tag>}
        <Radio.Group
          size="small"
          optionType="button"
          disabled={disabled || row.noFeedback}
          aria-label={t('minutes.stanceOf', { department: row.departmentName })}
          value={row.stance ?? undefined}
          onChange={(e) => onChange({ ...row, stance: e.target.value as Stance })}
          options={STANCES.map((s) => ({ value: s, label: t(`stance.${s}`) }))}
        />
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: 6, marginInlineStart: 'auto' }}>
          <Switch size="small" checked={row.noFeedback} disabled={disabled} onChange={(checked) => onChange({ ...row, noFeedback: checked })} />
          {t('meeting.noFeedback')}
        </label>
      </div>
      {!row.noFeedback && (
        <Input.TextArea
          aria-label={t('minutes.feedbackTextOf', { department: row.departmentName })}
          placeholder={t('minutes.feedbackPlaceholder')}
          autoSize={{ minRows: 1, maxRows: 8 }}
          maxLength={4000}
          disabled={disabled}
          value={row.text}
          onChange={(e) => onChange({ ...row, text: e.target.value })}
        />
      )}
    </div>
  );
}
