import { afterAll, beforeAll, describe, expect, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
export { signIn } from './fixtures-sign-in.ts';
import { launchBrowser, openPage, type BrowserPage, type Viewport } from './browser.ts';
import type { SeededDemo } from '../src/server/demo/seed-demo.ts';

export type E2e = {
  url: string;
  demo: SeededDemo;
  browser: Browser;
  /** A new signed-out page; its console problems are asserted empty when the spec file ends. */
  open(options?: { viewport?: Viewport; locale?: 'zh-CN' | 'en' }): Promise<BrowserPage>;
};

/**
 * `describe` for browser specs: skipped (with the reason global-setup printed) when there is no
 * browser, else one Chromium for the file, and no console errors in any page it opened.
 */
export function describeInBrowser(name: string, body: (e2e: E2e) => void): void {
  const skipReason = inject('e2eSkipReason');
  describe.skipIf(Boolean(skipReason))(name, () => {
    const pages: BrowserPage[] = [];
    const e2e = {} as E2e;
    beforeAll(async () => {
      e2e.url = inject('e2eUrl')!;
      e2e.demo = inject('e2eDemo')!;
      e2e.browser = await launchBrowser();
      e2e.open = async (options) => {
        const opened = await openPage(e2e.browser, e2e.url, options);
        pages.push(opened);
        return opened;
      };
    });
    afterAll(async () => {
      await e2e.browser?.close();
      const warnings = pages.flatMap((p) => p.problems.warnings);
      expect(pages.flatMap((p) => p.problems.messages), `console warnings:\n${warnings.join('\n')}`).toEqual([]);
    });
    body(e2e);
  });
}

/** Widest content against the viewport: a page that scrolls sideways has scrollWidth > its width. */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
}
