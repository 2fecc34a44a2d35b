import { getTableName, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { actionItems, collaborations, dataMigrations, progressUpdates, remarks, topicFeedback, topics } from './schema/index.ts';
import { queryRows, type Db } from './client.ts';
import { searchableColumns, searchTextOf, type SearchableTable } from '../search/search-text.ts';

/**
 * A step of a schema change that SQL cannot express, run once after the SQL migrations (by `migrate()` in
 * client.ts) and recorded in `data_migrations`. Steps must be safe to run again: a crash between the work
 * and the record repeats the work.
 */
type DataMigration = { name: string; run(db: Db): Promise<void> };

const searchableTables: Record<SearchableTable, PgTable & { id: PgColumn; searchText: PgColumn }> = {
  collaborations,
  topics,
  topicFeedback,
  actionItems,
  progressUpdates,
  remarks,
};

const BATCH = 2000;

/**
 * Migration 0005 gave every row that already existed an empty `search_text`; this fills each from its text
 * with the same tokenizer the writers use (the lexemes need JavaScript's Unicode normalisation, which
 * PostgreSQL 15 and PGlite do not share). Rows whose text has nothing to index stay empty, which is right.
 * `only` limits it to one organisation (tests on a shared database).
 */
export async function backfillSearchText(db: Db, only?: { orgId: string }): Promise<void> {
  const scope = only ? sql` AND org_id = ${only.orgId}::uuid` : sql``;
  for (const [key, table] of Object.entries(searchableTables) as [SearchableTable, (typeof searchableTables)[SearchableTable]][]) {
    const name = sql.identifier(getTableName(table));
    const columns = searchableColumns[key].map((c) => sql`${(table as unknown as Record<string, PgColumn>)[c]!} AS ${sql.identifier(c)}`);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await queryRows<Record<string, string | null> & { id: string }>(
        db,
        sql`SELECT id, ${sql.join(columns, sql`, `)} FROM ${name} WHERE search_text = ''::tsvector AND id > ${after}::uuid${scope} ORDER BY id LIMIT ${BATCH}`,
      );
      if (!rows.length) break;
      const filled = rows.map((r) => ({ id: r.id, search_text: searchTextOf(key, r as never) }));
      await db.execute(sql`
        UPDATE ${name} t SET search_text = v.search_text::tsvector
        FROM jsonb_to_recordset(${JSON.stringify(filled)}::jsonb) AS v(id uuid, search_text text)
        WHERE t.id = v.id`);
      after = rows[rows.length - 1]!.id;
    }
  }
}

/** In the order they must run; never reorder or rename one that has shipped. */
const steps: DataMigration[] = [{ name: 'search_text_backfill', run: backfillSearchText }];

/** Runs the steps not yet recorded. The caller holds the migration lock (see migrateDatabase). */
export async function runDataMigrations(db: Db): Promise<void> {
  const done = new Set((await db.select({ name: dataMigrations.name }).from(dataMigrations)).map((r) => r.name));
  for (const step of steps) {
    if (done.has(step.name)) continue;
    await step.run(db);
    await db.insert(dataMigrations).values({ name: step.name }).onConflictDoNothing();
  }
}
