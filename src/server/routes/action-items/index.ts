import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarDateSchema, idParams, idSchema, instantText, listQuery } from '../../../shared/schemas/common.ts';
import { actionItemsQuery, createActionItemBody, patchActionItemBody, progressUpdateBody, reopenBody } from '../../../shared/schemas/action-item.ts';
import { localDate } from '../../../domain/calendar-date.ts';
import { invalidField, notFound } from '../../errors.ts';
import { requireActor } from '../../plugins/authenticate.ts';
import { findVisibleActionItem, listActionItems, listProgressUpdates } from '../../db/queries/action-items.ts';
import { createActionItem } from '../../commands/create-action-item.ts';
import { updateActionItem } from '../../commands/update-action-item.ts';
import { postProgressUpdate } from '../../commands/post-progress-update.ts';
import { acceptActionItem } from '../../commands/accept-action-item.ts';
import { reopenActionItem } from '../../commands/reopen-action-item.ts';
import { presentActionItem, presentProgressUpdate } from '../../presenters/action-item.ts';
import { decodeCursor, page } from '../pagination.ts';

const tags = ['action-items'];
const itemCursor = z.object({ dueDate: calendarDateSchema, id: z.uuid() });
const updateCursor = z.object({ createdAt: instantText, id: z.uuid() });

/** ownerId=me stands for the caller, so "my items" needs no lookup of one's own id. */
function ownerFilter(ownerId: string | undefined, me: string): string | undefined {
  if (ownerId === undefined) return undefined;
  if (ownerId === 'me') return me;
  if (!idSchema.safeParse(ownerId).success) throw invalidField('ownerId', 'field.invalidUuid');
  return ownerId;
}

/** Action items (行动项) and their progress timelines: create, list, read, edit, report progress, accept, reopen. */
export const actionItemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/collaborations/:id/action-items',
    { schema: { tags, summary: 'Record an action item with its four elements', params: idParams, body: createActionItemBody } },
    async (request, reply) => {
      const actor = requireActor(request);
      const now = app.clock.now();
      const record = await createActionItem(app.db, actor, request.params.id, request.body, now);
      return reply.status(201).send(presentActionItem(record, actor, now));
    },
  );

  app.get(
    '/action-items',
    {
      schema: {
        tags,
        summary: 'Action items of the collaborations the caller may read',
        description:
          'Ordered by due date. `ownerId=me` is the caller; `status=open` is todo, in_progress or blocked; `overdue=true` is open and due before ' +
          "today in the organisation's time zone; `dueBefore` and `dueAfter` are inclusive; `q` matches description or deliverable.",
        querystring: actionItemsQuery,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const query = request.query;
      const now = app.clock.now();
      const rows = await listActionItems(app.db, actor, {
        ownerId: ownerFilter(query.ownerId, actor.userId),
        collaborationId: query.collaborationId,
        meetingId: query.meetingId,
        status: query.status,
        overdue: query.overdue,
        dueBefore: query.dueBefore,
        dueAfter: query.dueAfter,
        q: query.q || undefined,
        today: localDate(now, actor.settings.timeZone),
        after: decodeCursor(query.cursor, itemCursor),
        limit: query.limit,
      });
      const result = page(rows, query.limit, (last) => ({ dueDate: last.item.dueDate, id: last.item.id }));
      return { items: result.items.map((r) => presentActionItem(r, actor, now)), nextCursor: result.nextCursor };
    },
  );

  app.get('/action-items/:id', { schema: { tags, params: idParams } }, async (request) => {
    const actor = requireActor(request);
    const record = await findVisibleActionItem(app.db, actor, request.params.id);
    if (!record) throw notFound();
    return presentActionItem(record, actor, app.clock.now());
  });

  app.patch(
    '/action-items/:id',
    { schema: { tags, summary: 'Edit an item (not its due date: post an update with newDueDate and delayReason)', params: idParams, body: patchActionItemBody } },
    async (request) => {
      const actor = requireActor(request);
      const now = app.clock.now();
      const record = await updateActionItem(app.db, actor, request.params.id, request.body, now);
      return presentActionItem(record, actor, now);
    },
  );

  app.post(
    '/action-items/:id/updates',
    { schema: { tags, summary: 'Report progress; 100 marks it done; a new due date needs a delay reason', params: idParams, body: progressUpdateBody } },
    async (request, reply) => {
      const actor = requireActor(request);
      const now = app.clock.now();
      const { update, record } = await postProgressUpdate(app.db, actor, request.params.id, request.body, now);
      return reply.status(201).send({ update: presentProgressUpdate(update, actor.name, record.item, actor), item: presentActionItem(record, actor, now) });
    },
  );

  app.get(
    '/action-items/:id/updates',
    { schema: { tags, summary: 'The progress timeline of an item, oldest first', params: idParams, querystring: listQuery } },
    async (request) => {
      const actor = requireActor(request);
      const record = await findVisibleActionItem(app.db, actor, request.params.id);
      if (!record) throw notFound();
      const { limit, cursor } = request.query;
      const rows = await listProgressUpdates(app.db, record.item.id, { after: decodeCursor(cursor, updateCursor), limit });
      const result = page(rows, limit, (last) => ({ createdAt: last.update.createdAt.toISOString(), id: last.update.id }));
      return { items: result.items.map((r) => presentProgressUpdate(r.update, r.authorName, record.item, actor)), nextCursor: result.nextCursor };
    },
  );

  app.post('/action-items/:id/accept', { schema: { tags, summary: 'The initiating side accepts a done item', params: idParams } }, async (request) => {
    const actor = requireActor(request);
    const now = app.clock.now();
    return presentActionItem(await acceptActionItem(app.db, actor, request.params.id, now), actor, now);
  });

  app.post(
    '/action-items/:id/reopen',
    { schema: { tags, summary: 'The initiating side sends a done or cancelled item back, with a reason', params: idParams, body: reopenBody } },
    async (request) => {
      const actor = requireActor(request);
      const now = app.clock.now();
      return presentActionItem(await reopenActionItem(app.db, actor, request.params.id, request.body.reason, now), actor, now);
    },
  );
};
