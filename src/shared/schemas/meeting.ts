import { z } from 'zod';
import { idSchema, instantSchema, requiredText, text, userIdList } from './common.ts';

export const meetingModeSchema = z.enum(['online', 'offline']);

export const createMeetingBody = z.object({
  title: text(200).optional(),
  plannedStart: instantSchema,
  plannedEnd: instantSchema,
  mode: meetingModeSchema,
  location: text(500).default(''),
  hostId: idSchema,
  recorderId: idSchema,
  attendeeIds: userIdList.default([]),
  agenda: z.array(requiredText(200)).max(50).default([]),
});

export const patchMeetingBody = z.object({
  title: text(200).optional(),
  plannedStart: instantSchema.optional(),
  plannedEnd: instantSchema.optional(),
  mode: meetingModeSchema.optional(),
  location: text(500).optional(),
  hostId: idSchema.optional(),
  recorderId: idSchema.optional(),
  attendeeIds: userIdList.optional(),
  agenda: z.array(requiredText(200)).max(50).optional(),
  noActions: z.boolean().optional(),
  cancelled: z.boolean().optional(),
  /** The version the editor loaded; a stale one is refused with 409 (optimistic concurrency). */
  version: z.number().int().min(1).optional(),
});

/** Both times optional, and so is the body itself: a bare POST means "it ended just now". */
export const heldBody = z
  .object({ endedAt: instantSchema.optional(), startedAt: instantSchema.optional() })
  .nullish()
  .transform((body) => body ?? {});

export const feedbackRowSchema = z.object({
  departmentId: idSchema,
  userId: idSchema.nullish(),
  stance: z.enum(['agree', 'disagree', 'conditional']).nullish(),
  text: text(4000).default(''),
  noFeedback: z.boolean().default(false),
});

export const createTopicBody = z.object({
  title: requiredText(200),
  discussion: text(10000).default(''),
  feedback: z.array(feedbackRowSchema).max(50).default([]),
  disagreements: text(4000).default(''),
  consensus: text(4000).default(''),
  problemTags: z.array(requiredText(50)).max(20).default([]),
  sensitive: z.boolean().default(false),
  visibleToUserIds: userIdList.default([]),
  position: z.number().int().min(0).max(1000).optional(),
});

export const patchTopicBody = z.object({
  title: requiredText(200).optional(),
  discussion: text(10000).optional(),
  feedback: z.array(feedbackRowSchema).max(50).optional(),
  disagreements: text(4000).optional(),
  consensus: text(4000).optional(),
  problemTags: z.array(requiredText(50)).max(20).optional(),
  sensitive: z.boolean().optional(),
  visibleToUserIds: userIdList.optional(),
  position: z.number().int().min(0).max(1000).optional(),
  /** The version the editor loaded; a stale one is refused with 409 (optimistic concurrency). */
  version: z.number().int().min(1).optional(),
});

/** GET /meetings: meetings of collaborations the caller may read, soonest first. */
export const meetingsQuery = z.object({
  collaborationId: idSchema.optional(),
  /** Meetings where the caller is host, recorder or attendee (`mine`), or specifically host or recorder. */
  role: z.enum(['mine', 'host', 'recorder']).optional(),
  /** `agenda`: agenda not sent yet, meeting not started; `minutes`: held or past its end, minutes not published. */
  pending: z.enum(['agenda', 'minutes']).optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  includeCancelled: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
