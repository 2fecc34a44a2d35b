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
 * removed or changed in between.
 */
export async function digestTables(db: Db): Promise<Digest> {
  const tables = await tableNames(db);
  const parts = tables.map(
    (t) => sql`SELECT ${t}::text AS name, count(*)::text || ':' || coalesce(md5(string_agg(md5((to_jsonb(r) - ${sql.raw(`ARRAY[${skippedColumns.map((c) => `'${c}'`).join(',')}]`)})::text), '' ORDER BY md5((to_jsonb(r) - ${sql.raw(`ARRAY[${skippedColumns.map((c) => `'${c}'`).join(',')}]`)})::text))), '') AS digest FROM ${sql.identifier(t)} r`,
  );
  const rows = await queryRows<{ name: string; digest: string }>(db, sql.join(parts, sql` UNION ALL `));
  return new Map(rows.map((r) => [r.name, r.digest]));
}

let cachedTables: string[] | undefined;
async function tableNames(db: Db): Promise<string[]> {
  if (cachedTables) return cachedTables;
  const rows = await queryRows<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  cachedTables = rows.map((r) => r.name).filter((name) => !skippedTables.has(name));
  return cachedTables;
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
