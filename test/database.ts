import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openDatabase } from '../src/server/db/client.ts';
import type { Database } from '../src/server/db/client.ts';

export type Backend = 'pglite' | 'postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Which back end this project runs on; set per project in vitest.config.ts. */
    backend: Backend;
    /** pglite: file holding a dump of a freshly migrated database (test/global-setup.ts). */
    pgliteDump?: string;
    /** postgres: URL of the migrated test database on the throwaway server (test/global-setup.ts). */
    databaseUrl?: string;
  }
}

/** The back end of the running project, for the rare test whose expectation differs by back end. */
export function backendName(): Backend {
  const backend = inject('backend');
  if (backend !== 'pglite' && backend !== 'postgres') {
    throw new Error('No test back end: run database tests through a vitest project (pglite or postgres)');
  }
  return backend;
}

/**
 * A migrated database for one test file; call in beforeAll and close in afterAll.
 * PGlite starts each file from the migrated dump, so files never see each other's rows.
 * PostgreSQL files share one database: isolate by creating your own organisation
 * (every table has org_id) and unique emails (users_email_unique spans organisations).
 */
export async function openTestDatabase(): Promise<Database> {
  if (backendName() === 'pglite') {
    const dump = inject('pgliteDump');
    if (!dump) throw new Error('pgliteDump was not provided: test/global-setup.ts did not run');
    return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(dump)]) });
  }
  const url = inject('databaseUrl');
  if (!url) throw new Error('databaseUrl was not provided: test/global-setup.ts did not run');
  return openDatabase({ url, poolSize: 4 });
}
