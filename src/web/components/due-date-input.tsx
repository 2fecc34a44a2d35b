import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { Alert, Button, DatePicker, Input, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { isValidCalendarDate, type CalendarDate } from '../../domain/calendar-date.ts';
import { suggestDate } from '../../domain/chinese-date.ts';
import { isVagueDate } from '../../domain/due-date.ts';
import { useFormat } from '../hooks/use-format.ts';
import { useI18n } from '../i18n/i18n-provider.tsx';
import type { Locale } from '../i18n/translate.ts';

export type DueDateInputProps = {
  /** The confirmed date, 'YYYY-MM-DD', or undefined while none is chosen. */
  value?: CalendarDate;
  onChange?: (date: CalendarDate | undefined) => void;
  /** Given by antd's Form.Item so its label points at the text box. */
  id?: string;
  status?: '' | 'error' | 'warning';
  disabled?: boolean;
  /** Past dates are allowed but flagged (a due date in the past is almost always a slip). */
  allowPast?: boolean;
};

/** "7月19日 周五" / "Fri, Jul 19": the date with its weekday, so "下周五" can be checked at a glance. */
export function formatWithWeekday(date: CalendarDate, locale: Locale): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: locale === 'en' ? 'short' : 'long', day: 'numeric', weekday: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day, 12)),
  );
}

/**
 * The due-date field (template rule 4: a due date is a day, never "尽快"). People may type how they
 * speak — 下周五, 7月15日, 明天 — and see the exact date it means before it is used; only a confirmed
 * date reaches `onChange`. Vague promises are refused in place. A calendar picker sits next to it.
 */
export function DueDateInput({ value, onChange, id, status, disabled, allowPast }: DueDateInputProps) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const [text, setText] = useState('');
  const hintId = useId();
  const trimmed = text.trim();

  const suggestion = useMemo(() => (trimmed ? suggestDate(trimmed, new Date(), format.timeZone) : null), [trimmed, format.timeZone]);
  const vague = trimmed !== '' && !suggestion && isVagueDate(trimmed);
  const confirmed = value !== undefined && isValidCalendarDate(value) ? value : undefined;

  const use = (date: CalendarDate) => {
    onChange?.(date);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter confirms the shown date instead of submitting the surrounding form with nothing chosen.
    if (event.key !== 'Enter' || !trimmed) return;
    event.preventDefault();
    if (suggestion) use(suggestion.date);
  };

  return (
    <Space orientation="vertical" size={6} style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <Input
          id={id}
          value={text}
          disabled={disabled}
          status={vague || (trimmed && !suggestion) ? 'error' : status}
          placeholder={t('dueDate.textPlaceholder')}
          aria-label={t('dueDate.textLabel')}
          aria-describedby={trimmed ? hintId : undefined}
          aria-invalid={vague || undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          style={{ flex: '1 1 180px', minWidth: 0 }}
        />
        <DatePicker
          value={confirmed ? dayjs(confirmed) : null}
          disabled={disabled}
          status={status}
          aria-label={t('dueDate.pickerLabel')}
          placeholder={t('dueDate.pickerLabel')}
          format={(d) => formatWithWeekday(d.format('YYYY-MM-DD'), locale)}
          disabledDate={allowPast ? undefined : (d) => d.format('YYYY-MM-DD') < format.today}
          onChange={(d) => {
            setText('');
            onChange?.(d ? d.format('YYYY-MM-DD') : undefined);
          }}
          style={{ flex: '1 1 180px' }}
        />
      </div>
      {trimmed !== '' && (
        <div id={hintId} role="status">
          {suggestion ? (
            <Alert
              type={suggestion.date < format.today ? 'warning' : 'info'}
              showIcon
              title={
                <span>
                  {t('dueDate.suggestion', { matched: suggestion.matched, date: formatWithWeekday(suggestion.date, locale) })}
                  {suggestion.date < format.today && <> {t('dueDate.past')}</>}
                </span>
              }
              action={
                <Button size="small" type="primary" onClick={() => use(suggestion.date)} disabled={disabled || (!allowPast && suggestion.date < format.today)}>
                  {t('dueDate.use')}
                </Button>
              }
            />
          ) : (
            <Typography.Text type="danger">{vague ? t('dueDate.vague', { text: trimmed }) : t('dueDate.unreadable')}</Typography.Text>
          )}
        </div>
      )}
      {confirmed && !trimmed && (
        <Typography.Text type={confirmed < format.today ? 'warning' : 'secondary'} style={{ fontSize: 13 }}>
          {t('dueDate.chosen', { date: formatWithWeekday(confirmed, locale) })}
          {confirmed < format.today && <> {t('dueDate.past')}</>}
        </Typography.Text>
      )}
    </Space>
  );
}
