/**
 * Seeds (or resumes seeding) a benchmark database under bench/.data: a PostgreSQL cluster `pg-<scale>` or a
 * PGlite folder `pglite-<scale>`, kept for later runs. Run it niced; the machine is shared.
 * Usage: node bench/seed/index.ts [postgres|pglite] [items=1000000]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../../src/server/db/client.ts';
import { benchDataDir, startCluster, type Cluster } from '../postgres-cluster.ts';
import { planFor, scaleLabel } from './plan.ts';
import { seed, type SeedReport, type SqlSession } from './seed.ts';

export const BENCH_PASSWORD = 'bench-password-2024';
export const BENCH_DATABASE = 'liaison';

/**
 * "Today" of the seeded data of a scale, shared by both back ends (the first seed of the scale fixes it in
 * bench/.data/anchor-<scale>), so PostgreSQL and PGlite hold the same rows.
 */
function anchorOf(items: number, given?: string): string {
  const file = path.join(benchDataDir, `anchor-${scaleLabel(items)}`);
  if (given) return given;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const anchor = planFor(items).anchor;
  mkdirSync(benchDataDir, { recursive: true });
  writeFileSync(file, anchor);
  return anchor;
}

export type SeededPostgres = { cluster: Cluster; url: string; report: SeedReport };

/** The PostgreSQL cluster of this scale, seeded (reusing an earlier seed); the caller stops the cluster. */
export async function seededPostgres(items: number, anchor?: string): Promise<SeededPostgres> {
  const cluster = await startCluster(`pg-${scaleLabel(items)}`);
  try {
    const url = await cluster.ensureDatabase(BENCH_DATABASE);
    const database = await openDatabase({ url, poolSize: 2 });
    try {
      await database.migrate();
    } finally {
      await database.close();
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const report = await seed(postgresSession(client), planFor(items, anchorOf(items, anchor)), { password: BENCH_PASSWORD });
      return { cluster, url, report };
    } finally {
      await client.end();
    }
  } catch (error) {
    await cluster.stop().catch(() => {});
    throw error;
  }
}

/** The PGlite folder of this scale, seeded (reusing an earlier seed). */
export async function seededPglite(items: number, anchor?: string): Promise<{ dataDir: string; report: SeedReport }> {
  const dataDir = path.join(benchDataDir, `pglite-${scaleLabel(items)}`);
  const database = await openDatabase({ dataDir });
  try {
    await database.migrate();
    const pglite = (database as unknown as { pglite: PGlite }).pglite;
    const report = await seed(pgliteSession(pglite), planFor(items, anchorOf(items, anchor)), { password: BENCH_PASSWORD });
    return { dataDir, report };
  } finally {
    await database.close();
  }
}

function postgresSession(client: pg.Client): SqlSession {
  return {
    kind: 'postgres',
    exec: async (sql) => void (await client.query(sql)),
    rows: async <T>(sql: string) => (await client.query(sql)).rows as T[],
    async chunk(sql, done, counted) {
      const start = performance.now();
      await client.query('BEGIN');
      try {
        const result = await client.query(sql);
        const rows = counted ? Number(result.rows[0]?.n ?? 0) : (result.rowCount ?? 0);
        await client.query('INSERT INTO bench_seed.done VALUES ($1, $2, $3, $4)', [done.step, done.lo, rows, performance.now() - start]);
        await client.query('COMMIT');
        return rows;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    },
  };
}

function pgliteSession(pglite: PGlite): SqlSession {
  return {
    kind: 'pglite',
    exec: async (sql) => void (await pglite.exec(sql)),
    rows: async <T>(sql: string) => (await pglite.query<T>(sql)).rows,
    async chunk(sql, done, counted) {
      const start = performance.now();
      return pglite.transaction(async (tx) => {
        const result = await tx.query<{ n: number }>(sql);
        const rows = counted ? Number(result.rows[0]?.n ?? 0) : (result.affectedRows ?? 0);
        await tx.query('INSERT INTO bench_seed.done VALUES ($1, $2, $3, $4)', [done.step, done.lo, rows, performance.now() - start]);
        return rows;
      });
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [backend = 'postgres', itemsArg = '1000000'] = process.argv.slice(2);
  const items = Number(itemsArg);
  if (backend === 'postgres') {
    const { cluster, report } = await seededPostgres(items);
    await cluster.stop();
    console.log(JSON.stringify({ backend, ...report }, null, 2));
  } else {
    const { report } = await seededPglite(items);
    console.log(JSON.stringify({ backend, ...report }, null, 2));
  }
}
