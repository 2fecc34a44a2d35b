/**
 * p50/p99 of GET /api/v1/collaborations/:id over real HTTP, as a participating member (not an admin),
 * on PGlite (file-backed, as `npm start` runs it) and on a throwaway PostgreSQL server with default durability.
 * Usage: npm run bench:collaboration -- [pglite|postgres|both] [requests=1000] [collaborations=300]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { startThrowawayPostgres } from '../test/postgres-server.ts';
import { BENCH_PASSWORD, seedSmallOrganization } from './seed-small.ts';

const [which = 'both', requestsArg = '1000', collaborationsArg = '300'] = process.argv.slice(2);
const requests = Number(requestsArg);
const collaborationCount = Number(collaborationsArg);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(name: string, database: Database) {
  await database.migrate();
  const seedStart = performance.now();
  const { reader, target } = await seedSmallOrganization(database.db, collaborationCount);
  const seedMs = performance.now() - seedStart;
  const app = await buildApp({ database });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const login = await fetch(`${address}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: reader.email, password: BENCH_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const url = `${address}/api/v1/collaborations/${target}`;
    const get = async () => {
      const response = await fetch(url, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    for (let i = 0; i < 50; i++) await get();
    const times: number[] = [];
    for (let i = 0; i < requests; i++) {
      const start = performance.now();
      await get();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    console.log(
      `${name}: GET /collaborations/:id x${requests} (sequential, ${collaborationCount} collaborations seeded in ${(seedMs / 1000).toFixed(1)}s): ` +
        `p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms, mean ${mean.toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms`,
    );
  } finally {
    await app.close();
  }
}

if (which === 'pglite' || which === 'both') {
  const dir = mkdtempSync(path.join(tmpdir(), 'liaison-bench-'));
  const database = await openDatabase({ dataDir: path.join(dir, 'data') });
  try {
    await measure('pglite', database);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
if (which === 'postgres' || which === 'both') {
  const server = await startThrowawayPostgres({ durable: true, settings: ['shared_buffers=256MB'] });
  try {
    const database = await openDatabase({ url: await server.createDatabase('liaison_bench') });
    try {
      await measure('postgres', database);
    } finally {
      await database.close();
    }
  } finally {
    await server.stop();
  }
}
