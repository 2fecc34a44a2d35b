import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { firstStartMessage, migrateDatabase, runFirstStart, type FirstStartResult } from '../src/server/bootstrap/first-start.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { organizations, users } from '../src/server/db/schema/index.ts';
import { seedDemo, type SeededDemo } from '../src/server/demo/seed-demo.ts';
import { buildTestApp, closeTestApp, loginAs, type Session, type TestContext } from './app.ts';
import { backendName, openTestDatabase } from './database.ts';

const password = 'demo-pass-2024';
let ctx: TestContext;
let demo: SeededDemo;
const as: Record<'head' | 'recorder' | 'engineer' | 'seller' | 'outsider' | 'pmo' | 'admin', Session> = {} as never;

beforeAll(async () => {
  ctx = await buildTestApp('2024-07-16T10:00:00+08:00');
  // A domain of its own: PostgreSQL test files share one database, and emails are unique across organisations.
  demo = await seedDemo(ctx.database.db, { now: ctx.clock.now(), password, emailDomain: `demo-${randomUUID().slice(0, 8)}.test` });
  const u = demo.users;
  const people = { head: u.marketHead, recorder: u.recorder, engineer: u.engineer, seller: u.seller, outsider: u.adminHead, pmo: u.pmo, admin: u.admin } as const;
  for (const [key, user] of Object.entries(people)) as[key as keyof typeof as] = await loginAs(ctx.app, user, password);
});
afterAll(() => closeTestApp(ctx));

describe('seedDemo', () => {
  it('seeds the template collaboration, visible to its departments and pmo but not to others', async () => {
    const response = await as.head.get(`/collaborations/${demo.collaborationId}`);
    expect(response.status).toBe(200);
    const c = response.body;
    expect(c).toMatchObject({
      topic: '2024年Q3新品发布会筹备',
      goal: '覆盖10万+目标用户，转化率5%',
      scenario: 'major_project',
      status: 'active',
      health: 'on_track',
      progressSummary: '按计划推进，无重大风险',
      initiatingDepartment: { name: '市场部' },
      period: { year: 2024, quarter: 3 },
    });
    expect(c.participatingDepartments.map((d: { name: string }) => d.name).sort()).toEqual(['客服部', '研发部', '设计部', '销售部'].sort());
    expect(c.remarks.map((r: { text: string }) => r.text)).toContain('客户名单需销售部确认优先级，7月13日前同步市场部');
    expect(c.meetings).toHaveLength(1);
    expect(c.meetings[0]).toMatchObject({ plannedStart: '2024-07-10T14:00:00+08:00', plannedEnd: '2024-07-10T16:00:00+08:00', mode: 'offline', location: '3楼会议室', minutesStatus: 'published', publishedLate: false });
    const keyVisual = c.actionItems.find((i: { id: string }) => i.id === demo.actionItems.keyVisual);
    expect(keyVisual).toMatchObject({ description: '设计部完成发布会主视觉初稿', deliverable: '3版主视觉设计稿', dueDate: '2024-07-17', progress: 80, owner: { name: '设计部陈设计师' } });
    expect(c.actionItems).toHaveLength(3);

    expect((await as.pmo.get(`/collaborations/${demo.collaborationId}`)).status).toBe(200);
    expect((await as.outsider.get(`/collaborations/${demo.collaborationId}`)).status).toBe(404);
  });

  it('publishes a complete record: agenda on time, feedback from every participating department, action items', async () => {
    const response = await as.recorder.get(`/meetings/${demo.meetingId}`);
    expect(response.status).toBe(200);
    const m = response.body;
    expect(m).toMatchObject({ minutesStatus: 'published', publishedLate: false, agendaSentLate: false, host: { name: '市场部李经理' }, recorder: { name: '市场部王助理' }, missingParts: [] });
    expect(m.agenda).toEqual(['新品发布会时间与流程', '发布会预算分配', '跨部门分工与协作接口', '新品发布会嘉宾邀请']);
    const guests = m.topics.find((t: { id: string }) => t.id === demo.topics.guests);
    expect(guests).toMatchObject({ discussion: '研发部建议邀请行业KOL，销售部建议优先合作渠户', consensus: '邀请2位KOL+3家核心渠户' });
    expect(guests.feedback).toHaveLength(4);
    expect(guests.feedback.find((f: { departmentName: string }) => f.departmentName === '设计部')).toMatchObject({ noFeedback: true });
    expect(m.actionItems).toHaveLength(3);
  });

  it('hides the budget topic (cost data) from a participant it does not name, in the minutes and the history', async () => {
    const forEngineer = await as.engineer.get(`/meetings/${demo.meetingId}`);
    expect(forEngineer.status).toBe(200);
    const hidden = forEngineer.body.topics.find((t: { id: string }) => t.id === demo.topics.budget);
    expect(hidden).toMatchObject({ id: demo.topics.budget, sensitive: true, restricted: true });
    expect(hidden).not.toHaveProperty('title');
    // The agenda sent to every department names the topic (as the template's does); the cost data stays hidden.
    expect(JSON.stringify(forEngineer.body)).not.toMatch(/50万|推广投放/);
    const history = await as.engineer.get(`/collaborations/${demo.collaborationId}/history?limit=200`);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).not.toMatch(/50万|推广投放/);
    expect(history.body.items.find((e: { entityId: string }) => e.entityId === demo.topics.budget)).toMatchObject({ restricted: true, before: null, after: null });

    for (const session of [as.seller, as.head]) {
      const named = await session.get(`/meetings/${demo.meetingId}`);
      expect(named.body.topics.find((t: { id: string }) => t.id === demo.topics.budget)).toMatchObject({ title: '发布会预算分配', restricted: false });
    }
  });

  it('records the key visual due-date move 7-15 → 7-17 with its reason in the history and the progress timeline', async () => {
    const history = await as.head.get(`/collaborations/${demo.collaborationId}/history?limit=200`);
    expect(history.status).toBe(200);
    const moved = history.body.items.find((e: { action: string; entityId: string }) => e.action === 'due_date_moved' && e.entityId === demo.actionItems.keyVisual);
    expect(moved).toMatchObject({
      at: '2024-07-14T17:30:00+08:00',
      actor: { name: '设计部陈设计师' },
      before: { dueDate: '2024-07-15' },
      after: { dueDate: '2024-07-17', reason: '因客户需求调整', delayCode: 'requirement_change' },
    });
    const actions = new Set(history.body.items.map((e: { action: string }) => e.action));
    for (const action of ['created', 'agenda_sent', 'held', 'published', 'progress_updated', 'accepted']) expect(actions).toContain(action);

    const updates = await as.head.get(`/action-items/${demo.actionItems.keyVisual}/updates`);
    expect(updates.status).toBe(200);
    expect(JSON.stringify(updates.body)).toContain('设计中-完成80%');
    expect(JSON.stringify(updates.body)).toContain('已协调陈设计师加班完成');
  });

  it('makes the admin an admin of the demo organisation', async () => {
    const me = await as.admin.get('/auth/me');
    expect(me.body.user).toMatchObject({ role: 'admin', orgId: demo.orgId });
  });
});

/** A database of its own with no organisation: a migrated PGlite copy, or a new, unmigrated database on the test PostgreSQL server. */
async function emptyDatabase(): Promise<{ open(): Promise<Database>; drop(): Promise<void> }> {
  if (backendName() === 'pglite') {
    const database = await openTestDatabase();
    return { open: async () => database, drop: () => database.close() };
  }
  const url = new URL(inject('databaseUrl')!);
  const name = `liaison_first_start_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: new URL('/postgres', url).toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const opened: Database[] = [];
  return {
    async open() {
      const database = await openDatabase({ url: new URL(`/${name}`, url).toString(), poolSize: 3 });
      opened.push(database);
      return database;
    },
    async drop() {
      await Promise.all(opened.map((d) => d.close()));
      await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    },
  };
}

describe('first start', () => {
  const now = new Date('2024-07-01T09:00:00+08:00');

  it('does nothing on a database that already has an organisation', async () => {
    const result = await runFirstStart(ctx.database, { demo: true }, now);
    expect(result).toEqual({ kind: 'existing' });
    expect(firstStartMessage(result, 'http://localhost:3000')).toBeNull();
  });

  it('seeds the demo once when two instances start together, and prints the generated password once', async () => {
    const empty = await emptyDatabase();
    try {
      const [a, b] = [await empty.open(), await empty.open()];
      await Promise.all([migrateDatabase(a), migrateDatabase(b)]);
      const results = await Promise.all([runFirstStart(a, { demo: true }, now), runFirstStart(b, { demo: true }, now)]);
      expect(results.map((r) => r.kind).sort()).toEqual(['demo', 'existing']);
      const [orgs] = await a.db.select({ n: count() }).from(organizations);
      expect(orgs!.n).toBe(1);

      const seeded = results.find((r) => r.kind === 'demo') as Extract<FirstStartResult, { kind: 'demo' }>;
      expect(seeded.adminEmail).toBe('admin@demo.liaison.local');
      const message = firstStartMessage(seeded, 'http://localhost:3111')!;
      expect(message).toContain('http://localhost:3111');
      expect(message).toContain('admin@demo.liaison.local');
      expect(message).toContain(seeded.adminPassword);

      const again = await runFirstStart(a, { demo: true }, now);
      expect(again).toEqual({ kind: 'existing' });
      expect(firstStartMessage(again, 'http://localhost:3111')).toBeNull();
    } finally {
      await empty.drop();
    }
  });

  it('creates the LIAISON_ADMIN_EMAIL admin in 我的公司 without the demo, never echoing the password', async () => {
    const empty = await emptyDatabase();
    try {
      const database = await empty.open();
      await migrateDatabase(database);
      const adminPassword = 'Operator-secret-42';
      const result = await runFirstStart(database, { adminEmail: 'ops@example.test', adminPassword, demo: false }, now);
      expect(result).toMatchObject({ kind: 'admin', orgName: '我的公司', adminEmail: 'ops@example.test' });
      expect(firstStartMessage(result, 'http://localhost:3000')).not.toContain(adminPassword);
      const rows = await database.db.select({ email: users.email, role: users.role }).from(users);
      expect(rows).toEqual([{ email: 'ops@example.test', role: 'admin' }]);
    } finally {
      await empty.drop();
    }
  });

  it('makes the operator the demo admin when both are asked for, printing only the demo people password', async () => {
    const empty = await emptyDatabase();
    try {
      const database = await empty.open();
      await migrateDatabase(database);
      const adminPassword = 'Operator-secret-42';
      const result = await runFirstStart(database, { adminEmail: 'ops@example.test', adminPassword, demo: true }, now);
      expect(result).toMatchObject({ kind: 'demo', adminEmail: 'ops@example.test', adminPassword: null });
      const message = firstStartMessage(result, 'http://localhost:3000')!;
      expect(message).not.toContain(adminPassword);
      expect(message).toContain((result as Extract<FirstStartResult, { kind: 'demo' }>).demoPassword);
    } finally {
      await empty.drop();
    }
  });

  it('refuses half or weak admin settings before touching the database', async () => {
    await expect(runFirstStart(ctx.database, { adminEmail: 'ops@example.test', demo: false }, now)).rejects.toThrow(/both/);
    await expect(runFirstStart(ctx.database, { adminEmail: 'ops@example.test', adminPassword: 'short', demo: false }, now)).rejects.toThrow(/too weak/);
  });
});
