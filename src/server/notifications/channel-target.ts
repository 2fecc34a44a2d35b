import { Webhook } from 'standardwebhooks';
import { AppError, invalidField } from '../errors.ts';
import type { ChatChannelKind } from '../../shared/notification-events.ts';
import { assertSafeTarget, UnsafeTargetError } from './channels/ssrf-guard.ts';

const platformNames: Record<ChatChannelKind, string> = { dingtalk: '钉钉', feishu: '飞书', wecom: '企业微信', webhook: 'Webhook' };

/** What each platform's robot URL looks like, so a pasted group link or a typo is refused at once. */
const urlShapes: Record<ChatChannelKind, (url: URL) => boolean> = {
  dingtalk: (url) => url.pathname.endsWith('/robot/send') && Boolean(url.searchParams.get('access_token')),
  feishu: (url) => /\/open-apis\/bot\/v2\/hook\/[^/]+$/.test(url.pathname),
  wecom: (url) => url.pathname.endsWith('/webhook/send') && Boolean(url.searchParams.get('key')),
  webhook: () => true,
};

/**
 * Checks a robot or webhook before it is stored: the URL has the platform's shape, passes the SSRF
 * guard (no private or loopback address unless LIAISON_WEBHOOK_ALLOW_PRIVATE=1; metadata endpoints
 * never), and a webhook has a usable Standard Webhooks secret. Each refusal is a 400 naming the field.
 */
export async function assertChannelTarget(
  kind: ChatChannelKind,
  target: { url?: string | undefined; secret?: string | null | undefined },
  options: { allowPrivate: boolean; secretRequired: boolean },
): Promise<void> {
  if (target.url !== undefined) {
    const url = new URL(target.url);
    if (!urlShapes[kind](url)) throw invalidField('url', 'channel.urlShape', { kind: platformNames[kind] });
    try {
      await assertSafeTarget(url, { allowPrivate: options.allowPrivate });
    } catch (error) {
      if (error instanceof UnsafeTargetError) throw invalidField('url', error.reason === 'private' ? 'channel.privateUrl' : 'channel.unsafeUrl');
      throw invalidField('url', 'channel.unresolvable');
    }
  }
  if (kind !== 'webhook') return;
  if (target.secret === null || (target.secret === undefined && options.secretRequired)) throw invalidField('secret', 'channel.secretRequired');
  if (target.secret) {
    try {
      new Webhook(target.secret);
    } catch {
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'secret', message: 'channel.secretInvalid' }] });
    }
  }
}
