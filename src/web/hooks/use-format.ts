import { useMemo } from 'react';
import { localDate, type CalendarDate } from '../../domain/calendar-date.ts';
import { useMe } from '../api/auth.ts';
import { useI18n } from '../i18n/i18n-provider.tsx';
import { formatCalendarDate, formatInstant, formatTimeRange } from '../i18n/format.ts';

const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export type Format = {
  timeZone: string;
  /** Today in the organisation's time zone. */
  today: CalendarDate;
  date: (date: CalendarDate) => string;
  instant: (iso: string) => string;
  timeRange: (startIso: string, endIso: string) => string;
};

/** Dates as the organisation's people read them: in its time zone (GET /auth/me) and the UI language. */
export function useFormat(): Format {
  const { locale } = useI18n();
  const { data: me } = useMe();
  const timeZone = me?.settings?.timeZone ?? me?.user.timeZone ?? browserTimeZone();
  return useMemo(() => {
    const today = localDate(new Date(), timeZone);
    const year = Number(today.slice(0, 4));
    return {
      timeZone,
      today,
      date: (date) => formatCalendarDate(date, locale, year),
      instant: (iso) => formatInstant(iso, locale, timeZone, year),
      timeRange: (start, end) => formatTimeRange(start, end, locale, timeZone, year),
    };
  }, [locale, timeZone]);
}
