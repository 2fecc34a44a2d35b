import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, closeTestApp, loginAs, type Session, type TestContext } from '../app.ts';
import { buildTemplateCast } from '../factories.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let base: string;

beforeAll(async () => {
  ctx = await buildTestApp();
  cast = await buildTemplateCast(ctx.database.db);
  base = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => closeTestApp(ctx));

/** Reads server-sent events from a real HTTP connection until `stop` or the deadline. */
async function collectEvents(session: Session, during: () => Promise<void>, ms = 1500) {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/events`, { headers: { cookie: session.cookie }, signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const reading = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    } catch {
      // aborted
    }
  })();
  while (!text.includes('event: ready')) await new Promise((r) => setTimeout(r, 10));
  await during();
  await new Promise((r) => setTimeout(r, ms));
  controller.abort();
  await reading;
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event: change'))
    .map((block) => JSON.parse(block.split('\ndata: ')[1]!) as { collaborationId: string; entityType: string; action: string });
}

describe('GET /events', () => {
  it("streams a colleague's committed change to readers of the collaboration, ids only", async () => {
    const reader = await loginAs(ctx.app, cast.people.engineer);
    const head = await loginAs(ctx.app, cast.people.head);
    const events = await collectEvents(reader, async () => {
      const response = await head.post(`/collaborations/${cast.collaboration.id}/remarks`, { text: '机密：渠道返点12%' });
      expect(response.status).toBe(201);
    }, 500);
    const remark = events.find((e) => e.entityType === 'remark');
    expect(remark).toMatchObject({ collaborationId: cast.collaboration.id, action: 'created' });
    expect(JSON.stringify(events)).not.toContain('返点');
  });

  it('sends nothing about a collaboration to someone who may not see it', async () => {
    const outsider = await loginAs(ctx.app, cast.people.outsider);
    const head = await loginAs(ctx.app, cast.people.head);
    const events = await collectEvents(outsider, async () => {
      await head.patch(`/collaborations/${cast.collaboration.id}`, { health: 'at_risk' });
    }, 500);
    expect(events.filter((e) => e.collaborationId === cast.collaboration.id)).toEqual([]);
  });

  it('needs a session', async () => {
    const response = await fetch(`${base}/api/v1/events`);
    expect(response.status).toBe(401);
  });
});
