import type { ChangeEvent } from '../live/change-event.ts';
import type { ChangeFeed } from '../live/change-feed.ts';
import type { Actor } from './actor.ts';

/**
 * Who a session cookie stands for, kept in memory for a few seconds so a request does not pay a database
 * round trip to learn it. Safe because everything that changes the answer is announced on the change feed
 * (LISTEN/NOTIFY, so every instance hears it) and drops the affected entries at once:
 * - a session deleted (sign-out, a new sign-in replacing it, a password change, a deactivation): the
 *   'session' event names the user; the instance that deleted it also forgets it synchronously;
 * - a user changed (role, departments, active, password): the 'user' event;
 * - a department changed (its head) or the organisation's settings: everything of that organisation.
 * Expiry and idle time are checked on every hit against the stored session times. The TTL bounds what a
 * dropped LISTEN connection could leave stale (it reconnects by itself); an entry loaded while an
 * invalidation arrived is not stored (the generation check), so a read racing a sign-out cannot revive it.
 */
export type CachedSession = {
  actor: Actor & { sessionId: string; csrfToken: string };
  expiresAt: number;
  lastSeenAt: number;
};

export type ActorCache = {
  /** The entry for a token hash, or undefined when missing or older than the TTL. */
  get(tokenHash: string): CachedSession | undefined;
  /** Stores an entry loaded while the generation was `generation`; dropped if anything was invalidated meanwhile. */
  set(tokenHash: string, entry: CachedSession, generation: number): void;
  generation(): number;
  /** Drops an entry found stale by session time (expired or idle); nothing else changes. */
  drop(tokenHash: string): void;
  /** Forgets a session that ended: also keeps a load already under way from storing it. */
  forgetToken(tokenHash: string): void;
  forgetUser(userId: string): void;
  close(): void;
};

/** Long enough to spare nearly every request its session queries, short enough to bound a missed notification. */
export const ACTOR_CACHE_TTL_MS = 15_000;
const MAX_ENTRIES = 20_000;

export function createActorCache(feed: ChangeFeed, options: { ttlMs?: number } = {}): ActorCache {
  const ttlMs = options.ttlMs ?? ACTOR_CACHE_TTL_MS;
  const entries = new Map<string, CachedSession & { storedAt: number }>();
  let generation = 0;
  const drop = (keep: (entry: CachedSession) => boolean) => {
    generation += 1;
    for (const [hash, entry] of entries) if (!keep(entry)) entries.delete(hash);
  };
  const forgetUser = (userId: string) => drop((e) => e.actor.userId !== userId);
  const onChange = (event: ChangeEvent) => {
    if (event.entityType === 'session') forgetUser(event.entityId);
    else if (event.entityType === 'user' && event.action !== 'notification_received') forgetUser(event.entityId);
    else if (event.entityType === 'department' || event.entityType === 'organization') drop((e) => e.actor.orgId !== event.orgId);
  };
  const unsubscribe = feed.subscribe(onChange);
  return {
    get(tokenHash) {
      const entry = entries.get(tokenHash);
      if (!entry) return undefined;
      if (performance.now() - entry.storedAt > ttlMs) {
        entries.delete(tokenHash);
        return undefined;
      }
      return entry;
    },
    set(tokenHash, entry, at) {
      if (at !== generation) return;
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(tokenHash, { ...entry, storedAt: performance.now() });
    },
    generation: () => generation,
    drop(tokenHash) {
      entries.delete(tokenHash);
    },
    forgetToken(tokenHash) {
      generation += 1;
      entries.delete(tokenHash);
    },
    forgetUser,
    close() {
      unsubscribe();
      entries.clear();
    },
  };
}
