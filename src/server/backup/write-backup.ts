import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client.ts';
import type { AttachmentStorage } from '../attachments/storage.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, appliedMigrations, openBackupWriter, type BackupHeader, type BackupTrailer } from './format.ts';
import { applicationTables, databaseDigest } from './tables.ts';

export type BackupSummary = { file: string; bytes: number; tables: number; rows: number; files: number; fileBytes: number; missingFiles: string[]; seconds: number };

const FETCH = 2_000;
/** Base64 of 3 × 256 KiB: whole groups, so chunks can be decoded one at a time. */
const CHUNK = 3 * 256 * 1024;

/**
 * A consistent backup of the whole database and its attachment files, safe while the server keeps
 * writing: every table is read in one REPEATABLE READ snapshot (PostgreSQL's guarantee for a read-only
 * transaction), then the files its attachment rows name are copied — files are stored by content and never
 * change, so a later upload cannot tear them. The file appears under its name only once complete and fsynced.
 */
export async function writeBackup(database: Database, storage: AttachmentStorage, file: string): Promise<BackupSummary> {
  const started = performance.now();
  const writer = await openBackupWriter(file);
  try {
    const snapshot = await database.db.transaction(
      async (tx) => {
        await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
        const tables = await applicationTables(tx);
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          source: database.kind,
          migrations: await appliedMigrations(tx),
        };
        await writer.write('H', JSON.stringify(header));
        let rows = 0;
        for (const table of tables) {
          await writer.write('T', JSON.stringify({ table: table.name, columns: table.columns }));
          const columns = sql.join(table.columns.map((c) => sql.identifier(c)), sql`, `);
          await tx.execute(sql`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(r)::text AS j FROM (SELECT ${columns} FROM ${sql.identifier(table.name)}) r`);
          for (;;) {
            const batch = await queryRows<{ j: string }>(tx, sql.raw(`FETCH ${FETCH} FROM backup_rows`));
            for (const row of batch) await writer.write('R', row.j);
            rows += batch.length;
            if (batch.length < FETCH) break;
          }
          await tx.execute(sql`CLOSE backup_rows`);
        }
        const digests = await databaseDigest(tx, tables);
        const hashes = await queryRows<{ sha256: string; size: string | number }>(tx, sql`SELECT sha256, max(size) AS size FROM attachments GROUP BY sha256 ORDER BY sha256`);
        return { tables, rows, digests, hashes };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );

    let fileBytes = 0;
    const missingFiles: string[] = [];
    for (const { sha256 } of snapshot.hashes) {
      let bytes: Buffer;
      try {
        bytes = await storage.read(sha256);
      } catch (error) {
        // Removed after the snapshot by a concurrent delete of its last attachment; the restored row will lack it.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          missingFiles.push(sha256);
          continue;
        }
        throw error;
      }
      await writer.write('F', JSON.stringify({ sha256, size: bytes.length }));
      for (let at = 0; at < bytes.length; at += CHUNK) await writer.write('C', bytes.subarray(at, at + CHUNK).toString('base64'));
      fileBytes += bytes.length;
    }
    const trailer: BackupTrailer = { tables: snapshot.digests, files: snapshot.hashes.length - missingFiles.length, fileBytes, missingFiles };
    await writer.write('E', JSON.stringify(trailer));
    const bytes = await writer.commit();
    return {
      file,
      bytes,
      tables: snapshot.tables.length,
      rows: snapshot.rows,
      files: trailer.files,
      fileBytes,
      missingFiles,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
