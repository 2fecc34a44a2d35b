/**
 * Search latency at scale: seeds one organisation with N action items in the full bench harness's shape
 * (per ten items a collaboration with three meetings, six topics with two feedback rows each and a remark;
 * three progress updates per item) of realistic Chinese text — written with batched INSERT … SELECT FROM
 * jsonb_to_recordset, search vectors computed by the app's own tokenizer — then runs 2–4 character queries
 * through `searchRecords` as a department member (not an admin) and as pmo, sequentially and at 16
 * concurrent calls, and prints p50/p99, the CPU one search costs (latency on an idle core, since the
 * machine is shared) and the EXPLAIN ANALYZE of the slowest query. Self-contained: it seeds its own data,
 * not the full bench harness's.
 *
 * Usage: node bench/search.ts [postgres|pglite|both] [items=100000] [rounds=20] [roles=member,pmo]
 * PostgreSQL is a throwaway server (test/postgres-server.ts) with the settings printed at start; PGlite is
 * in memory.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { loadActor, type Actor } from '../src/server/auth/actor.ts';
import { openDatabase, queryRows, type Database, type Db } from '../src/server/db/client.ts';
import { uuidv7 } from '../src/server/db/ids.ts';
import { readableCollaborationIds, searchRecords, searchSql } from '../src/server/db/queries/search.ts';
import { visibleCollaborationSql } from '../src/server/policies/collaboration.ts';
import { searchTextOf } from '../src/server/search/search-text.ts';
import { defaultOrgSettings } from '../src/shared/org-settings.ts';
import { startThrowawayPostgres } from '../test/postgres-server.ts';

const [which = 'both', itemsArg = '100000', roundsArg = '20', rolesArg = 'member,pmo'] = process.argv.slice(2);
const ROLES = rolesArg.split(',');
const ITEMS = Number(itemsArg);
const ROUNDS = Number(roundsArg);
const CONCURRENCY = 16;
const DEPARTMENTS = 200;
const USERS = 5000;
/** The full bench harness's shape (bench/seed/plan.ts): 3 meetings a collaboration, 2 topics a meeting, 3 updates an item. */
const MEETINGS_PER_COLLABORATION = 3;
const TOPICS_PER_MEETING = 2;
const FEEDBACK_PER_TOPIC = 2;
const UPDATES_PER_ITEM = 3;

/** Settings for a 2-core machine shared with the load generator; stated in the output. */
export const POSTGRES_SETTINGS = [
  'shared_buffers=512MB',
  'effective_cache_size=2GB',
  'work_mem=16MB',
  'maintenance_work_mem=256MB',
  'random_page_cost=1.1',
  'max_parallel_workers_per_gather=0',
  'jit=off',
  'max_connections=50',
];

/** 2–4 character queries of varied frequency, from broad (预算, 客户) to rare (适配稿, 彩排). */
const QUERIES = ['预算', '客户', '发布会', '主视觉', '供应商', '需求变更', '延期', '渠道', '测试报告', '物料', '直播', '视觉', '排期', '验收', '适配稿', '彩排'];

// ---------------------------------------------------------------------------------------------------------
// Text: a vocabulary of the template's world, combined by a seeded generator.

const PRODUCTS = ['新品', 'CRM系统', '618大促', '双11', '渠道伙伴', '品牌焕新', '客服工单', '会员体系', '小程序', '海外市场', '年度经销商', '智能硬件'];
const EVENTS = ['发布会筹备', '升级', '活动', '大会', '项目', '优化', '推广', '上线', '招募', '培训'];
const VERBS = ['完成', '确认', '提交', '整理', '评审', '协调', '跟进', '输出', '核算', '准备', '优化', '测试', '上线', '采购', '联系'];
const OBJECTS = [
  '主视觉设计稿', '发布会流程', '预算明细', '客户名单', '场地报价', '样品交付', '直播脚本', '媒体邀约名单', '物料清单', '接口文档',
  '测试报告', '渠道政策', '供应商合同', '嘉宾邀请函', '彩排安排', '宣传海报', '产品手册', '培训材料', '数据看板', '验收报告',
  '用户调研问卷', '需求文档', '排期表', 'iPhone适配稿', '活动预算表', 'KV视觉延展', '直播间搭建方案', '门店陈列指引', '客服话术', '价格体系',
];
const DELIVERABLES = ['PSD源文件', '3版设计稿', 'Excel表格', 'PDF报告', '会议纪要', '签字合同', '样品5台', '上线公告', '测试用例', '演示视频', '报价单', '名单表'];
const STATUS_TEXTS = ['设计中-完成80%', '进行中', '待审批', '已提交评审', '等待供应商回复', '测试中', '已完成', '资料收集中', '初稿完成', '修改第二版'];
const DELAYS = [
  '需求变更：客户调整了视觉风格', '资源不足：设计人员被抽调', '依赖未就绪：接口文档未提供', '技术难题：适配问题未解决',
  '外部因素：供应商延期交货', '预算审批延迟', '场地临时变更', '嘉宾行程冲突',
];
const REMEDIES = ['已协调加班完成', '申请增加人手', '调整排期', '与供应商重新确认交期', '拆分任务并行推进', '启用备选方案'];
const TOPIC_TITLES = [
  '新品发布会时间与流程', '发布会预算分配', '跨部门分工与协作接口', '嘉宾邀请', '主视觉设计方向', '客户名单确认', '物料制作与采购',
  '直播方案评审', '场地选择', '媒体投放计划', '样品交付节点', '技术方案评审', '上线切换方案', '风险预案', '数据口径统一',
  '渠道激励政策', '售后话术培训', '投诉根因分析', '整改措施落实', '供应商评估', '库存与备货', '价格策略', '合同条款审核',
  '验收标准确认', '进度同步与问题协调', '资源冲突协调', '人员排班', '需求优先级排序', '测试计划', '培训安排',
];
const DEPARTMENT_NAMES = ['市场部', '研发部', '销售部', '设计部', '客服部', '行政部', '财务部', '采购部', '法务部', '运营部'];
const SUGGESTIONS = [
  '建议邀请行业KOL', '建议优先合作渠道客户', '建议压缩首批物料数量', '建议分两期上线', '建议增加灰度验证环节', '建议提前锁定场地',
  '建议复用去年的主视觉素材', '建议增加线上直播', '建议先做小范围试点', '建议统一数据口径后再评估', '建议引入第三方评估',
  '建议调整发布时间避开竞品', '建议将预算向渠道倾斜', '建议增加客服排班', '建议明确验收标准', '建议每周同步一次进度',
  '建议设置专人对接', '建议优先处理高价值客户', '建议延长测试周期', '建议简化审批流程',
];
const PROBLEMS = [
  '需求传递不清晰导致返工', '排期紧张需要提前锁定场地', '供应商报价偏高需要重新议价', '直播间搭建需要技术支持',
  '彩排安排在发布会前两天', '海报与物料需同步印刷', '验收标准需要书面确认', '接口文档尚未定稿', '嘉宾名单由销售部汇总',
  '延期风险需要每周同步', '市场部强调预算控制在200万以内', '客服部反馈用户咨询量上升', '测试报告尚未提交', '库存数据口径不一致',
];
const SENTENCES = [...PROBLEMS, ...DEPARTMENT_NAMES.flatMap((d) => SUGGESTIONS.map((s) => `${d}${s}`))];
const FEEDBACK = ['同意', '研发部反馈需求传递不清晰', '需要更多时间评估', '预算需要再压缩', '建议增加彩排次数', '无异议', '供应商资源可以协调', '排期需要顺延一周'];
const REMARKS = ['风险：主视觉供应商排期紧张', '客户名单需销售部确认优先级', '预算超支风险', '场地合同待签', '发布会延期风险', '物料印刷周期较长'];

/** A small deterministic generator (mulberry32), so every run seeds the same text. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]) => list[int(list.length)]!;
  return { next, int, pick };
}

// ---------------------------------------------------------------------------------------------------------
// Seeding.

type Column = [name: string, type: string];

async function insertRows(db: Db, table: string, columns: Column[], rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const names = columns.map(([name]) => name).join(', ');
  const selected = columns.map(([name, type]) => (type === 'tsvector' ? `${name}::tsvector` : name)).join(', ');
  const record = columns.map(([name, type]) => `${name} ${type === 'tsvector' ? 'text' : type}`).join(', ');
  await db.execute(sql`INSERT INTO ${sql.raw(table)} (${sql.raw(names)}) SELECT ${sql.raw(selected)} FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(${sql.raw(record)})`);
}

type Seeded = { orgId: string; memberId: string; pmoId: string; counts: Record<string, number>; seconds: number };

export async function seed(db: Db, items: number): Promise<Seeded> {
  const started = performance.now();
  const random = generator(20240710);
  const orgId = uuidv7();
  // GIN and the copied-collaboration indexes are built once at the end: much faster than row by row.
  const deferred = await queryRows<{ name: string; definition: string }>(
    db,
    sql`SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = 'public' AND (indexname LIKE '%_search_idx' OR indexname LIKE '%_collaboration_id_index')
      AND tablename IN ('collaborations', 'topics', 'topic_feedback', 'action_items', 'progress_updates', 'remarks')`,
  );
  for (const index of deferred) await db.execute(sql.raw(`DROP INDEX ${index.name}`));
  await db.execute(sql`INSERT INTO organizations (id, name, settings) VALUES (${orgId}::uuid, '检索基准公司', ${JSON.stringify(defaultOrgSettings)}::jsonb)`);
  const departmentIds = Array.from({ length: DEPARTMENTS }, () => uuidv7());
  await insertRows(db, 'departments', [['id', 'uuid'], ['org_id', 'uuid'], ['name', 'text']], departmentIds.map((id, i) => ({ id, org_id: orgId, name: `部门${i}` })));
  const userIds = Array.from({ length: USERS }, () => uuidv7());
  const userDepartment = (u: number) => u % DEPARTMENTS;
  for (let from = 0; from < USERS; from += 2500) {
    const slice = userIds.slice(from, from + 2500);
    await insertRows(
      db,
      'users',
      [['id', 'uuid'], ['org_id', 'uuid'], ['name', 'text'], ['email', 'text'], ['password_hash', 'text'], ['role', 'text']],
      slice.map((id, k) => ({ id, org_id: orgId, name: `员工${from + k}`, email: `search-${orgId.slice(-12)}-${from + k}@bench.test`, password_hash: 'x', role: from + k === 1 ? 'pmo' : 'member' })),
    );
    await insertRows(db, 'user_departments', [['org_id', 'uuid'], ['user_id', 'uuid'], ['department_id', 'uuid']], slice.map((id, k) => ({ org_id: orgId, user_id: id, department_id: departmentIds[userDepartment(from + k)] })));
  }

  const collaborationCount = Math.ceil(items / 10);
  const tenYears = 10 * 365 * 86_400_000;
  const start = Date.UTC(2015, 0, 1);
  const BATCH = 1000; // collaborations per batch: 10,000 items
  const counts: Record<string, number> = { collaborations: 0, topics: 0, topicFeedback: 0, actionItems: 0, progressUpdates: 0, remarks: 0 };
  for (let from = 0; from < collaborationCount; from += BATCH) {
    const collabs: Record<string, unknown>[] = [];
    const participations: Record<string, unknown>[] = [];
    const meetingRows: Record<string, unknown>[] = [];
    const topicRows: Record<string, unknown>[] = [];
    const feedbackRows: Record<string, unknown>[] = [];
    const itemRows: Record<string, unknown>[] = [];
    const updateRows: Record<string, unknown>[] = [];
    const remarkRows: Record<string, unknown>[] = [];
    for (let c = from; c < Math.min(collaborationCount, from + BATCH); c++) {
      const createdAt = new Date(start + Math.floor((c / collaborationCount) * tenYears));
      const year = createdAt.getUTCFullYear();
      const quarter = Math.floor(createdAt.getUTCMonth() / 3) + 1;
      const id = uuidv7();
      const initiating = random.int(DEPARTMENTS);
      const creator = initiating + DEPARTMENTS * random.int(USERS / DEPARTMENTS);
      const archived = createdAt.getTime() < start + tenYears * 0.8;
      const texts = {
        topic: `${year}年Q${quarter}${random.pick(PRODUCTS)}${random.pick(EVENTS)}`,
        goal: `覆盖${1 + random.int(20)}万+目标用户，${random.pick(SENTENCES)}`,
        progressSummary: random.next() < 0.5 ? `${random.pick(STATUS_TEXTS)}，${random.pick(SENTENCES)}` : '',
      };
      collabs.push({
        id,
        org_id: orgId,
        ...{ topic: texts.topic, goal: texts.goal, progress_summary: texts.progressSummary },
        scenario: 'major_project',
        initiating_department_id: departmentIds[initiating],
        creator_id: userIds[creator],
        visibility: random.next() < 0.01 ? 'organization' : 'participants',
        status: archived ? 'completed' : 'active',
        period_year: year,
        period_quarter: quarter,
        archived_at: archived ? new Date(createdAt.getTime() + 90 * 86_400_000).toISOString() : null,
        created_at: createdAt.toISOString(),
        search_text: searchTextOf('collaborations', texts),
      });
      const participating = new Set<number>();
      while (participating.size < 2 + random.int(2)) {
        const d = random.int(DEPARTMENTS);
        if (d !== initiating) participating.add(d);
      }
      for (const d of participating) participations.push({ org_id: orgId, collaboration_id: id, department_id: departmentIds[d] });
      const meetingIds: string[] = [];
      for (let m = 0; m < MEETINGS_PER_COLLABORATION; m++) {
        const meetingId = uuidv7();
        const held = new Date(createdAt.getTime() + m * 14 * 86_400_000);
        meetingIds.push(meetingId);
        meetingRows.push({
          id: meetingId,
          org_id: orgId,
          collaboration_id: id,
          planned_start: held.toISOString(),
          planned_end: new Date(held.getTime() + 7_200_000).toISOString(),
          mode: 'offline',
          host_id: userIds[creator],
          recorder_id: userIds[random.int(USERS)],
          created_by: userIds[creator],
          created_at: createdAt.toISOString(),
        });
        for (let t = 0; t < TOPICS_PER_MEETING; t++) {
          const topicId = uuidv7();
          const sensitive = random.next() < 0.05;
          const topicTexts = {
            title: random.pick(TOPIC_TITLES),
            discussion: Array.from({ length: 2 + random.int(3) }, () => random.pick(SENTENCES)).join('；'),
            disagreements: random.next() < 0.3 ? random.pick(SENTENCES) : '',
            consensus: random.next() < 0.6 ? `${random.pick(VERBS)}${random.pick(OBJECTS)}` : '',
          };
          topicRows.push({
            id: topicId,
            org_id: orgId,
            meeting_id: meetingId,
            collaboration_id: id,
            position: t,
            ...topicTexts,
            sensitive,
            visible_to_user_ids: sensitive ? [userIds[creator]] : [],
            created_at: held.toISOString(),
            search_text: searchTextOf('topics', topicTexts),
          });
          for (const [position, d] of [...participating].slice(0, FEEDBACK_PER_TOPIC).entries()) {
            const text = random.pick(FEEDBACK);
            feedbackRows.push({ id: uuidv7(), org_id: orgId, topic_id: topicId, collaboration_id: id, department_id: departmentIds[d], text, position, search_text: searchTextOf('topicFeedback', { text }) });
          }
        }
      }
      const meetingId = meetingIds[0]!;
      const perCollaboration = Math.min(10, items - c * 10);
      for (let i = 0; i < perCollaboration; i++) {
        const itemId = uuidv7();
        const sensitive = random.next() < 0.05;
        const itemCreated = new Date(createdAt.getTime() + (i + 1) * 3_600_000);
        const due = new Date(itemCreated.getTime() + (7 + random.int(30)) * 86_400_000).toISOString().slice(0, 10);
        const itemTexts = { description: `${random.pick(VERBS)}${random.pick(OBJECTS)}`, deliverable: random.pick(DELIVERABLES), statusText: random.pick(STATUS_TEXTS) };
        itemRows.push({
          id: itemId,
          org_id: orgId,
          collaboration_id: id,
          meeting_id: meetingId,
          description: itemTexts.description,
          deliverable: itemTexts.deliverable,
          status_text: itemTexts.statusText,
          owner_id: userIds[random.int(USERS)],
          due_date: due,
          original_due_date: due,
          status: archived ? 'done' : random.pick(['todo', 'in_progress', 'blocked', 'done']),
          progress: random.int(101),
          sensitive,
          visible_to_user_ids: sensitive ? [userIds[creator]] : [],
          created_by: userIds[creator],
          created_at: itemCreated.toISOString(),
          search_text: searchTextOf('actionItems', itemTexts),
        });
        for (let k = 0; k < UPDATES_PER_ITEM; k++) {
          const delayed = random.next() < 0.25;
          const updateTexts = { statusText: random.pick(STATUS_TEXTS), delayReason: delayed ? random.pick(DELAYS) : null, remedy: delayed ? random.pick(REMEDIES) : null };
          updateRows.push({
            id: uuidv7(),
            org_id: orgId,
            action_item_id: itemId,
            collaboration_id: id,
            author_id: userIds[random.int(USERS)],
            progress: random.int(101),
            status_text: updateTexts.statusText,
            status: 'in_progress',
            delay_reason: updateTexts.delayReason,
            remedy: updateTexts.remedy,
            created_at: new Date(itemCreated.getTime() + (k + 1) * 86_400_000).toISOString(),
            search_text: searchTextOf('progressUpdates', updateTexts),
          });
        }
      }
      const remark = random.pick(REMARKS);
      remarkRows.push({ id: uuidv7(), org_id: orgId, collaboration_id: id, author_id: userIds[creator], text: remark, created_at: createdAt.toISOString(), search_text: searchTextOf('remarks', { text: remark }) });
    }
    await db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      // The seeder writes collaboration_id itself and its rows are consistent by construction: no per-row triggers.
      await t.execute(sql`SET LOCAL session_replication_role = replica`);
      await insertRows(t, 'collaborations', [['id', 'uuid'], ['org_id', 'uuid'], ['topic', 'text'], ['goal', 'text'], ['progress_summary', 'text'], ['scenario', 'text'], ['initiating_department_id', 'uuid'], ['creator_id', 'uuid'], ['visibility', 'text'], ['status', 'text'], ['period_year', 'smallint'], ['period_quarter', 'smallint'], ['archived_at', 'timestamptz'], ['created_at', 'timestamptz'], ['search_text', 'tsvector']], collabs);
      await insertRows(t, 'collaboration_departments', [['org_id', 'uuid'], ['collaboration_id', 'uuid'], ['department_id', 'uuid']], participations);
      await insertRows(t, 'meetings', [['id', 'uuid'], ['org_id', 'uuid'], ['collaboration_id', 'uuid'], ['planned_start', 'timestamptz'], ['planned_end', 'timestamptz'], ['mode', 'text'], ['host_id', 'uuid'], ['recorder_id', 'uuid'], ['created_by', 'uuid'], ['created_at', 'timestamptz']], meetingRows);
      await insertRows(t, 'topics', [['id', 'uuid'], ['org_id', 'uuid'], ['meeting_id', 'uuid'], ['collaboration_id', 'uuid'], ['position', 'int'], ['title', 'text'], ['discussion', 'text'], ['disagreements', 'text'], ['consensus', 'text'], ['sensitive', 'boolean'], ['visible_to_user_ids', 'uuid[]'], ['created_at', 'timestamptz'], ['search_text', 'tsvector']], topicRows);
      await insertRows(t, 'topic_feedback', [['id', 'uuid'], ['org_id', 'uuid'], ['topic_id', 'uuid'], ['collaboration_id', 'uuid'], ['department_id', 'uuid'], ['text', 'text'], ['position', 'int'], ['search_text', 'tsvector']], feedbackRows);
      for (let k = 0; k < itemRows.length; k += 2500) {
        await insertRows(t, 'action_items', [['id', 'uuid'], ['org_id', 'uuid'], ['collaboration_id', 'uuid'], ['meeting_id', 'uuid'], ['description', 'text'], ['deliverable', 'text'], ['status_text', 'text'], ['owner_id', 'uuid'], ['due_date', 'date'], ['original_due_date', 'date'], ['status', 'text'], ['progress', 'smallint'], ['sensitive', 'boolean'], ['visible_to_user_ids', 'uuid[]'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['search_text', 'tsvector']], itemRows.slice(k, k + 2500));
      }
      for (let k = 0; k < updateRows.length; k += 2500) {
        await insertRows(t, 'progress_updates', [['id', 'uuid'], ['org_id', 'uuid'], ['action_item_id', 'uuid'], ['collaboration_id', 'uuid'], ['author_id', 'uuid'], ['progress', 'smallint'], ['status_text', 'text'], ['status', 'text'], ['delay_reason', 'text'], ['remedy', 'text'], ['created_at', 'timestamptz'], ['search_text', 'tsvector']], updateRows.slice(k, k + 2500));
      }
      await insertRows(t, 'remarks', [['id', 'uuid'], ['org_id', 'uuid'], ['collaboration_id', 'uuid'], ['author_id', 'uuid'], ['text', 'text'], ['created_at', 'timestamptz'], ['search_text', 'tsvector']], remarkRows);
    });
    counts.collaborations! += collabs.length;
    counts.topics! += topicRows.length;
    counts.topicFeedback! += feedbackRows.length;
    counts.actionItems! += itemRows.length;
    counts.progressUpdates! += updateRows.length;
    counts.remarks! += remarkRows.length;
    if ((from / BATCH) % 10 === 9) log(`  seeded ${counts.actionItems} items (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  const indexed = performance.now();
  for (const index of deferred) await db.execute(sql.raw(index.definition));
  log(`  built ${deferred.length} indexes in ${((performance.now() - indexed) / 1000).toFixed(0)} s`);
  await db.execute(sql`VACUUM ANALYZE`);
  // A member of department 7 (not its head, not pmo) reads what 部门7 takes part in, plus org-visible records.
  return { orgId, memberId: userIds[7 + DEPARTMENTS * 3]!, pmoId: userIds[1]!, counts, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------------------
// Measuring.

const log = (line: string) => process.stdout.write(`${line}\n`);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type Timing = { q: string; ms: number; results: number };

function summarize(label: string, timings: Timing[]) {
  const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
  log(`  ${label.padEnd(34)} n=${String(sorted.length).padStart(4)}  p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(sorted, 99).toFixed(1).padStart(6)} ms  max ${sorted[sorted.length - 1]!.toFixed(1).padStart(6)} ms`);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function timed(db: Db, actor: Actor, q: string): Promise<Timing> {
  const begun = performance.now();
  const rows = await searchRecords(db, actor, { q, limit: 50 });
  return { q, ms: performance.now() - begun, results: rows.length };
}

async function measureAs(database: Database, label: string, actor: Actor) {
  const db = database.db;
  for (const q of QUERIES) for (let i = 0; i < 3; i++) await timed(db, actor, q);
  const sequential: Timing[] = [];
  const cpuBefore = await cpuSeconds(database);
  for (let r = 0; r < ROUNDS; r++) for (const q of QUERIES) sequential.push(await timed(db, actor, q));
  const cpuAfter = await cpuSeconds(database);
  const concurrent: Timing[] = [];
  let next = 0;
  const total = ROUNDS * QUERIES.length * 2;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let n = next++; n < total; n = next++) concurrent.push(await timed(db, actor, QUERIES[n % QUERIES.length]!));
    }),
  );
  const perQuery = QUERIES.map((q) => {
    const times = sequential.filter((t) => t.q === q).map((t) => t.ms).sort((a, b) => a - b);
    return `${q} ${percentile(times, 50).toFixed(1)}/${times[times.length - 1]!.toFixed(1)}`;
  });
  log(`  ${label}: results per query (sequential p50/max ms): ${perQuery.join(', ')}`);
  const seq = summarize(`${label}, sequential`, sequential);
  const cpuMs = (key: 'server' | 'client') => ((cpuAfter[key] - cpuBefore[key]) * 1000) / sequential.length;
  log(`  ${label}, CPU per sequential search: server ${cpuMs('server').toFixed(1)} ms + client ${cpuMs('client').toFixed(1)} ms (what one search costs on an idle core)`);
  const con = summarize(`${label}, ${CONCURRENCY} concurrent`, concurrent);
  const slowest = sequential.reduce((a, b) => (b.ms > a.ms ? b : a));
  return { seq, con, slowest };
}

/**
 * CPU seconds used so far by this process and, on PostgreSQL, by the database's backends (from /proc),
 * so the cost of a search can be read apart from the machine's load: the latency on an idle core.
 */
async function cpuSeconds(database: Database): Promise<{ server: number; client: number }> {
  const usage = process.cpuUsage();
  const client = (usage.user + usage.system) / 1e6;
  if (database.kind !== 'postgres') return { server: 0, client };
  const pids = await queryRows<{ pid: number }>(database.db, sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  let ticks = 0;
  for (const { pid } of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A backend that ended in between.
    }
  }
  return { server: ticks / 100, client };
}

async function explain(database: Database, actor: Actor, q: string) {
  const visibleIds = await readableCollaborationIds(database.db, actor);
  const rows = await queryRows<Record<string, string>>(database.db, sql`EXPLAIN (ANALYZE, BUFFERS) ${searchSql(actor, { q, limit: 50 }, visibleIds)}`);
  log(`  EXPLAIN ANALYZE of the slowest query (${q}):`);
  for (const row of rows) log(`    ${Object.values(row)[0]}`);
}

async function run(name: string, database: Database) {
  log(`\n== ${name}: ${ITEMS.toLocaleString('en')} action items`);
  await database.migrate();
  const seeded = await seed(database.db, ITEMS);
  log(`  seeded in ${seeded.seconds.toFixed(0)} s: ${Object.entries(seeded.counts).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}`);
  const sizes = await queryRows<{ name: string; size: string }>(
    database.db,
    sql`SELECT relname AS name, pg_size_pretty(pg_relation_size(oid)) AS size FROM pg_class WHERE relname IN ('action_items', 'action_items_search_idx', 'progress_updates', 'progress_updates_search_idx', 'topics_search_idx')`,
  );
  log(`  sizes: ${sizes.map((s) => `${s.name} ${s.size}`).join(', ')}`);
  const member = (await loadActor(database.db, seeded.memberId, 'session'))!;
  const pmo = (await loadActor(database.db, seeded.pmoId, 'session'))!;
  const [visible] = await queryRows<{ n: number }>(
    database.db,
    sql`SELECT count(*)::int AS n FROM action_items a JOIN collaborations c ON c.id = a.collaboration_id WHERE ${visibleCollaborationSql(member, sql.raw('c'))}`,
  );
  log(`  the member reads ${visible!.n.toLocaleString('en')} of the action items; pmo reads all`);
  const asMember = await measureAs(database, 'member', member);
  if (ROLES.includes('pmo')) await measureAs(database, 'pmo', pmo);
  await explain(database, member, asMember.slowest.q);
}

async function main() {
  if (which === 'postgres' || which === 'both') {
    const server = await startThrowawayPostgres({ durable: true, settings: POSTGRES_SETTINGS });
    try {
      log(`PostgreSQL settings: ${POSTGRES_SETTINGS.join(' ')}`);
      const database = await openDatabase({ url: await server.createDatabase('search_bench'), poolSize: CONCURRENCY });
      try {
        await run('PostgreSQL', database);
      } finally {
        await database.close();
      }
    } finally {
      await server.stop();
    }
  }
  if (which === 'pglite' || which === 'both') {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      await run('PGlite (in memory)', database);
    } finally {
      await database.close();
    }
  }
}

if (import.meta.main) await main();
