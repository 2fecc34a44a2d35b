import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { uuidv7 } from '../db/ids.ts';
import { channels } from '../db/schema/index.ts';
import type { ChannelRow } from '../db/queries/channels.ts';
import { findCollaborationWithFacts } from '../db/queries/collaborations.ts';
import { findDepartment } from '../db/queries/organization.ts';
import type { createOrgChannelBody } from '../../shared/schemas/channels.ts';
import { invalidField, notFound } from '../errors.ts';
import { channelAbilities } from '../policies/channel.ts';
import { assertWritable } from '../policies/guard.ts';
import { assertAdmin } from '../policies/organization.ts';
import type { SecretBox } from '../notifications/channels/secret-box.ts';
import { sealChannel } from '../notifications/channel-secrets.ts';
import { assertChannelTarget } from '../notifications/channel-target.ts';
import { recordAudit } from './audit.ts';
import { channelSnapshot } from './channel-access.ts';

export type CreateChannelInput = z.output<typeof createOrgChannelBody>;
export type ChannelSecurity = { secretBox: SecretBox; allowPrivate: boolean };

/**
 * Adds a chat group (a DingTalk, Feishu or WeCom robot, or a signed webhook) to a collaboration (its
 * editors) or to the organisation (admins; optionally a department's). The target is checked first
 * (shape, SSRF guard, webhook secret); URL and secret are sealed before they reach the database.
 */
export async function createChannel(
  db: Db,
  actor: Actor,
  now: Date,
  scope: { collaborationId: string } | { organization: true },
  input: CreateChannelInput,
  security: ChannelSecurity,
): Promise<ChannelRow> {
  await assertChannelTarget(input.kind, input, { allowPrivate: security.allowPrivate, secretRequired: true });
  return db.transaction(async (tx) => {
    let collaborationId: string | null = null;
    if ('collaborationId' in scope) {
      const collaboration = await findCollaborationWithFacts(tx, actor, scope.collaborationId, true);
      if (!collaboration) throw notFound();
      const abilities = channelAbilities(actor, collaboration.facts);
      assertWritable(abilities.read, abilities.archived, abilities.manage);
      collaborationId = collaboration.row.id;
    } else {
      assertAdmin(actor);
      if (input.departmentId && !(await findDepartment(tx, actor.orgId, input.departmentId))) throw invalidField('departmentId', 'department.notFound');
    }
    const id = uuidv7();
    const sealed = sealChannel(security.secretBox, id, input);
    const [row] = await tx
      .insert(channels)
      .values({
        id,
        orgId: actor.orgId,
        collaborationId,
        departmentId: collaborationId ? null : (input.departmentId ?? null),
        kind: input.kind,
        name: input.name,
        url: sealed.url,
        secret: sealed.secret,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, actor, now, {
      entityType: 'channel',
      entityId: id,
      collaborationId,
      action: 'created',
      after: channelSnapshot(row!, new URL(input.url).host),
    });
    return row!;
  });
}
