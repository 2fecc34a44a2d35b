import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, closeTestApp, type TestContext } from '../app.ts';
import { runFuzz } from './fuzz.ts';
import { runMatrix } from './matrix-walk.ts';
import { securityAppOptions } from './security-app.ts';
import { NOW } from './world.ts';

/**
 * The quick slice of `npm run test:security` that `npm test` runs on both back ends, so the permission
 * matrix and the fuzzing stay alive in CI: about 150 cells of the table spread over all its rows, states
 * and principals, and 300 fuzzed requests.
 */
let ctx: TestContext;
let base: string;

beforeAll(async () => {
  ctx = await buildTestApp(NOW, securityAppOptions());
  base = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => closeTestApp(ctx));

const show = (findings: { actor?: string; route?: string; state?: string; request?: string; detail: string }[]) =>
  findings.map((f) => [f.actor, f.route, f.state, f.request, f.detail].filter(Boolean).join(' · '));

describe('security, quick slice', () => {
  it('walks ~150 cells of the permission matrix: no leak, every answer as the table says, every served route in the table', async () => {
    const result = await runMatrix({ app: ctx.app, base, sample: 150 });
    expect(result.tableProblems).toEqual([]);
    expect(show(result.leaks)).toEqual([]);
    expect(show(result.mismatches)).toEqual([]);
    expect(result.cases).toBe(150);
  }, 120_000);

  it('fuzzes 300 requests: no 5xx, no partial write, every refusal in the documented error shape', async () => {
    // The PostgreSQL test database is shared with the files running beside this one: digest our organisations only.
    const result = await runFuzz({ app: ctx.app, runs: 300, seed: Number(process.env.FUZZ_SEED ?? 20240708), digestScope: 'organisations' });
    expect(show(result.serverErrors)).toEqual([]);
    expect(show(result.partialWrites)).toEqual([]);
    expect(show(result.badErrors)).toEqual([]);
    expect(result.requests).toBe(300);
  }, 120_000);
});
