import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Actor } from '../../auth/actor.ts';
import { idParams, instantText } from '../../../shared/schemas/common.ts';
import { createMeetingBody, createTopicBody, heldBody, meetingsQuery, patchMeetingBody, patchTopicBody } from '../../../shared/schemas/meeting.ts';
import { z } from 'zod';
import { listMeetings } from '../../db/queries/meeting-list.ts';
import { presentMeetingListItem } from '../../presenters/meeting-list-item.ts';
import { decodeCursor, page } from '../pagination.ts';
import { answerAfterWrite } from '../after-write.ts';
import { findMeetingContext, findTopic, loadMeetingDetail, topicWithFeedback } from '../../db/queries/meetings.ts';
import { notFound } from '../../errors.ts';
import { localeFrom, translate } from '../../i18n/messages.ts';
import { requireActor } from '../../plugins/authenticate.ts';
import { canReadMeeting } from '../../policies/meeting.ts';
import { meetingWarnings, presentMeeting, presentTopic } from '../../presenters/meeting.ts';
import { meetingInviteIcs } from '../../exports/ics.ts';
import { createMeeting } from '../../commands/create-meeting.ts';
import { updateMeeting } from '../../commands/update-meeting.ts';
import { sendAgenda } from '../../commands/send-agenda.ts';
import { markMeetingHeld } from '../../commands/mark-meeting-held.ts';
import { publishMeeting } from '../../commands/publish-meeting.ts';
import { createTopic, updateTopic } from '../../commands/save-topic.ts';
import { deleteTopic } from '../../commands/delete-topic.ts';

const locale = (request: FastifyRequest) => localeFrom(request.headers['accept-language']);

/** The meeting with everything GET /meetings/:id shows, or 404 when the caller may not read it. */
async function readMeeting(app: FastifyInstance, actor: Actor, id: string) {
  const context = await findMeetingContext(app.db, actor, id);
  if (!context || !canReadMeeting(actor, context.collaboration.facts)) throw notFound();
  return loadMeetingDetail(app.db, context);
}

async function meetingResponse(app: FastifyInstance, request: FastifyRequest, actor: Actor, id: string) {
  return presentMeeting(await readMeeting(app, actor, id), actor, app.clock.now(), locale(request));
}

async function topicResponse(app: FastifyInstance, actor: Actor, id: string) {
  const topic = await findTopic(app.db, actor.orgId, id);
  if (!topic) throw notFound();
  return presentTopic(await topicWithFeedback(app.db, topic), actor);
}

/** Meetings of a collaboration, their agenda, holding and publishing, the .ics invitation, and the topics of the minutes. */
export const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/collaborations/:id/meetings', { schema: { tags: ['meetings'], params: idParams, body: createMeetingBody } }, async (request, reply) => {
    const actor = requireActor(request);
    const now = app.clock.now();
    const meetingId = await createMeeting(app.db, actor, now, request.params.id, request.body);
    const detail = await readMeeting(app, actor, meetingId);
    return reply.status(201).send({ ...presentMeeting(detail, actor, now, locale(request)), warnings: meetingWarnings(detail.meeting, actor, now, locale(request)) });
  });

  app.get('/meetings', { schema: { tags: ['meetings'], querystring: meetingsQuery } }, async (request) => {
    const actor = requireActor(request);
    const { cursor, includeCancelled, ...filters } = request.query;
    const now = app.clock.now();
    const after = decodeCursor(cursor, z.object({ plannedStart: instantText, id: z.uuid() }));
    const rows = await listMeetings(app.db, actor, { ...filters, includeCancelled: includeCancelled === 'true', now, after });
    const result = page(rows, filters.limit, (last) => ({ plannedStart: last.planned_start.toISOString(), id: last.id }));
    return { items: result.items.map((r) => presentMeetingListItem(r, actor, now)), nextCursor: result.nextCursor };
  });

  app.get('/meetings/:id', { schema: { tags: ['meetings'], params: idParams } }, async (request) => {
    const actor = requireActor(request);
    return meetingResponse(app, request, actor, request.params.id);
  });

  app.patch('/meetings/:id', { schema: { tags: ['meetings'], params: idParams, body: patchMeetingBody } }, async (request) => {
    const actor = requireActor(request);
    const now = app.clock.now();
    await updateMeeting(app.db, actor, now, request.params.id, request.body);
    const answer = await answerAfterWrite(request.params.id, () => readMeeting(app, actor, request.params.id));
    if ('accessRevoked' in answer) return { ...answer, warnings: [] };
    return { ...presentMeeting(answer, actor, now, locale(request)), warnings: meetingWarnings(answer.meeting, actor, now, locale(request)) };
  });

  app.post('/meetings/:id/agenda/send', { schema: { tags: ['meetings'], params: idParams } }, async (request) => {
    const actor = requireActor(request);
    await sendAgenda(app.db, actor, app.clock.now(), request.params.id);
    return meetingResponse(app, request, actor, request.params.id);
  });

  app.post('/meetings/:id/held', { schema: { tags: ['meetings'], params: idParams, body: heldBody } }, async (request) => {
    const actor = requireActor(request);
    await markMeetingHeld(app.db, actor, app.clock.now(), request.params.id, request.body);
    return meetingResponse(app, request, actor, request.params.id);
  });

  app.post('/meetings/:id/publish', { schema: { tags: ['meetings'], params: idParams } }, async (request) => {
    const actor = requireActor(request);
    await publishMeeting(app.db, actor, app.clock.now(), request.params.id, locale(request));
    return meetingResponse(app, request, actor, request.params.id);
  });

  app.get('/meetings/:id/invite.ics', { schema: { tags: ['meetings'], params: idParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const { meeting, collaboration, people, attendeeIds } = await readMeeting(app, actor, request.params.id);
    const personOf = (id: string) => ({ name: people.get(id)?.name ?? '', email: people.get(id)?.email ?? '' });
    const ics = meetingInviteIcs({
      meetingId: meeting.id,
      sequence: meeting.sequence,
      stamp: app.clock.now(),
      start: meeting.plannedStart,
      end: meeting.plannedEnd,
      summary: meeting.title ?? collaboration.row.topic,
      location: meeting.location,
      agenda: meeting.agenda,
      agendaHeading: translate(locale(request), 'meeting.agendaHeading'),
      url: app.settingsFromEnv.publicUrl ? `${app.settingsFromEnv.publicUrl.replace(/\/$/, '')}/meetings/${meeting.id}` : null,
      cancelled: meeting.cancelledAt !== null,
      organizer: personOf(meeting.hostId),
      attendees: [meeting.recorderId, ...attendeeIds].map(personOf),
    });
    return reply
      .header('content-type', `text/calendar; charset=utf-8; method=${meeting.cancelledAt ? 'CANCEL' : 'REQUEST'}`)
      .header('content-disposition', `attachment; filename="meeting-${meeting.id}.ics"`)
      .send(ics);
  });

  app.post('/meetings/:id/topics', { schema: { tags: ['meetings'], params: idParams, body: createTopicBody } }, async (request, reply) => {
    const actor = requireActor(request);
    const topicId = await createTopic(app.db, actor, app.clock.now(), request.params.id, request.body);
    return reply.status(201).send(await topicResponse(app, actor, topicId));
  });

  app.patch('/topics/:id', { schema: { tags: ['meetings'], params: idParams, body: patchTopicBody } }, async (request) => {
    const actor = requireActor(request);
    await updateTopic(app.db, actor, app.clock.now(), request.params.id, request.body);
    return topicResponse(app, actor, request.params.id);
  });

  app.delete('/topics/:id', { schema: { tags: ['meetings'], params: idParams } }, async (request, reply) => {
    const actor = requireActor(request);
    await deleteTopic(app.db, actor, app.clock.now(), request.params.id);
    return reply.status(204).send();
  });
};
