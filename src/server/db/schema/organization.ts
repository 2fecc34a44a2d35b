import { boolean, index, jsonb, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { pgTable } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { OrgSettings } from '../../../shared/org-settings.ts';
import { createdAt, id, instant, orgId } from './columns.ts';

export const organizations = pgTable('organizations', {
  id: id(),
  name: text().notNull(),
  settings: jsonb().$type<OrgSettings>().notNull(),
  createdAt: createdAt(),
});

export const departments = pgTable(
  'departments',
  {
    id: id(),
    orgId: orgId().references(() => organizations.id),
    name: text().notNull(),
    parentId: uuid(),
    headId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.orgId, t.parentId)],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    orgId: orgId().references(() => organizations.id),
    name: text().notNull(),
    email: text().notNull(),
    phone: text(),
    passwordHash: text().notNull(),
    role: text({ enum: ['admin', 'pmo', 'member'] }).notNull().default('member'),
    active: boolean().notNull().default(true),
    locale: text(),
    preferences: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    passwordChangedAt: instant(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`), index().on(t.orgId, t.name)],
);

export const userDepartments = pgTable(
  'user_departments',
  {
    orgId: orgId(),
    userId: uuid().notNull().references(() => users.id),
    departmentId: uuid().notNull().references(() => departments.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.departmentId] }), index().on(t.departmentId)],
);
