import { z } from 'zod';
import { instantText, requiredText } from './common.ts';
import { notificationEvents, personalChannels } from '../notification-events.ts';

export const loginBody = z.object({
  email: z.string().trim().max(254),
  password: z.string().min(1).max(200),
});

export const createTokenBody = z.object({
  name: requiredText(100),
  expiresAt: instantText.transform((s) => new Date(s)).optional(),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'field.clockTime' });

/**
 * GET|PUT /me/preferences. `channels`: per event, the channels the person wants (an empty list: only
 * the bell keeps it); events not named use the defaults (the bell, and e-mail when the server sends
 * mail). `quietHours`: no pushes between start and end in the organisation's time zone (may cross
 * midnight, 22:00–08:00); the bell still shows everything. `mutedCollaborationIds`: those
 * collaborations reach this person through the bell only. `dailyDigest`: one e-mail a working day at
 * the start of working hours instead of an e-mail per event.
 */
export const preferencesBody = z.object({
  locale: z.enum(['zh-CN', 'en']).optional(),
  channels: z.partialRecord(z.enum(notificationEvents), z.array(z.enum(personalChannels)).max(personalChannels.length)).optional(),
  quietHours: z
    .object({ start: clockTime, end: clockTime })
    .strict()
    .refine((q) => q.start !== q.end, { message: 'quietHours.empty', path: ['end'] })
    .nullable()
    .optional(),
  mutedCollaborationIds: z.array(z.uuid()).max(500).optional(),
  dailyDigest: z.boolean().optional(),
}).strict();

/** A person's stored notification preferences (users.preferences), as PUT /me/preferences saved them. */
export type NotificationPreferences = Omit<z.output<typeof preferencesBody>, 'locale'>;
