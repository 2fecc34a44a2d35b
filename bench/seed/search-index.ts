/**
 * Fills the search index column (`search_text`, migration 0005) of the seeded rows with the app's own
 * tokenizer (src/server/search/search-text.ts), so search is measured against the index the writers
 * keep. Seeded text comes from a vocabulary, so each table has far fewer distinct texts than rows: the
 * vectors are computed once per distinct text in JavaScript and joined back in one UPDATE, after which
 * the table is rewritten (VACUUM FULL) so it carries no dead copies into the measurements.
 */
import { searchableColumns, searchTextOf, type SearchableTable } from '../../src/server/search/search-text.ts';
import type { SqlSession } from './seed.ts';

const BATCH = 5000;
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export async function fillSearchIndex(session: SqlSession, searchTables: ReadonlySet<string>): Promise<void> {
  for (const key of Object.keys(searchableColumns) as SearchableTable[]) {
    const table = snake(key);
    if (!searchTables.has(table)) continue;
    const step = `search:${table}`;
    const [done] = await session.rows<{ n: number }>(`SELECT count(*)::int AS n FROM bench_seed.done WHERE step = '${step}'`);
    if (done?.n) continue;
    const start = performance.now();
    const columns = searchableColumns[key];
    const cols = columns.map(snake);
    await session.exec(`
      DROP TABLE IF EXISTS bench_seed.texts, bench_seed.vectors;
      CREATE TABLE bench_seed.texts AS SELECT row_number() OVER () AS n, ${cols.join(', ')} FROM (SELECT DISTINCT ${cols.join(', ')} FROM public.${table}) d;
      CREATE UNIQUE INDEX ON bench_seed.texts (n);
      CREATE TABLE bench_seed.vectors (n bigint PRIMARY KEY, vec text NOT NULL);`);
    let distinct = 0;
    for (let lo = 1; ; lo += BATCH) {
      const rows = await session.rows<Record<string, string | null> & { n: string }>(
        `SELECT n::text AS n, ${cols.map((c, i) => `${c} AS "${columns[i]}"`).join(', ')} FROM bench_seed.texts WHERE n >= ${lo} AND n < ${lo + BATCH}`,
      );
      if (!rows.length) break;
      distinct += rows.length;
      const vectors = rows.map((r) => ({ n: Number(r.n), vec: searchTextOf(key, r as never) }));
      await session.exec(`INSERT INTO bench_seed.vectors SELECT n, vec FROM jsonb_to_recordset(${literal(JSON.stringify(vectors))}::jsonb) AS x(n bigint, vec text)`);
    }
    const matches = cols.map((c) => `coalesce(t.${c}, chr(1)) = coalesce(x.${c}, chr(1))`).join(' AND ');
    const updated = await session.chunk(
      `UPDATE public.${table} t SET search_text = v.vec::tsvector FROM bench_seed.texts x JOIN bench_seed.vectors v ON v.n = x.n WHERE ${matches}`,
      { step, lo: 0 },
      false,
    );
    await session.exec(`DROP TABLE bench_seed.texts, bench_seed.vectors`);
    await session.exec(`VACUUM FULL public.${table}`);
    process.stdout.write(`${step}: ${updated.toLocaleString('en')} rows from ${distinct.toLocaleString('en')} distinct texts in ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  }
}
