import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { timingSafeEqual } from 'node:crypto';
import { accessTokens, sessions } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { loadActor, loadSessionActor, type Actor } from '../auth/actor.ts';
import { createActorCache, type ActorCache } from '../auth/actor-cache.ts';
import { ACCESS_TOKEN_PREFIX, SESSION_COOKIE, sha256 } from '../auth/tokens.ts';
import { SESSION_IDLE_MS } from '../auth/session-store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Session cookies resolved recently (src/server/auth/actor-cache.ts). */
    actorCache: ActorCache;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOGIN_URL = '/api/v1/auth/login';
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** Resolves the session cookie or bearer token into `request.actor`, and enforces CSRF on cookie writes. */
export function registerAuthentication(app: FastifyInstance): void {
  app.decorate('actorCache', createActorCache(app.changeFeed));
  app.addHook('onClose', async () => app.actorCache.close());
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const bearer = bearerToken(request);
    if (bearer !== undefined) {
      request.actor = await actorFromToken(app, bearer);
      if (!request.actor) throw new AppError('UNAUTHENTICATED', { messageKey: 'auth.tokenInvalid' });
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    request.actor = await actorFromSession(app, cookie);
    // Signing in proves itself with the password, and must work while an old session cookie lingers.
    if (request.url === LOGIN_URL) return;
    if (request.actor && !SAFE_METHODS.has(request.method) && !csrfMatches(request.headers['x-csrf-token'], request.actor.csrfToken)) {
      throw new AppError('CSRF_FAILED');
    }
  });
}

/** The authenticated actor, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' ? (token ?? '') : undefined;
}

function csrfMatches(sent: string | string[] | undefined, expected: string | undefined): boolean {
  if (typeof sent !== 'string' || !expected || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}

async function actorFromToken(app: FastifyInstance, token: string): Promise<Actor | null> {
  if (!token.startsWith(ACCESS_TOKEN_PREFIX)) return null;
  const now = app.clock.now();
  const [row] = await app.db
    .update(accessTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(accessTokens.tokenHash, sha256(token)),
        isNull(accessTokens.revokedAt),
        or(isNull(accessTokens.expiresAt), gt(accessTokens.expiresAt, now)),
      ),
    )
    .returning({ userId: accessTokens.userId });
  return row ? loadActor(app.db, row.userId, 'token') : null;
}

/**
 * The actor of a session cookie: from the actor cache when it holds the session (no query), else one query,
 * whose answer is cached. The idle clock is still kept: every TOUCH_EVERY_MS a request records the session
 * as seen.
 */
async function actorFromSession(app: FastifyInstance, token: string): Promise<Actor | null> {
  const now = app.clock.now();
  const tokenHash = sha256(token);
  const cached = app.actorCache.get(tokenHash);
  let entry = cached && cached.expiresAt > now.getTime() && now.getTime() - cached.lastSeenAt < SESSION_IDLE_MS ? cached : undefined;
  if (!entry) {
    if (cached) app.actorCache.drop(tokenHash);
    const generation = app.actorCache.generation();
    const loaded = await loadSessionActor(app.db, tokenHash, now, new Date(now.getTime() - SESSION_IDLE_MS));
    if (!loaded) return null;
    entry = { actor: loaded.actor, expiresAt: loaded.expiresAt.getTime(), lastSeenAt: loaded.lastSeenAt.getTime() };
    app.actorCache.set(tokenHash, entry, generation);
  }
  if (now.getTime() - entry.lastSeenAt > TOUCH_EVERY_MS) {
    entry.lastSeenAt = now.getTime();
    await app.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, entry.actor.sessionId));
  }
  return { ...entry.actor };
}

/** Drops a session from this instance's actor cache at once (sign-out, a sign-in replacing it); other instances hear it on the change feed. */
export function forgetSession(app: FastifyInstance, token: string): void {
  app.actorCache.forgetToken(sha256(token));
}
