import { z } from 'zod';

/** GET /review: `quarter` like 2024Q3 (also 2024-q3), checked by parseQuarter; `departmentId` narrows to one department. */
export const reviewQuery = z.object({
  quarter: z.string().trim().min(1).max(20),
  departmentId: z.uuid().optional(),
});
