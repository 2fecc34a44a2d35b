import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../plugins/authenticate.ts';
import { findCollaborationWithFacts } from '../../db/queries/collaborations.ts';
import { canReadCollaboration } from '../../policies/collaboration.ts';
import type { ChangeEvent } from '../../live/change-event.ts';

const HEARTBEAT_MS = 25_000;
const VISIBILITY_TTL_MS = 10_000;
/** Changes to these concern one person's account and are nobody else's business. */
const PRIVATE_ENTITIES = new Set(['user', 'access_token', 'session']);

/**
 * GET /events: server-sent events of committed changes the caller may see (`event: change`, ids only).
 * Clients refetch through the API, which applies every permission again.
 */
export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/events', { schema: { tags: ['live'] } }, async (request, reply) => {
    const actor = requireActor(request);
    const visibility = new Map<string, { visible: boolean; until: number }>();

    const maySee = async (event: ChangeEvent): Promise<boolean> => {
      if (event.orgId !== actor.orgId) return false;
      if (!event.collaborationId) return !PRIVATE_ENTITIES.has(event.entityType) || event.entityId === actor.userId;
      const cached = visibility.get(event.collaborationId);
      const now = Date.now();
      if (cached && cached.until > now) return cached.visible;
      const found = await findCollaborationWithFacts(app.db, actor, event.collaborationId);
      const visible = Boolean(found && canReadCollaboration(actor, found.facts));
      visibility.set(event.collaborationId, { visible, until: now + VISIBILITY_TTL_MS });
      return visible;
    };

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\nevent: ready\ndata: {}\n\n');

    // Events are checked one after another so they reach the client in commit order.
    let queue = Promise.resolve();
    const unsubscribe = app.changeFeed.subscribe((event) => {
      queue = queue
        .then(async () => {
          if (!(await maySee(event))) return;
          const { orgId: _orgId, ...visible } = event;
          raw.write(`event: change\ndata: ${JSON.stringify(visible)}\n\n`);
        })
        .catch((error: unknown) => request.log.warn({ err: error }, 'live event dropped'));
    });
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
};
