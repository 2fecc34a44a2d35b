import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, count, desc, eq, isNull, lt, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import { notifications } from '../../db/schema/index.ts';
import { idParams, instantText } from '../../../shared/schemas/common.ts';
import { requireActor } from '../../plugins/authenticate.ts';
import { notFound } from '../../errors.ts';
import { formatInstant } from '../../presenters/instant.ts';
import { decodeCursor, page } from '../pagination.ts';

const notificationsQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** The bell: the caller's in-app notifications (outbox rows addressed to them), newest first. */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['notifications'];

  app.get('/notifications', { schema: { tags, querystring: notificationsQuery } }, async (request) => {
    const actor = requireActor(request);
    const { limit, cursor, unread } = request.query;
    const after = decodeCursor(cursor, z.object({ createdAt: instantText, id: z.uuid() }));
    // A reminder held to working hours shows from its delivery time, like every other channel.
    const mine = and(eq(notifications.recipientId, actor.userId), eq(notifications.channel, 'in_app'), lte(notifications.nextAttemptAt, app.clock.now()));
    const [rows, [unreadCount]] = await Promise.all([
      app.db
        .select()
        .from(notifications)
        .where(
          and(
            mine,
            unread === 'true' ? isNull(notifications.readAt) : undefined,
            after
              ? or(
                  lt(notifications.createdAt, new Date(after.createdAt)),
                  and(eq(notifications.createdAt, new Date(after.createdAt)), lt(notifications.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(limit + 1),
      app.db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt))),
    ]);
    const result = page(rows, limit, (last) => ({ createdAt: last.createdAt.toISOString(), id: last.id }));
    return {
      items: result.items.map((n) => ({
        id: n.id,
        event: n.event,
        entityType: n.entityType,
        entityId: n.entityId,
        collaborationId: n.collaborationId,
        payload: n.payload,
        read: n.readAt !== null,
        createdAt: formatInstant(n.createdAt, actor.settings.timeZone),
      })),
      nextCursor: result.nextCursor,
      unreadCount: unreadCount?.n ?? 0,
    };
  });

  app.post('/notifications/:id/read', { schema: { tags, params: idParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const [row] = await app.db
      .update(notifications)
      .set({ readAt: app.clock.now() })
      .where(and(eq(notifications.id, request.params.id), eq(notifications.recipientId, actor.userId)))
      .returning({ id: notifications.id });
    if (!row) throw notFound();
    return reply.status(204).send();
  });

  app.post('/notifications/read-all', { schema: { tags } }, async (request, reply) => {
    const actor = requireActor(request);
    await app.db
      .update(notifications)
      .set({ readAt: app.clock.now() })
      .where(and(eq(notifications.recipientId, actor.userId), isNull(notifications.readAt)));
    return reply.status(204).send();
  });
};
