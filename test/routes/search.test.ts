import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, closeTestApp, call, loginAs, type Session, type TestContext } from '../app.ts';
import { buildCollaboration, buildTemplateCast } from '../factories.ts';
import { actionItems, collaborations, meetings, progressUpdates, remarks, topicFeedback, topics } from '../../src/server/db/schema/index.ts';
import { buildSnippet } from '../../src/server/presenters/search-result.ts';
import { searchTextOf, withSearchText } from '../../src/server/search/search-text.ts';

const NOW = '2024-07-20T10:00:00+08:00';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let head: Session, engineer: Session, outsider: Session, pmo: Session;
const ids = {} as Record<'topic' | 'secretTopic' | 'item' | 'secretItem' | 'update' | 'secretUpdate' | 'remark' | 'archived' | 'archivedItem', string>;

/** Distinct, increasing creation instants so "newer first" is the same on every back end. */
const at = (minute: number) => new Date(Date.UTC(2024, 6, 10, 2, minute));

beforeAll(async () => {
  ctx = await buildTestApp(NOW);
  const db = ctx.database.db;
  cast = await buildTemplateCast(db);
  const { org, people, departments, collaboration } = cast;
  head = await loginAs(ctx.app, people.head);
  engineer = await loginAs(ctx.app, people.engineer);
  outsider = await loginAs(ctx.app, people.outsider);
  pmo = await loginAs(ctx.app, people.pmo);
  const texts = { goal: '覆盖10万+目标用户，预算控制在200万内', progressSummary: '主视觉设计稿已定稿，场地洽谈中' };
  await db
    .update(collaborations)
    .set({ ...texts, searchText: searchTextOf('collaborations', { topic: collaboration.topic, ...texts }), createdAt: at(0) })
    .where(eq(collaborations.id, collaboration.id));
  const [meeting] = await db
    .insert(meetings)
    .values({
      orgId: org.id,
      collaborationId: collaboration.id,
      plannedStart: at(1),
      plannedEnd: at(2),
      mode: 'online',
      hostId: people.head.id,
      recorderId: people.recorder.id,
      createdBy: people.head.id,
      createdAt: at(1),
    })
    .returning();
  const [topic, secretTopic] = await db
    .insert(topics)
    .values([
      { orgId: org.id, meetingId: meeting!.id, position: 1, title: '主视觉设计稿评审', discussion: '视觉风格统一为科技蓝', createdAt: at(2) },
      {
        orgId: org.id,
        meetingId: meeting!.id,
        position: 2,
        title: '场地预算',
        discussion: '场地成本120万',
        sensitive: true,
        visibleToUserIds: [people.head.id],
        createdAt: at(3),
      },
    ].map((row) => withSearchText('topics', row)))
    .returning();
  await db.insert(topicFeedback).values([
    withSearchText('topicFeedback', { orgId: org.id, topicId: topic!.id, departmentId: departments.rnd.id, position: 1, text: '研发部反馈需求传递不清晰，预算未定' }),
    withSearchText('topicFeedback', { orgId: org.id, topicId: secretTopic!.id, departmentId: departments.sales.id, position: 1, text: '预算需要再压缩' }),
  ]);
  const [item, secretItem] = await db
    .insert(actionItems)
    .values([
      {
        orgId: org.id,
        collaborationId: collaboration.id,
        meetingId: meeting!.id,
        description: '完成主视觉设计稿',
        ownerId: people.designer.id,
        dueDate: '2024-07-25',
        originalDueDate: '2024-07-25',
        deliverable: 'PSD源文件与iPhone适配稿',
        statusText: '设计中-完成80%',
        createdBy: people.head.id,
        createdAt: at(4),
      },
      {
        orgId: org.id,
        collaborationId: collaboration.id,
        description: '核算发布会预算明细',
        ownerId: people.head.id,
        dueDate: '2024-07-26',
        originalDueDate: '2024-07-26',
        deliverable: '成本表',
        sensitive: true,
        visibleToUserIds: [people.head.id],
        createdBy: people.head.id,
        createdAt: at(5),
      },
    ].map((row) => withSearchText('actionItems', row)))
    .returning();
  const [update, secretUpdate] = await db
    .insert(progressUpdates)
    .values([
      {
        orgId: org.id,
        actionItemId: item!.id,
        authorId: people.designer.id,
        progress: 80,
        statusText: '设计中',
        status: 'in_progress' as const,
        delayCode: 'requirement_change',
        delayReason: '需求变更：新增iPhone适配',
        remedy: '周末加班追赶',
        createdAt: at(6),
      },
      { orgId: org.id, actionItemId: secretItem!.id, authorId: people.head.id, progress: 10, statusText: '进行中', status: 'in_progress' as const, delayReason: '预算审批延迟', createdAt: at(7) },
    ].map((row) => withSearchText('progressUpdates', row)))
    .returning();
  const [remark] = await db
    .insert(remarks)
    .values(withSearchText('remarks', { orgId: org.id, collaborationId: collaboration.id, authorId: people.head.id, text: '风险：主视觉供应商排期紧张', createdAt: at(8) }))
    .returning();
  const archived = await buildCollaboration(db, org.id, {
    creatorId: people.head.id,
    initiatingDepartmentId: departments.market.id,
    participatingDepartmentIds: [departments.rnd.id],
    topic: '2024年Q2 CRM系统升级',
    status: 'completed',
    archivedAt: at(9),
  });
  await db.update(collaborations).set({ createdAt: at(9) }).where(eq(collaborations.id, archived.id));
  const [archivedItem] = await db
    .insert(actionItems)
    .values(withSearchText('actionItems', {
      orgId: org.id,
      collaborationId: archived.id,
      description: '升级CRM数据库',
      ownerId: people.engineer.id,
      dueDate: '2024-06-20',
      originalDueDate: '2024-06-20',
      deliverable: '迁移报告',
      status: 'done',
      createdBy: people.head.id,
      createdAt: at(10),
    }))
    .returning();
  Object.assign(ids, {
    topic: topic!.id,
    secretTopic: secretTopic!.id,
    item: item!.id,
    secretItem: secretItem!.id,
    update: update!.id,
    secretUpdate: secretUpdate!.id,
    remark: remark!.id,
    archived: archived.id,
    archivedItem: archivedItem!.id,
  });
});
afterAll(() => closeTestApp(ctx));

const search = async (session: Session, q: string, extra = '') => {
  const response = await session.get(`/search?q=${encodeURIComponent(q)}${extra}`);
  expect(response.status).toBe(200);
  return response.body as { items: any[]; nextCursor: string | null };
};
const highlighted = (item: any) => item.snippet.highlights.map((h: { start: number; end: number }) => item.snippet.text.slice(h.start, h.end));

describe('GET /search', () => {
  it('finds a two-character query inside longer words, titles before bodies, newest first', async () => {
    const { items, nextCursor } = await search(engineer, '视觉');
    expect(items.map((i) => [i.kind, i.id])).toEqual([
      ['action_item', ids.item], // title contains, newer
      ['topic', ids.topic], // title contains
      ['remark', ids.remark], // bodies, newest first
      ['collaboration', cast.collaboration.id],
    ]);
    expect(nextCursor).toBeNull();
    for (const item of items) expect(highlighted(item)).toContain('视觉');
    expect(items[0]).toMatchObject({
      collaborationId: cast.collaboration.id,
      collaborationTopic: '2024年Q3新品发布会筹备',
      title: '完成主视觉设计稿',
      archived: false,
      url: `/action-items/${ids.item}`,
    });
    expect(items[1].url).toMatch(new RegExp(`^/meetings/[0-9a-f-]+#topic-${ids.topic}$`));
    expect(items[2].url).toBe(`/collaborations/${cast.collaboration.id}#remark-${ids.remark}`);
    expect(items[3].snippet.text).toBe('主视觉设计稿已定稿，场地洽谈中');
  });

  it('puts an exact title first', async () => {
    const { items } = await search(engineer, '主视觉设计稿评审');
    expect(items.map((i) => i.id)).toEqual([ids.topic]);
    const all = await search(engineer, '主视觉设计稿');
    expect(all.items.map((i) => i.id)).toEqual([ids.item, ids.topic, cast.collaboration.id]);
  });

  it('searches feedback, delay reasons and remedies, mixed Chinese and English, case-insensitively', async () => {
    const feedback = await search(engineer, '需求传递');
    expect(feedback.items.map((i) => i.id)).toEqual([ids.topic]);
    expect(feedback.items[0].snippet.text).toBe('研发部反馈需求传递不清晰，预算未定');
    expect(feedback.items[0].snippet.highlights).toEqual([{ start: 5, end: 9 }]);
    const mixed = await search(engineer, 'iphone适配');
    expect(mixed.items.map((i) => [i.kind, i.id])).toEqual([
      ['progress_update', ids.update],
      ['action_item', ids.item],
    ]);
    expect(mixed.items[0]).toMatchObject({ title: '完成主视觉设计稿', url: `/action-items/${ids.item}#update-${ids.update}` });
    expect(highlighted(mixed.items[0])).toEqual(['iPhone适配']);
    const remedy = await search(engineer, '加班');
    expect(remedy.items.map((i) => i.id)).toEqual([ids.update]);
  });

  it('finds archived records and says so', async () => {
    const { items } = await search(engineer, 'crm');
    expect(items.map((i) => [i.kind, i.id, i.archived])).toEqual([
      ['action_item', ids.archivedItem, true],
      ['collaboration', ids.archived, true],
    ]);
  });

  it('shows sensitive topics, items and their updates only to the users they name', async () => {
    const named = await search(head, '预算');
    expect(named.items.map((i) => i.id)).toEqual([ids.secretItem, ids.secretTopic, ids.secretUpdate, ids.topic, cast.collaboration.id]);
    for (const other of [engineer, pmo]) {
      const { items } = await search(other, '预算');
      expect(items.map((i) => i.id)).toEqual([ids.topic, cast.collaboration.id]);
      expect(JSON.stringify(items)).not.toMatch(/120万|压缩|审批|明细|场地预算/);
    }
    expect((await search(engineer, '120万')).items).toEqual([]);
    expect((await search(engineer, '审批延迟')).items).toEqual([]);
  });

  it('answers an outsider with nothing from collaborations they may not read', async () => {
    expect((await search(outsider, '视觉')).items).toEqual([]);
    expect((await search(outsider, '预算')).items).toEqual([]);
  });

  it('matches LIKE metacharacters literally', async () => {
    expect((await search(engineer, '80%')).items.map((i) => i.id)).toEqual([ids.item]);
    expect((await search(engineer, '_')).items).toEqual([]);
  });

  it('pages with a cursor without losing or repeating results', async () => {
    const all = (await search(head, '预算')).items.map((i) => i.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const pageOf: { items: any[]; nextCursor: string | null } = await search(head, '预算', `&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(pageOf.items.length).toBeLessThanOrEqual(2);
      seen.push(...pageOf.items.map((i) => i.id));
      cursor = pageOf.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('refuses a missing or blank query and a forged cursor, naming the field', async () => {
    for (const url of ['/search', '/search?q=%20%20', `/search?q=${'字'.repeat(101)}`]) {
      const response = await engineer.get(url);
      expect(response.status).toBe(400);
      expect(response.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['q']);
    }
    const forged = await engineer.get('/search?q=视觉&cursor=bm90LWpzb24');
    expect(forged.status).toBe(400);
    expect(forged.body.error.fields[0].path).toBe('cursor');
  });

  it('needs a signed-in caller', async () => {
    const response = await call(ctx.app, { method: 'GET', url: '/api/v1/search?q=视觉' });
    expect(response.status).toBe(401);
  });

  it('answers quickly on the test data', async () => {
    const timings: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await search(engineer, i % 2 ? '视觉' : '主视觉设计');
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    console.info(`search timings (ms, 20 runs through app.inject): p50 ${timings[9]!.toFixed(1)}, max ${timings[19]!.toFixed(1)}`);
    expect(timings[9]).toBeLessThan(500);
  });
});

describe('buildSnippet', () => {
  it('cuts at most 80 characters around the first match and marks every occurrence', () => {
    const text = `${'前'.repeat(100)}主视觉${'后'.repeat(100)}视觉`;
    const snippet = buildSnippet(text, '视觉');
    expect(Array.from(snippet.text).length).toBeLessThanOrEqual(80);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.highlights).toHaveLength(1);
    const [h] = snippet.highlights;
    expect(snippet.text.slice(h!.start, h!.end)).toBe('视觉');
  });

  it('keeps short texts whole and folds whitespace', () => {
    expect(buildSnippet('PSD 源文件\n与 psd 预览', 'psd')).toEqual({
      text: 'PSD 源文件 与 psd 预览',
      highlights: [
        { start: 0, end: 3 },
        { start: 10, end: 13 },
      ],
    });
  });
});
