/**
 * Runs the seeding steps against a migrated database, resumably: each chunk commits together with its
 * row in bench_seed.done, so an interrupted run continues where it stopped. Secondary indexes of the
 * seeded tables are dropped first (their definitions kept in bench_seed.dropped_indexes) and rebuilt
 * at the end, foreign-key triggers are off for the seeding session (the data is consistent by
 * construction), and commits do not wait for the WAL flush — only while seeding; the server runs with
 * full durability. Reports rows per second per step and overall.
 */
import { hashPassword } from '../../src/server/auth/passwords.ts';
import type { SeedPlan } from './plan.ts';
import { chainFunctionSql, seedSteps, seededTables, setupSql, type Step } from './steps.ts';
import { fillSearchIndex } from './search-index.ts';

/** The one connection the seeder works through, PostgreSQL or PGlite. */
export type SqlSession = {
  kind: 'postgres' | 'pglite';
  exec(sql: string): Promise<void>;
  rows<T>(sql: string): Promise<T[]>;
  /**
   * Runs `sql` in a transaction and records the chunk as done in the same transaction; answers rows written
   * (the statement's row count, or with `counted` the first column of its one row).
   */
  chunk(sql: string, done: { step: string; lo: number }, counted: boolean): Promise<number>;
};

export type SeedReport = {
  plan: SeedPlan;
  rows: Record<string, number>;
  totalRows: number;
  seconds: number;
  rowsPerSecond: number;
  indexSeconds: number;
  resumed: boolean;
};

const log = (line: string) => process.stdout.write(`${line}\n`);

/** Seeds `plan` (or resumes it); answers the report, also kept in bench_seed.meta. */
export async function seed(session: SqlSession, plan: SeedPlan, options: { password: string }): Promise<SeedReport> {
  await session.exec(setupSql());
  const stored = await session.rows<{ value: SeedReport | SeedPlan }>(`SELECT value FROM bench_seed.meta WHERE key IN ('report') `);
  if (stored[0]) return stored[0].value as SeedReport;
  const [existing] = await session.rows<{ value: SeedPlan }>(`SELECT value FROM bench_seed.meta WHERE key = 'plan'`);
  const resumed = Boolean(existing);
  if (existing) {
    if (existing.value.items !== plan.items) throw new Error(`This database holds a seed of ${existing.value.items} items, not ${plan.items}`);
    plan = existing.value;
    log(`resuming the seed of ${plan.items} items anchored at ${plan.anchor}`);
  } else {
    await session.exec(`INSERT INTO bench_seed.meta VALUES ('plan', '${JSON.stringify(plan)}'::jsonb)`);
  }
  await session.exec(`SET session_replication_role = replica; SET synchronous_commit = off; SET work_mem = '256MB';`);
  await dropSecondaryIndexes(session);

  const passwordHash = await hashPassword(options.password);
  const columns = new Map<string, Set<string>>();
  for (const r of await session.rows<{ table_name: string; column_name: string }>(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`)) {
    columns.set(r.table_name, (columns.get(r.table_name) ?? new Set()).add(r.column_name));
  }
  const columnsOf = (table: string) => columns.get(table) ?? new Set<string>();
  const searchTables = new Set([...columns].filter(([, c]) => c.has('search_text')).map(([t]) => t));
  const [chain] = await session.rows<{ n: number }>(`SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'audit_event_digest'`);
  await session.exec(chainFunctionSql(Boolean(chain?.n)));
  const steps = seedSteps(plan, passwordHash, columnsOf);
  const started = performance.now();
  for (const step of steps) await runStep(session, step);
  await fillSearchIndex(session, searchTables);
  const insertSeconds = (performance.now() - started) / 1000;

  const indexStart = performance.now();
  await session.exec(`SET maintenance_work_mem = '${session.kind === 'postgres' ? '1GB' : '256MB'}'`);
  await rebuildIndexes(session);
  const indexSeconds = (performance.now() - indexStart) / 1000;
  log('vacuum analyze …');
  await session.exec('VACUUM ANALYZE');

  const done = await session.rows<{ step: string; rows: string; ms: number }>(`SELECT step, sum(rows)::text AS rows, sum(ms) AS ms FROM bench_seed.done GROUP BY step`);
  const rows = Object.fromEntries(done.filter((d) => !d.step.startsWith('staging:') && !d.step.startsWith('search:')).map((d) => [d.step, Number(d.rows)]));
  const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
  const writeMs = done.reduce((a, d) => a + d.ms, 0);
  const seconds = writeMs / 1000 + indexSeconds;
  const report: SeedReport = { plan, rows, totalRows, seconds, rowsPerSecond: Math.round(totalRows / seconds), indexSeconds, resumed };
  log(`seeded ${totalRows.toLocaleString('en')} rows in ${seconds.toFixed(0)} s (${report.rowsPerSecond.toLocaleString('en')} rows/s; this session ${insertSeconds.toFixed(0)} s writing, ${indexSeconds.toFixed(0)} s indexing)`);
  await session.exec(`DROP TABLE IF EXISTS bench_seed.s_item, bench_seed.s_meeting, bench_seed.s_collab, bench_seed.s_audit`);
  await session.exec(`INSERT INTO bench_seed.meta VALUES ('report', '${JSON.stringify(report).replace(/'/g, "''")}'::jsonb)`);
  return report;
}

async function runStep(session: SqlSession, step: Step): Promise<void> {
  const doneRows = await session.rows<{ lo: string }>(`SELECT lo::text FROM bench_seed.done WHERE step = '${step.name}'`);
  const done = new Set(doneRows.map((r) => Number(r.lo)));
  let written = 0;
  const start = performance.now();
  for (let lo = 0; lo < step.total; lo += step.chunk) {
    if (done.has(lo)) continue;
    const hi = Math.min(step.total, lo + step.chunk);
    written += await session.chunk(step.sql(lo, hi), { step: step.name, lo }, step.counted ?? false);
    const seconds = (performance.now() - start) / 1000;
    if (step.total > step.chunk) log(`  ${step.name} ${hi.toLocaleString('en')}/${step.total.toLocaleString('en')} · ${written.toLocaleString('en')} rows · ${Math.round(written / seconds).toLocaleString('en')} rows/s`);
  }
  const seconds = (performance.now() - start) / 1000;
  if (written) log(`${step.name}: ${written.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (${Math.round(written / seconds).toLocaleString('en')} rows/s)`);
}

/** Drops the non-unique indexes of the seeded tables once, remembering how to build them again. */
async function dropSecondaryIndexes(session: SqlSession): Promise<void> {
  const tables = seededTables.map((t) => `'${t}'`).join(',');
  await session.exec(`
    INSERT INTO bench_seed.dropped_indexes (name, def)
    SELECT i.relname, pg_get_indexdef(i.oid)
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND t.relname IN (${tables}) AND NOT x.indisunique AND NOT x.indisprimary
    ON CONFLICT (name) DO NOTHING`);
  const dropped = await session.rows<{ name: string }>(`SELECT name FROM bench_seed.dropped_indexes ORDER BY name`);
  for (const { name } of dropped) await session.exec(`DROP INDEX IF EXISTS public.${quoteIdent(name)}`);
}

async function rebuildIndexes(session: SqlSession): Promise<void> {
  const dropped = await session.rows<{ name: string; def: string }>(`SELECT name, def FROM bench_seed.dropped_indexes ORDER BY name`);
  for (const { name, def } of dropped) {
    const start = performance.now();
    await session.exec(def.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
    await session.exec(`DELETE FROM bench_seed.dropped_indexes WHERE name = '${name}'`);
    log(`  index ${name}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
