/**
 * Where the search vectors live, and how writers keep them.
 *
 * Each searched table carries its own `search_text tsvector` (GIN) rather than one `search_documents`
 * table keyed by (kind, id):
 * - the permission-filtered top N needs the row anyway — ILIKE decides on its text, sensitivity and rank
 *   come from it — so a separate document table would cost a second heap fetch per candidate, plus its
 *   own upkeep on every sensitivity change and delete;
 * - the vector is written in the same INSERT or UPDATE as the text, and the column is NOT NULL without a
 *   default, so an insert that forgets it does not compile (Drizzle requires it) and cannot run;
 * - each table narrows by the reader's collaborations in the same bitmap as the vector (a BitmapAnd with a
 *   `collaboration_id` btree; topics, feedback and progress updates get theirs copied by a trigger).
 * Feedback rows have their own vector (a topic matches through its feedback), so every row's vector is a
 * function of its own columns only.
 */
import type { actionItems, collaborations, progressUpdates, remarks, topicFeedback, topics } from '../db/schema/index.ts';
import { searchVectorFor, type SearchVector } from './bigrams.ts';

/**
 * The searchable text columns of each table (Drizzle names), in reading order: the one list that the
 * writers (`withSearchText`), the backfill and the consistency tests share. A column the table defaults
 * to '' or NULL may be left out of a row: it adds nothing to the vector.
 */
export const searchableColumns = {
  collaborations: ['topic', 'goal', 'progressSummary'],
  topics: ['title', 'discussion', 'disagreements', 'consensus'],
  topicFeedback: ['text'],
  actionItems: ['description', 'deliverable', 'statusText'],
  progressUpdates: ['statusText', 'delayReason', 'remedy'],
  remarks: ['text'],
} as const;

export type SearchableTable = keyof typeof searchableColumns;

type TextsOf<K extends SearchableTable> = { [C in (typeof searchableColumns)[K][number]]?: string | null | undefined };

type Tables = {
  collaborations: typeof collaborations;
  topics: typeof topics;
  topicFeedback: typeof topicFeedback;
  actionItems: typeof actionItems;
  progressUpdates: typeof progressUpdates;
  remarks: typeof remarks;
};

/** What an insert into `table` takes, apart from the vector. */
export type SearchableInsert<K extends SearchableTable> = Omit<Tables[K]['$inferInsert'], 'searchText'>;

/** The `search_text` of a row of `table` whose searchable columns hold `row`'s values. */
export function searchTextOf<K extends SearchableTable>(table: K, row: TextsOf<K>): SearchVector {
  const texts = row as Record<string, string | null | undefined>;
  return searchVectorFor(...searchableColumns[table].map((column) => texts[column]));
}

/**
 * `row` with its `search_text`, for inserts: `tx.insert(actionItems).values(withSearchText('actionItems', {...}))`.
 * The column is required, so an insert without it does not compile.
 */
export function withSearchText<K extends SearchableTable>(table: K, row: SearchableInsert<K>): SearchableInsert<K> & { searchText: SearchVector } {
  return { ...row, searchText: searchTextOf(table, row as unknown as TextsOf<K>) };
}

/**
 * The `search_text` to set in an update that may change searchable columns: computed from the row as it
 * will be (`before` overlaid with `changes`), or nothing when no searchable column is among the changes.
 */
export function searchTextUpdate<K extends SearchableTable>(table: K, before: TextsOf<K>, changes: object): { searchText?: SearchVector } {
  const columns: readonly string[] = searchableColumns[table];
  if (!Object.keys(changes).some((key) => columns.includes(key))) return {};
  return { searchText: searchTextOf(table, { ...before, ...changes } as TextsOf<K>) };
}
