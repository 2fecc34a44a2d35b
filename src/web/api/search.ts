import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Page } from './types.ts';
import type { SearchResult, SearchResultKind } from '../../shared/schemas/search.ts';

export type { SearchResult, SearchResultKind, SearchSnippet } from '../../shared/schemas/search.ts';

/** Results per page of GET /search. */
export const SEARCH_PAGE_SIZE = 20;

/** GET /search?q=: everything the caller may read that contains `q`, a page at a time ("load more" follows the cursor). */
export function useSearch(q: string) {
  const text = q.trim();
  return useInfiniteQuery({
    queryKey: ['search', text],
    queryFn: ({ pageParam, signal }) => api.get<Page<SearchResult>>('/search', { q: text, limit: SEARCH_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: text.length > 0,
  });
}

/** The kinds of result, in the order the filter lists them (the schema's list, repeated here so zod stays out of the bundle). */
export const SEARCH_KINDS = ['collaboration', 'topic', 'action_item', 'progress_update', 'remark'] as const satisfies readonly SearchResultKind[];
