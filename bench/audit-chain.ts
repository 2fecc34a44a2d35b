/**
 * What the audit hash chain costs writers: remarks added by concurrent writers, each on its own
 * collaboration of ONE organisation (the worst case: every commit takes that organisation's chain head),
 * with the chain trigger on and then off, on a durable throwaway PostgreSQL server and on file-backed PGlite.
 * Usage: node bench/audit-chain.ts [postgres|pglite|both] [writes=2000] [writers=8]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { loadActor } from '../src/server/auth/actor.ts';
import { addRemark } from '../src/server/commands/add-remark.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { verifyAuditChain } from '../src/server/audit/verify-chain.ts';
import { startThrowawayPostgres } from '../test/postgres-server.ts';
import { buildCollaboration, buildDepartment, buildOrganization, buildUser, setHead } from '../test/factories.ts';

const [which = 'both', writesArg = '2000', writersArg = '8'] = process.argv.slice(2);
const writes = Number(writesArg);
const writers = Number(writersArg);

async function round(database: Database, chain: boolean): Promise<{ perSecond: number; p50: number; p99: number }> {
  const db = database.db;
  await db.execute(sql.raw(`ALTER TABLE audit_events ${chain ? 'ENABLE' : 'DISABLE'} TRIGGER audit_events_chain`));
  const org = await buildOrganization(db);
  const market = await buildDepartment(db, org.id, { name: '市场部' });
  const rnd = await buildDepartment(db, org.id, { name: '研发部' });
  const head = await buildUser(db, org.id, { departmentIds: [market.id] });
  await setHead(db, market.id, head.id);
  const actor = (await loadActor(db, head.id, 'session'))!;
  const collaborations = await Promise.all(
    Array.from({ length: writers }, () => buildCollaboration(db, org.id, { creatorId: head.id, initiatingDepartmentId: market.id, participatingDepartmentIds: [rnd.id] })),
  );
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    collaborations.map(async (c) => {
      while (next < writes) {
        const i = next++;
        const t = performance.now();
        await addRemark(db, actor, c.id, { text: `基准备注 ${i}`, kind: 'remark' }, new Date());
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  if (chain) {
    const report = await verifyAuditChain(db, { orgId: org.id });
    if (report.breaks.length || report.events !== writes) throw new Error(`chain not intact: ${JSON.stringify(report.breaks)} ${report.events}`);
  }
  return { perSecond: writes / seconds, p50: times[Math.floor(times.length / 2)]!, p99: times[Math.ceil(times.length * 0.99) - 1]! };
}

async function measure(name: string, database: Database) {
  await database.migrate();
  await round(database, true); // warm-up
  const off = await round(database, false);
  const on = await round(database, true);
  const off2 = await round(database, false);
  const on2 = await round(database, true);
  const rate = (a: number, b: number) => (a + b) / 2;
  const withChain = rate(on.perSecond, on2.perSecond);
  const without = rate(off.perSecond, off2.perSecond);
  console.log(
    `${name}: ${writes} remarks by ${writers} concurrent writers in one organisation — chain on ${withChain.toFixed(0)}/s ` +
      `(p50 ${on2.p50.toFixed(1)} ms, p99 ${on2.p99.toFixed(1)} ms), chain off ${without.toFixed(0)}/s ` +
      `(p50 ${off2.p50.toFixed(1)} ms, p99 ${off2.p99.toFixed(1)} ms): ${(((without - withChain) / without) * 100).toFixed(1)} % fewer writes/s`,
  );
}

if (which === 'postgres' || which === 'both') {
  const server = await startThrowawayPostgres({ durable: true });
  try {
    const database = await openDatabase({ url: await server.createDatabase('liaison_bench_audit'), poolSize: writers + 2 });
    try {
      await measure('PostgreSQL', database);
    } finally {
      await database.close();
    }
  } finally {
    await server.stop();
  }
}
if (which === 'pglite' || which === 'both') {
  const dir = mkdtempSync(path.join(tmpdir(), 'liaison-bench-audit-'));
  try {
    const database = await openDatabase({ dataDir: path.join(dir, 'data') });
    try {
      await measure('PGlite', database);
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
