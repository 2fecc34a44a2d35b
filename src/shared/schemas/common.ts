import { z } from 'zod';
import { parseDueDate } from '../../domain/due-date.ts';
import { isValidCalendarDate } from '../../domain/calendar-date.ts';

export const idSchema = z.uuid();
/** Path ids; a malformed one is answered 404 like any id that names nothing. */
export const idParams = z.object({ id: z.uuid() });

/** Free text: trimmed, bounded. */
export const text = (max: number) => z.string().trim().max(max);
export const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** Instant text with an explicit offset that the database can store: year 0000 does not exist there. */
export const instantText = z.iso.datetime({ offset: true }).refine((s) => !s.startsWith('0000'), { message: 'field.invalid' });

/** An instant with an explicit offset (2024-07-10T14:00:00+08:00); a bare local time is ambiguous and refused. */
export const instantSchema = instantText.transform((s) => new Date(s));

/** An exact calendar date; vague words (尽快, 本周内, ASAP) get their own message naming the field. */
export const dueDateSchema = z.string().superRefine((value, ctx) => {
  const parsed = parseDueDate(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason === 'vague' ? 'dueDate.vague' : 'dueDate.invalid' });
});

/** A calendar date 'YYYY-MM-DD' that exists (filters such as dueBefore). */
export const calendarDateSchema = z.string().refine(isValidCalendarDate, { message: 'dueDate.invalid' });

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const userIdList = z.array(idSchema).max(500);

/** The list envelope of API.md. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
