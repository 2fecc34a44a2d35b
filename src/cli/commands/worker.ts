import type { Command } from 'commander';
import { startWorker } from '../../server/jobs/worker.ts';
import { sendSettingsFromEnv } from '../../server/notifications/send-settings.ts';
import { runCommand } from '../output/print.ts';
import { describeDatabase, openMigratedDatabase, readEnv } from './migrate.ts';

/** How long a graceful stop may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 15_000;

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run the background jobs apart from the web server: the minute reminder sweep, escalations and notification delivery')
    .action((_options, command: Command) =>
      runCommand(command, async (output) => {
        const env = readEnv();
        const { database } = await openMigratedDatabase(env);
        const send = await sendSettingsFromEnv(env, `http://localhost:${env.PORT}`);
        const log = (level: string) => (object: object, message: string) =>
          process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...serializable(object) })}\n`);
        const worker = await startWorker({ database, send, logger: { info: log('info'), error: log('error') } });
        const stopped = new Promise<void>((resolve) => {
          let stopping = false;
          const onSignal = () => {
            if (stopping) process.exit(1);
            stopping = true;
            setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
            void worker
              .stop()
              .then(() => database.close())
              .finally(() => {
                send.close();
                resolve();
              });
          };
          process.on('SIGINT', onSignal);
          process.on('SIGTERM', onSignal);
        });
        // Announced only once a signal would stop it gracefully.
        output.note(`Liaison worker running on ${describeDatabase(env)} (SIGINT/SIGTERM to stop)`);
        await stopped;
        output.note('Liaison worker stopped');
      }),
    );
}

function serializable(object: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, v instanceof Error ? { message: v.message, stack: v.stack } : v]));
}
