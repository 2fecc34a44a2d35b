import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { NotificationPage } from './types.ts';

export const notificationKeys = { all: ['notifications'] as const, recent: (limit: number) => ['notifications', limit] as const };

/** Until live events arrive (issue 3 item 7), the bell asks again every minute and on focus. */
const POLL_MS = 60_000;

export function useNotifications(limit = 20) {
  return useQuery({
    queryKey: notificationKeys.recent(limit),
    queryFn: ({ signal }) => api.get<NotificationPage>('/notifications', { limit }, signal),
    refetchInterval: POLL_MS,
  });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/notifications/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

/** The full list of /notifications, a page at a time, optionally only the unread ones. */
export function useNotificationPages(unreadOnly: boolean, limit = 30) {
  return useInfiniteQuery({
    queryKey: [...notificationKeys.all, 'pages', unreadOnly, limit] as const,
    queryFn: ({ pageParam, signal }) =>
      api.get<NotificationPage>('/notifications', { unread: unreadOnly ? 'true' : undefined, limit, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: POLL_MS,
  });
}
