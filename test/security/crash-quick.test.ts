import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { backendName } from '../database.ts';
import { runCrashTrials } from './crash-trials.ts';

/**
 * One crash trial on the back end of the running project, so `npm test` keeps the kill -9 path alive;
 * `npm run test:security` runs more. On PostgreSQL it uses the test server (a database of its own).
 */
describe('crash safety (one SIGKILL trial)', () => {
  it('keeps every acknowledged write and leaves nothing half-written after the server is killed', async () => {
    const backend = backendName();
    const result = await runCrashTrials(
      backend === 'pglite' ? { backend: 'pglite', trials: 1, pgliteDump: inject('pgliteDump')! } : { backend: 'postgresql', trials: 1, databaseUrl: inject('databaseUrl')! },
    );
    expect(result.details.join('\n')).not.toMatch(/NOT CLEAN|could not run/);
    expect(result).toMatchObject({ total: 1, clean: 1 });
  }, 240_000);
});
