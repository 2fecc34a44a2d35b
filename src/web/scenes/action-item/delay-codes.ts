import type { DelayReasonCode } from '../../api/types.ts';
import type { Locale } from '../../i18n/translate.ts';

/** A delay reason code's label in the UI language (the organisation keeps both, GET /auth/me settings). */
export function delayCodeLabel(code: Pick<DelayReasonCode, 'labelZh' | 'labelEn'>, locale: Locale): string {
  return locale === 'en' ? code.labelEn : code.labelZh;
}

/**
 * The label of a code recorded on a timeline entry: the entry's own label when the server gave one,
 * else the organisation's list, else the raw code (a code since removed from the list).
 */
export function recordedDelayLabel(code: string, entryLabel: { zh: string; en: string } | null | undefined, codes: DelayReasonCode[], locale: Locale): string {
  if (entryLabel) return locale === 'en' ? entryLabel.en : entryLabel.zh;
  const known = codes.find((c) => c.code === code);
  return known ? delayCodeLabel(known, locale) : code;
}
