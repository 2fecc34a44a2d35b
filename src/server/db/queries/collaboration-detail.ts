import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../client.ts';
import { actionItems, meetings, remarks } from '../schema/index.ts';
import { rowsFromJson } from './row-columns.ts';

type JsonRows = Record<string, unknown>[] | null;

/**
 * Everything the collaboration page shows besides the row itself — departments, meetings, action items,
 * remarks and the names of the people they mention — in one statement: each list is aggregated to JSON
 * inside PostgreSQL and read back into the rows Drizzle's builder would give, so the page costs one round
 * trip after the collaboration itself, however many meetings and items it holds.
 */
export async function loadCollaborationParts(
  db: DbOrTx,
  collaboration: { id: string; creatorId: string; ownerId: string | null },
  departmentIds: string[],
) {
  const id = sql`${collaboration.id}::uuid`;
  const uuids = (ids: string[]) => (ids.length ? sql`ARRAY[${sql.join(ids.map((d) => sql`${d}::uuid`), sql`, `)}]` : sql`ARRAY[]::uuid[]`);
  const [row] = await queryRows<{ departments: { id: string; name: string; head_id: string | null }[] | null; meetings: JsonRows; items: JsonRows; remarks: JsonRows; people: { id: string; name: string }[] | null }>(
    db,
    sql`SELECT
      (SELECT json_agg(json_build_object('id', d.id, 'name', d.name, 'head_id', d.head_id)) FROM departments d WHERE d.id = ANY(${uuids(departmentIds)})) AS departments,
      (SELECT json_agg(to_jsonb(m) ORDER BY m.planned_start) FROM meetings m WHERE m.collaboration_id = ${id}) AS meetings,
      (SELECT json_agg(to_jsonb(a) - 'search_text' ORDER BY a.due_date, a.id) FROM action_items a WHERE a.collaboration_id = ${id}) AS items,
      (SELECT json_agg(to_jsonb(r) - 'search_text' ORDER BY r.created_at DESC) FROM remarks r WHERE r.collaboration_id = ${id}) AS remarks,
      (SELECT json_agg(json_build_object('id', u.id, 'name', u.name)) FROM users u WHERE u.id IN (
        SELECT ${collaboration.creatorId}::uuid UNION SELECT ${collaboration.ownerId}::uuid
        UNION SELECT host_id FROM meetings WHERE collaboration_id = ${id} UNION SELECT recorder_id FROM meetings WHERE collaboration_id = ${id}
        UNION SELECT owner_id FROM action_items WHERE collaboration_id = ${id} UNION SELECT author_id FROM remarks WHERE collaboration_id = ${id})) AS people`,
  );
  return {
    departments: (row?.departments ?? []).map((d) => ({ id: d.id, name: d.name, headId: d.head_id })),
    meetings: rowsFromJson(meetings, row?.meetings ?? null),
    actionItems: rowsFromJson(actionItems, row?.items ?? null),
    remarks: rowsFromJson(remarks, row?.remarks ?? null),
    names: new Map((row?.people ?? []).map((p) => [p.id, p.name])),
  };
}
