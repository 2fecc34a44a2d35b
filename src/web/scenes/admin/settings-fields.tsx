import { useMemo } from 'react';
import { Checkbox, DatePicker, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { formatCalendarDate } from '../../i18n/format.ts';

export type FieldProps<V> = { id?: string; value?: V; onChange?: (value: V) => void; 'aria-label'?: string; 'aria-describedby'?: string };

/** "GMT+08:00" for a zone, now; a zone Intl cannot describe gets no offset. */
function offsetOf(timeZone: string, at: Date): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}

/** Every IANA zone the browser knows, searchable by name or offset ("Shanghai", "+08"). */
export function TimeZoneSelect(props: FieldProps<string>) {
  const options = useMemo(() => {
    const now = new Date();
    const zones = new Set(Intl.supportedValuesOf('timeZone'));
    zones.add('UTC');
    if (props.value) zones.add(props.value);
    return [...zones].sort().map((zone) => {
      const offset = offsetOf(zone, now);
      return { value: zone, label: offset ? `${zone} (${offset})` : zone };
    });
  }, [props.value]);
  return <Select {...props} showSearch={{ optionFilterProp: 'label' }} options={options} style={{ width: '100%' }} />;
}

/** ISO weekdays 1 (Monday) … 7 (Sunday), named in the UI language. */
export function WeekdaysField({ value, onChange, ...props }: FieldProps<number[]>) {
  const { locale } = useI18n();
  const options = useMemo(() => {
    const name = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    // 2024-01-01 was a Monday.
    return [1, 2, 3, 4, 5, 6, 7].map((day) => ({ value: day, label: name.format(new Date(Date.UTC(2024, 0, day, 12))) }));
  }, [locale]);
  return (
    <div role="group" aria-label={props['aria-label']} id={props.id}>
      <Checkbox.Group value={value} onChange={(days) => onChange?.(days as number[])} options={options} />
    </div>
  );
}

/** A set of calendar dates (holidays, make-up workdays): pick one to add, close a tag to remove. */
export function DateListField({ value = [], onChange, addLabel, emptyLabel, ...props }: FieldProps<string[]> & { addLabel: string; emptyLabel: string }) {
  const { locale, t } = useI18n();
  const sorted = [...value].sort();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <DatePicker
        id={props.id}
        aria-label={addLabel}
        aria-describedby={props['aria-describedby']}
        placeholder={addLabel}
        value={null}
        onChange={(date: Dayjs | null) => {
          if (!date) return;
          const day = date.format('YYYY-MM-DD');
          if (!value.includes(day)) onChange?.([...value, day]);
        }}
        style={{ width: '100%', maxWidth: 240 }}
      />
      <div>
        {sorted.length === 0 ? (
          <Typography.Text type="secondary">{emptyLabel}</Typography.Text>
        ) : (
          sorted.map((day) => (
            <Tag
              key={day}
              closable
              // A real button, so the date can be removed from the keyboard too.
              closeIcon={
                <button type="button" aria-label={t('settings.removeDate', { date: formatCalendarDate(day, locale) })} style={{ border: 0, background: 'none', padding: 0, cursor: 'pointer', color: 'inherit' }}>
                  ×
                </button>
              }
              onClose={() => onChange?.(value.filter((d) => d !== day))}
              style={{ marginBottom: 4 }}
            >
              {formatCalendarDate(day, locale)}
            </Tag>
          ))
        )}
      </div>
    </div>
  );
}
