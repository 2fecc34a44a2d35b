import { describe, expect, it } from 'vitest';
import { en } from './messages/en.ts';
import { zhCN } from './messages/zh-CN.ts';
import { detectLocale, interpolate, translator } from './translate.ts';

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

describe('UI language', () => {
  it('starts in the remembered language, else the browser’s first Chinese or English preference, else Chinese', () => {
    expect(detectLocale('en', ['zh-CN'])).toBe('en');
    expect(detectLocale(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLocale(null, ['en-GB', 'zh-CN'])).toBe('en');
    expect(detectLocale(null, ['fr-FR', 'de'])).toBe('zh-CN');
    expect(detectLocale('klingon', [])).toBe('zh-CN');
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    expect(interpolate('逾期 {days} 天', { days: 3 })).toBe('逾期 3 天');
    expect(interpolate('{actor} → {missing}', { actor: 'A' })).toBe('A → {missing}');
    expect(translator(en)('item.overdueDays', { days: 2 })).toBe('2 days overdue');
  });

  it('has the same placeholders in both catalogues, and no Chinese in the English one (language names aside)', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
      expect(CJK.test(en[key]), `${key}: ${en[key]}`).toBe(false);
    }
  });
});

describe('no Chinese outside the catalogues', () => {
  it('keeps every UI word of the components in i18n/messages', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '..');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? files(full) : [full];
      });
    const offenders = files(root)
      .filter((f) => /\.tsx?$/.test(f) && !f.includes(`${path.sep}messages${path.sep}`) && !f.endsWith('.test.ts'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${path.relative(root, f)}:${i + 1}`, line }))
          // Comments may quote the template; language names are shown in their own language.
          .filter(({ line }) => CJK.test(line.replace(/\/\/.*$|\/\*.*?\*\/|^\s*\*.*$/g, '')) && !line.includes('LANGUAGE_NAMES')),
      );
    expect(offenders).toEqual([]);
  });
});
