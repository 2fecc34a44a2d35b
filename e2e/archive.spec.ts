import { expect, it } from 'vitest';
import { describeInBrowser, signIn } from './fixtures.ts';
import { callApi, chooseOption } from './records-helpers.ts';

const TOPIC = '2024年Q2渠道大会复盘';

describeInBrowser('archive', (e2e) => {
  it('archives a finished collaboration, files it by year and quarter, and opens it frozen, without write controls', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.marketHead.email);
    const { departments } = e2e.demo;
    const created = await callApi<{ id: string }>(page, 'POST', '/collaborations', {
      topic: TOPIC,
      goal: '总结渠道大会的得失，形成下季度改进清单',
      scenario: 'problem_solving',
      initiatingDepartmentId: departments['市场部'],
      participatingDepartmentIds: [departments['销售部']],
      periodYear: 2024,
      periodQuarter: 2,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    // The owner ends it, then archives it, from its page.
    await page.goto(`/collaborations/${id}`);
    await page.getByRole('heading', { name: TOPIC, level: 1 }).waitFor();
    await page.getByRole('button', { name: /结束协作/ }).click();
    await page.getByRole('menuitem', { name: '标记为已完成' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /标记为已完成/ }).click();
    await page.getByText('已标记为已完成').waitFor();
    await page.getByRole('button', { name: /(^|\s)归 ?档$/ }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /(^|\s)归 ?档$/ }).click();
    await page.getByText(/^已归档：市场部李经理 于 .+ 归档$/).waitFor();

    // The archive browser: 年份 → 季度 → 项目, with counts, filtered by department and scenario.
    await page.getByRole('link', { name: '归档', exact: true }).click();
    await page.waitForURL('**/archive');
    await page.getByRole('heading', { name: '归档', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /^2024 年 · \d+ 个项目$/, level: 2 }).waitFor();
    await page.getByRole('heading', { name: /^2024 年第 2 季度 · \d+ 个项目$/, level: 3 }).waitFor();
    const card = page.getByRole('link', { name: `2024-Q2-${TOPIC}` });
    await card.waitFor();
    const zip = page.locator('.ant-card', { has: card }).getByRole('button', { name: /下载全部（\.zip）/ });
    const [download] = await Promise.all([page.waitForEvent('download'), zip.click()]);
    expect(download.suggestedFilename()).toBe(`2024-Q2-${TOPIC}.zip`);
    await page.getByText(`已下载 2024-Q2-${TOPIC}.zip`, { exact: false }).waitFor();

    await chooseOption(page, '部门', '销售部', true);
    await page.waitForURL(/departmentId=/);
    await card.waitFor();
    await chooseOption(page, '场景', '紧急任务');
    await page.getByText('没有符合筛选条件的归档项目。').waitFor();
    await page.getByRole('button', { name: '清除筛选' }).click();
    await chooseOption(page, '年份', '2024 年');
    await chooseOption(page, '季度', '第 2 季度');
    await page.waitForURL(/year=2024&quarter=2/);
    await card.waitFor();

    // The frozen record: the banner says who archived it; nothing on it can be written.
    await card.click();
    await page.waitForURL(`**/collaborations/${id}`);
    await page.getByRole('heading', { name: TOPIC, level: 1 }).waitFor();
    await page.getByText(/^已归档：市场部李经理 于/).waitFor();
    await page.getByText('交付成果（0）').waitFor();
    await page.getByRole('button', { name: /导 ?出/ }).waitFor();
    for (const control of [/安排会议/, /新建行动项/, /结束协作/, /重新开启/, /(^|\s)归 ?档$/, /取消归档/, /(^|\s)编 ?辑$/, /(^|\s)添 ?加$/]) {
      expect(await page.getByRole('button', { name: control }).count(), `write control ${control} on an archived record`).toBe(0);
    }
    expect(await page.getByRole('combobox', { name: '健康度' }).count()).toBe(0);
    expect(await page.getByLabel('内容').count(), 'no remark form').toBe(0);
    await page.getByRole('tab', { name: /行动项/ }).click();
    expect(await page.getByRole('button', { name: /新建行动项/ }).count()).toBe(0);
    // The API refuses writes too.
    const refused = await callApi<{ error: { code: string } }>(page, 'POST', `/collaborations/${id}/remarks`, { text: '归档后补充', kind: 'remark' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ARCHIVED');

    // Only an admin may take it out of the archive, after confirming.
    const admin = await e2e.open();
    await signIn(admin.page, e2e.demo.adminEmail, undefined, `/sign-in?next=/collaborations/${id}`);
    await admin.page.getByRole('heading', { name: TOPIC, level: 1 }).waitFor();
    await admin.page.getByRole('button', { name: /取消归档/ }).click();
    await admin.page.locator('.ant-popconfirm:visible').getByRole('button', { name: /取消归档/ }).click();
    await admin.page.getByText('已取消归档').waitFor();
    expect(await admin.page.getByText(/^已归档：/).count()).toBe(0);
    await admin.page.getByRole('button', { name: /(^|\s)归 ?档$/ }).waitFor();
  });
});
