import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, signIn } from './fixtures.ts';

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Every string the API gave this user: the data the pages show, which stays in the language it was written in. */
async function dataStrings(page: Page, paths: string[]): Promise<string[]> {
  const bodies = await page.evaluate(async (urls) => Promise.all(urls.map(async (u) => (await fetch(`/api/v1${u}`)).json())), paths);
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') found.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(bodies);
  return [...found].filter((s) => CJK.test(s)).sort((a, b) => b.length - a.length);
}

/**
 * The page's visible text minus the data, language names shown in their own language (`lang`), and
 * what shows a name rather than words of the UI (`translate="no"`, e.g. the avatar's initial).
 */
async function chromeText(page: Page, data: string[]): Promise<string> {
  await page.waitForLoadState('networkidle');
  let text = await page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('[lang]:not([lang="en"]), [translate="no"]').forEach((el) => el.remove());
    document.body.append(clone);
    clone.style.position = 'absolute';
    const visible = clone.innerText;
    clone.remove();
    return `${document.title}\n${visible}`;
  });
  for (const s of data) text = text.split(s).join('');
  return text;
}

describeInBrowser('English UI', (e2e) => {
  it('shows no Chinese in the interface when the browser asks for English', async () => {
    const { page } = await e2e.open({ locale: 'en' });
    const id = e2e.demo.collaborationId;
    const expectEnglish = async (where: string, data: string[]) => {
      const text = await chromeText(page, data);
      const lines = text.split('\n').filter((line) => CJK.test(line));
      expect(lines, `Chinese UI text on ${where}`).toEqual([]);
    };

    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectEnglish('sign-in', []);
    await signIn(page, e2e.demo.users.marketHead.email);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

    const data = await dataStrings(page, [
      '/auth/me',
      '/departments',
      '/collaborations?limit=200',
      `/collaborations/${id}`,
      `/collaborations/${id}/history?limit=200`,
      '/action-items?limit=200',
      '/notifications',
      // Meetings other specs scheduled for the same people show on the dashboard too.
      '/meetings?limit=200',
      '/meetings?role=host&limit=200',
      '/meetings?role=recorder&limit=200',
    ]);
    await expectEnglish('dashboard', data);

    await page.goto('/collaborations');
    await page.getByRole('heading', { name: 'Collaborations', level: 1 }).waitFor();
    await expectEnglish('collaborations', data);

    await page.goto('/collaborations/new');
    await page.getByLabel('Topic').waitFor();
    await page.getByRole('button', { name: 'Create collaboration' }).click();
    await page.getByText('Enter the topic').waitFor();
    await expectEnglish('new collaboration', data);

    await page.goto(`/collaborations/${id}`);
    await page.getByText('Overall progress').waitFor();
    await expectEnglish('collaboration, meetings', data);
    await page.getByRole('tab', { name: /Action items/ }).click();
    await page.getByRole('columnheader', { name: 'Due date' }).waitFor();
    await expectEnglish('collaboration, action items', data);
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByText(/moved the due date of/).waitFor();
    await expectEnglish('collaboration, history', data);

    await page.goto(`/meetings/${e2e.demo.meetingId}`);
    await page.getByText('Feedback by department').first().waitFor();
    await expectEnglish('meeting', [...data, ...(await dataStrings(page, [`/meetings/${e2e.demo.meetingId}`]))]);

    await page.goto('/action-items?ownerId=me&status=open');
    await page.getByRole('heading', { name: 'Action items', level: 1 }).waitFor();
    await expectEnglish('action items', data);

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: /Sign out/ }).waitFor();
    await expectEnglish('user menu', data);
    await page.keyboard.press('Escape');

    for (const [path, heading, apiPaths] of [
      ['/search?q=%E8%A7%86%E8%A7%89', 'Search', ['/search?q=%E8%A7%86%E8%A7%89']],
      ['/archive', 'Archive', ['/archive']],
      ['/imports', 'Import a collaboration record', []],
      ['/review?quarter=2024Q3', 'Quarterly review', ['/review?quarter=2024Q3', '/review?quarter=2024Q2']],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      // The words searched for are the user's own, shown back as typed.
      await expectEnglish(path, [...data, '视觉', ...(await dataStrings(page, [...apiPaths]))].sort((a, b) => b.length - a.length));
    }
  });

  it('switches language from the user menu and remembers it', async () => {
    const { page } = await e2e.open({ locale: 'en' });
    await signIn(page, e2e.demo.users.designer.email);
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.reload();
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  });
});
