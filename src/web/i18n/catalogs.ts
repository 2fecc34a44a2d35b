import type { Locale as AntdLocale } from 'antd/es/locale/index.js';
import type { Messages } from './messages/zh-CN.ts';
import type { Locale } from './translate.ts';

/**
 * What one UI language needs for the first render: the sign-in page's words, Ant Design's own texts and the
 * dayjs locale of date pickers. The rest of the words (`Messages`) come with the app, after sign-in.
 */
export type Catalog = { messages: Partial<Messages>; antd: AntdLocale; dayjs: string };

// antd ships its locales as ES modules without "type": "module", so TypeScript (NodeNext) types the default
// export as the module itself; the bundler hands over the locale object.
const antdLocale = (module: { default: unknown }) => module.default as AntdLocale;

/**
 * Each language is its own chunk, fetched only when chosen: the sign-in page of a Chinese reader never
 * downloads the English words, and the other way round. The sign-in page fetches only its own words.
 */
const loaders: Record<Locale, () => Promise<Catalog>> = {
  'zh-CN': async () => {
    const [{ signInZhCN }, antd] = await Promise.all([import('./messages/sign-in.zh-CN.ts'), import('antd/es/locale/zh_CN.js'), import('dayjs/locale/zh-cn.js')]);
    return { messages: signInZhCN, antd: antdLocale(antd), dayjs: 'zh-cn' };
  },
  en: async () => {
    const [{ signInEn }, antd] = await Promise.all([import('./messages/sign-in.en.ts'), import('antd/es/locale/en_US.js')]);
    return { messages: signInEn, antd: antdLocale(antd), dayjs: 'en' };
  },
};

const fullLoaders: Record<Locale, () => Promise<Messages>> = {
  'zh-CN': async () => (await import('./messages/zh-CN.ts')).zhCN,
  en: async () => (await import('./messages/en.ts')).en,
};

/** Fetches once per key; a failed fetch is forgotten so the next call tries again. */
function once<T>(load: (locale: Locale) => Promise<T>): (locale: Locale) => Promise<T> {
  const loaded = new Map<Locale, Promise<T>>();
  return (locale) => {
    let value = loaded.get(locale);
    if (!value) {
      value = load(locale);
      value.catch(() => loaded.delete(locale));
      loaded.set(locale, value);
    }
    return value;
  };
}

/** The first-render catalogue of a language. */
export const loadCatalog = once((locale) => loaders[locale]());

/** Every word of a language: what the pages behind sign-in need. */
export const loadAllMessages = once((locale) => fullLoaders[locale]());
