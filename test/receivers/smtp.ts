import type { Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/** A decoded leaf of the MIME tree: its headers, its content type and its content as text. */
export type MimePart = { headers: Map<string, string>; contentType: string; body: string };

export type ReceivedMail = {
  raw: string;
  from: string;
  to: string[];
  headers: Map<string, string>;
  /** The Subject header with its RFC 2047 encoded words decoded. */
  subject: string;
  dedupeKey: string;
  parts: MimePart[];
};

/**
 * `failRate`: share of messages refused with 451 (temporary) after DATA; `rejectRate`: refused with 550
 * (permanent); `resetRate`: connection destroyed when DATA starts; `delayMs`: wait before answering DATA.
 */
export type SmtpFailureModes = { failRate: number; rejectRate: number; resetRate: number; delayMs: number };

export type SmtpReceiver = {
  port: number;
  /** SMTP_URL for this receiver, credentials included when it requires them. */
  url: string;
  messages: ReceivedMail[];
  stats: { sessions: number; resets: number; failures: number };
  countOf(dedupeKey: string): number;
  duplicates(): string[];
  configure(modes: Partial<SmtpFailureModes>): void;
  close(): Promise<void>;
};

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 with an ephemeral port, plain text without STARTTLS,
 * that keeps every message it accepts, keyed by X-Liaison-Dedupe-Key, decoded enough for assertions.
 * With `auth` it refuses senders without those credentials (535).
 */
export async function startSmtpReceiver(
  options: Partial<SmtpFailureModes> & { auth?: { user: string; pass: string }; random?: () => number } = {},
): Promise<SmtpReceiver> {
  const modes: SmtpFailureModes = {
    failRate: options.failRate ?? 0,
    rejectRate: options.rejectRate ?? 0,
    resetRate: options.resetRate ?? 0,
    delayMs: options.delayMs ?? 0,
  };
  const random = options.random ?? Math.random;
  const messages: ReceivedMail[] = [];
  const counts = new Map<string, number>();
  const stats = { sessions: 0, resets: 0, failures: 0 };
  const sockets = new Map<number, Socket>();
  const auth = options.auth;

  const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    disableReverseLookup: true,
    onConnect(_session, callback) {
      stats.sessions += 1;
      callback();
    },
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.pass) {
        callback(null, { user: credentials.username });
        return;
      }
      callback(smtpError(535, 'Authentication credentials invalid'));
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      if (modes.resetRate > 0 && random() < modes.resetRate) {
        stats.resets += 1;
        sockets.get(session.remotePort)?.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        setTimeout(() => {
          if (modes.failRate > 0 && random() < modes.failRate) {
            stats.failures += 1;
            callback(smtpError(451, 'Requested action aborted: injected failure'));
            return;
          }
          if (modes.rejectRate > 0 && random() < modes.rejectRate) {
            stats.failures += 1;
            callback(smtpError(550, 'Mailbox unavailable: injected rejection'));
            return;
          }
          const envelope = session.envelope;
          const mail = parseMail(Buffer.concat(chunks).toString('utf8'), {
            from: envelope.mailFrom ? envelope.mailFrom.address : '',
            to: envelope.rcptTo.map((rcpt) => rcpt.address),
          });
          messages.push(mail);
          counts.set(mail.dedupeKey, (counts.get(mail.dedupeKey) ?? 0) + 1);
          callback();
        }, modes.delayMs);
      });
    },
  });
  server.server.on('connection', (socket: Socket) => {
    const port = socket.remotePort ?? 0;
    sockets.set(port, socket);
    socket.on('close', () => sockets.delete(port));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : '';

  return {
    port,
    url: `smtp://${credentials}127.0.0.1:${port}`,
    messages,
    stats,
    countOf: (key) => counts.get(key) ?? 0,
    duplicates: () => [...counts].filter(([, count]) => count > 1).map(([key]) => key),
    configure: (changes) => Object.assign(modes, changes),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets.values()) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Parses a raw RFC 5322 message into headers and decoded MIME leaves: enough to assert on, not a general parser. */
export function parseMail(raw: string, envelope: { from: string; to: string[] } = { from: '', to: [] }): ReceivedMail {
  const { headers, body } = splitEntity(raw);
  return {
    raw,
    ...envelope,
    headers,
    subject: decodeEncodedWords(headers.get('subject') ?? ''),
    dedupeKey: headers.get('x-liaison-dedupe-key') ?? '',
    parts: leaves(headers, body),
  };
}

function splitEntity(text: string): { headers: Map<string, string>; body: string } {
  const normalized = text.replace(/\r\n/g, '\n');
  const end = normalized.indexOf('\n\n');
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const body = end === -1 ? '' : normalized.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n(?=[ \t])/g, '').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function leaves(headers: Map<string, string>, body: string): MimePart[] {
  const contentType = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!contentType.toLowerCase().startsWith('multipart/') || !boundary) {
    return [{ headers, contentType, body: decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit') }];
  }
  const sections = body.split(`--${boundary}`).slice(1);
  return sections
    .filter((section) => !section.startsWith('--'))
    .flatMap((section) => {
      const part = splitEntity(section.replace(/^\n/, ''));
      return leaves(part.headers, part.body);
    });
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return decodeQuotedPrintable(body.replace(/=\n/g, ''));
    default:
      return body.replace(/\n$/, '');
  }
}

function decodeQuotedPrintable(text: string): string {
  return quotedPrintableBytes(text).toString('utf8');
}

function quotedPrintableBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/**
 * RFC 2047: `=?charset?B|Q?…?=` words, the whitespace between adjacent encoded words dropped, and a run
 * of adjacent words decoded as one byte sequence (a character may be split across two words).
 */
export function decodeEncodedWords(value: string): string {
  const word = /=\?[^?]+\?([BbQq])\?([^?]*)\?=/g;
  const run = /(?:=\?[^?]+\?[BbQq]\?[^?]*\?=)+/g;
  return value.replace(/(\?=)\s+(?==\?)/g, '$1').replace(run, (words) => {
    const bytes = [...words.matchAll(word)].map(([, encoding = 'B', text = '']) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : quotedPrintableBytes(text.replace(/_/g, ' ')),
    );
    return Buffer.concat(bytes).toString('utf8');
  });
}
