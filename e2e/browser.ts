import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it); never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser specs cannot run here, or null when they can. */
export function browserUnavailableReason(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export type Viewport = { width: number; height: number };
export const DESKTOP: Viewport = { width: 1280, height: 800 };
export const PHONE: Viewport = { width: 375, height: 740 };

/**
 * What went wrong in the page: uncaught exceptions and console errors. The browser's own line for an
 * API answer of 4xx ("Failed to load resource … 401") is left out: the app asks GET /auth/me to learn
 * that nobody is signed in, and shows wrong passwords and refused fields itself.
 */
export type ConsoleProblems = { messages: string[]; /** Warnings, shown when a spec fails (RouteError logs the cause here). */ warnings: string[] };

export type BrowserPage = { context: BrowserContext; page: Page; problems: ConsoleProblems };

/** A fresh context (own cookies and storage) with a page that records console problems. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: { viewport?: Viewport; locale?: 'zh-CN' | 'en' } = {},
): Promise<BrowserPage> {
  const locale = options.locale ?? 'zh-CN';
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? DESKTOP,
    locale,
    extraHTTPHeaders: { 'accept-language': locale === 'en' ? 'en-US,en;q=0.9' : 'zh-CN,zh;q=0.9' },
  });
  const page = await context.newPage();
  const problems: ConsoleProblems = { messages: [], warnings: [] };
  page.on('pageerror', (error) => problems.messages.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'warning') problems.warnings.push(text);
    if (message.type() !== 'error') return;
    const isApiRefusal = /status of 4\d\d/.test(text) && message.location().url.includes('/api/v1/');
    if (!isApiRefusal) problems.messages.push(`console.error: ${text} (${message.location().url})`);
  });
  return { context, page, problems };
}
