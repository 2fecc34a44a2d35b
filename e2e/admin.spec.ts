import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, horizontalOverflow, signIn } from './fixtures.ts';
import { PHONE } from './browser.ts';

/** The visible dropdown of an antd Select or TreeSelect (a hidden copy stays for screen readers). */
const dropdown = (page: Page) => page.locator('.ant-select-dropdown:visible, .ant-tree-select-dropdown:visible');

async function choose(page: Page, label: string, search: string, option: string | RegExp = search): Promise<void> {
  const field = page.getByRole('combobox', { name: label });
  await field.click();
  await field.fill(search);
  await dropdown(page).getByText(option, { exact: true }).first().click();
}

/** The form item around a labelled field, where antd writes that field's error. */
const formItem = (page: Page, label: string) => page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });


const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** The page's visible UI text: without the data the API gave (`data`), and without what is marked as another language. */
async function uiLines(page: Page, data: string[]): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  let text = await page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('[lang]:not([lang="en"]), [translate="no"]').forEach((el) => el.remove());
    document.body.append(clone);
    clone.style.position = 'absolute';
    const visible = clone.innerText;
    clone.remove();
    return `${document.title}\n${visible}`;
  });
  for (const s of data) text = text.split(s).join('');
  return text.split('\n').filter((line) => CJK.test(line));
}

/** Every Chinese string in the API's answers: data, which stays in the language it was written in. */
async function dataStrings(page: Page, paths: string[]): Promise<string[]> {
  const bodies = await page.evaluate(async (urls) => Promise.all(urls.map(async (u) => (await fetch(`/api/v1${u}`)).json())), paths);
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') found.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(bodies);
  return [...found].filter((s) => CJK.test(s)).sort((a, b) => b.length - a.length);
}

describeInBrowser('administration', (e2e) => {
  it('lets an admin create a department with a head and a person in it, who then signs in', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.adminEmail);
    await page.getByRole('link', { name: '组织管理' }).click();
    await page.waitForURL('**/admin/users');
    await page.getByRole('heading', { name: '成员', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: '组织管理' }).getByRole('link', { name: '部门' }).click();
    await page.getByRole('heading', { name: '部门', level: 1 }).waitFor();
    await page.getByText('负责人：市场部李经理').waitFor();

    const suffix = String(Date.now()).slice(-6);
    const department = `法务部${suffix}`;
    await page.getByRole('button', { name: '新建部门' }).click();
    const dialog = page.getByRole('dialog');
    // An empty name is refused in place before anything is sent.
    await dialog.getByRole('button', { name: /创 ?建/ }).click();
    await dialog.getByText('请填写部门名称').waitFor();
    await dialog.getByLabel('部门名称').fill(department);
    // The person picker shows each person's departments beside the name.
    await choose(page, '负责人', '孙主管', /^行政部孙主管/);
    await dialog.getByRole('button', { name: /创 ?建/ }).click();
    await page.getByText('部门已创建').waitFor();
    const row = page.getByRole('listitem').filter({ hasText: department }).first();
    await row.getByText('负责人：行政部孙主管').waitFor();

    await page.getByRole('navigation', { name: '组织管理' }).getByRole('link', { name: '成员' }).click();
    await page.getByRole('button', { name: '添加成员' }).click();
    const email = `fawu.${suffix}@demo.liaison.local`;
    const name = `法务部吴律师${suffix}`;
    await dialog.getByLabel('姓名').fill(name);
    await dialog.getByLabel('邮箱').fill(email);
    // The password rule is shown, and a weak password is refused with it.
    await dialog.getByText('密码至少 10 位，且需同时包含字母和数字。').waitFor();
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByRole('button', { name: /创 ?建/ }).click();
    await formItem(page, '初始密码').getByText('密码太弱：需至少 10 位，且同时包含字母和数字').waitFor();
    await dialog.getByLabel('初始密码').fill('Fawu-Passw0rd');
    await choose(page, '所属部门', department.slice(0, 3), department);
    // Chosen: the department shows as a tag in the field; a click on the title closes the list.
    await dialog.locator('.ant-select-selection-item', { hasText: department }).waitFor();
    await dialog.getByText('添加成员', { exact: true }).click();
    await dropdown(page).waitFor({ state: 'hidden' });
    await dialog.getByRole('button', { name: /创 ?建/ }).click();
    await page.getByText(`已添加 ${name}`).waitFor();

    await page.getByLabel('按姓名或邮箱搜索').fill(name);
    await page.getByLabel('按姓名或邮箱搜索').press('Enter');
    await page.waitForURL(/q=/);
    const userRow = page.getByRole('row').filter({ hasText: name });
    await userRow.getByText(department).waitFor();
    await userRow.getByText('成员', { exact: true }).waitFor();

    const newcomer = await e2e.open();
    await signIn(newcomer.page, email, 'Fawu-Passw0rd');
    await newcomer.page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    await newcomer.page.getByRole('button', { name: `${name} 的账户菜单` }).waitFor();
    expect(await newcomer.page.getByRole('link', { name: '组织管理' }).count()).toBe(0);

    // Deactivated, the newcomer can no longer sign in.
    await userRow.getByRole('button', { name: /^停 ?用$/ }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /^停 ?用$/ }).click();
    await page.getByText(`已停用 ${name}`).waitFor();
    await page.getByRole('checkbox', { name: '显示已停用的成员' }).click();
    await page.waitForURL(/inactive=1/);
    await page.getByRole('row').filter({ hasText: name }).getByText('已停用').waitFor();
    const again = await e2e.open();
    await again.page.goto('/sign-in');
    await again.page.getByLabel(/邮箱/).fill(email);
    await again.page.getByLabel(/密码/).fill('Fawu-Passw0rd');
    await again.page.getByRole('button', { name: /^登 ?录$/ }).click();
    await again.page.getByText('邮箱或密码不正确。').waitFor();
  });

  it('shows a member no admin menu, and the not-allowed state on an admin page', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.designer.email);
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: '组织管理' }).count()).toBe(0);
    await page.goto('/admin/users');
    await page.getByText('没有权限访问此页面').waitFor();
    expect(await page.getByRole('button', { name: '添加成员' }).count()).toBe(0);
    await page.goto('/admin/settings');
    await page.getByText('没有权限访问此页面').waitFor();
    await page.getByRole('link', { name: /回到工作台/ }).click();
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  });

  it('saves a changed publish deadline, and shows a value the rules refuse next to its field', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.adminEmail, undefined, '/sign-in?next=/admin/settings');
    await page.getByRole('heading', { name: '组织设置', level: 1 }).waitFor();
    await page.getByText(/会议结束后 24 小时内发布纪要/).waitFor();
    const publish = page.getByLabel('纪要发布时限');
    await publish.fill('30');
    // The sentence of the rule follows the number.
    await page.getByText(/会议结束后 30 小时内发布纪要/).waitFor();
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('设置已保存').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '组织设置', level: 1 }).waitFor();
    expect(await page.getByLabel('纪要发布时限').inputValue()).toBe('30');

    // A reminder after the deadline passes the form's own checks; the server refuses it, in place.
    await page.getByLabel('纪要发布提醒').fill('40');
    await page.getByRole('button', { name: '保存设置' }).click();
    await formItem(page, '纪要发布提醒').getByText('提醒时间必须早于纪要发布期限').waitFor();
    // A number out of bounds is named before sending.
    await page.getByLabel('逾期升级天数').fill('0');
    await page.getByRole('button', { name: '保存设置' }).click();
    await formItem(page, '逾期升级天数').getByText('请填写 1 到 90 之间的整数').waitFor();

    // Back to the template's numbers for the other specs.
    await page.getByRole('button', { name: '撤销修改' }).click();
    await page.getByLabel('纪要发布时限').fill('24');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('设置已保存').waitFor();
    await page.getByText(/会议结束后 24 小时内发布纪要/).waitFor();
  });

  it('lets the head manage the collaboration’s group robots, naming a wrong address in place', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.marketHead.email, undefined, `/sign-in?next=/collaborations/${e2e.demo.collaborationId}?tab=channels`);
    await page.getByRole('tab', { name: '群机器人' }).waitFor();
    await page.getByText(/还没有群机器人/).waitFor();
    await page.getByRole('button', { name: '添加群机器人' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('新品发布会协作群');
    await dialog.getByLabel('Webhook 地址').fill('https://example.com/not-a-robot');
    await dialog.getByRole('button', { name: '添加群机器人' }).click();
    await formItem(page, 'Webhook 地址').getByText(/这不像是钉钉机器人的 Webhook 地址/).waitFor();
    await dialog.getByRole('button', { name: /取 ?消/ }).click();

    // A participant reads the record but has no robots tab.
    const designer = await e2e.open();
    await signIn(designer.page, e2e.demo.users.designer.email, undefined, `/sign-in?next=/collaborations/${e2e.demo.collaborationId}?tab=channels`);
    await designer.page.getByRole('heading', { name: '2024年Q3新品发布会筹备', level: 1 }).waitFor();
    expect(await designer.page.getByRole('tab', { name: '群机器人' }).count()).toBe(0);
  });

  it('speaks English on the admin and notification pages when the browser asks for it', async () => {
    const { page } = await e2e.open({ locale: 'en' });
    await signIn(page, e2e.demo.adminEmail);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const data = await dataStrings(page, ['/auth/me', '/departments', '/users?includeInactive=true&limit=200', '/admin/settings', '/notifications', '/collaborations?status=active&limit=100']);
    const pages: [string, string][] = [
      ['/admin/users', 'People'],
      ['/admin/departments', 'Departments'],
      ['/admin/settings', 'Organisation settings'],
      ['/admin/channels', 'Organisation channels'],
      ['/admin/deliveries', 'Deliveries'],
      ['/notifications', 'Notifications'],
      ['/account/notifications', 'Notification settings'],
    ];
    for (const [path, heading] of pages) {
      await page.goto(path);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      expect(await uiLines(page, data), `Chinese UI text on ${path}`).toEqual([]);
    }
    await page.goto('/admin/settings');
    await page.getByText(/The record is published within 24 hour\(s\)/).waitFor();
  });

  it('fits the admin and notification pages on a 375 px phone without sideways scrolling', async () => {
    const { page } = await e2e.open({ viewport: PHONE });
    await signIn(page, e2e.demo.adminEmail);
    const pages: [string, RegExp | string][] = [
      ['/admin/users', '成员'],
      ['/admin/departments', '部门'],
      ['/admin/settings', '组织设置'],
      ['/admin/channels', '组织渠道'],
      ['/admin/deliveries', '发送记录'],
      ['/notifications', '通知'],
      ['/account/notifications', '通知设置'],
    ];
    for (const [path, heading] of pages) {
      await page.goto(path);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const { scrollWidth } = await horizontalOverflow(page);
      expect(scrollWidth, `${path} is ${scrollWidth}px wide`).toBeLessThanOrEqual(PHONE.width);
    }
    expect(await page.locator('.ant-table').count(), 'cards, not a table, under 768 px').toBe(0);
    await page.goto('/admin/users');
    await page.getByRole('heading', { name: '成员', level: 1 }).waitFor();
    expect(await page.locator('.ant-table').count(), 'people as cards on a phone').toBe(0);
    await page.getByRole('button', { name: '添加成员' }).click();
    await page.getByRole('dialog').getByLabel('姓名').waitFor();
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
  });
});
