import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

/**
 * Data migrations written in TypeScript that have run (src/server/db/data-migrations.ts): steps SQL cannot
 * express, such as filling `search_text` with the tokenizer's lexemes, run once after the SQL migrations.
 */
export const dataMigrations = pgTable('data_migrations', {
  name: text().primaryKey(),
  appliedAt: createdAt(),
});
