/**
 * Every row that search reads carries the vector of its current text (src/server/search/search-text.ts):
 * after the demo seed, after each command that writes searchable text, and after the backfill that
 * migration 0005 relies on.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillSearchText } from '../src/server/db/data-migrations.ts';
import { dataMigrations } from '../src/server/db/schema/index.ts';
import { seedDemo } from '../src/server/demo/seed-demo.ts';
import { buildTestApp, closeTestApp, loginAs, type Session, type TestContext } from './app.ts';
import { buildTemplateCast } from './factories.ts';
import { staleSearchTexts } from './search-text-check.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let head: Session, recorder: Session, designer: Session;

beforeAll(async () => {
  ctx = await buildTestApp('2024-07-08T09:00:00+08:00');
  cast = await buildTemplateCast(ctx.database.db);
  head = await loginAs(ctx.app, cast.people.head);
  recorder = await loginAs(ctx.app, cast.people.recorder);
  designer = await loginAs(ctx.app, cast.people.designer);
});
afterAll(() => closeTestApp(ctx));

const ok = (response: { status: number; body: unknown }, status = 200) => {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return response.body as any;
};

describe('search_text', () => {
  it('is current on every row of the demo seed', async () => {
    const demo = await seedDemo(ctx.database.db, { now: ctx.clock.now(), password: 'demo-pass-2024', emailDomain: `demo-${randomUUID().slice(0, 8)}.test` });
    const { rows, stale } = await staleSearchTexts(ctx.database.db, demo.orgId);
    expect(rows).toBeGreaterThan(20);
    expect(stale).toEqual([]);
  });

  it('is kept current by every command that writes searchable text', async () => {
    const d = cast.departments;
    const p = cast.people;
    const collaboration = ok(
      await head.post('/collaborations', {
        topic: '2024年Q4渠道大会',
        goal: '签约50家渠道',
        scenario: 'major_project',
        initiatingDepartmentId: d.market.id,
        participatingDepartmentIds: [d.rnd.id, d.design.id],
      }),
      201,
    );
    ok(await head.patch(`/collaborations/${collaboration.id}`, { topic: '2024年Q4渠道伙伴大会', progressSummary: '场地已确认，预算待批' }));
    ok(await head.post(`/collaborations/${collaboration.id}/remarks`, { text: '风险：主视觉供应商排期紧张', kind: 'risk' }), 201);
    const meeting = ok(
      await head.post(`/collaborations/${collaboration.id}/meetings`, {
        plannedStart: '2024-07-10T14:00:00+08:00',
        plannedEnd: '2024-07-10T16:00:00+08:00',
        mode: 'offline',
        hostId: p.head.id,
        recorderId: p.recorder.id,
        attendeeIds: [p.engineer.id, p.designer.id],
      }),
      201,
    );
    const topic = ok(
      await recorder.post(`/meetings/${meeting.id}/topics`, {
        title: '主视觉设计稿评审',
        discussion: '视觉风格统一为科技蓝',
        feedback: [{ departmentId: d.rnd.id, text: '研发部反馈需求传递不清晰' }],
      }),
      201,
    );
    ok(
      await recorder.patch(`/topics/${topic.id}`, {
        title: '主视觉终稿评审',
        consensus: '周五前定稿',
        feedback: [
          { departmentId: d.rnd.id, text: '同意' },
          { departmentId: d.design.id, text: '需要iPhone适配稿' },
        ],
      }),
    );
    const item = ok(
      await head.post(`/collaborations/${collaboration.id}/action-items`, {
        description: '完成主视觉设计稿',
        ownerId: p.designer.id,
        dueDate: '2024-07-25',
        deliverable: 'PSD源文件',
        meetingId: meeting.id,
      }),
      201,
    );
    ok(await head.patch(`/action-items/${item.id}`, { description: '完成主视觉与KV设计稿', deliverable: 'PSD源文件与适配稿' }));
    ok(
      await designer.post(`/action-items/${item.id}/updates`, {
        progress: 60,
        statusText: '设计中-完成60%',
        delayCode: 'requirement_change',
        delayReason: '需求变更：新增iPhone适配',
        remedy: '周末加班追赶',
        newDueDate: '2024-07-27',
      }),
      201,
    );
    ok(await designer.post(`/action-items/${item.id}/updates`, { progress: 100, statusText: '已交付终稿' }), 201);
    ok(await head.post(`/action-items/${item.id}/reopen`, { reason: '缺少横版适配稿' }));

    const { rows, stale } = await staleSearchTexts(ctx.database.db, cast.org.id);
    expect(rows).toBeGreaterThanOrEqual(9);
    expect(stale).toEqual([]);
    const found = ok(await designer.get(`/search?q=${encodeURIComponent('横版适配')}`));
    expect(found.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['action_item', 'progress_update']);
  });

  it('is filled by the backfill for rows written before migration 0005, and the backfill is recorded', async () => {
    const db = ctx.database.db;
    const orgId = cast.org.id;
    for (const table of ['collaborations', 'topics', 'topic_feedback', 'action_items', 'progress_updates', 'remarks']) {
      await db.execute(sql`UPDATE ${sql.identifier(table)} SET search_text = ''::tsvector WHERE org_id = ${orgId}::uuid`);
    }
    expect((await staleSearchTexts(db, orgId)).stale.length).toBeGreaterThan(5);
    expect(ok(await designer.get(`/search?q=${encodeURIComponent('横版')}`)).items).toEqual([]);
    await backfillSearchText(db, { orgId });
    expect((await staleSearchTexts(db, orgId)).stale).toEqual([]);
    expect(ok(await designer.get(`/search?q=${encodeURIComponent('横版')}`)).items).toHaveLength(2);
    const recorded = await db.select().from(dataMigrations).where(eq(dataMigrations.name, 'search_text_backfill'));
    expect(recorded).toHaveLength(1);
  });
});
