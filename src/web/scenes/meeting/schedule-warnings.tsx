import { Alert } from 'antd';
import type { MeetingWarning } from '../../api/meetings.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';

/** A warning of the API (MeetingWarning), as it also travels in the router's state from the schedule page. */
type Warning = { code: MeetingWarning['code'] | (string & {}); message: string; agendaDeadline?: string; agendaLeadDays?: number };

/**
 * What the API warned about when the meeting was scheduled or moved, without refusing it — above all
 * AGENDA_LEAD_TOO_SHORT: the meeting starts too soon for the agenda to go out the template's day ahead.
 */
export function ScheduleWarnings({ warnings, onClose }: { warnings: Warning[]; onClose?: () => void }) {
  const { t } = useI18n();
  const format = useFormat();
  if (warnings.length === 0) return null;
  return (
    <>
      {warnings.map((w) => (
        <Alert
          key={w.code}
          type="warning"
          showIcon
          role="alert"
          closable={onClose ? { onClose } : false}
          style={{ marginBottom: 16 }}
          title={
            w.code === 'AGENDA_LEAD_TOO_SHORT' && w.agendaDeadline
              ? t('schedule.agendaLeadTooShort', { days: w.agendaLeadDays ?? 1, deadline: format.instant(w.agendaDeadline) })
              : w.message
          }
          description={w.code === 'AGENDA_LEAD_TOO_SHORT' ? t('schedule.agendaLeadTooShortHint') : undefined}
        />
      ))}
    </>
  );
}
