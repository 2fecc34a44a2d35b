/** One field the server refused, with its message already in the caller's language. */
export type ApiFieldError = { path: string; message: string };

/**
 * The API's error shape (API.md: `{ error: { code, message, fields } }`) as a throwable, so a form can
 * put each field's message under its field and a page can tell "not found" from "forbidden".
 * Network failures get the code NETWORK_ERROR and status 0.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: ApiFieldError[];
  /** Anything else the error carried, e.g. the missing parts of RECORD_INCOMPLETE. */
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, fields: ApiFieldError[] = [], details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

const BASE = '/api/v1';

type Session = { csrfToken: string | null; language: string; onUnauthenticated: () => void };

/** What every request carries: the CSRF token of the session and the UI language (for server messages). */
const session: Session = { csrfToken: null, language: 'zh-CN', onUnauthenticated: () => {} };

export function setCsrfToken(token: string | null): void {
  session.csrfToken = token;
}

export function setApiLanguage(language: string): void {
  session.language = language;
}

/** Called when a signed-in request answers 401: the session ended (expired, signed out elsewhere). */
export function onUnauthenticated(listener: () => void): void {
  session.onUnauthenticated = listener;
}

export type RequestOptions = { body?: unknown; query?: Record<string, string | number | boolean | null | undefined>; signal?: AbortSignal };

/** `path` with the defined query values appended; empty strings are left out like undefined. */
export function withQuery(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

const isSafe = (method: string) => method === 'GET' || method === 'HEAD';

/**
 * Calls the API as the signed-in browser: JSON in and out, the session cookie (same origin), and the
 * CSRF token on every write. A write refused with CSRF_FAILED (the token went stale) fetches a fresh
 * token and is tried once more.
 */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  if (!isSafe(method) && !session.csrfToken && path !== '/auth/login') await refreshCsrfToken();
  try {
    return await send<T>(method, path, options);
  } catch (error) {
    if (!isApiError(error, 'CSRF_FAILED')) throw error;
    await refreshCsrfToken();
    return send<T>(method, path, options);
  }
}

async function send<T>(method: string, path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': session.language };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (!isSafe(method) && session.csrfToken) headers['x-csrf-token'] = session.csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(BASE + path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  const error = toApiError(response.status, payload);
  if (error.status === 401 && !path.startsWith('/auth/')) session.onUnauthenticated();
  throw error;
}

/** The API's error body, or a generic error naming the status when the body is not the API's shape. */
export function toApiError(status: number, payload: unknown): ApiError {
  const body = (payload as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  if (!body || typeof body.code !== 'string') return new ApiError(status, `HTTP_${status}`, `HTTP ${status}`);
  const { code, message, fields, ...details } = body;
  const fieldList = Array.isArray(fields)
    ? fields.filter((f): f is ApiFieldError => typeof f?.path === 'string' && typeof f?.message === 'string')
    : [];
  return new ApiError(status, code, typeof message === 'string' ? message : code, fieldList, details);
}

/** Fetches the session's CSRF token; without a session there is none, and the request goes without (sign-in needs none). */
async function refreshCsrfToken(): Promise<void> {
  try {
    const me = await send<{ csrfToken: string | null }>('GET', '/auth/me', {});
    session.csrfToken = me.csrfToken;
  } catch (error) {
    if (!isApiError(error, 'UNAUTHENTICATED')) throw error;
    session.csrfToken = null;
  }
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) => apiRequest<T>('GET', path, { query, ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body: unknown = {}) => apiRequest<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, { body }),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};

/**
 * For requests made outside apiRequest (uploads and downloads, in ./transfer.ts, outside the sign-in
 * bundle): the headers every request carries — the UI language, and on writes the CSRF token, fetched
 * first when the session has none yet — and the hook for a 401.
 */
export const transferSession = {
  base: BASE,
  headers: async (write: boolean): Promise<Record<string, string>> => {
    if (write && !session.csrfToken) await refreshCsrfToken();
    return { 'accept-language': session.language, ...(write && session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}) };
  },
  refreshCsrfToken: () => refreshCsrfToken(),
  unauthenticated: () => session.onUnauthenticated(),
};
