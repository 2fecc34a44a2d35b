/**
 * Who the benchmark signs in as and what they open, chosen from the seeded data by rule (so every run and
 * both back ends pick the same): a department member who is neither admin, pmo nor a head, among the
 * busier tenth of owners (several open items, a department's worth of collaborations); sixteen such
 * owners for the writes, each posting on their own open items; the member's department head for the
 * department review and a pmo for the organisation's.
 */
import { raw, sql, type FloorDb } from './floor-db.ts';

export type Person = {
  id: string;
  email: string;
  orgId: string;
  role: 'admin' | 'pmo' | 'member';
  /** Departments the person belongs to or heads (the permission predicate's departments). */
  departmentIds: string[];
  headOfDepartmentIds: string[];
};

export type Fixtures = {
  orgId: string;
  member: Person;
  head: Person;
  pmo: Person;
  writers: { person: Person; itemIds: string[] }[];
  collaborationIds: string[];
  meetingIds: string[];
  departmentId: string;
  /** The quarter reviewed: the last one that ended before the data's "today" if the history covers it, else the current one. */
  quarter: string;
  searchQueries: string[];
  visibleCollaborations: number;
};

/** 2–4 character queries a colleague would type: common words (预算, 客户) to rarer ones (测试报告). */
export const SEARCH_QUERIES = ['预算', '客户', '发布会', '主视觉', '供应商', '需求变更', '延期', '渠道', '测试报告', '华东', '物料', '直播'];

const OPEN = raw(`('todo', 'in_progress', 'blocked')`);

async function person(db: FloorDb, id: string): Promise<Person> {
  const [row] = await db.rows<{ id: string; email: string; org_id: string; role: Person['role']; member_of: string[]; heads: string[] }>(sql`
    SELECT u.id, u.email, u.org_id, u.role,
      ARRAY(SELECT department_id FROM user_departments WHERE user_id = u.id ORDER BY department_id) AS member_of,
      ARRAY(SELECT id FROM departments WHERE head_id = u.id ORDER BY id) AS heads
    FROM users u WHERE u.id = ${id}`);
  if (!row) throw new Error(`no user ${id}`);
  return {
    id: row.id,
    email: row.email,
    orgId: row.org_id,
    role: row.role,
    departmentIds: [...new Set([...row.member_of, ...row.heads])],
    headOfDepartmentIds: row.heads,
  };
}

export async function chooseFixtures(db: FloorDb, anchor: Date, spanDays: number): Promise<Fixtures> {
  const [org] = await db.rows<{ id: string }>(sql`SELECT id FROM organizations WHERE name = ${'宏远集团股份有限公司'}`);
  const orgId = org!.id;
  const owners = await db.rows<{ id: string; n: number }>(sql`
    SELECT a.owner_id AS id, count(*)::int AS n FROM action_items a JOIN users u ON u.id = a.owner_id
    WHERE a.org_id = ${orgId} AND a.status IN ${OPEN} AND u.role = 'member'
      AND NOT EXISTS (SELECT 1 FROM departments d WHERE d.head_id = u.id)
      AND (SELECT count(*) FROM user_departments ud WHERE ud.user_id = u.id) = 1
    GROUP BY a.owner_id HAVING count(*) >= 2 ORDER BY count(*) DESC, a.owner_id`);
  if (owners.length < 17) throw new Error(`only ${owners.length} owners with open items`);
  const memberRow = owners[Math.floor(owners.length / 10)]!;
  const member = await person(db, memberRow.id);
  const departmentId = member.departmentIds[0]!;
  const [headRow] = await db.rows<{ head_id: string }>(sql`SELECT head_id FROM departments WHERE id = ${departmentId}`);
  const head = await person(db, headRow!.head_id);
  const [pmoRow] = await db.rows<{ id: string }>(sql`SELECT id FROM users WHERE org_id = ${orgId} AND role = 'pmo' ORDER BY email LIMIT 1`);
  const pmo = await person(db, pmoRow!.id);

  const writers: Fixtures['writers'] = [];
  for (const owner of owners.filter((o) => o.id !== member.id).slice(0, 16)) {
    const items = await db.rows<{ id: string }>(sql`
      SELECT a.id FROM action_items a JOIN collaborations c ON c.id = a.collaboration_id
      WHERE a.owner_id = ${owner.id} AND a.status IN ${OPEN} AND NOT a.sensitive AND c.archived_at IS NULL ORDER BY a.id`);
    if (items.length) writers.push({ person: await person(db, owner.id), itemIds: items.map((i) => i.id) });
  }

  const inDepartment = sql`(c.initiating_department_id = ${departmentId} OR EXISTS (SELECT 1 FROM collaboration_departments cd WHERE cd.collaboration_id = c.id AND cd.department_id = ${departmentId}))`;
  const recent = await db.rows<{ id: string }>(sql`SELECT c.id FROM collaborations c WHERE c.org_id = ${orgId} AND ${inDepartment} ORDER BY c.created_at DESC, c.id LIMIT 10`);
  const older = await db.rows<{ id: string }>(sql`
    SELECT c.id FROM collaborations c WHERE c.org_id = ${orgId} AND ${inDepartment} AND c.archived_at IS NOT NULL ORDER BY md5(c.id::text) LIMIT 10`);
  const collaborationIds = [...recent, ...older].map((r) => r.id);
  const meetings = await db.rows<{ id: string }>(sql`
    SELECT m.id FROM meetings m WHERE m.collaboration_id = ANY(${collaborationIds}::uuid[]) AND m.minutes_status = 'published' ORDER BY m.id`);
  const [visible] = await db.rows<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM collaborations c WHERE c.org_id = ${orgId} AND (c.visibility = 'organization' OR ${inDepartment})`);

  return {
    orgId,
    member,
    head,
    pmo,
    writers,
    collaborationIds,
    meetingIds: meetings.map((m) => m.id),
    departmentId,
    quarter: reviewQuarter(anchor, spanDays),
    searchQueries: SEARCH_QUERIES,
    visibleCollaborations: visible!.n,
  };
}

/** The last quarter that ended before `anchor` (Asia/Shanghai) when at least half of it is seeded, else the current quarter. */
export function reviewQuarter(anchor: Date, spanDays: number): string {
  const local = new Date(anchor.getTime() + 8 * 3600_000);
  const year = local.getUTCFullYear();
  const quarter = Math.floor(local.getUTCMonth() / 3) + 1;
  const currentStart = Date.UTC(year, (quarter - 1) * 3, 1) - 8 * 3600_000;
  const previous = quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
  const previousMiddle = currentStart - 45 * 86_400_000;
  const seededFrom = anchor.getTime() - spanDays * 86_400_000;
  return seededFrom <= previousMiddle ? `${previous.year}Q${previous.quarter}` : `${year}Q${quarter}`;
}
