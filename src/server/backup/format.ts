import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { migrationsFolder, queryRows, type DbOrTx } from '../db/client.ts';
import type { TableDigest } from './tables.ts';

/**
 * A Liaison backup is one gzip file of lines, each a one-letter kind, a space and a payload:
 *   H {header}                      format, version, when, source back end, the migrations applied
 *   T {"table":…, "columns":[…]}    a table follows
 *   R {…}                           one row, exactly as PostgreSQL's row_to_json printed it (never re-parsed,
 *                                   so big numbers, instants and text keep every digit and character)
 *   F {"sha256":…, "size":…}        an attachment file follows, as
 *   C <base64>                      chunks of its bytes
 *   E {trailer}                     row count and digest of every table, file count: the backup is complete
 * The same file restores into PGlite or PostgreSQL.
 */
export const BACKUP_FORMAT = 'liaison-backup';
export const BACKUP_VERSION = 1;

export type BackupHeader = { format: string; version: number; createdAt: string; source: 'pglite' | 'postgres'; migrations: string[] };
export type BackupTrailer = { tables: Record<string, TableDigest>; files: number; fileBytes: number; missingFiles: string[] };

type JournalEntry = { tag: string; when: number };

/** The migrations this version of Liaison ships, oldest first. */
export function shippedMigrations(): JournalEntry[] {
  return (JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] }).entries;
}

/** The tags of the migrations applied to a database, in the order Liaison ships them. */
export async function appliedMigrations(db: DbOrTx): Promise<string[]> {
  const [table] = await queryRows<{ name: string | null }>(db, sql`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS name`);
  if (!table?.name) return [];
  const stamps = new Set((await queryRows<{ created_at: string | number }>(db, sql`SELECT created_at FROM drizzle.__drizzle_migrations`)).map((r) => Number(r.created_at)));
  return shippedMigrations()
    .filter((m) => stamps.has(m.when))
    .map((m) => m.tag);
}

/** Writes lines into a gzip file under a temporary name; `commit` makes it durable and gives it its name. */
export async function openBackupWriter(file: string) {
  const target = path.resolve(file);
  const temp = `${target}.partial-${randomBytes(4).toString('hex')}`;
  const out = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
  const gzip = createGzip({ level: 6 });
  gzip.pipe(out);
  const write = async (kind: string, payload: string) => {
    if (!gzip.write(`${kind} ${payload}\n`)) await once(gzip, 'drain');
  };
  return {
    write,
    async commit(): Promise<number> {
      gzip.end();
      await once(out, 'close');
      const handle = await open(temp, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
      const dir = await open(path.dirname(target), 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
      const stat = await open(target, 'r');
      try {
        return (await stat.stat()).size;
      } finally {
        await stat.close();
      }
    },
    async abort(): Promise<void> {
      gzip.destroy();
      out.destroy();
      await rm(temp, { force: true });
    },
  };
}

export type BackupLine = { kind: string; payload: string };

/** The lines of a backup file in order; a damaged or foreign file fails with a message saying so. */
export async function* readBackupLines(file: string): AsyncGenerator<BackupLine> {
  const input = createReadStream(path.resolve(file)).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line.length < 2 || line[1] !== ' ') throw new Error('not a Liaison backup (or a damaged one): unexpected line');
      yield { kind: line[0]!, payload: line.slice(2) };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' || (error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') {
      throw new Error('not a Liaison backup (or a damaged one): not a gzip file', { cause: error });
    }
    throw error;
  } finally {
    lines.close();
    input.destroy();
  }
}
