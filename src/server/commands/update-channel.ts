import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { channels } from '../db/schema/index.ts';
import type { ChannelRow } from '../db/queries/channels.ts';
import type { patchChannelBody } from '../../shared/schemas/channels.ts';
import { sealContext } from '../notifications/channel-secrets.ts';
import { assertChannelTarget } from '../notifications/channel-target.ts';
import { recordAudit } from './audit.ts';
import { channelSnapshot, loadChannel } from './channel-access.ts';
import type { ChannelSecurity } from './create-channel.ts';

/** Renames a chat group, or replaces its URL or secret (checked and sealed like a new one). Managers only. */
export async function updateChannel(
  db: Db,
  actor: Actor,
  now: Date,
  id: string,
  input: z.output<typeof patchChannelBody>,
  security: ChannelSecurity,
): Promise<ChannelRow> {
  return db.transaction(async (tx) => {
    const { channel } = await loadChannel(tx, actor, id, true);
    await assertChannelTarget(channel.kind, input, { allowPrivate: security.allowPrivate, secretRequired: false });
    const box = security.secretBox;
    const [row] = await tx
      .update(channels)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.url !== undefined ? { url: box.seal(input.url, sealContext(id, 'url')) } : {}),
        ...(input.secret !== undefined ? { secret: input.secret === null ? null : box.seal(input.secret, sealContext(id, 'secret')) } : {}),
        updatedAt: now,
      })
      .where(eq(channels.id, id))
      .returning();
    const host = (sealed: string) => {
      try {
        return new URL(box.open(sealed, sealContext(id, 'url'))).host;
      } catch {
        return null;
      }
    };
    await recordAudit(tx, actor, now, {
      entityType: 'channel',
      entityId: id,
      collaborationId: channel.collaborationId,
      action: 'updated',
      before: { ...channelSnapshot(channel, host(channel.url)), urlChanged: false },
      after: { ...channelSnapshot(row!, host(row!.url)), urlChanged: input.url !== undefined },
    });
    return row!;
  });
}
