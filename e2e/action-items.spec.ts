import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { describeInBrowser, horizontalOverflow, signIn } from './fixtures.ts';
import { PHONE } from './browser.ts';
import { chineseUiLines } from './english-text.ts';
import { addDays, localDate } from '../src/domain/calendar-date.ts';
import { suggestDate } from '../src/domain/chinese-date.ts';

const TZ = 'Asia/Shanghai';

/** How the UI shows a date with its weekday in Chinese ("2025年11月28日周五"). */
const withWeekday = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
};
/** How the UI shows a plain date: "11月28日", with the year when it is not this year. */
const shortDate = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const thisYear = Number(localDate(new Date(), TZ).slice(0, 4));
  return new Intl.DateTimeFormat('zh-CN', { month: 'long', day: 'numeric', ...(y !== thisYear ? { year: 'numeric' } : {}), timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
};

const visibleOptions = (page: Page) => page.locator('.ant-select-dropdown:visible .ant-select-item-option');

/** A board column (a <section> named by its status). */
const column = (page: Page, status: string): Locator => page.getByRole('region', { name: status, exact: true });

describeInBrowser('action items', (e2e) => {
  const description = `设计部输出发布会主视觉终稿 ${Date.now()}`;
  const nextFriday = suggestDate('下周五', new Date(), TZ)!.date;
  const movedTo = addDays(nextFriday, 3);
  let itemPath = '';

  it('creates an item with its four elements: 下周五 confirmed, 尽快 refused in place, only people as owners', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.marketHead.email);
    // A collaboration of this spec's own, so the demo's record (which other specs read) stays as seeded.
    const collaborationId = await page.evaluate(async (body) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const response = await fetch('/api/v1/collaborations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify(body),
      });
      return ((await response.json()) as { id: string }).id;
    }, {
      topic: `发布会主视觉终稿 ${Date.now()}`,
      goal: '发布会前两周定稿主视觉',
      scenario: 'problem_solving',
      initiatingDepartmentId: e2e.demo.departments['市场部'],
      participatingDepartmentIds: [e2e.demo.departments['设计部']],
    });
    await page.goto(`/collaborations/${collaborationId}?tab=actionItems`);
    await page.getByRole('button', { name: '新建行动项' }).click();
    const drawer = page.getByRole('dialog', { name: '新建行动项' });
    await drawer.waitFor();

    await drawer.getByRole('button', { name: '创建行动项' }).click();
    for (const error of ['请填写事项', '请选择一位负责人', '请确定截止日期', '请填写交付物']) await drawer.getByText(error, { exact: false }).first().waitFor();

    await drawer.getByLabel('事项').fill(description);

    // The owner picker offers people only: searching a department's name lists its people, not the department.
    const owner = drawer.getByRole('combobox', { name: '负责人' });
    await owner.click();
    await owner.fill('设计部');
    // Once the search has answered (the list shown while typing is the previous one), only the two designers remain.
    await expect.poll(async () => (await visibleOptions(page).allInnerTexts()).map((text) => text.trim()).sort(), { timeout: 10_000 }).toEqual([
      expect.stringMatching(/^设计部陈设计师/),
      expect.stringMatching(/^设计部黄主管/),
    ]);
    await visibleOptions(page).filter({ hasText: '设计部陈设计师' }).click();

    const dueText = drawer.getByRole('textbox', { name: '用文字写截止日期' });
    await dueText.fill('尽快');
    await drawer.getByText('“尽快”不是具体日期').waitFor();
    await dueText.fill('下周五');
    await drawer.getByText(`“下周五” 即 ${withWeekday(nextFriday)}`).waitFor();
    await drawer.getByRole('button', { name: '用这个日期' }).click();
    await drawer.getByText(`截止日期：${withWeekday(nextFriday)}`).waitFor();

    await drawer.getByLabel('交付物').fill('3版主视觉终稿（PSD + PNG）');
    await drawer.getByRole('button', { name: '创建行动项' }).click();
    await drawer.waitFor({ state: 'hidden' });

    await page.getByRole('link', { name: description }).click();
    await page.waitForURL(/\/action-items\/[0-9a-f-]{36}$/);
    itemPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: description, level: 1 }).waitFor();
    const elements = page.locator('.ant-descriptions');
    await elements.getByText('设计部陈设计师', { exact: true }).waitFor();
    await elements.getByText(shortDate(nextFriday), { exact: true }).waitFor();
    await elements.getByText('3版主视觉终稿（PSD + PNG）').waitFor();
  });

  it('lets the head drag the card on the board: an editor changes the status at once', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.marketHead.email);
    await page.goto(`/action-items?view=board&q=${encodeURIComponent(description)}`);
    const card = column(page, '待开始').getByRole('link', { name: description });
    await card.waitFor();
    await column(page, '待开始').locator('.ant-card', { has: page.getByRole('link', { name: description }) }).dragTo(column(page, '受阻'));
    await column(page, '受阻').getByRole('link', { name: description }).waitFor();
    expect(await column(page, '待开始').getByRole('link', { name: description }).count()).toBe(0);
  });

  it('has the designer post progress; moving the due date asks for the reason before sending', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.designer.email);
    await page.goto(itemPath);
    await page.getByRole('heading', { name: description, level: 1 }).waitFor();
    // The owner reports but does not judge: no accept, reopen or edit here.
    expect(await page.getByRole('button', { name: /验收通过|退回重做|编 ?辑/ }).count()).toBe(0);

    const form = page.locator('form', { has: page.getByRole('button', { name: '提交进展' }) });
    await form.getByRole('spinbutton', { name: '进度百分比' }).fill('50');
    await form.getByLabel('进展说明').fill('设计中-完成50%');
    await form.getByRole('combobox', { name: '状态' }).click();
    await visibleOptions(page).filter({ hasText: '进行中' }).click();
    const [, m, d] = movedTo.split('-').map(Number);
    await form.getByRole('textbox', { name: '用文字写截止日期' }).fill(`${m}月${d}日`);
    await form.getByRole('button', { name: '用这个日期' }).click();
    await form.getByText(`截止时间将从 ${shortDate(nextFriday)} 改为 ${shortDate(movedTo)}，需说明原因。`).waitFor();
    await form.getByText('修改截止时间必须说明原因，会记录在进展和历史中').waitFor();

    await form.getByRole('button', { name: '提交进展' }).click();
    await form.getByText('修改截止时间必须说明原因', { exact: true }).waitFor();

    await form.getByRole('combobox', { name: '原因类别' }).click();
    await visibleOptions(page).filter({ hasText: '需求变更' }).click();
    await form.getByLabel('原因说明').fill('客户需求调整，需重新出稿');
    await form.getByLabel('补救措施').fill('黄主管协调一名设计师支援');
    await form.getByRole('button', { name: '提交进展' }).click();
    await page.getByText('进展已更新').waitFor();

    const timeline = page.locator('.ant-timeline');
    await timeline.getByText('设计中-完成50%').waitFor();
    await timeline.getByText(`截止时间 ${shortDate(nextFriday)} → ${shortDate(movedTo)}`).waitFor();
    await timeline.getByText('需求变更', { exact: true }).waitFor();
    await timeline.getByText('客户需求调整，需重新出稿').waitFor();
    await timeline.getByText('黄主管协调一名设计师支援').waitFor();
    await page.locator('.ant-descriptions').getByText(`（原定 ${shortDate(nextFriday)}）`).waitFor();
  });

  it('shows the designer’s card in the right column and finishes it from the board with a 100 % update', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.designer.email);
    await page.goto('/action-items?view=board&ownerId=me');
    const inProgress = column(page, '进行中');
    await inProgress.getByRole('link', { name: description }).waitFor();
    // The demo's own item of the designer, 80 % done, is in progress too.
    // The template walkthrough may have made a twin of it for the designer: the demo's is the one by its id.
    await inProgress.locator(`a[href="/action-items/${e2e.demo.actionItems.keyVisual}"]`, { hasText: '设计部完成发布会主视觉初稿' }).waitFor();
    expect(await column(page, '待开始').getByRole('link', { name: description }).count()).toBe(0);

    await inProgress.getByRole('button', { name: `移动“${description}”` }).click();
    await page.getByRole('menuitem', { name: '已完成' }).click();
    const dialog = page.getByRole('dialog', { name: '更新进展：已完成' });
    await dialog.waitFor();
    expect(await dialog.getByRole('spinbutton', { name: '进度百分比' }).inputValue()).toBe('100');
    await dialog.getByLabel('进展说明').fill('已交付3版主视觉终稿');
    await dialog.getByRole('button', { name: '提交进展' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await column(page, '已完成').getByRole('link', { name: description }).waitFor();
  });

  it('has the head accept the finished item', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.marketHead.email);
    await page.goto(itemPath);
    await page.getByText('已完成，待发起方验收').waitFor();
    await page.getByRole('button', { name: /验收通过/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /验收通过/ }).click();
    await page.getByText(/^市场部李经理 于 .+ 验收$/).waitFor();
    expect(await page.getByRole('button', { name: /验收通过/ }).count()).toBe(0);
    await page.getByRole('button', { name: /退回重做/ }).waitFor();
  });

  it('refuses a stale edit, naming who changed the item, and saves after a reload', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.marketHead.email);
    await page.goto(itemPath);
    await page.getByRole('heading', { name: description, level: 1 }).waitFor();
    await page.getByRole('button', { name: /编 ?辑/ }).click();
    const dialog = page.getByRole('dialog', { name: '编辑行动项' });
    await dialog.getByLabel('交付物').fill('3版主视觉终稿（含动效版）');

    // Meanwhile the administrator edits the same item.
    const admin = await e2e.open();
    await signIn(admin.page, e2e.demo.adminEmail);
    const status = await admin.page.evaluate(async (path) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api/v1${path}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ deliverable: '3版主视觉终稿（管理员改）' }),
      });
      return response.status;
    }, itemPath);
    expect(status).toBe(200);
    // The change reaches the page behind the dialog live; the dialog must still save against the version it loaded.
    await page.locator('.ant-descriptions').getByText('3版主视觉终稿（管理员改）').waitFor();

    await dialog.getByRole('button', { name: /保 ?存/ }).click();
    await dialog.getByText('内容已被 系统管理员 修改，请重新加载后再保存。').waitFor();
    await dialog.getByRole('button', { name: /重新加载/ }).click();
    await expect.poll(() => dialog.getByLabel('交付物').inputValue()).toBe('3版主视觉终稿（管理员改）');
    await dialog.getByLabel('交付物').fill('3版主视觉终稿（含动效版）');
    await dialog.getByRole('button', { name: /保 ?存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.ant-descriptions').getByText('3版主视觉终稿（含动效版）').waitFor();
  });

  it('fits a 375 px phone: board and item page without sideways scrolling', async () => {
    const { page } = await e2e.open({ viewport: PHONE });
    await signIn(page, e2e.demo.users.designer.email);
    for (const path of ['/action-items?view=board', '/action-items', itemPath]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const { scrollWidth, clientWidth } = await horizontalOverflow(page);
      expect(scrollWidth, path).toBeLessThanOrEqual(clientWidth);
    }
    // On a phone the board shows one column at a time.
    await page.goto('/action-items?view=board');
    await page.getByText('已完成', { exact: true }).click();
    await page.getByRole('link', { name: description }).waitFor();
  });

  it('speaks English on the item page, the board and the create form when asked', async () => {
    const { page } = await e2e.open({ locale: 'en' });
    await signIn(page, e2e.demo.users.marketHead.email);
    const item = e2e.demo.actionItems.keyVisual;
    const data = ['/auth/me', `/action-items/${item}`, `/action-items/${item}/updates`, '/action-items?limit=200', `/collaborations/${e2e.demo.collaborationId}`];

    await page.goto(`/action-items/${item}`);
    await page.getByRole('heading', { name: '设计部完成发布会主视觉初稿', level: 1 }).waitFor();
    await page.locator('.ant-timeline').getByText('Due date Jul 15, 2024 → Jul 17, 2024').waitFor();
    await page.locator('.ant-timeline').getByText('Requirement change', { exact: false }).first().waitFor();
    expect(await chineseUiLines(page, data), 'item page').toEqual([]);

    await page.goto('/action-items?view=board');
    await page.getByRole('region', { name: 'In progress' }).getByRole('link').first().waitFor();
    expect(await chineseUiLines(page, data), 'board').toEqual([]);

    await page.goto(`/collaborations/${e2e.demo.collaborationId}?tab=actionItems`);
    await page.getByRole('button', { name: 'New action item' }).click();
    const drawer = page.getByRole('dialog', { name: 'New action item' });
    await drawer.getByRole('textbox', { name: 'Type the due date' }).fill('next friday');
    await drawer.getByText(/^“next friday” means /).waitFor();
    await drawer.getByRole('textbox', { name: 'Type the due date' }).fill('ASAP');
    await drawer.getByText('“ASAP” is not a date.', { exact: false }).waitFor();
    expect(await chineseUiLines(page, data), 'create form').toEqual([]);
  });
});
