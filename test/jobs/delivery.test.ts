/**
 * Delivery of outbox rows to every channel through local receivers that check what the platforms check
 * (signatures, body shapes, rate limits with the platform's own error codes), with retries, Retry-After,
 * dead rows and the admin's retry; and the preferences that decide the rows (channels per event, quiet
 * hours, muting, the daily digest).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, closeTestApp, loginAs, type Session, type TestContext } from '../app.ts';
import { buildTemplateCast } from '../factories.ts';
import { notifications } from '../../src/server/db/schema/index.ts';
import { uuidv7 } from '../../src/server/db/ids.ts';
import { configureOutbox, enqueueGroupNotifications, enqueueNotifications } from '../../src/server/notifications/outbox.ts';
import { createSecretBox } from '../../src/server/notifications/channels/secret-box.ts';
import { createMailTransport } from '../../src/server/notifications/channels/email.ts';
import { generateWebhookSecret } from '../../src/server/notifications/channels/webhook.ts';
import type { SendSettings } from '../../src/server/notifications/deliver.ts';
import {
  claimDueNotifications,
  defaultDeliveryOptions,
  deliverDueNotifications,
  type DeliveryOptions,
} from '../../src/server/jobs/deliver-notifications.ts';
import { runReminderSweep } from '../../src/server/jobs/reminder-sweep.ts';
import { escalateOverdueItem } from '../../src/server/jobs/escalate-overdue-item.ts';
import { meetings, remarks } from '../../src/server/db/schema/index.ts';
import type { ChangeEvent } from '../../src/server/live/change-event.ts';
import { startDingTalkReceiver, type DingTalkReceiver } from '../receivers/dingtalk.ts';
import { startFeishuReceiver, type FeishuReceiver } from '../receivers/feishu.ts';
import { startWeComReceiver, type WeComReceiver } from '../receivers/wecom.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../receivers/webhook.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../receivers/smtp.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let head: Session, engineer: Session, admin: Session;
let settings: SendSettings;
const receivers = {} as { dingtalk: DingTalkReceiver; feishu: FeishuReceiver; wecom: WeComReceiver; webhook: WebhookReceiver; limited: WebhookReceiver; smtp: SmtpReceiver };
const channelIds = {} as Record<'dingtalk' | 'feishu' | 'wecom' | 'webhook', string>;

const dingSecret = `SEC${randomBytes(16).toString('hex')}`;
const feishuSecret = randomBytes(12).toString('hex');
const hookSecret = generateWebhookSecret();

beforeAll(async () => {
  receivers.dingtalk = await startDingTalkReceiver({ group: { secret: dingSecret } });
  receivers.feishu = await startFeishuReceiver({ group: { secret: feishuSecret } });
  receivers.wecom = await startWeComReceiver(['group']);
  receivers.webhook = await startWebhookReceiver({ erp: hookSecret });
  receivers.limited = await startWebhookReceiver({ slow: hookSecret }, { perMinute: 1 });
  receivers.smtp = await startSmtpReceiver();
  settings = {
    publicUrl: 'https://liaison.example.com',
    allowPrivate: true,
    secretBox: createSecretBox(randomBytes(32)),
    mail: { transport: createMailTransport(receivers.smtp.url), from: 'Liaison <liaison@example.com>' },
    timeoutMs: 2_000,
  };
  configureOutbox({ emailEnabled: true });
  ctx = await buildTestApp('2024-07-10T10:00:00+08:00', { notifications: settings });
  cast = await buildTemplateCast(ctx.database.db);
  head = await loginAs(ctx.app, cast.people.head);
  engineer = await loginAs(ctx.app, cast.people.engineer);
  admin = await loginAs(ctx.app, cast.people.orgAdmin);
  const add = async (kind: keyof typeof channelIds, url: string, secret?: string) => {
    const created = await head.post(`/collaborations/${cast.collaboration.id}/channels`, { kind, name: `${kind} 群`, url, ...(secret ? { secret } : {}) });
    expect(created.status).toBe(201);
    channelIds[kind] = created.body.id;
  };
  await add('dingtalk', receivers.dingtalk.robotUrl('group'), dingSecret);
  await add('feishu', receivers.feishu.hookUrl('group'), feishuSecret);
  await add('wecom', receivers.wecom.robotUrl('group'));
  await add('webhook', receivers.webhook.endpointUrl('erp'), hookSecret);
});
afterAll(async () => {
  configureOutbox({ emailEnabled: false });
  settings?.mail?.transport.close();
  await closeTestApp(ctx);
  await Promise.all(Object.values(receivers).map((r) => r?.close()));
});
afterEach(() => healReceivers());

const deps = (options: Partial<DeliveryOptions> = {}) => ({ db: ctx.database.db, clock: ctx.clock, settings, orgIds: [cast.org.id], options: { ...defaultDeliveryOptions, batchSize: 50, ...options } });

async function deliverAll(options: Partial<DeliveryOptions> = {}) {
  const total = { delivered: 0, retry: 0, dead: 0, deferred: 0 };
  for (let pass = 0; pass < 20; pass++) {
    const done = await deliverDueNotifications(deps(options));
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += done[key];
    if (done.delivered + done.retry + done.dead + done.deferred === 0) break;
  }
  return total;
}

/** An escalation as the job would enqueue it: to the collaboration's groups and to the head. */
async function escalationEvent(description: string) {
  const entityId = uuidv7();
  const notice = {
    orgId: cast.org.id,
    event: 'escalation' as const,
    entityType: 'action_item',
    entityId,
    collaborationId: cast.collaboration.id,
    payload: { actionItemId: entityId, collaborationTopic: cast.collaboration.topic, description, ownerName: '研发部张工', dueDate: '2024-07-05', daysOverdue: 3, sensitive: false },
    now: ctx.clock.now(),
  };
  await ctx.database.db.transaction(async (tx) => {
    await enqueueNotifications(tx, { ...notice, recipientIds: [cast.people.head.id] });
    await enqueueGroupNotifications(tx, { ...notice, mentionUserIds: [cast.people.head.id] });
  });
  return rowsOf(entityId);
}

const rowsOf = (entityId: string) => ctx.database.db.select().from(notifications).where(eq(notifications.entityId, entityId));
const acceptedCount = (key: string) =>
  [receivers.dingtalk, receivers.feishu, receivers.wecom, receivers.webhook, receivers.limited].reduce((n, r) => n + r.countOf(key), 0) + receivers.smtp.countOf(key);

describe('delivery to every channel', () => {
  it('sends the agenda to the groups and to each person by e-mail with the invitation, once', async () => {
    const meeting = await head.post(`/collaborations/${cast.collaboration.id}/meetings`, {
      plannedStart: '2024-07-12T14:00:00+08:00',
      plannedEnd: '2024-07-12T16:00:00+08:00',
      mode: 'online',
      location: '腾讯会议 123-456',
      hostId: cast.people.head.id,
      recorderId: cast.people.recorder.id,
      attendeeIds: [cast.people.engineer.id, cast.people.designer.id],
      agenda: ['发布会预算分配'],
    });
    expect(meeting.status).toBe(201);
    expect((await head.post(`/meetings/${meeting.body.id}/agenda/send`)).status).toBe(200);
    const rows = (await rowsOf(meeting.body.id)).filter((r) => r.event === 'agenda_sent');
    await deliverAll();
    const after = (await rowsOf(meeting.body.id)).filter((r) => r.event === 'agenda_sent');
    expect(after.filter((r) => !r.deliveredAt)).toEqual([]);
    for (const kind of ['dingtalk', 'feishu', 'wecom', 'webhook'] as const) {
      const row = rows.find((r) => r.channelId === channelIds[kind])!;
      expect(receivers[kind].countOf(row.dedupeKey), kind).toBe(1);
    }
    const hook = receivers.webhook.accepted.find((a) => a.key.startsWith(`agenda_sent:${meeting.body.id}`));
    expect(hook?.body).toMatchObject({ type: 'agenda_sent', data: { title: expect.stringContaining('会议议程'), entityId: meeting.body.id } });
    const card = receivers.feishu.accepted.find((a) => a.key.startsWith(`agenda_sent:${meeting.body.id}`));
    expect(JSON.stringify(card?.body)).toContain('发布会预算分配');

    const mails = receivers.smtp.messages.filter((m) => m.dedupeKey.startsWith(`agenda_sent:${meeting.body.id}`));
    expect(mails.map((m) => m.to[0]).sort()).toEqual(
      [cast.people.head, cast.people.recorder, cast.people.engineer, cast.people.designer].map((p) => p.email).sort(),
    );
    const mail = mails[0]!;
    expect(mail.subject).toBe(`会议议程：${cast.collaboration.topic}`);
    expect(mail.parts.map((p) => p.contentType.split(';')[0])).toEqual(expect.arrayContaining(['text/plain', 'text/html', 'text/calendar']));
    expect(mail.parts.find((p) => p.contentType.startsWith('text/calendar'))?.body).toContain('METHOD:REQUEST');
  });

  it('retries 5xx and resets with back-off, then delivers each exactly once', async () => {
    const rows = await escalationEvent('样品交付');
    receivers.dingtalk.configure({ failRate: 1 });
    receivers.feishu.configure({ resetRate: 1 });
    receivers.wecom.configure({ failRate: 1 });
    receivers.webhook.configure({ resetRate: 1 });
    receivers.smtp.configure({ failRate: 1 });
    const first = await deliverDueNotifications(deps());
    expect(first.retry).toBe(rows.length - 1);
    const retried = await rowsOf(rows[0]!.entityId);
    const now = ctx.clock.now().getTime();
    for (const row of retried.filter((r) => r.channel !== 'in_app')) {
      expect(row, row.channel).toMatchObject({ attempts: 1, deliveredAt: null, deadAt: null, leaseUntil: null });
      expect(row.lastError, row.channel).toMatch(/HTTP 500|network error|SMTP/);
      const wait = row.nextAttemptAt.getTime() - now;
      expect(wait).toBeGreaterThanOrEqual(5_000);
      expect(wait).toBeLessThanOrEqual(10_000);
      expect(acceptedCount(row.dedupeKey)).toBe(0);
    }
    expect((await deliverDueNotifications(deps())).retry).toBe(0);

    healReceivers();
    ctx.clock.advance(10_001);
    await deliverAll();
    for (const row of await rowsOf(rows[0]!.entityId)) {
      expect(row.deliveredAt, row.channel).not.toBeNull();
      if (row.channel !== 'in_app') expect(acceptedCount(row.dedupeKey), row.channel).toBe(1);
    }
    const ding = receivers.dingtalk.accepted.find((a) => a.key === rows.find((r) => r.channel === 'dingtalk')!.dedupeKey);
    expect(JSON.stringify(ding?.body)).toContain(`@${cast.people.head.name}`);
  });

  it("waits out a receiver's Retry-After and holds the rest of its queue", async () => {
    const created = await head.post(`/collaborations/${cast.collaboration.id}/channels`, { kind: 'webhook', name: '限速', url: receivers.limited.endpointUrl('slow'), secret: hookSecret });
    try {
      const first = await escalationEvent('第一条');
      const second = await escalationEvent('第二条');
      await deliverDueNotifications(deps());
      await deliverDueNotifications(deps());
      const limitedRows = [...(await rowsOf(first[0]!.entityId)), ...(await rowsOf(second[0]!.entityId))].filter((r) => r.channelId === created.body.id);
      const delivered = limitedRows.filter((r) => r.deliveredAt);
      const waiting = limitedRows.filter((r) => !r.deliveredAt);
      expect(delivered).toHaveLength(1);
      expect(waiting).toHaveLength(1);
      expect(waiting[0]!.lastError).toContain('HTTP 429');
      expect(waiting[0]!.nextAttemptAt.getTime() - ctx.clock.now().getTime()).toBeGreaterThanOrEqual(59_000);
    } finally {
      await head.delete(`/channels/${created.body.id}`);
    }
  });

  it('gives a row up after the last attempt; an admin sees it with its error and retries it', async () => {
    const rows = await escalationEvent('主视觉初稿');
    const feishuRow = rows.find((r) => r.channel === 'feishu')!;
    receivers.feishu.configure({ failRate: 1 });
    await deliverAll({ maxAttempts: 2 });
    ctx.clock.advance(20_000);
    await deliverAll({ maxAttempts: 2 });
    const [dead] = await rowsOf(feishuRow.entityId).then((all) => all.filter((r) => r.id === feishuRow.id));
    expect(dead).toMatchObject({ attempts: 2, deliveredAt: null, lastError: expect.stringContaining('HTTP 500') });
    expect(dead!.deadAt).not.toBeNull();

    const list = await admin.get('/admin/deliveries?status=dead');
    expect(list.status).toBe(200);
    expect(list.body.items.find((d: { id: string }) => d.id === feishuRow.id)).toMatchObject({
      status: 'dead',
      channel: 'feishu',
      channelName: 'feishu 群',
      attempts: 2,
      lastError: expect.stringContaining('HTTP 500'),
    });
    expect(JSON.stringify(list.body)).not.toContain('主视觉初稿');
    expect((await head.get('/admin/deliveries?status=dead')).status).toBe(403);
    expect((await admin.get('/admin/deliveries?status=lost')).status).toBe(400);
    const pending = await admin.get(`/admin/deliveries?status=delivered&channelId=${channelIds.dingtalk}`);
    expect(pending.body.items.every((d: { channelId: string; status: string }) => d.channelId === channelIds.dingtalk && d.status === 'delivered')).toBe(true);

    receivers.feishu.configure({ failRate: 0 });
    expect((await head.post(`/admin/deliveries/${feishuRow.id}/retry`)).status).toBe(403);
    const retried = await admin.post(`/admin/deliveries/${feishuRow.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await admin.post(`/admin/deliveries/${feishuRow.id}/retry`)).status).toBe(409);
    expect((await admin.post(`/admin/deliveries/${uuidv7()}/retry`)).status).toBe(404);
    await deliverAll({ maxAttempts: 2 });
    expect(receivers.feishu.countOf(feishuRow.dedupeKey)).toBe(1);
  });

  it('gives up at once on a permanent refusal (an unknown robot token)', async () => {
    const gone = await head.post(`/collaborations/${cast.collaboration.id}/channels`, { kind: 'dingtalk', name: '已解散的群', url: receivers.dingtalk.robotUrl('dissolved') });
    try {
      const rows = await escalationEvent('已解散');
      await deliverAll();
      const row = (await rowsOf(rows[0]!.entityId)).find((r) => r.channelId === gone.body.id)!;
      expect(row).toMatchObject({ attempts: 1, deliveredAt: null, lastError: expect.stringContaining('300001') });
      expect(row.deadAt).not.toBeNull();
    } finally {
      await head.delete(`/channels/${gone.body.id}`);
    }
  });

  it('tells the recipient’s open pages about an in-app notification', async () => {
    const heard: ChangeEvent[] = [];
    const unsubscribe = ctx.app.changeFeed.subscribe((event) => heard.push(event));
    try {
      await escalationEvent('实时');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await deliverAll();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heard.some((e) => e.entityId === cast.people.head.id && e.action === 'notification_received')).toBe(true);
    } finally {
      unsubscribe();
    }
  });
});

describe('what leaves the system', () => {
  it('sends a cancelled meeting as METHOD:CANCEL with the same UID and a higher SEQUENCE', async () => {
    const meeting = await head.post(`/collaborations/${cast.collaboration.id}/meetings`, {
      plannedStart: '2024-07-16T10:00:00+08:00',
      plannedEnd: '2024-07-16T11:00:00+08:00',
      mode: 'offline',
      location: '3楼会议室',
      hostId: cast.people.head.id,
      recorderId: cast.people.recorder.id,
      attendeeIds: [cast.people.designer.id],
      agenda: ['主视觉评审'],
    });
    expect(meeting.status).toBe(201);
    await deliverAll();
    const cancelled = await head.patch(`/meetings/${meeting.body.id}`, { cancelled: true });
    expect(cancelled.status).toBe(200);
    await deliverAll();
    const mails = receivers.smtp.messages.filter((m) => m.dedupeKey.startsWith(`meeting_scheduled:${meeting.body.id}`) && m.to.includes(cast.people.designer.email));
    const calendars = mails.map((m) => m.parts.find((p) => p.contentType.startsWith('text/calendar'))!.body);
    expect(calendars).toHaveLength(2);
    expect(calendars.map((c) => /SEQUENCE:(\d+)/.exec(c)?.[1])).toEqual(['0', '1']);
    expect(calendars.every((c) => c.includes(`UID:${meeting.body.id}@liaison`))).toBe(true);
    expect(calendars[1]).toContain('METHOD:CANCEL');
    expect(mails[1]!.subject).toMatch(/^会议已取消/);
  });

  it('escalates a sensitive item without its words anywhere: groups, remark, agenda, e-mail', async () => {
    const secret = '场地费用预估38万元需压缩';
    ctx.clock.set('2024-07-10T10:00:00+08:00');
    const item = await head.post(`/collaborations/${cast.collaboration.id}/action-items`, {
      description: secret,
      ownerId: cast.people.engineer.id,
      dueDate: '2024-07-11',
      deliverable: '成本核算表',
      sensitive: true,
      visibleToUserIds: [cast.people.engineer.id, cast.people.head.id],
    });
    expect(item.status).toBe(201);
    ctx.clock.set('2024-07-15T10:00:00+08:00');
    const result = await escalateOverdueItem(ctx.database.db, item.body.id, ctx.clock.now());
    expect(result).not.toBeNull();
    expect(await escalateOverdueItem(ctx.database.db, item.body.id, ctx.clock.now())).toBeNull();
    await deliverAll();
    const rows = await rowsOf(item.body.id);
    expect(JSON.stringify(rows.map((r) => r.payload))).not.toContain(secret);
    const [sync] = await ctx.database.db.select().from(meetings).where(eq(meetings.id, result!.meetingId));
    expect(sync!.agenda.join()).not.toContain(secret);
    expect(sync!.agenda.join()).toContain('受限行动项');
    const noted = await ctx.database.db.select().from(remarks).where(and(eq(remarks.collaborationId, cast.collaboration.id), eq(remarks.kind, 'escalation')));
    expect(noted.map((r) => r.text).join()).not.toContain(secret);
    const pushed = [receivers.dingtalk, receivers.feishu, receivers.wecom, receivers.webhook].flatMap((r) => r.accepted.filter((a) => a.key.startsWith(`escalation:${item.body.id}`)));
    expect(pushed).toHaveLength(4);
    for (const message of pushed) {
      expect(JSON.stringify(message.body)).not.toContain(secret);
      expect(JSON.stringify(message.body)).toContain('受限');
    }
    const mail = receivers.smtp.messages.find((m) => m.dedupeKey.startsWith(`escalation:${item.body.id}`));
    expect(mail?.raw).toBeDefined();
    expect(mail!.parts.map((p) => p.body).join()).not.toContain(secret);
  });
});

describe('claims', () => {
  it('never hands one row to two workers, and takes over a crashed worker’s row after its lease', async () => {
    await escalationEvent('并发');
    const now = ctx.clock.now();
    const claim = (at: Date) => claimDueNotifications(ctx.database.db, at, 50, 30_000, [cast.org.id]);
    const [a, b] = await Promise.all([claim(now), claim(now)]);
    const ids = [...a, ...b].map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    // Nobody records an outcome (the workers died): nothing is claimable until the lease ends.
    expect(await claim(new Date(now.getTime() + 29_000))).toEqual([]);
    const again = await claim(new Date(now.getTime() + 30_000));
    expect(again.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(again.every((r) => r.attempts === 2)).toBe(true);
    ctx.clock.advance(31_000);
    await deliverAll();
  });
});

describe('preferences decide the rows', () => {
  it('stores per-event channels, quiet hours, muted collaborations and the digest flag', async () => {
    const body = {
      channels: { remark_added: ['in_app', 'dingtalk'], item_overdue: ['email'] },
      quietHours: { start: '22:00', end: '08:00' },
      mutedCollaborationIds: [],
      dailyDigest: false,
    };
    const saved = await engineer.put('/me/preferences', body);
    expect(saved.status).toBe(200);
    expect((await engineer.get('/me/preferences')).body).toMatchObject(body);
    for (const [bad, field] of [
      [{ channels: { lunch: ['email'] } }, 'channels'],
      [{ channels: { remark_added: ['fax'] } }, 'channels.remark_added'],
      [{ quietHours: { start: '25:00', end: '08:00' } }, 'quietHours.start'],
      [{ quietHours: { start: '08:00', end: '08:00' } }, 'quietHours.end'],
      [{ mutedCollaborationIds: ['nope'] }, 'mutedCollaborationIds'],
    ] as const) {
      const refused = await engineer.put('/me/preferences', bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(refused.body.error.fields[0].path, JSON.stringify(bad)).toContain(field);
    }
  });

  it('sends to the channels chosen (the group robot @-mentions the person), holding pushes through quiet hours', async () => {
    await head.put('/me/preferences', { channels: { remark_added: ['in_app', 'dingtalk'] }, quietHours: { start: '22:00', end: '08:00' } });
    ctx.clock.set('2024-07-10T23:00:00+08:00');
    const remark = await admin.post(`/collaborations/${cast.collaboration.id}/remarks`, { text: '客户名单需销售部确认优先级' });
    expect(remark.status).toBe(201);
    const rows = (await rowsOf(remark.body.id)).filter((r) => r.recipientId === cast.people.head.id);
    expect(rows.map((r) => r.channel).sort()).toEqual(['dingtalk', 'in_app']);
    const robot = rows.find((r) => r.channel === 'dingtalk')!;
    expect(robot.channelId).toBe(channelIds.dingtalk);
    expect(robot.nextAttemptAt.toISOString()).toBe('2024-07-11T00:00:00.000Z');
    expect(rows.find((r) => r.channel === 'in_app')!.nextAttemptAt.toISOString()).toBe('2024-07-10T15:00:00.000Z');
    ctx.clock.set('2024-07-11T08:00:00+08:00');
    await deliverAll();
    const message = receivers.dingtalk.accepted.find((a) => a.key === robot.dedupeKey);
    expect(JSON.stringify(message?.body)).toContain(`@${cast.people.head.name}`);
  });

  it('reaches someone who muted the collaboration through the bell only', async () => {
    await head.put('/me/preferences', { mutedCollaborationIds: [cast.collaboration.id] });
    const remark = await admin.post(`/collaborations/${cast.collaboration.id}/remarks`, { text: '预算需财务复核' });
    const rows = (await rowsOf(remark.body.id)).filter((r) => r.recipientId === cast.people.head.id);
    expect(rows.map((r) => r.channel)).toEqual(['in_app']);
  });

  it('collects e-mail into one daily digest at the start of working hours', async () => {
    await head.put('/me/preferences', { dailyDigest: true });
    ctx.clock.set('2024-07-11T15:00:00+08:00');
    const remark = await admin.post(`/collaborations/${cast.collaboration.id}/remarks`, { text: '场地需提前两周确认' });
    const rows = (await rowsOf(remark.body.id)).filter((r) => r.recipientId === cast.people.head.id);
    expect(rows.map((r) => r.channel)).toEqual(['in_app']);
    const sweep = (at: string) => {
      ctx.clock.set(at);
      return runReminderSweep({ db: ctx.database.db, scheduleEscalations: async () => {} }, ctx.clock.now(), { orgIds: [cast.org.id] });
    };
    expect((await sweep('2024-07-12T09:29:00+08:00')).daily_digest).toBe(0);
    expect((await sweep('2024-07-12T09:30:00+08:00')).daily_digest).toBe(1);
    expect((await sweep('2024-07-12T09:31:00+08:00')).daily_digest).toBe(0);
    const [digest] = await ctx.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.event, 'daily_digest'), eq(notifications.recipientId, cast.people.head.id)));
    expect(digest).toMatchObject({ channel: 'email' });
    await deliverAll();
    const mail = receivers.smtp.messages.find((m) => m.dedupeKey === digest!.dedupeKey);
    expect(mail?.subject).toMatch(/^每日提醒汇总/);
    expect(mail?.parts.find((p) => p.contentType.startsWith('text/plain'))?.body).toContain('备注');
    await head.put('/me/preferences', {});
  });
});

function healReceivers() {
  for (const receiver of [receivers.dingtalk, receivers.feishu, receivers.wecom, receivers.webhook]) receiver.configure({ failRate: 0, resetRate: 0 });
  receivers.smtp.configure({ failRate: 0, resetRate: 0 });
}
