import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, signIn } from './fixtures.ts';
import { E2E_PASSWORD } from './server.ts';

/** Signs in over the API, as a script would, for the setup a spec is not about. */
async function apiSession(url: string, email: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: E2E_PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

/** The unread count the bell announces. */
async function unreadInBell(page: Page): Promise<number> {
  const name = (await page.getByRole('button', { name: /^通知，\d+ 条未读$/ }).getAttribute('aria-label')) ?? '';
  return Number(/(\d+)/.exec(name)?.[1] ?? NaN);
}

describeInBrowser('notifications', (e2e) => {
  it("puts the head's remark in the creator's bell and list as unread, and marks it read", async () => {
    // 市场部王助理 starts a collaboration of 市场部: they are its creator, 市场部李经理 its department's head.
    const post = await apiSession(e2e.url, e2e.demo.users.recorder.email);
    const collaboration = await post<{ id: string }>('/collaborations', {
      topic: `客户回访流程优化 ${Date.now()}`,
      goal: '回访覆盖率从60%提升到90%',
      scenario: 'problem_solving',
      initiatingDepartmentId: e2e.demo.departments['市场部'],
      participatingDepartmentIds: [e2e.demo.departments['客服部']],
    });

    const creator = (await e2e.open()).page;
    await signIn(creator, e2e.demo.users.recorder.email);
    await creator.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    const unreadBefore = await unreadInBell(creator);

    const head = (await e2e.open()).page;
    await signIn(head, e2e.demo.users.marketHead.email, undefined, `/sign-in?next=/collaborations/${collaboration.id}`);
    const remark = `客服部需要先整理回访话术 ${Date.now()}`;
    await head.getByLabel('内容').fill(remark);
    await head.getByRole('button', { name: /添 ?加/ }).click();
    await head.getByRole('listitem').filter({ hasText: remark }).waitFor();

    // The bell asks again when the window regains focus; a reload is the same for the spec.
    await creator.reload();
    await creator.getByRole('button', { name: `通知，${unreadBefore + 1} 条未读` }).waitFor();
    await creator.getByRole('button', { name: /^通知，/ }).click();
    const line = `市场部李经理 添加了备注：${remark}`;
    await creator.locator('.ant-popover').getByRole('link', { name: line }).waitFor();
    await creator.getByRole('link', { name: '查看全部通知' }).click();
    await creator.waitForURL('**/notifications');
    await creator.getByRole('heading', { name: '通知', level: 1 }).waitFor();

    await creator.locator('.ant-segmented-item').filter({ hasText: /^未读/ }).click();
    await creator.waitForURL(/filter=unread/);
    const list = creator.getByRole('main').getByRole('list', { name: '通知' });
    const row = list.getByRole('listitem').filter({ hasText: remark });
    await row.getByText('（未读）').waitFor();
    await row.getByText('风险与备注', { exact: true }).waitFor();
    await row.getByRole('button', { name: `将“${line}”标为已读` }).click();
    await row.waitFor({ state: 'detached' });
    await creator.getByRole('button', { name: `通知，${unreadBefore} 条未读` }).waitFor();

    await creator.locator('.ant-segmented-item').filter({ hasText: /^全部$/ }).click();
    const readRow = list.getByRole('listitem').filter({ hasText: remark });
    await readRow.waitFor();
    // The full list was cached from before; it is read again on showing.
    await readRow.getByText('（未读）').waitFor({ state: 'detached' });
    expect(await readRow.getByRole('button', { name: /标为已读/ }).count()).toBe(0);
    // Each notification leads to its record.
    await readRow.getByRole('link', { name: line }).click();
    await creator.waitForURL(`**/collaborations/${collaboration.id}`);
    await creator.getByText(remark).first().waitFor();
  });

  it('marks everything read at once, and keeps notification preferences', async () => {
    const { page } = await e2e.open();
    // Someone no other spec counts on for unread notifications.
    await signIn(page, e2e.demo.users.support.email, undefined, '/sign-in?next=/notifications');
    await page.getByRole('heading', { name: '通知', level: 1 }).waitFor();
    const markAll = page.getByRole('button', { name: '全部标为已读' });
    if (await markAll.isEnabled()) {
      await markAll.click();
      await page.getByRole('button', { name: '通知，0 条未读' }).waitFor();
    }
    await page.locator('.ant-segmented-item').filter({ hasText: /^未读/ }).click();
    await page.getByText('没有未读通知。').waitFor();

    await page.getByRole('link', { name: '通知设置' }).click();
    await page.waitForURL('**/account/notifications');
    await page.getByRole('heading', { name: '通知设置', level: 1 }).waitFor();
    // Neither mail nor robots are set up on the test server: nothing to choose but the bell, and the page says so.
    await page.getByText(/本系统尚未配置：邮件、钉钉、飞书、企业微信/).waitFor();
    await page.getByText(/目前所有通知都只出现在站内通知/).waitFor();
    expect(await page.getByRole('checkbox', { name: '邮件' }).count()).toBe(0);
    await page.getByRole('switch', { name: '开启免打扰时段' }).click();
    await page.getByRole('switch', { name: '每日邮件汇总' }).click();
    await page.getByRole('button', { name: /保 ?存/ }).click();
    await page.getByText('通知设置已保存').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '通知设置', level: 1 }).waitFor();
    expect(await page.getByRole('switch', { name: '开启免打扰时段' }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('switch', { name: '每日邮件汇总' }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('switch', { name: '开启免打扰时段' }).click();
    await page.getByRole('switch', { name: '每日邮件汇总' }).click();
    await page.getByRole('button', { name: /保 ?存/ }).click();
    await page.getByText('通知设置已保存').waitFor();
  });
});
