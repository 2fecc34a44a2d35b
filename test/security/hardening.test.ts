import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { checkCreateAdminInput } from '../../src/cli/commands/create-admin.ts';
import { importUsers } from '../../src/cli/commands/users-import.ts';
import { runFirstStart } from '../../src/server/bootstrap/first-start.ts';
import { passwordProblem } from '../../src/server/auth/password-policy.ts';
import { buildTestApp, call, closeTestApp, loginAs, type TestContext } from '../app.ts';
import { buildOrganization, buildTemplateCast, buildUser, PASSWORD } from '../factories.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
beforeAll(async () => {
  ctx = await buildTestApp();
  cast = await buildTemplateCast(ctx.app.db);
});
afterAll(() => closeTestApp(ctx));

const cspOf = (headers: Record<string, unknown>) =>
  Object.fromEntries(
    String(headers['content-security-policy'])
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  ) as Record<string, string[]>;

describe('security headers', () => {
  it('sends a strict CSP without inline or eval scripts, and the usual hardening headers', async () => {
    const response = await call(ctx.app, { method: 'GET', url: '/api/v1/auth/me' });
    const csp = cspOf(response.headers);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['form-action']).toEqual(["'self'"]);
    expect(String(response.headers['content-security-policy'])).not.toMatch(/unsafe-eval/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(response.headers['x-powered-by']).toBeUndefined();
    // Plain http (a laptop, a test): no HSTS, no upgrade, or every request would break.
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(csp['upgrade-insecure-requests']).toBeUndefined();
  });

  it('behind an HTTPS proxy (TRUST_PROXY) adds HSTS, upgrades requests and marks the session cookie Secure', async () => {
    const app = await buildApp({ database: ctx.database, clock: ctx.clock, trustProxy: true, webRoot: false });
    try {
      const user = await buildUser(ctx.app.db, cast.org.id);
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
        payload: { email: user.email, password: PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      expect(login.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(cspOf(login.headers)['upgrade-insecure-requests']).toEqual([]);
      const cookie = String(login.headers['set-cookie']);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Secure/);
    } finally {
      await app.close();
    }
  });
});

describe('sessions', () => {
  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/ and not Secure over plain http', async () => {
    const response = await call(ctx.app, { method: 'POST', url: '/api/v1/auth/login', payload: { email: cast.people.seller.email, password: PASSWORD } });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^liaison_session=[^;]{32,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('revokes every session of a user on a password change and on deactivation', async () => {
    const user = await buildUser(ctx.app.db, cast.org.id);
    const laptop = await loginAs(ctx.app, user);
    const phone = await loginAs(ctx.app, user);
    expect((await laptop.post('/me/password', { currentPassword: PASSWORD, newPassword: 'Changed-pass-2024x' })).status).toBe(204);
    expect((await laptop.get('/auth/me')).status).toBe(401);
    expect((await phone.get('/auth/me')).status).toBe(401);
    const fresh = await loginAs(ctx.app, user, 'Changed-pass-2024x');
    const admin = await loginAs(ctx.app, cast.people.orgAdmin);
    expect((await admin.patch(`/admin/users/${user.id}`, { active: false })).status).toBe(200);
    expect((await fresh.get('/auth/me')).status).toBe(401);
  });

  it('locks sign-in after repeated failures with a message that says when to retry, in both languages', async () => {
    const victim = await buildUser(ctx.app.db, cast.org.id);
    for (let i = 0; i < 5; i++) await call(ctx.app, { method: 'POST', url: '/api/v1/auth/login', payload: { email: victim.email, password: `guess-${i}-x` } });
    const zh = await call(ctx.app, { method: 'POST', url: '/api/v1/auth/login', payload: { email: victim.email, password: PASSWORD } });
    expect(zh.status).toBe(429);
    expect(zh.headers['retry-after']).toBe('900');
    expect(zh.body.error).toMatchObject({ code: 'RATE_LIMITED', message: '登录失败次数过多，已暂时锁定：请 15 分钟后再试' });
    const en = await call(ctx.app, { method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'en' }, payload: { email: victim.email, password: PASSWORD } });
    expect(en.body.error.message).toBe('Too many failed sign-ins; signing in is locked for now: try again in 15 minute(s)');
  });
});

describe('password policy', () => {
  it('refuses short, common and email-based passwords wherever one is set, naming the field', async () => {
    const admin = await loginAs(ctx.app, cast.people.orgAdmin);
    const create = (password: string, email = `new-${Math.random().toString(16).slice(2)}@example.test`) =>
      admin.request('POST', '/admin/users', { name: '新同事', email, password, role: 'member' }, { 'accept-language': 'en' });
    const weak = await create('short1');
    expect(weak.body.error.fields).toEqual([{ path: 'password', message: 'The password needs at least 10 characters with letters and digits' }]);
    for (const common of ['Password2024!', 'qwerty123456', 'woaini1314', 'aaaaaaaaa1', 'Liaison2024']) {
      const r = await create(common);
      expect(r.status, common).toBe(400);
      expect(r.body.error.fields).toEqual([{ path: 'password', message: 'This password is among the most common ones and easy to guess; choose another' }]);
    }
    const mine = await create('zhang.wei-2024x', 'zhang.wei@example-corp.test');
    expect(mine.body.error.fields).toEqual([{ path: 'password', message: "The password must not contain the account's email address" }]);
    expect((await create('Tr0ub4dor-horse-9')).status).toBe(201);

    const user = await buildUser(ctx.app.db, cast.org.id, { email: `li.ming-${Date.now()}@example.test` });
    const reset = await admin.patch(`/admin/users/${user.id}`, { password: `${user.email.split('@')[0]}-X1` });
    expect(reset.status).toBe(400);
    expect(reset.body.error.fields[0]).toMatchObject({ path: 'password', message: '密码不能包含账号的邮箱地址' });
    const session = await loginAs(ctx.app, user);
    const change = await session.post('/me/password', { currentPassword: PASSWORD, newPassword: 'password123' });
    expect(change.body.error.fields).toEqual([{ path: 'newPassword', message: '该密码属于最常见的密码，很容易被猜中，请换一个' }]);
  });

  it('applies the same policy to create-admin, users import and LIAISON_ADMIN_PASSWORD', async () => {
    expect(() => checkCreateAdminInput({ email: 'ops@example.test', name: '运维', password: 'Password123' })).toThrow(/most common/);
    expect(() => checkCreateAdminInput({ email: 'ops@example.test', name: '运维', password: 'ops-admin-2024' })).toThrow(/must not contain the email/);
    const org = await buildOrganization(ctx.app.db);
    const report = await importUsers(ctx.app.db, { csv: `name,email,role,departments,password\n甲,jia-${Date.now()}@import.test,member,,qwerty123456\n`, orgName: org.name, dryRun: true }, new Date());
    expect(report.rows[0]!.reasons).toEqual(['password is one of the most common passwords and easy to guess: choose another']);
    await expect(runFirstStart(ctx.database, { adminEmail: 'boss@example.test', adminPassword: 'welcome123', demo: false }, new Date())).rejects.toThrow(/LIAISON_ADMIN_PASSWORD is one of the most common/);
    expect(passwordProblem('liaison-test-2024')).toBeNull();
  });
});

describe('errors never show internals', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ database: ctx.database, clock: ctx.clock, webRoot: false });
    // Faults a bug could cause: a thrown error carrying SQL, a database error, an error claiming a 5xx.
    app.get('/api/v1/test-faults/thrown', async () => {
      throw new Error('SELECT password_hash FROM users WHERE email = $1 -- at /work/main/src/server/secret.ts:12');
    });
    app.get('/api/v1/test-faults/database', async () => app.db.execute(sql.raw('SELECT * FROM table_that_does_not_exist')));
    app.get('/api/v1/test-faults/status', async () => {
      throw Object.assign(new Error('upstream said: connect ECONNREFUSED 10.0.0.7:5432'), { statusCode: 502 });
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it.each(['thrown', 'database', 'status'])('answers a %s fault with 500 INTERNAL and a generic message only', async (fault) => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/test-faults/${fault}`, headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error; please try again later' } });
    expect(response.body).not.toMatch(/SELECT|table_that|ECONNREFUSED|\.ts:|stack|at /);
  });

  it('answers malformed and oversized JSON as the caller’s mistake, without parser internals', async () => {
    const session = await loginAs(ctx.app, cast.people.head);
    const malformed = await session.request('POST', `/collaborations/${cast.collaboration.id}/remarks`, '{"text": "未闭合', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).not.toMatch(/Unexpected|position|JSON\.parse/);
    const huge = await session.request('POST', `/collaborations/${cast.collaboration.id}/remarks`, { text: 'x'.repeat(1_100_000), kind: 'remark' });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', fields: [{ path: 'body', message: '内容过大，超过了允许的上限' }] });
  });
});

describe('texts are plain, never HTML', () => {
  it('keeps markup in a remark as the exact text, answered as JSON', async () => {
    const session = await loginAs(ctx.app, cast.people.head);
    const text = '<script>alert(document.cookie)</script><img src=x onerror=alert(1)> & "引号"';
    const created = await session.post(`/collaborations/${cast.collaboration.id}/remarks`, { text, kind: 'remark' });
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toMatch(/^application\/json/);
    expect(created.body.text).toBe(text);
  });

  it('the web app never injects HTML (React escapes every text it renders)', () => {
    const webRoot = fileURLToPath(new URL('../../src/web', import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.(tsx?|jsx?)$/.test(name) && /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(readFileSync(file, 'utf8'))) offenders.push(file);
      }
    };
    walk(webRoot);
    expect(offenders).toEqual([]);
  });
});
