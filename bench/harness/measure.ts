/**
 * One measurement of one back end at one scale: seed (or reuse the seed), choose the fixtures, run the
 * first reminder sweep of the day, start `npm start`'s server (three cold starts), sign in, warm and load
 * every route at 16 concurrent connections, stop the server, then run each route's floor from this
 * process at the same concurrency, and time the steady-state sweep.
 */
import { runReminderSweep, type SweepReport } from '../../src/server/jobs/reminder-sweep.ts';
import { escalateOverdueItem } from '../../src/server/jobs/escalate-overdue-item.ts';
import { localDate } from '../../src/domain/calendar-date.ts';
import type { Db } from '../../src/server/db/client.ts';
import { BENCH_PASSWORD, seededPglite, seededPostgres } from '../seed/index.ts';
import type { SeedReport } from '../seed/seed.ts';
import { chooseFixtures, type Fixtures } from './fixtures.ts';
import { openFloorDb, sql, type FloorDb } from './floor-db.ts';
import { get, login, post, type BenchSession } from './http.ts';
import { runLoad, summarize, type LoadResult } from './load.ts';
import { routeSpecs, writeFloorWithoutAudit, type RouteKind, type RouteSpec, type Sessions } from './routes.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

export type Backend = 'postgres' | 'pglite';

export type RouteResult = {
  kind: RouteKind | 'sweep';
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  rps: number;
  count: number;
  errors: number;
  firstError?: string;
  floorP50Ms?: number;
  floorP99Ms?: number;
  floorRps?: number;
  floorRatio?: number;
  /** One request at a time (a single user on an otherwise idle server): what the route costs without queueing. */
  serialP50Ms?: number;
  serialP99Ms?: number;
  /** Whether the floor returned the same ids, in the same order, as the API (checked once before measuring). */
  floorMatches?: boolean;
  floorMismatch?: string;
  floorErrors?: number;
  floorFirstError?: string;
};

export type MeasureOptions = { concurrency: number; durationMs: number; warmMs: number; coldStarts: number; log: (line: string) => void };

export type BackendResult = {
  backend: Backend;
  items: number;
  seed: SeedReport;
  coldStartMs: number;
  coldStartRunsMs: number[];
  routes: Record<string, RouteResult>;
  sweep: { firstMs: number; firstRaised: Partial<SweepReport>; escalationsRun: number; steadyRunsMs: number[] };
  /** The write floor without the audit event (and so without the hash chain's commit-time lock): where write throughput goes. */
  diagnostics: { writeFloorWithoutAudit: LoadResult };
  fixtures: { member: string; visibleCollaborations: number; memberOpenItems: number; quarter: string; writers: number; collaborations: number; meetings: number };
  serverOutput: string;
};

const round = (n: number) => Math.round(n * 100) / 100;

export async function measureBackend(backend: Backend, items: number, options: MeasureOptions): Promise<BackendResult> {
  const { log } = options;
  log(`\n=== ${backend}, ${items.toLocaleString('en')} action items ===`);
  const seeded = backend === 'postgres' ? await seededPostgres(items) : await seededPglite(items);
  const target: { url: string } | { dataDir: string } = 'url' in seeded ? { url: seeded.url } : { dataDir: seeded.dataDir };
  const stopCluster = async () => {
    if ('cluster' in seeded) await seeded.cluster.stop();
  };
  try {
    log(`seed: ${seeded.report.totalRows.toLocaleString('en')} rows, ${seeded.report.rowsPerSecond.toLocaleString('en')} rows/s`);
    let db = await openFloorDb(target, options.concurrency);
    const fixtures = await chooseFixtures(db, new Date(seeded.report.plan.anchor), seeded.report.plan.spanDays);
    const [open] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM action_items WHERE owner_id = ${fixtures.member.id} AND status IN ('todo', 'in_progress', 'blocked')`);
    log(`member ${fixtures.member.email}: ${fixtures.visibleCollaborations.toLocaleString('en')} visible collaborations, ${open!.n} open items; review ${fixtures.quarter}`);

    const first = await timedSweep(db.database.db, new Date());
    log(`first sweep of the day: ${first.ms.toFixed(0)} ms, ${Object.entries(first.report).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    let escalationsRun = 0;
    for (const id of first.escalate) if (await escalateOverdueItem(db.database.db, id, new Date())) escalationsRun += 1;
    if (backend === 'pglite') await db.close();

    const coldStarts: number[] = [];
    let server: ServerProcess | undefined;
    for (let k = 0; k < options.coldStarts; k++) {
      server = await startServerProcess('url' in target ? { DATABASE_URL: target.url } : { DATA_DIR: target.dataDir });
      coldStarts.push(server.coldStartMs);
      if (k < options.coldStarts - 1) await server.stop();
    }
    const sorted = [...coldStarts].sort((a, b) => a - b);
    log(`cold start: ${coldStarts.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    const running = server!;
    const routes: Record<string, RouteResult> = {};
    const apiIds = new Map<string, string[]>();
    let specs: RouteSpec[] = [];
    try {
      if (backend === 'postgres') await waitForOutbox(db);
      const sessions: Sessions = {
        member: await login(running.url, fixtures.member, BENCH_PASSWORD),
        head: await login(running.url, fixtures.head, BENCH_PASSWORD),
        pmo: await login(running.url, fixtures.pmo, BENCH_PASSWORD),
        writers: [],
      };
      for (const writer of fixtures.writers) sessions.writers.push(await login(running.url, writer.person, BENCH_PASSWORD));
      const today = localDate(new Date(), 'Asia/Shanghai');
      specs = routeSpecs(fixtures, sessions, today);
      for (const spec of specs) {
        if (spec.apiIds) {
          const answers = await Promise.all(spec.api(0, 0).map((call) => callOnce(running.url, call.session, call.method, call.path, call.body, call.expect)));
          apiIds.set(spec.name, spec.apiIds(answers.map((a) => JSON.parse(a))));
        }
        const task = async (w: number, i: number) => {
          await Promise.all(spec.api(i, w).map((call) => callOnce(running.url, call.session, call.method, call.path, call.body, call.expect)));
        };
        await runLoad(task, { concurrency: options.concurrency, durationMs: options.warmMs });
        const result = await runLoad(task, { concurrency: options.concurrency, durationMs: options.durationMs });
        const serial = await runLoad(task, { concurrency: 1, durationMs: options.durationMs / 4, maxCount: 200 });
        routes[spec.name] = { kind: spec.kind, ...result, serialP50Ms: serial.p50Ms, serialP99Ms: serial.p99Ms };
        log(`${spec.name}: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.rps} rps${result.errors ? `, ${result.errors} errors (${result.firstError})` : ''}; one at a time p50 ${serial.p50Ms} ms, p99 ${serial.p99Ms} ms`);
      }
    } finally {
      await running.stop();
    }

    if (backend === 'pglite') db = await openFloorDb(target, options.concurrency);
    try {
      for (const spec of specs) {
        if (!spec.floor) continue;
        const route = routes[spec.name]!;
        const floor = spec.floor;
        const runFloor = async (w: number, i: number) => {
          const call = floor(i, w);
          if (call.run) return call.run((q) => db.rows(q));
          if (call.transaction) await db.transaction(call.queries);
          else return Promise.all(call.queries.map((q) => db.rows(q)));
          return [];
        };
        if (spec.floorIds && apiIds.has(spec.name)) {
          const floorIds = spec.floorIds((await runFloor(0, 0)) as Record<string, unknown>[][]);
          const expected = apiIds.get(spec.name)!;
          route.floorMatches = JSON.stringify(floorIds) === JSON.stringify(expected);
          if (!route.floorMatches) route.floorMismatch = `api ${expected.length} ids, floor ${floorIds.length}; first difference at ${expected.findIndex((id, k) => floorIds[k] !== id)}`;
        }
        await runLoad(async (w, i) => void (await runFloor(w, i)), { concurrency: options.concurrency, durationMs: options.warmMs });
        const result = await runLoad(async (w, i) => void (await runFloor(w, i)), { concurrency: options.concurrency, durationMs: options.durationMs });
        Object.assign(route, {
          floorP50Ms: result.p50Ms,
          floorP99Ms: result.p99Ms,
          floorRps: result.rps,
          floorRatio: round(route.p99Ms / result.p99Ms),
          ...(result.errors ? { floorErrors: result.errors, floorFirstError: result.firstError } : {}),
        });
        log(`floor ${spec.name}: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.rps} rps → ratio ${route.floorRatio}${route.floorMatches === false ? ` (MISMATCH ${route.floorMismatch})` : ''}${result.errors ? ` ${result.errors} errors: ${result.firstError}` : ''}`);
      }
      const withoutAudit = writeFloorWithoutAudit(fixtures);
      const diagnostic = await runLoad(async (w, i) => db.transaction(withoutAudit(i, w)), { concurrency: options.concurrency, durationMs: options.durationMs });
      log(`diagnostic: write floor without the audit event: p50 ${diagnostic.p50Ms} ms, p99 ${diagnostic.p99Ms} ms, ${diagnostic.rps}/s`);
      const steady: number[] = [];
      for (let k = 1; k <= 5; k++) steady.push((await timedSweep(db.database.db, new Date(Date.now() + k * 60_000))).ms);
      const steadySorted = [...steady].sort((a, b) => a - b);
      routes['reminder sweep (steady state, all organisations)'] = {
        kind: 'sweep',
        ...summarize(steady, steady.reduce((a, b) => a + b, 0) / 1000),
        p50Ms: round(steadySorted[2]!),
        p99Ms: round(steadySorted[4]!),
        errors: 0,
      };
      routes['reminder sweep (first of the day, all organisations)'] = {
        kind: 'sweep',
        ...summarize([first.ms], first.ms / 1000),
        errors: 0,
      };
      log(`steady sweep: ${steady.map((ms) => ms.toFixed(0)).join(', ')} ms`);
      return {
        backend,
        items,
        seed: seeded.report,
        coldStartMs: round(sorted[Math.floor(sorted.length / 2)]!),
        coldStartRunsMs: coldStarts.map(round),
        routes,
        diagnostics: { writeFloorWithoutAudit: diagnostic },
        sweep: { firstMs: round(first.ms), firstRaised: Object.fromEntries(Object.entries(first.report).filter(([, n]) => n > 0)), escalationsRun, steadyRunsMs: steady.map(round) },
        fixtures: {
          member: fixtures.member.email,
          visibleCollaborations: fixtures.visibleCollaborations,
          memberOpenItems: open!.n,
          quarter: fixtures.quarter,
          writers: fixtures.writers.length,
          collaborations: fixtures.collaborationIds.length,
          meetings: fixtures.meetingIds.length,
        },
        serverOutput: running.output().slice(-4000),
      };
    } finally {
      await db.close();
    }
  } finally {
    await stopCluster();
  }
}

async function callOnce(url: string, session: BenchSession, method: 'GET' | 'POST', path: string, body?: unknown, expect?: number): Promise<string> {
  return method === 'GET' ? get(url, session, path, expect) : post(url, session, path, body, expect);
}

async function timedSweep(db: Db, at: Date): Promise<{ ms: number; report: SweepReport; escalate: string[] }> {
  const escalate: string[] = [];
  const start = performance.now();
  const report = await runReminderSweep({ db, scheduleEscalations: async (_orgId, ids) => void escalate.push(...ids) }, at);
  return { ms: performance.now() - start, report, escalate };
}

/** Waits (up to a minute) until the server's delivery loop has sent what is due, so it does not run under the measurements. */
async function waitForOutbox(db: FloorDb): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const [row] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= now()`);
    if (!row?.n) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export type { LoadResult, Fixtures };
