import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client.ts';
import type { preferencesBody } from '../../shared/schemas/auth.ts';
import type { PersonalChannel } from '../../shared/notification-events.ts';

/** GET|PUT /me/preferences: the language of messages, channels per event, quiet hours, digest, muted collaborations. */
export type Preferences = z.output<typeof preferencesBody>;
/** GET /me/preferences may also say which personal channels this installation can use (where the API tells). */
export type PreferencesAnswer = Preferences & { availableChannels?: PersonalChannel[] };

export const preferencesKey = ['me', 'preferences'] as const;

/** The stored preferences in the shape PUT accepts (PUT replaces the whole set, and refuses unknown keys). */
export function savablePreferences(answer: PreferencesAnswer): Preferences {
  const { locale, channels, quietHours, mutedCollaborationIds, dailyDigest } = answer;
  return {
    ...(locale ? { locale } : {}),
    ...(channels ? { channels } : {}),
    ...(quietHours !== undefined ? { quietHours } : {}),
    ...(mutedCollaborationIds ? { mutedCollaborationIds } : {}),
    ...(dailyDigest !== undefined ? { dailyDigest } : {}),
  };
}

export function usePreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: ({ signal }) => api.get<PreferencesAnswer>('/me/preferences', undefined, signal),
  });
}

export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (preferences: Preferences) => api.put<PreferencesAnswer>('/me/preferences', preferences),
    onSuccess: (saved) => queryClient.setQueryData<PreferencesAnswer>(preferencesKey, (current) => ({ ...saved, availableChannels: current?.availableChannels ?? saved.availableChannels })),
  });
}
