import { notifyManager, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from './client.ts';
import type { LoginResult, Me } from './types.ts';
import { savablePreferences, type PreferencesAnswer } from './preferences.ts';

export const meKey = ['me'] as const;

/** The signed-in user, or null when nobody is (401 is an answer here, not an error). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The signed-in user where the app shell guarantees one. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside a signed-in page');
  return data;
}

export type Credentials = { email: string; password: string };

/** Signs in, forgets whatever the previous user's pages had cached, and loads the new profile. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => api.post<LoginResult>('/auth/login', credentials),
    onSuccess: async (result) => {
      setCsrfToken(result.csrfToken);
      queryClient.clear();
      await queryClient.fetchQuery({ queryKey: meKey, queryFn: fetchMe });
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      // One batch, "signed out" first: the pages behind sign-in unmount before any of them re-renders
      // without a user (useCurrentUser would throw).
      notifyManager.batch(() => {
        queryClient.setQueryData(meKey, null);
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
      });
    },
  });
}

/** Remembers the UI language on the account too, so mail and chat messages follow it. PUT replaces, so read first. */
export async function saveLanguagePreference(locale: 'zh-CN' | 'en'): Promise<void> {
  const current = await api.get<PreferencesAnswer>('/me/preferences');
  // Every other preference (channels, quiet hours, muted collaborations, digest) goes back unchanged.
  await api.put<PreferencesAnswer>('/me/preferences', { ...savablePreferences(current), locale });
}
