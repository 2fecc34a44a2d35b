import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpReceiver } from '../../../../test/receivers/smtp.ts';
import type { SmtpReceiver } from '../../../../test/receivers/smtp.ts';
import { createMailTransport, send } from './email.ts';
import type { EmailMessage, MailTransport } from './email.ts';

const from = '"Liaison 协作提醒" <noreply@liaison.example.com>';
const ics = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Liaison//Meetings//ZH',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:meeting-5@liaison.example.com',
  'SEQUENCE:0',
  'DTSTAMP:20250601T020000Z',
  'DTSTART;TZID=Asia/Shanghai:20250603T140000',
  'DTEND;TZID=Asia/Shanghai:20250603T150000',
  'SUMMARY:进度同步会',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

function mail(dedupeKey: string, extra: Partial<EmailMessage> = {}): EmailMessage {
  return {
    to: 'zhang.san@example.com',
    subject: '【议程】新品上市协作 · 进度同步会（6 月 3 日 14:00）',
    text: '会议议程：\n1. 渠道方案进展\n2. 风险与备注',
    html: '<h1>会议议程</h1><ol><li>渠道方案进展</li><li>风险与备注</li></ol>',
    dedupeKey,
    ...extra,
  };
}

describe('e-mail channel', () => {
  let receiver: SmtpReceiver;
  let transport: MailTransport;

  beforeAll(async () => {
    receiver = await startSmtpReceiver({ auth: { user: 'liaison', pass: 's3cret:密码' } });
    transport = createMailTransport(receiver.url);
  });
  afterEach(() => receiver.configure({ failRate: 0, rejectRate: 0, resetRate: 0, delayMs: 0 }));
  afterAll(async () => {
    transport.close();
    await receiver.close();
  });

  it('delivers a Chinese subject intact with text and HTML parts and the .ics invitation', async () => {
    const result = await send(mail('mail:ok', { ics: { content: ics } }), { transport, from });
    expect(result).toEqual({ ok: true });
    const received = receiver.messages.find((m) => m.dedupeKey === 'mail:ok');
    expect(received?.subject).toBe('【议程】新品上市协作 · 进度同步会（6 月 3 日 14:00）');
    expect(received?.headers.get('subject')).toMatch(/^=\?UTF-8\?/); // encoded on the wire, not raw UTF-8
    expect(received?.to).toEqual(['zhang.san@example.com']);
    expect(received?.headers.get('auto-submitted')).toBe('auto-generated');

    const part = (type: string) => received?.parts.find((p) => p.contentType.toLowerCase().startsWith(type));
    expect(part('text/plain')?.body).toBe('会议议程：\n1. 渠道方案进展\n2. 风险与备注');
    expect(part('text/html')?.body).toContain('<li>渠道方案进展</li>');
    const calendar = part('text/calendar');
    expect(calendar?.contentType).toMatch(/^text\/calendar; charset=utf-8; method=REQUEST$/i);
    expect(calendar?.body).toContain('SUMMARY:进度同步会');
    const attachment = received?.parts.find((p) => /filename="?invite\.ics"?/.test(p.headers.get('content-disposition') ?? ''));
    expect(attachment?.body).toContain('UID:meeting-5@liaison.example.com');
  });

  it('gives a retried message the same Message-ID', async () => {
    await send(mail('mail:twice'), { transport, from });
    await send(mail('mail:twice'), { transport, from });
    const ids = receiver.messages.filter((m) => m.dedupeKey === 'mail:twice').map((m) => m.headers.get('message-id'));
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^<[0-9a-f]{40}@liaison\.example\.com>$/);
    expect(ids[1]).toBe(ids[0]);
  });

  it('sends through a pool of connections, each message once', async () => {
    const pooled = createMailTransport(receiver.url, { pool: true });
    try {
      const keys = Array.from({ length: 20 }, (_, i) => `mail:pool:${i}`);
      const results = await Promise.all(keys.map((key) => send(mail(key), { transport: pooled, from })));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(keys.map((key) => receiver.countOf(key))).toEqual(keys.map(() => 1));
    } finally {
      pooled.close();
    }
  });

  it('sends a cancellation with method CANCEL', async () => {
    await send(mail('mail:cancel', { ics: { content: ics.replace('METHOD:REQUEST', 'METHOD:CANCEL'), method: 'CANCEL' } }), { transport, from });
    const calendar = receiver.messages.find((m) => m.dedupeKey === 'mail:cancel')?.parts.find((p) => p.contentType.startsWith('text/calendar'));
    expect(calendar?.contentType).toMatch(/method=CANCEL/);
  });

  it('treats a temporary SMTP refusal (451) as retryable and a permanent one (550) as final', async () => {
    receiver.configure({ failRate: 1 });
    expect(await send(mail('mail:451'), { transport, from })).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('451') });
    receiver.configure({ failRate: 0, rejectRate: 1 });
    expect(await send(mail('mail:550'), { transport, from })).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('550') });
    expect(receiver.countOf('mail:451') + receiver.countOf('mail:550')).toBe(0);
  });

  it('treats a connection dropped during DATA as retryable', async () => {
    receiver.configure({ resetRate: 1 });
    const result = await send(mail('mail:reset'), { transport, from });
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(receiver.countOf('mail:reset')).toBe(0);
  });

  it('gives up on a server that stops answering and calls it retryable', async () => {
    receiver.configure({ delayMs: 500 });
    const slow = createMailTransport(receiver.url, { timeoutMs: 150 });
    try {
      expect(await send(mail('mail:slow'), { transport: slow, from })).toMatchObject({
        ok: false,
        retryable: true,
        error: expect.stringContaining('ETIMEDOUT'),
      });
    } finally {
      slow.close();
    }
  });

  it('treats wrong credentials as a configuration error', async () => {
    const wrong = createMailTransport(receiver.url.replace('s3cret', 'wrong'));
    try {
      expect(await send(mail('mail:auth'), { transport: wrong, from })).toMatchObject({
        ok: false,
        retryable: false,
        error: expect.stringContaining('535'),
      });
    } finally {
      wrong.close();
    }
  });

  it('treats a mail server that is down as retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = createMailTransport(`smtp://127.0.0.1:${port}`);
    try {
      expect(await send(mail('mail:down'), { transport: down, from })).toMatchObject({ ok: false, retryable: true });
    } finally {
      down.close();
    }
  });
});
