import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { channels } from '../schema/index.ts';

export type ChannelRow = typeof channels.$inferSelect;

/** A channel of the organisation that was not removed, or null. */
export async function findChannel(db: DbOrTx, orgId: string, id: string, forUpdate = false): Promise<ChannelRow | null> {
  const query = db.select().from(channels).where(and(eq(channels.id, id), eq(channels.orgId, orgId), isNull(channels.disabledAt)));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** The chat groups of a collaboration, oldest first. */
export async function listCollaborationChannels(db: DbOrTx, orgId: string, collaborationId: string): Promise<ChannelRow[]> {
  return db
    .select()
    .from(channels)
    .where(and(eq(channels.orgId, orgId), eq(channels.collaborationId, collaborationId), isNull(channels.disabledAt)))
    .orderBy(asc(channels.createdAt), asc(channels.id));
}

/** The organisation's own channels (webhooks to other systems, departments' robots), oldest first. */
export async function listOrganizationChannels(db: DbOrTx, orgId: string): Promise<ChannelRow[]> {
  return db
    .select()
    .from(channels)
    .where(and(eq(channels.orgId, orgId), isNull(channels.collaborationId), isNull(channels.disabledAt)))
    .orderBy(asc(channels.createdAt), asc(channels.id));
}
