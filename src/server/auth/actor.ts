import { sql } from 'drizzle-orm';
import type { OrgSettings } from '../../shared/org-settings.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';

export type Role = 'admin' | 'pmo' | 'member';

/** Who is calling: everything a policy needs to decide, loaded once per request. */
export type Actor = {
  userId: string;
  orgId: string;
  name: string;
  email: string;
  role: Role;
  departmentIds: string[];
  headOfDepartmentIds: string[];
  settings: OrgSettings;
  via: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
};

type ActorRow = {
  user_id: string;
  org_id: string;
  name: string;
  email: string;
  role: Role;
  settings: OrgSettings;
  member_of: string[];
  heads: string[];
};

/** The actor's columns over users `u` joined with organizations `o`: memberships and headed departments as arrays, one row. */
const actorColumns = sql`u.id AS user_id, u.org_id, u.name, u.email, u.role, o.settings,
  ARRAY(SELECT ud.department_id FROM user_departments ud WHERE ud.user_id = u.id) AS member_of,
  ARRAY(SELECT d.id FROM departments d WHERE d.org_id = u.org_id AND d.head_id = u.id) AS heads`;

function actorOf(row: ActorRow, via: Actor['via']): Actor {
  return {
    userId: row.user_id,
    orgId: row.org_id,
    name: row.name,
    email: row.email,
    role: row.role,
    departmentIds: row.member_of,
    headOfDepartmentIds: row.heads,
    settings: row.settings,
    via,
  };
}

/** The actor for an active user, or null when the user is gone or deactivated. One query. */
export async function loadActor(db: DbOrTx, userId: string, via: Actor['via']): Promise<Actor | null> {
  const [row] = await queryRows<ActorRow>(db, sql`
    SELECT ${actorColumns} FROM users u JOIN organizations o ON o.id = u.org_id
    WHERE u.id = ${userId}::uuid AND u.active`);
  return row ? actorOf(row, via) : null;
}

export type SessionActor = { actor: Actor & { sessionId: string; csrfToken: string }; expiresAt: Date; lastSeenAt: Date };

/**
 * The session with this token hash, still valid at `now` (not expired, not idle since `idleSince`), and its
 * active user as an actor — one query, the per-request cost of a cookie when the actor cache misses.
 */
export async function loadSessionActor(db: DbOrTx, tokenHash: string, now: Date, idleSince: Date): Promise<SessionActor | null> {
  const [row] = await queryRows<ActorRow & { session_id: string; csrf_token: string; expires_at: Date | string; last_seen_at: Date | string }>(db, sql`
    SELECT s.id AS session_id, s.csrf_token, s.expires_at, s.last_seen_at, ${actorColumns}
    FROM sessions s JOIN users u ON u.id = s.user_id JOIN organizations o ON o.id = u.org_id
    WHERE s.token_hash = ${tokenHash} AND s.expires_at > ${now.toISOString()}::timestamptz
      AND s.last_seen_at > ${idleSince.toISOString()}::timestamptz AND u.active`);
  if (!row) return null;
  return {
    actor: { ...actorOf(row, 'session'), sessionId: row.session_id, csrfToken: row.csrf_token },
    expiresAt: new Date(row.expires_at),
    lastSeenAt: new Date(row.last_seen_at),
  };
}
