import { asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client.ts';
import { actionItems, departments, meetings, remarks, users } from '../schema/index.ts';
import { presentableColumns } from './row-columns.ts';

const host = alias(users, 'host');
const recorder = alias(users, 'recorder');
const itemColumns = presentableColumns(actionItems);
const remarkColumns = presentableColumns(remarks);

/**
 * Everything the collaboration page shows besides the row itself, in one round of parallel indexed queries:
 * each list carries the names of the people it names, so no second round is needed for them.
 */
export async function loadCollaborationParts(
  db: DbOrTx,
  collaboration: { id: string; creatorId: string; ownerId: string | null },
  departmentIds: string[],
) {
  const collaborationId = collaboration.id;
  const answerable = [collaboration.creatorId, ...(collaboration.ownerId ? [collaboration.ownerId] : [])];
  const [depts, meetingRows, itemRows, remarkRows, people] = await Promise.all([
    departmentIds.length ? db.select({ id: departments.id, name: departments.name, headId: departments.headId }).from(departments).where(inArray(departments.id, departmentIds)) : [],
    db
      .select({ meeting: meetings, hostName: host.name, recorderName: recorder.name })
      .from(meetings)
      .innerJoin(host, eq(host.id, meetings.hostId))
      .innerJoin(recorder, eq(recorder.id, meetings.recorderId))
      .where(eq(meetings.collaborationId, collaborationId))
      .orderBy(asc(meetings.plannedStart)),
    db
      .select({ item: itemColumns, ownerName: users.name })
      .from(actionItems)
      .innerJoin(users, eq(users.id, actionItems.ownerId))
      .where(eq(actionItems.collaborationId, collaborationId))
      .orderBy(asc(actionItems.dueDate), asc(actionItems.id)),
    db
      .select({ remark: remarkColumns, authorName: users.name })
      .from(remarks)
      .leftJoin(users, eq(users.id, remarks.authorId))
      .where(eq(remarks.collaborationId, collaborationId))
      .orderBy(desc(remarks.createdAt)),
    db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, answerable)),
  ]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  for (const m of meetingRows) names.set(m.meeting.hostId, m.hostName).set(m.meeting.recorderId, m.recorderName);
  for (const i of itemRows) names.set(i.item.ownerId, i.ownerName);
  for (const r of remarkRows) if (r.remark.authorId && r.authorName) names.set(r.remark.authorId, r.authorName);
  return {
    departments: depts,
    meetings: meetingRows.map((m) => m.meeting),
    actionItems: itemRows.map((i) => i.item),
    remarks: remarkRows.map((r) => r.remark),
    names,
  };
}
