/**
 * Size and time of `liaison backup` and `liaison restore` (the functions behind them) on a seeded
 * organisation: bench/seed-small.ts collaborations plus attachment files of incompressible bytes, on
 * file-backed PGlite and on a durable throwaway PostgreSQL server. The restore checks every table's
 * digest against the backup before it commits, so a run that finishes is also a correct round trip.
 * Usage: node bench/backup-restore.ts [pglite|postgres|both] [collaborations=300] [files=40] [fileKb=256]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { attachments, users } from '../src/server/db/schema/index.ts';
import { attachmentStorage } from '../src/server/attachments/storage.ts';
import { writeBackup } from '../src/server/backup/write-backup.ts';
import { restoreBackup } from '../src/server/backup/restore-backup.ts';
import { startThrowawayPostgres } from '../test/postgres-server.ts';
import { seedSmallOrganization } from './seed-small.ts';
import { eq } from 'drizzle-orm';

const [which = 'both', collaborationsArg = '300', filesArg = '40', fileKbArg = '256'] = process.argv.slice(2);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function measure(name: string, source: Database, target: Database, dir: string) {
  await source.migrate();
  const seeding = performance.now();
  const { orgId, target: collaborationId } = await seedSmallOrganization(source.db, Number(collaborationsArg));
  const storage = attachmentStorage(path.join(dir, `${name}-attachments`));
  const [uploader] = await source.db.select({ id: users.id }).from(users).where(eq(users.orgId, orgId)).limit(1);
  for (let i = 0; i < Number(filesArg); i++) {
    const bytes = randomBytes(Number(fileKbArg) * 1024);
    const sha256 = await storage.put(bytes);
    await source.db.insert(attachments).values({ orgId, sha256, mime: 'image/png', size: bytes.length, fileName: `截图-${i}.png`, entityType: 'collaboration', entityId: collaborationId, uploadedBy: uploader!.id });
  }
  const seedSeconds = (performance.now() - seeding) / 1000;
  const file = path.join(dir, `${name}.liaison-backup`);
  const backup = await writeBackup(source, storage, file);
  await target.migrate();
  const restored = await restoreBackup(target, attachmentStorage(path.join(dir, `${name}-restored`)), file);
  console.log(
    `${name}: ${backup.rows} rows in ${backup.tables} tables + ${backup.files} files (${mb(backup.fileBytes)}) seeded in ${seedSeconds.toFixed(0)} s — ` +
      `backup ${mb(backup.bytes)} in ${backup.seconds.toFixed(1)} s; restore into an empty database ${restored.seconds.toFixed(1)} s (every table digest equal)`,
  );
}

const dir = mkdtempSync(path.join(tmpdir(), 'liaison-bench-backup-'));
try {
  if (which === 'pglite' || which === 'both') {
    const source = await openDatabase({ dataDir: path.join(dir, 'pglite-source') });
    const target = await openDatabase({ dataDir: path.join(dir, 'pglite-target') });
    try {
      await measure('PGlite', source, target, dir);
    } finally {
      await source.close();
      await target.close();
    }
  }
  if (which === 'postgres' || which === 'both') {
    const server = await startThrowawayPostgres({ durable: true });
    try {
      const source = await openDatabase({ url: await server.createDatabase('bench_backup_source'), poolSize: 4 });
      const target = await openDatabase({ url: await server.createDatabase('bench_backup_target'), poolSize: 4 });
      try {
        await measure('PostgreSQL', source, target, dir);
      } finally {
        await source.close();
        await target.close();
      }
    } finally {
      await server.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
