import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, closeTestApp, loginAs, type Session, type TestContext } from '../app.ts';
import { buildOrganization, buildTemplateCast, buildUser } from '../factories.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let admin: Session, member: Session;

beforeAll(async () => {
  ctx = await buildTestApp();
  cast = await buildTemplateCast(ctx.database.db);
  admin = await loginAs(ctx.app, cast.people.orgAdmin);
  member = await loginAs(ctx.app, cast.people.engineer);
});
afterAll(() => closeTestApp(ctx));

describe('departments', () => {
  it('GET /departments answers the tree with heads to any member', async () => {
    const response = await member.get('/departments');
    expect(response.status).toBe(200);
    const market = response.body.items.find((d: { name: string }) => d.name === '市场部');
    expect(market).toMatchObject({ headId: cast.people.head.id, headName: '市场部李经理', children: [] });
    expect((await call(ctx.app, { method: 'GET', url: '/api/v1/departments' })).status).toBe(401);
  });

  it('admins create and move departments; cycles and unknown parents are refused', async () => {
    const parent = await admin.post('/admin/departments', { name: '产品中心' });
    expect(parent.status).toBe(201);
    const child = await admin.post('/admin/departments', { name: '产品一部', parentId: parent.body.id, headId: cast.people.engineer.id });
    expect(child.status).toBe(201);
    const tree = await member.get('/departments');
    const node = tree.body.items.find((d: { id: string }) => d.id === parent.body.id);
    expect(node.children.map((c: { name: string }) => c.name)).toEqual(['产品一部']);
    const cycle = await admin.patch(`/admin/departments/${parent.body.id}`, { parentId: child.body.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.fields[0].path).toBe('parentId');
    const unknown = await admin.post('/admin/departments', { name: 'x', parentId: '01900000-0000-7000-8000-000000000000' });
    expect(unknown.body.error.fields[0]).toMatchObject({ path: 'parentId' });
    expect((await admin.post('/admin/departments', { name: '' })).status).toBe(400);
    expect((await admin.patch('/admin/departments/01900000-0000-7000-8000-000000000000', { name: 'y' })).status).toBe(404);
  });

  it('members may not change departments', async () => {
    expect((await member.post('/admin/departments', { name: '影子部门' })).status).toBe(403);
    expect((await member.patch(`/admin/departments/${cast.departments.rnd.id}`, { name: '改名' })).status).toBe(403);
  });
});

describe('users', () => {
  it('GET /users finds people by Chinese substring for pickers, with departments', async () => {
    const response = await member.get(`/users?q=${encodeURIComponent('设计')}`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((u: { name: string }) => u.name)).toEqual(['设计部陈设计师']);
    expect(response.body.items[0].departmentIds).toEqual([cast.departments.design.id]);
    expect(JSON.stringify(response.body)).not.toContain('passwordHash');
    const byDept = await member.get(`/users?departmentId=${cast.departments.market.id}`);
    expect(byDept.body.items.map((u: { name: string }) => u.name).sort()).toEqual(['市场部李经理', '市场部王助理'].sort());
    expect((await member.get('/users?limit=0')).status).toBe(400);
  });

  it('admins create users with a role and departments; weak passwords and taken emails are refused', async () => {
    const email = `new-${Date.now()}@example.test`;
    const created = await admin.post('/admin/users', { name: '新同事', email, password: 'correct-horse-42', role: 'pmo', departmentIds: [cast.departments.sales.id] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '新同事', role: 'pmo', departmentIds: [cast.departments.sales.id], active: true });
    const session = await loginAs(ctx.app, { id: created.body.id, email }, 'correct-horse-42');
    expect((await session.get('/auth/me')).body.user.role).toBe('pmo');
    const weak = await admin.post('/admin/users', { name: 'x', email: `w-${Date.now()}@example.test`, password: 'short', role: 'member' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0].path).toBe('password');
    const taken = await admin.post('/admin/users', { name: 'x', email: email.toUpperCase(), password: 'correct-horse-42' });
    expect(taken.status).toBe(409);
    const badRole = await admin.post('/admin/users', { name: 'x', email: 'r@example.test', password: 'correct-horse-42', role: 'owner' });
    expect(badRole.body.error.fields[0].path).toBe('role');
    expect((await member.post('/admin/users', { name: 'x', email: 'm@example.test', password: 'correct-horse-42' })).status).toBe(403);
  });

  it('deactivating a user ends their sessions and their sign-in', async () => {
    const user = await buildUser(ctx.database.db, cast.org.id);
    const session = await loginAs(ctx.app, user);
    const patch = await admin.patch(`/admin/users/${user.id}`, { active: false });
    expect(patch.status).toBe(200);
    expect(patch.body.active).toBe(false);
    expect((await session.get('/auth/me')).status).toBe(401);
    const other = await buildOrganization(ctx.database.db);
    const foreign = await buildUser(ctx.database.db, other.id);
    expect((await admin.patch(`/admin/users/${foreign.id}`, { active: false })).status).toBe(404);
    expect((await member.patch(`/admin/users/${user.id}`, { active: true })).status).toBe(403);
  });
});

describe('settings', () => {
  it('admins read and change the rule thresholds; bad values are named', async () => {
    const read = await admin.get('/admin/settings');
    expect(read.body).toMatchObject({ timeZone: 'Asia/Shanghai', publishWithinHours: 24, staleAfterDays: 3, escalateAfterOverdueDays: 3, agendaLeadDays: 1 });
    const patch = await admin.patch('/admin/settings', { publishWithinHours: 48, timeZone: 'Asia/Tokyo' });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ publishWithinHours: 48, timeZone: 'Asia/Tokyo' });
    const bad = await admin.patch('/admin/settings', { timeZone: 'Mars/Olympus', staleAfterDays: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['staleAfterDays', 'timeZone']);
    const cross = await admin.patch('/admin/settings', { publishReminderAtHours: 60 });
    expect(cross.body.error.fields[0].path).toBe('publishReminderAtHours');
    // The rules' own refusals speak the caller's language, like every other field message.
    expect(cross.body.error.fields[0].message).toBe('提醒时间必须早于纪要发布期限');
    const crossEn = await admin.request('PATCH', '/admin/settings', { workdayStart: '18:00', workdayEnd: '09:00' }, { 'accept-language': 'en' });
    expect(crossEn.body.error.fields).toEqual([{ path: 'workdayEnd', message: 'The workday must end after it starts' }]);
    expect(bad.body.error.fields.find((f: { path: string }) => f.path === 'timeZone').message).toMatch(/时区/);
    expect((await admin.get('/admin/settings')).body.publishWithinHours).toBe(48);
    await admin.patch('/admin/settings', { publishWithinHours: 24, timeZone: 'Asia/Shanghai' });
  });

  it('members may not read or change settings', async () => {
    expect((await member.get('/admin/settings')).status).toBe(403);
    expect((await member.patch('/admin/settings', { publishWithinHours: 1 })).status).toBe(403);
  });
});

// Found by the security fuzzing (test/security/fuzz.ts): a PATCH with nothing to change (`{}`, or only
// keys the schema drops, like `{"constructor": 1}`) made the database layer throw "No values to set": 500.
describe('a change that changes nothing', () => {
  it('PATCH /admin/departments/:id answers the department as it is', async () => {
    const department = await admin.post('/admin/departments', { name: '空改部门' });
    for (const body of [{}, { constructor: 1 }]) {
      const response = await admin.patch(`/admin/departments/${department.body.id}`, body);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: department.body.id, name: '空改部门' });
    }
  });

  it('PATCH /admin/users/:id answers the user as they are', async () => {
    const user = await buildUser(ctx.database.db, cast.org.id, { name: '空改用户', departmentIds: [cast.departments.rnd.id] });
    for (const body of [{}, { constructor: 1 }]) {
      const response = await admin.patch(`/admin/users/${user.id}`, body);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: user.id, name: '空改用户', active: true });
    }
    const moved = await admin.patch(`/admin/users/${user.id}`, { departmentIds: [cast.departments.sales.id] });
    expect(moved.status).toBe(200);
    expect(moved.body.departmentIds).toEqual([cast.departments.sales.id]);
  });
});
