import type { Page } from 'playwright-core';
import { E2E_PASSWORD } from './server.ts';

/** Signs in through the form, as a person would, and waits for the page the app lands on. */
export async function signIn(page: Page, email: string, password = E2E_PASSWORD, path = '/sign-in'): Promise<void> {
  await page.goto(path);
  await page.getByLabel(/邮箱|Email/).fill(email);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /^(登 ?录|Sign in)$/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}
