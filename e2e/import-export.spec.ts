import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describeInBrowser, signIn } from './fixtures.ts';

const DEMO_TOPIC = '2024年Q3新品发布会筹备';
const IMPORTED_TOPIC = '2024年Q4新品推介会筹备（导入）';
const UNKNOWN_PERSON = '外部设计师王五';
/** A 1×1 PNG: a real image, as a deliverable screenshot would be. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const workdir = mkdtempSync(path.join(tmpdir(), 'liaison-import-'));

/** Starts a download from a menu and answers the file name the browser saved it under. */
async function downloadFromMenu(page: Page, button: RegExp, item: RegExp): Promise<string> {
  await page.getByRole('button', { name: button }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
  expect(await download.failure()).toBeNull();
  return download.suggestedFilename();
}

/** The workbook the API exports, with every text run through `edit`. */
async function editedExport(page: Page, collaborationId: string, edit: (text: string) => string): Promise<Buffer> {
  const bytes = await page.evaluate(async (id) => {
    const response = await fetch(`/api/v1/collaborations/${id}/export?format=xlsx`);
    if (!response.ok) throw new Error(`export answered ${response.status}`);
    return Array.from(new Uint8Array(await response.arrayBuffer()));
  }, collaborationId);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') cell.value = edit(cell.value);
      }),
    ),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describeInBrowser('exports and import', (e2e) => {
  it('downloads the record, the minutes and the review with their names', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.marketHead.email);
    await page.goto(`/collaborations/${e2e.demo.collaborationId}`);
    await page.getByRole('heading', { name: DEMO_TOPIC, level: 1 }).waitFor();
    expect(await downloadFromMenu(page, /^导 ?出$/, /Excel/)).toBe(`2024-Q3-${DEMO_TOPIC}.xlsx`);
    await page.getByText(`已下载 2024-Q3-${DEMO_TOPIC}.xlsx`, { exact: false }).waitFor();
    expect(await downloadFromMenu(page, /^导 ?出$/, /Word/)).toMatch(/\.docx$/);

    await page.goto(`/meetings/${e2e.demo.meetingId}`);
    await page.getByRole('heading', { name: '新品发布会筹备启动会', level: 1 }).waitFor();
    expect(await downloadFromMenu(page, /导出纪要/, /PDF/)).toMatch(new RegExp(`^2024-Q3-${DEMO_TOPIC}.*\\.pdf$`));

    await page.goto('/review?quarter=2024Q3');
    await page.getByRole('heading', { name: '季度复盘', level: 1 }).waitFor();
    expect(await downloadFromMenu(page, /^导 ?出$/, /Excel/)).toMatch(/^2024Q3-跨部门协作季度复盘.*\.xlsx$/);
  });

  it('previews a workbook with an unknown person by cell, and imports the corrected one as a new record', async () => {
    // The market head is named on the sensitive budget topic: the workbook carries it, and the copy keeps it sensitive.
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.marketHead.email);
    // Renamed throughout, so the copy never shares a name with the demo record other specs look for.
    const renames: [string, string][] = [
      [DEMO_TOPIC, IMPORTED_TOPIC],
      ['发布会', '推介会'],
      ['研发部完成产品样品交付', '研发部完成推介会样品交付'],
      ['销售部提供核心客户邀请名单', '销售部提供推介会客户邀请名单'],
    ];
    const retitle = (text: string) => renames.reduce((t, [from, to]) => t.split(from).join(to), text);
    const bad = path.join(workdir, 'with-problem.xlsx');
    const good = path.join(workdir, 'corrected.xlsx');
    writeFileSync(bad, await editedExport(page, e2e.demo.collaborationId, (text) => retitle(text).split('设计部陈设计师').join(UNKNOWN_PERSON)));
    writeFileSync(good, await editedExport(page, e2e.demo.collaborationId, retitle));

    await page.getByRole('link', { name: '导入', exact: true }).click();
    await page.waitForURL('**/imports');
    await page.getByRole('heading', { name: '导入协作记录', level: 1 }).waitFor();
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByText(/^发现 \d+ 个问题，暂不能导入$/).waitFor();
    const problems = page.getByRole('table', { name: '问题列表' });
    const row = problems.getByRole('row').filter({ hasText: UNKNOWN_PERSON }).first();
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).innerText()).toMatch(/^[A-Z]{1,3}\d+$/);
    await page.getByText(IMPORTED_TOPIC).first().waitFor();
    expect(await page.getByRole('button', { name: /确认导入/ }).isDisabled()).toBe(true);

    await page.locator('input[type=file]').setInputFiles(good);
    await page.getByText('检查通过，可以导入').waitFor();
    await page.getByRole('table', { name: '行动项清单' }).getByText('设计部完成推介会主视觉初稿').waitFor();
    await page.getByRole('button', { name: /确认导入/ }).click();
    await page.waitForURL(/\/collaborations\/[0-9a-f-]{36}$/);
    expect(page.url()).not.toContain(e2e.demo.collaborationId);
    await page.getByRole('heading', { name: IMPORTED_TOPIC, level: 1 }).waitFor();
    await page.getByRole('tab', { name: /行动项/ }).click();
    await page.getByRole('tabpanel').getByText('设计部完成推介会主视觉初稿').waitFor();
  });

  it('takes a deliverable on the item page, refuses a file that is not what it claims, and deletes it', async () => {
    const { page } = await e2e.open();
    await signIn(page, e2e.demo.users.designer.email);
    await page.goto(`/action-items/${e2e.demo.actionItems.keyVisual}`);
    await page.getByRole('heading', { name: '设计部完成发布会主视觉初稿', level: 1 }).waitFor();
    const input = page.locator('input[type=file]');
    await input.setInputFiles({ name: '主视觉初稿.png', mimeType: 'image/png', buffer: PNG });
    const files = page.getByRole('list', { name: '交付成果文件' });
    await files.getByRole('button', { name: '主视觉初稿.png', exact: true }).waitFor();

    await input.setInputFiles({ name: '报价单.png', mimeType: 'image/png', buffer: Buffer.from('MZ this is not a picture') });
    await page.getByText(/“报价单\.png”上传失败/).waitFor();
    expect(await files.getByRole('button', { name: '报价单.png', exact: true }).count()).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), files.getByRole('button', { name: '主视觉初稿.png', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('主视觉初稿.png');

    await page.getByRole('button', { name: '删除 主视觉初稿.png' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /删 ?除/ }).click();
    await page.getByText('已删除').waitFor();
    await page.getByText(/^还没有交付成果文件。完成后/).waitFor();
    expect(await page.getByRole('list', { name: '交付成果文件' }).count()).toBe(0);
  });
});
