import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Ways a receiver misbehaves on purpose, changeable while it runs. `failRate`: share of requests answered
 * 500 after the body was read (nothing accepted); `resetRate`: share whose socket is destroyed before the
 * body is read; `delayMs`: wait before answering (to trip the sender's timeout); `redirectTo`: answer
 * every request with a 307 to this URL.
 */
export type FailureModes = { failRate: number; resetRate: number; delayMs: number; redirectTo: string | undefined };

export type ReceivedRequest = { url: URL; headers: IncomingHttpHeaders; body: string; receivedAt: number };

/** One message the receiver took, as the platform would have posted it into the group. */
export type Accepted = { key: string; robot: string; body: unknown; headers: IncomingHttpHeaders; at: number };

/**
 * The platform's answer. `accept` records the message under its dedupe key (the `Idempotency-Key` or
 * `webhook-id` header) — only then does it count as delivered.
 */
export type Verdict = {
  status?: number;
  json?: unknown;
  headers?: Record<string, string>;
  accept?: { robot: string; body: unknown };
};

export type ReceiverStats = { requests: number; resets: number; failures: number; refusals: number };

export type HttpReceiver = {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  accepted: Accepted[];
  stats: ReceiverStats;
  /** How many times a dedupe key was accepted; more than 1 is a duplicate. */
  countOf(key: string): number;
  duplicates(): string[];
  configure(modes: Partial<FailureModes>): void;
  close(): Promise<void>;
};

export type ReceiverOptions = Partial<FailureModes> & {
  /** Source of randomness for failRate / resetRate; Math.random unless set (pass a seeded one to replay a run). */
  random?: () => number;
  /** Header whose value is the dedupe key; `idempotency-key` unless set. */
  keyHeader?: string;
};

/**
 * A real HTTP server on 127.0.0.1 with an ephemeral port that plays a platform: `answer` checks what
 * the platform checks and says what it would reply. The shared part here injects the failures and keeps
 * the ledger of accepted dedupe keys that the channel tests and the delivery suite assert on.
 */
export async function startHttpReceiver(
  answer: (request: ReceivedRequest) => Verdict,
  options: ReceiverOptions = {},
): Promise<HttpReceiver> {
  const modes: FailureModes = {
    failRate: options.failRate ?? 0,
    resetRate: options.resetRate ?? 0,
    delayMs: options.delayMs ?? 0,
    redirectTo: options.redirectTo,
  };
  const random = options.random ?? Math.random;
  const keyHeader = options.keyHeader ?? 'idempotency-key';
  const accepted: Accepted[] = [];
  const counts = new Map<string, number>();
  const stats: ReceiverStats = { requests: 0, resets: 0, failures: 0, refusals: 0 };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    stats.requests += 1;
    if (modes.resetRate > 0 && random() < modes.resetRate) {
      stats.resets += 1;
      req.socket.destroy();
      return;
    }
    if (modes.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, modes.delayMs));
    if (res.destroyed) return;
    const body = await readBody(req);
    if (modes.redirectTo) {
      res.writeHead(307, { location: modes.redirectTo }).end();
      return;
    }
    if (modes.failRate > 0 && random() < modes.failRate) {
      stats.failures += 1;
      reply(res, 500, { error: 'injected failure' });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = answer({ url, headers: req.headers, body, receivedAt: Date.now() });
    if (verdict.accept) {
      const key = String(req.headers[keyHeader] ?? '');
      accepted.push({ key, robot: verdict.accept.robot, body: verdict.accept.body, headers: req.headers, at: Date.now() });
      counts.set(key, (counts.get(key) ?? 0) + 1);
    } else {
      stats.refusals += 1;
    }
    reply(res, verdict.status ?? 200, verdict.json ?? {}, verdict.headers);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) reply(res, 500, { error: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    accepted,
    stats,
    countOf: (key) => counts.get(key) ?? 0,
    duplicates: () => [...counts].filter(([, count]) => count > 1).map(([key]) => key),
    configure: (changes) => Object.assign(modes, changes),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function reply(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}) {
  if (status === 204) {
    res.writeHead(204, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(json));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The platforms' "N messages a minute per robot": a sliding window per robot, counting only messages
 * that went into the group.
 */
export function createRateLimiter(limit: number, windowMs: number) {
  const sent = new Map<string, number[]>();
  const recent = (robot: string, now: number) => (sent.get(robot) ?? []).filter((at) => at > now - windowMs);
  return {
    /** True when the robot may send now; records the send. */
    take(robot: string, now: number): boolean {
      const window = recent(robot, now);
      if (window.length >= limit) {
        sent.set(robot, window);
        return false;
      }
      window.push(now);
      sent.set(robot, window);
      return true;
    },
    /** Milliseconds until the robot may send again. */
    waitMs(robot: string, now: number): number {
      const window = recent(robot, now);
      return window.length < limit ? 0 : (window[0] ?? now) + windowMs - now;
    },
  };
}

/** Parses a JSON request body; undefined when it is not a JSON object. */
export function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
