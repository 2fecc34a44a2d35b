import type { Actor } from '../auth/actor.ts';
import type { DbOrTx } from '../db/client.ts';
import { findChannel, type ChannelRow } from '../db/queries/channels.ts';
import { findCollaborationWithFacts } from '../db/queries/collaborations.ts';
import { notFound } from '../errors.ts';
import { channelAbilities, type ChannelAbilities } from '../policies/channel.ts';
import { assertWritable } from '../policies/guard.ts';

/**
 * A channel and what the caller may do with it; not visible → 404. With `forWrite` (inside a command)
 * the collaboration is locked before the channel, the order every writer uses, and the caller must be
 * allowed to manage it (archived → 409, not allowed → 403).
 */
export async function loadChannel(tx: DbOrTx, actor: Actor, id: string, forWrite: boolean): Promise<{ channel: ChannelRow; abilities: ChannelAbilities }> {
  const found = await findChannel(tx, actor.orgId, id);
  if (!found) throw notFound();
  const collaboration = found.collaborationId ? await findCollaborationWithFacts(tx, actor, found.collaborationId, forWrite) : null;
  if (found.collaborationId && !collaboration) throw notFound();
  const abilities = channelAbilities(actor, collaboration?.facts ?? null);
  if (forWrite) assertWritable(abilities.read, abilities.archived, abilities.manage);
  else if (!abilities.read) throw notFound();
  const channel = forWrite ? await findChannel(tx, actor.orgId, id, true) : found;
  if (!channel) throw notFound();
  return { channel, abilities };
}

/** What a channel's history shows: never its URL or secret. */
export function channelSnapshot(row: Pick<ChannelRow, 'kind' | 'name' | 'collaborationId' | 'departmentId' | 'secret'>, host: string | null) {
  return { kind: row.kind, name: row.name, collaborationId: row.collaborationId, departmentId: row.departmentId, host, hasSecret: row.secret !== null };
}
