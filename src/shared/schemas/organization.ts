import { z } from 'zod';
import { idSchema, requiredText, text } from './common.ts';

export const roleSchema = z.enum(['admin', 'pmo', 'member']);

export const createDepartmentBody = z.object({
  name: requiredText(100),
  parentId: idSchema.nullish(),
  headId: idSchema.nullish(),
});

export const patchDepartmentBody = createDepartmentBody.partial();

export const usersQuery = z.object({
  q: text(100).optional(),
  departmentId: idSchema.optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const createUserBody = z.object({
  name: requiredText(100),
  email: z.email().max(254),
  phone: text(30).optional(),
  password: z.string().min(1).max(200),
  role: roleSchema.default('member'),
  departmentIds: z.array(idSchema).max(20).default([]),
});

export const patchUserBody = z.object({
  name: requiredText(100).optional(),
  email: z.email().max(254).optional(),
  phone: text(30).nullable().optional(),
  password: z.string().min(1).max(200).optional(),
  role: roleSchema.optional(),
  departmentIds: z.array(idSchema).max(20).optional(),
  active: z.boolean().optional(),
});
