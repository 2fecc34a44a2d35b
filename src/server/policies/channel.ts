import type { Actor } from '../auth/actor.ts';
import { collaborationAbilities, type CollaborationAccessFacts } from './collaboration.ts';

export type ChannelAbilities = { read: boolean; manage: boolean; archived: boolean };

/**
 * Who sees and manages a chat group: a collaboration's groups are read by its readers and managed by
 * its editors (`manageChannels`, not once archived); the organisation's own channels are the admins'.
 */
export function channelAbilities(actor: Actor, collaboration: CollaborationAccessFacts | null): ChannelAbilities {
  if (!collaboration) {
    const admin = actor.role === 'admin';
    return { read: admin, manage: admin, archived: false };
  }
  const abilities = collaborationAbilities(actor, collaboration);
  return { read: abilities.read, manage: abilities.manageChannels, archived: collaboration.archived };
}
