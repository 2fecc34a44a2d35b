import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, closeTestApp, loginAs, type TestContext } from '../app.ts';
import { buildDepartment, buildOrganization, buildUser, PASSWORD } from '../factories.ts';
import { channels } from '../../src/server/db/schema/index.ts';
import { isEmailEnabled } from '../../src/server/notifications/outbox.ts';

let ctx: TestContext;
let orgId: string;
let member: { id: string; email: string };

beforeAll(async () => {
  ctx = await buildTestApp();
  const org = await buildOrganization(ctx.database.db);
  orgId = org.id;
  const dept = await buildDepartment(ctx.database.db, orgId, { name: '市场部' });
  member = await buildUser(ctx.database.db, orgId, { name: '王助理', departmentIds: [dept.id] });
});
afterAll(() => closeTestApp(ctx));

describe('POST /auth/login', () => {
  it('answers the user and a CSRF token, and sets an HttpOnly SameSite=Lax session cookie', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: member.email.toUpperCase(), password: PASSWORD } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ id: member.id, name: '王助理', role: 'member' });
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = response.cookies.find((c) => c.name === 'liaison_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(body.user).not.toHaveProperty('passwordHash');
  });

  it('refuses wrong credentials with 401 in the caller language', async () => {
    const zh = await call(ctx.app, { method: 'POST', url: '/api/v1/auth/login', payload: { email: member.email, password: 'wrong-password-1' } });
    expect(zh.status).toBe(401);
    expect(zh.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '邮箱或密码错误' });
    const en = await call(ctx.app, { method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'en' }, payload: { email: 'nobody@example.test', password: 'x' } });
    expect(en.body.error.message).toBe('Wrong email or password');
  });

  it('names the missing field on a malformed body', async () => {
    const response = await call(ctx.app, { method: 'POST', url: '/api/v1/auth/login', payload: { email: member.email } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.fields).toEqual([{ path: 'password', message: '必填' }]);
  });

  it('throttles an account after five failures, even with the right password, and says when to retry', async () => {
    const victim = await buildUser(ctx.database.db, orgId);
    for (let i = 0; i < 5; i++) {
      const r = await call(ctx.app, { method: 'POST', url: '/api/v1/auth/login', payload: { email: victim.email, password: `guess-${i}` } });
      expect(r.status).toBe(401);
    }
    const blocked = await call(ctx.app, { method: 'POST', url: '/api/v1/auth/login', payload: { email: victim.email, password: PASSWORD } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    ctx.clock.advance(16 * 60 * 1000);
    const later = await call(ctx.app, { method: 'POST', url: '/api/v1/auth/login', payload: { email: victim.email, password: PASSWORD } });
    expect(later.status).toBe(200);
  });

  it('refuses a deactivated user', async () => {
    const gone = await buildUser(ctx.database.db, orgId, { active: false });
    const response = await call(ctx.app, { method: 'POST', url: '/api/v1/auth/login', payload: { email: gone.email, password: PASSWORD } });
    expect(response.status).toBe(401);
  });
});

describe('sessions and CSRF', () => {
  it('GET /auth/me answers the caller and abilities; without a session 401', async () => {
    const session = await loginAs(ctx.app, member);
    const me = await session.get('/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { id: member.id }, csrfToken: session.csrfToken, abilities: { manageUsers: false } });
    const anonymous = await call(ctx.app, { method: 'GET', url: '/api/v1/auth/me' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a cookie write without the CSRF token with 403 CSRF_FAILED', async () => {
    const session = await loginAs(ctx.app, member);
    const response = await call(ctx.app, { method: 'POST', url: '/api/v1/me/tokens', headers: { cookie: session.cookie }, payload: { name: 'x' } });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('CSRF_FAILED');
    const wrong = await session.request('POST', '/me/tokens', { name: 'x' }, { 'x-csrf-token': 'not-the-token' });
    expect(wrong.body.error.code).toBe('CSRF_FAILED');
  });

  it('rotates the session at login: the old cookie no longer works', async () => {
    const first = await loginAs(ctx.app, member);
    const second = await call(ctx.app, { method: 'POST', url: '/api/v1/auth/login', headers: { cookie: first.cookie }, payload: { email: member.email, password: PASSWORD } });
    expect(second.status).toBe(200);
    const old = await first.get('/auth/me');
    expect(old.status).toBe(401);
  });

  it('logs out: the cookie stops working', async () => {
    const session = await loginAs(ctx.app, member);
    expect((await session.post('/auth/logout')).status).toBe(204);
    expect((await session.get('/auth/me')).status).toBe(401);
  });
});

describe('personal access tokens', () => {
  it('creates a token shown once, authenticates with Bearer without CSRF, lists and revokes it', async () => {
    const session = await loginAs(ctx.app, member);
    const created = await session.post('/me/tokens', { name: '脚本' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^lsn_/);
    const bearer = { authorization: `Bearer ${created.body.token}` };
    const me = await call(ctx.app, { method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(me.body.user.id).toBe(member.id);
    const write = await call(ctx.app, { method: 'PUT', url: '/api/v1/me/preferences', headers: bearer, payload: { locale: 'en' } });
    expect(write.status).toBe(200);
    const list = await session.get('/me/tokens');
    expect(list.body.items.map((t: { id: string }) => t.id)).toContain(created.body.id);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect((await session.delete(`/me/tokens/${created.body.id}`)).status).toBe(204);
    const after = await call(ctx.app, { method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(after.status).toBe(401);
  });

  it("answers 404 for another user's token, 400 for a blank name", async () => {
    const other = await buildUser(ctx.database.db, orgId);
    const otherSession = await loginAs(ctx.app, other);
    const created = await otherSession.post('/me/tokens', { name: 'mine' });
    const session = await loginAs(ctx.app, member);
    expect((await session.delete(`/me/tokens/${created.body.id}`)).status).toBe(404);
    expect((await session.delete('/me/tokens/not-a-uuid')).status).toBe(404);
    const blank = await session.post('/me/tokens', { name: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.fields[0].path).toBe('name');
  });
});

describe('GET /me/preferences', () => {
  it('names the channels the preferences page may offer: the bell, e-mail where mail is sent, platforms the organisation has robots of', async () => {
    const org = await buildOrganization(ctx.database.db);
    const person = await buildUser(ctx.database.db, org.id);
    const session = await loginAs(ctx.app, person);
    const email = isEmailEnabled() ? ['email'] : [];
    const before = await session.get('/me/preferences');
    expect(before.status).toBe(200);
    expect(before.body.availableChannels).toEqual(['in_app', ...email]);
    const robot = { orgId: org.id, name: '协作群', url: 'sealed', createdBy: person.id };
    await ctx.database.db.insert(channels).values([
      { ...robot, kind: 'feishu' },
      { ...robot, kind: 'webhook' },
      { ...robot, kind: 'dingtalk', disabledAt: new Date() },
    ]);
    expect((await session.get('/me/preferences')).body.availableChannels).toEqual(['in_app', ...email, 'feishu']);
    // It is an answer, not a preference: PUT refuses it like any unknown key.
    const put = await session.request('PUT', '/me/preferences', { availableChannels: ['feishu'] });
    expect(put.status).toBe(400);
  });
});
