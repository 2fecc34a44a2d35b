import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { attachmentStorage } from '../../server/attachments/storage.ts';
import { askServer, controlSocketPath } from '../../server/backup/control-socket.ts';
import { restoreBackup, RestoreRefused, type RestoreSummary } from '../../server/backup/restore-backup.ts';
import { writeBackup, type BackupSummary } from '../../server/backup/write-backup.ts';
import { openDatabase } from '../../server/db/client.ts';
import { attachmentsDirOf } from '../../server/env.ts';
import { CliError, runCommand } from '../output/print.ts';
import { describeDatabase, readEnv } from './migrate.ts';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function describeBackup(s: BackupSummary, via: string): string[] {
  return [
    `Backed up ${via} to ${s.file}: ${s.tables} tables, ${s.rows} rows, ${s.files} attachment files (${megabytes(s.fileBytes)}) — ${megabytes(s.bytes)} in ${s.seconds.toFixed(1)} s.`,
    ...(s.missingFiles.length ? [`Warning: ${s.missingFiles.length} attachment file(s) were removed while the backup ran and are not in it.`] : []),
  ];
}

/**
 * `liaison backup <file>` and `liaison restore <file> [--force]`: one file holding every table and the
 * attachment files, taken consistently while the server runs, restorable into PGlite or PostgreSQL.
 */
export function registerBackup(program: Command): void {
  program
    .command('backup <file>')
    .description('write a consistent backup of the database and attachment files (safe while the server runs)')
    .action((file: string, _options, command: Command) =>
      runCommand(command, async (output) => {
        const env = readEnv();
        const target = path.resolve(file);
        if (existsSync(target)) throw new CliError(`${target} already exists; choose a new file name.`);
        if (!env.DATABASE_URL) {
          // A running server owns the PGlite folder: it writes the backup itself.
          const answer = await askServer(controlSocketPath(env.DATA_DIR), { command: 'backup', file: target });
          if (answer) {
            if (!answer.ok) throw new CliError(`the running server could not write the backup: ${answer.error}`);
            const summary = answer.result as BackupSummary;
            return output.result(summary, describeBackup(summary, `${describeDatabase(env)} (through the running server)`));
          }
          if (!existsSync(path.join(env.DATA_DIR, 'PG_VERSION'))) throw new CliError(`there is no database in ${path.resolve(env.DATA_DIR)} to back up.`);
        }
        const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, poolSize: 2 });
        try {
          const summary = await writeBackup(database, attachmentStorage(attachmentsDirOf(env)), target);
          output.result(summary, describeBackup(summary, describeDatabase(env)));
        } finally {
          await database.close();
        }
      }),
    );

  program
    .command('restore <file>')
    .description('restore a backup into an empty database (PGlite or PostgreSQL) and its attachment folder')
    .option('--force', 'replace everything in a database that already holds data')
    .action((file: string, options: { force?: boolean }, command: Command) =>
      runCommand(command, async (output) => {
        const env = readEnv();
        const source = path.resolve(file);
        if (!existsSync(source)) throw new CliError(`${source} does not exist.`);
        if (!env.DATABASE_URL && (await askServer(controlSocketPath(env.DATA_DIR), { command: 'ping' }, 5_000).catch(() => null))) {
          throw new CliError(`a Liaison server is running on ${path.resolve(env.DATA_DIR)}; stop it before restoring.`);
        }
        const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, poolSize: 2 });
        let summary: RestoreSummary;
        try {
          summary = await restoreBackup(database, attachmentStorage(attachmentsDirOf(env)), source, { force: Boolean(options.force) });
        } catch (error) {
          if (error instanceof RestoreRefused) throw new CliError(error.message);
          throw new CliError(`restore failed, nothing was restored: ${(error as Error).message}`);
        } finally {
          await database.close();
        }
        output.result(summary, [
          `Restored ${source} (taken ${summary.createdAt} on ${summary.source}) into ${describeDatabase(env)}: ` +
            `${summary.tables} tables, ${summary.rows} rows, ${summary.files} attachment files (${megabytes(summary.fileBytes)}) in ${summary.seconds.toFixed(1)} s; every table matches the backup.`,
          ...(summary.migratedAfter ? [`Then applied ${summary.migratedAfter} newer migration(s).`] : []),
        ]);
      }),
    );
}
