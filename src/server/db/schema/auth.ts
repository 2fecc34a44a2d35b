import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId } from './columns.ts';
import { users } from './organization.ts';

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tokenHash: text().notNull().unique(),
    orgId: orgId(),
    userId: uuid().notNull().references(() => users.id),
    csrfToken: text().notNull(),
    ip: text(),
    userAgent: text(),
    createdAt: createdAt(),
    lastSeenAt: instant().notNull().defaultNow(),
    expiresAt: instant().notNull(),
  },
  (t) => [index().on(t.userId)],
);

/** Personal access tokens, stored hashed; the plain token is shown once at creation. */
export const accessTokens = pgTable(
  'access_tokens',
  {
    id: id(),
    orgId: orgId(),
    userId: uuid().notNull().references(() => users.id),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    prefix: text().notNull(),
    createdAt: createdAt(),
    expiresAt: instant(),
    lastUsedAt: instant(),
    revokedAt: instant(),
  },
  (t) => [index().on(t.userId)],
);

/** Failed sign-ins, counted per key ("account:<email>" or "ip:<addr>") over a sliding window. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: id(),
    key: text().notNull(),
    at: createdAt(),
  },
  (t) => [index().on(t.key, t.at)],
);
