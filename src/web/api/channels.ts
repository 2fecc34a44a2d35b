import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client.ts';
import type { Page } from './types.ts';
import type { presentChannel } from '../../server/presenters/channel.ts';
import type { presentDelivery } from '../../server/presenters/delivery.ts';
import type { createChannelBody, createOrgChannelBody, deliveryStatuses, patchChannelBody } from '../../shared/schemas/channels.ts';

/** A chat group (robot) or webhook as the API shows it: the URL's host and whether a secret is set, never the secret. */
export type Channel = ReturnType<typeof presentChannel>;
export type ChannelKind = Channel['kind'];
export type Delivery = ReturnType<typeof presentDelivery>;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
export type CreateChannelInput = z.input<typeof createChannelBody>;
export type CreateOrgChannelInput = z.input<typeof createOrgChannelBody>;
export type PatchChannelInput = z.input<typeof patchChannelBody>;
/** POST /channels/:id/test: whether the platform accepted the test message, and its refusal when not. */
export type ChannelTestResult = { delivered: boolean; error: string | null };

/** Where a list of channels lives: one collaboration's groups, or the organisation's own. */
export type ChannelScope = { collaborationId: string } | { organization: true };

const scopeKey = (scope: ChannelScope) => ['channels', 'collaborationId' in scope ? scope.collaborationId : 'organization'] as const;
const scopePath = (scope: ChannelScope) =>
  'collaborationId' in scope ? `/collaborations/${encodeURIComponent(scope.collaborationId)}/channels` : '/admin/channels';

export function useChannels(scope: ChannelScope, enabled = true) {
  return useQuery({
    queryKey: scopeKey(scope),
    queryFn: ({ signal }) => api.get<Page<Channel>>(scopePath(scope), undefined, signal),
    enabled,
  });
}

export function useCreateChannel(scope: ChannelScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateChannelInput | CreateOrgChannelInput) => api.post<Channel>(scopePath(scope), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scopeKey(scope) }),
  });
}

export function useUpdateChannel(scope: ChannelScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: PatchChannelInput & { id: string }) => api.patch<Channel>(`/channels/${encodeURIComponent(id)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scopeKey(scope) }),
  });
}

export function useDeleteChannel(scope: ChannelScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/channels/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scopeKey(scope) }),
  });
}

export function useTestChannel() {
  return useMutation({ mutationFn: (id: string) => api.post<ChannelTestResult>(`/channels/${encodeURIComponent(id)}/test`) });
}

/** GET /admin/deliveries by state, newest first, a page at a time. */
export function useDeliveries(status: DeliveryStatus, limit = 50) {
  return useInfiniteQuery({
    queryKey: ['deliveries', status, limit],
    queryFn: ({ pageParam, signal }) => api.get<Page<Delivery>>('/admin/deliveries', { status, limit, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRetryDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Delivery>(`/admin/deliveries/${encodeURIComponent(id)}/retry`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['deliveries'] }),
  });
}

/** A channel's recent deliveries (GET /channels/:id/deliveries), for whoever manages it: is the robot receiving? */
export function useChannelDeliveries(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['deliveries', 'channel', id],
    queryFn: ({ signal }) => api.get<Page<Delivery>>(`/channels/${encodeURIComponent(id)}/deliveries`, { limit: 10 }, signal),
    enabled,
  });
}
