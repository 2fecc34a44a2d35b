import { useEffect } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { ChangeEvent } from '../../server/live/change-event.ts';
import { collaborationKeys } from '../api/collaborations.ts';
import { notificationKeys } from '../api/notifications.ts';

/** What GET /events sends per committed change the caller may see: ids only, never content. */
export type LiveChange = Omit<ChangeEvent, 'orgId'> & { notificationId?: string };

const EVENTS_URL = '/api/v1/events';
/** Changes of one commit arrive together; one refetch per burst is enough. */
const BATCH_MS = 10;
/** After the stream is refused (e.g. a restart), try again after this long, doubling up to the maximum. */
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/**
 * The queries a change makes stale. Query keys start with the resource ('collaborations', 'meetings',
 * 'action-items', 'notifications', 'users', 'departments'), so a change refreshes every page showing
 * its collaboration: the collaboration itself, its meetings and their minutes, action items and their
 * timelines. Only the mounted queries refetch; the others are marked stale for their next visit. The
 * bell refreshes on its own event (`notification_received`, sent to the recipient alone when the
 * notification is delivered), not on every change of the collaboration.
 */
export function queryKeysForChange(change: LiveChange): QueryKey[] {
  if (change.entityType === 'user' && change.action === 'notification_received') return [notificationKeys.all];
  if (change.collaborationId) {
    return [
      ...(change.entityType === 'channel' ? [['channels']] : []),
      collaborationKeys.detail(change.collaborationId),
      collaborationKeys.history(change.collaborationId),
      collaborationKeys.lists(),
      ['meetings'],
      ['action-items'],
    ];
  }
  if (change.entityType === 'department') return [['departments'], ['users']];
  if (change.entityType === 'user') return [['users'], ['me']];
  return [[change.entityType]];
}

/** Parses a `change` event's data; anything else (a proxy's garbage) is ignored. */
export function parseLiveChange(data: string): LiveChange | null {
  try {
    const value = JSON.parse(data) as Partial<LiveChange> | null;
    if (!value || typeof value.entityType !== 'string' || typeof value.entityId !== 'string') return null;
    return value as LiveChange;
  } catch {
    return null;
  }
}

const keyId = (key: QueryKey) => JSON.stringify(key);

/**
 * Live updates (issue 3 item 7): one EventSource on GET /api/v1/events for the signed-in app; each
 * `change` refetches the queries showing it, so others' changes appear without reload. The browser
 * reconnects by itself after a dropped connection (the server asks for 3 s); a refused stream is
 * retried with back-off. After any gap everything is refetched, since changes may have been missed.
 * Mounted once, in the app shell.
 */
export function useLiveChanges(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let batchTimer: ReturnType<typeof setTimeout> | undefined;
    let retryMs = RETRY_MIN_MS;
    let missedSome = false;
    let stopped = false;
    const pending = new Map<string, QueryKey>();

    const flush = () => {
      batchTimer = undefined;
      const keys = [...pending.values()];
      pending.clear();
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
    };

    const open = () => {
      if (stopped) return;
      source = new EventSource(EVENTS_URL, { withCredentials: true });
      source.addEventListener('ready', () => {
        retryMs = RETRY_MIN_MS;
        if (!missedSome) return;
        missedSome = false;
        void queryClient.invalidateQueries();
      });
      source.addEventListener('change', (event) => {
        const change = parseLiveChange((event as MessageEvent<string>).data);
        if (!change) return;
        for (const key of queryKeysForChange(change)) pending.set(keyId(key), key);
        batchTimer ??= setTimeout(flush, BATCH_MS);
      });
      source.addEventListener('error', () => {
        missedSome = true;
        if (source?.readyState !== EventSource.CLOSED) return;
        source.close();
        retryTimer = setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      });
    };

    open();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearTimeout(batchTimer);
      source?.close();
    };
  }, [queryClient]);
}
