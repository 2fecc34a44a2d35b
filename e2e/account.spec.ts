import { expect, it } from 'vitest';
import { describeInBrowser, horizontalOverflow, signIn } from './fixtures.ts';
import { PHONE } from './browser.ts';
import { E2E_PASSWORD } from './server.ts';
import { chineseUiLines } from './english-text.ts';

describeInBrowser('my account', (e2e) => {
  it('creates a token shown once, which works as a Bearer token until it is revoked', async () => {
    const { page, context } = await e2e.open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, e2e.demo.users.support.email);
    await page.getByRole('button', { name: /账户菜单/ }).click();
    await page.getByRole('menuitem', { name: '我的账户' }).click();
    await page.waitForURL('**/account');
    await page.getByRole('heading', { name: '我的账户', level: 1 }).waitFor();
    // Name and email are the administrator's to change.
    await page.getByText('客服部赵主管', { exact: true }).waitFor();
    await page.getByText('姓名和邮箱由管理员维护').waitFor();

    const name = `e2e 导出脚本 ${Date.now()}`;
    await page.getByRole('button', { name: /创建令牌/ }).click();
    await page.getByText('请给令牌起个名字').waitFor();
    await page.getByLabel('令牌名称').fill(name);
    await page.getByRole('button', { name: /创建令牌/ }).click();
    await page.getByText(`令牌“${name}”已创建`).waitFor();
    const token = await page.getByRole('textbox', { name: '令牌', exact: true }).inputValue();
    expect(token.length).toBeGreaterThan(20);
    await page.getByRole('button', { name: /复 ?制/ }).click();
    await page.getByText('已复制').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

    const asToken = () => fetch(`${e2e.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await asToken()).status).toBe(200);

    // Listed by name and prefix, never the secret; once dismissed the secret is gone from the page.
    const row = page.getByRole('listitem').filter({ hasText: name });
    await row.waitFor();
    expect(token.startsWith((await row.locator('code').innerText()).replace('…', ''))).toBe(true);
    await page.getByRole('button', { name: /我已保存/ }).click();
    expect(await page.getByText(token).count()).toBe(0);

    await page.getByRole('button', { name: `撤销令牌“${name}”` }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /撤 ?销/ }).click();
    await page.getByText(`已撤销“${name}”`).waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await asToken()).status).toBe(401);
  });

  it('switches the language at once and keeps it on the account', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.support.email);
    await page.goto('/account');
    await page.getByRole('heading', { name: '我的账户', level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Action items', exact: true }).waitFor();
    await expect.poll(() => page.evaluate(async () => ((await (await fetch('/api/v1/me/preferences')).json()) as { locale: string }).locale)).toBe('en');

    await page.reload();
    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    expect(await chineseUiLines(page, ['/auth/me', '/departments', '/me/tokens'])).toEqual([]);
    await page.getByRole('radio', { name: '简体中文' }).check();
    await page.getByRole('heading', { name: '我的账户', level: 1 }).waitFor();
    await expect.poll(() => page.evaluate(async () => ((await (await fetch('/api/v1/me/preferences')).json()) as { locale: string }).locale)).toBe('zh-CN');
  });

  it('changes the password, which signs out everywhere and leads to sign-in', async () => {
    // A person of our own, so the demo people keep the password the other specs sign in with.
    const admin = await e2e.open();
    await signIn(admin.page, e2e.demo.adminEmail);
    const email = `pw.${Date.now()}@example.com`;
    const created = await admin.page.evaluate(
      async ({ email, password }) => {
        const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
        const response = await fetch('/api/v1/admin/users', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ name: '改密测试员', email, password, role: 'member', departmentIds: [] }),
        });
        return response.status;
      },
      { email, password: E2E_PASSWORD },
    );
    expect(created).toBe(201);

    const { page } = await e2e.open({ viewport: PHONE });
    await signIn(page, email);
    await page.goto('/account');
    await page.getByRole('heading', { name: '我的账户', level: 1 }).waitFor();
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);

    await page.getByLabel('当前密码').fill('not-the-password-1');
    await page.getByLabel('新密码', { exact: true }).fill('short1');
    await page.getByLabel('确认新密码').fill('short1');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('至少 10 位，且同时包含字母和数字').first().waitFor();
    const newPassword = 'Neues-Passw0rt-2024';
    await page.getByLabel('新密码', { exact: true }).fill(newPassword);
    await page.getByLabel('确认新密码').fill(newPassword);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('当前密码不正确').waitFor();

    await page.getByLabel('当前密码').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.waitForURL('**/sign-in');
    await page.getByText('密码已修改，所有设备都已退出登录。请用新密码登录。').waitFor();
    await signIn(page, email, newPassword);
    await page.goto('/account');
    await page.getByRole('heading', { name: '我的账户', level: 1 }).waitFor();
  });
});
