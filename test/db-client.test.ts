import { inject, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, queryRows } from '../src/server/db/client.ts';
import { backendName } from './database.ts';

// PostgreSQL only: PGlite has no connections to lose.
describe.skipIf(backendName() !== 'postgres')('the PostgreSQL pool', () => {
  it('survives the server dropping its idle connections, and the next query connects anew', async () => {
    const url = new URL(inject('databaseUrl')!);
    url.searchParams.set('application_name', 'liaison-drop-test');
    const database = await openDatabase({ url: url.toString(), poolSize: 2 });
    const admin = new pg.Client({ connectionString: inject('databaseUrl')! });
    await admin.connect();
    try {
      await Promise.all([queryRows(database.db, sql`SELECT pg_sleep(0.05)`), queryRows(database.db, sql`SELECT pg_sleep(0.05)`)]);
      const { rows } = await admin.query(`SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = 'liaison-drop-test'`);
      expect(rows.length).toBe(2);
      // The idle clients hear of it as an 'error' event; unhandled, it would end this process.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [answer] = await queryRows<{ one: number }>(database.db, sql`SELECT 1 AS one`);
      expect(answer).toEqual({ one: 1 });
    } finally {
      await admin.end();
      await database.close();
    }
  });
});
