import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { meKey } from './auth.ts';
import type { Page } from './types.ts';

/** A personal access token as GET /me/tokens lists it: never the secret, only its first characters. */
export type AccessToken = { id: string; name: string; prefix: string; createdAt: string; expiresAt: string | null; lastUsedAt: string | null };
/** POST /me/tokens: the one time the secret itself is shown. */
export type CreatedToken = AccessToken & { token: string };

const tokensKey = ['me', 'tokens'] as const;

export function useAccessTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: ({ signal }) => api.get<Page<AccessToken>>('/me/tokens', undefined, signal) });
}

export function useCreateAccessToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; expiresAt?: string }) => api.post<CreatedToken>('/me/tokens', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeAccessToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/me/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

/** POST /me/password: on success the server ends every session of the account, this one included. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => api.post<void>('/me/password', input),
  });
}

/** An admin corrects their own name or email through the users admin route (others ask an admin). */
export function useUpdateOwnProfile(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name?: string; email?: string }) => api.patch<unknown>(`/admin/users/${encodeURIComponent(userId)}`, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: meKey }),
  });
}
