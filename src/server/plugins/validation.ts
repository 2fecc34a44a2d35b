import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { AppError, type FieldProblem } from '../errors.ts';

/** zod issue → a catalog key and its parameters, so the error handler can speak the caller's language. */
export function fieldProblemOf(issue: z.core.$ZodIssue, prefix: PropertyKey[] = []): FieldProblem {
  const path = [...prefix, ...issue.path].map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${String(p)}` : String(p))).join('');
  const base = { path };
  switch (issue.code) {
    case 'invalid_type':
      return (issue as { input?: unknown }).input === undefined
        ? { ...base, message: 'field.required' }
        : { ...base, message: 'field.invalidType', params: { expected: issue.expected } };
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? { ...base, message: 'field.blank' } : { ...base, message: 'field.tooShort', params: { minimum: Number(issue.minimum) } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') return { ...base, message: 'field.tooFew', params: { minimum: Number(issue.minimum) } };
      return { ...base, message: 'field.tooSmall', params: { minimum: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { ...base, message: 'field.tooLong', params: { maximum: Number(issue.maximum) } };
      if (issue.origin === 'array' || issue.origin === 'set') return { ...base, message: 'field.tooMany', params: { maximum: Number(issue.maximum) } };
      return { ...base, message: 'field.tooBig', params: { maximum: Number(issue.maximum) } };
    case 'invalid_format':
      if (issue.format === 'email') return { ...base, message: 'field.invalidEmail' };
      if (issue.format === 'uuid') return { ...base, message: 'field.invalidUuid' };
      if (issue.format === 'datetime') return { ...base, message: 'field.invalidDatetime' };
      return { ...base, message: 'field.invalid' };
    case 'invalid_value':
      return { ...base, message: 'field.invalidEnum', params: { options: issue.values.map(String).join(', ') } };
    case 'unrecognized_keys':
      return { path: [path, issue.keys[0]].filter(Boolean).join('.'), message: 'field.unknownKey' };
    default:
      return { ...base, message: issue.message || 'field.invalid' };
  }
}

export function validationError(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): AppError {
  return new AppError('VALIDATION_FAILED', { fields: issues.map((i) => fieldProblemOf(i, prefix)) });
}

/**
 * The path of the first string (value or key) holding U+0000, or null. PostgreSQL cannot store that
 * character in text or jsonb: a query carrying one fails, so it is refused here as bad input.
 */
export function nulCharacterPath(data: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof data === 'string') return data.includes('\u0000') ? path : null;
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) {
      const found = nulCharacterPath(data[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      if (key.includes('\u0000')) return [...path, key];
      const found = nulCharacterPath(value, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Fastify validator that runs the route's zod schema and keeps the issues for localization. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => (data) => {
  const nul = nulCharacterPath(data);
  if (nul) return { error: validationError([{ code: 'custom', path: nul, message: 'field.nulCharacter', input: undefined }]) as unknown as Error };
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { value: result.data };
  return { error: validationError(result.error.issues) as unknown as Error };
};
