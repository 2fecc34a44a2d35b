import { and, count, eq, gt, lt, min } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { loginFailures } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

const WINDOW_MS = 15 * 60 * 1000;
/** Per account: a handful of guesses, then a pause. */
const ACCOUNT_LIMIT = 5;
/** Per IP address: generous, because a whole office signs in from one address. */
const IP_LIMIT = 100;

const keys = (email: string, ip: string) => ({ account: `account:${email.toLowerCase()}`, ip: `ip:${ip}` });

/** Refuses with 429 (and when to retry) while the account or the address has failed too often lately. */
export async function assertLoginAllowed(db: DbOrTx, email: string, ip: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const k = keys(email, ip);
  for (const [key, limit] of [[k.account, ACCOUNT_LIMIT], [k.ip, IP_LIMIT]] as const) {
    const [row] = await db
      .select({ n: count(), first: min(loginFailures.at) })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)));
    if (row && row.n >= limit) {
      const first = row.first ? new Date(row.first).getTime() : now.getTime();
      const retryAfterSeconds = Math.max(1, Math.ceil((first + WINDOW_MS - now.getTime()) / 1000));
      // Says how long the lock-out lasts, in minutes a person can act on (Retry-After has the seconds).
      throw new AppError('RATE_LIMITED', { retryAfterSeconds, messageKey: 'auth.lockedOut', params: { minutes: Math.ceil(retryAfterSeconds / 60) } });
    }
  }
}

export async function recordLoginFailure(db: DbOrTx, email: string, ip: string, now: Date): Promise<void> {
  const k = keys(email, ip);
  await db.insert(loginFailures).values([
    { key: k.account, at: now },
    { key: k.ip, at: now },
  ]);
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(now.getTime() - 2 * WINDOW_MS)));
}

export async function clearAccountFailures(db: DbOrTx, email: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, `account:${email.toLowerCase()}`));
}
