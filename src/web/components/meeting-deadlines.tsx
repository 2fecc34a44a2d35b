import { Tag, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n-provider.tsx';
import type { Translate } from '../i18n/translate.ts';
import { useFormat } from '../hooks/use-format.ts';
import { agendaState, durationParts, publishState } from './meeting-timing.ts';

/** "1 天 3 小时" / "3 小时 5 分钟" / "12 分钟": the two largest units, enough for a countdown. */
export function durationText(ms: number, t: Translate): string {
  const { days, hours, minutes } = durationParts(ms);
  if (days > 0) return t('duration.daysHours', { days, hours });
  if (hours > 0) return t('duration.hoursMinutes', { hours, minutes });
  return t('duration.minutes', { minutes });
}

/** `compact`: only the state and the deadline, for lists; the full rule on the meeting's own page. */
type AgendaProps = Parameters<typeof agendaState>[0] & { now: Date; compact?: boolean };

/** Rule 1 for one meeting: when the agenda must go out, and whether it did, on time or late. */
export function AgendaDeadline({ now, compact, ...meeting }: AgendaProps) {
  const { t } = useI18n();
  const format = useFormat();
  const state = agendaState(meeting, now);
  const deadline = state.deadline ? format.instant(state.deadline) : '–';
  const rule = compact ? t('deadline.by', { deadline }) : t('deadline.agendaRule', { days: state.leadDays, deadline });
  switch (state.kind) {
    case 'sent':
      return (
        <span>
          <Tag color="success">{t('deadline.agendaSent')}</Tag>
          {t('meeting.agendaSentAt', { at: format.instant(meeting.agendaSentAt!) })}
        </span>
      );
    case 'sentLate':
      return (
        <span>
          <Tag color="warning">{t('deadline.agendaSentLate')}</Tag>
          {t('meeting.agendaSentAt', { at: format.instant(meeting.agendaSentAt!) })} · {rule}
        </span>
      );
    case 'late':
      return (
        <Typography.Text type="danger">
          <Tag color="error">{t('deadline.agendaLate')}</Tag>
          {rule}
        </Typography.Text>
      );
    case 'missed':
      return (
        <Typography.Text type="danger">
          <Tag color="error">{t('deadline.agendaMissed')}</Tag>
          {rule}
        </Typography.Text>
      );
    case 'cancelled':
      return <span>–</span>;
    case 'due':
      return (
        <span>
          <ClockCircleOutlined aria-hidden /> {rule}
        </span>
      );
  }
}

type PublishProps = Parameters<typeof publishState>[0] & { now: Date; publishedAt?: string | null; compact?: boolean };

/** Rule 3 for one meeting: the countdown to the publish deadline, red once it has passed. */
export function PublishDeadline({ now, publishedAt, compact, ...meeting }: PublishProps) {
  const { t } = useI18n();
  const format = useFormat();
  const state = publishState(meeting, now);
  const deadline = state.deadline ? format.instant(state.deadline) : '–';
  const rule = compact ? t('deadline.by', { deadline }) : t('deadline.publishRule', { hours: state.withinHours, deadline });
  switch (state.kind) {
    case 'published':
    case 'publishedLate':
      return (
        <span>
          <Tag color={state.kind === 'published' ? 'success' : 'warning'}>{t(state.kind === 'published' ? 'deadline.publishedOnTime' : 'deadline.publishedLate')}</Tag>
          {publishedAt ? t('meeting.publishedAt', { at: format.instant(publishedAt) }) : null}
        </span>
      );
    case 'cancelled':
      return <span>–</span>;
    case 'notEnded':
      return <span>{rule}</span>;
    case 'open':
      return (
        <span>
          <Tag color={state.remainingMs < 4 * 3_600_000 ? 'warning' : 'processing'} icon={<ClockCircleOutlined />}>
            {t('deadline.timeLeft', { time: durationText(state.remainingMs, t) })}
          </Tag>
          {rule}
        </span>
      );
    case 'overdue':
      return (
        <Typography.Text type="danger">
          <Tag color="error" icon={<ClockCircleOutlined />}>
            {t('deadline.overdueBy', { time: durationText(state.overdueMs, t) })}
          </Tag>
          {rule}
        </Typography.Text>
      );
  }
}
