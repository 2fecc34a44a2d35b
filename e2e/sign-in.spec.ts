import { expect, it } from 'vitest';
import { describeInBrowser, signIn } from './fixtures.ts';
import { E2E_PASSWORD } from './server.ts';

describeInBrowser('sign-in', (e2e) => {
  it('sends a signed-out visitor to sign-in, shows a wrong password in place, then returns to the page asked for', async () => {
    const { page } = await e2e.open();
    const { designer } = e2e.demo.users;

    await page.goto('/collaborations?health=at_risk');
    await page.waitForURL(/\/sign-in\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/collaborations?health=at_risk');

    const email = page.getByLabel('邮箱');
    const password = page.getByLabel('密码');
    expect(await email.getAttribute('type')).toBe('email');
    expect(await email.getAttribute('autocomplete')).toBe('username');
    expect(await password.getAttribute('autocomplete')).toBe('current-password');

    await email.fill(designer.email);
    await password.fill('not-the-password-1');
    await page.getByRole('button', { name: /^登 ?录$/ }).click();
    const error = page.getByRole('alert').filter({ hasText: '邮箱或密码不正确' });
    await error.waitFor();
    expect(page.url()).toContain('/sign-in');
    expect(await password.inputValue()).toBe('not-the-password-1');

    await password.fill(E2E_PASSWORD);
    await page.getByRole('button', { name: /^登 ?录$/ }).click();
    await page.waitForURL((url) => url.pathname === '/collaborations');
    expect(new URL(page.url()).searchParams.get('health')).toBe('at_risk');
    await page.getByRole('heading', { name: '协作', level: 1 }).waitFor();
  });

  it('checks the fields before asking the server', async () => {
    const { page } = await e2e.open();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: /^登 ?录$/ }).click();
    await page.getByText('请输入邮箱').waitFor();
    await page.getByText('请输入密码').waitFor();
    await page.getByLabel('邮箱').fill('not-an-email');
    await page.getByText('邮箱格式不正确').waitFor();
  });

  it('lands on the dashboard with the right password, and signs out again', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.designer.email);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();

    await page.getByRole('button', { name: /账户菜单/ }).click();
    await page.getByRole('menuitem', { name: /退出登录/ }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto('/');
    await page.waitForURL(/\/sign-in/);
  });
});
