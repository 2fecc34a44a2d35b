import type { SecretBox } from './channels/secret-box.ts';

/**
 * The associated data a channel's sealed URL or secret is bound to: a sealed value copied onto another
 * channel row does not open there.
 */
export function sealContext(channelId: string, part: 'url' | 'secret'): string {
  return `channel:${channelId}:${part}`;
}

/** Seals a robot's URL (its token is the credential) and signing secret for the channels table. */
export function sealChannel(box: SecretBox, channelId: string, target: { url: string; secret?: string | null | undefined }) {
  return {
    url: box.seal(target.url, sealContext(channelId, 'url')),
    secret: target.secret ? box.seal(target.secret, sealContext(channelId, 'secret')) : null,
  };
}
