import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, closeTestApp, loginAs, type Session, type TestContext } from '../app.ts';
import { buildCollaboration, buildOrganization, buildTemplateCast, buildUser } from '../factories.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let head: Session, engineer: Session, outsider: Session, pmo: Session, admin: Session;

beforeAll(async () => {
  ctx = await buildTestApp();
  cast = await buildTemplateCast(ctx.database.db);
  head = await loginAs(ctx.app, cast.people.head);
  engineer = await loginAs(ctx.app, cast.people.engineer);
  outsider = await loginAs(ctx.app, cast.people.outsider);
  pmo = await loginAs(ctx.app, cast.people.pmo);
  admin = await loginAs(ctx.app, cast.people.orgAdmin);
});
afterAll(() => closeTestApp(ctx));

const newCollaboration = () => ({
  topic: '2024年Q4渠道大会',
  goal: '签约30家渠道，转化率5%',
  scenario: 'major_project',
  initiatingDepartmentId: cast.departments.market.id,
  participatingDepartmentIds: [cast.departments.sales.id, cast.departments.design.id],
  visibility: 'participants',
});

describe('POST /collaborations', () => {
  it('creates the record with its departments and answers 201 with abilities', async () => {
    const response = await head.post('/collaborations', newCollaboration());
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      topic: '2024年Q4渠道大会',
      status: 'active',
      health: 'on_track',
      initiatingDepartment: { id: cast.departments.market.id, name: '市场部' },
      creator: { id: cast.people.head.id, name: '市场部李经理' },
      abilities: { read: true, update: true, archive: true },
    });
    expect(response.body.participatingDepartments.map((d: { name: string }) => d.name).sort()).toEqual(['设计部', '销售部'].sort());
    expect(response.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(response.body.createdAt).toMatch(/\+08:00$/);
  });

  it('names each invalid field in the caller language', async () => {
    const response = await call(ctx.app, {
      method: 'POST',
      url: '/api/v1/collaborations',
      headers: { cookie: head.cookie, 'x-csrf-token': head.csrfToken, 'accept-language': 'en' },
      payload: { ...newCollaboration(), topic: '', scenario: 'party', participatingDepartmentIds: [] },
    });
    expect(response.status).toBe(400);
    const paths = response.body.error.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['participatingDepartmentIds', 'scenario', 'topic']);
    expect(response.body.error.fields.find((f: { path: string }) => f.path === 'scenario').message).toContain('major_project');
  });

  it("refuses another organisation's department as unknown", async () => {
    const other = await buildOrganization(ctx.database.db);
    const { buildDepartment } = await import('../factories.ts');
    const foreign = await buildDepartment(ctx.database.db, other.id);
    const response = await head.post('/collaborations', { ...newCollaboration(), participatingDepartmentIds: [foreign.id] });
    expect(response.status).toBe(400);
    expect(response.body.error.fields[0]).toMatchObject({ path: 'participatingDepartmentIds[0]', message: '找不到该部门' });
  });

  it('needs a session', async () => {
    const response = await call(ctx.app, { method: 'POST', url: '/api/v1/collaborations', payload: newCollaboration() });
    expect(response.status).toBe(401);
  });
});

describe('GET /collaborations/:id and the list', () => {
  it('lets a participating member read but not edit', async () => {
    const response = await engineer.get(`/collaborations/${cast.collaboration.id}`);
    expect(response.status).toBe(200);
    expect(response.body.abilities).toMatchObject({ read: true, update: false, createActionItem: false });
    const patch = await engineer.patch(`/collaborations/${cast.collaboration.id}`, { health: 'at_risk' });
    expect(patch.status).toBe(403);
    expect(patch.body.error.code).toBe('FORBIDDEN');
  });

  it('answers 404 to an outsider, for reads and writes alike, and leaves it out of their list', async () => {
    expect((await outsider.get(`/collaborations/${cast.collaboration.id}`)).status).toBe(404);
    expect((await outsider.patch(`/collaborations/${cast.collaboration.id}`, { health: 'at_risk' })).status).toBe(404);
    expect((await outsider.get(`/collaborations/${cast.collaboration.id}/history`)).status).toBe(404);
    const list = await outsider.get('/collaborations');
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(cast.collaboration.id);
  });

  it('shows an org-visible collaboration to everyone in the organisation, read-only', async () => {
    const open = await buildCollaboration(ctx.database.db, cast.org.id, {
      creatorId: cast.people.head.id,
      initiatingDepartmentId: cast.departments.market.id,
      participatingDepartmentIds: [cast.departments.rnd.id],
      visibility: 'organization',
    });
    const response = await outsider.get(`/collaborations/${open.id}`);
    expect(response.status).toBe(200);
    expect(response.body.abilities.update).toBe(false);
  });

  it('lets pmo read everything and admins edit', async () => {
    expect((await pmo.get(`/collaborations/${cast.collaboration.id}`)).body.abilities).toMatchObject({ read: true, update: false });
    expect((await admin.get(`/collaborations/${cast.collaboration.id}`)).body.abilities.update).toBe(true);
  });

  it('hides it from another organisation, even its admin', async () => {
    const other = await buildOrganization(ctx.database.db);
    const foreignAdmin = await loginAs(ctx.app, await buildUser(ctx.database.db, other.id, { role: 'admin' }));
    expect((await foreignAdmin.get(`/collaborations/${cast.collaboration.id}`)).status).toBe(404);
    expect((await foreignAdmin.get('/collaborations')).body.items).toEqual([]);
  });

  it('filters by status, text, department and period, and pages with a cursor', async () => {
    const byText = await head.get(`/collaborations?q=${encodeURIComponent('新品发布')}`);
    expect(byText.body.items.map((c: { topic: string }) => c.topic)).toEqual(['2024年Q3新品发布会筹备']);
    const byDept = await head.get(`/collaborations?departmentId=${cast.departments.service.id}`);
    expect(byDept.body.items.map((c: { id: string }) => c.id)).toContain(cast.collaboration.id);
    const first = await head.get('/collaborations?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await head.get(`/collaborations?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    const period = await head.get('/collaborations?year=2024&quarter=3');
    expect(period.body.items.length).toBeGreaterThan(0);
    expect(period.body.items.every((c: { period: { label: string } }) => c.period.label === '2024Q3')).toBe(true);
    const bad = await head.get('/collaborations?quarter=5&cursor=garbage');
    expect(bad.status).toBe(400);
  });
});

describe('PATCH, remarks, history, archive', () => {
  it('updates health and 整体进度, logs a remark, and shows both in the history as before → after', async () => {
    const created = await head.post('/collaborations', newCollaboration());
    const id = created.body.id;
    const patch = await head.patch(`/collaborations/${id}`, { health: 'at_risk', progressSummary: '设计稿延期2天' });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ health: 'at_risk', progressSummary: '设计稿延期2天' });
    const remark = await head.post(`/collaborations/${id}/remarks`, { text: '客户名单需销售部确认优先级，7月13日前同步市场部', kind: 'risk' });
    expect(remark.status).toBe(201);
    expect((await head.post(`/collaborations/${id}/remarks`, { text: ' ' })).status).toBe(400);
    expect((await engineer.post(`/collaborations/${id}/remarks`, { text: '我来补充' })).status).toBe(404);
    const history = await head.get(`/collaborations/${id}/history`);
    expect(history.status).toBe(200);
    const updated = history.body.items.find((e: { action: string }) => e.action === 'updated');
    expect(updated.before).toMatchObject({ health: 'on_track', progressSummary: '' });
    expect(updated.after).toMatchObject({ health: 'at_risk', progressSummary: '设计稿延期2天' });
    expect(updated.actor.name).toBe('市场部李经理');
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['created', 'updated', 'created'].reverse());
  });

  it('archives only a finished collaboration, then refuses every write with 409 ARCHIVED', async () => {
    const created = await head.post('/collaborations', newCollaboration());
    const id = created.body.id;
    const early = await head.post(`/collaborations/${id}/archive`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('CONFLICT');
    expect((await engineer.post(`/collaborations/${cast.collaboration.id}/archive`)).status).toBe(403);
    expect((await head.patch(`/collaborations/${id}`, { status: 'completed' })).body.status).toBe('completed');
    const archived = await head.post(`/collaborations/${id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archived).toBe(true);
    const write = await head.patch(`/collaborations/${id}`, { health: 'off_track' });
    expect(write.status).toBe(409);
    expect(write.body.error.code).toBe('ARCHIVED');
    expect((await head.post(`/collaborations/${id}/remarks`, { text: 'x' })).body.error.code).toBe('ARCHIVED');
    expect((await head.get(`/collaborations/${id}`)).status).toBe(200);
    const list = await head.get('/collaborations?status=archived');
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(id);
  });
});
