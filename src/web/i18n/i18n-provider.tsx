import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import type { Locale as AntdLocale } from 'antd/es/locale/index.js';
import antdZhCNModule from 'antd/es/locale/zh_CN.js';
import antdEnUSModule from 'antd/es/locale/en_US.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { setApiLanguage } from '../api/client.ts';
import { zhCN } from './messages/zh-CN.ts';
import { en } from './messages/en.ts';
import { detectLocale, translator, type Locale, type Translate } from './translate.ts';

const STORAGE_KEY = 'liaison.locale';

// antd ships these as ES modules without "type": "module", so TypeScript (NodeNext) types the default
// import as the module itself; the bundler hands over the default export, the locale object.
const antdZhCN = antdZhCNModule as unknown as AntdLocale;
const antdEnUS = antdEnUSModule as unknown as AntdLocale;

const catalogs = {
  'zh-CN': { messages: zhCN, antd: antdZhCN, dayjs: 'zh-cn' },
  en: { messages: en, antd: antdEnUS, dayjs: 'en' },
} as const;

type I18nValue = { locale: Locale; setLocale: (locale: Locale) => void; t: Translate };

const I18nContext = createContext<I18nValue | null>(null);

function readStoredLocale(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Applies a language everywhere it shows outside React: <html lang>, dayjs (date pickers), server messages. */
function applyLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  dayjs.locale(catalogs[locale].dayjs);
  setApiLanguage(locale);
}

/**
 * The UI language: every string through `t()`, Ant Design's own texts and date pickers in the same
 * language. The choice is remembered in the browser. (Ant Design's <App> — message, modal — lives in
 * the app shell, so the sign-in page does not load it.)
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = detectLocale(readStoredLocale(), navigator.languages ?? [navigator.language]);
    applyLocale(initial);
    return initial;
  });
  useEffect(() => applyLocale(locale), [locale]);

  const setLocale = useCallback((next: Locale) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing without storage: the choice lasts for this visit.
    }
    applyLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18nValue>(() => ({ locale, setLocale, t: translator(catalogs[locale].messages) }), [locale, setLocale]);
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={catalogs[locale].antd} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
