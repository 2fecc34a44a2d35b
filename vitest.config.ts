import { defineConfig } from 'vitest/config';

/**
 * Five projects: `unit` runs the pure tests under src/ once; `pglite` and `postgres` run every
 * test under test/ against each back end. test/global-setup.ts prepares the database of each
 * (a migrated PGlite dump, or a throwaway PostgreSQL server) and test/database.ts opens it.
 * TZ is UTC everywhere so the domain rules are checked as the server runs them. `e2e` drives the
 * built web app in Chromium against one real server (e2e/global-setup.ts), one spec file at a time;
 * without Chromium it is skipped loudly, and in CI it fails instead. `e2e-postgres` runs the specs that
 * cross most of the app once more against a PostgreSQL server.
 */
const databaseTests = {
  include: ['test/**/*.test.ts'],
  globalSetup: ['test/global-setup.ts'],
};

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The machine has two cores; more workers only contend.
    maxWorkers: 2,
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts'], env: { TZ: 'UTC' } },
      },
      {
        extends: true,
        test: {
          ...databaseTests,
          name: 'pglite',
          env: { TZ: 'UTC', TEST_DB: 'pglite' },
          provide: { backend: 'pglite' },
        },
      },
      {
        extends: true,
        test: {
          ...databaseTests,
          name: 'postgres',
          env: { TZ: 'UTC', TEST_DB: 'postgres' },
          provide: { backend: 'postgres' },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The specs that cross most of the app, again against PostgreSQL (live events through LISTEN/NOTIFY),
        // after everything else so two browsers never share the two cores.
        extends: true,
        test: {
          name: 'e2e-postgres',
          include: ['e2e/template-walkthrough.spec.ts', 'e2e/demo-pages.spec.ts', 'e2e/search.spec.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
