/**
 * The two forms of the read rule for collaborations (src/server/policies/collaboration.ts) admit the same
 * collaborations for every kind of person: `visibleCollaborationSql` (a condition, for lists) and
 * `visibleCollaborationIdsSql` (a set of index lookups, for search).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../src/server/auth/actor.ts';
import { queryRows } from '../src/server/db/client.ts';
import { actionItems, meetingAttendees, meetings } from '../src/server/db/schema/index.ts';
import { visibleCollaborationIdsSql, visibleCollaborationSql } from '../src/server/policies/collaboration.ts';
import { withSearchText } from '../src/server/search/search-text.ts';
import { buildTestApp, closeTestApp, type TestContext } from './app.ts';
import { buildCollaboration, buildTemplateCast } from './factories.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let other: Awaited<ReturnType<typeof buildTemplateCast>>;

beforeAll(async () => {
  ctx = await buildTestApp();
  const db = ctx.database.db;
  cast = await buildTemplateCast(db);
  other = await buildTemplateCast(db);
  const { org, people: p, departments: d } = cast;
  // Each collaboration is initiated by 行政部 (so only its own path lets the others in).
  const apart = (extra: Partial<Parameters<typeof buildCollaboration>[2]> = {}) =>
    buildCollaboration(db, org.id, { creatorId: p.outsider.id, initiatingDepartmentId: d.admin.id, participatingDepartmentIds: [d.admin.id], ...extra });
  await apart({ visibility: 'organization' });
  await apart({ creatorId: p.engineer.id });
  await apart({ ownerId: p.seller.id });
  await apart({ participatingDepartmentIds: [d.service.id] });
  await buildCollaboration(db, org.id, { creatorId: p.outsider.id, initiatingDepartmentId: d.market.id, participatingDepartmentIds: [d.admin.id] });
  const meetingOf = async (collaborationId: string, hostId: string, recorderId: string) => {
    const [row] = await db
      .insert(meetings)
      .values({ orgId: org.id, collaborationId, plannedStart: new Date(), plannedEnd: new Date(), mode: 'online', hostId, recorderId, createdBy: p.outsider.id })
      .returning();
    return row!.id;
  };
  await meetingOf((await apart()).id, p.designer.id, p.outsider.id);
  await meetingOf((await apart()).id, p.outsider.id, p.support.id);
  const attended = await meetingOf((await apart()).id, p.outsider.id, p.outsider.id);
  await db.insert(meetingAttendees).values({ orgId: org.id, meetingId: attended, userId: p.recorder.id });
  const owned = await apart();
  await db.insert(actionItems).values(
    withSearchText('actionItems', { orgId: org.id, collaborationId: owned.id, description: '核对名单', ownerId: p.pmo.id, dueDate: '2024-07-20', originalDueDate: '2024-07-20', deliverable: '名单', createdBy: p.outsider.id }),
  );
  await apart();
});
afterAll(() => closeTestApp(ctx));

describe('visibleCollaborationIdsSql', () => {
  it('admits exactly what visibleCollaborationSql admits, for every kind of person', async () => {
    const db = ctx.database.db;
    for (const [key, person] of Object.entries({ ...cast.people, otherHead: other.people.head })) {
      const actor = (await loadActor(db, person.id, 'session'))!;
      const byCondition = await queryRows<{ id: string }>(db, sql`SELECT c.id FROM collaborations c WHERE ${visibleCollaborationSql(actor, sql.raw('c'))} ORDER BY c.id`);
      const bySet = await queryRows<{ id: string }>(db, sql`SELECT id FROM (${visibleCollaborationIdsSql(actor)}) v ORDER BY id`);
      expect(bySet.map((r) => r.id), key).toEqual(byCondition.map((r) => r.id));
      expect(byCondition.length, key).toBeGreaterThan(0);
    }
  });
});
