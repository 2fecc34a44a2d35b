/**
 * The seeder's SQL: every row is computed inside the database by INSERT … SELECT over generate_series, from
 * a seeded hash of its index (hashint8extended), so a run is deterministic, needs no client round trip
 * per row, and works the same on PostgreSQL 15 and PGlite. Staging tables in the `bench_seed` schema
 * hold the attributes children need (a collaboration's departments, a meeting's times, an item's
 * dates); ids are UUIDv7 built from each row's creation time, as the app makes them.
 */
import { defaultOrgSettings } from '../../src/shared/org-settings.ts';
import type { SeedPlan } from './plan.ts';
import {
  MAIN_DEPARTMENTS,
  PEOPLE_PER_DEPARTMENT,
  SMALL_ORG_DEPARTMENTS,
  SMALL_ORG_PEOPLE_PER_DEPARTMENT,
} from './plan.ts';
import * as v from './vocabulary.ts';

/** One resumable unit of work: `total` indexes cut into chunks of `chunk`, each written in one transaction. */
export type Step = {
  name: string;
  total: number;
  chunk: number;
  sql(lo: number, hi: number): string;
  /** The statement is a SELECT answering the number of rows written (a function call), not an INSERT. */
  counted?: boolean;
};

const q = (text: string) => `'${text.replace(/'/g, "''")}'`;
const arr = (list: readonly string[]) => `ARRAY[${list.map(q).join(',')}]::text[]`;
const H = (n: string, salt: number) => `bench_seed.h(${n}, ${salt})`;
const R = (n: string, salt: number) => `bench_seed.r(${n}, ${salt})`;
const P = (list: readonly string[], n: string, salt: number) => `bench_seed.pick(${arr(list)}, ${n}, ${salt})`;
const uid = (tag: number, n: string, at: string) => `bench_seed.uid(${tag}, ${n}, ${at})`;

/** Schema, helper functions and staging tables; idempotent. */
export function setupSql(): string {
  return `
CREATE SCHEMA IF NOT EXISTS bench_seed;
CREATE OR REPLACE FUNCTION bench_seed.h(n bigint, salt int) RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT hashint8extended(n, salt) & 9223372036854775807 $$;
CREATE OR REPLACE FUNCTION bench_seed.r(n bigint, salt int) RETURNS float8 LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT ((hashint8extended(n, salt) & 9223372036854775807) % 1000003)::float8 / 1000003 $$;
CREATE OR REPLACE FUNCTION bench_seed.pick(words text[], n bigint, salt int) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT words[1 + ((hashint8extended(n, salt) & 9223372036854775807) % cardinality(words))::int] $$;
CREATE OR REPLACE FUNCTION bench_seed.uid(tag int, n bigint, at timestamptz) RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT (lpad(to_hex((extract(epoch FROM at) * 1000)::bigint), 12, '0') || '7'
    || lpad(to_hex(hashint8extended(n, tag) & 4095), 3, '0')
    || to_hex(8 + ((hashint8extended(n, tag) >> 12) & 3))
    || lpad(to_hex(hashint8extended(n, tag + 100) & 4095), 3, '0')
    || lpad(to_hex(hashint8extended(n, tag + 200) & 281474976710655), 12, '0'))::uuid $$;
CREATE TABLE IF NOT EXISTS bench_seed.meta (key text PRIMARY KEY, value jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS bench_seed.done (step text, lo bigint, rows bigint NOT NULL, ms float8 NOT NULL, PRIMARY KEY (step, lo));
CREATE TABLE IF NOT EXISTS bench_seed.dropped_indexes (name text PRIMARY KEY, def text NOT NULL);
CREATE TABLE IF NOT EXISTS bench_seed.s_org (o int PRIMARY KEY, id uuid, name text, domain text, dept_base int, n_depts int, upd int,
  user_base int, c_base int, n_collabs int, created_at timestamptz);
CREATE TABLE IF NOT EXISTS bench_seed.s_dept (d int PRIMARY KEY, o int, id uuid, name text, short text, parent_d int, head_u int, created_at timestamptz);
CREATE TABLE IF NOT EXISTS bench_seed.s_user (u int PRIMARY KEY, o int, d int, id uuid, name text, email text, role text, d2 int, created_at timestamptz);
CREATE TABLE IF NOT EXISTS bench_seed.s_collab (k int PRIMARY KEY, o int, id uuid, created_at timestamptz, depts int[], dept_base int, user_base int, upd int,
  creator_u int, owner_u int, status text, health text, visibility text, scenario text, completed_at timestamptz, archived_at timestamptz,
  topic text, goal text, progress_summary text, updated_at timestamptz);
CREATE TABLE IF NOT EXISTS bench_seed.s_meeting (m int PRIMARY KEY, k int, j int, id uuid, created_at timestamptz, planned_start timestamptz,
  planned_end timestamptz, held_at timestamptz, ended_at timestamptz, agenda_sent_at timestamptz, agenda_sent_late boolean, minutes_status text,
  published_at timestamptz, published_late boolean, late_flagged_at timestamptz, host_u int, recorder_u int, mode text, location text, t0 text, t1 text);
CREATE TABLE IF NOT EXISTS bench_seed.s_item (i int PRIMARY KEY, k int, m int, id uuid, base timestamptz, end_t timestamptz, owner_u int, owner_d int,
  creator_u int, due_date date, original_due_date date, status text, progress int, completed_at timestamptz, accepted_at timestamptz,
  sensitive boolean, description text, deliverable text, status_text text, escalated_at timestamptz, delayed boolean, updated_at timestamptz,
  source_topic int);
CREATE TABLE IF NOT EXISTS bench_seed.s_audit (LIKE public.audit_events INCLUDING DEFAULTS);`;
}

/** The steps, in order; the runner skips chunks already recorded in bench_seed.done. */
export function seedSteps(plan: SeedPlan, passwordHash: string, columnsOf: (table: string) => ReadonlySet<string>): Step[] {
  // Columns the schema may have grown that the app's writers or triggers fill (triggers are off while
  // seeding): the search index vector (filled afterwards by search-index.ts) and the collaboration a
  // topic, feedback row or update belongs to (migration 0006); `c` is the staged collaboration.
  const st = (table: string) => {
    const has = columnsOf(table);
    const extra = [
      ...(has.has('search_text') ? [['search_text', "''::tsvector"]] : []),
      ...(has.has('collaboration_id') && ['topics', 'topic_feedback', 'progress_updates'].includes(table) ? [['collaboration_id', 'c.id']] : []),
    ];
    return { column: extra.map(([c]) => `, ${c}`).join(''), value: extra.map(([, v]) => `, ${v}`).join('') };
  };
  const A = `${q(plan.anchor)}::timestamptz`;
  const TZ = q(plan.timeZone);
  const today = `((${A} AT TIME ZONE ${TZ})::date)`;
  const spanSeconds = Math.round(plan.spanDays * 86_400);
  const totalCollabs = plan.collaborations + plan.smallOrgs * plan.smallOrgCollaborations;
  const totalItems = totalCollabs * 10;
  const orgStart = `(${A} - interval '${spanSeconds + 30 * 86_400} seconds')`;
  const settings = q(JSON.stringify(defaultOrgSettings));
  const member = (d: string, n: string, salt: number, c = 'c') => `(${c}.user_base + (${d} - ${c}.dept_base) * ${c}.upd + ${H(n, salt)} % ${c}.upd)::int`;
  const topicAt = (ms: string, p: string) => `CASE WHEN ${ms}.planned_start <= ${A} THEN ${ms}.planned_start + ${p} * interval '30 minutes' ELSE ${ms}.created_at END`;
  const topicId = (ms: string, p: string) => uid(6, `2 * ${ms}.m + ${p}`, topicAt(ms, p));
  const delayCodes = arr(v.delayReasons.map((d) => d.code));
  const delayTexts = arr(v.delayReasons.map((d) => d.text));
  // Progress and status after the j-th update (0..2) of item row `s`; the last equals the item's own.
  const progressAt = (j: string) => `(CASE WHEN ${j} >= 2 THEN s.progress WHEN ${j} < 0 THEN 0 ELSE (s.progress * (${j} + 1) / 30) * 10 END)`;
  const statusAt = (j: string) => `(CASE WHEN ${j} < 0 THEN 'todo' WHEN ${j} >= 2 THEN s.status WHEN s.status = 'todo' THEN 'todo' ELSE 'in_progress' END)`;
  const statusTextAt = (j: string) =>
    `(CASE WHEN ${j} < 0 THEN '' WHEN ${j} >= 2 THEN s.status_text WHEN s.status = 'todo' THEN '准备中-完成0%' ELSE ${P(v.statusTexts, 's.i', 15)} || '-完成' || ${progressAt(j)} || '%' END)`;
  const updateAt = (j: string) => `(s.base + (${j} + 1) * (s.end_t - s.base) / 3)`;

  const steps: Step[] = [
    {
      name: 'staging:organizations',
      total: 1,
      chunk: 1,
      sql: () => `
INSERT INTO bench_seed.s_org
SELECT o, ${uid(1, 'o', orgStart)}, CASE WHEN o = 0 THEN '宏远集团股份有限公司' ELSE ${P(v.companyPrefixes, 'o', 1)} || ${P(v.companyKinds, 'o', 2)} || '（' || o || '）' END,
  CASE WHEN o = 0 THEN 'hongyuan.example' ELSE 'org' || o || '.example' END,
  CASE WHEN o = 0 THEN 0 ELSE ${MAIN_DEPARTMENTS} + (o - 1) * ${SMALL_ORG_DEPARTMENTS} END,
  CASE WHEN o = 0 THEN ${MAIN_DEPARTMENTS} ELSE ${SMALL_ORG_DEPARTMENTS} END,
  CASE WHEN o = 0 THEN ${PEOPLE_PER_DEPARTMENT} ELSE ${SMALL_ORG_PEOPLE_PER_DEPARTMENT} END,
  CASE WHEN o = 0 THEN 0 ELSE ${MAIN_DEPARTMENTS * PEOPLE_PER_DEPARTMENT} + (o - 1) * ${SMALL_ORG_DEPARTMENTS * SMALL_ORG_PEOPLE_PER_DEPARTMENT} END,
  CASE WHEN o = 0 THEN 0 ELSE ${plan.collaborations} + (o - 1) * ${plan.smallOrgCollaborations} END,
  CASE WHEN o = 0 THEN ${plan.collaborations} ELSE ${plan.smallOrgCollaborations} END,
  ${orgStart}
FROM generate_series(0, ${plan.smallOrgs}) o`,
    },
    {
      name: 'staging:departments',
      total: 1,
      chunk: 1,
      sql: () => `
INSERT INTO bench_seed.s_dept
SELECT o.dept_base + dl, o.o, ${uid(2, 'o.dept_base + dl', 'o.created_at')},
  CASE WHEN o.o > 0 THEN (ARRAY['市场部','研发部','销售部'])[dl + 1]
       WHEN dl < 10 THEN (${arr(v.divisions)})[dl + 1]
       ELSE (${arr(v.divisions)})[(dl - 10) / 19 + 1] || (${arr(v.functions)})[(dl - 10) % 19 + 1] END,
  CASE WHEN o.o > 0 THEN (ARRAY['市场部','研发部','销售部'])[dl + 1]
       WHEN dl < 10 THEN (${arr(v.divisions)})[dl + 1]
       ELSE (${arr(v.functions)})[(dl - 10) % 19 + 1] END,
  CASE WHEN o.o = 0 AND dl >= 10 THEN (dl - 10) / 19 END,
  o.user_base + dl * o.upd, o.created_at
FROM bench_seed.s_org o CROSS JOIN LATERAL generate_series(0, o.n_depts - 1) dl`,
    },
    {
      name: 'staging:users',
      total: 1,
      chunk: 1,
      sql: () => `
INSERT INTO bench_seed.s_user
SELECT u, o, d, ${uid(3, 'u', 'created_at')}, ${P(v.surnames, 'u', 1)} || ${P(v.givenNames, 'u', 2)}, 'u' || u || '@' || domain,
  CASE WHEN o = 0 AND dl = 9 AND j BETWEEN 1 AND 10 THEN 'pmo'
       WHEN o = 0 AND dl = 9 AND j IN (11, 12) THEN 'admin'
       WHEN o > 0 AND dl = 0 AND j = 1 THEN 'admin'
       WHEN o > 0 AND dl = 1 AND j = 1 THEN 'pmo'
       ELSE 'member' END,
  CASE WHEN ${R('u', 3)} < 0.05 AND dept_base + ${H('u', 4)} % n_depts <> d THEN (dept_base + ${H('u', 4)} % n_depts)::int END,
  created_at
FROM (
  SELECT o.user_base + (x.d - o.dept_base) * o.upd + j AS u, o.o, x.d, x.d - o.dept_base AS dl, j, o.domain, o.dept_base, o.n_depts, o.created_at
  FROM bench_seed.s_dept x JOIN bench_seed.s_org o ON o.o = x.o CROSS JOIN LATERAL generate_series(0, o.upd - 1) j
) s`,
    },
    {
      name: 'staging:collaborations',
      total: totalCollabs,
      chunk: 20_000,
      sql: (lo, hi) => `
INSERT INTO bench_seed.s_collab
SELECT k, o, ${uid(4, 'k', 'created_at')}, created_at, depts, dept_base, user_base, upd, creator_u, owner_u, status, health, visibility, scenario,
  completed_at, archived_at, topic, goal, progress_summary, least(${A}, coalesce(archived_at, completed_at, created_at + interval '1 hour'))
FROM (
  SELECT b.*,
    CASE WHEN status <> 'active' AND completed_at + interval '37 days' < ${A} AND ${R('k', 13)} < 0.95 THEN completed_at + (7 + ${R('k', 14)} * 30) * interval '1 day' END AS archived_at,
    CASE WHEN status = 'active' THEN ${P(v.progressSummaries, 'k', 18)} ELSE '已完成主要交付，收尾中' END AS progress_summary
  FROM (
    SELECT a.*,
      CASE WHEN NOT closed THEN 'active' WHEN ${R('k', 11)} < 0.9 THEN 'completed' ELSE 'cancelled' END AS status,
      CASE WHEN closed THEN created_at + (60 + ${R('k', 12)} * 60) * interval '1 day' END AS completed_at,
      CASE WHEN closed THEN 'on_track' WHEN ${R('k', 15)} < 0.7 THEN 'on_track' WHEN ${R('k', 15)} < 0.9 THEN 'at_risk' ELSE 'off_track' END AS health,
      ARRAY[init_d] || CASE WHEN cardinality(parts) = 0 THEN ARRAY[dept_base + (init_d - dept_base + 1) % n_depts] ELSE parts END AS depts,
      (user_base + (init_d - dept_base) * upd + ${H('k', 8)} % upd)::int AS creator_u,
      CASE WHEN ${R('k', 9)} < 0.5 THEN (user_base + (init_d - dept_base) * upd + ${H('k', 10)} % upd)::int END AS owner_u,
      CASE WHEN ${R('k', 16)} < 0.05 THEN 'organization' ELSE 'participants' END AS visibility,
      CASE WHEN ${R('k', 19)} < 0.4 THEN 'major_project' WHEN ${R('k', 19)} < 0.65 THEN 'problem_solving' WHEN ${R('k', 19)} < 0.9 THEN 'routine_alignment' ELSE 'urgent_task' END AS scenario,
      to_char(created_at AT TIME ZONE ${TZ}, 'YYYY') || '年Q' || to_char(created_at AT TIME ZONE ${TZ}, 'Q') || ${P(v.regions, 'k', 20)} || ${P(v.themes, 'k', 17)}
        || CASE WHEN ${R('k', 21)} < 0.2 THEN '（第' || (2 + ${H('k', 22)} % 5) || '期）' ELSE '' END AS topic,
      ${P(v.goals, 'k', 23)} AS goal
    FROM (
      SELECT z.*, (${A} - created_at) > interval '120 days' AS closed,
        (SELECT coalesce(array_agg(DISTINCT x ORDER BY x) FILTER (WHERE x <> z.init_d), '{}') FROM (
           SELECT (z.dept_base + CASE WHEN ${R('z.k * 8 + j', 5)} < 0.7
             THEN (z.init_d - z.dept_base + 1 + ${H('z.k * 8 + j', 6)} % least(19, z.n_depts - 1)) % z.n_depts
             ELSE ${H('z.k * 8 + j', 7)} % z.n_depts END)::int AS x
           FROM generate_series(1, (1 + ${H('z.k', 3)} % least(3, z.n_depts - 1))::int) j) p) AS parts
      FROM (
        SELECT k, o.o, o.dept_base, o.user_base, o.upd, o.n_depts,
          ${A} - interval '${spanSeconds} seconds' + ((k - o.c_base) + ${R('k', 1)}) * (${spanSeconds}::float8 / o.n_collabs) * interval '1 second' AS created_at,
          (o.dept_base + ${H('k', 2)} % o.n_depts)::int AS init_d
        FROM generate_series(${lo}::bigint, ${hi - 1}) k JOIN bench_seed.s_org o ON k >= o.c_base AND k < o.c_base + o.n_collabs
      ) z
    ) a
  ) b
) x`,
    },
    {
      name: 'staging:meetings',
      total: totalCollabs,
      chunk: 20_000,
      sql: (lo, hi) => `
INSERT INTO bench_seed.s_meeting
SELECT m, k, j, ${uid(5, 'm', 'created_at')}, created_at, planned_start, planned_end,
  CASE WHEN started THEN planned_start END, CASE WHEN ended THEN planned_end END,
  agenda_sent_at, agenda_sent_at IS NOT NULL AND agenda_sent_at > planned_start - interval '1 day',
  CASE WHEN published THEN 'published' ELSE 'draft' END,
  CASE WHEN published THEN planned_end + delay_h * interval '1 hour' END,
  CASE WHEN published THEN delay_h > 24 END,
  CASE WHEN NOT published AND ended AND planned_end + interval '25 hours' <= ${A} THEN planned_end + interval '25 hours' END,
  host_u, recorder_u, mode, location, t0, t1
FROM (
  SELECT y.*,
    CASE WHEN started THEN greatest(created_at, planned_start - CASE WHEN ${R('m', 3)} < 0.9 THEN interval '2 days' ELSE interval '10 hours' END)
         WHEN planned_start - ${A} < interval '2 days' AND ${R('m', 3)} < 0.6 THEN greatest(created_at, ${A} - interval '1 hour') END AS agenda_sent_at,
    ended AND planned_end + delay_h * interval '1 hour' <= ${A}
      AND ${R('m', 7)} < CASE WHEN planned_end < ${A} - interval '30 days' THEN 0.98 ELSE 0.85 END AS published
  FROM (
    SELECT x.*, planned_start <= ${A} AS started, planned_end <= ${A} AS ended,
      least(${A} - interval '1 minute', CASE WHEN j = 0 THEN x.c_created + interval '1 hour' ELSE planned_start - interval '7 days' END) AS created_at,
      CASE WHEN ${R('m', 4)} < 0.85 THEN 2 + ${R('m', 5)} * 20 ELSE 26 + ${R('m', 5)} * 46 END AS delay_h
    FROM (
      SELECT 3 * c.k + j AS m, c.k, j, c.created_at AS c_created, ps AS planned_start, ps + interval '2 hours' AS planned_end,
        c.creator_u AS host_u,
        (c.user_base + (c.depts[1] - c.dept_base) * c.upd + ((c.creator_u - c.user_base - (c.depts[1] - c.dept_base) * c.upd) + 1 + ${H('3 * c.k + j', 9)} % (c.upd - 1)) % c.upd)::int AS recorder_u,
        CASE WHEN ${R('3 * c.k + j', 6)} < 0.4 THEN 'online' ELSE 'offline' END AS mode,
        CASE WHEN ${R('3 * c.k + j', 6)} < 0.4 THEN ${P(v.onlineLocations, '3 * c.k + j', 8)} ELSE ${P(v.offlineLocations, '3 * c.k + j', 8)} END AS location,
        ${P(v.topicTitles, '3 * c.k + j', 10)} AS t0, ${P(v.topicTitles, '3 * c.k + j', 11)} AS t1
      FROM bench_seed.s_collab c CROSS JOIN generate_series(0, 2) j
      CROSS JOIN LATERAL (SELECT (((c.created_at AT TIME ZONE ${TZ})::date + 1 + j * 21 + (${H('3 * c.k + j', 1)} % 3)::int)
          + CASE WHEN ${R('3 * c.k + j', 2)} < 0.5 THEN time '10:00' ELSE time '14:00' END) AT TIME ZONE ${TZ} AS ps) t
      WHERE c.k >= ${lo} AND c.k < ${hi}
    ) x
  ) y
) z`,
    },
    {
      name: 'staging:action-items',
      total: totalItems,
      chunk: 100_000,
      sql: (lo, hi) => `
INSERT INTO bench_seed.s_item
SELECT i, k, m, ${uid(8, 'i', 'base')}, base, end_t, owner_u, owner_d, creator_u, due_date,
  CASE WHEN delayed THEN due_date - (2 + ${H('i', 13)} % 4)::int ELSE due_date END,
  status, progress, completed_at, accepted_at, sensitive, description, deliverable, status_text,
  CASE WHEN status IN ('todo', 'in_progress', 'blocked') AND due_date <= ${today} - 3
       THEN least(${A} - interval '1 minute', ((due_date + 3) + time '10:00') AT TIME ZONE ${TZ}) END,
  delayed, greatest(end_t, coalesce(accepted_at, end_t)), source_topic
FROM (
  SELECT s.*,
    CASE status WHEN 'done' THEN completed_at
      WHEN 'cancelled' THEN least(${A} - interval '1 minute', base + (3 + ${H('i', 16)} % 18) * interval '1 day')
      ELSE least(${A} - interval '1 minute', greatest(base + interval '1 hour',
        ${A} - CASE WHEN ${R('i', 9)} < 0.2 THEN (3.5 + ${R('i', 10)} * 8.5) * interval '1 day' ELSE ${R('i', 10)} * 2.5 * interval '1 day' END)) END AS end_t,
    CASE WHEN status = 'done' AND c_status = 'completed' AND ${R('i', 14)} < 0.8 THEN least(${A} - interval '1 minute', completed_at + interval '1 day') END AS accepted_at,
    CASE status WHEN 'done' THEN '已完成' WHEN 'cancelled' THEN '已取消' WHEN 'todo' THEN '准备中-完成0%'
      ELSE ${P(v.statusTexts, 'i', 15)} || '-完成' || progress || '%' END AS status_text
  FROM (
    SELECT r.*,
      CASE WHEN status = 'done' THEN least(${A} - interval '1 minute', greatest(base + interval '1 hour',
        ((due_date - CASE WHEN ${R('i', 7)} < 0.8 THEN (${H('i', 8)} % 5)::int ELSE -(1 + (${H('i', 8)} % 6)::int) END) + time '17:30') AT TIME ZONE ${TZ})) END AS completed_at,
      CASE status WHEN 'done' THEN 100 WHEN 'todo' THEN 0 WHEN 'cancelled' THEN 10 * (2 + ${H('i', 17)} % 6) WHEN 'blocked' THEN 10 * (2 + ${H('i', 17)} % 5)
        ELSE 10 * (1 + ${H('i', 17)} % 9) END AS progress,
      status <> 'todo' AND ${R('i', 12)} < 0.15 AS delayed,
      CASE WHEN sensitive THEN ${P(v.sensitiveTopics, 'i', 18)} || '：' || ${P(v.sensitiveDetails, 'i', 19)} ELSE owner_short || ${P(v.tasks, 'i', 20)} END AS description,
      ${P(v.deliverables, 'i', 21)} AS deliverable
    FROM (
      SELECT w.*,
        CASE WHEN c_status = 'cancelled' THEN CASE WHEN rs < 0.6 THEN 'done' ELSE 'cancelled' END
             WHEN c_status = 'completed' THEN CASE WHEN rs < 0.97 THEN 'done' ELSE 'cancelled' END
             WHEN due_date < ${today} - 14 THEN CASE WHEN rs < 0.85 THEN 'done' WHEN rs < 0.88 THEN 'cancelled' WHEN rs < 0.96 THEN 'in_progress' ELSE 'blocked' END
             WHEN due_date < ${today} THEN CASE WHEN rs < 0.5 THEN 'done' WHEN rs < 0.75 THEN 'in_progress' WHEN rs < 0.85 THEN 'blocked' ELSE 'todo' END
             ELSE CASE WHEN rs < 0.15 THEN 'done' WHEN rs < 0.6 THEN 'in_progress' WHEN rs < 0.7 THEN 'blocked' ELSE 'todo' END END AS status
      FROM (
        SELECT u.*, (base AT TIME ZONE ${TZ})::date + (5 + ${H('i', 3)} % 26)::int AS due_date, ${R('i', 6)} AS rs,
          ${member('u.owner_d', 'i', 5, 'u')} AS owner_u, d.short AS owner_short
        FROM (
          SELECT i, c.k, c.status AS c_status, c.creator_u, c.user_base, c.dept_base, c.upd, ms.m,
            CASE WHEN ms.m IS NOT NULL THEN 2 * ms.m + (i % 2)::int END AS source_topic,
            least(${A} - interval '1 minute', coalesce(ms.planned_end + interval '1 hour', c.created_at + interval '2 hours')) AS base,
            c.depts[1 + (${H('i', 4)} % cardinality(c.depts))::int] AS owner_d,
            ${R('i', 11)} < 0.02 AS sensitive
          FROM generate_series(${lo}::bigint, ${hi - 1}) i
          JOIN bench_seed.s_collab c ON c.k = i / 10
          LEFT JOIN LATERAL (SELECT x.m, x.planned_end FROM bench_seed.s_meeting x
            WHERE x.m BETWEEN 3 * c.k AND 3 * c.k + ((i % 10) * 3 / 10) AND x.planned_start <= ${A} ORDER BY x.m DESC LIMIT 1) ms ON true
        ) u JOIN bench_seed.s_dept d ON d.d = u.owner_d
      ) w
    ) r
  ) s
) t`,
    },
    {
      name: 'organizations',
      total: 1,
      chunk: 1,
      sql: () => `INSERT INTO organizations (id, name, settings, created_at) SELECT id, name, ${settings}::jsonb, created_at FROM bench_seed.s_org`,
    },
    {
      name: 'departments',
      total: 1,
      chunk: 1,
      sql: () => `
INSERT INTO departments (id, org_id, name, parent_id, head_id, created_at)
SELECT x.id, o.id, x.name, p.id, h.id, x.created_at + (x.d * interval '1 second')
FROM bench_seed.s_dept x JOIN bench_seed.s_org o ON o.o = x.o LEFT JOIN bench_seed.s_dept p ON p.d = x.parent_d JOIN bench_seed.s_user h ON h.u = x.head_u`,
    },
    {
      name: 'users',
      total: 1,
      chunk: 1,
      sql: () => `
INSERT INTO users (id, org_id, name, email, password_hash, role, active, preferences, created_at)
SELECT x.id, o.id, x.name, x.email, ${q(passwordHash)}, x.role, true, '{}'::jsonb, x.created_at
FROM bench_seed.s_user x JOIN bench_seed.s_org o ON o.o = x.o`,
    },
    {
      name: 'user_departments',
      total: 1,
      chunk: 1,
      sql: () => `
INSERT INTO user_departments (org_id, user_id, department_id)
SELECT o.id, x.id, d.id FROM bench_seed.s_user x JOIN bench_seed.s_org o ON o.o = x.o JOIN bench_seed.s_dept d ON d.d = x.d
UNION ALL
SELECT o.id, x.id, d.id FROM bench_seed.s_user x JOIN bench_seed.s_org o ON o.o = x.o JOIN bench_seed.s_dept d ON d.d = x.d2`,
    },
    {
      name: 'collaborations',
      total: totalCollabs,
      chunk: 20_000,
      sql: (lo, hi) => `
INSERT INTO collaborations (id, org_id, topic, goal, targets, scenario, initiating_department_id, owner_id, creator_id, visibility, status, health,
  progress_summary, completed_at, archived_at, created_at, updated_at, version${st('collaborations').column})
SELECT c.id, o.id, c.topic, c.goal, '[]'::jsonb, c.scenario, d.id, ow.id, cr.id, c.visibility, c.status, c.health, c.progress_summary,
  c.completed_at, c.archived_at, c.created_at, c.updated_at, 1${st('collaborations').value}
FROM bench_seed.s_collab c JOIN bench_seed.s_org o ON o.o = c.o JOIN bench_seed.s_dept d ON d.d = c.depts[1]
  JOIN bench_seed.s_user cr ON cr.u = c.creator_u LEFT JOIN bench_seed.s_user ow ON ow.u = c.owner_u
WHERE c.k >= ${lo} AND c.k < ${hi}`,
    },
    {
      name: 'collaboration_departments',
      total: totalCollabs,
      chunk: 50_000,
      sql: (lo, hi) => `
INSERT INTO collaboration_departments (org_id, collaboration_id, department_id)
SELECT o.id, c.id, d.id
FROM bench_seed.s_collab c JOIN bench_seed.s_org o ON o.o = c.o CROSS JOIN LATERAL unnest(c.depts[2:]) p(d) JOIN bench_seed.s_dept d ON d.d = p.d
WHERE c.k >= ${lo} AND c.k < ${hi}`,
    },
    {
      name: 'remarks',
      total: totalCollabs,
      chunk: 50_000,
      sql: (lo, hi) => `
INSERT INTO remarks (id, org_id, collaboration_id, author_id, kind, text, created_at${st('remarks').column})
SELECT ${uid(10, 'c.k', 'at')}, o.id, c.id, u.id,
  CASE WHEN ${R('c.k', 30)} < 0.7 THEN 'remark' WHEN ${R('c.k', 30)} < 0.95 THEN 'risk' ELSE 'escalation' END, ${P(v.remarks, 'c.k', 31)}, at${st('remarks').value}
FROM bench_seed.s_collab c JOIN bench_seed.s_org o ON o.o = c.o JOIN bench_seed.s_user u ON u.u = c.creator_u
CROSS JOIN LATERAL (SELECT least(${A} - interval '1 minute', c.created_at + (3 + ${R('c.k', 32)} * 20) * interval '1 day') AS at) t
WHERE c.k >= ${lo} AND c.k < ${hi}`,
    },
    {
      name: 'meetings',
      total: totalCollabs,
      chunk: 20_000,
      sql: (lo, hi) => `
INSERT INTO meetings (id, org_id, collaboration_id, kind, title, planned_start, planned_end, mode, location, host_id, recorder_id, agenda,
  agenda_sent_at, agenda_sent_late, held_at, ended_at, minutes_status, published_at, published_late, late_flagged_at, published_by,
  no_actions, sequence, created_by, created_at, updated_at, version)
SELECT m.id, o.id, c.id, 'regular', NULL, m.planned_start, m.planned_end, m.mode, m.location, h.id, r.id,
  jsonb_build_array(m.t0, m.t1, '其他事项'), m.agenda_sent_at, CASE WHEN m.agenda_sent_at IS NOT NULL THEN m.agenda_sent_late END,
  m.held_at, m.ended_at, m.minutes_status, m.published_at, m.published_late, m.late_flagged_at, CASE WHEN m.published_at IS NOT NULL THEN r.id END,
  false, 0, h.id, m.created_at, greatest(m.created_at, coalesce(m.published_at, m.late_flagged_at, m.created_at)), 1
FROM bench_seed.s_meeting m JOIN bench_seed.s_collab c ON c.k = m.k JOIN bench_seed.s_org o ON o.o = c.o
  JOIN bench_seed.s_user h ON h.u = m.host_u JOIN bench_seed.s_user r ON r.u = m.recorder_u
WHERE m.k >= ${lo} AND m.k < ${hi}`,
    },
    {
      name: 'meeting_attendees',
      total: totalCollabs,
      chunk: 20_000,
      sql: (lo, hi) => `
INSERT INTO meeting_attendees (org_id, meeting_id, user_id)
SELECT DISTINCT o.id, m.id, u.id
FROM bench_seed.s_meeting m JOIN bench_seed.s_collab c ON c.k = m.k JOIN bench_seed.s_org o ON o.o = c.o
CROSS JOIN generate_series(0, 3) a
JOIN bench_seed.s_user u ON u.u = ${member(`c.depts[1 + a % cardinality(c.depts)]`, '4 * m.m + a', 40)}
WHERE m.k >= ${lo} AND m.k < ${hi}`,
    },
    {
      name: 'topics',
      total: totalCollabs,
      chunk: 20_000,
      sql: (lo, hi) => `
INSERT INTO topics (id, org_id, meeting_id, position, title, discussion, disagreements, consensus, problem_tags, sensitive, visible_to_user_ids,
  created_at, updated_at, version${st('topics').column})
SELECT ${topicId('m', 'p')}, o.id, m.id, p,
  CASE WHEN sensitive THEN ${P(v.sensitiveTopics, '2 * m.m + p', 41)} WHEN p = 0 THEN m.t0 ELSE m.t1 END,
  CASE WHEN NOT started THEN '' WHEN sensitive THEN ${P(v.sensitiveDetails, '2 * m.m + p', 42)}
       ELSE d1.short || ${P(v.suggestions, '2 * m.m + p', 43)} || '，' || d2.short || ${P(v.suggestions, '2 * m.m + p', 44)} END,
  CASE WHEN started AND ${R('2 * m.m + p', 45)} < 0.3 THEN ${P(v.disagreements, '2 * m.m + p', 46)} ELSE '' END,
  CASE WHEN started THEN ${P(v.consensus, '2 * m.m + p', 47)} ELSE '' END,
  CASE WHEN started AND ${R('2 * m.m + p', 48)} < 0.2 THEN jsonb_build_array(${P(v.problemTags, '2 * m.m + p', 49)}) ELSE '[]'::jsonb END,
  sensitive, CASE WHEN sensitive THEN ARRAY[h.id, r.id] ELSE '{}'::uuid[] END,
  ${topicAt('m', 'p')}, ${topicAt('m', 'p')}, 1${st('topics').value}
FROM bench_seed.s_meeting m JOIN bench_seed.s_collab c ON c.k = m.k JOIN bench_seed.s_org o ON o.o = c.o
  JOIN bench_seed.s_user h ON h.u = m.host_u JOIN bench_seed.s_user r ON r.u = m.recorder_u
  JOIN bench_seed.s_dept d1 ON d1.d = c.depts[1] JOIN bench_seed.s_dept d2 ON d2.d = c.depts[2]
CROSS JOIN generate_series(0, 1) p
CROSS JOIN LATERAL (SELECT m.planned_start <= ${A} AS started, ${R('2 * m.m + p', 40)} < 0.03 AS sensitive) f
WHERE m.k >= ${lo} AND m.k < ${hi}`,
    },
    {
      name: 'topic_feedback',
      total: totalCollabs,
      chunk: 10_000,
      sql: (lo, hi) => `
INSERT INTO topic_feedback (id, org_id, topic_id, department_id, user_id, stance, text, no_feedback, position${st('topic_feedback').column})
SELECT ${uid(7, '8 * (2 * m.m + p) + pos', topicAt('m', 'p'))}, o.id, ${topicId('m', 'p')}, d.id, CASE WHEN NOT nf THEN u.id END,
  CASE WHEN nf THEN NULL WHEN ${R('8 * (2 * m.m + p) + pos', 51)} < 0.7 THEN 'agree' WHEN ${R('8 * (2 * m.m + p) + pos', 51)} < 0.9 THEN 'conditional' ELSE 'disagree' END,
  CASE WHEN nf THEN '' ELSE ${P(v.feedbackTexts, '8 * (2 * m.m + p) + pos', 52)} END, nf, (pos - 1)::int${st('topic_feedback').value}
FROM bench_seed.s_meeting m JOIN bench_seed.s_collab c ON c.k = m.k JOIN bench_seed.s_org o ON o.o = c.o
CROSS JOIN generate_series(0, 1) p
CROSS JOIN LATERAL unnest(c.depts) WITH ORDINALITY x(dd, pos)
JOIN bench_seed.s_dept d ON d.d = x.dd
JOIN bench_seed.s_user u ON u.u = ${member('x.dd', '8 * (2 * m.m + p) + pos', 53)}
CROSS JOIN LATERAL (SELECT ${R('8 * (2 * m.m + p) + pos', 50)} < 0.05 AS nf) f
WHERE m.k >= ${lo} AND m.k < ${hi} AND m.planned_start <= ${A}`,
    },
    {
      name: 'action_items',
      total: totalItems,
      chunk: 100_000,
      sql: (lo, hi) => `
INSERT INTO action_items (id, org_id, collaboration_id, meeting_id, source_topic_id, description, owner_id, owner_department_id, due_date,
  original_due_date, deliverable, status, progress, status_text, sensitive, visible_to_user_ids, accepted_by, accepted_at, last_update_at,
  completed_at, escalated_at, created_by, created_at, updated_at, version${st('action_items').column})
SELECT s.id, o.id, c.id, ms.id, CASE WHEN ms.m IS NOT NULL THEN ${topicId('ms', '(s.i % 2)::int')} END, s.description, ow.id, d.id, s.due_date,
  s.original_due_date, s.deliverable, s.status, s.progress, s.status_text, s.sensitive,
  CASE WHEN s.sensitive THEN ARRAY[cr.id, ow.id] ELSE '{}'::uuid[] END,
  CASE WHEN s.accepted_at IS NOT NULL THEN cr.id END, s.accepted_at, s.end_t, s.completed_at, s.escalated_at, cr.id, s.base, s.updated_at, 4${st('action_items').value}
FROM bench_seed.s_item s JOIN bench_seed.s_collab c ON c.k = s.k JOIN bench_seed.s_org o ON o.o = c.o
  JOIN bench_seed.s_user ow ON ow.u = s.owner_u JOIN bench_seed.s_user cr ON cr.u = s.creator_u JOIN bench_seed.s_dept d ON d.d = s.owner_d
  LEFT JOIN bench_seed.s_meeting ms ON ms.m = s.m
WHERE s.i >= ${lo} AND s.i < ${hi}`,
    },
    {
      name: 'progress_updates',
      total: totalItems,
      chunk: 50_000,
      sql: (lo, hi) => `
INSERT INTO progress_updates (id, org_id, action_item_id, author_id, progress, status_text, status, delay_code, delay_reason, remedy,
  previous_due_date, new_due_date, created_at${st('progress_updates').column})
SELECT ${uid(9, '3 * s.i + j', updateAt('j'))}, o.id, s.id, ow.id, ${progressAt('j')}, ${statusTextAt('j')}, ${statusAt('j')},
  CASE WHEN late THEN (${delayCodes})[1 + (${H('3 * s.i + j', 16)} % ${v.delayReasons.length})::int] END,
  CASE WHEN late THEN (${delayTexts})[1 + (${H('3 * s.i + j', 16)} % ${v.delayReasons.length})::int] END,
  CASE WHEN late THEN ${P(v.remedies, '3 * s.i + j', 17)} END,
  CASE WHEN late THEN s.original_due_date END, CASE WHEN late THEN s.due_date END,
  ${updateAt('j')}${st('progress_updates').value}
FROM bench_seed.s_item s JOIN bench_seed.s_collab c ON c.k = s.k JOIN bench_seed.s_org o ON o.o = c.o JOIN bench_seed.s_user ow ON ow.u = s.owner_u
CROSS JOIN generate_series(0, 2) j
CROSS JOIN LATERAL (SELECT s.delayed AND j = 1 AS late) f
WHERE s.i >= ${lo} AND s.i < ${hi}`,
    },
    {
      name: 'staging:audit-collaborations',
      total: totalCollabs,
      chunk: 50_000,
      sql: (lo, hi) => `
INSERT INTO bench_seed.s_audit (id, org_id, actor_id, at, entity_type, entity_id, collaboration_id, action, before, after, restricted_to)
SELECT ${uid(11, '2 * c.k', 'c.created_at')}, o.id, cr.id, c.created_at, 'collaboration', c.id, c.id, 'created', NULL::jsonb,
  jsonb_build_object('topic', c.topic, 'goal', c.goal, 'scenario', c.scenario, 'visibility', c.visibility), NULL::uuid[]
FROM bench_seed.s_collab c JOIN bench_seed.s_org o ON o.o = c.o JOIN bench_seed.s_user cr ON cr.u = c.creator_u
WHERE c.k >= ${lo} AND c.k < ${hi}
UNION ALL
SELECT ${uid(11, '2 * c.k + 1', 'c.archived_at')}, o.id, cr.id, c.archived_at, 'collaboration', c.id, c.id, 'archived',
  jsonb_build_object('archivedAt', NULL), jsonb_build_object('archivedAt', c.archived_at), NULL::uuid[]
FROM bench_seed.s_collab c JOIN bench_seed.s_org o ON o.o = c.o JOIN bench_seed.s_user cr ON cr.u = c.creator_u
WHERE c.k >= ${lo} AND c.k < ${hi} AND c.archived_at IS NOT NULL`,
    },
    {
      name: 'staging:audit-meetings',
      total: totalCollabs,
      chunk: 20_000,
      sql: (lo, hi) => `
INSERT INTO bench_seed.s_audit (id, org_id, actor_id, at, entity_type, entity_id, collaboration_id, action, before, after, restricted_to)
SELECT ${uid(12, '2 * m.m', 'm.created_at')}, o.id, h.id, m.created_at, 'meeting', m.id, c.id, 'created', NULL::jsonb,
  jsonb_build_object('plannedStart', m.planned_start, 'plannedEnd', m.planned_end, 'mode', m.mode, 'location', m.location), NULL::uuid[]
FROM bench_seed.s_meeting m JOIN bench_seed.s_collab c ON c.k = m.k JOIN bench_seed.s_org o ON o.o = c.o JOIN bench_seed.s_user h ON h.u = m.host_u
WHERE m.k >= ${lo} AND m.k < ${hi}
UNION ALL
SELECT ${uid(12, '2 * m.m + 1', 'm.published_at')}, o.id, r.id, m.published_at, 'meeting', m.id, c.id, 'published',
  jsonb_build_object('minutesStatus', 'draft'), jsonb_build_object('minutesStatus', 'published', 'publishedAt', m.published_at, 'publishedLate', m.published_late), NULL::uuid[]
FROM bench_seed.s_meeting m JOIN bench_seed.s_collab c ON c.k = m.k JOIN bench_seed.s_org o ON o.o = c.o JOIN bench_seed.s_user r ON r.u = m.recorder_u
WHERE m.k >= ${lo} AND m.k < ${hi} AND m.published_at IS NOT NULL`,
    },
    {
      name: 'staging:audit-action-items',
      total: totalItems,
      chunk: 100_000,
      sql: (lo, hi) => `
INSERT INTO bench_seed.s_audit (id, org_id, actor_id, at, entity_type, entity_id, collaboration_id, action, before, after, restricted_to)
SELECT ${uid(13, 's.i', 's.base')}, o.id, cr.id, s.base, 'action_item', s.id, c.id, 'created', NULL::jsonb,
  jsonb_build_object('description', s.description, 'ownerId', ow.id, 'dueDate', s.original_due_date, 'deliverable', s.deliverable, 'status', 'todo', 'progress', 0),
  CASE WHEN s.sensitive THEN ARRAY[cr.id, ow.id] END
FROM bench_seed.s_item s JOIN bench_seed.s_collab c ON c.k = s.k JOIN bench_seed.s_org o ON o.o = c.o
  JOIN bench_seed.s_user ow ON ow.u = s.owner_u JOIN bench_seed.s_user cr ON cr.u = s.creator_u
WHERE s.i >= ${lo} AND s.i < ${hi}`,
    },
    {
      name: 'staging:audit-progress-updates',
      total: totalItems,
      chunk: 50_000,
      sql: (lo, hi) => `
INSERT INTO bench_seed.s_audit (id, org_id, actor_id, at, entity_type, entity_id, collaboration_id, action, before, after, restricted_to)
SELECT ${uid(14, '3 * s.i + j', updateAt('j'))}, o.id, ow.id, ${updateAt('j')}, 'action_item', s.id, c.id, 'progress_updated',
  jsonb_build_object('progress', ${progressAt('j - 1')}, 'status', ${statusAt('j - 1')}, 'statusText', ${statusTextAt('j - 1')}),
  jsonb_build_object('progress', ${progressAt('j')}, 'status', ${statusAt('j')}, 'statusText', ${statusTextAt('j')}),
  CASE WHEN s.sensitive THEN ARRAY[cr.id, ow.id] END
FROM bench_seed.s_item s JOIN bench_seed.s_collab c ON c.k = s.k JOIN bench_seed.s_org o ON o.o = c.o
  JOIN bench_seed.s_user ow ON ow.u = s.owner_u JOIN bench_seed.s_user cr ON cr.u = s.creator_u
CROSS JOIN generate_series(0, 2) j
WHERE s.i >= ${lo} AND s.i < ${hi}`,
    },
    {
      name: 'notifications',
      total: totalItems,
      chunk: 200_000,
      sql: (lo, hi) => `
INSERT INTO notifications (id, org_id, event, recipient_id, channel, entity_type, entity_id, collaboration_id, payload, dedupe_key, attempts,
  next_attempt_at, delivered_at, read_at, created_at)
SELECT ${uid(16, 's.i', 's.base')}, o.id, 'item_assigned', ow.id, 'in_app', 'action_item', s.id, c.id,
  jsonb_build_object('actionItemId', s.id, 'collaborationId', c.id, 'collaborationTopic', c.topic, 'ownerId', ow.id, 'ownerName', ow.name,
    'dueDate', s.original_due_date, 'sensitive', s.sensitive, 'actorName', cr.name)
    || CASE WHEN s.sensitive THEN '{}'::jsonb ELSE jsonb_build_object('description', s.description, 'deliverable', s.deliverable) END,
  'item_assigned:' || s.id || ':created:' || ow.id || ':in_app', 1, s.base, s.base,
  CASE WHEN s.base < ${A} - interval '3 days' AND ${R('s.i', 60)} < 0.7 THEN s.base + interval '5 hours' END, s.base
FROM bench_seed.s_item s JOIN bench_seed.s_collab c ON c.k = s.k JOIN bench_seed.s_org o ON o.o = c.o
  JOIN bench_seed.s_user ow ON ow.u = s.owner_u JOIN bench_seed.s_user cr ON cr.u = s.creator_u
WHERE s.i >= ${lo} AND s.i < ${hi} AND s.base >= ${A} - interval '60 days' AND s.owner_u <> s.creator_u`,
    },
    {
      // Audit events are staged, then appended per organisation in time order with the hash chain of
      // migration 0004 (seq, prev_hash, hash and the chain head), as its commit trigger would have linked them.
      name: 'audit_events',
      total: plan.smallOrgs + 1,
      chunk: 1,
      counted: true,
      sql: (lo) => `SELECT bench_seed.chain_org(id) AS n FROM bench_seed.s_org WHERE o = ${lo}`,
    },
  ];
  return steps;
}

/**
 * bench_seed.chain_org(org): moves an organisation's staged audit events into audit_events in (at, id)
 * order. With the hash chain in the schema (audit_event_digest) each event gets its seq, prev_hash and hash
 * and the organisation's chain head is set; without it the rows are copied as they are.
 */
export function chainFunctionSql(hasChain: boolean): string {
  const body = hasChain
    ? `DECLARE r public.audit_events; n bigint := 0; prev text := repeat('0', 64);
BEGIN
  FOR r IN SELECT * FROM bench_seed.s_audit WHERE org_id = target ORDER BY at, id LOOP
    n := n + 1;
    r.seq := n;
    r.prev_hash := prev;
    r.hash := public.audit_event_digest(prev, r, n);
    INSERT INTO public.audit_events VALUES (r.*);
    prev := r.hash;
  END LOOP;
  IF n > 0 THEN
    INSERT INTO public.audit_chain_heads (org_id, seq, hash) VALUES (target, n, prev)
      ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;
  END IF;
  RETURN n;
END`
    : `DECLARE n bigint;
BEGIN
  INSERT INTO public.audit_events SELECT * FROM bench_seed.s_audit WHERE org_id = target ORDER BY at, id;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END`;
  return `CREATE OR REPLACE FUNCTION bench_seed.chain_org(target uuid) RETURNS bigint LANGUAGE plpgsql AS $fn$ ${body} $fn$;`;
}

/** Tables the seeder writes, whose secondary indexes are dropped while it writes and rebuilt after. */
export const seededTables = [
  'organizations', 'departments', 'users', 'user_departments', 'collaborations', 'collaboration_departments', 'remarks', 'meetings',
  'meeting_attendees', 'topics', 'topic_feedback', 'action_items', 'progress_updates', 'audit_events', 'notifications',
];
