/**
 * The benchmark: seeded databases (built once under bench/.data, reused), `npm start`'s server measured
 * over real HTTP at 16 connections against the raw-SQL floor, on PostgreSQL 15 and PGlite, at several
 * scales. Writes bench/results/latest.json, latest.md and scaling.svg (full run) or quick.json/quick.md.
 *
 *   npm run bench           10 k, 100 k and 1 M action items, both back ends (≈30 minutes once seeded)
 *   npm run bench:quick     10 k items, both back ends, short runs (CI keeps the harness alive)
 *   node bench/run.ts --scales=100000 --backends=postgres --duration=5
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tunedSettings } from './postgres-cluster.ts';
import { scaleLabel } from './seed/plan.ts';
import { measureBackend, type Backend, type BackendResult } from './harness/measure.ts';
import { latestJson, latestMarkdown, scalingSvg } from './harness/report.ts';
import { buildWebApp } from './harness/server-process.ts';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k!, v ?? 'true'] as const;
  }),
);
const quick = args.get('quick') === 'true';
/** The CI smoke test (test/bench-harness.test.ts): the quick run with the shortest loads, one cold start. */
const smoke = args.get('smoke') === 'true';
const scales = (args.get('scales') ?? (quick || smoke ? '10000' : '10000,100000,1000000')).split(',').map(Number);
const backends = (args.get('backends') ?? 'postgres,pglite').split(',') as Backend[];
const durationMs = Number(args.get('duration') ?? (smoke ? 0.3 : quick ? 1 : 6)) * 1000;
const warmMs = Number(args.get('warm') ?? (smoke ? 0.1 : quick ? 0.3 : 1.5)) * 1000;
const coldStarts = smoke ? 1 : 3;
const pgliteMax = Number(args.get('pglite-max') ?? 1_000_000);
const resultsDir = args.get('out') ?? fileURLToPath(new URL('./results', import.meta.url));
const runsDir = path.join(resultsDir, quick || smoke ? 'quick-runs' : 'runs');
mkdirSync(runsDir, { recursive: true });

const log = (line: string) => process.stdout.write(`${line}\n`);
const notes: string[] = [];

buildWebApp();
const results: BackendResult[] = [];
for (const items of scales) {
  for (const backend of backends) {
    if (backend === 'pglite' && items > pgliteMax) {
      notes.push(`PGlite not measured at ${items.toLocaleString('en')} items (--pglite-max=${pgliteMax}).`);
      continue;
    }
    try {
      const result = await measureBackend(backend, items, { concurrency: 16, durationMs, warmMs, coldStarts, log });
      results.push(result);
      writeFileSync(path.join(runsDir, `${backend}-${scaleLabel(items)}.json`), `${JSON.stringify(result, null, 2)}\n`);
    } catch (error) {
      const message = `${backend} at ${items.toLocaleString('en')} items failed: ${(error as Error).message.split('\n')[0]}`;
      log(message);
      notes.push(message);
      if (quick || smoke) throw error;
    }
  }
}

// Earlier runs of other scales (kept in runs/) complete the curve when only some scales were measured now.
const byKey = new Map<string, BackendResult>();
for (const file of readdirSync(runsDir).filter((f) => f.endsWith('.json'))) {
  const earlier = JSON.parse(readFileSync(path.join(runsDir, file), 'utf8')) as BackendResult;
  byKey.set(`${earlier.backend}-${earlier.items}`, earlier);
}
for (const r of results) byKey.set(`${r.backend}-${r.items}`, r);
const all = [...byKey.values()];
const pgAll = all.filter((r) => r.backend === 'postgres').sort((a, b) => a.items - b.items);
const pg = pgAll.at(-1);
if (!pg) {
  log(`\nno PostgreSQL result: only ${runsDir} written`);
  process.exit(results.length ? 0 : 1);
}
const pglite = all.filter((r) => r.backend === 'pglite').sort((a, b) => a.items - b.items).filter((r) => r.items <= pg.items).at(-1);
if (pglite && pglite.items !== pg.items) notes.push(`PGlite measured up to ${pglite.items.toLocaleString('en')} items (PostgreSQL ${pg.items.toLocaleString('en')}); its ratio is shown only at equal scale.`);

const name = quick || smoke ? 'quick' : 'latest';
writeFileSync(path.join(resultsDir, `${name}.json`), `${JSON.stringify(latestJson(pg, pglite, tunedSettings, notes), null, 2)}\n`);
writeFileSync(path.join(resultsDir, `${name}.md`), latestMarkdown(pg, pglite, tunedSettings, notes, all));
if (!quick && !smoke) writeFileSync(path.join(resultsDir, 'scaling.svg'), scalingSvg(all));
log(`\nwrote ${path.join(resultsDir, `${name}.json`)}`);
