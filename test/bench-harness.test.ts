import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { backendName } from './database.ts';
import type { BackendResult } from '../bench/harness/measure.ts';

const run = promisify(execFile);

/**
 * Keeps the benchmark harness alive in CI (`npm run bench:quick` is the same run with longer loads): seeds
 * 10,000 action items on this project's back end, serves them with `npm start`'s server, loads every route
 * and its floor briefly. Asserts the shape of the results and that every answer was right — never a time.
 */
// On PostgreSQL only: the harness is the same code on both back ends, and seeding PGlite alone takes
// minutes of CI's 15 (`npm run bench:quick` runs both).
describe.skipIf(backendName() !== 'postgres')('benchmark harness', () => {
  it('measures every route and its floor at 10,000 items', { timeout: 600_000 }, async () => {
    const backend = backendName();
    const out = mkdtempSync(path.join(tmpdir(), 'liaison-bench-'));
    try {
      await run(process.execPath, ['bench/run.ts', '--smoke', `--backends=${backend}`, `--out=${out}`], { cwd: path.resolve(import.meta.dirname, '..'), maxBuffer: 64 * 1024 * 1024 });
      const result = JSON.parse(readFileSync(path.join(out, 'quick-runs', `${backend}-10k.json`), 'utf8')) as BackendResult;
      expect(result).toMatchObject({ backend, items: 10_000 });
      expect(result.coldStartMs).toBeGreaterThan(0);
      const routes = Object.entries(result.routes);
      expect(routes.length).toBeGreaterThanOrEqual(17);
      for (const [name, route] of routes) {
        expect({ name, errors: route.errors, firstError: route.firstError ?? null }).toEqual({ name, errors: 0, firstError: null });
        expect(route.count, name).toBeGreaterThan(0);
        if (route.kind !== 'sweep' && route.kind !== 'write') expect(route.floorP99Ms, name).toBeGreaterThan(0);
        if (route.floorMatches !== undefined) expect({ name, floorMatches: route.floorMatches }).toEqual({ name, floorMatches: true });
      }
      if (backend === 'postgres') {
        const latest = JSON.parse(readFileSync(path.join(out, 'quick.json'), 'utf8'));
        expect(latest).toMatchObject({ backend: 'postgresql', scale: { actionItems: 10_000 } });
        expect(Object.keys(latest.routes)).toEqual(routes.map(([name]) => name));
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
