import { z } from 'zod';
import { healthSchema, scenarioSchema } from './collaboration.ts';

/** POST /imports?mode=preview|commit — a preview writes nothing; a commit creates the record in one transaction. */
export const importQuery = z.object({ mode: z.enum(['preview', 'commit']).default('preview') });

const ref = z.object({ id: z.uuid(), name: z.string() });

/** A problem (blocks the commit) or a note (what the importer assumed), at its sheet and cell, in the caller's language. */
export const importFindingSchema = z.object({
  sheet: z.string(),
  /** 'B7'; '' when the field is missing from the workbook altogether. */
  cell: z.string(),
  /** Where in the record: `collaboration.topic`, `actionItems[2].owner` … */
  field: z.string(),
  /** UNKNOWN_PERSON, AMBIGUOUS_PERSON, UNKNOWN_DEPARTMENT, VAGUE_DATE, MISSING_FIELD …; notes: ASSUMED_END_TIME … */
  code: z.string(),
  message: z.string(),
});

export const importCountsSchema = z.object({
  meetings: z.number().int(),
  topics: z.number().int(),
  feedback: z.number().int(),
  actionItems: z.number().int(),
  progressUpdates: z.number().int(),
  remarks: z.number().int(),
});

export const importPreviewResponse = z.object({
  mode: z.literal('preview'),
  fileName: z.string(),
  collaboration: z.object({
    topic: z.string(),
    goal: z.string(),
    scenario: scenarioSchema.nullable(),
    initiatingDepartment: ref.nullable(),
    participatingDepartments: z.array(ref),
    owner: ref.nullable(),
    /** '2024Q3' when the workbook gives 归档分类; otherwise the record's first meeting decides. */
    period: z.string().nullable(),
    status: z.enum(['active', 'completed', 'cancelled', 'archived']),
    health: healthSchema,
  }),
  counts: importCountsSchema,
  meetings: z.array(
    z.object({
      number: z.number().int(),
      title: z.string().nullable(),
      plannedStart: z.string(),
      plannedEnd: z.string(),
      minutesStatus: z.enum(['draft', 'published', 'cancelled']),
      topics: z.number().int(),
    }),
  ),
  actionItems: z.array(
    z.object({
      number: z.number().int(),
      description: z.string(),
      owner: ref.nullable(),
      dueDate: z.string().nullable(),
      deliverable: z.string(),
    }),
  ),
  problems: z.array(importFindingSchema),
  notes: z.array(importFindingSchema),
  canCommit: z.boolean(),
});

export const importCommitResponse = z.object({
  mode: z.literal('commit'),
  collaborationId: z.uuid(),
  counts: importCountsSchema,
  notes: z.array(importFindingSchema),
});

export type ImportPreviewResponse = z.infer<typeof importPreviewResponse>;
export type ImportCommitResponse = z.infer<typeof importCommitResponse>;
