import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { collaborations } from '../db/schema/index.ts';
import { findCollaborationWithFacts } from '../db/queries/collaborations.ts';
import { canReadCollaboration } from '../policies/collaboration.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { recordAudit } from './audit.ts';

/**
 * Thaws an archived collaboration so it can be corrected; admins only, and always audited, because the
 * archive is the record the quarterly review and any later dispute rely on. Its status (completed or
 * cancelled) is kept: archiving it again needs no other step.
 */
export async function unarchiveCollaboration(db: Db, actor: Actor, id: string, now: Date) {
  return db.transaction(async (tx) => {
    const found = await findCollaborationWithFacts(tx, actor, id, true);
    if (!found || !canReadCollaboration(actor, found.facts)) throw notFound();
    if (actor.role !== 'admin') throw forbidden('collaboration.unarchiveAdminsOnly');
    if (!found.row.archivedAt) throw new AppError('CONFLICT', { messageKey: 'collaboration.notArchived' });
    const [after] = await tx.update(collaborations).set({ archivedAt: null, updatedAt: now }).where(eq(collaborations.id, id)).returning();
    await recordAudit(tx, actor, now, {
      entityType: 'collaboration',
      entityId: id,
      collaborationId: id,
      action: 'unarchived',
      before: { archivedAt: found.row.archivedAt },
      after: { archivedAt: null },
    });
    return after!;
  });
}
