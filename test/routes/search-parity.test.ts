/**
 * GET /search answers exactly what a plain `ILIKE '%q%'` scan under the same permissions answers, on a fixed
 * corpus of Chinese and mixed text, for 1- to 6-character queries, ASCII inside words, full-width forms,
 * LIKE metacharacters and emoji — on PGlite and on PostgreSQL alike. The bigram index only narrows.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor, type Actor } from '../../src/server/auth/actor.ts';
import { queryRows } from '../../src/server/db/client.ts';
import { containsPattern, searchRecords } from '../../src/server/db/queries/search.ts';
import { actionItems, meetings, progressUpdates, remarks, topicFeedback, topics } from '../../src/server/db/schema/index.ts';
import { visibleCollaborationSql } from '../../src/server/policies/collaboration.ts';
import { sensitiveVisibleSql } from '../../src/server/policies/sensitive.ts';
import { withSearchText } from '../../src/server/search/search-text.ts';
import { buildTestApp, closeTestApp, loginAs, type Session, type TestContext } from '../app.ts';
import { buildCollaboration, buildTemplateCast } from '../factories.ts';

const MARKER = '绝密';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
const names: Record<string, string> = {};
let sessions: Record<'head' | 'engineer' | 'seller' | 'outsider' | 'pmo' | 'orgAdmin', Session>;

const at = (minute: number) => new Date(Date.UTC(2024, 6, 10, 2, minute));

beforeAll(async () => {
  ctx = await buildTestApp('2024-07-20T10:00:00+08:00');
  const db = ctx.database.db;
  cast = await buildTemplateCast(db);
  const { org, people: p, departments: d, collaboration } = cast;
  sessions = {} as typeof sessions;
  for (const key of ['head', 'engineer', 'seller', 'outsider', 'pmo', 'orgAdmin'] as const) sessions[key] = await loginAs(ctx.app, p[key]);

  const archived = await buildCollaboration(db, org.id, {
    creatorId: p.head.id,
    initiatingDepartmentId: d.market.id,
    participatingDepartmentIds: [d.rnd.id],
    topic: '2024年Q2 CRM系统升级',
    status: 'completed',
    archivedAt: at(0),
  });
  // 研发部 does not take part: the engineer must find nothing of it.
  const salesOnly = await buildCollaboration(db, org.id, {
    creatorId: p.head.id,
    initiatingDepartmentId: d.market.id,
    participatingDepartmentIds: [d.sales.id],
    topic: '渠道视觉物料与预算',
  });
  names[collaboration.id] = 'collaboration:launch';
  names[archived.id] = 'collaboration:archived';
  names[salesOnly.id] = 'collaboration:salesOnly';

  const meetingOf = async (collaborationId: string, minute: number) => {
    const [row] = await db
      .insert(meetings)
      .values({ orgId: org.id, collaborationId, plannedStart: at(minute), plannedEnd: at(minute + 1), mode: 'online', hostId: p.head.id, recorderId: p.recorder.id, createdBy: p.head.id })
      .returning();
    return row!.id;
  };
  const launchMeeting = await meetingOf(collaboration.id, 1);
  const salesMeeting = await meetingOf(salesOnly.id, 2);

  let minute = 10;
  const topic = async (key: string, meetingId: string, texts: { title: string; discussion?: string; disagreements?: string; consensus?: string }, feedback: string[] = [], secret = false) => {
    const [row] = await db
      .insert(topics)
      .values(withSearchText('topics', { orgId: org.id, meetingId, position: minute, ...texts, sensitive: secret, visibleToUserIds: secret ? [p.head.id] : [], createdAt: at(minute++) }))
      .returning();
    for (const [position, text] of feedback.entries()) {
      await db.insert(topicFeedback).values(withSearchText('topicFeedback', { orgId: org.id, topicId: row!.id, departmentId: d.rnd.id, position, text }));
    }
    names[row!.id] = `topic:${key}`;
  };
  const item = async (key: string, collaborationId: string, texts: { description: string; deliverable: string; statusText?: string }, secret = false) => {
    const [row] = await db
      .insert(actionItems)
      .values(
        withSearchText('actionItems', {
          orgId: org.id,
          collaborationId,
          ...texts,
          ownerId: p.designer.id,
          dueDate: '2024-07-25',
          originalDueDate: '2024-07-25',
          sensitive: secret,
          visibleToUserIds: secret ? [p.head.id] : [],
          createdBy: p.head.id,
          createdAt: at(minute++),
        }),
      )
      .returning();
    names[row!.id] = `item:${key}`;
    return row!.id;
  };
  const update = async (key: string, actionItemId: string, texts: { statusText: string; delayReason?: string; remedy?: string }) => {
    const [row] = await db
      .insert(progressUpdates)
      .values(withSearchText('progressUpdates', { orgId: org.id, actionItemId, authorId: p.designer.id, progress: 50, status: 'in_progress', ...texts, createdAt: at(minute++) }))
      .returning();
    names[row!.id] = `update:${key}`;
  };
  const remark = async (key: string, collaborationId: string, text: string) => {
    const [row] = await db.insert(remarks).values(withSearchText('remarks', { orgId: org.id, collaborationId, authorId: p.head.id, text, createdAt: at(minute++) })).returning();
    names[row!.id] = `remark:${key}`;
  };

  await topic('visual', launchMeeting, { title: '主视觉设计稿评审', discussion: '视觉风格统一为科技蓝，ＰＳＤ源文件（全角）由设计部提供' }, ['研发部反馈需求传递不清晰，预算未定']);
  await topic('launch', launchMeeting, { title: 'Q3发布会 budget 预算表', discussion: '2024Q3发布会流程确认；budgeting 与 rebudget 都要评估', consensus: '发布会🎉圆满成功' });
  await topic('naming', launchMeeting, { title: '命名规范', discussion: 'file_name_v2 与 a_b 命名，完成80%，剩余20%' }, ['需求变更（客户）；预算-调整']);
  await topic('long', launchMeeting, { title: '长文本', discussion: `${'会议讨论了很多细节，包括时间、地点与人员。'.repeat(400)}尾部关键字节点` });
  await topic('secret', launchMeeting, { title: '场地预算', discussion: `${MARKER}：场地成本120万` }, [`${MARKER}预算需要压缩`], true);
  await topic('salesOnly', salesMeeting, { title: '渠道视觉物料', discussion: '预算另议' });
  const visualItem = await item('visual', collaboration.id, { description: '完成主视觉设计稿', deliverable: 'PSD源文件与iPhone适配稿', statusText: '设计中-完成80%' });
  const secretItem = await item('secret', collaboration.id, { description: `核算${MARKER}预算明细`, deliverable: '成本表' }, true);
  await item('archived', archived.id, { description: '升级CRM数据库', deliverable: '迁移报告' });
  await item('salesOnly', salesOnly.id, { description: '渠道视觉物料制作', deliverable: '物料清单' });
  await item('percent', collaboration.id, { description: '100%完成验收', deliverable: '验收单_v1' });
  await update('visual', visualItem, { statusText: '设计中', delayReason: '需求变更：新增iPhone适配', remedy: '周末加班追赶' });
  await update('secret', secretItem, { statusText: '进行中', delayReason: `${MARKER}审批延迟` });
  await remark('risk', collaboration.id, '风险：主视觉供应商排期紧张');
  await remark('archived', archived.id, 'CRM迁移已归档');
});
afterAll(() => closeTestApp(ctx));

const QUERIES = [
  '视觉', '预算', '发布会', '需求变更', '主视觉设计稿', '主视觉设计稿评审', 'budget', 'dget', 'BUDGET', 'Q3发布会', 'q3', '4Q3发',
  'iPhone适配', 'PHONE适', 'psd', 'ＰＳＤ', '80%', '%', '_', 'a_b', 'v2 与', '🎉', '会🎉', '预', 'a', '关键字节点', '尾部关键',
  MARKER, '120万', 'crm', '没有这个词', '（客户）', '-调', '：', '设计中-完成',
];

/** The same question as plain ILIKE scans, with the same permission predicates and no index. */
async function ilikeScan(actor: Actor, q: string): Promise<string[]> {
  const pattern = containsPattern(q);
  const like = (column: string) => sql`${sql.raw(column)} ILIKE ${pattern}`;
  const rows = await queryRows<{ id: string }>(
    ctx.database.db,
    sql`
    WITH visible AS (SELECT c.id FROM collaborations c WHERE ${visibleCollaborationSql(actor, sql.raw('c'))})
    SELECT c.id FROM collaborations c WHERE c.id IN (SELECT id FROM visible) AND (${like('c.topic')} OR ${like('c.goal')} OR ${like('c.progress_summary')})
    UNION ALL
    SELECT t.id FROM topics t JOIN meetings m ON m.id = t.meeting_id
    WHERE m.collaboration_id IN (SELECT id FROM visible) AND ${sensitiveVisibleSql(actor, 't')}
      AND (${like('t.title')} OR ${like('t.discussion')} OR ${like('t.disagreements')} OR ${like('t.consensus')}
        OR EXISTS (SELECT 1 FROM topic_feedback f WHERE f.topic_id = t.id AND ${like('f.text')}))
    UNION ALL
    SELECT a.id FROM action_items a WHERE a.collaboration_id IN (SELECT id FROM visible) AND ${sensitiveVisibleSql(actor, 'a')}
      AND (${like('a.description')} OR ${like('a.deliverable')} OR ${like('a.status_text')})
    UNION ALL
    SELECT u.id FROM progress_updates u JOIN action_items a ON a.id = u.action_item_id
    WHERE a.collaboration_id IN (SELECT id FROM visible) AND ${sensitiveVisibleSql(actor, 'a')}
      AND (${like('u.status_text')} OR ${like('u.delay_reason')} OR ${like('u.remedy')})
    UNION ALL
    SELECT r.id FROM remarks r WHERE r.collaboration_id IN (SELECT id FROM visible) AND ${like('r.text')}`,
  );
  return rows.map((r) => names[r.id] ?? r.id).sort();
}

async function viaIndex(actor: Actor, q: string): Promise<string[]> {
  const rows = await searchRecords(ctx.database.db, actor, { q, limit: 500 });
  return rows.map((r) => names[r.id] ?? r.id).sort();
}

describe('GET /search against a plain ILIKE scan', () => {
  it('gives the same results for every query and every kind of reader', async () => {
    for (const key of ['head', 'engineer', 'seller', 'outsider', 'pmo', 'orgAdmin'] as const) {
      const actor = (await loadActor(ctx.database.db, cast.people[key].id, 'session'))!;
      for (const q of QUERIES) expect(await viaIndex(actor, q), `${key} searching ${q}`).toEqual(await ilikeScan(actor, q));
    }
  });

  it('has the copied collaboration filled on topics, feedback and updates, and does not depend on it', async () => {
    const db = ctx.database.db;
    const missing = await queryRows<{ n: number }>(
      db,
      sql`SELECT (SELECT count(*) FROM topics WHERE org_id = ${cast.org.id}::uuid AND collaboration_id IS DISTINCT FROM (SELECT collaboration_id FROM meetings m WHERE m.id = meeting_id))
        + (SELECT count(*) FROM topic_feedback f WHERE org_id = ${cast.org.id}::uuid AND collaboration_id IS DISTINCT FROM (SELECT m.collaboration_id FROM topics t JOIN meetings m ON m.id = t.meeting_id WHERE t.id = f.topic_id))
        + (SELECT count(*) FROM progress_updates u WHERE org_id = ${cast.org.id}::uuid AND collaboration_id IS DISTINCT FROM (SELECT a.collaboration_id FROM action_items a WHERE a.id = u.action_item_id)) AS n`,
    );
    expect(Number(missing[0]!.n)).toBe(0);
    const actor = (await loadActor(db, cast.people.engineer.id, 'session'))!;
    const before = await Promise.all(QUERIES.map((q) => viaIndex(actor, q)));
    // As a seeder that bypasses triggers would leave them: search must still find these rows.
    for (const table of ['topics', 'topic_feedback', 'progress_updates']) {
      await db.execute(sql`UPDATE ${sql.identifier(table)} SET collaboration_id = NULL WHERE org_id = ${cast.org.id}::uuid`);
    }
    expect(await Promise.all(QUERIES.map((q) => viaIndex(actor, q)))).toEqual(before);
  });

  it('pages in the same order as one long page, whatever the page size', async () => {
    for (const key of ['engineer', 'pmo'] as const) {
      const actor = (await loadActor(ctx.database.db, cast.people[key].id, 'session'))!;
      for (const q of ['视觉', '预算', '发布会', 'a', '进行中', '：']) {
        const whole = (await searchRecords(ctx.database.db, actor, { q, limit: 500 })).map((r) => r.id);
        for (const limit of [1, 2, 3]) {
          const paged: string[] = [];
          let after: { rank: number; createdAt: string; id: string } | undefined;
          for (;;) {
            const rows = await searchRecords(ctx.database.db, actor, { q, limit, after });
            paged.push(...rows.slice(0, limit).map((r) => r.id));
            if (rows.length <= limit) break;
            const last = rows[limit - 1]!;
            after = { rank: last.rank, createdAt: last.created_at.toISOString(), id: last.id };
          }
          expect(paged, `${key} searching ${q} ${limit} at a time`).toEqual(whole);
        }
      }
    }
  });

  it('answers the same concrete results on every back end', async () => {
    const actor = (await loadActor(ctx.database.db, cast.people.engineer.id, 'session'))!;
    expect(await viaIndex(actor, '视觉')).toEqual(['item:visual', 'remark:risk', 'topic:visual']);
    expect(await viaIndex(actor, '预算')).toEqual(['topic:launch', 'topic:naming', 'topic:visual']);
    expect(await viaIndex(actor, 'dget')).toEqual(['topic:launch']);
    expect(await viaIndex(actor, 'Q3发布会')).toEqual(['topic:launch']);
    expect(await viaIndex(actor, '4Q3发')).toEqual(['topic:launch']);
    expect(await viaIndex(actor, 'PHONE适')).toEqual(['item:visual', 'update:visual']);
    expect(await viaIndex(actor, 'psd')).toEqual(['item:visual']);
    expect(await viaIndex(actor, 'ＰＳＤ')).toEqual(['topic:visual']);
    expect(await viaIndex(actor, '80%')).toEqual(['item:visual', 'topic:naming']);
    expect(await viaIndex(actor, 'a_b')).toEqual(['topic:naming']);
    expect(await viaIndex(actor, '_')).toEqual(['item:percent', 'topic:naming']);
    expect(await viaIndex(actor, '会🎉')).toEqual(['topic:launch']);
    expect(await viaIndex(actor, '关键字节点')).toEqual(['topic:long']);
    expect(await viaIndex(actor, 'crm')).toEqual(['collaboration:archived', 'item:archived', 'remark:archived']);
    expect(await viaIndex(actor, '没有这个词')).toEqual([]);
  });

  it('finds archived records and flags them', async () => {
    const { items } = (await sessions.engineer.get(`/search?q=${encodeURIComponent('CRM')}`)).body as { items: { id: string; archived: boolean }[] };
    expect(items.map((i) => [names[i.id], i.archived])).toEqual([
      ['collaboration:archived', true],
      ['item:archived', true],
      ['remark:archived', true],
    ]);
  });

  it('never shows sensitive content to a reader it does not name, in results or snippets', async () => {
    for (const key of ['engineer', 'seller', 'pmo', 'orgAdmin'] as const) {
      for (const q of [...QUERIES, '场地', '审批', '明细', '压缩']) {
        const response = await sessions[key].get(`/search?q=${encodeURIComponent(q)}&limit=100`);
        expect(response.status).toBe(200);
        expect(JSON.stringify(response.body), `${key} searching ${q}`).not.toContain(MARKER);
      }
    }
    const named = (await sessions.head.get(`/search?q=${encodeURIComponent(MARKER)}`)).body.items.map((i: { id: string }) => names[i.id]).sort();
    expect(named).toEqual(['item:secret', 'topic:secret', 'update:secret']);
  });

  it('answers an outsider with nothing', async () => {
    for (const q of QUERIES) expect((await sessions.outsider.get(`/search?q=${encodeURIComponent(q)}`)).body.items, q).toEqual([]);
  });
});
