/**
 * Time of the minute reminder sweep over 100,000 open action items on a throwaway PostgreSQL server
 * (default durability). Items are seeded by direct inserts across 1,000 collaborations and 200 owners,
 * due from 10 days ago to 110 days ahead, last updated 0–6 days ago, so every rule has work: overdue,
 * D-1, stale, escalation candidates. Prints the first sweep (which raises everything due) and a repeat
 * sweep a minute later (the steady state: nothing new to say), the figure that runs every minute.
 * Usage: npm run bench:reminder-sweep -- [items=100000]
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/server/db/client.ts';
import { runReminderSweep } from '../src/server/jobs/reminder-sweep.ts';
import { startThrowawayPostgres } from '../test/postgres-server.ts';
import { buildDepartment, buildOrganization, buildUser, setHead } from '../test/factories.ts';

const itemCount = Number(process.argv[2] ?? 100_000);
const server = await startThrowawayPostgres({ durable: true });
try {
  const database = await openDatabase({ url: await server.createDatabase('liaison_bench'), poolSize: 4 });
  await database.migrate();
  const db = database.db;
  const seedStart = performance.now();
  const org = await buildOrganization(db);
  const market = await buildDepartment(db, org.id, { name: '市场部' });
  const head = await buildUser(db, org.id, { name: '市场部负责人', departmentIds: [market.id] });
  await setHead(db, market.id, head.id);
  await db.execute(sql`
    INSERT INTO users (id, org_id, name, email, password_hash, role)
    SELECT gen_random_uuid(), ${org.id}::uuid, '负责人 ' || n, 'owner-' || n || '-' || ${org.id} || '@bench.test', 'x', 'member'
    FROM generate_series(1, 200) n`);
  await db.execute(sql`
    INSERT INTO collaborations (id, org_id, topic, goal, scenario, initiating_department_id, creator_id)
    SELECT gen_random_uuid(), ${org.id}::uuid, '协作 ' || n, '目标', 'major_project', ${market.id}::uuid, ${head.id}::uuid
    FROM generate_series(1, 1000) n`);
  const now = new Date();
  await db.execute(sql`
    WITH owners AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM users WHERE org_id = ${org.id}::uuid AND email LIKE 'owner-%'),
         collabs AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM collaborations WHERE org_id = ${org.id}::uuid)
    INSERT INTO action_items (id, org_id, collaboration_id, description, owner_id, due_date, original_due_date, deliverable, status, created_at, last_update_at, created_by)
    SELECT gen_random_uuid(), ${org.id}::uuid, c.id, '行动项 ' || n, o.id,
           (${now.toISOString()}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date + (n % 120 - 10),
           (${now.toISOString()}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date + (n % 120 - 10),
           '交付物', (ARRAY['todo', 'in_progress', 'blocked'])[1 + n % 3],
           ${now.toISOString()}::timestamptz - interval '20 days',
           ${now.toISOString()}::timestamptz - make_interval(hours => (n % 144)),
           ${head.id}::uuid
    FROM generate_series(1, ${itemCount}) n
    JOIN owners o ON o.k = n % 200
    JOIN collabs c ON c.k = n % 1000`);
  await db.execute(sql`ANALYZE`);
  console.log(`seeded ${itemCount} open items in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  let handedOn: string[] = [];
  const deps = { db, scheduleEscalations: async (_orgId: string, ids: string[]) => void handedOn.push(...ids) };
  const timed = async (at: Date) => {
    const start = performance.now();
    const report = await runReminderSweep(deps, at);
    return { ms: performance.now() - start, report };
  };
  const first = await timed(now);
  const raised = Object.entries(first.report).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`first sweep over ${itemCount} open items: ${first.ms.toFixed(0)} ms (raised ${raised})`);
  // The escalation jobs the first sweep handed on have run by the next minute: their items are escalated.
  for (let i = 0; i < handedOn.length; i += 5000) {
    await db.execute(sql`UPDATE action_items SET escalated_at = ${now.toISOString()}::timestamptz WHERE id IN (${sql.join(handedOn.slice(i, i + 5000).map((id) => sql`${id}::uuid`), sql`, `)})`);
  }
  handedOn = [];
  const repeats: number[] = [];
  for (let i = 1; i <= 5; i++) repeats.push((await timed(new Date(now.getTime() + i * 60_000))).ms);
  repeats.sort((a, b) => a - b);
  console.log(`reminder sweep over ${itemCount} open items, steady state (nothing new): median ${repeats[2]!.toFixed(0)} ms, max ${repeats[4]!.toFixed(0)} ms (5 runs, ${handedOn.length} escalations handed on)`);
  await database.close();
} finally {
  await server.stop();
}
