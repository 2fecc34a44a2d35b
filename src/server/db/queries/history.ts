import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../client.ts';

export type HistoryRow = {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  restricted_to: string[] | null;
};

/** The audit trail of one collaboration and everything in it, newest first, keyset-paged. */
export async function collaborationHistory(db: DbOrTx, orgId: string, collaborationId: string, limit: number, after?: { at: string; id: string }) {
  const rows = await queryRows<HistoryRow>(db, sql`
    SELECT e.id, e.at, e.actor_id, u.name AS actor_name, e.entity_type, e.entity_id, e.action, e.before, e.after, e.restricted_to
    FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
    WHERE e.org_id = ${orgId}::uuid AND e.collaboration_id = ${collaborationId}::uuid
      ${after ? sql`AND (e.at, e.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
    ORDER BY e.at DESC, e.id DESC
    LIMIT ${limit + 1}`);
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}
