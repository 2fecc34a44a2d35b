import type { SearchRow } from '../db/queries/search.ts';
import type { SearchResult, SearchSnippet } from '../../shared/schemas/search.ts';

/** Longest snippet, in characters (code points), cut from the field that matched. */
export const SNIPPET_LENGTH = 80;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An excerpt of at most `max` characters around the first occurrence of `q` (case-insensitive, like the
 * ILIKE that found it), with every occurrence inside it as [start, end) offsets in UTF-16 code units —
 * what String.prototype.slice takes — so the web app wraps them in <mark> itself; the API sends no HTML.
 */
export function buildSnippet(text: string, q: string, max = SNIPPET_LENGTH): SearchSnippet {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  const needle = () => new RegExp(escapeRegExp(q), 'giu');
  const first = needle().exec(flat);
  let from = 0;
  if (first && chars.length > max) {
    const matchStart = Array.from(flat.slice(0, first.index)).length;
    const matchLength = Array.from(first[0]).length;
    // A little context before the match, the rest after it.
    from = Math.max(0, Math.min(matchStart - Math.floor((max - matchLength) / 4), chars.length - max));
  }
  const prefix = from > 0 ? '…' : '';
  let body = chars.slice(from, from + max - prefix.length).join('');
  const cut = from + Array.from(body).length < chars.length;
  if (cut) body = Array.from(body).slice(0, -1).join('') + '…';
  const snippet = prefix + body;
  const highlights: SearchSnippet['highlights'] = [];
  for (const match of snippet.matchAll(needle())) highlights.push({ start: match.index, end: match.index + match[0].length });
  return { text: snippet, highlights };
}

/** The web app's route to the place of the match. */
function urlOf(row: SearchRow): string {
  switch (row.kind) {
    case 'collaboration':
      return `/collaborations/${row.id}`;
    case 'topic':
      return `/meetings/${row.meeting_id}#topic-${row.id}`;
    case 'action_item':
      return `/action-items/${row.id}`;
    case 'progress_update':
      return `/action-items/${row.action_item_id}#update-${row.id}`;
    case 'remark':
      return `/collaborations/${row.collaboration_id}#remark-${row.id}`;
  }
}

export function presentSearchResult(row: SearchRow, q: string): SearchResult {
  return {
    kind: row.kind,
    id: row.id,
    collaborationId: row.collaboration_id,
    collaborationTopic: row.collaboration_topic,
    title: row.title,
    snippet: buildSnippet(row.matched_text ?? '', q),
    archived: row.archived,
    url: urlOf(row),
  };
}
