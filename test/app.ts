import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp, type AppOptions } from '../src/server/app.ts';
import type { Database } from '../src/server/db/client.ts';
import { fixedClock, type FixedClock } from '../src/domain/clock.ts';
import { openTestDatabase } from './database.ts';
import { PASSWORD } from './factories.ts';

export type TestContext = { app: FastifyInstance; database: Database; clock: FixedClock };

/** A real app on a real (PGlite or PostgreSQL) database with a clock the test controls; `options` adds app settings (e.g. notifications). */
export async function buildTestApp(now = '2024-07-08T10:00:00+08:00', options: Partial<AppOptions> = {}): Promise<TestContext> {
  const database = await openTestDatabase();
  const clock = fixedClock(now);
  const app = await buildApp({ ...options, database, clock });
  await app.ready();
  return { app, database, clock };
}

export async function closeTestApp(ctx: TestContext | undefined) {
  if (!ctx) return;
  await ctx.app.close();
  await ctx.database.close();
}

export type Session = {
  userId: string;
  /** Calls the API as this user: cookie and CSRF token attached. */
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  get(url: string): Promise<ApiResponse>;
  post(url: string, body?: unknown): Promise<ApiResponse>;
  patch(url: string, body?: unknown): Promise<ApiResponse>;
  put(url: string, body?: unknown): Promise<ApiResponse>;
  delete(url: string): Promise<ApiResponse>;
  cookie: string;
  csrfToken: string;
};

export type ApiResponse = { status: number; body: any; headers: Record<string, unknown> };

export async function call(app: FastifyInstance, options: InjectOptions): Promise<ApiResponse> {
  const response = await app.inject(options);
  let body: unknown = response.body;
  if (String(response.headers['content-type'] ?? '').includes('json') && response.body) body = response.json();
  return { status: response.statusCode, body, headers: response.headers };
}

const prefix = (url: string) => (url.startsWith('/api/') ? url : `/api/v1${url}`);

/** Signs in through POST /auth/login, exactly as the web app does. */
export async function loginAs(app: FastifyInstance, user: { id: string; email: string }, password = PASSWORD): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password } });
  if (response.statusCode !== 200) throw new Error(`login failed for ${user.email}: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'liaison_session')!;
  const cookieHeader = `${cookie.name}=${cookie.value}`;
  const { csrfToken } = response.json() as { csrfToken: string };
  const request: Session['request'] = (method, url, body, headers = {}) =>
    call(app, {
      method,
      url: prefix(url),
      headers: { cookie: cookieHeader, 'x-csrf-token': csrfToken, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    userId: user.id,
    cookie: cookieHeader,
    csrfToken,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    put: (url, body) => request('PUT', url, body ?? {}),
    delete: (url) => request('DELETE', url),
  };
}
