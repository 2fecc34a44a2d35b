import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeishuReceiver } from '../../../../test/receivers/feishu.ts';
import type { FeishuReceiver } from '../../../../test/receivers/feishu.ts';
import { transportFailureCases } from '../../../../test/receivers/transport-failures.ts';
import { send } from './feishu.ts';
import type { ChannelMessage } from './types.ts';

const secret = 'feishu-signing-secret-0123456789';
const options = { allowPrivate: true };

type Card = {
  msg_type: string;
  timestamp?: string;
  sign?: string;
  card: {
    header: { title: { tag: string; content: string } };
    elements: Array<{ tag: string; content?: string; actions?: Array<{ url: string; text: { content: string } }> }>;
  };
};

function message(dedupeKey: string, extra: Partial<ChannelMessage> = {}): ChannelMessage {
  return {
    title: '行动项已逾期 3 天：渠道方案',
    text: '负责人：张三\n原定完成日期：6 月 30 日',
    url: 'https://liaison.example.com/action-items/7',
    dedupeKey,
    ...extra,
  };
}

describe('Feishu bot channel', () => {
  let receiver: FeishuReceiver;

  beforeAll(async () => {
    receiver = await startFeishuReceiver({ signed: { secret }, open: {}, busy: { secret }, failures: { secret } });
  });
  afterAll(() => receiver.close());

  it('delivers a signed interactive card with the title, the text, a button and @-mentions', async () => {
    const result = await send(
      { url: receiver.hookUrl('signed'), secret },
      message('fs:ok', { mentions: { userIds: ['ou_3f1c'], emails: ['li.si@example.com'], all: true }, linkText: '打开' }),
      options,
    );
    expect(result).toEqual({ ok: true });
    const body = receiver.accepted.find((a) => a.key === 'fs:ok')?.body as Card;
    expect(body.msg_type).toBe('interactive');
    expect(body.timestamp).toMatch(/^\d{10}$/);
    expect(body.card.header.title).toEqual({ tag: 'plain_text', content: '行动项已逾期 3 天：渠道方案' });
    const [markdown, action] = body.card.elements;
    expect(markdown?.content).toContain('负责人：张三');
    expect(markdown?.content).toContain('<at id=all></at> <at id=ou_3f1c></at> <at email=li.si@example.com></at>');
    expect(action?.actions?.[0]).toMatchObject({ url: 'https://liaison.example.com/action-items/7', text: { content: '打开' } });
  });

  it('keeps user text from forging a mention', async () => {
    await send({ url: receiver.hookUrl('open') }, message('fs:forge', { text: '请看 <at id=all></at>' }), options);
    const body = receiver.accepted.find((a) => a.key === 'fs:forge')?.body as Card;
    expect(body.card.elements[0]?.content).toBe('请看 &lt;at id=all&gt;&lt;/at&gt;');
  });

  it('is refused for a wrong secret or a stale timestamp with 19021, permanently', async () => {
    const wrong = await send({ url: receiver.hookUrl('signed'), secret: 'other' }, message('fs:bad-sign'), options);
    expect(wrong).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('19021') });
    const stale = await send({ url: receiver.hookUrl('signed'), secret }, message('fs:stale'), {
      ...options,
      now: () => Date.now() - 2 * 3_600_000,
    });
    expect(stale).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('19021') });
    expect(receiver.countOf('fs:bad-sign') + receiver.countOf('fs:stale')).toBe(0);
  });

  it('reports an unknown hook as a configuration error', async () => {
    const result = await send({ url: receiver.hookUrl('gone') }, message('fs:gone'), options);
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('19001') });
  });

  it('turns Feishu frequency limiting (5 a second) into a retry with a delay', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => send({ url: receiver.hookUrl('busy'), secret }, message(`fs:busy:${i}`), options)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.find((r) => !r.ok)).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 60_000,
      error: expect.stringContaining('11232'),
    });
  });

  describe('transport failures', () => {
    transportFailureCases({
      receiver: () => receiver,
      validUrl: () => receiver.hookUrl('failures'),
      send: (dedupeKey, sendOptions) => send({ url: receiver.hookUrl('failures'), secret }, message(dedupeKey), sendOptions),
    });
  });
});
