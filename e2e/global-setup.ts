import type { TestProject } from 'vitest/node';
import { buildWebIfStale } from '../scripts/build-web.ts';
import { browserUnavailableReason } from './browser.ts';
import { startE2eServer } from './server.ts';
import type { SeededDemo } from '../src/server/demo/seed-demo.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the e2e server listens; absent when the browser specs are skipped. */
    e2eUrl?: string;
    e2eDemo?: SeededDemo;
    /** Why the browser specs are skipped, when they are. */
    e2eSkipReason?: string;
  }
}

function loudly(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length));
  const rule = '!'.repeat(width + 4);
  process.stderr.write(`\n${rule}\n${lines.map((l) => `! ${l.padEnd(width)} !`).join('\n')}\n${rule}\n\n`);
}

/**
 * Once for each e2e project (e2e on PGlite, e2e-postgres on a PostgreSQL server of its own): build the web app if its sources changed, then start one real server with
 * the demo organisation for every spec. Without Chromium the specs are skipped — loudly — except in
 * CI, where a missing browser fails the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const reason = browserUnavailableReason();
  if (reason) {
    if (process.env.CI) throw new Error(`Browser specs cannot run in CI: ${reason}`);
    const notice = [`BROWSER SPECS SKIPPED: ${reason}.`, 'The web app is NOT tested end to end in this run.', 'CI=true makes this an error.'];
    loudly(notice);
    project.provide('e2eSkipReason', reason);
    // Again at the end, where the summary is read.
    return async () => loudly(notice);
  }
  await buildWebIfStale();
  const server = await startE2eServer(project.name === 'e2e-postgres' ? 'postgres' : 'pglite');
  project.provide('e2eUrl', server.url);
  project.provide('e2eDemo', server.demo);
  return () => server.close();
}
