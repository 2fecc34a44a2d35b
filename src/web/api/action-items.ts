import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client.ts';
import type { ActionItem, ActionItemFilters, Page } from './types.ts';
import type { presentProgressUpdate } from '../../server/presenters/action-item.ts';
import type { createActionItemBody, patchActionItemBody, progressUpdateBody } from '../../shared/schemas/action-item.ts';

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

// ——— One item: read, edit, progress, accept, reopen; and creating one in a collaboration ———

export type ProgressUpdate = ReturnType<typeof presentProgressUpdate>;
export type CreateActionItemInput = z.input<typeof createActionItemBody>;
export type PatchActionItemInput = Omit<z.input<typeof patchActionItemBody>, 'dueDate'>;
export type ProgressUpdateInput = z.input<typeof progressUpdateBody>;

export const actionItemDetailKeys = {
  detail: (id: string) => [...actionItemKeys.all, 'detail', id] as const,
  updates: (id: string) => [...actionItemKeys.all, 'detail', id, 'updates'] as const,
};

export function useActionItem(id: string) {
  return useQuery({
    queryKey: actionItemDetailKeys.detail(id),
    queryFn: ({ signal }) => api.get<ActionItem>(`/action-items/${encodeURIComponent(id)}`, undefined, signal),
  });
}

/** GET /action-items/:id/updates — the progress timeline, oldest first, a page at a time. */
export function useProgressUpdates(id: string) {
  return useInfiniteQuery({
    queryKey: actionItemDetailKeys.updates(id),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<ProgressUpdate>>(`/action-items/${encodeURIComponent(id)}/updates`, { limit: 100, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * After a write the item is known (the answer carries it); lists, boards, the dashboard and the
 * collaboration page showing it are refetched.
 */
function useItemSettled() {
  const queryClient = useQueryClient();
  return (item: ActionItem) => {
    queryClient.setQueryData(actionItemDetailKeys.detail(item.id), item);
    void queryClient.invalidateQueries({ queryKey: [...actionItemKeys.all, 'list'] });
    void queryClient.invalidateQueries({ queryKey: actionItemDetailKeys.updates(item.id) });
    void queryClient.invalidateQueries({ queryKey: ['collaborations', 'detail', item.collaborationId] });
    void queryClient.invalidateQueries({ queryKey: ['collaborations', 'history', item.collaborationId] });
  };
}

export function useCreateActionItem(collaborationId: string) {
  const settled = useItemSettled();
  return useMutation({
    mutationFn: (input: CreateActionItemInput) => api.post<ActionItem>(`/collaborations/${encodeURIComponent(collaborationId)}/action-items`, input),
    onSuccess: settled,
  });
}

/** PATCH /action-items/:id; send the loaded `version` so a stale edit answers 409 naming who changed it. */
export function usePatchActionItem() {
  const settled = useItemSettled();
  return useMutation({
    mutationFn: ({ id, ...input }: PatchActionItemInput & { id: string }) => api.patch<ActionItem>(`/action-items/${encodeURIComponent(id)}`, input),
    onSuccess: settled,
  });
}

export function usePostProgressUpdate() {
  const settled = useItemSettled();
  return useMutation({
    mutationFn: ({ id, ...input }: ProgressUpdateInput & { id: string }) =>
      api.post<{ update: ProgressUpdate; item: ActionItem }>(`/action-items/${encodeURIComponent(id)}/updates`, input),
    onSuccess: (result) => settled(result.item),
  });
}

export function useAcceptActionItem() {
  const settled = useItemSettled();
  return useMutation({
    mutationFn: (id: string) => api.post<ActionItem>(`/action-items/${encodeURIComponent(id)}/accept`),
    onSuccess: settled,
  });
}

export function useReopenActionItem() {
  const settled = useItemSettled();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api.post<ActionItem>(`/action-items/${encodeURIComponent(id)}/reopen`, { reason }),
    onSuccess: settled,
  });
}

/**
 * The organisation's people by id (first 200), to name the readers of a sensitive item, whose ids are all
 * the item carries.
 */
export function usePeopleNames(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'names'],
    queryFn: ({ signal }) => api.get<Page<{ id: string; name: string }>>('/users', { limit: 200 }, signal),
    select: (page) => page.items.map((p) => ({ id: p.id, name: p.name })),
    staleTime: 5 * 60_000,
    enabled,
  });
}
