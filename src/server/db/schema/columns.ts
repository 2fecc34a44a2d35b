import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from '../ids.ts';

/** Primary key shared by every table: a UUIDv7 made by the app, so PostgreSQL 15 and PGlite agree. */
export const id = () => uuid().primaryKey().$defaultFn(() => uuidv7());
export const orgId = () => uuid().notNull();
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const instant = () => timestamp({ withTimezone: true });
