import { z } from 'zod';
import { booleanQuery, calendarDateSchema, dueDateSchema, idSchema, requiredText, text, userIdList } from './common.ts';

export const actionItemStatusSchema = z.enum(['todo', 'in_progress', 'blocked', 'done', 'cancelled']);

/** The template's four elements are required: description, owner (a person), exact due date, deliverable. */
export const createActionItemBody = z.object({
  description: requiredText(2000),
  ownerId: z.string().min(1),
  dueDate: dueDateSchema,
  deliverable: requiredText(1000),
  sourceTopicId: idSchema.optional(),
  meetingId: idSchema.optional(),
  sensitive: z.boolean().default(false),
  visibleToUserIds: userIdList.default([]),
});

export const patchActionItemBody = z.object({
  description: requiredText(2000).optional(),
  ownerId: z.string().min(1).optional(),
  deliverable: requiredText(1000).optional(),
  status: z.enum(['todo', 'in_progress', 'blocked', 'cancelled']).optional(),
  sensitive: z.boolean().optional(),
  visibleToUserIds: userIdList.optional(),
  sourceTopicId: idSchema.nullable().optional(),
  /** The version the editor loaded; a stale one is refused with 409 (optimistic concurrency). */
  version: z.number().int().min(1).optional(),
  /** Refused with its own message: a due date moves only through a progress update that gives the reason. */
  dueDate: z
    .unknown()
    .optional()
    .superRefine((value, ctx) => {
      if (value !== undefined) ctx.addIssue({ code: 'custom', message: 'actionItem.dueDateViaUpdate' });
    })
    .describe('Not patchable: move the due date with POST /action-items/{id}/updates {newDueDate, delayReason}'),
});

export const actionItemsQuery = z.object({
  ownerId: z.string().max(60).optional(),
  collaborationId: idSchema.optional(),
  meetingId: idSchema.optional(),
  status: z.union([actionItemStatusSchema, z.literal('open')]).optional(),
  overdue: booleanQuery.optional(),
  dueBefore: calendarDateSchema.optional(),
  dueAfter: calendarDateSchema.optional(),
  q: text(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** A progress update; moving the due date always needs a reason (checked in the command, naming `delayReason`). */
export const progressUpdateBody = z.object({
  progress: z.number().int().min(0).max(100),
  statusText: requiredText(500),
  status: z.enum(['todo', 'in_progress', 'blocked', 'done', 'cancelled']).optional(),
  delayCode: z.string().max(64).optional(),
  delayReason: text(2000).optional(),
  remedy: text(2000).optional(),
  newDueDate: dueDateSchema.optional(),
});

export const reopenBody = z.object({ reason: requiredText(1000) });
