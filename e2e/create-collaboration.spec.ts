import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, signIn } from './fixtures.ts';

/** Picks an option of the antd Select labelled `label` by typing its text. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  const select = page.getByRole('combobox', { name: label });
  await select.click();
  await select.fill(option);
  // antd keeps a hidden list for screen readers; the visible one is what a person clicks.
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
}

describeInBrowser('creating a collaboration', (e2e) => {
  it('refuses an empty form in place, then creates one and opens its page', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.marketHead.email);
    await page.getByRole('link', { name: '协作', exact: true }).click();
    await page.getByRole('link', { name: /新建协作/ }).click();
    await page.waitForURL('**/collaborations/new');

    await page.getByRole('button', { name: /创建协作/ }).click();
    await page.getByText('请填写协作主题').waitFor();
    await page.getByText('请填写协作目标').waitFor();
    await page.getByText('请至少选择一个参与部门').waitFor();

    const topic = `端到端测试协作 ${Date.now()}`;
    await page.getByLabel('协作主题').fill(topic);
    await page.getByLabel('协作目标').fill('两周内完成客服知识库迁移，覆盖率100%');
    await choose(page, '参与部门', '客服部');
    await choose(page, '参与部门', '研发部');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /创建协作/ }).click();

    await page.waitForURL(/\/collaborations\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: topic, level: 1 }).waitFor();
    await page.getByText('两周内完成客服知识库迁移，覆盖率100%').waitFor();
    const header = page.locator('.ant-descriptions');
    for (const department of ['市场部', '客服部', '研发部']) await header.getByText(department, { exact: true }).waitFor();

    // The creator edits: a risk added to the log shows at once, and the history tells of it.
    await page.getByLabel('内容').fill('客服部人手紧张，迁移可能延后');
    await page.getByText('风险', { exact: true }).click();
    await page.getByRole('button', { name: /添 ?加/ }).click();
    await page.getByRole('listitem').filter({ hasText: '客服部人手紧张，迁移可能延后' }).waitFor();
    await page.getByRole('tab', { name: '历史记录' }).click();
    await page.getByText('市场部李经理 登记了风险：“客服部人手紧张，迁移可能延后”').waitFor();

    // Marked at risk, it appears on the dashboard's at-risk list, whose number leads to the filtered list.
    await page.getByRole('combobox', { name: '健康度' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '有风险' }).click();
    await page.getByRole('tab', { name: '历史记录' }).click();
    await page.getByText('市场部李经理 将健康度从 正常 改为 有风险').waitFor();
    await page.getByRole('link', { name: '工作台', exact: true }).click();
    const atRisk = page.getByRole('link', { name: /^有风险的协作: \d+$/ });
    await atRisk.waitFor();
    await page.getByRole('link', { name: topic }).waitFor();
    await atRisk.click();
    await page.waitForURL(/\/collaborations\?health=at_risk$/);
    await page.getByRole('link', { name: topic }).waitFor();
    // The filtered list (in <main>, not the header's bell) leaves out the demo record, which is on track.
    expect(await page.getByRole('main').getByRole('link', { name: '2024年Q3新品发布会筹备', exact: true }).count()).toBe(0);
  });
});
