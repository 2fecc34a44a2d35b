import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { actionItems, departments, meetings, remarks, users } from '../schema/index.ts';

/** Everything the collaboration page shows besides the row itself, in a handful of indexed queries. */
export async function loadCollaborationParts(
  db: DbOrTx,
  collaboration: { id: string; creatorId: string; ownerId: string | null },
  departmentIds: string[],
) {
  const collaborationId = collaboration.id;
  const [depts, meetingRows, itemRows, remarkRows] = await Promise.all([
    departmentIds.length ? db.select({ id: departments.id, name: departments.name, headId: departments.headId }).from(departments).where(inArray(departments.id, departmentIds)) : [],
    db.select().from(meetings).where(eq(meetings.collaborationId, collaborationId)).orderBy(asc(meetings.plannedStart)),
    db.select().from(actionItems).where(eq(actionItems.collaborationId, collaborationId)).orderBy(asc(actionItems.dueDate), asc(actionItems.id)),
    db.select().from(remarks).where(eq(remarks.collaborationId, collaborationId)).orderBy(desc(remarks.createdAt)),
  ]);
  const userIds = new Set<string>([collaboration.creatorId]);
  if (collaboration.ownerId) userIds.add(collaboration.ownerId);
  for (const m of meetingRows) userIds.add(m.hostId).add(m.recorderId);
  for (const i of itemRows) userIds.add(i.ownerId);
  for (const r of remarkRows) if (r.authorId) userIds.add(r.authorId);
  const people = userIds.size ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...userIds])) : [];
  return { departments: depts, meetings: meetingRows, actionItems: itemRows, remarks: remarkRows, names: new Map(people.map((p) => [p.id, p.name])) };
}
