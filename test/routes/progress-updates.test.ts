import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { buildTestApp, closeTestApp, loginAs, type Session, type TestContext } from '../app.ts';
import { buildTemplateCast } from '../factories.ts';
import { auditEvents, meetings, notifications, progressUpdates } from '../../src/server/db/schema/index.ts';

const START = '2024-07-08T10:00:00+08:00';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let as: Record<'head' | 'recorder' | 'engineer' | 'seller' | 'outsider' | 'pmo', Session>;
let meetingId: string;

beforeAll(async () => {
  ctx = await buildTestApp(START);
  cast = await buildTemplateCast(ctx.database.db);
  const p = cast.people;
  as = {
    head: await loginAs(ctx.app, p.head),
    recorder: await loginAs(ctx.app, p.recorder),
    engineer: await loginAs(ctx.app, p.engineer),
    seller: await loginAs(ctx.app, p.seller),
    outsider: await loginAs(ctx.app, p.outsider),
    pmo: await loginAs(ctx.app, p.pmo),
  };
  const [m] = await ctx.database.db
    .insert(meetings)
    .values({
      orgId: cast.org.id,
      collaborationId: cast.collaboration.id,
      plannedStart: new Date('2024-07-05T06:00:00Z'),
      plannedEnd: new Date('2024-07-05T08:00:00Z'),
      mode: 'online',
      hostId: p.head.id,
      recorderId: p.recorder.id,
      createdBy: p.head.id,
    })
    .returning();
  meetingId = m!.id;
});
afterAll(() => closeTestApp(ctx));
beforeEach(() => ctx.clock.set(START));

/** A fresh item owned by the engineer (研发部张工), due 2024-07-15, from the meeting the recorder minutes. */
async function newItem(overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await as.head.post(`/collaborations/${cast.collaboration.id}/action-items`, {
    description: '完成发布会邀请函 H5 开发',
    ownerId: cast.people.engineer.id,
    dueDate: '2024-07-15',
    deliverable: 'H5 页面上线链接',
    meetingId,
    ...overrides,
  });
  expect(response.status).toBe(201);
  return response.body.id;
}

const fieldPaths = (body: { error: { fields?: { path: string }[] } }) => (body.error.fields ?? []).map((f) => f.path);
const outboxOf = (entityId: string, event: string) =>
  ctx.database.db.select().from(notifications).where(and(eq(notifications.entityId, entityId), eq(notifications.event, event)));

describe('POST /action-items/:id/updates', () => {
  it('lets the owner report progress: the item moves to in progress and is fresh again', async () => {
    const id = await newItem();
    ctx.clock.advance(2 * HOUR);
    const response = await as.engineer.post(`/action-items/${id}/updates`, { progress: 40, statusText: '开发中-完成40%' });
    expect(response.status).toBe(201);
    expect(response.body.update).toMatchObject({
      actionItemId: id,
      author: { id: cast.people.engineer.id, name: '研发部张工' },
      progress: 40,
      statusText: '开发中-完成40%',
      status: 'in_progress',
      previousDueDate: null,
      newDueDate: null,
      createdAt: '2024-07-08T12:00:00+08:00',
    });
    expect(response.body.item).toMatchObject({ id, progress: 40, status: 'in_progress', statusText: '开发中-完成40%', lastUpdateAt: '2024-07-08T12:00:00+08:00', isStale: false });
    const [audit] = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'progress_updated')));
    expect(audit!.before).toEqual({ progress: 0, status: 'todo', statusText: '' });
  });

  it('marks the item stale after three days without an update', async () => {
    const id = await newItem({ dueDate: '2024-07-30' });
    ctx.clock.advance(3 * DAY);
    expect((await as.engineer.get(`/action-items/${id}`)).body.isStale).toBe(true);
    await as.engineer.post(`/action-items/${id}/updates`, { progress: 10, statusText: '需求梳理中' });
    expect((await as.engineer.get(`/action-items/${id}`)).body.isStale).toBe(false);
  });

  it('lets the meeting’s recorder and the collaboration’s editors post too, and records blocked', async () => {
    const id = await newItem();
    const byRecorder = await as.recorder.post(`/action-items/${id}/updates`, { progress: 30, statusText: '等待接口', status: 'blocked', delayCode: 'dependency_not_ready' });
    expect(byRecorder.status).toBe(201);
    expect(byRecorder.body.item.status).toBe('blocked');
    ctx.clock.advance(HOUR);
    const byHead = await as.head.post(`/action-items/${id}/updates`, { progress: 50, statusText: '接口已就绪', status: 'in_progress' });
    expect(byHead.status).toBe(201);
    expect(byHead.body.item.status).toBe('in_progress');
  });

  it('refuses other readers (403), outsiders (404), and bad input naming the field', async () => {
    const id = await newItem();
    const update = { progress: 10, statusText: '开始' };
    expect((await as.seller.post(`/action-items/${id}/updates`, update)).status).toBe(403);
    const pmo = await as.pmo.post(`/action-items/${id}/updates`, update);
    expect(pmo.status).toBe(403);
    expect(pmo.body.error.code).toBe('FORBIDDEN');
    expect((await as.outsider.post(`/action-items/${id}/updates`, update)).status).toBe(404);
    expect((await as.outsider.get(`/action-items/${id}/updates`)).status).toBe(404);

    const tooMuch = await as.engineer.post(`/action-items/${id}/updates`, { progress: 101, statusText: 'x' });
    expect(tooMuch.status).toBe(400);
    expect(fieldPaths(tooMuch.body)).toEqual(['progress']);
    const missing = await as.engineer.post(`/action-items/${id}/updates`, {});
    expect(fieldPaths(missing.body).sort()).toEqual(['progress', 'statusText']);
    const doneEarly = await as.engineer.post(`/action-items/${id}/updates`, { progress: 80, statusText: 'x', status: 'done' });
    expect(fieldPaths(doneEarly.body)).toEqual(['progress']);
    const ownerCancels = await as.engineer.post(`/action-items/${id}/updates`, { progress: 10, statusText: '不做了', status: 'cancelled' });
    expect(ownerCancels.status).toBe(403);
    const rows = await ctx.database.db.select().from(progressUpdates).where(eq(progressUpdates.actionItemId, id));
    expect(rows).toHaveLength(0);
  });

  it('refuses a due-date move without a reason, naming delayReason, and writes nothing', async () => {
    const id = await newItem();
    for (const body of [
      { progress: 60, statusText: '联调中', newDueDate: '2024-07-17' },
      { progress: 60, statusText: '联调中', newDueDate: '2024-07-17', delayReason: '   ' },
    ]) {
      const response = await as.engineer.post(`/action-items/${id}/updates`, body);
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toEqual([{ path: 'delayReason', message: '修改截止时间必须说明延期原因' }]);
    }
    const unchanged = await as.engineer.post(`/action-items/${id}/updates`, { progress: 60, statusText: '联调中', newDueDate: '2024-07-15', delayReason: '无' });
    expect(fieldPaths(unchanged.body)).toEqual(['newDueDate']);
    const vague = await as.engineer.post(`/action-items/${id}/updates`, { progress: 60, statusText: '联调中', newDueDate: '下周', delayReason: '需求变更' });
    expect(fieldPaths(vague.body)).toEqual(['newDueDate']);
    const badCode = await as.engineer.post(`/action-items/${id}/updates`, { progress: 60, statusText: '联调中', newDueDate: '2024-07-17', delayReason: '接口延期', delayCode: 'weather' });
    expect(badCode.body.error.fields).toEqual([{ path: 'delayCode', message: '未知的延期原因代码' }]);
    const item = await as.engineer.get(`/action-items/${id}`);
    expect(item.body).toMatchObject({ dueDate: '2024-07-15', progress: 0 });
  });

  it('moves the due date with a reason: recorded on the update, the item and the history, and the editors are told', async () => {
    const id = await newItem();
    ctx.clock.advance(HOUR);
    const response = await as.engineer.post(`/action-items/${id}/updates`, {
      progress: 60,
      statusText: '联调中-完成60%',
      newDueDate: '2024-07-17',
      delayCode: 'dependency_not_ready',
      delayReason: '支付接口延期两天交付',
      remedy: '先用模拟接口联调',
    });
    expect(response.status).toBe(201);
    expect(response.body.update).toMatchObject({
      previousDueDate: '2024-07-15',
      newDueDate: '2024-07-17',
      delayCode: 'dependency_not_ready',
      delayCodeLabel: { zh: '依赖未就绪', en: 'Dependency not ready' },
      delayReason: '支付接口延期两天交付',
      remedy: '先用模拟接口联调',
    });
    expect(response.body.item).toMatchObject({ dueDate: '2024-07-17', originalDueDate: '2024-07-15', updateDueOn: '2024-07-16' });

    const timeline = await as.seller.get(`/action-items/${id}/updates`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.items).toHaveLength(1);
    expect(timeline.body.items[0]).toMatchObject({ previousDueDate: '2024-07-15', newDueDate: '2024-07-17', delayReason: '支付接口延期两天交付' });

    const [moved] = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'due_date_moved')));
    expect(moved).toMatchObject({ actorId: cast.people.engineer.id, collaborationId: cast.collaboration.id });
    expect(moved!.before).toMatchObject({ dueDate: '2024-07-15' });
    expect(moved!.after).toMatchObject({ dueDate: '2024-07-17', reason: '支付接口延期两天交付' });

    const told = await outboxOf(id, 'due_date_moved');
    expect(told.map((n) => n.recipientId)).toEqual([cast.people.head.id]);
    expect(told[0]!.payload).toMatchObject({ previousDueDate: '2024-07-15', newDueDate: '2024-07-17', delayReason: '支付接口延期两天交付' });

    // A second move is its own event, measured from the new date.
    ctx.clock.advance(HOUR);
    const again = await as.head.post(`/action-items/${id}/updates`, { progress: 70, statusText: '联调中', newDueDate: '2024-07-19', delayReason: '测试环境故障' });
    expect(again.body.update).toMatchObject({ previousDueDate: '2024-07-17', newDueDate: '2024-07-19' });
    const history = await as.engineer.get(`/action-items/${id}/updates`);
    expect(history.body.items.map((u: { previousDueDate: string; newDueDate: string }) => [u.previousDueDate, u.newDueDate])).toEqual([
      ['2024-07-15', '2024-07-17'],
      ['2024-07-17', '2024-07-19'],
    ]);
    // The owner hears of a move someone else made.
    expect((await outboxOf(id, 'due_date_moved')).map((n) => n.recipientId).sort()).toEqual([cast.people.head.id, cast.people.engineer.id].sort());
  });

  it('marks the item done at 100 %, tells the initiating side and takes no further updates', async () => {
    const id = await newItem();
    ctx.clock.advance(DAY);
    const response = await as.engineer.post(`/action-items/${id}/updates`, { progress: 100, statusText: 'H5 已上线' });
    expect(response.status).toBe(201);
    expect(response.body.item).toMatchObject({ status: 'done', progress: 100, completedAt: '2024-07-09T10:00:00+08:00', updateDueOn: null });
    expect(response.body.item.abilities).toEqual({ update: false, postUpdate: false, accept: false, reopen: false });
    expect((await outboxOf(id, 'item_done')).map((n) => n.recipientId)).toEqual([cast.people.head.id]);

    const late = await as.engineer.post(`/action-items/${id}/updates`, { progress: 100, statusText: '补充截图' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('CONFLICT');
    const conflicting = await as.engineer.post(`/action-items/${await newItem()}/updates`, { progress: 100, statusText: 'x', status: 'blocked' });
    expect(fieldPaths(conflicting.body)).toEqual(['status']);
  });
});

describe('GET /action-items/:id/updates', () => {
  it('pages the timeline oldest first', async () => {
    const id = await newItem();
    for (const progress of [10, 20, 30]) {
      ctx.clock.advance(HOUR);
      expect((await as.engineer.post(`/action-items/${id}/updates`, { progress, statusText: `完成${progress}%` })).status).toBe(201);
    }
    const first = await as.pmo.get(`/action-items/${id}/updates?limit=2`);
    expect(first.body.items.map((u: { progress: number }) => u.progress)).toEqual([10, 20]);
    const second = await as.pmo.get(`/action-items/${id}/updates?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body).toMatchObject({ items: [{ progress: 30 }], nextCursor: null });
  });

  it('leaves a sensitive item’s words out of its timeline for those not named', async () => {
    const id = await newItem({ sensitive: true, description: '供应商报价对比', deliverable: '报价表' });
    await as.engineer.post(`/action-items/${id}/updates`, { progress: 20, statusText: '已收到三家报价', newDueDate: '2024-07-16', delayReason: '报价单价过高需重谈' });
    const hidden = await as.seller.get(`/action-items/${id}/updates`);
    expect(hidden.status).toBe(200);
    const raw = JSON.stringify(hidden.body);
    for (const secret of ['三家报价', '重谈', '供应商报价对比']) expect(raw).not.toContain(secret);
    expect(hidden.body.items[0]).toMatchObject({ restricted: true, progress: 20, previousDueDate: '2024-07-15', newDueDate: '2024-07-16' });
    const seen = await as.engineer.get(`/action-items/${id}/updates`);
    expect(seen.body.items[0]).toMatchObject({ restricted: false, statusText: '已收到三家报价' });
    const [told] = await outboxOf(id, 'due_date_moved');
    expect(JSON.stringify(told!.payload)).not.toContain('重谈');
  });
});

describe('POST /action-items/:id/accept', () => {
  it('is the initiating side’s, only for done items, once', async () => {
    const id = await newItem();
    const notDone = await as.head.post(`/action-items/${id}/accept`);
    expect(notDone.status).toBe(409);
    expect(notDone.body.error).toMatchObject({ code: 'CONFLICT', message: '只有已完成的行动项才能验收' });
    await as.engineer.post(`/action-items/${id}/updates`, { progress: 100, statusText: '已上线' });

    expect((await as.engineer.post(`/action-items/${id}/accept`)).status).toBe(403);
    // The recorder keeps the meeting's items but does not accept them for the initiating side.
    expect((await as.recorder.post(`/action-items/${id}/accept`)).status).toBe(403);
    expect((await as.pmo.post(`/action-items/${id}/accept`)).status).toBe(403);
    expect((await as.outsider.post(`/action-items/${id}/accept`)).status).toBe(404);

    ctx.clock.advance(HOUR);
    const accepted = await as.head.post(`/action-items/${id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'done', acceptedBy: cast.people.head.id, acceptedByName: cast.people.head.name, acceptedAt: '2024-07-08T11:00:00+08:00' });
    expect(accepted.body.abilities).toEqual({ update: true, postUpdate: false, accept: false, reopen: true });
    expect((await outboxOf(id, 'item_accepted')).map((n) => n.recipientId)).toEqual([cast.people.engineer.id]);
    const twice = await as.head.post(`/action-items/${id}/accept`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('该行动项已验收');
  });
});

describe('POST /action-items/:id/reopen', () => {
  it('sends a done item back with a reason, keeping its progress and its timeline', async () => {
    const id = await newItem();
    const open = await as.head.post(`/action-items/${id}/reopen`, { reason: '还没做完' });
    expect(open.status).toBe(409);
    expect(open.body.error.message).toBe('只有已完成或已取消的行动项才能重新打开');
    ctx.clock.advance(HOUR);
    await as.engineer.post(`/action-items/${id}/updates`, { progress: 100, statusText: '已上线' });
    ctx.clock.advance(HOUR);
    await as.head.post(`/action-items/${id}/accept`);

    const noReason = await as.head.post(`/action-items/${id}/reopen`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(fieldPaths(noReason.body)).toEqual(['reason']);
    expect((await as.engineer.post(`/action-items/${id}/reopen`, { reason: '我想再改改' })).status).toBe(403);
    expect((await as.pmo.post(`/action-items/${id}/reopen`, { reason: '返工' })).status).toBe(403);
    expect((await as.outsider.post(`/action-items/${id}/reopen`, { reason: '返工' })).status).toBe(404);

    ctx.clock.advance(HOUR);
    const reopened = await as.head.post(`/action-items/${id}/reopen`, { reason: '安卓机型上样式错乱，需返工' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'in_progress', progress: 100, acceptedAt: null, acceptedBy: null, acceptedByName: null, completedAt: null });
    expect(reopened.body.abilities.postUpdate).toBe(true);
    const timeline = await as.engineer.get(`/action-items/${id}/updates`);
    expect(timeline.body.items.at(-1)).toMatchObject({ statusText: '安卓机型上样式错乱，需返工', status: 'in_progress', author: { id: cast.people.head.id } });
    expect((await outboxOf(id, 'item_reopened')).map((n) => n.recipientId)).toEqual([cast.people.engineer.id]);
    const audits = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(asc(auditEvents.at));
    expect(audits.map((a) => a.action)).toEqual(['created', 'progress_updated', 'accepted', 'reopened']);

    // Back at work: the owner can finish it again.
    const again = await as.engineer.post(`/action-items/${id}/updates`, { progress: 100, statusText: '样式已修复' });
    expect(again.body.item.status).toBe('done');
  });

  it('reopens a cancelled item', async () => {
    const id = await newItem();
    expect((await as.head.patch(`/action-items/${id}`, { status: 'cancelled' })).body.status).toBe('cancelled');
    expect((await as.engineer.post(`/action-items/${id}/updates`, { progress: 10, statusText: 'x' })).status).toBe(409);
    const reopened = await as.head.post(`/action-items/${id}/reopen`, { reason: '客户重新提出需求' });
    expect(reopened.body.status).toBe('in_progress');
  });
});
