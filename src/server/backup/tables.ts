import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/client.ts';

export type TableInfo = { name: string; columns: string[] };
export type TableDigest = { rows: number; md5: string };

/**
 * The application's tables (schema `public`), parents before children along their foreign keys, so
 * rows load in an order every constraint accepts. Only columns a row can be given are listed (generated
 * columns are recomputed). The job queue's own schema is not part of the data: a restored server
 * schedules its jobs again.
 */
export async function applicationTables(db: DbOrTx): Promise<TableInfo[]> {
  const tables = await queryRows<{ name: string }>(db, sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`);
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    db,
    sql`SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`,
  );
  const edges = await queryRows<{ child: string; parent: string }>(
    db,
    sql`SELECT DISTINCT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE c.contype = 'f' AND n.nspname = 'public' AND c.conrelid <> c.confrelid`,
  );
  const unquote = (name: string) => name.replace(/^"|"$/g, '');
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  for (const e of edges) parents.get(unquote(e.child))?.add(unquote(e.parent));
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.map((t) => t.name).filter((name) => !placed.has(name) && [...parents.get(name)!].every((p) => placed.has(p) || !parents.has(p)));
    if (!ready.length) throw new Error(`foreign keys form a cycle among: ${tables.map((t) => t.name).filter((n) => !placed.has(n)).join(', ')}`);
    for (const name of ready) {
      ordered.push(name);
      placed.add(name);
    }
  }
  return ordered.map((name) => ({ name, columns: columns.filter((c) => c.table_name === name).map((c) => c.column_name) }));
}

/**
 * Row count and a digest of a table's content that ignores row order: md5 over the sorted md5s of each
 * row's text (instants printed in UTC, so PGlite and PostgreSQL agree). Two tables with the same digest
 * hold the same rows.
 */
export async function tableDigest(db: DbOrTx, table: string): Promise<TableDigest> {
  const name = sql.identifier(table);
  const [row] = await queryRows<{ rows: string | number; md5: string | null }>(
    db,
    sql`SELECT count(*) AS rows, md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS md5 FROM (SELECT md5(t::text) AS h FROM ${name} t) r`,
  );
  return { rows: Number(row!.rows), md5: row!.md5 ?? '' };
}

/** Digests of every application table; run inside a transaction with the time zone set to UTC. */
export async function databaseDigest(db: DbOrTx, tables: TableInfo[]): Promise<Record<string, TableDigest>> {
  const digests: Record<string, TableDigest> = {};
  for (const t of tables) digests[t.name] = await tableDigest(db, t.name);
  return digests;
}
