import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database, Db } from './db/client.ts';
import type { Clock } from '../domain/clock.ts';
import { systemClock } from '../domain/clock.ts';
import { zodValidatorCompiler } from './plugins/validation.ts';
import { frameworkErrors, registerErrorHandler } from './plugins/error-handler.ts';
import { registerAuthentication } from './plugins/authenticate.ts';
import { apiRoutes } from './routes/index.ts';
import { createChangeFeed, type ChangeFeed } from './live/change-feed.ts';
import { randomBytes } from 'node:crypto';
import { createSecretBox } from './notifications/channels/secret-box.ts';
import type { SendSettings } from './notifications/deliver.ts';
import { tmpdir } from 'node:os';
import { attachmentStorage, type AttachmentStorage } from './attachments/storage.ts';
import { DEFAULT_UPLOAD_MAX_BYTES } from './attachments/file-types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: Database;
    clock: Clock;
    settingsFromEnv: AppOptions;
    changeFeed: ChangeFeed;
    /** How chat groups are sealed, checked and sent to (channel routes, test messages). */
    notificationSettings: SendSettings;
    /** Where attachment files live (content-addressed); the export zip reads them from here too. */
    attachments: AttachmentStorage;
  }
}

export type AppOptions = {
  database: Database;
  clock?: Clock;
  logger?: boolean | object;
  /** Mark cookies Secure and trust X-Forwarded-* (behind an HTTPS proxy). */
  trustProxy?: boolean;
  publicUrl?: string | undefined;
  /** Folder of the built web app served at `/`; false serves the API only. Defaults to dist/web when it has been built. */
  webRoot?: string | false;
  /**
   * Sealing key, SSRF switch and mail server for chat groups and notifications (server.ts builds them
   * from the environment). Without it — tests — a throwaway key and no private targets.
   */
  notifications?: SendSettings;
  /** Largest accepted upload (attachments, imports); 20 MB unless set. */
  uploadMaxBytes?: number;
  /**
   * Folder of attachment files (server.ts: ATTACHMENTS_DIR, else DATA_DIR/attachments). Without it — tests —
   * a temporary folder removed when the app closes.
   */
  attachmentsDir?: string;
};

/** Where `npm run build` (vite.config.ts) puts the web app. */
export const defaultWebRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Builds the whole HTTP application without listening, so tests drive it through `inject`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    // Live (SSE) connections never end by themselves; close them on shutdown.
    forceCloseConnections: true,
    ajv: undefined,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', options.database.db);
  app.decorate('database', options.database);
  app.decorate('clock', options.clock ?? systemClock);
  app.decorate('settingsFromEnv', options);
  app.decorate('changeFeed', createChangeFeed(options.database));
  app.decorate(
    'notificationSettings',
    options.notifications ?? { publicUrl: options.publicUrl ?? 'http://localhost:3000', allowPrivate: false, secretBox: createSecretBox(randomBytes(32)) },
  );
  app.addHook('onClose', async () => app.changeFeed.close());
  const attachmentsDir = options.attachmentsDir ?? mkdtempSync(path.join(tmpdir(), 'liaison-attachments-'));
  app.decorate('attachments', attachmentStorage(attachmentsDir));
  if (!options.attachmentsDir) app.addHook('onClose', async () => rmSync(attachmentsDir, { recursive: true, force: true }));

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Only behind an HTTPS proxy; on plain http://localhost it would break every request.
        upgradeInsecureRequests: options.trustProxy ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: options.trustProxy ? { maxAge: 31536000, includeSubDomains: true } : false,
  });
  await app.register(cookie);
  // Uploads (attachments, template imports) are read as one file part per request; routes check type and size.
  await app.register(multipart, { limits: { files: 1, fields: 10, fileSize: options.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Liaison API', version: '1.0.0', description: 'Cross-department collaboration records (跨部门协作沟通记录).' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'liaison_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  registerErrorHandler(app);
  registerAuthentication(app);

  await app.register(apiRoutes, { prefix: '/api/v1' });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await registerWebApp(app, options.webRoot ?? defaultWebRoot);
  return app;
}

/** A year: Vite names every asset by its content hash, so a changed file is a new URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built single-page app: files of the build (hashed assets cached for good), and
 * index.html (never cached, so a deploy is picked up at once) for any other page a browser asks for —
 * the routes of the web app are shareable links. API paths and non-HTML requests keep the API's JSON
 * 404. Files are looked up on each request, so a rebuild while the server runs is served at once.
 * Without a build, the server answers the API alone.
 */
async function registerWebApp(app: FastifyInstance, root: string | false): Promise<void> {
  if (root === false || !existsSync(path.join(root, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root,
    serve: false,
    index: false,
    dotfiles: 'ignore',
    // The build writes .br and .gz beside each file (vite.config.ts); sent to browsers that accept them.
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, filePath) {
      const hashed = filePath.startsWith(path.join(root, 'assets') + path.sep);
      reply.header('cache-control', hashed ? IMMUTABLE : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const pathname = request.url.split('?')[0]!;
    if (pathname === '/api' || pathname.startsWith('/api/')) return reply.callNotFound();
    // A file of the build (favicon.svg, assets/index-3f2a.js); a missing one is the API's 404.
    if (/\.[A-Za-z0-9]+$/.test(pathname)) return reply.sendFile(pathname.slice(1));
    if (!(request.headers.accept ?? '').includes('text/html')) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}
