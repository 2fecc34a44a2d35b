import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { sessions } from '../db/schema/index.ts';
import { randomToken, sha256 } from './tokens.ts';
import { CHANGES_CHANNEL, type ChangeEvent } from '../live/change-event.ts';

export const SESSION_IDLE_MS = 7 * 24 * 3600 * 1000;
export const SESSION_MAX_MS = 30 * 24 * 3600 * 1000;

/** A fresh session (a new token at every sign-in, so a planted cookie never becomes a login). */
export async function createSession(
  db: DbOrTx,
  input: { orgId: string; userId: string; ip: string; userAgent: string | undefined; now: Date },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(input.now.getTime() + SESSION_MAX_MS);
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    orgId: input.orgId,
    userId: input.userId,
    csrfToken,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

export async function deleteSessionByToken(db: DbOrTx, token: string): Promise<void> {
  const deleted = await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token))).returning({ orgId: sessions.orgId, userId: sessions.userId });
  for (const row of deleted) await announceSignOut(db, row.orgId, row.userId);
}

/** Sign the user out everywhere (password change, deactivation). */
export async function deleteUserSessions(db: DbOrTx, userId: string): Promise<void> {
  const deleted = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ orgId: sessions.orgId });
  if (deleted[0]) await announceSignOut(db, deleted[0].orgId, userId);
}

/**
 * Tells every instance (on commit, through the change feed) that a session of this user ended, so their
 * actor caches drop it; live clients of that user alone hear it (a private entity in GET /events).
 */
async function announceSignOut(db: DbOrTx, orgId: string, userId: string): Promise<void> {
  const change: ChangeEvent = { orgId, collaborationId: null, entityType: 'session', entityId: userId, action: 'ended', actorId: null, at: new Date().toISOString() };
  await db.execute(sql`SELECT pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify(change)})`);
}
