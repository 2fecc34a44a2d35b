import { and, desc, eq, sql, type AnyColumn } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { auditEvents, users } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

/**
 * Optimistic concurrency: an edit made on `expected` (the version the editor loaded) is refused with 409
 * when someone saved in between, naming who and when, so two people never silently overwrite each other.
 * Callers that send no version keep last-write-wins (scripts, the CLI).
 */
export async function assertFreshVersion(
  tx: DbOrTx,
  entity: { type: string; id: string; version: number },
  expected: number | undefined,
): Promise<void> {
  if (expected === undefined || expected === entity.version) return;
  const [last] = await tx
    .select({ at: auditEvents.at, actorId: auditEvents.actorId, name: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.entityType, entity.type), eq(auditEvents.entityId, entity.id)))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(1);
  throw new AppError('CONFLICT', {
    messageKey: 'edit.stale',
    params: { name: last?.name ?? '?' },
    details: {
      currentVersion: entity.version,
      changedBy: last?.actorId ? { id: last.actorId, name: last.name } : null,
      changedAt: last?.at?.toISOString() ?? null,
    },
  });
}

/** `version = version + 1`, for the SET of every edit. */
export const nextVersion = (column: AnyColumn) => sql`${column} + 1`;
