/**
 * `npm run test:security`: the permission matrix, the fuzzing and the crash trials, on PGlite and on a
 * throwaway PostgreSQL server, ending with the one line issue 7 asks for:
 *
 *   security: matrix N cases, 0 leaks; fuzz N requests, 0 5xx, 0 partial writes; crash K/K clean
 *
 * Exit code 1 when anything leaked, answered 5xx, wrote partially, or a crash trial was not clean, and
 * also when an answer differs from the table, the table misses a served route, or an error body is not
 * in the documented shape. Settings: FUZZ_RUNS (10,000 per back end), CRASH_TRIALS (5 per back end),
 * SECURITY_BACKENDS (`pglite,postgresql`), MATRIX_SAMPLE (all cases unless set), FUZZ_SEED.
 */
import { startThrowawayPostgres } from '../postgres-server.ts';
import { runMatrix, type MatrixResult } from './matrix-walk.ts';
import { runFuzz, type FuzzResult } from './fuzz.ts';
import { openSecurityApp } from './security-app.ts';
import { runCrashTrials } from './crash-trials.ts';

type Backend = 'pglite' | 'postgresql';

const fuzzRuns = Number(process.env.FUZZ_RUNS ?? 10_000);
const crashTrials = Number(process.env.CRASH_TRIALS ?? 5);
const matrixSample = process.env.MATRIX_SAMPLE ? Number(process.env.MATRIX_SAMPLE) : undefined;
const backends = (process.env.SECURITY_BACKENDS ?? 'pglite,postgresql').split(',').map((b) => b.trim()) as Backend[];
const log = (line: string) => process.stdout.write(`${line}\n`);

const totals = { cases: 0, leaks: 0, mismatches: 0, tableProblems: 0, requests: 0, serverErrors: 0, partialWrites: 0, badErrors: 0, crashTotal: 0, crashClean: 0 };

function reportMatrix(backend: Backend, r: MatrixResult, ms: number) {
  totals.cases += r.cases;
  totals.leaks += r.leaks.length;
  totals.mismatches += r.mismatches.length;
  totals.tableProblems += r.tableProblems.length;
  log(`[${backend}] matrix: ${r.cases} cases in ${(ms / 1000).toFixed(1)} s — ${r.leaks.length} leaks, ${r.mismatches.length} answers unlike the table; ${r.liveEvents} live events, ${r.notificationsChecked} outbox rows, ${r.auditEventsChecked} audit rows scanned`);
  const slowest = [...r.rowMs].sort((a, b) => b[1] - a[1]).slice(0, 5);
  log(`[${backend}] matrix: slowest rows: ${slowest.map(([row, ms]) => `${row} ${(ms / 1000).toFixed(1)} s`).join('; ')}`);
  if (r.skipped.length) log(`[${backend}] matrix: not served yet, skipped: ${r.skipped.join('; ')}`);
  for (const p of r.tableProblems) log(`[${backend}] TABLE: ${p}`);
  for (const f of r.leaks) log(`[${backend}] LEAK: ${f.actor} · ${f.route} · ${f.state} · ${f.detail}`);
  for (const f of r.mismatches) log(`[${backend}] UNLIKE THE TABLE: ${f.actor} · ${f.route} · ${f.state} · ${f.detail}`);
}

function reportFuzz(backend: Backend, r: FuzzResult) {
  totals.requests += r.requests;
  totals.serverErrors += r.serverErrors.length;
  totals.partialWrites += r.partialWrites.length;
  totals.badErrors += r.badErrors.length;
  log(`[${backend}] fuzz: ${r.requests} requests in ${(r.ms / 1000).toFixed(1)} s (${Object.entries(r.statuses).map(([k, v]) => `${k} ${v}`).join(', ')}; ${r.digests} table digests) — ${r.serverErrors.length} 5xx, ${r.partialWrites.length} partial writes, ${r.badErrors.length} bad error bodies`);
  for (const f of r.serverErrors.slice(0, 20)) log(`[${backend}] 5XX: ${f.request} → ${f.detail}`);
  for (const f of r.partialWrites.slice(0, 20)) log(`[${backend}] PARTIAL WRITE: ${f.request} → ${f.detail}`);
  for (const f of r.badErrors.slice(0, 20)) log(`[${backend}] BAD ERROR BODY: ${f.request} → ${f.detail}`);
}

async function runOn(backend: Backend) {
  let server: Awaited<ReturnType<typeof startThrowawayPostgres>> | undefined;
  const database = async (name: string) => (server ? server.createDatabase(name) : undefined);
  try {
    if (backend === 'postgresql') server = await startThrowawayPostgres();

    const matrixApp = await openSecurityApp(await database('security_matrix'));
    const started = Date.now();
    try {
      reportMatrix(backend, await runMatrix({ app: matrixApp.app, base: matrixApp.base, ...(matrixSample ? { sample: matrixSample } : {}), log: (l) => log(`[${backend}] ${l}`) }), Date.now() - started);
    } finally {
      await matrixApp.close();
    }

    const fuzzApp = await openSecurityApp(await database('security_fuzz'));
    try {
      reportFuzz(backend, await runFuzz({ app: fuzzApp.app, runs: fuzzRuns, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}), log: (l) => log(`[${backend}] ${l}`) }));
    } finally {
      await fuzzApp.close();
    }

    // The crash trials run the real server as a child process on data of their own (a durable PostgreSQL server of their own).
    const crash = await runCrashTrials({ backend, trials: crashTrials });
    totals.crashTotal += crash.total;
    totals.crashClean += crash.clean;
    log(`[${backend}] crash: ${crash.clean}/${crash.total} clean`);
    for (const line of crash.details) log(`[${backend}] crash: ${line}`);
  } finally {
    await server?.stop();
  }
}

const started = Date.now();
for (const backend of backends) await runOn(backend);
log(`security: ${((Date.now() - started) / 1000).toFixed(0)} s in all; ${totals.mismatches} answers unlike the table, ${totals.tableProblems} table problems, ${totals.badErrors} bad error bodies`);
log(
  `security: matrix ${totals.cases} cases, ${totals.leaks} leaks; fuzz ${totals.requests} requests, ${totals.serverErrors} 5xx, ${totals.partialWrites} partial writes; crash ${totals.crashClean}/${totals.crashTotal} clean`,
);
const failed =
  totals.leaks + totals.mismatches + totals.tableProblems + totals.serverErrors + totals.partialWrites + totals.badErrors > 0 ||
  (crashTrials > 0 && totals.crashTotal === 0) ||
  totals.crashClean !== totals.crashTotal;
process.exit(failed ? 1 : 0);
