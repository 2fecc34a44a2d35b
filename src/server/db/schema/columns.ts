import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from '../ids.ts';
import type { SearchVector } from '../../search/bigrams.ts';

/** Primary key shared by every table: a UUIDv7 made by the app, so PostgreSQL 15 and PGlite agree. */
export const id = () => uuid().primaryKey().$defaultFn(() => uuidv7());
export const orgId = () => uuid().notNull();
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const instant = () => timestamp({ withTimezone: true });

const tsvector = customType<{ data: SearchVector; driverData: string }>({ dataType: () => 'tsvector' });

/**
 * The row's search lexemes (src/server/search/bigrams.ts), GIN-indexed for GET /search. Required and
 * without a default, so an insert that forgets it fails to compile; writers fill it with `withSearchText`
 * (src/server/search/search-text.ts).
 */
export const searchText = () => tsvector().notNull();
