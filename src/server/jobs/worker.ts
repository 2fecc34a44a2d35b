import type { PgBoss } from 'pg-boss';
import type { Database } from '../db/client.ts';
import type { Clock } from '../../domain/clock.ts';
import { systemClock } from '../../domain/clock.ts';
import type { SendSettings } from '../notifications/deliver.ts';
import { startJobQueue } from './boss.ts';
import { jobDefinitions, type EscalateOverdueItemData } from './definitions.ts';
import { defaultDeliveryOptions, startDeliveryLoop, type DeliveryLoop, type DeliveryOptions } from './deliver-notifications.ts';
import { escalateOverdueItem } from './escalate-overdue-item.ts';
import { runReminderSweep } from './reminder-sweep.ts';

export type WorkerLogger = {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
};

export type WorkerOptions = {
  database: Database;
  send: SendSettings;
  clock?: Clock;
  delivery?: Partial<DeliveryOptions>;
  logger?: WorkerLogger;
  /** Run the cron schedule (the minute sweep) from this instance; pg-boss makes one sweep a minute whatever the count. */
  schedule?: boolean;
};

export type RunningWorker = {
  boss: PgBoss;
  delivery: DeliveryLoop;
  /** Stops taking work, lets running jobs and sends finish, then stops pg-boss (the database stays open). */
  stop(): Promise<void>;
};

const quietLogger: WorkerLogger = { info: () => {}, error: () => {} };

/**
 * The background half of Liaison: pg-boss with the minute `reminder-sweep` and the
 * `escalate-overdue-item` jobs, and the outbox delivery loop. `liaison worker` runs it alone; `npm
 * start` runs it beside the web server. Any number of workers may share a database.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { database } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? quietLogger;
  const onError = (error: unknown) => logger.error({ err: error }, 'background job failed');
  const boss = await startJobQueue(database, { onError, schedule: options.schedule ?? true });
  const { reminderSweep, escalateOverdueItem: escalate } = jobDefinitions;
  try {
    await boss.createQueue(reminderSweep.name, reminderSweep.queue);
    await boss.createQueue(escalate.name, escalate.queue);

    await boss.work(escalate.name, { localConcurrency: 2 }, async (jobs) => {
      for (const job of jobs) {
        const data = job.data as EscalateOverdueItemData;
        const result = await escalateOverdueItem(database.db, data.itemId, clock.now());
        if (result) logger.info({ itemId: data.itemId, ...result }, 'overdue item escalated');
      }
    });
    await boss.work(reminderSweep.name, async () => {
      const report = await runReminderSweep(
        {
          db: database.db,
          scheduleEscalations: async (orgId, itemIds) => {
            await boss.insert(
              escalate.name,
              itemIds.map((itemId) => ({ data: { orgId, itemId } satisfies EscalateOverdueItemData, singletonKey: itemId })),
            );
          },
        },
        clock.now(),
      );
      const raised = Object.entries(report).filter(([, n]) => n > 0);
      if (raised.length) logger.info(Object.fromEntries(raised), 'reminder sweep');
    });
    if (options.schedule ?? true) await boss.schedule(reminderSweep.name, reminderSweep.cron);
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw error;
  }

  const delivery = await startDeliveryLoop(
    database,
    { db: database.db, clock, settings: options.send, options: { ...defaultDeliveryOptions, ...options.delivery } },
    onError,
  );

  let stopping: Promise<void> | undefined;
  return {
    boss,
    delivery,
    stop: () =>
      (stopping ??= (async () => {
        await delivery.stop();
        await boss.stop({ graceful: true, close: true, timeout: 8_000 });
      })()),
  };
}
