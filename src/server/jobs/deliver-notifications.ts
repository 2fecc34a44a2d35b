import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import { queryRows } from '../db/client.ts';
import type { Clock } from '../../domain/clock.ts';
import type { DeliveryResult } from '../notifications/channels/types.ts';
import { sendNotification, type NotificationRow, type SendSettings } from '../notifications/deliver.ts';
import { OUTBOX_CHANNEL } from '../notifications/outbox.ts';
import { createRobotLimiter, type RobotLimiter } from './robot-limits.ts';

/** How delivery retries and leases; the defaults suit production, the delivery suite shortens them. */
export type DeliveryOptions = {
  /** Rows claimed at once, and the most sends in flight per process. */
  batchSize: number;
  /** How long a claim holds a row; must outlast one attempt (the channel timeout) with room to record it. */
  leaseMs: number;
  /** Attempts before a row is dead (shown to admins with its last error and a retry button). */
  maxAttempts: number;
  /** Exponential back-off: first retry after about baseMs, doubling, capped at maxMs, with jitter. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** The loop also looks for due rows this often when no NOTIFY woke it (retries coming due, a lost wake). */
  pollMs: number;
};

export const defaultDeliveryOptions: DeliveryOptions = {
  batchSize: 20,
  leaseMs: 60_000,
  maxAttempts: 12,
  backoffBaseMs: 10_000,
  backoffMaxMs: 3_600_000,
  pollMs: 5_000,
};

export type DeliveryDeps = {
  db: Db;
  clock: Clock;
  settings: SendSettings;
  options: DeliveryOptions;
  limiter?: RobotLimiter;
  /** Only these organisations' rows (tests sharing one database); every row unless set. */
  orgIds?: string[];
};

export type DeliveryOutcome = 'delivered' | 'retry' | 'dead' | 'deferred';

/**
 * Claims up to `limit` due outbox rows for this worker, atomically: `FOR UPDATE SKIP LOCKED` keeps two
 * workers off the same row, and the lease (with the attempt counted now, before sending) keeps a row a
 * crashed worker held from being taken until its lease ends. Each claim bumps `attempts`, which is
 * then the claim's fencing token when the outcome is recorded.
 */
export async function claimDueNotifications(db: Db, now: Date, limit: number, leaseMs: number, orgIds?: string[]): Promise<NotificationRow[]> {
  if (limit <= 0) return [];
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const scope = orgIds ? sql`AND org_id IN (${sql.join(orgIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`UPDATE notifications n SET lease_until = ${leaseUntil.toISOString()}::timestamptz, attempts = n.attempts + 1
        FROM (
          SELECT id FROM notifications
          WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= ${now.toISOString()}::timestamptz
            AND (lease_until IS NULL OR lease_until <= ${now.toISOString()}::timestamptz) ${scope}
          ORDER BY next_attempt_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        ) due
        WHERE n.id = due.id
        RETURNING n.*`,
  );
  return rows.map(rowFromSql);
}

/**
 * Records what happened to a claimed row — only if the claim is still this worker's (same attempt
 * number, not yet delivered): delivered; or retried after an exponential, jittered back-off that is
 * never sooner than the platform's Retry-After; or dead after the last attempt or a permanent error.
 */
export async function recordOutcome(db: Db, row: NotificationRow, result: DeliveryResult, now: Date, options: DeliveryOptions): Promise<DeliveryOutcome> {
  const mine = sql`id = ${row.id} AND attempts = ${row.attempts} AND delivered_at IS NULL`;
  if (result.ok) {
    await db.execute(sql`UPDATE notifications SET delivered_at = ${now.toISOString()}::timestamptz, lease_until = NULL, last_error = NULL WHERE ${mine}`);
    return 'delivered';
  }
  const error = result.error.slice(0, 2000);
  if (!result.retryable || row.attempts >= options.maxAttempts) {
    await db.execute(sql`UPDATE notifications SET dead_at = ${now.toISOString()}::timestamptz, lease_until = NULL, last_error = ${error} WHERE ${mine}`);
    return 'dead';
  }
  const next = new Date(now.getTime() + retryDelayMs(row.attempts, result.retryAfterMs, options));
  await db.execute(sql`UPDATE notifications SET next_attempt_at = ${next.toISOString()}::timestamptz, lease_until = NULL, last_error = ${error} WHERE ${mine}`);
  if (result.retryAfterMs && row.channelId) await holdChannel(db, row.channelId, next);
  return 'retry';
}

/**
 * Delay before attempt `attempts + 1`: base × 2^(attempts−1), capped, with "equal jitter" (half fixed,
 * half random) so rows that failed together do not come back together; at least Retry-After.
 */
export function retryDelayMs(attempts: number, retryAfterMs: number | undefined, options: Pick<DeliveryOptions, 'backoffBaseMs' | 'backoffMaxMs'>): number {
  const exponential = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + Math.random() * (exponential / 2);
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}

/** A robot that said "too fast" (or a webhook that sent Retry-After) gets nothing more until then, from any worker. */
async function holdChannel(db: Db, channelId: string, until: Date): Promise<void> {
  await db.execute(
    sql`UPDATE notifications SET next_attempt_at = ${until.toISOString()}::timestamptz
        WHERE channel_id = ${channelId} AND delivered_at IS NULL AND dead_at IS NULL AND lease_until IS NULL AND next_attempt_at < ${until.toISOString()}::timestamptz`,
  );
}

/** Gives a claimed row back without counting the attempt: this process's share of the robot's rate is used up. */
async function deferRow(db: Db, row: NotificationRow, until: Date): Promise<void> {
  await db.execute(
    sql`UPDATE notifications SET lease_until = NULL, attempts = attempts - 1, next_attempt_at = ${until.toISOString()}::timestamptz
        WHERE id = ${row.id} AND attempts = ${row.attempts} AND delivered_at IS NULL`,
  );
}

/** Sends one claimed row and records the outcome; a send that throws counts as a retryable failure. */
export async function deliverClaimed(deps: DeliveryDeps, row: NotificationRow): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  if (deps.limiter && row.channelId && row.channel !== 'in_app' && row.channel !== 'email') {
    const waitMs = deps.limiter.take(row.channel, row.channelId, now.getTime());
    if (waitMs > 0) {
      await deferRow(deps.db, row, new Date(now.getTime() + waitMs));
      return 'deferred';
    }
  }
  let result: DeliveryResult;
  try {
    result = await sendNotification(deps.db, row, deps.settings, now);
  } catch (error) {
    result = { ok: false, retryable: true, error: `delivery failed: ${(error as Error).message}` };
  }
  if (!result.ok && result.retryAfterMs && row.channelId) deps.limiter?.hold(row.channelId, now.getTime() + result.retryAfterMs);
  return recordOutcome(deps.db, row, result, deps.clock.now(), deps.options);
}

/**
 * One pass: claims a batch of due rows and delivers them concurrently, waiting for all. What tests
 * drive with a fake clock; the worker runs `startDeliveryLoop` instead.
 */
export async function deliverDueNotifications(deps: DeliveryDeps): Promise<Record<DeliveryOutcome, number>> {
  const counts: Record<DeliveryOutcome, number> = { delivered: 0, retry: 0, dead: 0, deferred: 0 };
  const rows = await claimDueNotifications(deps.db, deps.clock.now(), deps.options.batchSize, deps.options.leaseMs, deps.orgIds);
  for (const outcome of await Promise.all(rows.map((row) => deliverClaimed(deps, row)))) counts[outcome] += 1;
  return counts;
}

export type DeliveryLoop = {
  /** Look for due rows now (a NOTIFY arrived, an admin retried a row). */
  wake(): void;
  /** Stops claiming, lets the sends in flight finish and record their outcome. */
  stop(): Promise<void>;
};

/**
 * The worker's delivery loop: keeps up to `batchSize` sends in flight, claims more as they finish,
 * wakes on the outbox NOTIFY (a commit anywhere, on any instance), and otherwise sleeps until the next
 * row falls due (or `pollMs`). Any number of workers may run it side by side.
 */
export async function startDeliveryLoop(database: Database, deps: DeliveryDeps, onError: (error: unknown) => void): Promise<DeliveryLoop> {
  const limiter = deps.limiter ?? createRobotLimiter();
  const loopDeps = { ...deps, limiter };
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let pendingWake = false;
  const wake = () => {
    pendingWake = true;
    wakeUp?.();
  };
  const unlisten = await database.listen(OUTBOX_CHANNEL, wake);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (pendingWake || stopped) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const run = async () => {
    while (!stopped) {
      pendingWake = false;
      let claimed = 0;
      try {
        const free = deps.options.batchSize - inFlight.size;
        const rows = await claimDueNotifications(deps.db, deps.clock.now(), free, deps.options.leaseMs, deps.orgIds);
        claimed = rows.length;
        for (const row of rows) {
          const sending = deliverClaimed(loopDeps, row)
            .catch(onError)
            .finally(() => {
              inFlight.delete(sending);
              wake();
            });
          inFlight.add(sending);
        }
      } catch (error) {
        onError(error);
      }
      if (stopped) break;
      const full = inFlight.size >= deps.options.batchSize;
      if (claimed > 0 && !full) continue;
      await sleep(full ? deps.options.pollMs : await msUntilNextDue(deps.db, deps.clock.now(), deps.options.pollMs).catch(() => deps.options.pollMs));
    }
  };
  const running = run();

  return {
    wake,
    async stop() {
      stopped = true;
      wakeUp?.();
      await running;
      await Promise.allSettled([...inFlight]);
      await unlisten();
    },
  };
}

/** How long until the earliest pending row falls due, within [50 ms, pollMs]. */
async function msUntilNextDue(db: Db, now: Date, pollMs: number): Promise<number> {
  const [row] = await queryRows<{ next: Date | string | null }>(
    db,
    sql`SELECT min(next_attempt_at) AS next FROM notifications WHERE delivered_at IS NULL AND dead_at IS NULL`,
  );
  if (!row?.next) return pollMs;
  const wait = new Date(row.next).getTime() - now.getTime();
  return Math.min(pollMs, Math.max(50, wait));
}

/** A raw `RETURNING n.*` row (snake_case, timestamps as strings on some drivers) as the Drizzle row type. */
function rowFromSql(raw: Record<string, unknown>): NotificationRow {
  const date = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));
  return {
    id: raw.id as string,
    orgId: raw.org_id as string,
    event: raw.event as string,
    recipientId: (raw.recipient_id as string | null) ?? null,
    channel: raw.channel as NotificationRow['channel'],
    channelId: (raw.channel_id as string | null) ?? null,
    entityType: raw.entity_type as string,
    entityId: raw.entity_id as string,
    collaborationId: (raw.collaboration_id as string | null) ?? null,
    payload: (typeof raw.payload === 'string' ? JSON.parse(raw.payload) : raw.payload) as Record<string, unknown>,
    dedupeKey: raw.dedupe_key as string,
    attempts: Number(raw.attempts),
    nextAttemptAt: date(raw.next_attempt_at)!,
    deliveredAt: date(raw.delivered_at),
    deadAt: date(raw.dead_at),
    leaseUntil: date(raw.lease_until),
    readAt: date(raw.read_at),
    lastError: (raw.last_error as string | null) ?? null,
    createdAt: date(raw.created_at)!,
  };
}
