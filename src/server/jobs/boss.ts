import { PgBoss } from 'pg-boss';
import type { Database } from '../db/client.ts';

/**
 * pg-boss 12 on the open database: its own small pool on PostgreSQL, or the embedded PGlite instance
 * through pg-boss's PGlite adapter (Database.jobQueueOptions decides). pg-boss installs and migrates
 * its tables in the `pgboss` schema on first start; several instances share them safely.
 */
export async function startJobQueue(database: Database, options: { onError: (error: Error) => void; schedule?: boolean; supervise?: boolean }): Promise<PgBoss> {
  const boss = new PgBoss({
    ...database.jobQueueOptions(),
    schema: 'pgboss',
    application_name: 'liaison-worker',
    schedule: options.schedule ?? true,
    supervise: options.supervise ?? true,
    instanceName: `liaison-${process.pid}`,
  });
  boss.on('error', options.onError);
  await boss.start();
  return boss;
}
