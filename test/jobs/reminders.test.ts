/**
 * The template's example walked with a fake clock from scheduling to escalation, the minute sweep run at
 * each step (and again, to show it raises nothing twice): agenda reminder, action-list reminder at 2 h,
 * publish reminder at 20 h, late flag at 24 h, the published record to each owner and the chat group,
 * the stale nudge at 3 days and again at 6, D-1, the daily overdue reminder and the escalation at 3 days
 * overdue with exactly one draft progress-sync meeting. Then everything is delivered to local receivers.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { buildTestApp, closeTestApp, loginAs, type Session, type TestContext } from '../app.ts';
import { buildTemplateCast } from '../factories.ts';
import { actionItems, auditEvents, meetingActionItems, meetings, notifications, remarks } from '../../src/server/db/schema/index.ts';
import { runReminderSweep } from '../../src/server/jobs/reminder-sweep.ts';
import { escalateOverdueItem } from '../../src/server/jobs/escalate-overdue-item.ts';
import { defaultDeliveryOptions, deliverDueNotifications } from '../../src/server/jobs/deliver-notifications.ts';
import { configureOutbox } from '../../src/server/notifications/outbox.ts';
import { createSecretBox } from '../../src/server/notifications/channels/secret-box.ts';
import { createMailTransport } from '../../src/server/notifications/channels/email.ts';
import type { SendSettings } from '../../src/server/notifications/deliver.ts';
import { startDingTalkReceiver, type DingTalkReceiver } from '../receivers/dingtalk.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../receivers/smtp.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let head: Session, recorder: Session, designer: Session, engineer: Session;
let dingtalk: DingTalkReceiver;
let smtp: SmtpReceiver;
let settings: SendSettings;

const robotSecret = 'SEC' + randomBytes(16).toString('hex');

beforeAll(async () => {
  dingtalk = await startDingTalkReceiver({ launch: { secret: robotSecret } });
  smtp = await startSmtpReceiver();
  settings = {
    publicUrl: 'https://liaison.example.com',
    allowPrivate: true,
    secretBox: createSecretBox(randomBytes(32)),
    mail: { transport: createMailTransport(smtp.url), from: 'Liaison <liaison@example.com>' },
  };
  configureOutbox({ emailEnabled: true });
  ctx = await buildTestApp('2024-07-08T09:00:00+08:00', { notifications: settings });
  cast = await buildTemplateCast(ctx.database.db);
  head = await loginAs(ctx.app, cast.people.head);
  recorder = await loginAs(ctx.app, cast.people.recorder);
  designer = await loginAs(ctx.app, cast.people.designer);
  engineer = await loginAs(ctx.app, cast.people.engineer);
});
afterAll(async () => {
  configureOutbox({ emailEnabled: false });
  settings?.mail?.transport.close();
  await closeTestApp(ctx);
  await dingtalk?.close();
  await smtp?.close();
});

const at = (iso: string) => ctx.clock.set(iso);

/** One sweep of this organisation, escalations run at once (the worker hands them to pg-boss). */
async function sweep() {
  const now = ctx.clock.now();
  return runReminderSweep(
    {
      db: ctx.database.db,
      scheduleEscalations: async (_orgId, itemIds) => {
        for (const id of itemIds) await escalateOverdueItem(ctx.database.db, id, now);
      },
    },
    now,
    { orgIds: [cast.org.id] },
  );
}

async function outbox(event: string, entityId?: string) {
  return ctx.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.orgId, cast.org.id), eq(notifications.event, event), entityId ? eq(notifications.entityId, entityId) : undefined))
    .orderBy(asc(notifications.createdAt), asc(notifications.dedupeKey));
}

const inApp = (rows: (typeof notifications.$inferSelect)[]) => rows.filter((r) => r.channel === 'in_app');

describe('2024年Q3新品发布会筹备: reminders from scheduling to escalation', () => {
  let meetingId: string;
  const items: Record<'visual' | 'samples' | 'guests', string> = { visual: '', samples: '', guests: '' };

  it('reminds the host once the agenda is within a day of its deadline, once however often the sweep runs', async () => {
    const created = await head.post(`/collaborations/${cast.collaboration.id}/channels`, {
      kind: 'dingtalk',
      name: '发布会协作群',
      url: dingtalk.robotUrl('launch'),
      secret: robotSecret,
    });
    expect(created.status).toBe(201);
    const meeting = await head.post(`/collaborations/${cast.collaboration.id}/meetings`, {
      plannedStart: '2024-07-10T14:00:00+08:00',
      plannedEnd: '2024-07-10T16:00:00+08:00',
      mode: 'offline',
      location: '3楼会议室',
      hostId: cast.people.head.id,
      recorderId: cast.people.recorder.id,
      attendeeIds: [cast.people.engineer.id, cast.people.seller.id, cast.people.designer.id, cast.people.support.id],
      agenda: ['新品发布会时间与流程', '发布会预算分配', '跨部门分工与协作接口'],
    });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.id;

    at('2024-07-08T13:59:00+08:00');
    expect((await sweep()).agenda_not_sent).toBe(0);
    at('2024-07-08T14:00:00+08:00');
    expect((await sweep()).agenda_not_sent).toBe(1);
    expect((await sweep()).agenda_not_sent).toBe(0);
    const rows = await outbox('agenda_not_sent', meetingId);
    expect(rows.map((r) => `${r.recipientId}:${r.channel}`).sort()).toEqual([`${cast.people.head.id}:email`, `${cast.people.head.id}:in_app`]);
    expect(rows.every((r) => r.nextAttemptAt.toISOString() === '2024-07-08T06:00:00.000Z')).toBe(true);

    at('2024-07-08T15:00:00+08:00');
    expect((await head.post(`/meetings/${meetingId}/agenda/send`)).status).toBe(200);
    const agenda = await outbox('agenda_sent', meetingId);
    expect(agenda.filter((r) => r.channel === 'dingtalk' && r.recipientId === null)).toHaveLength(1);
    at('2024-07-09T10:00:00+08:00');
    expect((await sweep()).agenda_not_sent).toBe(0);
  });

  it('reminds the recorder of the action list 2 hours after the meeting ended', async () => {
    at('2024-07-10T16:05:00+08:00');
    expect((await recorder.post(`/meetings/${meetingId}/held`, { endedAt: '2024-07-10T15:30:00+08:00' })).status).toBe(200);
    at('2024-07-10T17:29:00+08:00');
    expect((await sweep()).action_list_overdue).toBe(0);
    at('2024-07-10T17:31:00+08:00');
    expect((await sweep()).action_list_overdue).toBe(1);
    expect(inApp(await outbox('action_list_overdue', meetingId)).map((r) => r.recipientId)).toEqual([cast.people.recorder.id]);

    at('2024-07-10T17:40:00+08:00');
    const add = async (key: keyof typeof items, description: string, ownerId: string, dueDate: string, deliverable: string) => {
      const res = await recorder.post(`/collaborations/${cast.collaboration.id}/action-items`, { description, ownerId, dueDate, deliverable, meetingId });
      expect(res.status).toBe(201);
      items[key] = res.body.id;
    };
    await add('visual', '设计部完成发布会主视觉初稿', cast.people.designer.id, '2024-07-15', '3版主视觉设计稿');
    await add('samples', '研发部完成产品样品交付', cast.people.engineer.id, '2024-07-19', '样品5台');
    await add('guests', '销售部提供核心客户邀请名单（含联系方式）', cast.people.seller.id, '2024-07-19', '客户名单');
    expect((await sweep()).action_list_overdue).toBe(0);
  });

  it('reminds the recorder at 20 h, then flags the record late at 24 h and tells the initiating head', async () => {
    at('2024-07-11T11:29:00+08:00');
    expect((await sweep()).record_not_published).toBe(0);
    at('2024-07-11T11:31:00+08:00');
    expect((await sweep()).record_not_published).toBe(1);
    expect(inApp(await outbox('record_not_published', meetingId)).map((r) => r.recipientId)).toEqual([cast.people.recorder.id]);

    at('2024-07-11T15:30:00+08:00');
    expect((await sweep()).record_late).toBe(0);
    at('2024-07-11T15:31:00+08:00');
    expect((await sweep()).record_late).toBe(1);
    expect((await sweep()).record_late).toBe(0);
    const [meeting] = await ctx.database.db.select().from(meetings).where(eq(meetings.id, meetingId));
    expect(meeting!.lateFlaggedAt?.toISOString()).toBe('2024-07-11T07:31:00.000Z');
    const late = inApp(await outbox('record_late', meetingId)).map((r) => r.recipientId);
    expect(late.sort()).toEqual([cast.people.head.id, cast.people.recorder.id].sort());
    const [audit] = await ctx.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, meetingId), eq(auditEvents.action, 'record_late')));
    expect(audit).toMatchObject({ actorId: null, orgId: cast.org.id, collaborationId: cast.collaboration.id });
  });

  it('publishes late: each owner gets their own items, the chat group the summary with the head named', async () => {
    at('2024-07-11T16:00:00+08:00');
    const d = cast.departments;
    const topic = await recorder.post(`/meetings/${meetingId}/topics`, {
      title: '跨部门分工与协作接口',
      discussion: '各部门确认分工',
      feedback: [d.rnd, d.sales, d.design, d.service].map((dept) => ({ departmentId: dept.id, text: `${dept.name}同意` })),
      consensus: '按行动项清单推进',
    });
    expect(topic.status).toBe(201);
    const published = await recorder.post(`/meetings/${meetingId}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.publishedLate).toBe(true);

    const rows = await outbox('record_published', meetingId);
    const itemsOf = (userId: string) => (inApp(rows).find((r) => r.recipientId === userId)?.payload.items as { id: string }[] | undefined)?.map((i) => i.id);
    expect(itemsOf(cast.people.designer.id)).toEqual([items.visual]);
    expect(itemsOf(cast.people.engineer.id)).toEqual([items.samples]);
    expect(itemsOf(cast.people.seller.id)).toEqual([items.guests]);
    expect(itemsOf(cast.people.head.id)).toBeUndefined();
    const group = rows.filter((r) => r.recipientId === null);
    expect(group).toHaveLength(1);
    expect(group[0]).toMatchObject({ channel: 'dingtalk', payload: { itemCount: 3, mentions: { names: [cast.people.head.name] } } });
    expect(group[0]!.payload.items).toBeUndefined();
  });

  it('nudges owners without an update after 3 days and again after 6, held to Monday 09:30 over the weekend', async () => {
    at('2024-07-12T10:00:00+08:00');
    expect((await designer.post(`/action-items/${items.visual}/updates`, { progress: 80, statusText: '设计中-完成80%' })).status).toBe(201);

    at('2024-07-13T17:39:00+08:00');
    expect((await sweep()).stale_item).toBe(0);
    at('2024-07-13T17:41:00+08:00');
    expect((await sweep()).stale_item).toBe(2);
    expect((await sweep()).stale_item).toBe(0);
    const first = await outbox('stale_item', items.samples);
    expect(first.map((r) => r.channel).sort()).toEqual(['email', 'in_app']);
    // Saturday: the nudge waits for the start of the next working day.
    expect(first.every((r) => r.nextAttemptAt.toISOString() === '2024-07-15T01:30:00.000Z')).toBe(true);
    expect(await outbox('stale_item', items.visual)).toHaveLength(0);

    at('2024-07-15T11:00:00+08:00');
    expect((await designer.post(`/action-items/${items.visual}/updates`, { progress: 100, statusText: '已交付3版主视觉' })).status).toBe(201);

    at('2024-07-16T17:41:00+08:00');
    expect((await sweep()).stale_item).toBe(2);
    const second = inApp(await outbox('stale_item', items.samples));
    expect(second).toHaveLength(2);
    expect(second.map((r) => r.payload.staleDays)).toEqual([3, 6]);
    expect(new Set(second.map((r) => r.dedupeKey)).size).toBe(2);
  });

  it('asks for the D-1 update; due at 03:00 it waits until 09:30', async () => {
    at('2024-07-18T03:00:00+08:00');
    const report = await sweep();
    expect(report.update_due_tomorrow).toBe(2);
    const rows = await outbox('update_due_tomorrow', items.samples);
    expect(rows.map((r) => r.nextAttemptAt.toISOString())).toEqual(['2024-07-18T01:30:00.000Z', '2024-07-18T01:30:00.000Z']);
    expect((await sweep()).update_due_tomorrow).toBe(0);
    // The bell shows it from 09:30, not at 03:00 (signed in afresh: the fake clock has outrun the session).
    engineer = await loginAs(ctx.app, cast.people.engineer);
    const bell = await engineer.get('/notifications');
    expect(bell.body.items.some((n: { event: string }) => n.event === 'update_due_tomorrow')).toBe(false);
    at('2024-07-18T09:30:00+08:00');
    const later = await engineer.get('/notifications');
    expect(later.body.items.some((n: { event: string }) => n.event === 'update_due_tomorrow')).toBe(true);
    at('2024-07-18T10:00:00+08:00');
    expect((await engineer.post(`/action-items/${items.samples}/updates`, { progress: 60, statusText: '样品组装中-完成60%' })).status).toBe(201);
  });

  it('reminds overdue owners once a day', async () => {
    at('2024-07-20T10:00:00+08:00');
    expect((await sweep()).item_overdue).toBe(2);
    expect((await sweep()).item_overdue).toBe(0);
    at('2024-07-21T10:00:00+08:00');
    expect((await sweep()).item_overdue).toBe(2);
    const rows = inApp(await outbox('item_overdue', items.guests));
    expect(rows.map((r) => r.payload.daysOverdue)).toEqual([1, 2]);
    expect(rows.every((r) => r.recipientId === cast.people.seller.id)).toBe(true);
    expect(await outbox('escalation')).toHaveLength(0);
  });

  it('escalates at 3 days overdue: one draft progress-sync meeting for both items, remarks, audit, head told — even when the sweep runs twice', async () => {
    at('2024-07-22T00:30:00+08:00');
    const first = await sweep();
    expect(first.item_overdue).toBe(2);
    expect(first.escalationsScheduled).toBe(2);
    const again = await sweep();
    expect(again.escalationsScheduled).toBe(0);
    await escalateOverdueItem(ctx.database.db, items.samples, ctx.clock.now());

    const syncMeetings = await ctx.database.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.collaborationId, cast.collaboration.id), eq(meetings.kind, 'progress_sync')));
    expect(syncMeetings).toHaveLength(1);
    const sync = syncMeetings[0]!;
    expect(sync).toMatchObject({ minutesStatus: 'draft', hostId: cast.people.head.id, heldAt: null });
    expect(sync.plannedStart.toISOString()).toBe('2024-07-23T01:30:00.000Z');
    expect(sync.agenda).toHaveLength(2);
    expect(sync.agenda.join('\n')).toContain('研发部完成产品样品交付');
    const linked = await ctx.database.db.select().from(meetingActionItems).where(eq(meetingActionItems.meetingId, sync.id));
    expect(linked.map((l) => l.actionItemId).sort()).toEqual([items.samples, items.guests].sort());

    const escalationRemarks = await ctx.database.db
      .select()
      .from(remarks)
      .where(and(eq(remarks.collaborationId, cast.collaboration.id), eq(remarks.kind, 'escalation')));
    expect(escalationRemarks).toHaveLength(2);
    expect(escalationRemarks.every((r) => r.authorId === null && r.text.includes('逾期 3 天'))).toBe(true);

    const [item] = await ctx.database.db.select().from(actionItems).where(eq(actionItems.id, items.samples));
    expect(item!.escalatedAt?.toISOString()).toBe('2024-07-21T16:30:00.000Z');
    const audits = await ctx.database.db
      .select({ action: auditEvents.action, actorId: auditEvents.actorId, entityType: auditEvents.entityType })
      .from(auditEvents)
      .where(and(eq(auditEvents.collaborationId, cast.collaboration.id), eq(auditEvents.at, ctx.clock.now())));
    expect(audits.filter((a) => a.actorId === null).map((a) => `${a.entityType}:${a.action}`).sort()).toEqual(
      ['action_item:escalated', 'action_item:escalated', 'meeting:created', 'meeting:escalation_extended', 'remark:created', 'remark:created'].sort(),
    );

    const told = await outbox('escalation', items.samples);
    // The head created the collaboration, so head and creator are one person.
    expect(inApp(told).map((r) => r.recipientId)).toEqual([cast.people.head.id]);
    expect(told.filter((r) => r.recipientId === null).map((r) => r.channel)).toEqual(['dingtalk']);
    expect(told.every((r) => r.nextAttemptAt.toISOString() === '2024-07-22T01:30:00.000Z')).toBe(true);
  });

  it('delivers all of it: the chat group gets the summaries with the head named, e-mails carry the .ics', async () => {
    at('2024-07-22T10:00:00+08:00');
    const deps = { db: ctx.database.db, clock: ctx.clock, settings, orgIds: [cast.org.id], options: { ...defaultDeliveryOptions, batchSize: 50 } };
    for (let pass = 0; pass < 20; pass++) {
      const done = await deliverDueNotifications(deps);
      if (done.delivered + done.retry + done.dead === 0) break;
    }
    const pending = (await ctx.database.db.select().from(notifications).where(eq(notifications.orgId, cast.org.id))).filter((r) => !r.deliveredAt);
    expect(pending.map((r) => [r.event, r.channel, r.lastError])).toEqual([]);
    expect(dingtalk.duplicates()).toEqual([]);
    const groupTexts = dingtalk.accepted.map((a) => JSON.stringify(a.body));
    expect(groupTexts.some((t) => t.includes('会议记录已发布') && t.includes(`@${cast.people.head.name}`))).toBe(true);
    expect(groupTexts.some((t) => t.includes('逾期升级'))).toBe(true);
    const agendaMail = smtp.messages.find((m) => m.subject.startsWith('会议议程') && m.to.includes(cast.people.engineer.email));
    expect(agendaMail).toBeDefined();
    const ics = agendaMail!.parts.find((p) => p.contentType.startsWith('text/calendar'));
    expect(ics?.body).toContain(`UID:${meetingId}@liaison`);
    expect(ics?.body).toContain('DTSTART:20240710T060000Z');
    expect(smtp.duplicates()).toEqual([]);
  });
});
