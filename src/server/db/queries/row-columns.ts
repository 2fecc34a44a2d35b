import { getTableColumns, type Table } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';

/**
 * A table's columns for reading rows to present: all but `search_text`. The tsvector is the largest column
 * of a searchable row and only the search query reads it (in SQL), so the pages that list or show rows
 * leave it in the database instead of shipping and parsing it for every row.
 */
export function presentableColumns<T extends Table>(table: T): Omit<T['_']['columns'], 'searchText'> {
  const { searchText: _searchText, ...columns } = getTableColumns(table) as T['_']['columns'] & { searchText?: unknown };
  return columns;
}

/**
 * Rows of `table` from JSON that PostgreSQL built (`to_jsonb(row)`: snake_case keys, instants as ISO text),
 * each value read the way Drizzle reads it from the driver — so a page can fetch several lists in one
 * statement with json_agg and still hand presenters the rows Drizzle's builder would have. Keys of the
 * JSON that are not columns (a joined name) are kept as they are.
 */
export function rowsFromJson<T extends Table, Extra extends Record<string, unknown> = Record<never, never>>(
  table: T,
  rows: Record<string, unknown>[] | null,
): (Omit<T['$inferSelect'], 'searchText'> & Extra)[] {
  const columns = Object.entries(presentableColumns(table) as Record<string, { mapFromDriverValue(value: unknown): unknown }>).map(
    ([key, column]) => [key, toSnakeCase(key), column] as const,
  );
  const known = new Set(columns.map(([, snake]) => snake));
  return (rows ?? []).map((json) => {
    const row: Record<string, unknown> = {};
    for (const [key, snake, column] of columns) {
      const value = json[snake];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    for (const [key, value] of Object.entries(json)) if (!known.has(key) && key !== 'search_text') row[key] = value;
    return row as Omit<T['$inferSelect'], 'searchText'> & Extra;
  });
}
