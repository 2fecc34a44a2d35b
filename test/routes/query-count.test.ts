import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, closeTestApp, loginAs, type Session, type TestContext } from '../app.ts';
import { buildTemplateCast, setHead } from '../factories.ts';
import { onQuery } from '../../src/server/db/client.ts';

/**
 * Keeps N+1 queries out: each route sends the same number of statements whether the collaboration holds a
 * little or three times as much (meetings, topics, feedback, action items, updates, remarks, history), and
 * no more than its budget. The budgets are today's counts; raise one only with a reason.
 */

const NOW = '2024-07-08T10:00:00+08:00';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let head: Session;
let recorder: Session;
let engineer: Session;
let pmo: Session;
let firstMeetingId: string;
let engineerItemId: string;

async function addRecords(times: number) {
  const { rnd, sales, design, service } = cast.departments;
  for (let n = 0; n < times; n++) {
    const meeting = await head.post(`/collaborations/${cast.collaboration.id}/meetings`, {
      plannedStart: '2024-07-10T14:00:00+08:00',
      plannedEnd: '2024-07-10T15:30:00+08:00',
      mode: 'offline',
      location: '3楼会议室A',
      hostId: cast.people.head.id,
      recorderId: cast.people.recorder.id,
      attendeeIds: [cast.people.engineer.id, cast.people.seller.id, cast.people.designer.id],
      agenda: ['确认发布会时间', '物料分工'],
    });
    expect(meeting.status).toBe(201);
    firstMeetingId ??= meeting.body.id;
    for (const title of ['发布会时间', '预算分配']) {
      const topic = await recorder.post(`/meetings/${meeting.body.id}/topics`, {
        title,
        discussion: '研发部建议邀请行业KOL，销售部建议优先合作渠户',
        feedback: [rnd, sales, design, service].map((d) => ({ departmentId: d.id, text: '同意' })),
        consensus: '邀请2位KOL+3家核心渠户',
        problemTags: ['需求传递不清晰'],
      });
      expect(topic.status).toBe(201);
    }
    for (const owner of [cast.people.engineer, cast.people.seller, cast.people.designer]) {
      const item = await recorder.post(`/collaborations/${cast.collaboration.id}/action-items`, {
        description: '完成发布会主视觉设计',
        ownerId: owner.id,
        dueDate: '2024-07-15',
        deliverable: '3版主视觉设计稿',
        meetingId: meeting.body.id,
      });
      expect(item.status).toBe(201);
      if (owner.id === cast.people.engineer.id) engineerItemId ??= item.body.id;
    }
    const mine = await engineer.get('/action-items?ownerId=me&status=open&limit=200');
    for (const item of mine.body.items) expect((await engineer.post(`/action-items/${item.id}/updates`, { progress: 20 + n, statusText: `设计中-完成${20 + n}%` })).status).toBe(201);
    expect((await head.post(`/collaborations/${cast.collaboration.id}/remarks`, { text: '客户名单需销售部确认优先级' })).status).toBe(201);
  }
}

/**
 * The statements one call sends, after a first call has warmed whatever the app caches. Transaction control
 * (begin, commit) is left out: the PostgreSQL driver sends it as statements, PGlite's does not. So is the
 * session lookup, which the actor cache answers except when its entry has just reached its TTL (that it
 * costs nothing when cached is tested in session-cache.test.ts).
 */
async function queriesOf(call: () => Promise<{ status: number }>, expectStatus = 200): Promise<number> {
  expect((await call()).status).toBe(expectStatus);
  let count = 0;
  const stop = onQuery((query) => {
    if (!/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(query) && !/FROM sessions s JOIN users u/.test(query)) count += 1;
  });
  try {
    expect((await call()).status).toBe(expectStatus);
  } finally {
    stop();
  }
  return count;
}

beforeAll(async () => {
  ctx = await buildTestApp(NOW);
  cast = await buildTemplateCast(ctx.database.db);
  await setHead(ctx.database.db, cast.departments.rnd.id, cast.people.engineer.id);
  head = await loginAs(ctx.app, cast.people.head);
  recorder = await loginAs(ctx.app, cast.people.recorder);
  engineer = await loginAs(ctx.app, cast.people.engineer);
  pmo = await loginAs(ctx.app, cast.people.pmo);
  await addRecords(1);
});
afterAll(() => closeTestApp(ctx));

type Case = { name: string; budget: number; call: () => Promise<{ status: number }>; status?: number };

const cases = (): Case[] => [
  { name: 'GET /auth/me', budget: 0, call: () => engineer.get('/auth/me') },
  { name: 'GET /collaborations/:id', budget: 2, call: () => engineer.get(`/collaborations/${cast.collaboration.id}`) },
  { name: 'GET /collaborations (filtered)', budget: 1, call: () => engineer.get(`/collaborations?status=active&departmentId=${cast.departments.rnd.id}`) },
  { name: 'GET /collaborations/:id/history', budget: 2, call: () => engineer.get(`/collaborations/${cast.collaboration.id}/history`) },
  { name: 'GET /meetings/:id', budget: 3, call: () => engineer.get(`/meetings/${firstMeetingId}`) },
  { name: 'GET /meetings?role=recorder&pending=minutes', budget: 1, call: () => recorder.get('/meetings?role=recorder&pending=minutes&limit=50') },
  { name: 'GET /action-items?ownerId=me', budget: 1, call: () => engineer.get('/action-items?ownerId=me&status=open&limit=200') },
  { name: 'GET /action-items/:id/updates', budget: 2, call: () => engineer.get(`/action-items/${engineerItemId}/updates`) },
  { name: 'GET /notifications', budget: 2, call: () => engineer.get('/notifications?limit=20') },
  { name: 'GET /search', budget: 3, call: () => engineer.get(`/search?q=${encodeURIComponent('发布会')}`) },
  { name: 'GET /review (department head)', budget: 7, call: () => engineer.get(`/review?quarter=2024Q3&departmentId=${cast.departments.rnd.id}`) },
  { name: 'GET /review (pmo)', budget: 7, call: () => pmo.get('/review?quarter=2024Q3') },
  { name: 'POST /action-items/:id/updates', budget: 6, call: () => engineer.post(`/action-items/${engineerItemId}/updates`, { progress: 50, statusText: '设计中-完成50%' }), status: 201 },
];

describe('queries per route', () => {
  it('do not grow with the records and stay within budget', async () => {
    const small = new Map<string, number>();
    for (const c of cases()) small.set(c.name, await queriesOf(c.call, c.status));
    await addRecords(2);
    for (const c of cases()) {
      const large = await queriesOf(c.call, c.status);
      expect({ route: c.name, queries: large }).toEqual({ route: c.name, queries: small.get(c.name) });
      expect(large, c.name).toBeLessThanOrEqual(c.budget);
    }
  });
});
