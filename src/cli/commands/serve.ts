import type { Command } from 'commander';
import { startServer } from '../../server/server.ts';
import { runCommand } from '../output/print.ts';
import { readEnv } from './migrate.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('migrate, set up an empty database (admin from LIAISON_ADMIN_*, demo unless LIAISON_DEMO=0) and serve on HOST:PORT')
    .action((_options, command: Command) =>
      runCommand(command, async () => {
        // Keeps running until SIGINT/SIGTERM; startServer owns the exit from then on.
        await startServer(readEnv());
      }),
    );
}
