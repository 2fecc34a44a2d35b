import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import { migrateDatabase } from '../../server/bootstrap/first-start.ts';
import { migrationsFolder, openDatabase, type Database, type Db } from '../../server/db/client.ts';
import { loadEnv, type Env } from '../../server/env.ts';
import { runCommand, usageError } from '../output/print.ts';

/** The start-up settings; a bad value is the operator's to fix, so it is a usage error (exit 2). */
export function readEnv(): Env {
  try {
    return loadEnv();
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

type JournalEntry = { tag: string; when: number };

/** Migration folders drizzle-kit has written, oldest first. */
function journal(): JournalEntry[] {
  const file = path.join(migrationsFolder, 'meta', '_journal.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { entries: JournalEntry[] }).entries;
}

/** The `when` stamps Drizzle's migrator recorded, or none on a database it has never touched. */
async function appliedStamps(db: Db): Promise<Set<number>> {
  type Rows<T> = { rows: T[] };
  const table = (await db.execute(sql`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS name`)) as Rows<{ name: string | null }>;
  if (!table.rows[0]?.name) return new Set();
  const stamps = (await db.execute(sql`SELECT created_at FROM drizzle.__drizzle_migrations`)) as Rows<{ created_at: string | number }>;
  return new Set(stamps.rows.map((r) => Number(r.created_at)));
}

/**
 * Opens the database of DATABASE_URL / DATA_DIR and brings its schema up to date; every command that
 * touches data starts here, so none runs against an old schema. Answers the migrations applied now.
 */
export async function openMigratedDatabase(env: Env): Promise<{ database: Database; applied: string[] }> {
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    const before = await appliedStamps(database.db);
    await migrateDatabase(database);
    return { database, applied: journal().filter((m) => !before.has(m.when)).map((m) => m.tag) };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

/** Where the data lives, for messages: never the password of a DATABASE_URL. */
export function describeDatabase(env: Env): string {
  if (!env.DATABASE_URL) return `PGlite in ${path.resolve(env.DATA_DIR)}`;
  const url = new URL(env.DATABASE_URL);
  return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (DATABASE_URL, or PGlite in DATA_DIR)')
    .action((_options, command: Command) =>
      runCommand(command, async (output) => {
        const env = readEnv();
        const { database, applied } = await openMigratedDatabase(env);
        await database.close();
        const where = describeDatabase(env);
        output.result(
          { database: where, applied, total: journal().length },
          applied.length
            ? [`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to ${where}:`, ...applied.map((tag) => `  ${tag}`)]
            : `${where} is up to date (${journal().length} migration${journal().length === 1 ? '' : 's'}).`,
        );
      }),
    );
}
