/**
 * Two server processes against one PostgreSQL, the load split between them:
 *  1. every answer correct — each read route answered by both instances equals the single-instance answer,
 *     and under a split read load every answer still does;
 *  2. writes split across both — every acknowledged update is in the database exactly once;
 *  3. jobs not run twice — the cron sweep runs once a minute whatever the number of instances (pg-boss
 *     history), two sweeps started at the same instant on both back-end pools raise each reminder once
 *     (outbox rows per dedupe key), and one overdue item escalated from both at once escalates once;
 *  4. live events reach clients of both — an SSE client on each instance hears a change made through the other.
 * Also the split-load throughput against one instance, for docs/SCALING.md.
 * Writes bench/results/multi-instance.json. Usage: node bench/multi-instance.ts [items=100000] [seconds=8]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { localDate } from '../src/domain/calendar-date.ts';
import { runReminderSweep } from '../src/server/jobs/reminder-sweep.ts';
import { escalateOverdueItem } from '../src/server/jobs/escalate-overdue-item.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { BENCH_PASSWORD, seededPostgres } from './seed/index.ts';
import { chooseFixtures } from './harness/fixtures.ts';
import { openFloorDb, sql } from './harness/floor-db.ts';
import { get, login, post, type BenchSession } from './harness/http.ts';
import { runLoad } from './harness/load.ts';
import { routeSpecs, type Sessions } from './harness/routes.ts';
import { buildWebApp, startServerProcess, type ServerProcess } from './harness/server-process.ts';

const items = Number(process.argv[2] ?? 100_000);
const seconds = Number(process.argv[3] ?? 8);
const log = (line: string) => process.stdout.write(`${line}\n`);

/** Answers are compared byte for byte: nothing measured here depends on the clock finer than a day. */
const normalize = (text: string) => text;

buildWebApp();
const { cluster, url, report } = await seededPostgres(items);
const db = await openFloorDb({ url }, 16);
const servers: ServerProcess[] = [];
const result: Record<string, unknown> = { items, machineNote: 'two server processes and PostgreSQL on the same 2-core machine as the load generator' };
try {
  const fixtures = await chooseFixtures(db, new Date(report.plan.anchor), report.plan.spanDays);
  servers.push(await startServerProcess({ DATABASE_URL: url }));
  servers.push(await startServerProcess({ DATABASE_URL: url }));
  const [a, b] = servers as [ServerProcess, ServerProcess];
  const sessionsOn = async (server: ServerProcess): Promise<Sessions> => ({
    member: await login(server.url, fixtures.member, BENCH_PASSWORD),
    head: await login(server.url, fixtures.head, BENCH_PASSWORD),
    pmo: await login(server.url, fixtures.pmo, BENCH_PASSWORD),
    writers: await Promise.all(fixtures.writers.map((w) => login(server.url, w.person, BENCH_PASSWORD))),
  });
  // One sign-in, used on both instances: a session made on one is valid on the other (no sticky sessions needed).
  const shared = await sessionsOn(a);
  const sessions = [shared, shared];
  const today = localDate(new Date(), 'Asia/Shanghai');
  const specsOn = sessions.map((s) => routeSpecs(fixtures, s, today));
  const reads = specsOn[0]!.filter((s) => s.kind !== 'write' && !s.name.includes('all six'));

  // 1. The same answers from either instance, alone and under a split load.
  const reference = new Map<string, string[]>();
  for (const spec of reads) {
    const answers = await Promise.all(spec.api(0, 0).map((call) => get(a.url, call.session, call.path)));
    reference.set(spec.name, answers.map(normalize));
  }
  const mismatches: string[] = [];
  for (const [k, spec] of specsOn[1]!.entries()) {
    if (!reference.has(spec.name)) continue;
    const answers = await Promise.all(spec.api(0, 0).map((call) => get(b.url, call.session, call.path)));
    if (JSON.stringify(answers.map(normalize)) !== JSON.stringify(reference.get(spec.name))) mismatches.push(`${spec.name} (#${k})`);
  }
  let checked = 0;
  const wrong: string[] = [];
  // The throughput comparison uses the page reads (kind 'read'); search and the reviews were checked above.
  const light = reads.filter((s) => s.kind === 'read');
  const splitRead = await runLoad(
    async (w, i) => {
      const side = w % 2;
      const spec = light[i % light.length]!;
      const server = servers[side]!;
      const answers = await Promise.all(spec.api(0, 0).map((call) => get(server.url, call.session, call.path)));
      checked += 1;
      if (JSON.stringify(answers.map(normalize)) !== JSON.stringify(reference.get(spec.name))) wrong.push(spec.name);
    },
    { concurrency: 16, durationMs: seconds * 1000 },
  );
  const oneRead = await runLoad(
    async (_w, i) => {
      const spec = light[i % light.length]!;
      await Promise.all(spec.api(0, 0).map((call) => get(a.url, call.session, call.path)));
    },
    { concurrency: 16, durationMs: seconds * 1000 },
  );
  result.reads = {
    routes: reads.length,
    sameAnswerOnBothInstances: mismatches.length === 0,
    mismatches,
    splitLoad: { routes: light.length, ...splitRead, answersChecked: checked, wrongAnswers: wrong.length, wrongRoutes: [...new Set(wrong)] },
    oneInstance: oneRead,
  };
  log(`reads: both instances agree on ${reads.length - mismatches.length}/${reads.length} routes; split load ${splitRead.rps} rps (p99 ${splitRead.p99Ms} ms), ${wrong.length} wrong of ${checked}; one instance ${oneRead.rps} rps (p99 ${oneRead.p99Ms} ms)`);

  // 2. Writes split across both instances: every acknowledged update stored exactly once.
  const [before] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM progress_updates`);
  let acknowledged = 0;
  const marker = `多实例-${Date.now()}`;
  const splitWrite = await runLoad(
    async (w, i) => {
      const side = w % 2;
      const writer = fixtures.writers[w % fixtures.writers.length]!;
      const session = sessions[side]!.writers[w % fixtures.writers.length]!;
      const item = writer.itemIds[Math.floor(i / fixtures.writers.length) % writer.itemIds.length]!;
      await post(servers[side]!.url, session, `/action-items/${item}/updates`, { progress: 10 + (i % 9) * 10, statusText: `${marker}-${i}` });
      acknowledged += 1;
    },
    { concurrency: 16, durationMs: seconds * 1000 },
  );
  const [after] = await db.rows<{ n: number; distinct_texts: number }>(sql`
    SELECT count(*)::int AS n, count(DISTINCT status_text)::int AS distinct_texts FROM progress_updates WHERE status_text LIKE ${`${marker}-%`}`);
  const [total] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM progress_updates`);
  result.writes = {
    ...splitWrite,
    acknowledged,
    stored: after!.n,
    storedOnce: after!.n === acknowledged && after!.distinct_texts === acknowledged,
    rowsAdded: total!.n - before!.n,
  };
  log(`writes: ${acknowledged} acknowledged, ${after!.n} stored (${after!.distinct_texts} distinct), ${splitWrite.rps}/s, p99 ${splitWrite.p99Ms} ms`);

  // 3a. Two sweeps at the same instant, on two pools, as two workers would: each reminder raised once.
  // A day years ahead and after every day an earlier run swept (the seeded database is reused), so every
  // overdue item is due a reminder nobody raised yet.
  const [swept] = await db.rows<{ day: string | null }>(sql`SELECT max(occurrence) AS day FROM sent_reminders WHERE kind = 'item_overdue'`);
  const at = new Date(Math.max(Date.now() + 1000 * 86_400_000, swept?.day ? Date.parse(`${swept.day}T12:00:00+08:00`) + 86_400_000 : 0));
  const pools = [await openDatabase({ url, poolSize: 4 }), await openDatabase({ url, poolSize: 4 })];
  const handed: string[][] = [[], []];
  const sweeps = await Promise.all(pools.map((p, k) => runReminderSweep({ db: p.db, scheduleEscalations: async (_o, ids) => void handed[k]!.push(...ids) }, at)));
  const raised = sweeps.map((s) => Object.entries(s).filter(([key]) => key !== 'escalationsScheduled').reduce((sum, [, n]) => sum + n, 0));
  const occurrence = localDate(at, 'Asia/Shanghai');
  const [outbox] = await db.rows<{ rows: number; keys: number; max_per_key: number }>(sql`
    SELECT count(*)::int AS rows, count(DISTINCT dedupe_key)::int AS keys, coalesce(max(n), 0)::int AS max_per_key
    FROM (SELECT dedupe_key, count(*) AS n FROM notifications WHERE event = 'item_overdue' AND dedupe_key LIKE ${`%:${occurrence}:%`} GROUP BY dedupe_key) k`);
  const [marks] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM sent_reminders WHERE kind = 'item_overdue' AND occurrence = ${occurrence}`);
  // 3b. One item escalated from both pools at once.
  const candidate = handed[0]![0] ?? handed[1]![0];
  let escalations: number[] = [];
  if (candidate) {
    const outcomes = await Promise.all(pools.map((p) => escalateOverdueItem(p.db, candidate, at)));
    const [count] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = ${candidate} AND action = 'escalated'`);
    escalations = [outcomes.filter(Boolean).length, count!.n];
  }
  for (const p of pools) await p.close();
  // 3c. The minute cron across both instances: pg-boss keeps one sweep per minute.
  const [cron] = await db.rows<{ jobs: number; minutes: number }>(sql`
    SELECT count(*)::int AS jobs, count(DISTINCT date_trunc('minute', created_on))::int AS minutes FROM pgboss.job
    WHERE name = 'reminder-sweep' AND created_on > now() - interval '1 hour'`).catch(() => [{ jobs: -1, minutes: -1 }]);
  result.jobs = {
    concurrentSweeps: { raisedByEach: raised, overdueRemindersMarked: marks!.n, outboxRows: outbox!.rows, outboxKeys: outbox!.keys, maxRowsPerKey: outbox!.max_per_key, raisedOnce: sweeps[0]!.item_overdue + sweeps[1]!.item_overdue === marks!.n && outbox!.max_per_key <= 1 },
    concurrentEscalation: candidate ? { item: candidate, escalatedBy: escalations[0], escalationEvents: escalations[1], once: escalations[1] === 1 } : null,
    cronSweeps: cron,
  };
  log(`jobs: sweeps raised ${raised.join(' + ')} (overdue ${sweeps[0]!.item_overdue} + ${sweeps[1]!.item_overdue} = ${marks!.n} marked), outbox ${outbox!.rows} rows / ${outbox!.keys} keys; escalation ${JSON.stringify(escalations)}; cron ${JSON.stringify(cron)}`);

  // 4. Live events: a client on each instance hears a change made through the other.
  const live = await liveEvents(servers, sessions.map((s) => s.member), fixtures, sessions);
  result.live = live;
  log(`live: ${JSON.stringify(live)}`);
} finally {
  for (const server of servers) await server.stop();
  await db.close();
  await cluster.stop();
}
const file = fileURLToPath(new URL('./results/multi-instance.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
log(`wrote ${file}`);

/** Subscribes the member on both instances, posts an update through each instance in turn, and times its arrival at both. */
async function liveEvents(servers: ServerProcess[], members: BenchSession[], fixtures: Awaited<ReturnType<typeof chooseFixtures>>, sessions: Sessions[]) {
  // An item the member can see: one of their own open items, updated by the member.
  const [mine] = await db.rows<{ id: string; collaboration_id: string }>(sql`
    SELECT id, collaboration_id FROM action_items WHERE owner_id = ${fixtures.member.id} AND status IN ('todo', 'in_progress', 'blocked') AND NOT sensitive ORDER BY id LIMIT 1`);
  const streams = servers.map((server, k) => openStream(`${server.url}/api/v1/events`, members[k]!.cookie));
  await Promise.all(streams.map((s) => s.ready));
  const results: { through: number; heardBy: number; ms: number | null }[] = [];
  for (const through of [0, 1]) {
    const sent = performance.now();
    const waits = streams.map((s) => s.next((e) => e.entityId === mine!.id && e.action === 'progress_updated', 5000));
    await post(servers[through]!.url, sessions[through]!.member, `/action-items/${mine!.id}/updates`, { progress: 40 + through * 10, statusText: `实时-${through}` });
    const arrivals = await Promise.all(waits);
    arrivals.forEach((arrived, heardBy) => results.push({ through, heardBy, ms: arrived ? Math.round(arrived - sent) : null }));
  }
  for (const s of streams) s.close();
  return { events: results, allHeard: results.every((r) => r.ms !== null) };
}

type StreamEvent = { entityId: string; action: string };

function openStream(url: string, cookie: string) {
  const controller = new AbortController();
  const waiters: { match: (e: StreamEvent) => boolean; resolve: (at: number | null) => void }[] = [];
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => (resolveReady = r));
  void (async () => {
    const response = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (block.includes('event: ready')) resolveReady();
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!block.includes('event: change') || !data) continue;
        const event = JSON.parse(data) as StreamEvent;
        const at = performance.now();
        for (const w of [...waiters]) if (w.match(event)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(at));
      }
    }
  })().catch(() => {});
  return {
    ready,
    next(match: (e: StreamEvent) => boolean, timeoutMs: number) {
      return new Promise<number | null>((resolve) => {
        const waiter = { match, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          const k = waiters.indexOf(waiter);
          if (k >= 0) (waiters.splice(k, 1), resolve(null));
        }, timeoutMs);
      });
    },
    close: () => controller.abort(),
  };
}
