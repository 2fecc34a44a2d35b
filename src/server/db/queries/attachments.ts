import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { attachments, users } from '../schema/index.ts';

export type AttachmentRow = typeof attachments.$inferSelect;
export type AttachmentWithUploader = { attachment: AttachmentRow; uploaderName: string | null };

/** The files of one thing (an action item), oldest first, with who uploaded each. */
export async function listAttachments(db: DbOrTx, orgId: string, entityType: string, entityId: string): Promise<AttachmentWithUploader[]> {
  return db
    .select({ attachment: attachments, uploaderName: users.name })
    .from(attachments)
    .leftJoin(users, eq(users.id, attachments.uploadedBy))
    .where(and(eq(attachments.orgId, orgId), eq(attachments.entityType, entityType), eq(attachments.entityId, entityId)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

/** One attachment of the organisation, whoever asks (callers check they may read what it belongs to). */
export async function findAttachment(db: DbOrTx, orgId: string, id: string, lock = false): Promise<AttachmentRow | null> {
  const query = db.select().from(attachments).where(and(eq(attachments.orgId, orgId), eq(attachments.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}
