import { z } from 'zod';
import { requiredText } from './common.ts';

export const loginBody = z.object({
  email: z.string().trim().max(254),
  password: z.string().min(1).max(200),
});

export const createTokenBody = z.object({
  name: requiredText(100),
  expiresAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const preferencesBody = z.object({
  locale: z.enum(['zh-CN', 'en']).optional(),
  channels: z.record(z.string(), z.array(z.enum(['in_app', 'email', 'dingtalk', 'feishu', 'wecom']))).optional(),
}).strict();
