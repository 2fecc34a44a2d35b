import { Command, CommanderError } from 'commander';
import { registerAudit } from './commands/audit.ts';
import { registerBackup } from './commands/backup.ts';
import { registerCreateAdmin } from './commands/create-admin.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerSeedDemo } from './commands/seed-demo.ts';
import { registerServe } from './commands/serve.ts';
import { registerUsersImport } from './commands/users-import.ts';
import { registerWorker } from './commands/worker.ts';
import { EXIT } from './output/print.ts';

/**
 * `liaison` — the operator's command (DESIGN §3): every command reads DATABASE_URL / DATA_DIR like the
 * server does. Exit codes: 0 done, 1 the operation failed or was refused, 2 the command line is wrong.
 */
function buildProgram(): Command {
  const program = new Command('liaison')
    .description('Liaison — cross-department collaboration records (跨部门协作沟通记录)')
    .version('0.1.0')
    .option('--json', 'print one JSON document instead of text')
    .showHelpAfterError('(add --help for usage)')
    // Set before the commands are added, so every subcommand inherits it.
    .exitOverride();
  registerServe(program);
  registerWorker(program);
  registerMigrate(program);
  registerCreateAdmin(program);
  registerSeedDemo(program);
  registerUsersImport(program.command('users').description('manage people in bulk'));
  registerAudit(program);
  registerBackup(program);
  return program;
}

/** Help and --version asked for are a success; anything else commander refuses is a usage error. */
function exitCodeOf(error: CommanderError): number {
  return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  process.exitCode = exitCodeOf(error);
}
