import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/server/db/client.ts';
import { organizations, users } from '../src/server/db/schema/index.ts';
import { defaultOrgSettings } from '../src/shared/org-settings.ts';
import { backendName, openTestDatabase } from './database.ts';

describe(`test database (${backendName()})`, () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase();
  });

  afterAll(async () => {
    await database?.close();
  });

  it('opens the back end of the project', async () => {
    expect(database.kind).toBe(backendName());
    // Both drivers answer raw SQL with { rows }.
    const result = (await database.db.execute(sql`select version() as version`)) as unknown as {
      rows: { version: string }[];
    };
    expect(result.rows[0]?.version).toContain('PostgreSQL');
  });

  it('runs in UTC, as the server does', () => {
    expect(process.env.TZ).toBe('UTC');
    expect(new Date(2024, 6, 1).getTimezoneOffset()).toBe(0);
  });

  it('has the migrated schema: an organisation round-trips through Drizzle', async () => {
    const [org] = await database.db
      .insert(organizations)
      .values({ name: 'Test organisation', settings: defaultOrgSettings })
      .returning();
    const [found] = await database.db.select().from(organizations).where(eq(organizations.id, org!.id));
    expect(found).toMatchObject({ name: 'Test organisation', settings: defaultOrgSettings });
    expect(found!.createdAt).toBeInstanceOf(Date);
  });

  it('rejects a second user whose email differs only in case', async () => {
    const [org] = await database.db
      .insert(organizations)
      .values({ name: 'Email organisation', settings: defaultOrgSettings })
      .returning();
    // Unique per run: on PostgreSQL every test file shares the one database.
    const email = `someone-${randomUUID()}@example.com`;
    const user = { orgId: org!.id, name: 'Someone', passwordHash: 'x' };
    await database.db.insert(users).values({ ...user, email });
    const duplicate = database.db.insert(users).values({ ...user, email: email.toUpperCase() });
    await expect(duplicate).rejects.toSatisfy((error: unknown) => uniqueViolation(error));
  });
});

/** Drizzle wraps the driver's error; PostgreSQL's code 23505 is on it or on its cause. */
function uniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}
