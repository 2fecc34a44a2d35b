import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.ts';
import { queryRows, type DbOrTx } from '../client.ts';
import { visibleCollaborationSql } from '../../policies/collaboration.ts';

export type CollaborationFilters = {
  status?: 'active' | 'completed' | 'cancelled' | 'archived' | undefined;
  q?: string | undefined;
  departmentId?: string | undefined;
  scenario?: string | undefined;
  health?: string | undefined;
  year?: number | undefined;
  quarter?: number | undefined;
  limit: number;
  after?: { createdAt: string; id: string } | undefined;
  today: string;
};

export type CollaborationListRow = {
  id: string;
  topic: string;
  goal: string;
  scenario: string;
  status: string;
  health: string;
  visibility: string;
  progress_summary: string;
  initiating_department_id: string;
  initiating_department_name: string;
  participating_department_ids: string[];
  period_year: number;
  period_quarter: number;
  open_items: number;
  overdue_items: number;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The effective archive period in SQL: as set, else the first meeting's local date, else creation —
 * the same rule as src/domain/period.ts collaborationPeriod.
 */
export function periodSql(tz: string) {
  const basis = sql`COALESCE((SELECT min(m.planned_start) FROM meetings m WHERE m.collaboration_id = c.id), c.created_at) AT TIME ZONE ${tz}`;
  return {
    year: sql`COALESCE(c.period_year, EXTRACT(YEAR FROM ${basis})::int)`,
    quarter: sql`COALESCE(c.period_quarter, EXTRACT(QUARTER FROM ${basis})::int)`,
  };
}

/** Collaborations the actor may see, filtered and keyset-paged inside the database (newest first). */
export async function listCollaborations(db: DbOrTx, actor: Actor, f: CollaborationFilters): Promise<CollaborationListRow[]> {
  const period = periodSql(actor.settings.timeZone);
  const conditions: SQL[] = [visibleCollaborationSql(actor, sql.raw('c'))];
  if (f.status === 'archived') conditions.push(sql`c.archived_at IS NOT NULL`);
  else if (f.status) conditions.push(sql`c.status = ${f.status} AND c.archived_at IS NULL`);
  if (f.q) conditions.push(sql`(c.topic ILIKE ${like(f.q)} OR c.goal ILIKE ${like(f.q)})`);
  if (f.departmentId) {
    conditions.push(
      sql`(c.initiating_department_id = ${f.departmentId}::uuid OR EXISTS (SELECT 1 FROM collaboration_departments x WHERE x.collaboration_id = c.id AND x.department_id = ${f.departmentId}::uuid))`,
    );
  }
  if (f.scenario) conditions.push(sql`c.scenario = ${f.scenario}`);
  if (f.health) conditions.push(sql`c.health = ${f.health}`);
  if (f.year) conditions.push(sql`${period.year} = ${f.year}`);
  if (f.quarter) conditions.push(sql`${period.quarter} = ${f.quarter}`);
  if (f.after) conditions.push(sql`(c.created_at, c.id) < (${f.after.createdAt}::timestamptz, ${f.after.id}::uuid)`);
  const rows = await queryRows<CollaborationListRow>(db, sql`
    SELECT c.id, c.topic, c.goal, c.scenario, c.status, c.health, c.visibility, c.progress_summary,
      c.initiating_department_id, d.name AS initiating_department_name,
      ARRAY(SELECT cd.department_id FROM collaboration_departments cd WHERE cd.collaboration_id = c.id) AS participating_department_ids,
      ${period.year} AS period_year, ${period.quarter} AS period_quarter,
      (SELECT count(*)::int FROM action_items a WHERE a.collaboration_id = c.id AND a.status IN ('todo', 'in_progress', 'blocked')) AS open_items,
      (SELECT count(*)::int FROM action_items a WHERE a.collaboration_id = c.id AND a.status IN ('todo', 'in_progress', 'blocked') AND a.due_date < ${f.today}::date) AS overdue_items,
      c.archived_at, c.created_at, c.updated_at
    FROM collaborations c JOIN departments d ON d.id = c.initiating_department_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT ${f.limit + 1}`);
  return rows.map((r) => ({
    ...r,
    archived_at: r.archived_at ? new Date(r.archived_at) : null,
    created_at: new Date(r.created_at),
    updated_at: new Date(r.updated_at),
  }));
}
