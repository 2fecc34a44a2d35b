import type { Queue } from 'pg-boss';

/**
 * The jobs Liaison runs on pg-boss, each a queue with its options; the handlers live beside this file
 * (reminder-sweep.ts, escalate-overdue-item.ts). Delivery of the outbox is not a queue of its own: the
 * outbox row already is the unit of work, claimed by the delivery loop (deliver-notifications.ts).
 */
export const jobDefinitions = {
  /** Every minute: raise the reminders that fell due and hand on the escalations. One sweep at a time across instances. */
  reminderSweep: {
    name: 'reminder-sweep',
    cron: '* * * * *',
    queue: { policy: 'singleton', retryLimit: 0, expireInSeconds: 600, deleteAfterSeconds: 3600 } satisfies Omit<Queue, 'name'>,
  },
  /**
   * One job per item to escalate, keyed by the item (singletonKey): while one is queued or running for
   * an item, the sweep cannot add another. Retried with back-off if the transaction fails.
   */
  escalateOverdueItem: {
    name: 'escalate-overdue-item',
    queue: { policy: 'exclusive', retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 } satisfies Omit<Queue, 'name'>,
  },
} as const;

export type EscalateOverdueItemData = { orgId: string; itemId: string };
