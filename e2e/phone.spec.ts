import { expect, it } from 'vitest';
import { describeInBrowser, horizontalOverflow, signIn } from './fixtures.ts';
import { PHONE } from './browser.ts';

describeInBrowser('375 px wide phone', (e2e) => {
  it('shows every page of this slice without sideways scrolling', async () => {
    const { page } = await e2e.open({ viewport: PHONE });
    const check = async (what: string) => {
      await page.waitForLoadState('networkidle');
      const { scrollWidth } = await horizontalOverflow(page);
      expect(scrollWidth, `${what} is ${scrollWidth}px wide`).toBeLessThanOrEqual(PHONE.width);
    };

    await page.goto('/sign-in');
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await check('sign-in');
    await signIn(page, e2e.demo.users.marketHead.email);

    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    await check('dashboard');

    // The side menu is a drawer here.
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('dialog').getByRole('link', { name: '协作', exact: true }).click();
    await page.getByRole('heading', { name: '协作', level: 1 }).waitFor();
    await page.getByRole('link', { name: '2024年Q3新品发布会筹备' }).waitFor();
    expect(await page.locator('.ant-table').count(), 'cards, not a table, under 768 px').toBe(0);
    await check('collaborations');

    await page.goto('/collaborations/new');
    await page.getByLabel('协作主题').waitFor();
    await check('new collaboration');

    await page.goto(`/collaborations/${e2e.demo.collaborationId}`);
    await page.getByRole('heading', { name: '2024年Q3新品发布会筹备', level: 1 }).waitFor();
    await check('collaboration, meetings');
    await page.getByRole('tab', { name: /行动项/ }).click();
    await page.getByRole('tabpanel').getByText('设计部完成发布会主视觉初稿').waitFor();
    await check('collaboration, action items');
    await page.getByRole('tab', { name: '历史记录' }).click();
    await page.getByText(/创建了协作/).waitFor();
    await check('collaboration, history');

    await page.goto(`/meetings/${e2e.demo.meetingId}`);
    await page.getByRole('heading', { name: '新品发布会筹备启动会', level: 1 }).waitFor();
    await check('meeting');

    await page.goto('/action-items');
    await page.getByRole('heading', { name: '行动项', level: 1 }).waitFor();
    await check('action items');

    await page.getByRole('button', { name: /通知/ }).click();
    await page.getByText('通知', { exact: true }).waitFor();
    await check('notifications');

    for (const [path, heading] of [['/search?q=预算', '搜索'], ['/archive', '归档'], ['/imports', '导入协作记录'], ['/review?quarter=2024Q3', '季度复盘']] as const) {
      await page.goto(path);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await check(path);
    }
  });
});
