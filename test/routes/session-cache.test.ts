import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { onQuery } from '../../src/server/db/client.ts';
import { buildTestApp, call, closeTestApp, loginAs, type Session, type TestContext } from '../app.ts';
import { buildTemplateCast, buildUser, PASSWORD } from '../factories.ts';

/**
 * The actor cache (src/server/auth/actor-cache.ts) spares requests their session queries, and forgets a
 * session on every instance when it ends or its user changes. Two apps share one database here, as two
 * server processes share one PostgreSQL: A is where changes happen, B holds the cached session.
 */

const NOW = '2024-07-08T10:00:00+08:00';

let ctx: TestContext;
let other: FastifyInstance;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let admin: Session;

const me = (app: FastifyInstance, session: Session) => call(app, { method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session.cookie } });

/** Polls B until `done` holds (the notification travels through LISTEN/NOTIFY), at most two seconds. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  const until = Date.now() + 2000;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

async function newUser(name: string, departmentIds: string[] = [cast.departments.rnd.id]) {
  return buildUser(ctx.database.db, cast.org.id, { name, departmentIds });
}

beforeAll(async () => {
  ctx = await buildTestApp(NOW);
  other = await buildApp({ database: ctx.database, clock: ctx.clock });
  await other.ready();
  cast = await buildTemplateCast(ctx.database.db);
  admin = await loginAs(ctx.app, cast.people.orgAdmin);
});
afterAll(async () => {
  await other?.close();
  await closeTestApp(ctx);
});

describe('actor cache', () => {
  it('answers a known session without a query', async () => {
    const session = await loginAs(ctx.app, await newUser('缓存甲'));
    expect((await me(other, session)).status).toBe(200);
    let queries = 0;
    const stop = onQuery(() => (queries += 1));
    const response = await me(other, session);
    stop();
    expect(response.status).toBe(200);
    expect(queries).toBe(0);
  });

  it('refuses a signed-out session at once on the same instance and promptly on the other', async () => {
    const session = await loginAs(ctx.app, await newUser('缓存乙'));
    expect((await me(ctx.app, session)).status).toBe(200);
    expect((await me(other, session)).status).toBe(200);
    expect((await session.post('/auth/logout')).status).toBe(204);
    expect((await me(ctx.app, session)).status).toBe(401);
    expect(await eventually(async () => (await me(other, session)).status === 401)).toBe(true);
  });

  it('drops the sessions of a deactivated user everywhere', async () => {
    const user = await newUser('缓存丙');
    const session = await loginAs(ctx.app, user);
    expect((await me(other, session)).status).toBe(200);
    expect((await admin.patch(`/admin/users/${user.id}`, { active: false })).status).toBe(200);
    expect((await me(ctx.app, session)).status).toBe(401);
    expect(await eventually(async () => (await me(other, session)).status === 401)).toBe(true);
  });

  it('refuses the old session after a password change', async () => {
    const user = await newUser('缓存丁');
    const session = await loginAs(ctx.app, user);
    expect((await me(other, session)).status).toBe(200);
    expect((await session.post('/me/password', { currentPassword: PASSWORD, newPassword: 'a-new-Password-2024!' })).status).toBe(204);
    expect((await me(ctx.app, session)).status).toBe(401);
    expect(await eventually(async () => (await me(other, session)).status === 401)).toBe(true);
  });

  it('sees a new role and new departments without signing in again', async () => {
    const user = await newUser('缓存戊');
    const session = await loginAs(ctx.app, user);
    expect((await me(other, session)).body.user.role).toBe('member');
    const patched = await admin.patch(`/admin/users/${user.id}`, { role: 'pmo', departmentIds: [cast.departments.sales.id] });
    expect(patched.status).toBe(200);
    expect((await me(ctx.app, session)).body.user).toMatchObject({ role: 'pmo', departmentIds: [cast.departments.sales.id] });
    expect(await eventually(async () => (await me(other, session)).body.user.role === 'pmo')).toBe(true);
    expect((await me(other, session)).body.user.departmentIds).toEqual([cast.departments.sales.id]);
  });

  it('sees a department newly headed on every instance', async () => {
    const user = await newUser('缓存己');
    const session = await loginAs(ctx.app, user);
    expect((await me(other, session)).body.user.headOfDepartmentIds).toEqual([]);
    expect((await admin.patch(`/admin/departments/${cast.departments.design.id}`, { headId: user.id })).status).toBe(200);
    expect(await eventually(async () => (await me(other, session)).body.user.headOfDepartmentIds.includes(cast.departments.design.id))).toBe(true);
  });

  it('still expires a cached session at its time', async () => {
    const session = await loginAs(ctx.app, await newUser('缓存庚'));
    expect((await me(other, session)).status).toBe(200);
    ctx.clock.set(new Date(new Date(NOW).getTime() + 31 * 86_400_000));
    try {
      expect((await me(other, session)).status).toBe(401);
    } finally {
      ctx.clock.set(NOW);
    }
  });
});
