import type { Page } from 'playwright-core';

/**
 * Calls the API as the person signed in on `page` (their cookie, their CSRF token), to prepare data a
 * spec needs without clicking through pages another spec already covers.
 */
export async function callApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const response = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken ?? '' },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

/** Picks an option of the antd Select labelled `label`, typing to narrow the list when `search` is set. */
export async function chooseOption(page: Page, label: string, option: string, search = false): Promise<void> {
  const select = page.getByRole('combobox', { name: label });
  await select.click();
  if (search) await select.fill(option);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}
