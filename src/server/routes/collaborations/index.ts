import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, instantText, listQuery } from '../../../shared/schemas/common.ts';
import { collaborationsQuery, createCollaborationBody, patchCollaborationBody, remarkBody } from '../../../shared/schemas/collaboration.ts';
import { requireActor } from '../../plugins/authenticate.ts';
import { notFound } from '../../errors.ts';
import { findCollaborationWithFacts } from '../../db/queries/collaborations.ts';
import { loadCollaborationParts } from '../../db/queries/collaboration-detail.ts';
import { listCollaborations } from '../../db/queries/collaboration-list.ts';
import { collaborationHistory } from '../../db/queries/history.ts';
import { canReadCollaboration } from '../../policies/collaboration.ts';
import { presentCollaboration, presentCollaborationListItem } from '../../presenters/collaboration.ts';
import { presentHistoryEvent } from '../../presenters/history.ts';
import { formatInstant } from '../../presenters/instant.ts';
import { createCollaboration } from '../../commands/create-collaboration.ts';
import { updateCollaboration } from '../../commands/update-collaboration.ts';
import { addRemark } from '../../commands/add-remark.ts';
import { archiveCollaboration } from '../../commands/archive-collaboration.ts';
import { localDate } from '../../../domain/calendar-date.ts';
import { decodeCursor, page } from '../pagination.ts';
import { answerAfterWrite } from '../after-write.ts';
import type { Actor } from '../../auth/actor.ts';
import type { FastifyInstance } from 'fastify';

/** The collaboration as the caller may see it, or 404. */
async function readable(app: FastifyInstance, actor: Actor, id: string) {
  const found = await findCollaborationWithFacts(app.db, actor, id);
  if (!found || !canReadCollaboration(actor, found.facts)) throw notFound();
  return found;
}

async function present(app: FastifyInstance, actor: Actor, id: string) {
  const found = await readable(app, actor, id);
  const parts = await loadCollaborationParts(app.db, found.row, [found.row.initiatingDepartmentId, ...found.participatingDepartmentIds]);
  return presentCollaboration(actor, found, parts, app.clock.now());
}

export const collaborationRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['collaborations'];

  app.post('/collaborations', { schema: { tags, body: createCollaborationBody } }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await createCollaboration(app.db, actor, request.body, app.clock.now());
    return reply.status(201).send(await present(app, actor, row.id));
  });

  app.get('/collaborations', { schema: { tags, querystring: collaborationsQuery } }, async (request) => {
    const actor = requireActor(request);
    const { cursor, ...filters } = request.query;
    const after = decodeCursor(cursor, z.object({ createdAt: instantText, id: z.uuid() }));
    const rows = await listCollaborations(app.db, actor, { ...filters, after, today: localDate(app.clock.now(), actor.settings.timeZone) });
    const result = page(rows, filters.limit, (last) => ({ createdAt: last.created_at.toISOString(), id: last.id }));
    return { items: result.items.map((r) => presentCollaborationListItem(actor, r)), nextCursor: result.nextCursor };
  });

  app.get('/collaborations/:id', { schema: { tags, params: idParams } }, async (request) => {
    return present(app, requireActor(request), request.params.id);
  });

  app.patch('/collaborations/:id', { schema: { tags, params: idParams, body: patchCollaborationBody } }, async (request) => {
    const actor = requireActor(request);
    await updateCollaboration(app.db, actor, request.params.id, request.body, app.clock.now());
    return answerAfterWrite(request.params.id, () => present(app, actor, request.params.id));
  });

  app.post('/collaborations/:id/remarks', { schema: { tags, params: idParams, body: remarkBody } }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await addRemark(app.db, actor, request.params.id, request.body, app.clock.now());
    return reply.status(201).send({
      id: row.id,
      kind: row.kind,
      text: row.text,
      author: { id: actor.userId, name: actor.name },
      createdAt: formatInstant(row.createdAt, actor.settings.timeZone),
    });
  });

  app.get('/collaborations/:id/history', { schema: { tags, params: idParams, querystring: listQuery } }, async (request) => {
    const actor = requireActor(request);
    const found = await readable(app, actor, request.params.id);
    const after = decodeCursor(request.query.cursor, z.object({ at: instantText, id: z.uuid() }));
    const rows = await collaborationHistory(app.db, actor.orgId, found.row.id, request.query.limit, after);
    const result = page(rows, request.query.limit, (last) => ({ at: last.at.toISOString(), id: last.id }));
    return { items: result.items.map((r) => presentHistoryEvent(actor, r)), nextCursor: result.nextCursor };
  });

  app.post('/collaborations/:id/archive', { schema: { tags, params: idParams } }, async (request) => {
    const actor = requireActor(request);
    await archiveCollaboration(app.db, actor, request.params.id, app.clock.now());
    return present(app, actor, request.params.id);
  });
};
