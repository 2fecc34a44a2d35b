import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations, Logger, SQL } from 'drizzle-orm';
import pg from 'pg';
import { fromPglite } from 'pg-boss';
import type { ConstructorOptions as JobQueueOptions } from 'pg-boss';
import * as schema from './schema/index.ts';
import { durablePgliteOptions } from './pglite-durable-fs.ts';
import { runDataMigrations } from './data-migrations.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Queries take either the database or an open transaction. */
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The SQL migrations, then the TypeScript data migrations (data-migrations.ts). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Subscribes to NOTIFY on `channel` (PostgreSQL LISTEN on a dedicated connection, so every instance
   * hears every instance's commits; PGlite in-process). Answers the unsubscribe.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * How pg-boss reaches this database: its own small pool on the PostgreSQL server, or the embedded
   * PGlite instance through pg-boss's PGlite adapter (which runs its multi-statement SQL with `exec`).
   */
  jobQueueOptions(): JobQueueOptions;
};

const queryListeners = new Set<(query: string, params: unknown[]) => void>();

/**
 * Calls `listener` with every statement the app's Drizzle databases send, until the answered function is
 * called: how test/routes/query-count.test.ts counts the queries of each route, so N+1 cannot come back.
 */
export function onQuery(listener: (query: string, params: unknown[]) => void): () => void {
  queryListeners.add(listener);
  return () => void queryListeners.delete(listener);
}

const queryLogger: Logger = {
  logQuery(query, params) {
    for (const listener of queryListeners) listener(query, params);
  },
};

export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));

export type OpenOptions = {
  /** postgres://… — a PostgreSQL server; otherwise the embedded PGlite below. */
  url?: string | undefined;
  /** PGlite data folder, or 'memory://' for a throwaway database. */
  dataDir?: string;
  /** A PGlite data dump (from `dumpDataDir`) to start from, which is much faster than migrating anew. */
  loadDataDir?: Blob | File;
  poolSize?: number;
};

/** The one place that knows which back end is in use; everything else sees a Drizzle PostgreSQL database. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server (a restart, an administrator's terminate): the pool discards
    // it and the next query connects anew. Without a listener the 'error' event would end the process.
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema, casing: 'snake_case', logger: queryLogger }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      migrate: async () => {
        await migratePg(db as never, { migrationsFolder });
        await runDataMigrations(db);
      },
      close: () => pool.end(),
      listen: (channel, onPayload) => listenPg(options.url!, channel, onPayload),
      jobQueueOptions: () => ({ connectionString: options.url!, max: 4 }),
    };
  }
  const dataDir = options.dataDir ?? './data';
  const onDisk = !dataDir.includes('://');
  if (onDisk) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const client = await PGlite.create(dataDir, {
    // On disk: fsync every commit's WAL, which PGlite by itself never does (pglite-durable-fs.ts, docs/SECURITY.md).
    ...(onDisk ? durablePgliteOptions(path.resolve(dataDir)) : { relaxedDurability: false }),
    // Only because migration 0003 creates pg_trgm on a fresh database (0005 drops it; search uses bigram vectors).
    extensions: { pg_trgm },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = drizzlePglite(client, { schema, casing: 'snake_case', logger: queryLogger }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: async () => {
      await migratePglite(db as never, { migrationsFolder });
      await runDataMigrations(db);
    },
    close: () => client.close(),
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
    jobQueueOptions: () => ({ db: fromPglite(client), backend: 'pglite' }),
    ...{ pglite: client },
  };
}

/** A LISTEN connection that reconnects after a drop (a restarted server, a network blip). */
async function listenPg(url: string, channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    next.on('error', () => {
      next.end().catch(() => {});
      if (!stopped) setTimeout(() => void connect().catch(() => {}), 1000);
    });
    await next.connect();
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}

/** Rows of a raw SQL query; both drivers answer `{ rows }`. Use for queries Drizzle's builder cannot express well. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
