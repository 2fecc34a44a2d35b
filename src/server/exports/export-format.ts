/** Dates, times and file names as the exports print them, in the organisation's time zone. */
import { wallClock } from '../../domain/calendar-date.ts';
import type { YearQuarter } from '../../domain/calendar-date.ts';
import { safeFileName } from './collaboration-export.ts';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "2024-07-10 14:00" in `tz`; empty for null. */
export function dateTimeText(instant: Date | null, tz: string): string {
  if (!instant) return '';
  const w = wallClock(instant, tz);
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)} ${pad2(w.hour)}:${pad2(w.minute)}`;
}

/** "2024-07-10 14:00–16:00" (the end's date only when it differs). */
export function timeRangeText(start: Date, end: Date, tz: string): string {
  const from = dateTimeText(start, tz);
  const to = dateTimeText(end, tz);
  return `${from}–${to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to}`;
}

/** "1.2 MB", "830 KB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/**
 * The archive name of a collaboration file without extension, 年份-季度-项目名称 (the template's 归档 rule):
 * `2024-Q3-2024年Q3新品发布会筹备`; `suffix` adds a part (one meeting's minutes).
 */
export function archiveBaseName(period: YearQuarter, topic: string, suffix?: string): string {
  return safeFileName(`${period.year}-Q${period.quarter}-${topic}${suffix ? `-${suffix}` : ''}`);
}

/** `archiveBaseName` with an extension: `2024-Q3-2024年Q3新品发布会筹备.xlsx`. */
export function archiveFileName(period: YearQuarter, topic: string, extension: string, suffix?: string): string {
  return `${archiveBaseName(period, topic, suffix)}.${extension}`;
}

/**
 * A Content-Disposition header for a download with any name: an ASCII fallback for old clients and the
 * real (Chinese) name in RFC 5987 `filename*`.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
