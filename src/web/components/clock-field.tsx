import { TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

type ClockFieldProps = { id?: string; value?: string; onChange?: (value: string) => void; disabled?: boolean; 'aria-label'?: string; 'aria-describedby'?: string };

function toTime(value: string | undefined): Dayjs | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value ?? '');
  return match ? dayjs().hour(Number(match[1])).minute(Number(match[2])).second(0).millisecond(0) : null;
}

/** A wall-clock time kept as the API's "HH:mm". */
export function ClockField({ value, onChange, ...props }: ClockFieldProps) {
  return (
    <TimePicker
      {...props}
      format="HH:mm"
      minuteStep={5}
      needConfirm={false}
      allowClear={false}
      value={toTime(value)}
      onChange={(time: Dayjs | null) => {
        if (time) onChange?.(time.format('HH:mm'));
      }}
      style={{ width: '100%' }}
    />
  );
}

