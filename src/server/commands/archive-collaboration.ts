import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { collaborations } from '../db/schema/index.ts';
import { findCollaborationWithFacts } from '../db/queries/collaborations.ts';
import { collaborationAbilities } from '../policies/collaboration.ts';
import { assertWritable } from '../policies/guard.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from './audit.ts';

/** Freezes a finished collaboration: from now on every write to it or anything in it answers 409 ARCHIVED. */
export async function archiveCollaboration(db: Db, actor: Actor, id: string, now: Date) {
  return db.transaction(async (tx) => {
    const found = await findCollaborationWithFacts(tx, actor, id, true);
    const abilities = found ? collaborationAbilities(actor, found.facts) : null;
    assertWritable(Boolean(abilities?.read), Boolean(found?.facts.archived), Boolean(abilities?.archive));
    if (found!.row.status === 'active') throw new AppError('CONFLICT', { messageKey: 'collaboration.notFinished' });
    const [after] = await tx.update(collaborations).set({ archivedAt: now, updatedAt: now }).where(eq(collaborations.id, id)).returning();
    await recordAudit(tx, actor, now, { entityType: 'collaboration', entityId: id, collaborationId: id, action: 'archived', before: { archivedAt: null }, after: { archivedAt: now } });
    return after!;
  });
}
