/**
 * `npm run screenshots`: the pages of the web app at 1280 px and 375 px, in Chinese, on the demo data,
 * into docs/screenshots/ — to be looked at, not only taken. Builds the web app first when stale.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildWebIfStale } from '../scripts/build-web.ts';
import { DESKTOP, launchBrowser, openPage, PHONE, type Viewport } from './browser.ts';
import { signIn } from './fixtures-sign-in.ts';
import { startE2eServer } from './server.ts';

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

await buildWebIfStale();
mkdirSync(outDir, { recursive: true });
const server = await startE2eServer();
const browser = await launchBrowser();
try {
  for (const [suffix, viewport] of [['1280', DESKTOP], ['375', PHONE]] as [string, Viewport][]) {
    const { page, context, problems } = await openPage(browser, server.url, { viewport });
    const shot = async (name: string) => {
      await page.waitForLoadState('networkidle');
      // Let tab and drawer animations settle: a picture mid-transition shows the wrong tab marked.
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${outDir}${name}-${suffix}.png`, fullPage: true });
    };
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await shot('sign-in');
    await signIn(page, server.demo.users.designer.email);
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    await shot('dashboard');
    await page.goto(`/collaborations/${server.demo.collaborationId}`);
    await page.getByRole('heading', { name: '2024年Q3新品发布会筹备', level: 1 }).waitFor();
    await shot('collaboration');
    await page.getByRole('tab', { name: /行动项/ }).click();
    await shot('collaboration-action-items');
    await page.getByRole('tab', { name: '历史记录' }).click();
    await page.getByText(/创建了协作/).waitFor();
    await shot('collaboration-history');
    await page.goto(`/meetings/${server.demo.meetingId}`);
    await page.getByRole('heading', { name: '新品发布会筹备启动会', level: 1 }).waitFor();
    await shot('meeting');
    await page.goto('/collaborations');
    await page.getByRole('link', { name: '2024年Q3新品发布会筹备' }).first().waitFor();
    await shot('collaborations');
    await context.close();
    if (problems.messages.length) console.error(problems.messages.join('\n'));
  }
  console.log(`Screenshots in ${outDir}`);
} finally {
  await browser.close();
  await server.close();
}
