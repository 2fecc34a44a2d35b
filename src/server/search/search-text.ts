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
