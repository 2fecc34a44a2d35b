import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import dayjs from 'dayjs';
import { setApiLanguage } from '../api/client.ts';
import { PageLoading } from '../components/page-state.tsx';
import { loadAllMessages, loadCatalog, type Catalog } from './catalogs.ts';
import type { Messages } from './messages/zh-CN.ts';
import { detectLocale, translator, type Locale, type Translate } from './translate.ts';

const STORAGE_KEY = 'liaison.locale';

type I18nValue = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** Whether every word of the language is here (the sign-in page needs only its own). */
  complete: boolean;
  /** Fetches every word of the current language, and of any language switched to afterwards. */
  requireAll: () => void;
};

const I18nContext = createContext<I18nValue | null>(null);

function readStoredLocale(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The language to start in (remembered choice, else the browser's) with its catalogue, fetched before the first render. */
export async function loadInitialLanguage(): Promise<{ locale: Locale; catalog: Catalog }> {
  const locale = detectLocale(readStoredLocale(), navigator.languages ?? [navigator.language]);
  return { locale, catalog: await loadCatalog(locale) };
}

/** Applies a language everywhere it shows outside React: <html lang>, dayjs (date pickers), server messages. */
function applyLocale(locale: Locale, catalog: Catalog): void {
  document.documentElement.lang = locale;
  dayjs.locale(catalog.dayjs);
  setApiLanguage(locale);
}

/**
 * The UI language: every string through `t()`, Ant Design's own texts and date pickers in the same
 * language. The choice is remembered in the browser; switching fetches the other catalogue first, so the
 * page never shows keys. (Ant Design's <App> — message, modal — lives in the app shell, so the sign-in
 * page does not load it.)
 */
export function I18nProvider({ initial, children }: { initial: { locale: Locale; catalog: Catalog }; children: ReactNode }) {
  const [current, setCurrent] = useState<{ locale: Locale; catalog: Catalog; all?: Messages }>(initial);
  const [wantAll, setWantAll] = useState(false);
  // The language picked but still being fetched: pickers show the choice at once.
  const [chosen, setChosen] = useState<Locale | null>(null);
  useEffect(() => applyLocale(current.locale, current.catalog), [current]);

  useEffect(() => {
    if (!wantAll || current.all) return;
    let cancelled = false;
    const locale = current.locale;
    void loadAllMessages(locale).then((all) => {
      if (!cancelled) setCurrent((now) => (now.locale === locale ? { ...now, all } : now));
    });
    return () => {
      cancelled = true;
    };
  }, [wantAll, current]);

  const setLocale = useCallback(
    (next: Locale) => {
      try {
        window.localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Private browsing without storage: the choice lasts for this visit.
      }
      setChosen(next);
      // Switch only once the new words are here, so the page never shows message keys.
      void Promise.all([loadCatalog(next), wantAll ? loadAllMessages(next) : undefined]).then(([catalog, all]) => {
        applyLocale(next, catalog);
        setCurrent({ locale: next, catalog, ...(all ? { all } : {}) });
        setChosen((now) => (now === next ? null : now));
      });
    },
    [wantAll],
  );
  const requireAll = useCallback(() => setWantAll(true), []);

  const value = useMemo<I18nValue>(
    () => ({
      locale: chosen ?? current.locale,
      setLocale,
      t: translator(current.all ?? (current.catalog.messages as Messages)),
      complete: current.all !== undefined,
      requireAll,
    }),
    [current, chosen, setLocale, requireAll],
  );
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={current.catalog.antd} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

/** Renders its pages once every word of the language is here (fetched in parallel with `preload`). */
export function AllMessages({ children, preload }: { children: ReactNode; preload?: () => Promise<unknown> }) {
  const { complete, requireAll } = useI18n();
  useEffect(() => {
    requireAll();
    void preload?.();
  }, [requireAll, preload]);
  return complete ? children : <PageLoading />;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
