import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { attachments } from '../db/schema/index.ts';
import { lockActionItem, type ActionItemRecord } from '../db/queries/action-items.ts';
import { findAttachment, type AttachmentRow } from '../db/queries/attachments.ts';
import { assertActionItemWritable, canEditActionItem, canPostProgress } from '../policies/action-item.ts';
import type { ActionItemAccess } from '../policies/action-item.ts';
import { notFound } from '../errors.ts';
import { sha256Of, type AttachmentStorage } from '../attachments/storage.ts';
import { recordAudit } from './audit.ts';

export type UploadedFile = { buffer: Buffer; fileName: string; mime: string };

/** Serializes every writer of one content hash: a file is never removed while another upload is adding a row for it. */
async function lockContent(tx: DbOrTx, sha256: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`attachment:${sha256}`}))`);
}

/** Who may attach a deliverable: the item's owner (who reports its progress) and its editors. */
export const canAttach = canPostProgress;

/** Who may remove one: whoever uploaded it, and the item's editors. */
export function canRemoveAttachment(attachment: Pick<AttachmentRow, 'uploadedBy'>) {
  return (actor: Actor, access: ActionItemAccess) => attachment.uploadedBy === actor.userId || canEditActionItem(actor, access);
}

const auditFields = (row: AttachmentRow) => ({ attachmentId: row.id, fileName: row.fileName, mime: row.mime, size: row.size });
const restrictedTo = (record: ActionItemRecord) => (record.item.sensitive ? record.item.visibleToUserIds : null);

/**
 * Attaches a checked file (交付成果) to an action item: the bytes are stored durably by their hash, then
 * the row and its audit event are written in one transaction under the item's lock.
 */
export async function attachFile(db: Db, storage: AttachmentStorage, actor: Actor, itemId: string, file: UploadedFile, now: Date): Promise<AttachmentRow> {
  const sha256 = sha256Of(file.buffer);
  return db.transaction(async (tx) => {
    const locked = await lockActionItem(tx, actor, itemId);
    if (!locked) throw notFound();
    assertActionItemWritable(actor, locked.record, locked.readable, canAttach);
    await lockContent(tx, sha256);
    await storage.put(file.buffer);
    const [row] = await tx
      .insert(attachments)
      .values({
        orgId: actor.orgId,
        sha256,
        mime: file.mime,
        size: file.buffer.length,
        fileName: file.fileName,
        entityType: 'action_item',
        entityId: locked.record.item.id,
        uploadedBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, actor, now, {
      entityType: 'action_item',
      entityId: locked.record.item.id,
      collaborationId: locked.record.item.collaborationId,
      action: 'attachment_added',
      after: auditFields(row!),
      restrictedTo: restrictedTo(locked.record),
    });
    return row!;
  });
}

/**
 * Removes an attachment (row and audit event in one transaction); the file itself goes once no other
 * attachment — in any organisation — has the same content.
 */
export async function removeAttachment(db: Db, storage: AttachmentStorage, actor: Actor, attachmentId: string, now: Date): Promise<void> {
  const removed = await db.transaction(async (tx) => {
    const row = await findAttachment(tx, actor.orgId, attachmentId);
    if (!row || row.entityType !== 'action_item') throw notFound();
    const locked = await lockActionItem(tx, actor, row.entityId);
    if (!locked) throw notFound();
    assertActionItemWritable(actor, locked.record, locked.readable, canRemoveAttachment(row));
    const [gone] = await tx.delete(attachments).where(and(eq(attachments.id, row.id), eq(attachments.orgId, actor.orgId))).returning();
    if (!gone) throw notFound();
    await recordAudit(tx, actor, now, {
      entityType: 'action_item',
      entityId: locked.record.item.id,
      collaborationId: locked.record.item.collaborationId,
      action: 'attachment_removed',
      before: auditFields(gone),
      restrictedTo: restrictedTo(locked.record),
    });
    return gone;
  });
  await db.transaction(async (tx) => {
    await lockContent(tx, removed.sha256);
    const [still] = await tx.select({ id: attachments.id }).from(attachments).where(eq(attachments.sha256, removed.sha256)).limit(1);
    if (!still) await storage.remove(removed.sha256);
  });
}
