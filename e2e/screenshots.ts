/**
 * `npm run screenshots`: the pages of the web app at 1280 px and 375 px, in Chinese, on the demo data,
 * into docs/screenshots/ — to be looked at, not only taken. Builds the web app first when stale.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildWebIfStale } from '../scripts/build-web.ts';
import { DESKTOP, launchBrowser, openPage, PHONE, type Viewport } from './browser.ts';
import { signIn } from './fixtures-sign-in.ts';
import { E2E_PASSWORD, startE2eServer, type E2eServer } from './server.ts';
import { addDays, localDate } from '../src/domain/calendar-date.ts';

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

/**
 * Today's work for the pictures: the demo's story is from July 2024, so the market head assigns the
 * designer two fresh items (due this week and later) — which also rings the designer's bell.
 */
async function addFreshItems(server: E2eServer): Promise<void> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: server.demo.users.marketHead.email, password: E2E_PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const today = localDate(new Date(), 'Asia/Shanghai');
  const items = [
    { description: '设计部输出发布会物料清单', dueDate: addDays(today, 2), deliverable: '物料清单（含尺寸与数量）' },
    { description: '设计部完成邀请函设计', dueDate: addDays(today, 12), deliverable: '电子版与印刷版邀请函各1份' },
  ];
  for (const item of items) {
    const response = await fetch(`${server.url}/api/v1/collaborations/${server.demo.collaborationId}/action-items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ ...item, ownerId: server.demo.users.designer.id }),
    });
    if (response.status !== 201) throw new Error(`creating an item failed: ${response.status} ${await response.text()}`);
  }
}

/** Signs in through the API as a demo person: their cookie and CSRF token, for preparing data. */
async function apiSession(server: E2eServer, email: string) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: E2E_PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: method === 'GET' ? null : JSON.stringify(body ?? {}),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

/**
 * Minutes being written, for the editor's pictures: a follow-up meeting scheduled by the head for three
 * days ahead with its agenda sent, held early, and half minuted by the recorder — one topic complete
 * with its action item, one still owing its discussion and some departments' feedback.
 */
async function addDraftMinutes(server: E2eServer): Promise<string> {
  const head = await apiSession(server, server.demo.users.marketHead.email);
  const recorder = await apiSession(server, server.demo.users.recorder.email);
  const day = addDays(localDate(new Date(), 'Asia/Shanghai'), 3);
  const { users, departments } = server.demo;
  const meeting = await head<{ id: string }>('POST', `/collaborations/${server.demo.collaborationId}/meetings`, {
    title: '发布会物料与预算复核会',
    plannedStart: `${day}T14:00:00+08:00`,
    plannedEnd: `${day}T15:30:00+08:00`,
    mode: 'online',
    location: 'https://meeting.example.com/j/8812345',
    hostId: users.marketHead.id,
    recorderId: users.recorder.id,
    attendeeIds: [users.engineer.id, users.seller.id, users.designLead.id, users.support.id, users.designer.id],
    agenda: ['物料清单确认', '预算执行情况'],
  });
  await head('POST', `/meetings/${meeting.id}/agenda/send`);
  await recorder('POST', `/meetings/${meeting.id}/held`);
  const first = await recorder<{ id: string }>('POST', `/meetings/${meeting.id}/topics`, {
    title: '物料清单确认',
    discussion: '设计部提出物料共18项，销售部希望增加渠户伴手礼；客服部关注现场咨询台物料。',
    feedback: [
      { departmentId: departments['研发部'], stance: 'agree', text: '样机展示架由研发部提供尺寸' },
      { departmentId: departments['销售部'], stance: 'conditional', text: '伴手礼预算需另行审批' },
      { departmentId: departments['设计部'], stance: 'agree', text: '7月20日前输出全部物料设计' },
      { departmentId: departments['客服部'], noFeedback: true },
    ],
    consensus: '物料清单定为19项（含伴手礼），伴手礼预算单列',
  });
  await recorder('POST', `/meetings/${meeting.id}/topics`, {
    title: '预算执行情况',
    discussion: '',
    feedback: [{ departmentId: departments['销售部'], stance: 'disagree', text: '渠户邀请预算偏紧' }],
  });
  await recorder('POST', `/collaborations/${server.demo.collaborationId}/action-items`, {
    description: '设计部输出19项物料的设计稿',
    ownerId: users.designer.id,
    dueDate: addDays(localDate(new Date(), 'Asia/Shanghai'), 10),
    deliverable: '物料设计稿（含印刷尺寸）',
    meetingId: meeting.id,
    sourceTopicId: first.id,
  });
  return meeting.id;
}

/** A finished collaboration of the quarter before, ended and archived by its owner: the archive's pictures. */
async function addArchivedRecord(server: E2eServer): Promise<string> {
  const head = await apiSession(server, server.demo.users.marketHead.email);
  const { departments } = server.demo;
  const record = await head<{ id: string; version: number }>('POST', '/collaborations', {
    topic: '2024年Q2渠道大会复盘',
    goal: '总结渠道大会的得失，形成下季度改进清单',
    scenario: 'problem_solving',
    initiatingDepartmentId: departments['市场部'],
    participatingDepartmentIds: [departments['销售部'], departments['客服部']],
    periodYear: 2024,
    periodQuarter: 2,
  });
  await head('PATCH', `/collaborations/${record.id}`, { status: 'completed', version: record.version });
  await head('POST', `/collaborations/${record.id}/archive`);
  return record.id;
}

await buildWebIfStale();
mkdirSync(outDir, { recursive: true });
const server = await startE2eServer();
await addFreshItems(server);
const draftMeetingId = await addDraftMinutes(server);
const archivedId = await addArchivedRecord(server);
const browser = await launchBrowser();
try {
  for (const [suffix, viewport] of [['1280', DESKTOP], ['375', PHONE]] as [string, Viewport][]) {
    const { page, context, problems } = await openPage(browser, server.url, { viewport });
    const shot = async (name: string) => {
      await page.waitForLoadState('networkidle');
      // Let tab and drawer animations settle: a picture mid-transition shows the wrong tab marked.
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${outDir}${name}-${suffix}.png`, fullPage: true });
    };
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await shot('sign-in');
    await signIn(page, server.demo.users.designer.email);
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    await shot('dashboard');
    await page.goto(`/collaborations/${server.demo.collaborationId}`);
    await page.getByRole('heading', { name: '2024年Q3新品发布会筹备', level: 1 }).waitFor();
    await shot('collaboration');
    await page.getByRole('tab', { name: /行动项/ }).click();
    await shot('collaboration-action-items');
    await page.getByRole('tab', { name: '历史记录' }).click();
    await page.getByText(/创建了协作/).waitFor();
    await shot('collaboration-history');
    await page.goto(`/meetings/${server.demo.meetingId}`);
    await page.getByRole('heading', { name: '新品发布会筹备启动会', level: 1 }).waitFor();
    await shot('meeting');
    await page.goto('/collaborations');
    await page.getByRole('link', { name: '2024年Q3新品发布会筹备' }).first().waitFor();
    await shot('collaborations');
    await page.goto(`/action-items/${server.demo.actionItems.keyVisual}`);
    await page.getByRole('heading', { name: '设计部完成发布会主视觉初稿', level: 1 }).waitFor();
    await page.locator('.ant-timeline').waitFor();
    await shot('action-item');
    await page.goto('/action-items?view=board');
    await page.getByRole('region').getByRole('link').first().waitFor();
    await shot('action-items-board');
    await page.goto('/account');
    await page.getByRole('heading', { name: '我的账户', level: 1 }).waitFor();
    await shot('account');
    await page.goto('/notifications');
    await page.getByRole('heading', { name: '通知', level: 1 }).waitFor();
    await page.getByRole('listitem').first().waitFor();
    await shot('notifications');
    await page.goto('/account/notifications');
    await page.getByRole('heading', { name: '通知设置', level: 1 }).waitFor();
    await shot('notification-preferences');
    // The live minutes editor as the recorder keeps it, and the scheduling form as the head sees it.
    await context.clearCookies();
    await signIn(page, server.demo.users.recorder.email, E2E_PASSWORD, `/sign-in?next=/meetings/${draftMeetingId}`);
    await page.getByRole('heading', { name: '发布会物料与预算复核会', level: 1 }).waitFor();
    await page.getByRole('region', { name: '议题 2', exact: true }).waitFor();
    await shot('minutes-editor');
    await context.clearCookies();
    await signIn(page, server.demo.users.marketHead.email, E2E_PASSWORD, `/sign-in?next=/collaborations/${server.demo.collaborationId}/meetings/new`);
    await page.getByRole('heading', { name: '安排沟通会议', level: 1 }).waitFor();
    await shot('meeting-schedule');
    // The administration, as the demo's admin.
    await context.clearCookies();
    await signIn(page, server.demo.adminEmail, E2E_PASSWORD, '/sign-in?next=/admin/users');
    await page.getByRole('heading', { name: '成员', level: 1 }).waitFor();
    await page.getByText('设计部陈设计师').first().waitFor();
    await shot('admin-users');
    await page.goto('/admin/departments');
    await page.getByText('负责人：市场部李经理').waitFor();
    await shot('admin-departments');
    await page.goto('/admin/settings');
    await page.getByRole('heading', { name: '组织设置', level: 1 }).waitFor();
    await page.getByLabel('纪要发布时限').waitFor();
    await shot('admin-settings');
    // Search, the archive and the quarterly review, as the PMO who reviews every quarter.
    await context.clearCookies();
    await signIn(page, server.demo.users.pmo.email, E2E_PASSWORD, `/sign-in?next=${encodeURIComponent('/review?quarter=2024Q3')}`);
    await page.getByRole('heading', { name: '季度复盘', level: 1 }).waitFor();
    await page.getByRole('img', { name: '各部门按时完成率' }).locator('svg').waitFor();
    await shot('review');
    await page.goto('/search?q=需求');
    await page.getByRole('list', { name: '搜索结果' }).waitFor();
    await shot('search');
    await page.goto('/archive');
    await page.getByRole('link', { name: '2024-Q2-2024年Q2渠道大会复盘' }).waitFor();
    await shot('archive');
    await page.goto(`/collaborations/${archivedId}`);
    await page.getByText(/^已归档：/).waitFor();
    await shot('archived-record');
    await page.goto('/imports');
    await page.getByRole('heading', { name: '导入协作记录', level: 1 }).waitFor();
    await shot('import');
    await context.close();
    if (problems.messages.length) console.error(problems.messages.join('\n'));
  }
  console.log(`Screenshots in ${outDir}`);
} finally {
  await browser.close();
  await server.close();
}
