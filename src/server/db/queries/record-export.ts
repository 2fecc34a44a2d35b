import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../client.ts';
import { actionItems, meetingAttendees, progressUpdates, topics, users } from '../schema/index.ts';
import { feedbackByTopic, type TopicWithFeedback } from './meetings.ts';

/*
 * The lists of a whole record that the collaboration page loads one meeting or one item at a time, loaded
 * here for all meetings and items at once, so exporting 20 meetings or 200 items stays a few queries.
 */

/** Topics of these meetings with their feedback, ordered by meeting then position (two queries). */
export async function topicsOfMeetings(db: DbOrTx, meetingIds: string[]): Promise<TopicWithFeedback[]> {
  if (!meetingIds.length) return [];
  const rows = await db.select().from(topics).where(inArray(topics.meetingId, meetingIds)).orderBy(asc(topics.meetingId), asc(topics.position), asc(topics.id));
  const feedback = await feedbackByTopic(db, rows.map((t) => t.id));
  return rows.map((t) => ({ ...t, feedback: feedback.get(t.id) ?? [] }));
}

/** Attendee ids of these meetings, by meeting. */
export async function attendeesByMeeting(db: DbOrTx, meetingIds: string[]): Promise<Map<string, string[]>> {
  const byMeeting = new Map<string, string[]>();
  if (!meetingIds.length) return byMeeting;
  const rows = await db
    .select({ meetingId: meetingAttendees.meetingId, userId: meetingAttendees.userId })
    .from(meetingAttendees)
    .innerJoin(users, eq(users.id, meetingAttendees.userId))
    .where(inArray(meetingAttendees.meetingId, meetingIds))
    .orderBy(asc(users.name), asc(users.id));
  for (const r of rows) byMeeting.set(r.meetingId, [...(byMeeting.get(r.meetingId) ?? []), r.userId]);
  return byMeeting;
}

export type ExportProgressUpdateRow = typeof progressUpdates.$inferSelect & { authorName: string };

/** Every progress update of the collaboration's items (or of one meeting's items), oldest first, with author names. */
export async function progressUpdatesOfCollaboration(db: DbOrTx, collaborationId: string, meetingId?: string): Promise<ExportProgressUpdateRow[]> {
  const rows = await db
    .select({ update: progressUpdates, authorName: users.name })
    .from(progressUpdates)
    .innerJoin(actionItems, eq(actionItems.id, progressUpdates.actionItemId))
    .innerJoin(users, eq(users.id, progressUpdates.authorId))
    .where(and(eq(actionItems.collaborationId, collaborationId), meetingId ? eq(actionItems.meetingId, meetingId) : undefined))
    .orderBy(asc(progressUpdates.createdAt), asc(progressUpdates.id));
  return rows.map((r) => ({ ...r.update, authorName: r.authorName }));
}

export type ExportAttachmentRow = {
  id: string;
  sha256: string;
  mime: string;
  size: number;
  file_name: string;
  entity_type: string;
  entity_id: string;
  uploaded_by: string;
  uploader_name: string | null;
  created_at: Date;
};

/**
 * The files attached to the collaboration, its meetings, its action items and their progress updates
 * (the archive counts the same set), oldest first.
 */
export async function attachmentsOfCollaboration(db: DbOrTx, orgId: string, collaborationId: string): Promise<ExportAttachmentRow[]> {
  const rows = await queryRows<ExportAttachmentRow>(db, sql`
    SELECT f.id, f.sha256, f.mime, f.size, f.file_name, f.entity_type, f.entity_id, f.uploaded_by, u.name AS uploader_name, f.created_at
    FROM attachments f LEFT JOIN users u ON u.id = f.uploaded_by
    WHERE f.org_id = ${orgId}::uuid AND (f.entity_id = ${collaborationId}::uuid
      OR f.entity_id IN (SELECT m.id FROM meetings m WHERE m.collaboration_id = ${collaborationId}::uuid)
      OR f.entity_id IN (SELECT a.id FROM action_items a WHERE a.collaboration_id = ${collaborationId}::uuid)
      OR f.entity_id IN (SELECT p.id FROM progress_updates p JOIN action_items a ON a.id = p.action_item_id WHERE a.collaboration_id = ${collaborationId}::uuid))
    ORDER BY f.created_at, f.id`);
  return rows.map((r) => ({ ...r, size: Number(r.size), created_at: new Date(r.created_at) }));
}
