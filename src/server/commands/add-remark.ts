import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { collaborations, remarks } from '../db/schema/index.ts';
import { findCollaborationWithFacts } from '../db/queries/collaborations.ts';
import { collaborationAbilities } from '../policies/collaboration.ts';
import { assertWritable } from '../policies/guard.ts';
import { enqueueNotifications } from '../notifications/outbox.ts';
import { recordAudit } from './audit.ts';
import { collaborationEditorIds } from '../db/queries/collaboration-people.ts';
import { withSearchText } from '../search/search-text.ts';

/** Appends to the 风险与备注 log and tells the collaboration's editors. */
export async function addRemark(db: Db, actor: Actor, collaborationId: string, input: { text: string; kind: 'remark' | 'risk' }, now: Date) {
  return db.transaction(async (tx) => {
    const found = await findCollaborationWithFacts(tx, actor, collaborationId, true);
    const abilities = found ? collaborationAbilities(actor, found.facts) : null;
    assertWritable(Boolean(abilities?.read), Boolean(found?.facts.archived), Boolean(abilities?.addRemark));
    const [row] = await tx
      .insert(remarks)
      .values(withSearchText('remarks', { orgId: actor.orgId, collaborationId, authorId: actor.userId, kind: input.kind, text: input.text, createdAt: now }))
      .returning();
    await tx.update(collaborations).set({ updatedAt: now }).where(eq(collaborations.id, collaborationId));
    await recordAudit(tx, actor, now, { entityType: 'remark', entityId: row!.id, collaborationId, action: 'created', after: { kind: row!.kind, text: row!.text } });
    const recipients = (await collaborationEditorIds(tx, found!.row)).filter((id) => id !== actor.userId);
    await enqueueNotifications(tx, {
      orgId: actor.orgId,
      event: 'remark_added',
      recipientIds: recipients,
      entityType: 'remark',
      entityId: row!.id,
      collaborationId,
      payload: { collaborationTopic: found!.row.topic, kind: row!.kind, text: row!.text, author: actor.name },
      now,
    });
    return row!;
  });
}
