/**
 * The database as the bench process reaches it directly, for the floor (hand-written SQL at the same
 * concurrency as the HTTP load: a pg Pool of 16, or the PGlite instance itself), the fixtures and the
 * sweep. For PGlite the server must be stopped first: one process owns a PGlite folder.
 */
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../../src/server/db/client.ts';

export type Query = { text: string; values: unknown[] };

export type FloorDb = {
  kind: 'postgres' | 'pglite';
  database: Database;
  rows<T = Record<string, unknown>>(query: Query): Promise<T[]>;
  /** Runs `queries` in one transaction (the write floor). */
  transaction(queries: Query[]): Promise<void>;
  close(): Promise<void>;
};

/** A tagged template for hand-written SQL: `sql\`… ${value} …\`` → text with $n placeholders and the values. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Query {
  let text = strings[0]!;
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value && typeof value === 'object' && 'text' in value && 'values' in value) {
      const inner = value as Query;
      text += inner.text.replace(/\$(\d+)/g, (_, n) => `$${Number(n) + params.length}`);
      params.push(...inner.values);
    } else {
      params.push(value);
      text += `$${params.length}`;
    }
    text += strings[i + 1]!;
  });
  return { text, values: params };
}

/** Literal SQL spliced into a `sql` template (aliases, fixed lists): never user input. */
export const raw = (text: string): Query => ({ text, values: [] });

export async function openFloorDb(target: { url: string } | { dataDir: string }, concurrency = 16): Promise<FloorDb> {
  if ('url' in target) {
    const pool = new pg.Pool({ connectionString: target.url, max: concurrency });
    pool.on('error', () => {}); // an idle connection dropped as the cluster stops: the pool discards it
    const database = await openDatabase({ url: target.url, poolSize: 4 });
    return {
      kind: 'postgres',
      database,
      rows: async <T>(q: Query) => (await pool.query(q.text, q.values)).rows as T[],
      async transaction(queries) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          for (const q of queries) await client.query(q.text, q.values);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      },
      async close() {
        await pool.end();
        await database.close();
      },
    };
  }
  const database = await openDatabase({ dataDir: target.dataDir });
  const pglite = (database as unknown as { pglite: PGlite }).pglite;
  return {
    kind: 'pglite',
    database,
    rows: async <T>(q: Query) => (await pglite.query<T>(q.text, q.values)).rows,
    async transaction(queries) {
      await pglite.transaction(async (tx) => {
        for (const q of queries) await tx.query(q.text, q.values);
      });
    },
    close: () => database.close(),
  };
}
