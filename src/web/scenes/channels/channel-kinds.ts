import type { ChannelKind } from '../../api/channels.ts';
import type { MessageKey } from '../../i18n/translate.ts';

export const CHANNEL_KINDS: readonly ChannelKind[] = ['dingtalk', 'feishu', 'wecom', 'webhook'];

export const kindColor: Record<ChannelKind, string> = { dingtalk: 'blue', feishu: 'cyan', wecom: 'green', webhook: 'purple' };

/** Where to find the robot's address and secret on each platform, shown under the form's fields. */
export const kindHelp: Record<ChannelKind, { url: MessageKey; secret: MessageKey }> = {
  dingtalk: { url: 'channels.urlHelpDingtalk', secret: 'channels.secretHelpDingtalk' },
  feishu: { url: 'channels.urlHelpFeishu', secret: 'channels.secretHelpFeishu' },
  wecom: { url: 'channels.urlHelpWecom', secret: 'channels.secretHelpWecom' },
  webhook: { url: 'channels.urlHelpWebhook', secret: 'channels.secretHelpWebhook' },
};
