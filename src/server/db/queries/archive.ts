import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.ts';
import { queryRows, type DbOrTx } from '../client.ts';
import { visibleCollaborationSql } from '../../policies/collaboration.ts';
import { periodSql } from './collaboration-list.ts';
import type { ArchiveQuery } from '../../../shared/schemas/archive.ts';

/** What the archive holds of one collaboration: enough to list it and to show what it carries. */
export type ArchivedCollaborationRow = {
  id: string;
  topic: string;
  scenario: string;
  status: string;
  initiating_department_id: string;
  initiating_department_name: string;
  period_year: number;
  period_quarter: number;
  archived_at: Date;
  completed_at: Date | null;
  meetings: number;
  topics: number;
  action_items: number;
  progress_updates: number;
  remarks: number;
  attachments: number;
};

/**
 * The archived collaborations the actor may read, filtered in the database, ordered as the archive
 * files them: year and quarter newest first (the period rule of periodSql), then project name.
 * Counts include restricted (sensitive) entries, which the record itself lists as restricted stubs.
 */
export async function listArchivedCollaborations(db: DbOrTx, actor: Actor, f: ArchiveQuery): Promise<ArchivedCollaborationRow[]> {
  const period = periodSql(actor.settings.timeZone);
  const conditions: SQL[] = [visibleCollaborationSql(actor, sql.raw('c')), sql`c.archived_at IS NOT NULL`];
  if (f.year) conditions.push(sql`${period.year} = ${f.year}`);
  if (f.quarter) conditions.push(sql`${period.quarter} = ${f.quarter}`);
  if (f.scenario) conditions.push(sql`c.scenario = ${f.scenario}`);
  if (f.departmentId) {
    conditions.push(
      sql`(c.initiating_department_id = ${f.departmentId}::uuid OR EXISTS (SELECT 1 FROM collaboration_departments x WHERE x.collaboration_id = c.id AND x.department_id = ${f.departmentId}::uuid))`,
    );
  }
  const rows = await queryRows<ArchivedCollaborationRow>(db, sql`
    SELECT c.id, c.topic, c.scenario, c.status, c.initiating_department_id, d.name AS initiating_department_name,
      ${period.year} AS period_year, ${period.quarter} AS period_quarter, c.archived_at, c.completed_at,
      (SELECT count(*)::int FROM meetings m WHERE m.collaboration_id = c.id) AS meetings,
      (SELECT count(*)::int FROM topics t JOIN meetings m ON m.id = t.meeting_id WHERE m.collaboration_id = c.id) AS topics,
      (SELECT count(*)::int FROM action_items a WHERE a.collaboration_id = c.id) AS action_items,
      (SELECT count(*)::int FROM progress_updates u JOIN action_items a ON a.id = u.action_item_id WHERE a.collaboration_id = c.id) AS progress_updates,
      (SELECT count(*)::int FROM remarks r WHERE r.collaboration_id = c.id) AS remarks,
      (SELECT count(*)::int FROM attachments f WHERE f.org_id = c.org_id AND (f.entity_id = c.id
        OR f.entity_id IN (SELECT a.id FROM action_items a WHERE a.collaboration_id = c.id)
        OR f.entity_id IN (SELECT u.id FROM progress_updates u JOIN action_items a ON a.id = u.action_item_id WHERE a.collaboration_id = c.id)
        OR f.entity_id IN (SELECT m.id FROM meetings m WHERE m.collaboration_id = c.id))) AS attachments
    FROM collaborations c JOIN departments d ON d.id = c.initiating_department_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY period_year DESC, period_quarter DESC, c.topic, c.id`);
  return rows.map((r) => ({
    ...r,
    period_year: Number(r.period_year),
    period_quarter: Number(r.period_quarter),
    archived_at: new Date(r.archived_at),
    completed_at: r.completed_at ? new Date(r.completed_at) : null,
  }));
}
