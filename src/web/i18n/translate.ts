import type { MessageKey, Messages } from './messages/zh-CN.ts';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
/** Each language named in itself, as language pickers show them whatever the current language. */
export const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };
export type { MessageKey, Messages };

export type MessageParams = Record<string, string | number>;
/** `t('key', { name })`: the message of the current language with `{name}` placeholders filled in. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Fills `{name}` placeholders; a placeholder without a value stays visible rather than vanishing. */
export function interpolate(message: string, params?: MessageParams): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translator(messages: Messages): Translate {
  return (key, params) => interpolate(messages[key] ?? key, params);
}

/**
 * The language to start in: the one chosen before (remembered in the browser), else the browser's
 * first Chinese or English preference, else Chinese — the people this is made for read Chinese first.
 */
export function detectLocale(stored: string | null, languages: readonly string[]): Locale {
  if (stored === 'zh-CN' || stored === 'en') return stored;
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
