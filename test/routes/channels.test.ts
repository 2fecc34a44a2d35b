import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, closeTestApp, loginAs, type ApiResponse, type Session, type TestContext } from '../app.ts';
import { buildCollaboration, buildTemplateCast } from '../factories.ts';
import { channels } from '../../src/server/db/schema/index.ts';
import { createSecretBox } from '../../src/server/notifications/channels/secret-box.ts';
import { generateWebhookSecret } from '../../src/server/notifications/channels/webhook.ts';
import { startDingTalkReceiver, type DingTalkReceiver } from '../receivers/dingtalk.ts';
import { startFeishuReceiver, type FeishuReceiver } from '../receivers/feishu.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../receivers/webhook.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let head: Session, engineer: Session, outsider: Session, admin: Session;
let dingtalk: DingTalkReceiver;
let feishu: FeishuReceiver;
let hooks: WebhookReceiver;

const token = `tok${randomBytes(12).toString('hex')}`;
const robotSecret = `SEC${randomBytes(16).toString('hex')}`;
const feishuSecret = randomBytes(12).toString('hex');
const webhookSecret = generateWebhookSecret();
/** Every response body of this file, to prove no URL token or secret ever comes back. */
const seen: ApiResponse[] = [];
const record = (response: ApiResponse) => {
  seen.push(response);
  return response;
};

beforeAll(async () => {
  dingtalk = await startDingTalkReceiver({ [token]: { secret: robotSecret } });
  feishu = await startFeishuReceiver({ hook1: { secret: feishuSecret } });
  hooks = await startWebhookReceiver({ erp: webhookSecret });
  const notifications = { publicUrl: 'https://liaison.example.com', allowPrivate: true, secretBox: createSecretBox(randomBytes(32)) };
  ctx = await buildTestApp(undefined, { notifications });
  cast = await buildTemplateCast(ctx.database.db);
  head = await loginAs(ctx.app, cast.people.head);
  engineer = await loginAs(ctx.app, cast.people.engineer);
  outsider = await loginAs(ctx.app, cast.people.outsider);
  admin = await loginAs(ctx.app, cast.people.orgAdmin);
});
afterAll(async () => {
  await closeTestApp(ctx);
  await Promise.all([dingtalk?.close(), feishu?.close(), hooks?.close()]);
});

describe('chat groups of a collaboration', () => {
  let channelId: string;

  it('lets an editor add a DingTalk robot; the URL and secret are sealed at rest and never returned', async () => {
    const created = record(
      await head.post(`/collaborations/${cast.collaboration.id}/channels`, { kind: 'dingtalk', name: '发布会协作群', url: dingtalk.robotUrl(token), secret: robotSecret }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'dingtalk', name: '发布会协作群', collaborationId: cast.collaboration.id, hasSecret: true, host: new URL(dingtalk.origin).host });
    expect(created.body.url).toBeUndefined();
    expect(created.body.secret).toBeUndefined();
    channelId = created.body.id;
    const [row] = await ctx.database.db.select().from(channels).where(eq(channels.id, channelId));
    expect(row!.url).toMatch(/^v1:/);
    expect(row!.url).not.toContain(token);
    expect(row!.secret).toMatch(/^v1:/);

    const list = record(await engineer.get(`/collaborations/${cast.collaboration.id}/channels`));
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([channelId]);
    expect(list.body.items[0].abilities).toEqual({ update: false, delete: false, test: false });
  });

  it('sends a test message that the platform verifies (signature), and reports a refusal', async () => {
    const ok = record(await head.post(`/channels/${channelId}/test`));
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ delivered: true, error: null });
    expect(dingtalk.accepted.at(-1)?.body).toMatchObject({ msgtype: 'markdown', markdown: { title: 'Liaison 测试消息' } });

    const wrong = record(await head.patch(`/channels/${channelId}`, { secret: 'SECwrong' }));
    expect(wrong.status).toBe(200);
    const refused = record(await head.post(`/channels/${channelId}/test`));
    expect(refused.body).toMatchObject({ delivered: false, error: expect.stringContaining('310000') });
    record(await head.patch(`/channels/${channelId}`, { secret: robotSecret, name: '发布会群' }));
  });

  it('adds a Feishu bot and a signed webhook; a webhook needs a Standard Webhooks secret', async () => {
    const bot = record(await head.post(`/collaborations/${cast.collaboration.id}/channels`, { kind: 'feishu', name: '飞书群', url: feishu.hookUrl('hook1'), secret: feishuSecret }));
    expect(bot.status).toBe(201);
    expect(record(await head.post(`/channels/${bot.body.id}/test`)).body).toEqual({ delivered: true, error: null });

    const missing = record(await head.post(`/collaborations/${cast.collaboration.id}/channels`, { kind: 'webhook', name: 'ERP', url: hooks.endpointUrl('erp') }));
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual([{ path: 'secret', message: expect.any(String) }]);
    const garbled = record(await head.post(`/collaborations/${cast.collaboration.id}/channels`, { kind: 'webhook', name: 'ERP', url: hooks.endpointUrl('erp'), secret: 'not base64 !!' }));
    expect(garbled.status).toBe(400);

    const hook = record(await head.post(`/collaborations/${cast.collaboration.id}/channels`, { kind: 'webhook', name: 'ERP', url: hooks.endpointUrl('erp'), secret: webhookSecret }));
    expect(hook.status).toBe(201);
    expect(record(await head.post(`/channels/${hook.body.id}/test`)).body).toEqual({ delivered: true, error: null });
  });

  it('refuses bad input naming the field', async () => {
    const url = `/collaborations/${cast.collaboration.id}/channels`;
    const cases = [
      [{ kind: 'slack', name: 'x', url: dingtalk.robotUrl(token) }, 'kind'],
      [{ kind: 'dingtalk', name: '', url: dingtalk.robotUrl(token) }, 'name'],
      [{ kind: 'dingtalk', name: 'x', url: 'ftp://example.com/robot/send?access_token=1' }, 'url'],
      [{ kind: 'dingtalk', name: 'x', url: `${dingtalk.origin}/hooks/elsewhere` }, 'url'],
      [{ kind: 'wecom', name: 'x', url: dingtalk.robotUrl(token) }, 'url'],
      [{ kind: 'dingtalk', name: 'x', url: dingtalk.robotUrl(token), extra: 1 }, 'extra'],
    ] as const;
    for (const [body, field] of cases) {
      const response = record(await head.post(url, body));
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    const metadata = record(await head.post(url, { kind: 'webhook', name: 'x', url: 'http://169.254.169.254/latest', secret: webhookSecret }));
    expect(metadata.status).toBe(400);
    expect(metadata.body.error.fields[0].path).toBe('url');
  });

  it('answers 403 to readers who are not editors, 404 to outsiders, 409 once archived', async () => {
    const body = { kind: 'dingtalk', name: '群', url: dingtalk.robotUrl(token) };
    expect(record(await engineer.post(`/collaborations/${cast.collaboration.id}/channels`, body)).status).toBe(403);
    expect(record(await engineer.patch(`/channels/${channelId}`, { name: '改名' })).status).toBe(403);
    expect(record(await engineer.delete(`/channels/${channelId}`)).status).toBe(403);
    expect(record(await engineer.post(`/channels/${channelId}/test`)).status).toBe(403);
    expect(record(await outsider.get(`/collaborations/${cast.collaboration.id}/channels`)).status).toBe(404);
    expect(record(await outsider.post(`/collaborations/${cast.collaboration.id}/channels`, body)).status).toBe(404);
    expect(record(await outsider.patch(`/channels/${channelId}`, { name: '改名' })).status).toBe(404);
    expect(record(await outsider.get(`/channels/${channelId}`)).status).toBe(404);

    const archived = await buildCollaboration(ctx.database.db, cast.org.id, {
      creatorId: cast.people.head.id,
      initiatingDepartmentId: cast.departments.market.id,
      participatingDepartmentIds: [cast.departments.rnd.id],
      status: 'completed',
      archivedAt: new Date('2024-07-01T00:00:00Z'),
    });
    expect(record(await head.post(`/collaborations/${archived.id}/channels`, body)).status).toBe(409);
  });

  it('removes a channel; it is gone for everyone', async () => {
    expect(record(await head.delete(`/channels/${channelId}`)).status).toBe(204);
    expect(record(await head.get(`/channels/${channelId}`)).status).toBe(404);
    const list = record(await head.get(`/collaborations/${cast.collaboration.id}/channels`));
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(channelId);
  });

  it('refuses loopback and private addresses unless the admin allowed them (LIAISON_WEBHOOK_ALLOW_PRIVATE)', async () => {
    const locked = await buildTestApp();
    try {
      const other = await buildTemplateCast(locked.database.db);
      const editor = await loginAs(locked.app, other.people.head);
      const refused = record(await editor.post(`/collaborations/${other.collaboration.id}/channels`, { kind: 'dingtalk', name: '群', url: dingtalk.robotUrl(token) }));
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields).toEqual([{ path: 'url', message: expect.stringContaining('LIAISON_WEBHOOK_ALLOW_PRIVATE') }]);
    } finally {
      await closeTestApp(locked);
    }
  });
});

describe('organisation channels (admins)', () => {
  it('lets an admin add a department robot and a webhook, and nobody else', async () => {
    const robot = record(
      await admin.post('/admin/channels', { kind: 'dingtalk', name: '研发部群', url: dingtalk.robotUrl(token), secret: robotSecret, departmentId: cast.departments.rnd.id }),
    );
    expect(robot.status).toBe(201);
    expect(robot.body).toMatchObject({ departmentId: cast.departments.rnd.id, collaborationId: null });
    const badDepartment = record(await admin.post('/admin/channels', { kind: 'dingtalk', name: 'x', url: dingtalk.robotUrl(token), departmentId: '0190a000-0000-7000-8000-000000000000' }));
    expect(badDepartment.status).toBe(400);
    expect(badDepartment.body.error.fields[0].path).toBe('departmentId');
    expect(record(await head.post('/admin/channels', { kind: 'dingtalk', name: 'x', url: dingtalk.robotUrl(token) })).status).toBe(403);
    expect(record(await head.get('/admin/channels')).status).toBe(403);
    const list = record(await admin.get('/admin/channels'));
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([robot.body.id]);
    // An organisation channel by id is the admins' only: 404 for others.
    expect(record(await head.get(`/channels/${robot.body.id}`)).status).toBe(404);
    expect(record(await admin.post(`/channels/${robot.body.id}/test`)).body.delivered).toBe(true);
  });
});

describe('secrets', () => {
  it('never appear in any response, nor in the history', async () => {
    const history = record(await head.get(`/collaborations/${cast.collaboration.id}/history`));
    expect(history.status).toBe(200);
    const everything = JSON.stringify(seen.map((r) => r.body));
    for (const secret of [token, robotSecret, feishuSecret, webhookSecret, webhookSecret.slice(6), 'hook1']) {
      expect(everything).not.toContain(secret);
    }
  });
});
