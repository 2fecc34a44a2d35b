import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDingTalkReceiver } from '../../../../test/receivers/dingtalk.ts';
import type { DingTalkReceiver } from '../../../../test/receivers/dingtalk.ts';
import { transportFailureCases } from '../../../../test/receivers/transport-failures.ts';
import { send } from './dingtalk.ts';
import type { ChannelMessage } from './types.ts';

const secret = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd';
const options = { allowPrivate: true };

function message(dedupeKey: string, extra: Partial<ChannelMessage> = {}): ChannelMessage {
  return {
    title: '会议纪要已发布：新品上市协作',
    text: '**行动项**\n- 完成渠道方案（张三，6 月 30 日前）',
    url: 'https://liaison.example.com/collaborations/1',
    dedupeKey,
    ...extra,
  };
}

describe('DingTalk robot channel', () => {
  let receiver: DingTalkReceiver;

  beforeAll(async () => {
    receiver = await startDingTalkReceiver({
      signed: { secret },
      keyword: { keywords: ['协作'] },
      busy: { secret },
      failures: { secret },
    });
  });
  afterAll(() => receiver.close());

  it('delivers a signed markdown message that @-mentions by mobile and userId', async () => {
    const result = await send(
      { url: receiver.robotUrl('signed'), secret },
      message('dt:ok', { mentions: { mobiles: ['13800000000'], userIds: ['manager01'] } }),
      options,
    );
    expect(result).toEqual({ ok: true });
    expect(receiver.countOf('dt:ok')).toBe(1);
    const body = receiver.accepted.find((a) => a.key === 'dt:ok')?.body as {
      msgtype: string;
      markdown: { title: string; text: string };
      at: unknown;
    };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('会议纪要已发布：新品上市协作');
    expect(body.markdown.text).toContain('[查看详情](https://liaison.example.com/collaborations/1)');
    expect(body.markdown.text).toContain('@13800000000 @manager01');
    expect(body.at).toEqual({ atMobiles: ['13800000000'], atUserIds: ['manager01'], isAtAll: false });
  });

  it('is refused for a wrong secret, permanently', async () => {
    const result = await send({ url: receiver.robotUrl('signed'), secret: `${secret}x` }, message('dt:bad-sign'), options);
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('310000') });
    expect(receiver.countOf('dt:bad-sign')).toBe(0);
  });

  it('is refused for a missing signature or a timestamp more than an hour off', async () => {
    const unsigned = await send({ url: receiver.robotUrl('signed') }, message('dt:unsigned'), options);
    expect(unsigned).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('310000') });
    const stale = await send({ url: receiver.robotUrl('signed'), secret }, message('dt:stale'), {
      ...options,
      now: () => Date.now() - 2 * 3_600_000,
    });
    expect(stale).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('310000') });
  });

  it('passes keyword security only when a keyword is in the message', async () => {
    expect(await send({ url: receiver.robotUrl('keyword') }, message('dt:keyword'), options)).toEqual({ ok: true });
    const missing = await send({ url: receiver.robotUrl('keyword') }, message('dt:no-keyword', { title: '提醒', text: '请更新进度' }), options);
    expect(missing).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('keywords not in content') });
  });

  it('reports an unknown robot token as a configuration error', async () => {
    const result = await send({ url: receiver.robotUrl('deleted') }, message('dt:unknown'), options);
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('300001') });
  });

  it('turns the 21st message in a minute into a retry a minute later', async () => {
    for (let i = 0; i < 20; i += 1) {
      expect(await send({ url: receiver.robotUrl('busy'), secret }, message(`dt:busy:${i}`), options)).toEqual({ ok: true });
    }
    const result = await send({ url: receiver.robotUrl('busy'), secret }, message('dt:busy:20'), options);
    expect(result).toEqual({ ok: false, retryable: true, retryAfterMs: 60_000, error: expect.stringContaining('130101') });
    expect(receiver.countOf('dt:busy:20')).toBe(0);
  });

  describe('transport failures', () => {
    transportFailureCases({
      receiver: () => receiver,
      validUrl: () => receiver.robotUrl('failures'),
      send: (dedupeKey, sendOptions) => send({ url: receiver.robotUrl('failures'), secret }, message(dedupeKey), sendOptions),
    });
  });
});
