import { afterAll, beforeAll, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, closeTestApp, loginAs, type Session, type TestContext } from './app.ts';
import { buildTemplateCast } from './factories.ts';

let ctx: TestContext;
let pmo: Session;
const ITEMS = 20000;

beforeAll(async () => {
  ctx = await buildTestApp('2024-10-08T10:00:00+08:00');
  const db = ctx.database.db;
  const cast = await buildTemplateCast(db);
  const { org, people: p, departments: d } = cast;
  pmo = await loginAs(ctx.app, p.pmo);
  await db.execute(sql`
    INSERT INTO collaborations (id, org_id, topic, goal, scenario, initiating_department_id, creator_id, created_at)
    SELECT gen_random_uuid(), ${org.id}::uuid, '协作' || g, '目标', 'major_project', ${d.market.id}::uuid, ${p.head.id}::uuid, '2024-07-01'::timestamptz
    FROM generate_series(1, 200) g`);
  await db.execute(sql`
    INSERT INTO action_items (id, org_id, collaboration_id, description, owner_id, owner_department_id, due_date, original_due_date, deliverable, status, completed_at, created_by, created_at)
    SELECT gen_random_uuid(), ${org.id}::uuid, c.id, '任务' || g, ${p.engineer.id}::uuid, ${d.rnd.id}::uuid,
      '2024-07-01'::date + (g % 92), '2024-07-01'::date + (g % 92), '交付物',
      CASE WHEN g % 3 = 0 THEN 'in_progress' ELSE 'done' END,
      CASE WHEN g % 3 = 0 THEN NULL ELSE '2024-07-01'::timestamptz + ((g % 92) + (g % 5) - 2) * interval '1 day' END,
      ${p.head.id}::uuid, '2024-06-20'::timestamptz + (g % 92) * interval '1 day'
    FROM generate_series(1, ${ITEMS}) g
    JOIN LATERAL (SELECT id FROM collaborations WHERE org_id = ${org.id}::uuid ORDER BY id OFFSET (g % 200) LIMIT 1) c ON true`);
  await db.execute(sql`
    INSERT INTO progress_updates (id, org_id, action_item_id, author_id, progress, status_text, status, delay_code, delay_reason, created_at)
    SELECT gen_random_uuid(), ${org.id}::uuid, a.id, ${p.engineer.id}::uuid, 50, '进行中', 'in_progress', 'requirement_change',
      (ARRAY['需求传递不清晰','接口文档滞后','资源不足需协调'])[1 + (k % 3)], a.created_at + k * interval '2 days'
    FROM action_items a, generate_series(1, 3) k WHERE a.org_id = ${org.id}::uuid`);
  await db.execute(sql`ANALYZE`);
}, 600_000);
afterAll(() => closeTestApp(ctx));

it('times review', async () => {
  const times: number[] = [];
  let body: any;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    body = (await pmo.get('/review?quarter=2024Q3')).body;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.info(`${ctx.database.kind} review ${ITEMS} items + ${ITEMS * 3} updates: median ${times[2]!.toFixed(0)}ms max ${times[4]!.toFixed(0)}ms; itemsDue ${body.totals.itemsDue} rate ${body.totals.onTimeRate} compliance ${body.totals.updateComplianceRate} phrases ${JSON.stringify(body.problems.phrases.map((p: any) => [p.phrase, p.count]))}`);
}, 600_000);
