import type { z } from 'zod';
import { invalidField } from '../errors.ts';

/** Opaque keyset cursors: the sort key of the last row, base64url-encoded JSON. */
export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The cursor's sort key, checked against `schema`; anything else is a 400 naming `cursor`. */
export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, schema: T): z.infer<T> | undefined {
  if (!cursor) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidField('cursor', 'field.invalid');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidField('cursor', 'field.invalid');
  return parsed.data;
}

/** Rows were fetched with limit + 1: the extra one says whether there is a next page. */
export function page<T>(rows: T[], limit: number, cursorOf: (last: T) => Record<string, unknown>) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
