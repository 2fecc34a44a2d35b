import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeComReceiver } from '../../../../test/receivers/wecom.ts';
import type { WeComReceiver } from '../../../../test/receivers/wecom.ts';
import { transportFailureCases } from '../../../../test/receivers/transport-failures.ts';
import { send } from './wecom.ts';
import type { ChannelMessage } from './types.ts';

const options = { allowPrivate: true };

type Body = {
  msgtype: string;
  markdown?: { content: string };
  text?: { content: string; mentioned_list: string[]; mentioned_mobile_list: string[] };
};

function message(dedupeKey: string, extra: Partial<ChannelMessage> = {}): ChannelMessage {
  return {
    title: '明天截止：提交测试报告',
    text: '请在 **6 月 30 日** 前更新进度。',
    url: 'https://liaison.example.com/action-items/9',
    dedupeKey,
    ...extra,
  };
}

describe('WeCom robot channel', () => {
  let receiver: WeComReceiver;
  const bodyOf = (key: string) => receiver.accepted.find((a) => a.key === key)?.body as Body;

  beforeAll(async () => {
    receiver = await startWeComReceiver(['group-key', 'busy-key', 'failures-key']);
  });
  afterAll(() => receiver.close());

  it('delivers markdown with <@userid> mentions and the link', async () => {
    const result = await send({ url: receiver.robotUrl('group-key') }, message('wc:ok', { mentions: { userIds: ['ZhangSan'] } }), options);
    expect(result).toEqual({ ok: true });
    const content = bodyOf('wc:ok').markdown?.content ?? '';
    expect(bodyOf('wc:ok').msgtype).toBe('markdown');
    expect(content).toMatch(/^\*\*明天截止：提交测试报告\*\*/);
    expect(content).toContain('[查看详情](https://liaison.example.com/action-items/9)');
    expect(content).toContain('<@ZhangSan>');
  });

  it('switches to text when everyone or mobiles must be mentioned, which markdown cannot do', async () => {
    await send(
      { url: receiver.robotUrl('group-key') },
      message('wc:all', { mentions: { all: true, userIds: ['ZhangSan'], mobiles: ['13800000000'] } }),
      options,
    );
    expect(bodyOf('wc:all')).toMatchObject({
      msgtype: 'text',
      text: { mentioned_list: ['ZhangSan', '@all'], mentioned_mobile_list: ['13800000000'] },
    });
    expect(bodyOf('wc:all').text?.content).toContain('查看详情: https://liaison.example.com/action-items/9');
  });

  it('keeps user text from pinging someone and long text within the 4,096-byte limit', async () => {
    const text = `转告 <@boss>。${'进度说明'.repeat(600)}`;
    expect(await send({ url: receiver.robotUrl('group-key') }, message('wc:long', { text }), options)).toEqual({ ok: true });
    const content = bodyOf('wc:long').markdown?.content ?? '';
    expect(content).not.toContain('<@boss>');
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096);
    expect(content).toMatch(/…\n\n\[查看详情\]\(https:\/\/liaison\.example\.com\/action-items\/9\)$/);
  });

  it('reports an invalid key (93000) as a configuration error', async () => {
    const result = await send({ url: receiver.robotUrl('revoked') }, message('wc:bad-key'), options);
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('93000') });
  });

  it('turns the 21st message in a minute (45009) into a retry a minute later', async () => {
    for (let i = 0; i < 20; i += 1) {
      expect(await send({ url: receiver.robotUrl('busy-key') }, message(`wc:busy:${i}`), options)).toEqual({ ok: true });
    }
    const result = await send({ url: receiver.robotUrl('busy-key') }, message('wc:busy:20'), options);
    expect(result).toEqual({ ok: false, retryable: true, retryAfterMs: 60_000, error: expect.stringContaining('45009') });
  });

  describe('transport failures', () => {
    transportFailureCases({
      receiver: () => receiver,
      validUrl: () => receiver.robotUrl('failures-key'),
      send: (dedupeKey, sendOptions) => send({ url: receiver.robotUrl('failures-key') }, message(dedupeKey), sendOptions),
    });
  });
});
