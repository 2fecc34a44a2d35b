import { z } from 'zod';
import { idSchema, requiredText, text } from './common.ts';

export const scenarioSchema = z.enum(['major_project', 'problem_solving', 'routine_alignment', 'urgent_task']);
export const collaborationStatusSchema = z.enum(['active', 'completed', 'cancelled']);
export const healthSchema = z.enum(['on_track', 'at_risk', 'off_track']);
export const visibilitySchema = z.enum(['participants', 'organization']);

const targets = z.array(z.object({ metric: requiredText(200), target: requiredText(200) })).max(20);
const period = { periodYear: z.number().int().min(2000).max(2100), periodQuarter: z.number().int().min(1).max(4) };

export const createCollaborationBody = z.object({
  topic: requiredText(200),
  goal: requiredText(2000),
  targets: targets.optional(),
  scenario: scenarioSchema,
  initiatingDepartmentId: idSchema,
  participatingDepartmentIds: z.array(idSchema).min(1).max(50),
  ownerId: idSchema.optional(),
  visibility: visibilitySchema.default('participants'),
  periodYear: period.periodYear.optional(),
  periodQuarter: period.periodQuarter.optional(),
});

export const patchCollaborationBody = z.object({
  topic: requiredText(200).optional(),
  goal: requiredText(2000).optional(),
  targets: targets.optional(),
  scenario: scenarioSchema.optional(),
  status: collaborationStatusSchema.optional(),
  health: healthSchema.optional(),
  progressSummary: text(2000).optional(),
  participatingDepartmentIds: z.array(idSchema).min(1).max(50).optional(),
  ownerId: idSchema.nullable().optional(),
  visibility: visibilitySchema.optional(),
  periodYear: period.periodYear.nullable().optional(),
  periodQuarter: period.periodQuarter.nullable().optional(),
  /** The version the editor loaded; a stale one is refused with 409 (optimistic concurrency). */
  version: z.number().int().min(1).optional(),
});

export const collaborationsQuery = z.object({
  status: z.enum(['active', 'completed', 'cancelled', 'archived']).optional(),
  q: text(100).optional(),
  departmentId: idSchema.optional(),
  scenario: scenarioSchema.optional(),
  health: healthSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  quarter: z.coerce.number().int().min(1).max(4).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const remarkBody = z.object({
  text: requiredText(2000),
  kind: z.enum(['remark', 'risk']).default('remark'),
});
