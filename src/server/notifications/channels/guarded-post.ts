import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { assertSafeTarget, UnsafeTargetError } from './ssrf-guard.ts';
import type { DeliveryFailure, DeliveryResult, HttpChannelOptions } from './types.ts';
import { defaultTimeoutMs, failure } from './types.ts';

/** A response as it came back (the body cut at 64 KiB); judgeHttpStatus or the channel reads it. */
export type HttpReply = { status: number; headers: http.IncomingHttpHeaders; body: string };

export type PostOutcome = { kind: 'reply'; reply: HttpReply } | { kind: 'failed'; failure: DeliveryFailure };

const maxResponseBytes = 64 * 1024;

/**
 * POSTs a JSON text (exactly these bytes: a signature may cover them) to a robot or webhook URL the way
 * every HTTP channel must: through the SSRF guard, connected only to the addresses the guard checked (no
 * second DNS answer can swap in 127.0.0.1), within the timeout (DNS included) and never following a
 * redirect. A refused target is a permanent failure; a timeout or a broken connection a retryable one;
 * any response comes back as it is, for judgeHttpStatus or the platform's own error codes.
 */
export async function postJson(
  url: string,
  json: string,
  options: HttpChannelOptions & { headers?: Record<string, string> },
): Promise<PostOutcome> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const target = await untilAborted(assertSafeTarget(url, { allowPrivate: options.allowPrivate }), signal);
    const reply = await request(target.url, target.addresses, json, options.headers ?? {}, signal);
    return { kind: 'reply', reply };
  } catch (error) {
    if (error instanceof UnsafeTargetError) return failed(false, `refused target: ${error.message}`);
    if (signal.aborted) return failed(true, `no answer within ${timeoutMs / 1000} s`);
    return failed(isRetryableNetworkError(error), `network error: ${describe(error)}`);
  }
}

async function request(
  url: URL,
  addresses: LookupAddress[],
  payload: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<HttpReply> {
  const client = url.protocol === 'https:' ? https : http;
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = client.request(url, {
      method: 'POST',
      // One connection per attempt: robots see a handful of messages a minute, and a pooled socket the
      // receiver already closed would turn into a spurious reset.
      agent: false,
      lookup: pinnedLookup(addresses),
      signal,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(payload)),
        'user-agent': 'Liaison-Notifications/1',
        ...headers,
      },
    });
    req.on('error', reject);
    req.on('response', resolve);
    req.end(payload);
  });
  // The signal also covers the body: aborting destroys the socket, which ends this loop with an error.
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxResponseBytes) {
      res.destroy();
      break;
    }
    chunks.push(chunk);
  }
  return { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') };
}

/** A slow resolver must not outlast the attempt's timeout. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** Hands the connection exactly the addresses the guard approved, whichever way net asks for them. */
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
    const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
    const first = usable[0];
    if (!first) {
      const error: NodeJS.ErrnoException = new Error('no checked address of the requested family');
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
      return;
    }
    if (options.all) callback(null, usable);
    else callback(null, first.address, first.family);
  };
}

/**
 * What an HTTP status means for delivery: 2xx delivered; 3xx a failure (redirects are not followed, the
 * admin should configure the final URL); 5xx, 408 and 429 retryable, 429 and 503 after their
 * Retry-After; any other 4xx permanent.
 */
export function judgeHttpStatus(reply: HttpReply, now: number): DeliveryResult {
  const { status } = reply;
  if (status >= 200 && status < 300) return { ok: true };
  if (status >= 300 && status < 400) {
    const location = reply.headers.location ? ` to ${reply.headers.location}` : '';
    return failure(false, `HTTP ${status}: redirect${location} not followed; configure the final URL`);
  }
  const detail = `HTTP ${status}${reply.body ? `: ${reply.body.slice(0, 200)}` : ''}`;
  if (status === 429 || status === 503) return failure(true, detail, retryAfterMs(reply.headers['retry-after'], now));
  if (status >= 500 || status === 408) return failure(true, detail);
  return failure(false, detail);
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * A host that does not exist will not start existing on retry, nor will a header value Node refuses to
 * send (a non-ASCII dedupe key); anything else on the wire might heal.
 */
const permanentNetworkCodes = new Set(['ENOTFOUND', 'ERR_INVALID_URL', 'ERR_INVALID_CHAR', 'ERR_INVALID_HTTP_TOKEN']);

function isRetryableNetworkError(error: unknown): boolean {
  return !permanentNetworkCodes.has((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${code} ${error.message}` : error.message;
}

function failed(retryable: boolean, error: string): PostOutcome {
  return { kind: 'failed', failure: failure(retryable, error) };
}

/** The response body as a JSON object, or undefined when it is not one (an HTML error page, empty). */
export function replyJson(reply: HttpReply): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(reply.body);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
