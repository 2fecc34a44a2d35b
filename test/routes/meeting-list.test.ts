import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, closeTestApp, loginAs, type Session, type TestContext } from '../app.ts';
import { buildTemplateCast } from '../factories.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let head: Session, recorder: Session;
let upcoming: string, past: string;

beforeAll(async () => {
  ctx = await buildTestApp('2024-07-08T10:00:00+08:00');
  cast = await buildTemplateCast(ctx.database.db);
  head = await loginAs(ctx.app, cast.people.head);
  recorder = await loginAs(ctx.app, cast.people.recorder);
  const schedule = (start: string, end: string) =>
    head.post(`/collaborations/${cast.collaboration.id}/meetings`, {
      plannedStart: start,
      plannedEnd: end,
      mode: 'offline',
      location: '3楼会议室',
      hostId: cast.people.head.id,
      recorderId: cast.people.recorder.id,
      attendeeIds: [cast.people.engineer.id],
      agenda: ['新品发布会时间与流程'],
    });
  upcoming = (await schedule('2024-07-10T14:00:00+08:00', '2024-07-10T16:00:00+08:00')).body.id;
  past = (await schedule('2024-07-08T08:00:00+08:00', '2024-07-08T09:00:00+08:00')).body.id;
});
afterAll(() => closeTestApp(ctx));

describe('GET /meetings', () => {
  it("lists the host's meetings whose agenda is still to send, with the deadline", async () => {
    const response = await head.get('/meetings?role=host&pending=agenda');
    expect(response.status).toBe(200);
    expect(response.body.items.map((m: { id: string }) => m.id)).toEqual([upcoming]);
    expect(response.body.items[0]).toMatchObject({ agendaDeadline: '2024-07-09T14:00:00+08:00', collaborationTopic: '2024年Q3新品发布会筹备', host: { name: '市场部李经理' } });
  });

  it('lists the minutes the recorder still has to publish, with the 24 h deadline', async () => {
    const response = await recorder.get('/meetings?role=recorder&pending=minutes');
    expect(response.body.items.map((m: { id: string }) => m.id)).toEqual([past]);
    expect(response.body.items[0]).toMatchObject({ publishDeadline: '2024-07-09T09:00:00+08:00', isPublishOverdue: false, heldAt: null, endedAt: null });
    ctx.clock.set('2024-07-09T09:00:01+08:00');
    expect((await recorder.get('/meetings?role=recorder&pending=minutes')).body.items[0].isPublishOverdue).toBe(true);
  });

  it('shows attendees their meetings, and outsiders nothing', async () => {
    const engineer = await loginAs(ctx.app, cast.people.engineer);
    expect((await engineer.get('/meetings?role=mine')).body.items).toHaveLength(2);
    const outsider = await loginAs(ctx.app, cast.people.outsider);
    expect((await outsider.get(`/meetings?collaborationId=${cast.collaboration.id}`)).body.items).toEqual([]);
  });

  it('pages with a cursor and names bad filters', async () => {
    const first = await head.get(`/meetings?collaborationId=${cast.collaboration.id}&limit=1`);
    const second = await head.get(`/meetings?collaborationId=${cast.collaboration.id}&limit=1&cursor=${first.body.nextCursor}`);
    expect([first.body.items[0].id, second.body.items[0].id]).toEqual([past, upcoming]);
    const bad = await head.get('/meetings?pending=soon');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('pending');
  });
});
