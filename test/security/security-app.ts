import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createSecretBox } from '../../src/server/notifications/channels/secret-box.ts';
import { NOW } from './world.ts';

export type SecurityApp = { app: FastifyInstance; database: Database; base: string; close(): Promise<void> };

/**
 * The settings the security suite runs the app with: the matrix's fixed clock, and chat groups allowed
 * on loopback (the fixture groups point at a local sink; the SSRF guard has its own tests).
 */
export const securityAppOptions = () => ({
  notifications: { publicUrl: 'https://liaison.example.com', allowPrivate: true, secretBox: createSecretBox(randomBytes(32)) },
  webRoot: false as const,
});

/**
 * The app on a database of its own, listening on a loopback port (live events need a real connection),
 * outside vitest: a migrated in-memory PGlite, or a database at `databaseUrl` that is migrated here.
 */
export async function openSecurityApp(databaseUrl?: string): Promise<SecurityApp> {
  const database = databaseUrl ? await openDatabase({ url: databaseUrl, poolSize: 4 }) : await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  const app = await buildApp({ ...securityAppOptions(), database, clock: fixedClock(NOW) });
  await app.ready();
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    database,
    base,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
