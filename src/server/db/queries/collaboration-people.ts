import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { departments } from '../schema/index.ts';

/** The people who answer for a collaboration: creator, owner and the initiating department's head. */
export async function collaborationEditorIds(
  db: DbOrTx,
  collaboration: { creatorId: string; ownerId: string | null; initiatingDepartmentId: string },
): Promise<string[]> {
  const [initiating] = await db.select({ headId: departments.headId }).from(departments).where(eq(departments.id, collaboration.initiatingDepartmentId));
  return [...new Set([collaboration.creatorId, collaboration.ownerId, initiating?.headId].filter((id): id is string => Boolean(id)))];
}
