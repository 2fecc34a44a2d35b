/**
 * `npm run screenshots`: the pages of the web app at 1280 px and 375 px, in Chinese, on the demo data,
 * into docs/screenshots/ — to be looked at, not only taken. Builds the web app first when stale.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildWebIfStale } from '../scripts/build-web.ts';
import { DESKTOP, launchBrowser, openPage, PHONE, type Viewport } from './browser.ts';
import { signIn } from './fixtures-sign-in.ts';
import { E2E_PASSWORD, startE2eServer, type E2eServer } from './server.ts';
import { addDays, localDate } from '../src/domain/calendar-date.ts';

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

/**
 * Today's work for the pictures: the demo's story is from July 2024, so the market head assigns the
 * designer two fresh items (due this week and later) — which also rings the designer's bell.
 */
async function addFreshItems(server: E2eServer): Promise<void> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: server.demo.users.marketHead.email, password: E2E_PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const today = localDate(new Date(), 'Asia/Shanghai');
  const items = [
    { description: '设计部输出发布会物料清单', dueDate: addDays(today, 2), deliverable: '物料清单（含尺寸与数量）' },
    { description: '设计部完成邀请函设计', dueDate: addDays(today, 12), deliverable: '电子版与印刷版邀请函各1份' },
  ];
  for (const item of items) {
    const response = await fetch(`${server.url}/api/v1/collaborations/${server.demo.collaborationId}/action-items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ ...item, ownerId: server.demo.users.designer.id }),
    });
    if (response.status !== 201) throw new Error(`creating an item failed: ${response.status} ${await response.text()}`);
  }
}

await buildWebIfStale();
mkdirSync(outDir, { recursive: true });
const server = await startE2eServer();
await addFreshItems(server);
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
