import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, desc, eq, inArray, isNotNull, isNull, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { channels, notifications, users } from '../../db/schema/index.ts';
import { idParams, instantText, listQuery } from '../../../shared/schemas/common.ts';
import { createChannelBody, createOrgChannelBody, deliveriesQuery, patchChannelBody } from '../../../shared/schemas/channels.ts';
import { requireActor } from '../../plugins/authenticate.ts';
import { notFound } from '../../errors.ts';
import { localeFrom } from '../../i18n/messages.ts';
import { assertAdmin } from '../../policies/organization.ts';
import { channelAbilities } from '../../policies/channel.ts';
import { findCollaborationWithFacts } from '../../db/queries/collaborations.ts';
import { listCollaborationChannels, listOrganizationChannels } from '../../db/queries/channels.ts';
import { loadChannel } from '../../commands/channel-access.ts';
import { createChannel } from '../../commands/create-channel.ts';
import { updateChannel } from '../../commands/update-channel.ts';
import { removeChannel } from '../../commands/remove-channel.ts';
import { testChannel } from '../../commands/test-channel.ts';
import { retryDelivery } from '../../commands/retry-delivery.ts';
import { presentChannel } from '../../presenters/channel.ts';
import { presentDelivery } from '../../presenters/delivery.ts';
import { decodeCursor, page } from '../pagination.ts';
import type { DbOrTx } from '../../db/client.ts';

const deliveryCursor = z.object({ createdAt: instantText, id: z.uuid() });

/**
 * Chat groups (robots and webhooks) of a collaboration and of the organisation, and the admins' view
 * of the outbox: dead deliveries with their error and a retry. URLs and secrets are write-only.
 */
export const channelRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['channels'];
  const security = () => ({ secretBox: app.notificationSettings.secretBox, allowPrivate: app.notificationSettings.allowPrivate });

  app.get('/collaborations/:id/channels', { schema: { tags, params: idParams } }, async (request) => {
    const actor = requireActor(request);
    const collaboration = await findCollaborationWithFacts(app.db, actor, request.params.id);
    const abilities = channelAbilities(actor, collaboration?.facts ?? null);
    if (!collaboration || !abilities.read) throw notFound();
    const rows = await listCollaborationChannels(app.db, actor.orgId, collaboration.row.id);
    return { items: rows.map((r) => presentChannel(r, app.notificationSettings.secretBox, actor.settings.timeZone, abilities)), nextCursor: null };
  });

  app.post('/collaborations/:id/channels', { schema: { tags, params: idParams, body: createChannelBody } }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await createChannel(app.db, actor, app.clock.now(), { collaborationId: request.params.id }, request.body, security());
    return reply.status(201).send(presentChannel(row, app.notificationSettings.secretBox, actor.settings.timeZone, { manage: true }));
  });

  app.get('/admin/channels', { schema: { tags } }, async (request) => {
    const actor = requireActor(request);
    assertAdmin(actor);
    const rows = await listOrganizationChannels(app.db, actor.orgId);
    return { items: rows.map((r) => presentChannel(r, app.notificationSettings.secretBox, actor.settings.timeZone, { manage: true })), nextCursor: null };
  });

  app.post('/admin/channels', { schema: { tags, body: createOrgChannelBody } }, async (request, reply) => {
    const actor = requireActor(request);
    assertAdmin(actor);
    const row = await createChannel(app.db, actor, app.clock.now(), { organization: true }, request.body, security());
    return reply.status(201).send(presentChannel(row, app.notificationSettings.secretBox, actor.settings.timeZone, { manage: true }));
  });

  app.get('/channels/:id', { schema: { tags, params: idParams } }, async (request) => {
    const actor = requireActor(request);
    const { channel, abilities } = await loadChannel(app.db, actor, request.params.id, false);
    return presentChannel(channel, app.notificationSettings.secretBox, actor.settings.timeZone, abilities);
  });

  app.patch('/channels/:id', { schema: { tags, params: idParams, body: patchChannelBody } }, async (request) => {
    const actor = requireActor(request);
    const row = await updateChannel(app.db, actor, app.clock.now(), request.params.id, request.body, security());
    return presentChannel(row, app.notificationSettings.secretBox, actor.settings.timeZone, { manage: true });
  });

  app.delete('/channels/:id', { schema: { tags, params: idParams } }, async (request, reply) => {
    const actor = requireActor(request);
    await removeChannel(app.db, actor, app.clock.now(), request.params.id);
    return reply.status(204).send();
  });

  app.post('/channels/:id/test', { schema: { tags, params: idParams } }, async (request) => {
    const actor = requireActor(request);
    const result = await testChannel(app.db, actor, app.clock.now(), request.params.id, localeFrom(request.headers['accept-language']), app.notificationSettings);
    return { delivered: result.ok, error: result.ok ? null : result.error };
  });

  /** The channel's recent deliveries, for whoever manages it: is the robot receiving? */
  app.get('/channels/:id/deliveries', { schema: { tags, params: idParams, querystring: listQuery } }, async (request) => {
    const actor = requireActor(request);
    const { channel, abilities } = await loadChannel(app.db, actor, request.params.id, false);
    if (!abilities.manage) throw notFound();
    const { limit, cursor } = request.query;
    return listDeliveries(app.db, actor.orgId, actor.settings.timeZone, eq(notifications.channelId, channel.id), limit, cursor);
  });

  app.get('/admin/deliveries', { schema: { tags, querystring: deliveriesQuery } }, async (request) => {
    const actor = requireActor(request);
    assertAdmin(actor);
    const { status, channelId, limit, cursor } = request.query;
    const byStatus =
      status === 'delivered'
        ? isNotNull(notifications.deliveredAt)
        : status === 'dead'
          ? and(isNull(notifications.deliveredAt), isNotNull(notifications.deadAt))
          : and(isNull(notifications.deliveredAt), isNull(notifications.deadAt));
    const filter = and(byStatus, channelId ? eq(notifications.channelId, channelId) : undefined);
    return listDeliveries(app.db, actor.orgId, actor.settings.timeZone, filter, limit, cursor);
  });

  app.post('/admin/deliveries/:id/retry', { schema: { tags, params: idParams } }, async (request) => {
    const actor = requireActor(request);
    const row = await retryDelivery(app.db, actor, app.clock.now(), request.params.id);
    const names = await deliveryNames(app.db, [row]);
    return presentDelivery(row, names(row), actor.settings.timeZone);
  });
};

async function listDeliveries(db: DbOrTx, orgId: string, timeZone: string, filter: SQL | undefined, limit: number, cursor: string | undefined) {
  const after = decodeCursor(cursor, deliveryCursor);
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.orgId, orgId),
        filter,
        after
          ? or(
              lt(notifications.createdAt, new Date(after.createdAt)),
              and(eq(notifications.createdAt, new Date(after.createdAt)), lt(notifications.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const result = page(rows, limit, (last) => ({ createdAt: last.createdAt.toISOString(), id: last.id }));
  const names = await deliveryNames(db, result.items);
  return { items: result.items.map((r) => presentDelivery(r, names(r), timeZone)), nextCursor: result.nextCursor };
}

async function deliveryNames(db: DbOrTx, rows: (typeof notifications.$inferSelect)[]) {
  const userIds = [...new Set(rows.map((r) => r.recipientId).filter((id): id is string => Boolean(id)))];
  const channelIds = [...new Set(rows.map((r) => r.channelId).filter((id): id is string => Boolean(id)))];
  const people = userIds.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)) : [];
  const groups = channelIds.length ? await db.select({ id: channels.id, name: channels.name }).from(channels).where(inArray(channels.id, channelIds)) : [];
  const personName = new Map(people.map((p) => [p.id, p.name]));
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  return (row: typeof notifications.$inferSelect) => ({
    recipientName: row.recipientId ? (personName.get(row.recipientId) ?? null) : null,
    channelName: row.channelId ? (groupName.get(row.channelId) ?? null) : null,
  });
}
