import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { firstStartMessage, migrateDatabase, runFirstStart } from './bootstrap/first-start.ts';
import { openDatabase, type Database } from './db/client.ts';
import { attachmentsDirOf, loadEnv, type Env } from './env.ts';
import { startWorker, type RunningWorker } from './jobs/worker.ts';
import { sendSettingsFromEnv } from './notifications/send-settings.ts';
import { askServer, controlSocketPath, startControlSocket } from './backup/control-socket.ts';
import { writeBackup } from './backup/write-backup.ts';

export type RunningServer = {
  app: FastifyInstance;
  database: Database;
  /** Where a browser reaches it: PUBLIC_URL when set, else the bound address (localhost for all interfaces). */
  url: string;
  /** Stops accepting requests, lets in-flight ones finish, then closes the database. */
  close(): Promise<void>;
};

export type StartOptions = {
  /** Exit on SIGINT/SIGTERM after a graceful close; off when the caller owns the process (tests). */
  handleSignals?: boolean;
  /** Where the listening line and the first-start box go. */
  print?: (text: string) => void;
  /** Run the background jobs (reminders, escalation, delivery) in this process too; on unless set false. */
  worker?: boolean;
};

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * The process around the app (STYLE.md: app.ts builds, server.ts listens): open and migrate the
 * database, make an empty one usable, listen, and shut down cleanly on a signal.
 */
export async function startServer(env: Env = loadEnv(), options: StartOptions = {}): Promise<RunningServer> {
  const print = options.print ?? ((text: string) => process.stdout.write(`${text}\n`));
  const notifications = await sendSettingsFromEnv(env, `http://localhost:${env.PORT}`);
  // PGlite allows one process per data folder: a second server there would corrupt it.
  const controlPath = env.DATABASE_URL ? null : controlSocketPath(env.DATA_DIR);
  if (controlPath && (await askServer(controlPath, { command: 'ping' }, 5_000).catch(() => null))) {
    throw new Error(`Another Liaison server is running on ${env.DATA_DIR}; stop it first (PGlite allows one process per data folder).`);
  }
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  let app: FastifyInstance | undefined;
  let worker: RunningWorker | undefined;
  let stopControl: (() => Promise<void>) | undefined;
  try {
    await migrateDatabase(database);
    const firstStart = await runFirstStart(database, { adminEmail: env.LIAISON_ADMIN_EMAIL, adminPassword: env.LIAISON_ADMIN_PASSWORD, demo: env.LIAISON_DEMO }, new Date());
    app = await buildApp({
      database,
      logger: { level: env.LOG_LEVEL },
      trustProxy: env.TRUST_PROXY,
      publicUrl: env.PUBLIC_URL,
      notifications,
      attachmentsDir: attachmentsDirOf(env),
    });
    await app.listen({ port: env.PORT, host: env.HOST });
    // `liaison backup` reaches the one process that may read a PGlite folder through this socket.
    const attachments = app.attachments;
    if (controlPath) stopControl = await startControlSocket(controlPath, { backup: (file) => writeBackup(database, attachments, file) });
    if (options.worker ?? true) worker = await startWorker({ database, send: notifications, logger: app.log });
    const url = env.PUBLIC_URL?.replace(/\/$/, '') ?? browserUrl(app.server.address() as AddressInfo);
    const running = { app, database, url, close: closeOnce(app, database, async () => { await stopControl?.(); await worker?.stop(); notifications.close(); }) };
    // Before announcing the server: whoever reads the line may signal at once, and without a handler
    // yet the signal would kill the process instead of closing it.
    if (options.handleSignals ?? true) exitOnSignals(running);
    app.log.info({ url, database: database.kind }, 'Liaison listening');
    // One write, so the login box never arrives apart from the line announcing the server.
    const message = firstStartMessage(firstStart, url);
    print([`Liaison listening on ${url}`, ...(message ? [message] : [])].join('\n'));
    return running;
  } catch (error) {
    await stopControl?.().catch(() => {});
    await worker?.stop().catch(() => {});
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    notifications.close();
    throw error;
  }
}

/** 0.0.0.0 and :: are not addresses a browser can open; loopback is what the operator means. */
function browserUrl(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

function closeOnce(app: FastifyInstance, database: Database, stopWorker: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () =>
    (closing ??= (async () => {
      await stopWorker();
      await app.close();
      await database.close();
    })());
}

/** First signal: finish in-flight requests, close the database, exit 0. A second signal: exit at once. */
function exitOnSignals(server: RunningServer): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      server.app.log.warn({ signal }, 'Second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    server.app.log.info({ signal }, 'Shutting down');
    const force = setTimeout(() => {
      server.app.log.error('Shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.log.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
