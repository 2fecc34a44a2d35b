import { z } from 'zod';
import { reviewQuery } from './review.ts';

/** GET /collaborations/:id/export: the template workbook, the record as PDF or Word, or the archive .zip. */
export const collaborationExportQuery = z.object({
  format: z.enum(['xlsx', 'pdf', 'docx', 'zip']),
});

/** GET /meetings/:id/export: one meeting's minutes. */
export const meetingExportQuery = z.object({
  format: z.enum(['pdf', 'docx']),
});

/** GET /review/export: the quarterly review (same quarter and department as GET /review) as a file. */
export const reviewExportQuery = reviewQuery.extend({
  format: z.enum(['xlsx', 'pdf']),
});

export type CollaborationExportFormat = z.infer<typeof collaborationExportQuery>['format'];
export type ReviewExportFormat = z.infer<typeof reviewExportQuery>['format'];
