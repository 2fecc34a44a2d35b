import { getTableColumns, type Table } from 'drizzle-orm';

/**
 * A table's columns for reading rows to present: all but `search_text`. The tsvector is the largest column
 * of a searchable row and only the search query reads it (in SQL), so the pages that list or show rows
 * leave it in the database instead of shipping and parsing it for every row.
 */
export function presentableColumns<T extends Table>(table: T): Omit<T['_']['columns'], 'searchText'> {
  const { searchText: _searchText, ...columns } = getTableColumns(table) as T['_']['columns'] & { searchText?: unknown };
  return columns;
}
