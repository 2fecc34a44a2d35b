import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database, Db } from './db/client.ts';
import type { Clock } from '../domain/clock.ts';
import { systemClock } from '../domain/clock.ts';
import { zodValidatorCompiler } from './plugins/validation.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { registerAuthentication } from './plugins/authenticate.ts';
import { apiRoutes } from './routes/index.ts';
import { createChangeFeed, type ChangeFeed } from './live/change-feed.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: Database;
    clock: Clock;
    settingsFromEnv: AppOptions;
    changeFeed: ChangeFeed;
  }
}

export type AppOptions = {
  database: Database;
  clock?: Clock;
  logger?: boolean | object;
  /** Mark cookies Secure and trust X-Forwarded-* (behind an HTTPS proxy). */
  trustProxy?: boolean;
  publicUrl?: string | undefined;
};

/** Builds the whole HTTP application without listening, so tests drive it through `inject`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    // Live (SSE) connections never end by themselves; close them on shutdown.
    forceCloseConnections: true,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', options.database.db);
  app.decorate('database', options.database);
  app.decorate('clock', options.clock ?? systemClock);
  app.decorate('settingsFromEnv', options);
  app.decorate('changeFeed', createChangeFeed(options.database));
  app.addHook('onClose', async () => app.changeFeed.close());

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
  return app;
}
