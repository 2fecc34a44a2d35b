import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../src/server/db/client.ts';
import { collaborations, users } from '../../src/server/db/schema/index.ts';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import { PASSWORD } from '../factories.ts';
import { textOfFile } from './file-text.ts';
import { openLiveStream, type LiveStream } from './live-streams.ts';
import { createMarkerRegistry, type MarkerRegistry } from './markers.ts';
import {
  expectedOutcome,
  expectedWithoutCsrf,
  isDenied,
  matrix,
  rowId,
  statesOf,
  type MatrixRow,
  type Outcome,
  type State,
  type Target,
} from './permission-matrix.ts';
import { buildWorld, type Fixture, type Principal, type World } from './world.ts';

/** One finding: who, which route, in which state, and what happened. */
export type Finding = { actor: string; route: string; state: string; detail: string };

export type MatrixResult = {
  cases: number;
  /** Answers that allowed what the table denies, and marker strings reaching someone they do not name. */
  leaks: Finding[];
  /** Any other answer than the table's (a refusal of the wrong kind, a refusal of what is allowed, a 5xx). */
  mismatches: Finding[];
  /** Served routes without a row in the table, and unplanned rows whose route is not served. */
  tableProblems: string[];
  /** Planned rows (another helper's routes) not served yet. */
  skipped: string[];
  liveEvents: number;
  notificationsChecked: number;
  auditEventsChecked: number;
  /** Milliseconds spent per row (building its fresh fixtures included), for finding the slow ones. */
  rowMs: Map<string, number>;
  ms: number;
};

export type MatrixOptions = {
  app: FastifyInstance;
  /** The app listening (`app.listen`), for GET /events over real HTTP. */
  base: string;
  /** Walk about this many cases, spread over the whole table (a quick slice); every case when unset. */
  sample?: number;
  /** Only the rows whose id passes (for chasing one finding). */
  only?: (rowId: string) => boolean;
  log?: (line: string) => void;
};

type RequestSpec = { url: string; body?: unknown; file?: { name: string; type: string; data: Buffer } };

type CaseContext = {
  world: World;
  fixture: Fixture | null;
  id: string;
  principal: Principal;
  markers: MarkerRegistry;
  /** A new SECRET marker readable by `audience` and the caller. */
  secret(audience: string[], label: string): string;
};

const API = '/api/v1';

/** How each row asks: the URL (with the target id), the body or the file. The method is the row's. */
const requests: Record<string, (c: CaseContext) => RequestSpec | Promise<RequestSpec>> = {
  'POST /auth/login': (c) => ({
    url: '/auth/login',
    body: c.principal.user ? { email: c.principal.user.email, password: PASSWORD } : { email: `nobody-${randomUUID()}@example.test`, password: 'wrong-password-1' },
  }),
  'POST /auth/logout': () => ({ url: '/auth/logout' }),
  'GET /auth/me': () => ({ url: '/auth/me' }),
  'POST /me/password': () => ({ url: '/me/password', body: { currentPassword: PASSWORD, newPassword: 'Matrix-new-password-2024' } }),
  'GET /me/preferences': () => ({ url: '/me/preferences' }),
  'PUT /me/preferences': () => ({ url: '/me/preferences', body: { dailyDigest: false } }),
  'POST /me/tokens': () => ({ url: '/me/tokens', body: { name: 'matrix' } }),
  'GET /me/tokens': () => ({ url: '/me/tokens' }),
  'DELETE /me/tokens/:id [own]': (c) => ({ url: `/me/tokens/${c.id}` }),
  "DELETE /me/tokens/:id [another user's]": (c) => ({ url: `/me/tokens/${c.id}` }),
  'GET /departments': () => ({ url: '/departments' }),
  'POST /admin/departments': () => ({ url: '/admin/departments', body: { name: `临时部门 ${randomUUID().slice(0, 6)}` } }),
  'PATCH /admin/departments/:id': (c) => ({ url: `/admin/departments/${c.id}`, body: { name: '备用部门' } }),
  'GET /users': () => ({ url: '/users?limit=200' }),
  'POST /admin/users': () => ({
    url: '/admin/users',
    body: { name: '矩阵用户', email: `matrix-${randomUUID()}@example.test`, password: 'Matrix-password-2024', role: 'member', departmentIds: [] },
  }),
  'PATCH /admin/users/:id': (c) => ({ url: `/admin/users/${c.id}`, body: { phone: '13800000000' } }),
  'GET /admin/settings': () => ({ url: '/admin/settings' }),
  'PATCH /admin/settings': () => ({ url: '/admin/settings', body: { staleAfterDays: 3 } }),
  'POST /collaborations': (c) => ({
    url: '/collaborations',
    body: { topic: '矩阵新协作', goal: '验证权限', scenario: 'problem_solving', initiatingDepartmentId: c.world.departments.market, participatingDepartmentIds: [c.world.departments.rnd] },
  }),
  'GET /collaborations': () => ({ url: '/collaborations?limit=200' }),
  'GET /meetings': () => ({ url: '/meetings?limit=200&includeCancelled=true' }),
  'GET /action-items': () => ({ url: '/action-items?limit=200' }),
  'GET /search [q=MARKER]': () => ({ url: '/search?q=MARKER&limit=200' }),
  'GET /archive': () => ({ url: '/archive' }),
  'GET /review': () => ({ url: '/review?quarter=2024Q3' }),
  'GET /review [departmentId=研发部]': (c) => ({ url: `/review?quarter=2024Q3&departmentId=${c.world.departments.rnd}` }),
  'GET /notifications': () => ({ url: '/notifications?limit=200' }),
  'POST /notifications/:id/read [own]': (c) => ({ url: `/notifications/${c.id}/read` }),
  "POST /notifications/:id/read [another user's]": (c) => ({ url: `/notifications/${c.id}/read` }),
  'POST /notifications/read-all': () => ({ url: '/notifications/read-all' }),
  'GET /events': () => ({ url: '/events' }),
  'GET /admin/channels': () => ({ url: '/admin/channels' }),
  'POST /admin/channels': (c) => ({ url: '/admin/channels', body: { kind: 'webhook', name: '组织 Webhook', url: c.world.receiverUrl, secret: c.world.webhookSecret } }),
  'GET /admin/deliveries': () => ({ url: '/admin/deliveries?status=dead' }),
  'POST /admin/deliveries/:id/retry': (c) => ({ url: `/admin/deliveries/${c.id}/retry` }),

  'GET /collaborations/:id': (c) => ({ url: `/collaborations/${c.id}` }),
  'PATCH /collaborations/:id': (c) => ({ url: `/collaborations/${c.id}`, body: { health: 'at_risk', progressSummary: `延期风险 ${c.fixture!.collabMarker}` } }),
  'POST /collaborations/:id/remarks': (c) => ({ url: `/collaborations/${c.id}/remarks`, body: { text: `备注 ${c.fixture!.collabMarker}`, kind: 'risk' } }),
  'GET /collaborations/:id/history': (c) => ({ url: `/collaborations/${c.id}/history?limit=200` }),
  'POST /collaborations/:id/archive': (c) => ({ url: `/collaborations/${c.id}/archive` }),
  'POST /collaborations/:id/unarchive': (c) => ({ url: `/collaborations/${c.id}/unarchive` }),
  'GET /action-items [collaborationId]': (c) => ({ url: `/action-items?collaborationId=${c.id}&limit=200` }),
  'GET /meetings [collaborationId]': (c) => ({ url: `/meetings?collaborationId=${c.id}&includeCancelled=true&limit=200` }),
  "GET /search [q=C's marker]": (c) => ({ url: `/search?q=${c.fixture!.collabMarker}&limit=200` }),

  'POST /collaborations/:id/meetings': (c) => ({
    url: `/collaborations/${c.id}/meetings`,
    body: {
      title: `复盘会 ${c.fixture!.collabMarker}`,
      plannedStart: '2024-07-20T14:00:00+08:00',
      plannedEnd: '2024-07-20T15:00:00+08:00',
      mode: 'online',
      location: 'https://meeting.example.com/1',
      hostId: c.world.users.hs.id,
      recorderId: c.world.users.rc.id,
      attendeeIds: [c.world.users.at.id],
      agenda: [`议程 ${c.fixture!.collabMarker}`],
    },
  }),
  'GET /meetings/:id': (c) => ({ url: `/meetings/${c.id}` }),
  'GET /meetings/:id/invite.ics': (c) => ({ url: `/meetings/${c.id}/invite.ics` }),
  'PATCH /meetings/:id': (c) => ({ url: `/meetings/${c.id}`, body: { title: `启动会（改） ${c.fixture!.collabMarker}` } }),
  'POST /meetings/:id/agenda/send': (c) => ({ url: `/meetings/${c.id}/agenda/send` }),
  'POST /meetings/:id/held': (c) => ({ url: `/meetings/${c.id}/held`, body: { startedAt: '2024-07-05T14:00:00+08:00', endedAt: '2024-07-05T16:00:00+08:00' } }),
  'POST /meetings/:id/publish [complete record]': (c) => ({ url: `/meetings/${c.id}/publish` }),
  'POST /meetings/:id/publish [incomplete record]': (c) => ({ url: `/meetings/${c.id}/publish` }),
  'POST /meetings/:id/topics': (c) => ({
    url: `/meetings/${c.id}/topics`,
    body: {
      title: `补充议题 ${c.secret([c.world.users.pa.id], 'topic created through the API')}`,
      discussion: '讨论',
      sensitive: true,
      visibleToUserIds: [c.world.users.pa.id],
    },
  }),
  'PATCH /topics/:id': (c) => ({ url: `/topics/${c.id}`, body: { discussion: `补充讨论 ${c.fixture!.collabMarker}` } }),
  'PATCH /topics/:id [sensitive]': (c) => ({ url: `/topics/${c.id}`, body: { discussion: `成本补充 ${c.secret([c.world.users.hs.id, c.world.users.pa.id], 'sensitive topic edit')}` } }),
  'DELETE /topics/:id': (c) => ({ url: `/topics/${c.id}` }),
  'DELETE /topics/:id [sensitive]': (c) => ({ url: `/topics/${c.id}` }),

  'POST /collaborations/:id/action-items': (c) => {
    const words = c.secret([c.world.users.at.id, c.world.users.io.id], 'item created through the API');
    return {
      url: `/collaborations/${c.id}/action-items`,
      body: {
        description: `供应商议价 ${words}`,
        ownerId: c.world.users.io.id,
        dueDate: '2024-07-30',
        deliverable: `议价记录 ${words}`,
        meetingId: c.fixture!.meetingId,
        sensitive: true,
        visibleToUserIds: [c.world.users.at.id],
      },
    };
  },
  'GET /action-items/:id': (c) => ({ url: `/action-items/${c.id}` }),
  'GET /action-items/:id [sensitive]': (c) => ({ url: `/action-items/${c.id}` }),
  'PATCH /action-items/:id': (c) => ({ url: `/action-items/${c.id}`, body: { deliverable: `设计稿终版 ${c.fixture!.collabMarker}` } }),
  'PATCH /action-items/:id [sensitive]': (c) => ({ url: `/action-items/${c.id}`, body: { deliverable: `返点表终版 ${c.secret(namedOnItem(c), 'sensitive item edit')}` } }),
  'POST /action-items/:id/updates': (c) => ({ url: `/action-items/${c.id}/updates`, body: { progress: 50, statusText: `设计中 ${c.fixture!.collabMarker}` } }),
  'POST /action-items/:id/updates [sensitive]': (c) => {
    const words = c.secret(namedOnItem(c), 'sensitive item update');
    return { url: `/action-items/${c.id}/updates`, body: { progress: 60, statusText: `测算中 ${words}`, remedy: `加班 ${words}` } };
  },
  'GET /action-items/:id/updates': (c) => ({ url: `/action-items/${c.id}/updates?limit=200` }),
  'GET /action-items/:id/updates [sensitive]': (c) => ({ url: `/action-items/${c.id}/updates?limit=200` }),
  'POST /action-items/:id/accept': (c) => ({ url: `/action-items/${c.id}/accept` }),
  'POST /action-items/:id/accept [sensitive]': (c) => ({ url: `/action-items/${c.id}/accept` }),
  'POST /action-items/:id/reopen': (c) => ({ url: `/action-items/${c.id}/reopen`, body: { reason: `交付不全 ${c.fixture!.collabMarker}` } }),
  'POST /action-items/:id/reopen [sensitive]': (c) => ({ url: `/action-items/${c.id}/reopen`, body: { reason: `成本超标 ${c.secret(namedOnItem(c), 'sensitive item reopened')}` } }),

  'GET /collaborations/:id/channels': (c) => ({ url: `/collaborations/${c.id}/channels` }),
  'POST /collaborations/:id/channels': (c) => ({ url: `/collaborations/${c.id}/channels`, body: { kind: 'webhook', name: '项目群', url: c.world.receiverUrl, secret: c.world.webhookSecret } }),
  'GET /channels/:id': (c) => ({ url: `/channels/${c.id}` }),
  'PATCH /channels/:id': (c) => ({ url: `/channels/${c.id}`, body: { name: '项目群（改）' } }),
  'POST /channels/:id/test': (c) => ({ url: `/channels/${c.id}/test` }),
  'DELETE /channels/:id': (c) => ({ url: `/channels/${c.id}` }),
  'GET /channels/:id/deliveries': (c) => ({ url: `/channels/${c.id}/deliveries` }),

  'GET /collaborations/:id/export [format=xlsx]': (c) => ({ url: `/collaborations/${c.id}/export?format=xlsx` }),
  'GET /collaborations/:id/export [format=pdf]': (c) => ({ url: `/collaborations/${c.id}/export?format=pdf` }),
  'GET /collaborations/:id/export [format=docx]': (c) => ({ url: `/collaborations/${c.id}/export?format=docx` }),
  'GET /collaborations/:id/export [format=zip]': (c) => ({ url: `/collaborations/${c.id}/export?format=zip` }),
  'GET /meetings/:id/export [format=pdf]': (c) => ({ url: `/meetings/${c.id}/export?format=pdf` }),
  'GET /meetings/:id/export [format=docx]': (c) => ({ url: `/meetings/${c.id}/export?format=docx` }),
  'GET /review/export [format=xlsx]': () => ({ url: '/review/export?quarter=2024Q3&format=xlsx' }),
  'GET /review/export [format=pdf]': () => ({ url: '/review/export?quarter=2024Q3&format=pdf' }),
  'POST /imports [mode=preview]': async () => ({ url: '/imports?mode=preview', file: { name: '协作记录.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: await templateWorkbook() } }),
  'POST /action-items/:id/attachments': (c) => ({ url: `/action-items/${c.id}/attachments`, file: { name: '交付成果.png', type: 'image/png', data: TINY_PNG } }),
  'POST /action-items/:id/attachments [sensitive]': (c) => ({ url: `/action-items/${c.id}/attachments`, file: { name: '返点表截图.png', type: 'image/png', data: TINY_PNG } }),
  'GET /action-items/:id/attachments': (c) => ({ url: `/action-items/${c.id}/attachments` }),
  'GET /action-items/:id/attachments [sensitive]': (c) => ({ url: `/action-items/${c.id}/attachments` }),
  'GET /attachments/:id': (c) => ({ url: `/attachments/${c.id}` }),
  'GET /attachments/:id [sensitive]': (c) => ({ url: `/attachments/${c.id}` }),
  'DELETE /attachments/:id': (c) => ({ url: `/attachments/${c.id}` }),
  'DELETE /attachments/:id [sensitive]': (c) => ({ url: `/attachments/${c.id}` }),
};

const namedOnItem = (c: CaseContext) => [c.world.users.hd.id, c.world.users.io.id, c.world.users.at.id];

/** A 1×1 PNG: a deliverable screenshot as small as it gets. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');

let workbook: Buffer | undefined;
async function templateWorkbook(): Promise<Buffer> {
  if (workbook) return workbook;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('跨部门协作沟通记录表');
  sheet.addRow(['协作主题', '矩阵导入']);
  sheet.addRow(['核心目标', '验证权限']);
  workbook = Buffer.from(await book.xlsx.writeBuffer());
  return workbook;
}

/** The routes the app serves, as `METHOD /path` with `:id`, read from its OpenAPI document. */
export async function servedRoutes(app: FastifyInstance): Promise<Set<string>> {
  const response = await app.inject({ method: 'GET', url: `${API}/openapi.json` });
  const spec = response.json() as { paths: Record<string, Record<string, unknown>> };
  const routes = new Set<string>();
  for (const [path, operations] of Object.entries(spec.paths)) {
    for (const method of Object.keys(operations)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      routes.add(`${method.toUpperCase()} ${path.replace(API, '').replace(/\{(\w+)\}/g, ':$1')}`);
    }
  }
  return routes;
}

/** The table against the served routes: rows missing for served routes, and rows for routes that are not served. */
export function checkTableCoverage(served: Set<string>) {
  const rowsByRoute = new Set(matrix.map((r) => r.route));
  const problems: string[] = [];
  for (const route of served) if (!rowsByRoute.has(route)) problems.push(`served but not in the permission matrix: ${route}`);
  const skipped: string[] = [];
  for (const row of matrix) {
    if (served.has(row.route)) continue;
    if (row.planned) skipped.push(rowId(row));
    else problems.push(`in the permission matrix but not served: ${rowId(row)}`);
  }
  for (const row of matrix) if (!requests[rowId(row)]) problems.push(`no request for row ${rowId(row)}`);
  return { problems, skipped };
}

type Case = { row: MatrixRow; state: State; principal: Principal };

/**
 * Walks the permission matrix against the running app: builds the world, asks every cell (or a slice),
 * watches every actor's live stream meanwhile, then reads the outbox and the audit trail, and reports
 * every leak and every answer that differs from the table.
 */
export async function runMatrix(options: MatrixOptions): Promise<MatrixResult> {
  const started = Date.now();
  const { app } = options;
  const log = options.log ?? (() => {});
  const served = await servedRoutes(app);
  const coverage = checkTableCoverage(served);
  const markers = createMarkerRegistry();
  const world = await buildWorld(app, markers, { attachmentsServed: served.has('GET /attachments/:id') });
  const leaks: Finding[] = [];
  const mismatches: Finding[] = [];
  const knownCollaborations = new Map<string, State>([...Object.values(world.shared), ...Object.values(world.pristine)].map((f) => [f.collaborationId, f.state]));
  const completeness = { active: false, published: true, archived: true, orgwide: false } as const;
  const passwordHash = await hashPassword(PASSWORD);
  const sharedDeadDelivery = await world.freshDeadDelivery();

  const streams: { principal: Principal; stream: LiveStream }[] = [];
  for (const principal of world.principals) {
    if ((principal.via === 'session' || principal.via === 'token') && principal.key !== 'dx') {
      streams.push({ principal, stream: await openLiveStream(options.base, headersOf(principal)) });
    }
  }

  const rows = matrix.filter((row) => served.has(row.route) && requests[rowId(row)] && (options.only?.(rowId(row)) ?? true));
  // A file row (an export) is walked with each actor's session: rendering a PDF costs more than a second,
  // and a token reaches the route exactly as the session does — that is walked on every other row.
  const walks = (row: MatrixRow, principal: Principal) => !isSlow(row) || principal.via === 'session' || principal.via === 'none';
  let cases: Case[] = rows.flatMap((row) => statesOf(row).flatMap((state) => world.principals.filter((p) => walks(row, p)).map((principal) => ({ row, state, principal }))));
  if (options.sample !== undefined && options.sample < cases.length) cases = sampleCases(cases, options.sample);

  let done = 0;
  const rowMs = new Map<string, number>();
  for (const { row, state, principal } of cases) {
    const caseStarted = Date.now();
    const expected = principal.via === 'nocsrf' ? expectedWithoutCsrf(row, state) : expectedOutcome(row, state, principal.key, principal.via === 'token' ? 'token' : 'session');
    const finding = (detail: string): Finding => ({ actor: `${principal.label} (${principal.user?.name ?? 'nobody'})`, route: rowId(row), state, detail });
    const fresh = Boolean(row.consumes) && expected === 'OK';
    let fixture: Fixture | null = null;
    if (state !== 'org') {
      fixture = fresh ? await world.buildFixture(state) : isSlow(row) ? world.pristine[state] : world.shared[state];
      if (fresh) knownCollaborations.set(fixture.collaborationId, state);
      if (fresh && row.route === 'POST /collaborations/:id/archive') {
        await app.db.update(collaborations).set({ status: 'completed', completedAt: new Date() }).where(eq(collaborations.id, fixture.collaborationId));
      }
    }
    const id = await targetId(row.target, fixture, principal, world, expected === 'OK' ? undefined : sharedDeadDelivery);
    const context: CaseContext = {
      world,
      fixture,
      id,
      principal,
      markers,
      secret: (audience, label) => markers.plant('SECRET', [...audience, ...(principal.user ? [principal.user.id] : [])], label),
    };
    const spec = await requests[rowId(row)]!(context);
    const method = row.route.split(' ')[0] as InjectOptions['method'];
    const answer = row.route === 'GET /events' ? await liveAnswer(options.base, principal) : await ask(app, method, spec, principal);
    const actual = outcomeOf(answer.status, answer.code);
    if (actual === 'OK' && isDenied(expected)) leaks.push(finding(`allowed (${answer.status}) where the table says ${expected}`));
    else if (actual !== expected) mismatches.push(finding(`answered ${actual}${answer.code ? ` ${answer.code}` : ''} where the table says ${expected}`));
    for (const marker of markers.forbiddenIn(answer.text, principal.user?.id ?? 'nobody')) {
      leaks.push(finding(`response contains ${marker.kind} marker of ${marker.label}: …${around(answer.text, marker.text)}…`));
    }

    if (actual === 'OK' && ['POST /auth/login', 'POST /auth/logout', 'POST /me/password'].includes(row.route)) {
      if (row.route === 'POST /me/password' && principal.user) await app.db.update(users).set({ passwordHash }).where(eq(users.id, principal.user.id));
      await world.relogin(principal);
    }
    // A write the table denies went through: the shared fixture may no longer be what the other cells assume.
    if (actual === 'OK' && isDenied(expected) && fixture && !fresh && method !== 'GET') {
      world.shared[fixture.state] = await world.buildFixture(fixture.state, { complete: completeness[fixture.state] });
      knownCollaborations.set(world.shared[fixture.state].collaborationId, fixture.state);
    }
    rowMs.set(rowId(row), (rowMs.get(rowId(row)) ?? 0) + Date.now() - caseStarted);
    done += 1;
    if (done % 500 === 0) log(`matrix: ${done}/${cases.length} cases, ${leaks.length} leaks, ${mismatches.length} mismatches`);
  }

  // What each actor sees at the end: their bell, search, every shared collaboration's history, and its
  // workbook and Word export — now holding everything the walk added, sensitive entries named to others included.
  const exportsServed = served.has('GET /collaborations/:id/export');
  for (const principal of world.principals) {
    if (principal.via !== 'session' || principal.key === 'dx') continue;
    const urls = [
      '/notifications?limit=200',
      '/search?q=MARKER&limit=200',
      ...Object.values(world.shared).flatMap((f) => [
        `/collaborations/${f.collaborationId}/history?limit=200`,
        ...(exportsServed ? [`/collaborations/${f.collaborationId}/export?format=xlsx`, `/collaborations/${f.collaborationId}/export?format=docx`] : []),
      ]),
    ];
    for (const url of urls) {
      const answer = await ask(app, 'GET', { url }, principal);
      for (const marker of markers.forbiddenIn(answer.text, principal.user!.id)) {
        leaks.push({ actor: principal.label, route: `GET ${url.split('?')[0]}`, state: 'end of walk', detail: `contains ${marker.kind} marker of ${marker.label}` });
      }
    }
  }

  await new Promise((r) => setTimeout(r, 300));
  let liveEvents = 0;
  const readerCache = new Map<string, boolean>();
  const isReader = async (principal: Principal, collaborationId: string): Promise<boolean> => {
    const state = knownCollaborations.get(collaborationId);
    if (state && state !== 'org') return world.readers[state].has(principal.user!.id);
    const key = `${principal.user!.id}:${collaborationId}`;
    if (!readerCache.has(key)) {
      const session = world.principals.find((p) => p.user?.id === principal.user!.id && p.via === 'session')!;
      readerCache.set(key, (await ask(app, 'GET', { url: `/collaborations/${collaborationId}` }, session)).status === 200);
    }
    return readerCache.get(key)!;
  };
  for (const { principal, stream } of streams) {
    await stream.close();
    for (const marker of markers.forbiddenIn(stream.text(), principal.user!.id)) {
      leaks.push({ actor: principal.label, route: 'GET /events', state: 'live', detail: `stream carried ${marker.kind} marker of ${marker.label}` });
    }
    for (const event of stream.events()) {
      liveEvents += 1;
      const where = { actor: principal.label, route: 'GET /events', state: 'live' };
      if (event.collaborationId) {
        if (!(await isReader(principal, event.collaborationId))) leaks.push({ ...where, detail: `event ${event.entityType}/${event.action} of collaboration ${event.collaborationId} it may not read` });
        continue;
      }
      if ((event.entityType === 'user' || event.entityType === 'access_token') && event.entityId !== principal.user!.id) {
        leaks.push({ ...where, detail: `event about someone else's ${event.entityType} ${event.entityId}` });
      }
      const origin = await queryRows<{ org_id: string }>(app.db, sql`SELECT DISTINCT org_id FROM audit_events WHERE entity_id = ${event.entityId}::uuid`);
      if (origin.some((o) => o.org_id !== principal.user!.orgId)) leaks.push({ ...where, detail: `event ${event.entityType}/${event.action} of another organisation` });
    }
  }

  const notificationsChecked = await checkOutbox(app, world, markers, leaks);
  const auditEventsChecked = await checkAuditTrail(app, world, markers, knownCollaborations, leaks);
  await world.close();
  return {
    cases: cases.length,
    leaks,
    mismatches,
    tableProblems: coverage.problems,
    skipped: coverage.skipped,
    liveEvents,
    notificationsChecked,
    auditEventsChecked,
    rowMs,
    ms: Date.now() - started,
  };
}

/** Every outbox row: a person's row may carry only markers naming them; a chat group's row no sensitive marker at all. */
async function checkOutbox(app: FastifyInstance, world: World, markers: MarkerRegistry, leaks: Finding[]): Promise<number> {
  const rows = await queryRows<{ id: string; org_id: string; event: string; recipient_id: string | null; channel: string; payload: unknown }>(
    app.db,
    sql`SELECT id, org_id, event, recipient_id, channel, payload FROM notifications`,
  );
  for (const row of rows) {
    const text = JSON.stringify(row.payload);
    const where = { actor: row.recipient_id ?? `chat group (${row.channel})`, route: `notification ${row.event}`, state: 'outbox' };
    if (row.recipient_id) {
      for (const marker of markers.forbiddenIn(text, row.recipient_id)) leaks.push({ ...where, detail: `payload carries ${marker.kind} marker of ${marker.label}` });
      continue;
    }
    const orgUsers = row.org_id === world.orgA.id ? world.orgAUserIds : world.orgBUserIds;
    for (const marker of markers.find(text)) {
      if (marker.kind === 'SECRET' || ![...marker.audience].some((id) => orgUsers.has(id))) leaks.push({ ...where, detail: `group payload carries ${marker.kind} marker of ${marker.label}` });
    }
  }
  return rows.length;
}

/**
 * Every audit row holding a marker: the users who may read the row in the history (its `restrictedTo`,
 * else every reader of its collaboration) must all be named by the marker.
 */
async function checkAuditTrail(app: FastifyInstance, world: World, markers: MarkerRegistry, known: Map<string, State>, leaks: Finding[]): Promise<number> {
  const rows = await queryRows<{ id: string; entity_type: string; action: string; collaboration_id: string | null; before: unknown; after: unknown; restricted_to: string[] | null }>(
    app.db,
    sql`SELECT id, entity_type, action, collaboration_id, before, after, restricted_to FROM audit_events`,
  );
  for (const row of rows) {
    const found = markers.find(JSON.stringify([row.before, row.after]));
    if (!found.length) continue;
    const state = row.collaboration_id ? known.get(row.collaboration_id) : undefined;
    const readers = row.restricted_to ?? (state && state !== 'org' ? [...world.readers[state]] : null);
    for (const marker of found) {
      if (marker.kind === 'TENANT') continue;
      if (!readers) {
        if (marker.kind === 'SECRET') leaks.push({ actor: 'history readers', route: `audit ${row.entity_type}/${row.action}`, state: 'audit', detail: `unrestricted entry carries SECRET marker of ${marker.label}` });
        continue;
      }
      const outside = readers.filter((id) => !marker.audience.has(id));
      if (outside.length) leaks.push({ actor: outside.join(','), route: `audit ${row.entity_type}/${row.action}`, state: 'audit', detail: `entry readable by users the ${marker.kind} marker of ${marker.label} does not name` });
    }
  }
  return rows.length;
}

async function targetId(target: Target, fixture: Fixture | null, principal: Principal, world: World, sharedDead: string | undefined): Promise<string> {
  const f = () => {
    if (!fixture) throw new Error(`target ${target} needs a collaboration state`);
    return fixture;
  };
  switch (target) {
    case 'none':
      return '';
    case 'ownToken':
      return principal.user ? world.freshToken(principal.user.id) : randomUUID();
    case 'othersToken':
      return world.othersTokenId;
    case 'department':
      return world.departments.spare;
    case 'user':
      return world.users.spare.id;
    case 'ownNotification':
      return principal.user ? world.ownNotificationIds.get(principal.user.id)! : randomUUID();
    case 'othersNotification':
      return world.othersNotificationId;
    case 'deadDelivery':
      return sharedDead ?? (await world.freshDeadDelivery());
    case 'collaboration':
      return f().collaborationId;
    case 'meeting':
      return f().meetingId;
    case 'topic':
      return f().topicId;
    case 'secretTopic':
      return f().secretTopicId;
    case 'item':
      return f().itemId;
    case 'secretItem':
      return f().secretItemId;
    case 'doneItem':
      return f().doneItemId;
    case 'secretDoneItem':
      return f().secretDoneItemId;
    case 'channel':
      return f().channelId;
    case 'attachment':
      return f().attachmentId ?? randomUUID();
    case 'secretAttachment':
      return f().secretAttachmentId ?? randomUUID();
  }
}

export function headersOf(principal: Principal): Record<string, string> {
  switch (principal.via) {
    case 'session':
      return { cookie: principal.cookie!, 'x-csrf-token': principal.csrfToken! };
    case 'nocsrf':
      return { cookie: principal.cookie! };
    case 'token':
      return { authorization: `Bearer ${principal.token}` };
    case 'none':
      return {};
  }
}

type Answer = { status: number; code: string | undefined; text: string };

/** One request through `inject`, answered with its status, error code and readable text (files unpacked). */
export async function ask(app: FastifyInstance, method: InjectOptions['method'], spec: RequestSpec, principal: Principal): Promise<Answer> {
  const headers: Record<string, string> = { ...headersOf(principal) };
  let payload: string | Buffer | undefined;
  if (spec.file) {
    const boundary = `----matrix${randomUUID()}`;
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${spec.file.name}"\r\nContent-Type: ${spec.file.type}\r\n\r\n`),
      spec.file.data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
  } else if (spec.body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(spec.body);
  }
  const response = await app.inject({ method, url: `${API}${spec.url}`, headers, ...(payload !== undefined ? { payload } : {}) });
  const type = String(response.headers['content-type'] ?? '');
  const textual = type.includes('json') || type.startsWith('text/') || type === '';
  const text = textual ? response.body : await textOfFile(response.rawPayload);
  let code: string | undefined;
  if (response.statusCode >= 400 && type.includes('json')) {
    try {
      code = (JSON.parse(response.body) as { error?: { code?: string } }).error?.code;
    } catch {
      code = undefined;
    }
  }
  return { status: response.statusCode, code, text };
}

async function liveAnswer(base: string, principal: Principal): Promise<Answer> {
  const stream = await openLiveStream(base, headersOf(principal));
  const text = stream.text();
  await stream.close();
  let code: string | undefined;
  if (stream.status >= 400) code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  return { status: stream.status, code, text };
}

function outcomeOf(status: number, code: string | undefined): Outcome | string {
  if (status >= 200 && status < 300) return 'OK';
  if (status === 403) return code === 'CSRF_FAILED' ? 'CSRF' : '403';
  if (status === 409) return code === 'ARCHIVED' ? 'ARC' : '409';
  if ([400, 401, 404, 422].includes(status)) return String(status);
  return `HTTP ${status}`;
}

/** Rows whose allowed cells render a whole file (PDF with its CJK font, zip): in a slice, one cell each. */
const isSlow = (row: MatrixRow) => row.route.includes('/export');

/** About `count` cases spread over the table by a seeded shuffle, kept in table order. */
function sampleCases(all: Case[], count: number): Case[] {
  const slowRows = new Set(all.filter((c) => isSlow(c.row)).map((c) => rowId(c.row)));
  const cases = all.filter((c) => !isSlow(c.row));
  const picked = shuffled(all.filter((c) => isSlow(c.row)));
  const slow = [...slowRows].map((id) => picked.find((c) => rowId(c.row) === id)!);
  const order = new Map(all.map((c, i) => [c, i]));
  return [...slow, ...shuffled(cases).slice(0, Math.max(0, count - slow.length))].sort((x, y) => order.get(x)! - order.get(y)!);
}

/** A seeded shuffle, so a slice is the same on every run. */
function shuffled<T>(items: T[]): T[] {
  let seed = 0x5eed;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** The text around `needle` in `text`, for a report that shows where a marker turned up. */
function around(text: string, needle: string): string {
  const at = text.indexOf(needle);
  return JSON.stringify(text.slice(Math.max(0, at - 60), at + needle.length + 60));
}
