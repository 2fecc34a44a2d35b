import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { presentUser } from '../../server/presenters/user.ts';
import { api } from './client.ts';
import type { Page } from './types.ts';

/** A person of the organisation as GET /users lists them (for pickers: name and departments). */
export type Person = ReturnType<typeof presentUser>;

export const peopleKeys = { all: ['users', 'search'] as const, search: (q: string) => ['users', 'search', q] as const };

/**
 * GET /users?q=: active people whose name or email matches, for the pickers of hosts, recorders,
 * attendees, owners and readers of sensitive content. Keeps showing the last answer while typing.
 */
export function usePeopleSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: peopleKeys.search(q),
    queryFn: ({ signal }) => api.get<Page<Person>>('/users', { q: q || undefined, limit: 20 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled,
  });
}
