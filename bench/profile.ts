/**
 * The profile behind the figures: runs each measured route once in-process against a seeded PostgreSQL
 * database, captures the statements it sends (the onQuery hook of src/server/db/client.ts) and prints
 * EXPLAIN (ANALYZE, BUFFERS) of each, slowest first, into bench/results/profile-<scale>.md.
 * Usage: node bench/profile.ts [items=1000000] [route filter]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { onQuery, openDatabase } from '../src/server/db/client.ts';
import { localDate } from '../src/domain/calendar-date.ts';
import { startCluster } from './postgres-cluster.ts';
import { BENCH_DATABASE, BENCH_PASSWORD } from './seed/index.ts';
import { scaleLabel } from './seed/plan.ts';
import { chooseFixtures } from './harness/fixtures.ts';
import { openFloorDb } from './harness/floor-db.ts';
import { routeSpecs, type Sessions } from './harness/routes.ts';
import type { BenchSession } from './harness/http.ts';

const items = Number(process.argv[2] ?? 1_000_000);
const filter = process.argv[3];
const cluster = await startCluster(`pg-${scaleLabel(items)}`);
const url = cluster.url(BENCH_DATABASE);
const floorDb = await openFloorDb({ url }, 2);
const database = await openDatabase({ url, poolSize: 4 });
await database.migrate();
const app = await buildApp({ database, webRoot: false });
await app.ready();
const client = new pg.Client({ connectionString: url });
await client.connect();
const out: string[] = [`# Profile at ${items.toLocaleString('en')} action items (PostgreSQL)`, ''];
try {
  const [meta] = await floorDb.rows<{ value: { anchor: string; spanDays: number } }>({ text: `SELECT value FROM bench_seed.meta WHERE key = 'plan'`, values: [] });
  const fixtures = await chooseFixtures(floorDb, new Date(meta!.value.anchor), meta!.value.spanDays);
  const login = async (who: { email: string; id: string }): Promise<BenchSession> => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: who.email, password: BENCH_PASSWORD } });
    const cookie = response.cookies.find((c) => c.name === 'liaison_session')!;
    return { userId: who.id, email: who.email, cookie: `liaison_session=${cookie.value}`, csrfToken: (response.json() as { csrfToken: string }).csrfToken };
  };
  const sessions: Sessions = { member: await login(fixtures.member), head: await login(fixtures.head), pmo: await login(fixtures.pmo), writers: [] };
  for (const w of fixtures.writers.slice(0, 1)) sessions.writers.push(await login(w.person));
  fixtures.writers = fixtures.writers.slice(0, 1);
  for (const spec of routeSpecs(fixtures, sessions, localDate(new Date(), 'Asia/Shanghai'))) {
    if (filter && !spec.name.includes(filter)) continue;
    const calls = spec.api(1, 0);
    const inject = () =>
      Promise.all(
        calls.map((c) =>
          app.inject({
            method: c.method,
            url: `/api/v1${c.path}`,
            headers: { cookie: c.session.cookie, 'x-csrf-token': c.session.csrfToken, 'content-type': 'application/json' },
            ...(c.body ? { payload: JSON.stringify(c.body) } : {}),
          }),
        ),
      );
    await inject();
    const statements: { query: string; params: unknown[] }[] = [];
    const stop = onQuery((query, params) => statements.push({ query, params }));
    const start = performance.now();
    await inject();
    const wall = performance.now() - start;
    stop();
    const explained: { ms: number; query: string; plan: string }[] = [];
    for (const s of statements) {
      if (!/^\s*(select|with)/i.test(s.query)) {
        explained.push({ ms: 0, query: s.query, plan: '(not a read; not explained)' });
        continue;
      }
      const result = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.query}`, s.params as unknown[]);
      const plan = result.rows.map((r) => r['QUERY PLAN']).join('\n');
      const ms = Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? 0);
      explained.push({ ms, query: s.query, plan });
    }
    explained.sort((a, b) => b.ms - a.ms);
    out.push(`## ${spec.name}`, '', `${statements.length} statements, ${wall.toFixed(1)} ms in-process (one request, warm); database execution ${explained.reduce((a, e) => a + e.ms, 0).toFixed(1)} ms`, '');
    for (const e of explained.slice(0, 3)) out.push('```sql', e.query.slice(0, 3000), '```', '```', e.plan, '```', '');
    console.log(`${spec.name}: ${statements.length} statements, ${wall.toFixed(1)} ms wall, slowest ${explained[0]?.ms.toFixed(2)} ms`);
  }
} finally {
  await client.end();
  await app.close();
  await database.close();
  await floorDb.close();
  await cluster.stop();
}
const file = fileURLToPath(new URL(`./results/profile-${scaleLabel(items)}.md`, import.meta.url));
writeFileSync(file, out.join('\n'));
console.log(`wrote ${file}`);
