import { expect, it } from 'vitest';
import { describeInBrowser, signIn } from './fixtures.ts';
import { chooseOption } from './records-helpers.ts';

describeInBrowser('quarterly review', (e2e) => {
  it('shows pmo the quarter with its charts, compliance, departments and frequent problems linked to their records', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.pmo.email);
    await page.getByRole('link', { name: '季度复盘', exact: true }).click();
    await page.waitForURL('**/review');
    await page.getByRole('heading', { name: '季度复盘', level: 1 }).waitFor();

    await chooseOption(page, '季度', '2024Q3');
    await page.waitForURL(/quarter=2024Q3/);
    await page.getByText(/^2024Q3（.+），数据截至 .+$/).waitFor();

    // The three charts are drawn (SVG), each named for assistive technology.
    for (const chart of ['各部门按时完成率', '延期原因', '与上季度对比']) {
      const drawn = page.getByRole('img', { name: chart }).locator('svg');
      await drawn.waitFor();
      expect(await drawn.locator('path, rect').count(), `${chart} has marks`).toBeGreaterThan(0);
    }
    // The demo quarter: 3 items due, 1 done by its date (the guest list); one delay reason, 需求变更.
    const onTime = page.locator('.ant-statistic', { hasText: '按时完成率' });
    expect(await onTime.locator('.ant-statistic-content').innerText()).toMatch(/^33%/);
    await page.locator('.ant-statistic', { hasText: '模板遵守度' }).waitFor();
    await page.getByRole('list', { name: '模板遵守度（按部门）' }).getByText('市场部').waitFor();
    await page.getByText('按部门', { exact: true }).waitFor();
    await page.getByRole('link', { name: '2024年Q3新品发布会筹备' }).first().waitFor();

    // 需求传递不清晰, tagged on the division topic, links to the spot in the minutes.
    const tags = page.getByRole('list', { name: '问题标签' });
    const tag = tags.getByRole('listitem').filter({ hasText: '需求传递不清晰' });
    await tag.waitFor();
    await tag.getByRole('link', { name: '议题 1' }).click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]+#topic-/);
    await page.getByRole('region', { name: /议题/ }).first().waitFor();

    // Narrowed to one department, the link can be shared.
    await page.goBack();
    await chooseOption(page, '部门', '研发部', true);
    await page.waitForURL(/departmentId=/);
    await page.getByRole('img', { name: '各部门按时完成率' }).waitFor();
  });

  it('is not offered to a member who heads nothing', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.designer.email);
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: '季度复盘', exact: true }).count()).toBe(0);
    await page.goto('/review?quarter=2024Q3');
    await page.getByText(/季度复盘面向 PMO、管理员和部门负责人/).waitFor();
  });
});
