import { z } from 'zod';
import { instantText, listQuery } from './common.ts';

/** GET /search: `q` is matched as a substring (预算 finds 预算表, 视觉 finds 主视觉设计稿), case-insensitively. */
export const searchQuery = listQuery.extend({
  q: z.string().trim().min(1).max(100),
});

export const searchResultKinds = ['collaboration', 'topic', 'action_item', 'progress_update', 'remark'] as const;
export type SearchResultKind = (typeof searchResultKinds)[number];

/** A short excerpt around the first match; `highlights` are [start, end) offsets into `text` (no markup in the API). */
export const searchSnippetSchema = z.object({
  text: z.string(),
  highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
});

export const searchResultSchema = z.object({
  kind: z.enum(searchResultKinds),
  id: z.uuid(),
  collaborationId: z.uuid(),
  collaborationTopic: z.string(),
  title: z.string(),
  snippet: searchSnippetSchema,
  archived: z.boolean(),
  /** The web app's route to the place of the match. */
  url: z.string(),
});

export type SearchResult = z.infer<typeof searchResultSchema>;
export type SearchSnippet = z.infer<typeof searchSnippetSchema>;

/** The sort key of the last result: rank (0 exact title, 1 title contains, 2 body contains), then newest first. */
export const searchCursorSchema = z.object({ rank: z.number().int().min(0).max(2), createdAt: instantText, id: z.uuid() });
