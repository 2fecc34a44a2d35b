import { getTableName, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type DbOrTx } from '../src/server/db/client.ts';
import { actionItems, collaborations, progressUpdates, remarks, topicFeedback, topics } from '../src/server/db/schema/index.ts';
import { searchLexemes } from '../src/server/search/bigrams.ts';
import { searchableColumns, type SearchableTable } from '../src/server/search/search-text.ts';

const tables: Record<SearchableTable, PgTable> = { collaborations, topics, topicFeedback, actionItems, progressUpdates, remarks };

/**
 * Rows of the organisation whose stored `search_text` is not what their text gives today: a writer that
 * forgot the vector, or an update that changed text without it. Answers `table:id` for each.
 */
export async function staleSearchTexts(db: DbOrTx, orgId: string): Promise<{ rows: number; stale: string[] }> {
  let rows = 0;
  const stale: string[] = [];
  for (const [key, table] of Object.entries(tables) as [SearchableTable, PgTable][]) {
    const columns = searchableColumns[key].map((c) => sql`${(table as unknown as Record<string, PgColumn>)[c]!} AS ${sql.identifier(c)}`);
    const found = await queryRows<Record<string, string | null> & { id: string; lexemes: string[] | null }>(
      db,
      sql`SELECT id, tsvector_to_array(search_text) AS lexemes, ${sql.join(columns, sql`, `)} FROM ${sql.identifier(getTableName(table))} WHERE org_id = ${orgId}::uuid`,
    );
    rows += found.length;
    for (const row of found) {
      const expected = searchLexemes(searchableColumns[key].map((c) => row[c]));
      const actual = [...(row.lexemes ?? [])].sort();
      if (JSON.stringify(actual) !== JSON.stringify(expected)) stale.push(`${key}:${row.id}`);
    }
  }
  return { rows, stale };
}
