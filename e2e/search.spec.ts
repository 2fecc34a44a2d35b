import { expect, it } from 'vitest';
import { describeInBrowser, signIn } from './fixtures.ts';
import { PHONE } from './browser.ts';

describeInBrowser('search', (e2e) => {
  it('finds 预算 and 视觉 inside longer words from the header, highlights the match and links to its place', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.marketHead.email);

    const box = page.getByRole('searchbox', { name: '搜索全部记录' });
    await box.fill('预算');
    await box.press('Enter');
    await page.waitForURL('**/search?q=%E9%A2%84%E7%AE%97');
    await page.getByRole('heading', { name: '搜索', level: 1 }).waitFor();
    const results = page.getByRole('list', { name: '搜索结果' });
    // The sensitive budget topic: the market head is named on it.
    // The demo record may have an imported twin (import-export.spec): either will do.
    const budget = results.getByRole('link', { name: '发布会预算分配' }).first();
    await budget.waitFor();
    const marks = await results.locator('mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set(['预算']));
    // Highlights are elements built from offsets: no markup from the API reaches the page.
    const budgetResult = results.locator('li').filter({ has: page.getByRole('link', { name: '发布会预算分配' }) });
    expect(await budgetResult.locator('mark').first().innerText()).toBe('预算');

    // 视觉 inside 主视觉: the action item and the (sensitive) budget feedback; filtered to action items by kind.
    await box.fill('视觉');
    await box.press('Enter');
    await page.waitForURL(/q=%E8%A7%86%E8%A7%89/);
    // The template walkthrough makes an item of the same name: the demo's is the one by its id.
    const item = results.locator(`a[href="/action-items/${e2e.demo.actionItems.keyVisual}"]`, { hasText: '设计部完成发布会主视觉初稿' });
    await item.waitFor();
    await page.getByRole('group', { name: '按类型筛选' }).getByText(/^行动项 \d+$/).click();
    await page.waitForURL(/kind=action_item/);
    await item.waitFor();
    // The filtered page replaces the list after the URL changes: wait for it rather than read the old one.
    await expect.poll(async () => new Set(await results.locator('li .ant-tag:first-child').allTextContents())).toEqual(new Set(['行动项']));

    // The filtered results are a link to share.
    await page.reload();
    await item.waitFor();
    await item.click();
    await page.waitForURL(`**/action-items/${e2e.demo.actionItems.keyVisual}`);
    await page.getByRole('heading', { name: '设计部完成发布会主视觉初稿', level: 1 }).waitFor();
  });

  it('shows a participant nothing of the sensitive budget topic, and says what to try', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.engineer.email);
    await page.goto('/search?q=预算');
    await page.getByRole('heading', { name: '搜索', level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    const text = await page.getByRole('main').innerText();
    expect(text).not.toContain('发布会预算分配');
    expect(text).not.toContain('50万');
    expect(text).not.toContain('推广投放');
    const answer = await page.evaluate(async () => (await fetch('/api/v1/search?q=%E9%A2%84%E7%AE%97')).json());
    for (const result of answer.items as { title: string; snippet: { text: string } }[]) {
      expect(`${result.title} ${result.snippet.text}`).not.toMatch(/发布会预算分配|50万|推广投放/);
    }
    // Nothing else in the demo mentions 预算: not even the count gives the sensitive topic away.
    expect(answer.items).toEqual([]);
    await page.getByText('没有找到包含“预算”的内容。').waitFor();
    await page.getByText(/用更短的词/).waitFor();
  });

  it('opens a full-width search from an icon on a phone', async () => {
    const { page } = await e2e.open({ viewport: PHONE });
    await signIn(page, e2e.demo.users.designer.email);
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    expect(await page.getByRole('searchbox').count(), 'no box until asked for').toBe(0);
    await page.getByRole('button', { name: '打开搜索' }).click();
    const box = page.getByRole('searchbox', { name: '搜索全部记录' });
    await box.fill('主视觉');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    await page.getByRole('list', { name: '搜索结果' }).getByRole('link', { name: '设计部完成发布会主视觉初稿' }).first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
  });
});
