import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrationsFolder, queryRows, type Database, type DbOrTx } from '../db/client.ts';
import type { AttachmentStorage } from '../attachments/storage.ts';
import { migrateDatabase } from '../bootstrap/first-start.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, readBackupLines, shippedMigrations, type BackupHeader, type BackupTrailer } from './format.ts';
import { applicationTables, databaseDigest } from './tables.ts';

export type RestoreSummary = { tables: number; rows: number; files: number; fileBytes: number; createdAt: string; source: string; migratedAfter: number; seconds: number };

/** Refused before anything was changed (the target holds data, the file is from a newer Liaison, …). */
export class RestoreRefused extends Error {}

const BATCH = 500;

/** Tables holding rows, other than the record of data migrations (which a fresh, migrated database has). */
export async function tablesWithData(db: DbOrTx): Promise<string[]> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'data_migrations'`,
  );
  const full: string[] = [];
  for (const { name } of tables) {
    const [row] = await queryRows<{ any: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM ${sql.identifier(name)}) AS any`);
    if (row?.any) full.push(name);
  }
  return full;
}

/** Brings an empty database to exactly the migrations `tags` (a prefix of what this version ships). */
async function migrateTo(database: Database, tags: string[]): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'liaison-restore-migrations-'));
  try {
    cpSync(migrationsFolder, dir, { recursive: true });
    const journal = { version: '7', dialect: 'postgresql', entries: shippedMigrations().slice(0, tags.length).map((m, idx) => ({ idx, version: '7', ...m, breakpoints: true })) };
    writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
    if (database.kind === 'postgres') await migratePg(database.db as never, { migrationsFolder: dir });
    else await migratePglite(database.db as never, { migrationsFolder: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Restores a backup (write-backup.ts) into an empty database — PGlite or PostgreSQL, whichever took it.
 * The schema is rebuilt at the backup's migration level, every row is loaded in ONE transaction whose
 * table digests must equal the backup's before it commits, attachment files are checked against their
 * hash, and then the migrations of this version that the backup predates are applied. A database that
 * holds data is refused unless `force`, which replaces everything in it.
 */
export async function restoreBackup(database: Database, storage: AttachmentStorage, file: string, options: { force?: boolean } = {}): Promise<RestoreSummary> {
  const started = performance.now();
  let first: { kind: string; payload: string } | undefined;
  for await (const line of readBackupLines(file)) {
    first = line;
    break;
  }
  if (first?.kind !== 'H') throw new RestoreRefused('not a Liaison backup: it has no header');
  const header = JSON.parse(first.payload) as BackupHeader;
  if (header.format !== BACKUP_FORMAT) throw new RestoreRefused('not a Liaison backup');
  if (header.version > BACKUP_VERSION) throw new RestoreRefused(`the backup has format version ${header.version}; this Liaison reads up to ${BACKUP_VERSION}: upgrade Liaison first`);
  const shipped = shippedMigrations().map((m) => m.tag);
  if (header.migrations.some((tag, i) => shipped[i] !== tag)) {
    throw new RestoreRefused(`the backup was taken by a newer or different Liaison (migrations ${header.migrations.at(-1)}); upgrade Liaison first`);
  }
  const full = await tablesWithData(database.db);
  if (full.length && !options.force) {
    throw new RestoreRefused(`the database is not empty (rows in ${full.slice(0, 5).join(', ')}${full.length > 5 ? ', …' : ''}); restore into an empty database, or pass --force to replace everything in it`);
  }

  // An empty (or to-be-replaced) database starts from a clean schema at exactly the backup's level.
  await database.db.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
  await database.db.execute(sql`DROP SCHEMA IF EXISTS public CASCADE`);
  await database.db.execute(sql`CREATE SCHEMA public`);
  await migrateTo(database, header.migrations);

  let rows = 0;
  let files = 0;
  let fileBytes = 0;
  const tableCount = await database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
    // The audit guard and chain triggers would refuse or re-link the history being restored as it was.
    await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER USER`);
    const tables = await applicationTables(tx);
    const known = new Map(tables.map((t) => [t.name, new Set(t.columns)]));
    let table: { name: string; columns: string[] } | null = null;
    let batch: string[] = [];
    let current: { sha256: string; size: number; chunks: Buffer[] } | null = null;
    let trailer: BackupTrailer | null = null;

    const flushRows = async () => {
      if (!table || !batch.length) return;
      const name = sql.identifier(table.name);
      const columns = sql.join(table.columns.map((c) => sql.identifier(c)), sql`, `);
      await tx.execute(sql`INSERT INTO ${name} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${name}, ${`[${batch.join(',')}]`}::json)`);
      rows += batch.length;
      batch = [];
    };
    const finishFile = async () => {
      if (!current) return;
      const bytes = Buffer.concat(current.chunks);
      if (bytes.length !== current.size || createHash('sha256').update(bytes).digest('hex') !== current.sha256) {
        throw new Error(`attachment file ${current.sha256} in the backup is damaged`);
      }
      await storage.put(bytes);
      files++;
      fileBytes += bytes.length;
      current = null;
    };

    for await (const line of readBackupLines(file)) {
      if (trailer) throw new Error('the backup continues after its end mark');
      switch (line.kind) {
        case 'H':
          break;
        case 'T': {
          await flushRows();
          const next = JSON.parse(line.payload) as { table: string; columns: string[] };
          const columns = known.get(next.table);
          if (!columns) throw new Error(`the backup holds a table this database does not have: ${next.table}`);
          const unknown = next.columns.filter((c) => !columns.has(c));
          if (unknown.length) throw new Error(`the backup's ${next.table} has columns this database does not: ${unknown.join(', ')}`);
          table = { name: next.table, columns: next.columns };
          break;
        }
        case 'R':
          if (!table) throw new Error('a row before any table');
          batch.push(line.payload);
          if (batch.length >= BATCH) await flushRows();
          break;
        case 'F':
          await flushRows();
          await finishFile();
          current = { ...(JSON.parse(line.payload) as { sha256: string; size: number }), chunks: [] };
          break;
        case 'C':
          if (!current) throw new Error('file content before any file');
          current.chunks.push(Buffer.from(line.payload, 'base64'));
          break;
        case 'E':
          await flushRows();
          await finishFile();
          trailer = JSON.parse(line.payload) as BackupTrailer;
          break;
        default:
          throw new Error(`unknown line kind "${line.kind}"`);
      }
    }
    if (!trailer) throw new Error('the backup is incomplete: its end mark is missing (was it cut off?)');
    const restored = await databaseDigest(tx, tables);
    const differing = Object.entries(trailer.tables)
      .filter(([name, digest]) => restored[name]?.rows !== digest.rows || restored[name]?.md5 !== digest.md5)
      .map(([name, digest]) => `${name} (${restored[name]?.rows ?? 'missing'} rows restored, ${digest.rows} backed up)`);
    if (differing.length) throw new Error(`the restored tables differ from the backup: ${differing.join('; ')}`);
    await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER USER`);
    return tables.length;
  });
  // Then whatever this version adds on top of the backup's schema (and its data steps).
  await migrateDatabase(database);
  return {
    tables: tableCount,
    rows,
    files,
    fileBytes,
    createdAt: header.createdAt,
    source: header.source,
    migratedAfter: shipped.length - header.migrations.length,
    seconds: (performance.now() - started) / 1000,
  };
}
