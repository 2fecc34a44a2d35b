import { expect, it } from 'vitest';
import { describeInBrowser, signIn } from './fixtures.ts';

describeInBrowser('dashboard and collaboration page on the demo data', (e2e) => {
  it("shows the designer's overdue item on the dashboard, and its number leads to the filtered list", async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.designer.email);

    const overdue = page.getByRole('region', { name: '已逾期' });
    // Other specs (an import of the demo record) may give the designer more overdue items.
    await overdue.getByText('设计部完成发布会主视觉初稿').first().waitFor();
    expect(await overdue.getByText(/逾期 \d+ 天/).count()).toBeGreaterThan(0);

    await page.getByRole('link', { name: /^已逾期: \d+$/ }).click();
    await page.waitForURL(/\/action-items\?/);
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries(params)).toEqual({ ownerId: 'me', status: 'open', overdue: 'true' });
    await page.getByRole('heading', { name: '行动项', level: 1 }).waitFor();
    await page.getByText('设计部完成发布会主视觉初稿').first().waitFor();
  });

  it('shows the collaboration: header, progress, remarks, meetings, items and history as sentences', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.marketHead.email, undefined, `/sign-in?next=/collaborations/${e2e.demo.collaborationId}`);
    await page.getByRole('heading', { name: '2024年Q3新品发布会筹备', level: 1 }).waitFor();
    for (const text of ['覆盖10万+目标用户，转化率5%', '按计划推进，无重大风险', '客户名单需销售部确认优先级，7月13日前同步市场部', '新品发布会筹备启动会']) {
      await page.getByText(text).first().waitFor();
    }
    // The head of the initiating department edits: the progress summary can be rewritten.
    await page.getByRole('button', { name: /编 ?辑/ }).waitFor();

    await page.getByRole('tab', { name: /行动项/ }).click();
    await page.getByRole('cell', { name: /设计部完成发布会主视觉初稿/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('actionItems');

    await page.getByRole('tab', { name: '历史记录' }).click();
    await page.getByText(/陈设计师 将“设计部完成发布会主视觉初稿”的截止时间从 (2024年)?7月15日 改为 (2024年)?7月17日，原因：/).waitFor();
    await page.getByText(/市场部李经理 创建了协作/).waitFor();
  });

  it("opens the meeting's minutes from the collaboration, with the sensitive topic locked for a participant", async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.designer.email, undefined, `/sign-in?next=/collaborations/${e2e.demo.collaborationId}`);
    await page.getByRole('link', { name: '新品发布会筹备启动会' }).click();
    await page.waitForURL(`**/meetings/${e2e.demo.meetingId}`);
    await page.getByRole('heading', { name: '新品发布会筹备启动会', level: 1 }).waitFor();
    await page.getByText('新品发布会时间与流程').first().waitFor();
    await page.getByText(/敏感议题（仅指定人员可见）/).waitFor();
    // Only its placeholder: no card carries the restricted topic's title or content (the agenda, sent to all, names it).
    expect(await page.locator('.ant-card-head-title', { hasText: '发布会预算分配' }).count()).toBe(0);
    await page.getByText('设计部完成发布会主视觉初稿').waitFor();
  });

  it('shows a participant the collaboration without the editing controls', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.designer.email, undefined, `/sign-in?next=/collaborations/${e2e.demo.collaborationId}`);
    await page.getByRole('heading', { name: '2024年Q3新品发布会筹备', level: 1 }).waitFor();
    await page.getByText('按计划推进，无重大风险').waitFor();
    expect(await page.getByRole('button', { name: /编 ?辑/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /添 ?加/ }).count()).toBe(0);
  });
});
