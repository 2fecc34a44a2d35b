/**
 * The search index's vocabulary: what a row's text becomes in its `search_text` tsvector, and what a query
 * becomes as a tsquery over it. Pure and shared by every writer, the backfill and the search query, because
 * both sides must cut text the same way.
 *
 * The index only narrows the rows; `ILIKE '%q%'` decides (src/server/db/queries/search.ts). So the one promise
 * kept here is: whenever a text contains the query as a substring (case-insensitively, as ILIKE compares),
 * the text's vector matches the query's tsquery. Everything below follows from that:
 *
 * - Each code point is normalised on its own (NFKC, then lower case), so normalising is a homomorphism and a
 *   substring of the text stays a substring after it: full-width Ｑ３ and half-width Q3 index alike, and a
 *   decomposed é is not recomposed across the boundary of a match.
 * - Each normalised code point falls in one of three classes: separators (spaces, punctuation, controls,
 *   variation selectors) which are not indexed; "word" characters (letters, digits and marks of scripts that
 *   separate words by spaces: Latin, Greek, Cyrillic…); and "gram" characters (Chinese, Japanese and Korean
 *   scripts, symbols, emoji).
 * - A run of gram characters yields its overlapping bigrams plus its last character alone: 主视觉设计稿 →
 *   主视 视觉 觉设 设计 计稿 稿. A query's gram run of two or more yields its bigrams (all present in any text
 *   containing it); a lone gram character becomes the prefix `c:*`, which meets either the bigram that starts
 *   with it or the run's last character.
 * - A run of word characters yields each of its suffixes, cut to WORD_SUFFIX_LENGTH characters: budget →
 *   budget udget dget get et t. A query's word run, cut the same way, is matched as a prefix (`dge:*`): any
 *   substring of a word is a prefix of one of its suffixes, which is what makes ASCII match inside words
 *   (ILIKE's semantics) rather than only whole words.
 * - Lexemes carry no positions (the query's ANDs narrow, ILIKE checks adjacency), so the 16,383-position cap
 *   of tsvector never applies; lexemes are at most WORD_SUFFIX_LENGTH code points, far below the 2 KB cap.
 * - A text whose lexemes would pass MAX_LEXEME_BYTES (tsvector's total limit is 1 MB) is indexed as the lone
 *   OVERFLOW_LEXEME, which every tsquery also accepts: such a row is always a candidate and ILIKE decides.
 */

/** A `tsvector` literal made by `searchVectorFor`; the brand keeps hand-made strings out of the column. */
export type SearchVector = string & { readonly __brand: 'SearchVector' };

/** Longest suffix lexeme of a word run, in code points; longer query words are matched by this prefix. */
export const WORD_SUFFIX_LENGTH = 16;

/** Budget for one row's lexemes in UTF-8 bytes, well under tsvector's 1 MB limit. */
export const MAX_LEXEME_BYTES = 256 * 1024;

/** Never produced from text (a space is a separator), so it safely marks a row too long to index. */
export const OVERFLOW_LEXEME = ' ';

type CharClass = 'separator' | 'word' | 'gram';

const SEPARATOR = /^[\p{Z}\p{C}\p{P}\p{Variation_Selector}]$/u;
const WORD = /^[\p{L}\p{N}\p{M}]$/u;
const CJK_SCRIPT = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]$/u;

const classCache = new Map<string, CharClass>();
const normalizedCache = new Map<number, string[]>();

function classify(ch: string): CharClass {
  const code = ch.codePointAt(0)!;
  if (code >= 0x4e00 && code <= 0x9fff) return 'gram';
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return 'word';
    // $ + < = > ^ ` | ~ are symbols (gram) like ￥ and ℃; the rest of ASCII is punctuation or control.
    return '$+<=>^`|~'.includes(ch) ? 'gram' : 'separator';
  }
  let known = classCache.get(ch);
  if (!known) {
    known = SEPARATOR.test(ch) ? 'separator' : WORD.test(ch) && !CJK_SCRIPT.test(ch) ? 'word' : 'gram';
    classCache.set(ch, known);
  }
  return known;
}

/**
 * The code points `ch` stands for in the index: NFKC then lower case, each code point on its own. İ lowers
 * to i plus a combining dot in JavaScript but to i in PostgreSQL's lower(); the index follows PostgreSQL.
 */
function normalizeCodePoint(ch: string): string[] {
  const code = ch.codePointAt(0)!;
  if (code >= 0x4e00 && code <= 0x9fff) return [ch];
  if (code < 0x80) return [code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : ch];
  let known = normalizedCache.get(code);
  if (!known) {
    known = code === 0x130 ? ['i'] : Array.from(ch.normalize('NFKC').toLowerCase());
    if (normalizedCache.size < 100_000) normalizedCache.set(code, known);
  }
  return known;
}

/** `text` as the index sees it: one string per code point, normalised. */
export function normalizeForSearch(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) for (const n of normalizeCodePoint(ch)) out.push(n);
  return out;
}

type Run = { kind: 'word' | 'gram'; chars: string[] };

function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  for (const ch of normalizeForSearch(text)) {
    const kind = classify(ch);
    if (kind === 'separator') {
      current = null;
      continue;
    }
    if (!current || current.kind !== kind) {
      current = { kind, chars: [] };
      runs.push(current);
    }
    current.chars.push(ch);
  }
  return runs;
}

/** The distinct lexemes of some texts (a row's searchable columns), sorted. */
export function searchLexemes(texts: readonly (string | null | undefined)[], maxBytes = MAX_LEXEME_BYTES): string[] {
  const lexemes = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const { kind, chars } of runsOf(text)) {
      if (kind === 'gram') {
        for (let i = 0; i + 1 < chars.length; i++) lexemes.add(chars[i]! + chars[i + 1]!);
        lexemes.add(chars[chars.length - 1]!);
      } else {
        for (let i = 0; i < chars.length; i++) lexemes.add(chars.slice(i, i + WORD_SUFFIX_LENGTH).join(''));
      }
    }
  }
  let bytes = 0;
  for (const lexeme of lexemes) bytes += Buffer.byteLength(lexeme) + 4;
  if (bytes > maxBytes) return [OVERFLOW_LEXEME];
  return [...lexemes].sort();
}

/** A lexeme quoted for tsvector and tsquery input: inside single quotes, ' and \ doubled. */
function quote(lexeme: string): string {
  return `'${lexeme.replace(/['\\]/g, (c) => c + c)}'`;
}

/**
 * The `search_text` value of a row whose searchable columns hold `texts` (in any order; null and '' add
 * nothing). Written as a tsvector literal that PostgreSQL parses on insert.
 */
export function searchVectorFor(...texts: (string | null | undefined)[]): SearchVector {
  return searchLexemes(texts).map(quote).join(' ') as SearchVector;
}

/**
 * The tsquery literal that every text containing `q` matches (see the module comment), or null when `q` has
 * nothing indexable (only punctuation or spaces): then only ILIKE can answer. A lone character next to longer
 * terms is left out (`3月` keeps 月 only when alone): its prefix would expand to thousands of lexemes and the
 * other terms already narrow the rows.
 */
export function searchQueryFor(q: string): string | null {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const { kind, chars } of runsOf(q)) {
    if (kind === 'gram' && chars.length > 1) for (let i = 0; i + 1 < chars.length; i++) exact.add(chars[i]! + chars[i + 1]!);
    else prefixes.add(chars.slice(0, WORD_SUFFIX_LENGTH).join(''));
  }
  const long = [...prefixes].filter((p) => Array.from(p).length > 1);
  const kept = exact.size || long.length ? long : [...prefixes];
  const terms = [...[...exact].sort().map(quote), ...kept.sort().map((p) => `${quote(p)}:*`)];
  if (!terms.length) return null;
  return `( ${terms.join(' & ')} ) | ${quote(OVERFLOW_LEXEME)}`;
}
