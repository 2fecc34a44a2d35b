import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, closeTestApp, loginAs, type TestContext } from '../app.ts';
import { buildTemplateCast } from '../factories.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;

beforeAll(async () => {
  ctx = await buildTestApp();
  cast = await buildTemplateCast(ctx.database.db);
});
afterAll(() => closeTestApp(ctx));

describe('GET /notifications', () => {
  it('shows the outbox rows addressed to the caller, once per event, and marks them read', async () => {
    const admin = await loginAs(ctx.app, cast.people.orgAdmin);
    const head = await loginAs(ctx.app, cast.people.head);
    const remark = await admin.post(`/collaborations/${cast.collaboration.id}/remarks`, { text: '预算需财务复核', kind: 'risk' });
    expect(remark.status).toBe(201);
    const list = await head.get('/notifications');
    expect(list.status).toBe(200);
    const mine = list.body.items.filter((n: { entityId: string }) => n.entityId === remark.body.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ event: 'remark_added', read: false, collaborationId: cast.collaboration.id, payload: { text: '预算需财务复核' } });
    expect(list.body.unreadCount).toBeGreaterThan(0);
    expect((await head.post(`/notifications/${mine[0].id}/read`)).status).toBe(204);
    const unread = await head.get('/notifications?unread=true');
    expect(unread.body.items.map((n: { id: string }) => n.id)).not.toContain(mine[0].id);
    expect((await head.get('/notifications?limit=500')).status).toBe(400);
  });

  it("answers 404 for someone else's notification and 401 without a session", async () => {
    const head = await loginAs(ctx.app, cast.people.head);
    const engineer = await loginAs(ctx.app, cast.people.engineer);
    const [first] = (await head.get('/notifications')).body.items;
    expect((await engineer.post(`/notifications/${first.id}/read`)).status).toBe(404);
    expect((await call(ctx.app, { method: 'GET', url: '/api/v1/notifications' })).status).toBe(401);
  });
});
