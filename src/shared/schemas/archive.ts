import { z } from 'zod';
import { scenarioSchema } from './collaboration.ts';

/** GET /archive: the archive browser's filters, all optional. */
export const archiveQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  quarter: z.coerce.number().int().min(1).max(4).optional(),
  departmentId: z.uuid().optional(),
  scenario: scenarioSchema.optional(),
});

export type ArchiveQuery = z.infer<typeof archiveQuery>;
