import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, call, closeTestApp, loginAs, type Session, type TestContext } from '../app.ts';
import { buildCollaboration, buildOrganization, buildTemplateCast, buildUser, setHead } from '../factories.ts';
import { actionItems, auditEvents, collaborations, notifications } from '../../src/server/db/schema/index.ts';
import { withSearchText } from '../../src/server/search/search-text.ts';

const NOW = '2024-07-08T10:00:00+08:00';
const HOUR = 3_600_000;

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let rndHead: { id: string; email: string };
let head: Session, recorder: Session, engineer: Session, seller: Session, outsider: Session, pmo: Session;

beforeAll(async () => {
  ctx = await buildTestApp(NOW);
  cast = await buildTemplateCast(ctx.database.db);
  rndHead = await buildUser(ctx.database.db, cast.org.id, { name: '研发部周总监', departmentIds: [cast.departments.rnd.id] });
  await setHead(ctx.database.db, cast.departments.rnd.id, rndHead.id);
  head = await loginAs(ctx.app, cast.people.head);
  recorder = await loginAs(ctx.app, cast.people.recorder);
  engineer = await loginAs(ctx.app, cast.people.engineer);
  seller = await loginAs(ctx.app, cast.people.seller);
  outsider = await loginAs(ctx.app, cast.people.outsider);
  pmo = await loginAs(ctx.app, cast.people.pmo);
});
afterAll(() => closeTestApp(ctx));
beforeEach(() => ctx.clock.set(NOW));

const meetingBody = (overrides: Record<string, unknown> = {}) => ({
  plannedStart: '2024-07-10T14:00:00+08:00',
  plannedEnd: '2024-07-10T15:30:00+08:00',
  mode: 'offline',
  location: '3楼会议室A',
  hostId: cast.people.head.id,
  recorderId: cast.people.recorder.id,
  attendeeIds: [cast.people.engineer.id, cast.people.seller.id],
  agenda: ['确认发布会时间', '物料分工'],
  ...overrides,
});

async function createMeeting(overrides: Record<string, unknown> = {}, collaborationId = cast.collaboration.id) {
  const response = await head.post(`/collaborations/${collaborationId}/meetings`, meetingBody(overrides));
  expect(response.status).toBe(201);
  return response.body as { id: string; [key: string]: any };
}

/** A complete record: one topic with discussion and feedback from every participating department, and noActions. */
async function completeRecord(meetingId: string, as: Session = recorder) {
  const { rnd, sales, design, service } = cast.departments;
  const topic = await as.post(`/meetings/${meetingId}/topics`, {
    title: '发布会时间',
    discussion: '定于8月15日',
    feedback: [rnd, sales, design, service].map((d) => ({ departmentId: d.id, text: '同意' })),
  });
  expect(topic.status).toBe(201);
  expect((await as.patch(`/meetings/${meetingId}`, { noActions: true })).status).toBe(200);
  return topic.body.id as string;
}

const outbox = (meetingId: string, event: string) =>
  ctx.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.entityId, meetingId), eq(notifications.event, event)));

const audit = (entityId: string) => ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId));
/** Audit actions, sorted: events written at one fake-clock instant have no defined order. */
const actions = (events: { action: string }[]) => events.map((e) => e.action).sort();

async function archivedMeeting() {
  const collaboration = await buildCollaboration(ctx.database.db, cast.org.id, {
    creatorId: cast.people.head.id,
    initiatingDepartmentId: cast.departments.market.id,
    participatingDepartmentIds: [cast.departments.rnd.id],
  });
  const meeting = await createMeeting({}, collaboration.id);
  await ctx.database.db.update(collaborations).set({ status: 'completed', archivedAt: new Date() }).where(eq(collaborations.id, collaboration.id));
  return { collaboration, meeting };
}

describe('POST /collaborations/:id/meetings', () => {
  it('schedules the meeting, answers 201 with people, deadlines and abilities, and writes audit and outbox rows', async () => {
    const response = await head.post(`/collaborations/${cast.collaboration.id}/meetings`, meetingBody());
    expect(response.status).toBe(201);
    const meeting = response.body;
    expect(meeting).toMatchObject({
      collaborationId: cast.collaboration.id,
      kind: 'regular',
      plannedStart: '2024-07-10T14:00:00+08:00',
      plannedEnd: '2024-07-10T15:30:00+08:00',
      mode: 'offline',
      location: '3楼会议室A',
      host: { id: cast.people.head.id, name: '市场部李经理' },
      recorder: { id: cast.people.recorder.id, name: '市场部王助理' },
      agenda: ['确认发布会时间', '物料分工'],
      agendaSentAt: null,
      heldAt: null,
      minutesStatus: 'draft',
      noActions: false,
      sequence: 0,
      agendaDeadline: '2024-07-09T14:00:00+08:00',
      actionListDeadline: '2024-07-10T17:30:00+08:00',
      publishDeadline: '2024-07-11T15:30:00+08:00',
      isPublishOverdue: false,
      topics: [],
      actionItems: [],
      warnings: [],
      abilities: { update: true, editMinutes: true, sendAgenda: true, markHeld: true, publish: true },
    });
    expect(meeting.attendees.map((a: { name: string }) => a.name).sort()).toEqual(['研发部张工', '销售部刘经理'].sort());
    expect(meeting.initiatingDepartment).toEqual({ id: cast.departments.market.id, name: cast.departments.market.name });
    expect(meeting.participatingDepartments.map((d: { id: string }) => d.id).sort()).toEqual(
      [cast.departments.rnd.id, cast.departments.sales.id, cast.departments.design.id, cast.departments.service.id].sort(),
    );
    expect(meeting.missingParts.map((p: { code: string }) => p.code)).toEqual(['NO_TOPICS', 'NO_ACTION_ITEMS']);

    const [event] = await audit(meeting.id);
    expect(event).toMatchObject({ action: 'created', actorId: cast.people.head.id, collaborationId: cast.collaboration.id, entityType: 'meeting' });
    const rows = await outbox(meeting.id, 'meeting_scheduled');
    expect(rows.map((r) => r.recipientId).sort()).toEqual([cast.people.head.id, cast.people.recorder.id, cast.people.engineer.id, cast.people.seller.id].sort());
    expect(rows[0]!.payload).toMatchObject({ meetingId: meeting.id, change: 'scheduled', location: '3楼会议室A' });
  });

  it('warns, without refusing, when the meeting starts sooner than the agenda lead time', async () => {
    const response = await head.post(`/collaborations/${cast.collaboration.id}/meetings`, meetingBody({ plannedStart: '2024-07-08T20:00:00+08:00', plannedEnd: '2024-07-08T21:00:00+08:00' }));
    expect(response.status).toBe(201);
    expect(response.body.warnings).toEqual([
      expect.objectContaining({ code: 'AGENDA_LEAD_TOO_SHORT', path: 'plannedStart', agendaDeadline: '2024-07-07T20:00:00+08:00', agendaLeadDays: 1 }),
    ]);
    expect(response.body.warnings[0].message).toContain('1');
  });

  it('names the invalid field', async () => {
    const url = `/collaborations/${cast.collaboration.id}/meetings`;
    const backwards = await head.post(url, meetingBody({ plannedEnd: '2024-07-10T13:00:00+08:00' }));
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toEqual([{ path: 'plannedEnd', message: '结束时间必须晚于开始时间' }]);

    const stranger = await buildUser(ctx.database.db, (await buildOrganization(ctx.database.db)).id);
    const gone = await buildUser(ctx.database.db, cast.org.id, { active: false });
    const people = await head.post(url, meetingBody({ hostId: gone.id, attendeeIds: [cast.people.engineer.id, stranger.id] }));
    expect(people.status).toBe(400);
    expect(people.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['hostId', 'attendeeIds[1]']);

    const missing = await head.post(url, { ...meetingBody(), mode: undefined, plannedStart: '2024-07-10 14:00' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['mode', 'plannedStart']);
  });

  it('refuses readers who are not editors (403), outsiders (404) and archived collaborations (409)', async () => {
    const url = `/collaborations/${cast.collaboration.id}/meetings`;
    expect((await engineer.post(url, meetingBody())).status).toBe(403);
    expect((await recorder.post(url, meetingBody())).status).toBe(403);
    expect((await outsider.post(url, meetingBody())).status).toBe(404);
    expect((await head.post(`/collaborations/${crypto.randomUUID()}/meetings`, meetingBody())).status).toBe(404);
    const { collaboration } = await archivedMeeting();
    const archived = await head.post(`/collaborations/${collaboration.id}/meetings`, meetingBody());
    expect(archived.status).toBe(409);
    expect(archived.body.error.code).toBe('ARCHIVED');
  });
});

describe('GET /meetings/:id', () => {
  it('lets participants and pmo read without editing, and hides the meeting from outsiders', async () => {
    const meeting = await createMeeting();
    const read = await engineer.get(`/meetings/${meeting.id}`);
    expect(read.status).toBe(200);
    expect(read.body.abilities).toEqual({ update: false, editMinutes: false, sendAgenda: false, markHeld: false, publish: false });
    expect((await pmo.get(`/meetings/${meeting.id}`)).status).toBe(200);
    expect((await recorder.get(`/meetings/${meeting.id}`)).body.abilities).toEqual({ update: true, editMinutes: true, sendAgenda: false, markHeld: true, publish: true });
    expect((await outsider.get(`/meetings/${meeting.id}`)).status).toBe(404);
    expect((await head.get('/meetings/not-a-uuid')).status).toBe(404);
    expect((await head.get(`/meetings/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('lists the action items of the meeting, with a placeholder for a sensitive one the caller is not named on', async () => {
    const meeting = await createMeeting();
    const base = {
      orgId: cast.org.id,
      collaborationId: cast.collaboration.id,
      meetingId: meeting.id,
      ownerId: cast.people.seller.id,
      dueDate: '2024-07-20',
      originalDueDate: '2024-07-20',
      deliverable: '报价单',
      createdBy: cast.people.head.id,
    };
    await ctx.database.db.insert(actionItems).values([
      withSearchText('actionItems', { ...base, description: '准备渠道报价' }),
      withSearchText('actionItems', { ...base, description: '成本测算：单价38元', sensitive: true, visibleToUserIds: [cast.people.seller.id] }),
    ]);
    const asEngineer = await engineer.get(`/meetings/${meeting.id}`);
    const items = asEngineer.body.actionItems as { restricted: boolean }[];
    expect(items).toHaveLength(2);
    expect(items.find((i) => !i.restricted)).toMatchObject({ description: '准备渠道报价', ownerId: cast.people.seller.id, ownerName: '销售部刘经理', dueDate: '2024-07-20', deliverable: '报价单', status: 'todo', progress: 0 });
    expect(items.find((i) => i.restricted)).toEqual({ id: expect.any(String), sensitive: true, restricted: true });
    expect(JSON.stringify(asEngineer.body)).not.toContain('成本测算');
    const asSeller = await seller.get(`/meetings/${meeting.id}`);
    expect(asSeller.body.actionItems.map((i: { description: string }) => i.description).sort()).toEqual(['准备渠道报价', '成本测算：单价38元'].sort());
  });
});

describe('PATCH /meetings/:id', () => {
  it('lets the recorder move the meeting, bumping the sequence and telling everyone again', async () => {
    const meeting = await createMeeting();
    const moved = await recorder.patch(`/meetings/${meeting.id}`, { location: '5楼大会议室', plannedStart: '2024-07-10T15:00:00+08:00', plannedEnd: '2024-07-10T16:00:00+08:00' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ location: '5楼大会议室', plannedStart: '2024-07-10T15:00:00+08:00', sequence: 1 });
    const rows = await outbox(meeting.id, 'meeting_scheduled');
    expect(rows.filter((r) => r.payload.change === 'rescheduled')).toHaveLength(4);
    const events = await audit(meeting.id);
    expect(actions(events)).toEqual(['created', 'updated']);
    const update = events.find((e) => e.action === 'updated')!;
    expect(update.after).toMatchObject({ location: '5楼大会议室', sequence: 1 });
    expect(update.before).toMatchObject({ location: '3楼会议室A', sequence: 0 });
  });

  it('keeps the sequence for other changes and invites only newly added people', async () => {
    const meeting = await createMeeting();
    const changed = await head.patch(`/meetings/${meeting.id}`, { agenda: ['只谈预算'], attendeeIds: [cast.people.engineer.id, cast.people.designer.id] });
    expect(changed.status).toBe(200);
    expect(changed.body.sequence).toBe(0);
    expect(changed.body.attendees.map((a: { id: string }) => a.id).sort()).toEqual([cast.people.engineer.id, cast.people.designer.id].sort());
    const rows = await outbox(meeting.id, 'meeting_scheduled');
    expect(rows.map((r) => r.recipientId)).toContain(cast.people.designer.id);
    expect(rows).toHaveLength(5);
  });

  it('answers a host who hands the meeting on and leaves it 200 with accessRevoked, not a 404 for a change that happened', async () => {
    const meeting = await createMeeting({ hostId: cast.people.outsider.id });
    expect((await outsider.get(`/meetings/${meeting.id}`)).status).toBe(200);
    const handedOn = await outsider.patch(`/meetings/${meeting.id}`, { hostId: cast.people.head.id });
    expect(handedOn.status).toBe(200);
    expect(handedOn.body).toEqual({ id: meeting.id, accessRevoked: true, warnings: [] });
    expect((await head.get(`/meetings/${meeting.id}`)).body.host.id).toBe(cast.people.head.id);
    expect((await outsider.get(`/meetings/${meeting.id}`)).status).toBe(404);
  });

  it('names the invalid field, and refuses participants (403), outsiders (404) and archived records (409)', async () => {
    const meeting = await createMeeting();
    const backwards = await head.patch(`/meetings/${meeting.id}`, { plannedEnd: '2024-07-10T13:00:00+08:00' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields[0].path).toBe('plannedEnd');
    const badHost = await head.patch(`/meetings/${meeting.id}`, { recorderId: cast.people.orgAdmin.id, hostId: crypto.randomUUID() });
    expect(badHost.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['hostId']);
    expect((await head.patch(`/meetings/${meeting.id}`, { mode: 'hybrid' })).body.error.fields[0].path).toBe('mode');
    expect((await engineer.patch(`/meetings/${meeting.id}`, { location: 'x' })).status).toBe(403);
    expect((await outsider.patch(`/meetings/${meeting.id}`, { location: 'x' })).status).toBe(404);
    const { meeting: frozen } = await archivedMeeting();
    const archived = await head.patch(`/meetings/${frozen.id}`, { location: 'x' });
    expect(archived.status).toBe(409);
    expect(archived.body.error.code).toBe('ARCHIVED');
  });

  it('cancels (a new sequence, CANCEL in the invitation) and refuses further agenda sends', async () => {
    const meeting = await createMeeting();
    const cancelled = await head.patch(`/meetings/${meeting.id}`, { cancelled: true });
    expect(cancelled.body).toMatchObject({ cancelled: true, sequence: 1, abilities: { update: true, sendAgenda: false, publish: false } });
    const ics = await head.get(`/meetings/${meeting.id}/invite.ics`);
    expect(ics.body).toContain('METHOD:CANCEL');
    expect(ics.body).toContain('SEQUENCE:1');
    const send = await head.post(`/meetings/${meeting.id}/agenda/send`);
    expect(send.status).toBe(409);
    expect(send.body.error.code).toBe('CONFLICT');
    expect((await audit(meeting.id)).map((e) => e.action)).toContain('cancelled');
  });

  it('refuses to cancel a meeting that has been held', async () => {
    const meeting = await createMeeting();
    await recorder.post(`/meetings/${meeting.id}/held`);
    const response = await head.patch(`/meetings/${meeting.id}`, { cancelled: true });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toBe('会议已召开，不能取消');
  });
});

describe('POST /meetings/:id/agenda/send', () => {
  it('records an agenda sent 12 hours before the start as late and tells attendees, heads, host and recorder', async () => {
    const meeting = await createMeeting();
    ctx.clock.set('2024-07-10T02:00:00+08:00');
    const sent = await head.post(`/meetings/${meeting.id}/agenda/send`);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ agendaSentAt: '2024-07-10T02:00:00+08:00', agendaSentLate: true });
    const rows = await outbox(meeting.id, 'agenda_sent');
    expect(rows.map((r) => r.recipientId).sort()).toEqual(
      [cast.people.head.id, cast.people.recorder.id, cast.people.engineer.id, cast.people.seller.id, rndHead.id].sort(),
    );
    expect(rows[0]!.payload).toMatchObject({ agenda: ['确认发布会时间', '物料分工'], late: true });
    expect(actions(await audit(meeting.id))).toEqual(['agenda_sent', 'created']);
  });

  it('is on time two days ahead, and a re-send keeps the first send time', async () => {
    const meeting = await createMeeting();
    const first = await head.post(`/meetings/${meeting.id}/agenda/send`);
    expect(first.body).toMatchObject({ agendaSentAt: NOW, agendaSentLate: false });
    ctx.clock.advance(HOUR);
    const again = await head.post(`/meetings/${meeting.id}/agenda/send`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ agendaSentAt: NOW, agendaSentLate: false });
    expect((await outbox(meeting.id, 'agenda_sent')).length).toBe(5);
    expect(actions(await audit(meeting.id))).toEqual(['agenda_resent', 'agenda_sent', 'created']);
  });

  it('refuses an empty agenda (400), the recorder and participants (403), outsiders (404) and archived records (409)', async () => {
    const empty = await createMeeting({ agenda: [] });
    const response = await head.post(`/meetings/${empty.id}/agenda/send`);
    expect(response.status).toBe(400);
    expect(response.body.error.fields[0].path).toBe('agenda');
    const meeting = await createMeeting();
    expect((await recorder.post(`/meetings/${meeting.id}/agenda/send`)).status).toBe(403);
    expect((await engineer.post(`/meetings/${meeting.id}/agenda/send`)).status).toBe(403);
    expect((await outsider.post(`/meetings/${meeting.id}/agenda/send`)).status).toBe(404);
    const { meeting: frozen } = await archivedMeeting();
    expect((await head.post(`/meetings/${frozen.id}/agenda/send`)).body.error.code).toBe('ARCHIVED');
  });
});

describe('POST /meetings/:id/held', () => {
  it('records when the meeting was held and ended', async () => {
    const meeting = await createMeeting();
    ctx.clock.set('2024-07-10T16:00:00+08:00');
    const held = await recorder.post(`/meetings/${meeting.id}/held`, { endedAt: '2024-07-10T15:40:00+08:00' });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ heldAt: '2024-07-10T16:00:00+08:00', endedAt: '2024-07-10T15:40:00+08:00', publishDeadline: '2024-07-11T15:40:00+08:00' });
    const bodiless = await call(ctx.app, { method: 'POST', url: `/api/v1/meetings/${meeting.id}/held`, headers: { cookie: head.cookie, 'x-csrf-token': head.csrfToken } });
    expect(bodiless.status).toBe(200);
    expect(bodiless.body.endedAt).toBe('2024-07-10T16:00:00+08:00');
    expect((await audit(meeting.id)).filter((e) => e.action === 'held')).toHaveLength(2);
  });

  it('refuses an end in the future (400 naming endedAt), participants (403), outsiders (404) and archived records (409)', async () => {
    const meeting = await createMeeting();
    const future = await recorder.post(`/meetings/${meeting.id}/held`, { endedAt: '2024-07-08T10:02:00+08:00' });
    expect(future.status).toBe(400);
    expect(future.body.error.fields[0].path).toBe('endedAt');
    expect((await recorder.post(`/meetings/${meeting.id}/held`, { endedAt: '2024-07-08T10:00:50+08:00' })).status).toBe(200);
    expect((await engineer.post(`/meetings/${meeting.id}/held`)).status).toBe(403);
    expect((await outsider.post(`/meetings/${meeting.id}/held`)).status).toBe(404);
    const { meeting: frozen } = await archivedMeeting();
    expect((await head.post(`/meetings/${frozen.id}/held`)).body.error.code).toBe('ARCHIVED');
  });
});

describe('POST /meetings/:id/publish', () => {
  it('refuses while a participating department has not answered, then publishes once "no feedback" is recorded', async () => {
    const meeting = await createMeeting();
    const { rnd, sales, design, service } = cast.departments;
    const topic = await recorder.post(`/meetings/${meeting.id}/topics`, {
      title: '发布会时间',
      discussion: '定于8月15日',
      feedback: [rnd, sales, service].map((d) => ({ departmentId: d.id, text: '同意' })),
    });
    ctx.clock.set('2024-07-10T16:00:00+08:00');
    await recorder.post(`/meetings/${meeting.id}/held`);

    const refused = await call(ctx.app, {
      method: 'POST',
      url: `/api/v1/meetings/${meeting.id}/publish`,
      headers: { cookie: recorder.cookie, 'x-csrf-token': recorder.csrfToken, 'accept-language': 'en' },
      payload: {},
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('RECORD_INCOMPLETE');
    expect(refused.body.error.message).toContain('2');
    expect(refused.body.error.missing).toEqual([
      { code: 'FEEDBACK_MISSING', path: 'topics[0].feedback', topicId: topic.body.id, departmentId: design.id, message: 'Topic "发布会时间" has no feedback from "设计部" (an explicit "no feedback" counts)' },
      { code: 'NO_ACTION_ITEMS', path: 'actionItems', message: 'The meeting has no action items; if there are none, mark "no actions"' },
    ]);
    expect((await head.get(`/meetings/${meeting.id}`)).body.minutesStatus).toBe('draft');

    const feedback = [...[rnd, sales, service].map((d) => ({ departmentId: d.id, text: '同意' })), { departmentId: design.id, noFeedback: true }];
    expect((await recorder.patch(`/topics/${topic.body.id}`, { feedback })).status).toBe(200);
    expect((await recorder.patch(`/meetings/${meeting.id}`, { noActions: true })).status).toBe(200);
    const published = await recorder.post(`/meetings/${meeting.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ minutesStatus: 'published', publishedAt: '2024-07-10T16:00:00+08:00', publishedLate: false, publishedBy: cast.people.recorder.id, missingParts: [] });
    expect((await audit(meeting.id)).map((e) => e.action)).toContain('published');
    const rows = await outbox(meeting.id, 'record_published');
    expect(rows.map((r) => r.recipientId).sort()).toEqual([cast.people.head.id, rndHead.id, cast.people.engineer.id, cast.people.seller.id].sort());

    const twice = await recorder.post(`/meetings/${meeting.id}/publish`);
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'CONFLICT', message: '纪要已发布' });
  });

  it('publishes 25 hours after the planned end as late, marking the meeting held as planned', async () => {
    const meeting = await createMeeting();
    await completeRecord(meeting.id);
    ctx.clock.set(new Date(Date.parse('2024-07-10T15:30:00+08:00') + 25 * HOUR));
    expect((await head.get(`/meetings/${meeting.id}`)).body.isPublishOverdue).toBe(true);
    const published = await head.post(`/meetings/${meeting.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ publishedLate: true, heldAt: '2024-07-10T14:00:00+08:00', endedAt: '2024-07-10T15:30:00+08:00', isPublishOverdue: false });
  });

  it('refuses a meeting whose planned end has not come and that was not marked held', async () => {
    const meeting = await createMeeting();
    await completeRecord(meeting.id);
    const early = await head.post(`/meetings/${meeting.id}/publish`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('会议尚未召开，不能发布纪要');
  });

  it('sends each owner their own items, with no sensitive text in any payload', async () => {
    const meeting = await createMeeting();
    await completeRecord(meeting.id);
    await recorder.patch(`/meetings/${meeting.id}`, { noActions: false });
    const base = { orgId: cast.org.id, collaborationId: cast.collaboration.id, meetingId: meeting.id, dueDate: '2024-07-20', originalDueDate: '2024-07-20', deliverable: '方案', createdBy: cast.people.head.id };
    await ctx.database.db.insert(actionItems).values([
      withSearchText('actionItems', { ...base, ownerId: cast.people.designer.id, description: '出视觉方案' }),
      withSearchText('actionItems', { ...base, ownerId: cast.people.designer.id, description: '供应商报价：每套1200元', sensitive: true, visibleToUserIds: [cast.people.head.id] }),
    ]);
    ctx.clock.set('2024-07-10T16:00:00+08:00');
    expect((await head.post(`/meetings/${meeting.id}/publish`)).status).toBe(200);
    const rows = await outbox(meeting.id, 'record_published');
    const toDesigner = rows.find((r) => r.recipientId === cast.people.designer.id)!;
    expect(toDesigner.payload.items).toHaveLength(2);
    expect(toDesigner.payload.items).toContainEqual(expect.objectContaining({ description: '出视觉方案', deliverable: '方案' }));
    expect(toDesigner.payload.items).toContainEqual({ id: expect.any(String), sensitive: true, dueDate: '2024-07-20' });
    expect(JSON.stringify(rows.map((r) => r.payload))).not.toContain('1200');
  });

  it('refuses participants (403), outsiders (404) and archived records (409)', async () => {
    const meeting = await createMeeting();
    expect((await engineer.post(`/meetings/${meeting.id}/publish`)).status).toBe(403);
    expect((await outsider.post(`/meetings/${meeting.id}/publish`)).status).toBe(404);
    const { meeting: frozen } = await archivedMeeting();
    expect((await head.post(`/meetings/${frozen.id}/publish`)).body.error.code).toBe('ARCHIVED');
  });

  it('keeps published minutes published through a correction, and audits it as one', async () => {
    const meeting = await createMeeting();
    await completeRecord(meeting.id);
    ctx.clock.set('2024-07-10T16:00:00+08:00');
    expect((await head.post(`/meetings/${meeting.id}/publish`)).status).toBe(200);
    const corrected = await recorder.patch(`/meetings/${meeting.id}`, { location: '3楼会议室B' });
    expect(corrected.body).toMatchObject({ minutesStatus: 'published', location: '3楼会议室B' });
    const correction = (await audit(meeting.id)).find((e) => e.action === 'corrected');
    expect(correction).toMatchObject({ actorId: cast.people.recorder.id, before: { location: '3楼会议室A' }, after: { location: '3楼会议室B' } });
  });
});

describe('GET /meetings/:id/invite.ics', () => {
  it('serves an iCalendar invitation whose UID stays and whose SEQUENCE grows with each move', async () => {
    const meeting = await createMeeting();
    const first = await engineer.get(`/meetings/${meeting.id}/invite.ics`);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toContain('text/calendar');
    const unfolded = String(first.body).replace(/\r\n /g, '');
    expect(unfolded).toContain(`UID:${meeting.id}@liaison\r\n`);
    expect(unfolded).toContain('SEQUENCE:0\r\n');
    expect(unfolded).toContain('METHOD:REQUEST\r\n');
    expect(unfolded).toContain('DTSTART:20240710T060000Z\r\n');
    expect(unfolded).toContain(`ORGANIZER;CN="市场部李经理":mailto:${cast.people.head.email}`);
    expect(unfolded).toContain(`mailto:${cast.people.engineer.email}`);
    expect(unfolded).toContain('DESCRIPTION:议程\\n1. 确认发布会时间\\n2. 物料分工');

    await head.patch(`/meetings/${meeting.id}`, { plannedStart: '2024-07-11T14:00:00+08:00', plannedEnd: '2024-07-11T15:00:00+08:00' });
    const second = String((await engineer.get(`/meetings/${meeting.id}/invite.ics`)).body).replace(/\r\n /g, '');
    expect(second).toContain(`UID:${meeting.id}@liaison\r\n`);
    expect(second).toContain('SEQUENCE:1\r\n');
    expect(second).toContain('DTSTART:20240711T060000Z\r\n');
    expect((await outsider.get(`/meetings/${meeting.id}/invite.ics`)).status).toBe(404);
  });
});
