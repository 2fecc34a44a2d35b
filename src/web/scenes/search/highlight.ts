import type { SearchSnippet } from '../../../shared/schemas/search.ts';

export type Segment = { text: string; match: boolean };

/**
 * A snippet cut into plain and matched pieces from the API's [start, end) offsets (UTF-16, as
 * String#slice counts), for rendering as text and <mark> elements — never as HTML. Offsets out of
 * range are clamped; overlapping or unordered ones are merged.
 */
export function highlightSegments({ text, highlights }: SearchSnippet): Segment[] {
  const ranges = highlights
    .map(({ start, end }) => ({ start: Math.max(0, Math.min(start, text.length)), end: Math.max(0, Math.min(end, text.length)) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  const segments: Segment[] = [];
  let at = 0;
  for (const r of merged) {
    if (r.start > at) segments.push({ text: text.slice(at, r.start), match: false });
    segments.push({ text: text.slice(r.start, r.end), match: true });
    at = r.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return segments;
}
