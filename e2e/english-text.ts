import type { Page } from 'playwright-core';

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * The lines of the page's visible text that still hold Chinese once the data is taken out: the strings
 * the API answered at `apiPaths` (names, topics, descriptions stay in the language they were written
 * in), language names shown in their own language (`lang`) and names (`translate="no"`).
 */
export async function chineseUiLines(page: Page, apiPaths: string[]): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  const bodies = await page.evaluate(async (urls) => Promise.all(urls.map(async (u) => (await fetch(`/api/v1${u}`)).json())), apiPaths);
  const data = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') data.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(bodies);
  let text = await page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('[lang]:not([lang="en"]), [translate="no"]').forEach((el) => el.remove());
    document.body.append(clone);
    clone.style.position = 'absolute';
    const visible = clone.innerText;
    clone.remove();
    return `${document.title}\n${visible}`;
  });
  for (const s of [...data].filter((s) => CJK.test(s)).sort((a, b) => b.length - a.length)) text = text.split(s).join('');
  return text.split('\n').filter((line) => CJK.test(line));
}
