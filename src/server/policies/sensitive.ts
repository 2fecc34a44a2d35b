import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';

/** DESIGN §2 rule 10: sensitive content is for the users it names, and nobody else — admins included. */
export function canSeeSensitive(actor: Pick<Actor, 'userId'>, entity: { sensitive: boolean; visibleToUserIds: string[] }): boolean {
  return !entity.sensitive || entity.visibleToUserIds.includes(actor.userId);
}

/** The same rule as a SQL condition on a row aliased `alias` with `sensitive` and `visible_to_user_ids`. */
export function sensitiveVisibleSql(actor: Actor, alias: string): SQL {
  const t = sql.raw(alias);
  return sql`(NOT ${t}.sensitive OR ${actor.userId}::uuid = ANY(${t}.visible_to_user_ids))`;
}
