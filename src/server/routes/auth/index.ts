import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { accessTokens, channels, users } from '../../db/schema/index.ts';
import { changePasswordBody, createTokenBody, loginBody, preferencesBody } from '../../../shared/schemas/auth.ts';
import { idParams } from '../../../shared/schemas/common.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import { forgetSession, requireActor } from '../../plugins/authenticate.ts';
import { decoyHash, hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { passwordProblem } from '../../auth/password-policy.ts';
import { ACCESS_TOKEN_PREFIX, SESSION_COOKIE, randomToken, sha256 } from '../../auth/tokens.ts';
import { createSession, deleteSessionByToken, deleteUserSessions } from '../../auth/session-store.ts';
import { assertLoginAllowed, clearAccountFailures, recordLoginFailure } from '../../auth/login-throttle.ts';
import { loadActor } from '../../auth/actor.ts';
import { globalAbilities, presentMe } from '../../presenters/user.ts';
import { formatInstant } from '../../presenters/instant.ts';
import { recordAudit } from '../../commands/audit.ts';
import { availablePersonalChannels } from '../../notifications/preferences.ts';
import { isEmailEnabled } from '../../notifications/outbox.ts';

/** Sign-in with a cookie session + CSRF token, sign-out, the caller's profile and personal access tokens. */
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const secureCookies = Boolean(app.settingsFromEnv.trustProxy);

  app.post('/auth/login', { schema: { tags: ['auth'], body: loginBody, security: [] } }, async (request, reply) => {
    const now = app.clock.now();
    const { email, password } = request.body;
    await assertLoginAllowed(app.db, email, request.ip, now);
    const [user] = await app.db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
    const valid = await verifyPassword(password, user?.passwordHash ?? decoyHash);
    if (!user || !valid || !user.active) {
      await recordLoginFailure(app.db, email, request.ip, now);
      throw new AppError('UNAUTHENTICATED', { messageKey: 'auth.invalidCredentials' });
    }
    await clearAccountFailures(app.db, email);
    const previous = request.cookies[SESSION_COOKIE];
    if (previous) {
      await deleteSessionByToken(app.db, previous);
      forgetSession(app, previous);
    }
    const session = await createSession(app.db, {
      orgId: user.orgId,
      userId: user.id,
      ip: request.ip,
      userAgent: request.headers['user-agent'],
      now,
    });
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies || request.protocol === 'https',
      expires: session.expiresAt,
    });
    const actor = (await loadActor(app.db, user.id, 'session'))!;
    return { user: presentMe(actor), csrfToken: session.csrfToken, abilities: globalAbilities(actor) };
  });

  app.post('/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      await deleteSessionByToken(app.db, token);
      forgetSession(app, token);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/auth/me', { schema: { tags: ['auth'] } }, async (request) => {
    const actor = requireActor(request);
    return { user: presentMe(actor), csrfToken: actor.csrfToken ?? null, abilities: globalAbilities(actor), settings: { timeZone: actor.settings.timeZone, delayReasonCodes: actor.settings.delayReasonCodes } };
  });

  app.post('/me/password', { schema: { tags: ['auth'], body: changePasswordBody } }, async (request, reply) => {
    const actor = requireActor(request);
    const [user] = await app.db.select().from(users).where(eq(users.id, actor.userId));
    if (!user || !(await verifyPassword(request.body.currentPassword, user.passwordHash))) throw invalidField('currentPassword', 'password.wrong');
    const problem = passwordProblem(request.body.newPassword, { email: actor.email });
    if (problem) throw invalidField('newPassword', problem);
    const now = app.clock.now();
    const passwordHash = await hashPassword(request.body.newPassword);
    await app.db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, actor.userId));
      await deleteUserSessions(tx, actor.userId);
      await recordAudit(tx, actor, now, { entityType: 'user', entityId: actor.userId, action: 'password_changed' });
    });
    app.actorCache.forgetUser(actor.userId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/me/preferences', { schema: { tags: ['auth'] } }, async (request) => {
    const actor = requireActor(request);
    const [row] = await app.db.select({ preferences: users.preferences, locale: users.locale }).from(users).where(eq(users.id, actor.userId));
    const robots = await app.db
      .selectDistinct({ kind: channels.kind })
      .from(channels)
      .where(and(eq(channels.orgId, actor.orgId), isNull(channels.disabledAt)));
    // What the preferences page may offer; not part of what PUT stores.
    const availableChannels = availablePersonalChannels({ hasEmail: Boolean(actor.email), emailEnabled: isEmailEnabled(), chatKinds: robots.map((r) => r.kind) });
    return { locale: row?.locale ?? actor.settings.locale, ...row?.preferences, availableChannels };
  });

  app.put('/me/preferences', { schema: { tags: ['auth'], body: preferencesBody } }, async (request) => {
    const actor = requireActor(request);
    const { locale, ...rest } = request.body;
    await app.db.update(users).set({ ...(locale ? { locale } : {}), preferences: rest }).where(eq(users.id, actor.userId));
    return { locale: locale ?? actor.settings.locale, ...rest };
  });

  const presentToken = (row: typeof accessTokens.$inferSelect, timeZone: string) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: formatInstant(row.createdAt, timeZone),
    expiresAt: formatInstant(row.expiresAt, timeZone),
    lastUsedAt: formatInstant(row.lastUsedAt, timeZone),
  });

  app.post('/me/tokens', { schema: { tags: ['auth'], body: createTokenBody } }, async (request, reply) => {
    const actor = requireActor(request);
    const now = app.clock.now();
    if (request.body.expiresAt && request.body.expiresAt <= now) throw invalidField('expiresAt', 'field.invalid');
    const token = ACCESS_TOKEN_PREFIX + randomToken();
    const row = await app.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(accessTokens)
        .values({
          orgId: actor.orgId,
          userId: actor.userId,
          name: request.body.name,
          tokenHash: sha256(token),
          prefix: token.slice(0, ACCESS_TOKEN_PREFIX.length + 6),
          createdAt: now,
          expiresAt: request.body.expiresAt ?? null,
        })
        .returning();
      await recordAudit(tx, actor, now, { entityType: 'access_token', entityId: created!.id, action: 'created', after: { name: created!.name } });
      return created!;
    });
    return reply.status(201).send({ ...presentToken(row, actor.settings.timeZone), token });
  });

  app.get('/me/tokens', { schema: { tags: ['auth'] } }, async (request) => {
    const actor = requireActor(request);
    const rows = await app.db
      .select()
      .from(accessTokens)
      .where(and(eq(accessTokens.userId, actor.userId), isNull(accessTokens.revokedAt)))
      .orderBy(desc(accessTokens.createdAt));
    return { items: rows.map((r) => presentToken(r, actor.settings.timeZone)), nextCursor: null };
  });

  app.delete('/me/tokens/:id', { schema: { tags: ['auth'], params: idParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const now = app.clock.now();
    const revoked = await app.db.transaction(async (tx) => {
      const [row] = await tx
        .update(accessTokens)
        .set({ revokedAt: now })
        .where(and(eq(accessTokens.id, request.params.id), eq(accessTokens.userId, actor.userId), isNull(accessTokens.revokedAt)))
        .returning({ id: accessTokens.id });
      if (row) await recordAudit(tx, actor, now, { entityType: 'access_token', entityId: row.id, action: 'revoked' });
      return row;
    });
    if (!revoked) throw notFound();
    return reply.status(204).send();
  });
};
