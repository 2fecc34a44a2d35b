import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { ActionItem, ActionItemFilters, Page } from './types.ts';

export const actionItemKeys = {
  all: ['action-items'] as const,
  list: (filters: ActionItemFilters, limit: number) => [...actionItemKeys.all, 'list', filters, limit] as const,
};

/** One page of GET /action-items, e.g. the dashboard's "my open items" (ownerId=me, status=open). */
export function useActionItemsPage(filters: ActionItemFilters, limit = 200) {
  return useQuery({
    queryKey: actionItemKeys.list(filters, limit),
    queryFn: ({ signal }) => api.get<Page<ActionItem>>('/action-items', { ...filters, limit }, signal),
  });
}

/** GET /action-items with its filters, ordered by due date, a page at a time. */
export function useActionItems(filters: ActionItemFilters, limit = 50) {
  return useInfiniteQuery({
    queryKey: [...actionItemKeys.list(filters, limit), 'infinite'],
    queryFn: ({ pageParam, signal }) => api.get<Page<ActionItem>>('/action-items', { ...filters, limit, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
