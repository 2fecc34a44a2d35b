import { DatePicker, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';

export type TimeRange = [Dayjs | null, Dayjs | null];

type Props = { id?: string; value?: TimeRange | null; onChange?: (value: TimeRange | null) => void; status?: '' | 'error' | 'warning' };

const FORMAT = 'YYYY-MM-DD HH:mm';
const SHOW_TIME = { format: 'HH:mm', minuteStep: 5 } as const;

/**
 * The meeting's slot (the range picker gets the form's own array: a new array on each render would
 * reset what the person is typing) as the organisation's wall clock. On a wide screen one range picker with time; on
 * a phone, where two month panels do not fit, a start and an end picker (the end follows the start at
 * one hour unless set).
 */
export function TimeRangeField({ id, value, onChange, status }: Props) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [start, end] = value ?? [null, null];

  if (!isMobile) {
    return (
      <DatePicker.RangePicker
        id={id ? { start: id } : undefined}
        showTime={SHOW_TIME}
        format={FORMAT}
        value={value ?? null}
        status={status}
        allowEmpty={[false, false]}
        placeholder={[t('schedule.start'), t('schedule.end')]}
        onChange={(range) => onChange?.(range ? [range[0], range[1]] : null)}
        style={{ width: '100%', maxWidth: 420 }}
      />
    );
  }
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <DatePicker
        id={id}
        showTime={SHOW_TIME}
        format={FORMAT}
        value={start}
        status={status}
        placeholder={t('schedule.start')}
        aria-label={t('schedule.start')}
        inputReadOnly
        onChange={(next) => onChange?.([next, next && (!end || !end.isAfter(next)) ? next.add(1, 'hour') : end])}
        style={{ width: '100%' }}
      />
      <DatePicker
        showTime={SHOW_TIME}
        format={FORMAT}
        value={end}
        status={status}
        placeholder={t('schedule.end')}
        aria-label={t('schedule.end')}
        inputReadOnly
        onChange={(next) => onChange?.([start, next])}
        style={{ width: '100%' }}
      />
    </Space>
  );
}
