import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type {
  Collaboration,
  CollaborationFilters,
  CollaborationListItem,
  CreateCollaborationInput,
  HistoryEvent,
  Page,
  PatchCollaborationInput,
  Remark,
  RemarkInput,
} from './types.ts';

export const collaborationKeys = {
  all: ['collaborations'] as const,
  lists: () => [...collaborationKeys.all, 'list'] as const,
  list: (filters: CollaborationFilters, limit: number) => [...collaborationKeys.lists(), filters, limit] as const,
  detail: (id: string) => [...collaborationKeys.all, 'detail', id] as const,
  history: (id: string) => [...collaborationKeys.all, 'history', id] as const,
};

/** GET /collaborations with its filters, a page at a time ("load more" follows nextCursor). */
export function useCollaborations(filters: CollaborationFilters, limit = 20) {
  return useInfiniteQuery({
    queryKey: collaborationKeys.list(filters, limit),
    queryFn: ({ pageParam, signal }) => api.get<Page<CollaborationListItem>>('/collaborations', { ...filters, limit, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCollaboration(id: string) {
  return useQuery({
    queryKey: collaborationKeys.detail(id),
    queryFn: ({ signal }) => api.get<Collaboration>(`/collaborations/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useCollaborationHistory(id: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: collaborationKeys.history(id),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<HistoryEvent>>(`/collaborations/${encodeURIComponent(id)}/history`, { limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useCreateCollaboration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCollaborationInput) => api.post<Collaboration>('/collaborations', input),
    onSuccess: (created) => {
      queryClient.setQueryData(collaborationKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: collaborationKeys.lists() });
    },
  });
}

/** PATCH answers the whole collaboration: it replaces the cached page; lists and history are refetched. */
export function useUpdateCollaboration(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PatchCollaborationInput) => api.patch<Collaboration>(`/collaborations/${encodeURIComponent(id)}`, input),
    onSuccess: (updated) => {
      queryClient.setQueryData(collaborationKeys.detail(id), updated);
      void queryClient.invalidateQueries({ queryKey: collaborationKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: collaborationKeys.history(id) });
    },
  });
}

export function useAddRemark(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RemarkInput) => api.post<Remark>(`/collaborations/${encodeURIComponent(id)}/remarks`, input),
    onSuccess: (remark) => {
      queryClient.setQueryData<Collaboration>(collaborationKeys.detail(id), (current) =>
        current ? { ...current, remarks: [...current.remarks, remark] } : current,
      );
      void queryClient.invalidateQueries({ queryKey: collaborationKeys.history(id) });
    },
  });
}
