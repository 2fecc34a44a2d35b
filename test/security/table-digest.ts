import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/server/db/client.ts';

/**
 * Bookkeeping that a refused request may legitimately write, left out of the digest:
 * - `login_failures`: a refused sign-in is recorded on purpose (that is the throttle);
 * - `sessions.last_seen_at` and `access_tokens.last_used_at`: touched by authentication before the
 *   route runs, whatever the route then answers (idle timeout, "last used" in the token list).
 */
const skippedTables = new Set(['login_failures']);
const skippedColumns = ['last_seen_at', 'last_used_at'];

export type Digest = Map<string, string>;

/**
 * A fingerprint of every row of every table of the app (schema `public`): per table the row count and
 * an md5 over the md5 of each row, order-independent. Two equal digests mean no row was added,
 * removed or changed in between. With `orgIds`, only those organisations' rows (tables without an
 * `org_id` left out): for a database other tests write to at the same time.
 */
export async function digestTables(db: Db, options: { orgIds?: string[] } = {}): Promise<Digest> {
  const tables = await tableColumns(db);
  const minus = sql.raw(`ARRAY[${skippedColumns.map((c) => `'${c}'`).join(',')}]`);
  const row = sql`md5((to_jsonb(r) - ${minus})::text)`;
  const ids = options.orgIds ? sql`ARRAY[${sql.join(options.orgIds.map((id) => sql`${id}::uuid`), sql`, `)}]` : null;
  const parts = tables.flatMap(({ name, orgColumn }) => {
    if (ids && !orgColumn) return [];
    const where = ids ? sql`WHERE r.${sql.identifier(orgColumn!)} = ANY(${ids})` : sql``;
    return [sql`SELECT ${name}::text AS name, count(*)::text || ':' || coalesce(md5(string_agg(${row}, '' ORDER BY ${row})), '') AS digest FROM ${sql.identifier(name)} r ${where}`];
  });
  const rows = await queryRows<{ name: string; digest: string }>(db, sql.join(parts, sql` UNION ALL `));
  return new Map(rows.map((r) => [r.name, r.digest]));
}

let cached: { name: string; orgColumn: string | null }[] | undefined;
/** The app's tables, each with the column naming its organisation (`org_id`, or `id` for organizations). */
async function tableColumns(db: Db) {
  if (cached) return cached;
  const rows = await queryRows<{ name: string; has_org: boolean }>(
    db,
    sql`SELECT t.table_name AS name, EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'org_id') AS has_org
        FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY t.table_name`,
  );
  cached = rows
    .filter((r) => !skippedTables.has(r.name))
    .map((r) => ({ name: r.name, orgColumn: r.name === 'organizations' ? 'id' : r.has_org ? 'org_id' : null }));
  return cached;
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Digest, after: Digest): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name));
}

/**
 * The highest transaction id handed out so far (the snapshot's xmax). Read-only requests get no
 * transaction id, so an unchanged value proves nothing was written — the cheap check before a digest.
 */
export async function writeHorizon(db: Db): Promise<string> {
  const [row] = await queryRows<{ xmax: string }>(db, sql`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax`);
  return row!.xmax;
}
