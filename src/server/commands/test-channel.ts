import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import type { Locale } from '../i18n/messages.ts';
import { sealContext } from '../notifications/channel-secrets.ts';
import * as dingtalk from '../notifications/channels/dingtalk.ts';
import * as feishu from '../notifications/channels/feishu.ts';
import * as webhook from '../notifications/channels/webhook.ts';
import * as wecom from '../notifications/channels/wecom.ts';
import { failure, type ChannelMessage, type DeliveryResult } from '../notifications/channels/types.ts';
import type { SendSettings } from '../notifications/deliver.ts';
import { recordAudit } from './audit.ts';
import { loadChannel } from './channel-access.ts';

/**
 * Sends a test message to a chat group at once (managers only) and answers the platform's verdict, so
 * whoever configured it sees "sign not match" or "keywords not in content" right away. Audited; the
 * message goes out once, outside the outbox (there is nothing to retry: the person is watching).
 */
export async function testChannel(db: Db, actor: Actor, now: Date, id: string, locale: Locale, settings: SendSettings): Promise<DeliveryResult> {
  const { channel } = await db.transaction((tx) => loadChannel(tx, actor, id, true));
  const en = locale === 'en';
  const message: ChannelMessage = {
    title: en ? 'Liaison test message' : 'Liaison 测试消息',
    text: en
      ? `Liaison can post to "${channel.name}". Reminders, published records and escalations will arrive here. (Sent by ${actor.name})`
      : `Liaison 已能向「${channel.name}」发送消息：会议纪要、提醒和逾期升级将发到这里。（${actor.name} 发送）`,
    url: `${settings.publicUrl.replace(/\/$/, '')}/${channel.collaborationId ? `collaborations/${channel.collaborationId}` : ''}`,
    dedupeKey: `channel_test:${channel.id}:${randomUUID()}`,
    event: 'channel_test',
  };
  let result: DeliveryResult;
  try {
    const url = settings.secretBox.open(channel.url, sealContext(id, 'url'));
    const secret = channel.secret ? settings.secretBox.open(channel.secret, sealContext(id, 'secret')) : undefined;
    const options = { allowPrivate: settings.allowPrivate, ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}) };
    const target = { url, ...(secret ? { secret } : {}) };
    if (channel.kind === 'dingtalk') result = await dingtalk.send(target, message, options);
    else if (channel.kind === 'feishu') result = await feishu.send(target, message, options);
    else if (channel.kind === 'wecom') result = await wecom.send(target, message, options);
    else result = secret ? await webhook.send({ url, secret }, message, options) : failure(false, 'a webhook needs its signing secret');
  } catch (error) {
    result = failure(false, (error as Error).message);
  }
  await db.transaction((tx) =>
    recordAudit(tx, actor, now, {
      entityType: 'channel',
      entityId: id,
      collaborationId: channel.collaborationId,
      action: 'tested',
      after: { delivered: result.ok, error: result.ok ? null : result.error },
    }),
  );
  return result;
}
