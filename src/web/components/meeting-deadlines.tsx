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

type AgendaProps = Parameters<typeof agendaState>[0] & { now: Date };

/** Rule 1 for one meeting: when the agenda must go out, and whether it did, on time or late. */
export function AgendaDeadline({ now, ...meeting }: AgendaProps) {
  const { t } = useI18n();
  const format = useFormat();
  const state = agendaState(meeting, now);
  const deadline = state.deadline ? format.instant(state.deadline) : '–';
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
          {t('meeting.agendaSentAt', { at: format.instant(meeting.agendaSentAt!) })} · {t('deadline.agendaRule', { days: state.leadDays, deadline })}
        </span>
      );
    case 'late':
      return (
        <Typography.Text type="danger">
          <Tag color="error">{t('deadline.agendaLate')}</Tag>
          {t('deadline.agendaRule', { days: state.leadDays, deadline })}
        </Typography.Text>
      );
    case 'missed':
      return (
        <Typography.Text type="danger">
          <Tag color="error">{t('deadline.agendaMissed')}</Tag>
          {t('deadline.agendaRule', { days: state.leadDays, deadline })}
        </Typography.Text>
      );
    case 'cancelled':
      return <span>–</span>;
    case 'due':
      return (
        <span>
          <ClockCircleOutlined aria-hidden /> {t('deadline.agendaRule', { days: state.leadDays, deadline })}
        </span>
      );
  }
}

type PublishProps = Parameters<typeof publishState>[0] & { now: Date; publishedAt?: string | null };

/** Rule 3 for one meeting: the countdown to the publish deadline, red once it has passed. */
export function PublishDeadline({ now, publishedAt, ...meeting }: PublishProps) {
  const { t } = useI18n();
  const format = useFormat();
  const state = publishState(meeting, now);
  const deadline = state.deadline ? format.instant(state.deadline) : '–';
  switch (state.kind) {
    case 'published':
    case 'publishedLate':
      return (
        <span>
          <Tag color={state.kind === 'published' ? 'success' : 'warning'}>{t(state.kind === 'published' ? 'meeting.published' : 'meeting.publishedLate')}</Tag>
          {publishedAt ? t('meeting.publishedAt', { at: format.instant(publishedAt) }) : null}
        </span>
      );
    case 'cancelled':
      return <span>–</span>;
    case 'notEnded':
      return <span>{t('deadline.publishRule', { hours: state.withinHours, deadline })}</span>;
    case 'open':
      return (
        <span>
          <Tag color={state.remainingMs < 4 * 3_600_000 ? 'warning' : 'processing'} icon={<ClockCircleOutlined />}>
            {t('deadline.timeLeft', { time: durationText(state.remainingMs, t) })}
          </Tag>
          {t('deadline.publishRule', { hours: state.withinHours, deadline })}
        </span>
      );
    case 'overdue':
      return (
        <Typography.Text type="danger">
          <Tag color="error" icon={<ClockCircleOutlined />}>
            {t('deadline.overdueBy', { time: durationText(state.overdueMs, t) })}
          </Tag>
          {t('deadline.publishRule', { hours: state.withinHours, deadline })}
        </Typography.Text>
      );
  }
}
