import type { Actor } from '../auth/actor.ts';
import type { HistoryRow } from '../db/queries/history.ts';
import { formatInstant } from './instant.ts';

/**
 * One audit event: who, when, what, before → after. Events about sensitive content keep their existence
 * visible to every reader but show the values only to the users the content names.
 */
export function presentHistoryEvent(actor: Actor, row: HistoryRow) {
  const restricted = row.restricted_to !== null && !row.restricted_to.includes(actor.userId);
  return {
    id: row.id,
    at: formatInstant(row.at, actor.settings.timeZone),
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name } : null,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    restricted,
    before: restricted ? null : row.before,
    after: restricted ? null : row.after,
  };
}
