import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { AppError, type FieldProblem } from '../errors.ts';
import { hasMessage } from '../i18n/messages.ts';

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
      // A schema's own message is a catalog key; zod's built-in English ones ("Invalid input") are not.
      return { ...base, message: hasMessage(issue.message) ? issue.message : 'field.invalid' };
  }
}

export function validationError(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): AppError {
  return new AppError('VALIDATION_FAILED', { fields: issues.map((i) => fieldProblemOf(i, prefix)) });
}

/**
 * The path of the first string (value or key) holding U+0000, or null. PostgreSQL cannot store that
 * character in text or jsonb: a query carrying one fails, so it is refused here as bad input. Walks
 * without recursion: a body may nest arrays a hundred thousand deep.
 */
export function nulCharacterPath(data: unknown): (string | number)[] | null {
  type Node = { value: unknown; key: string | number; parent: Node | null };
  const pathOf = (node: Node | null, last?: string) => {
    const path: (string | number)[] = last === undefined ? [] : [last];
    for (let n = node; n?.parent; n = n.parent) path.push(n.key);
    return path.reverse();
  };
  const stack: Node[] = [{ value: data, key: '', parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const value = node.value;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return pathOf(node);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: node });
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      for (const [key] of entries) if (key.includes('\u0000')) return pathOf(node, key);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], key: entries[i]![0], parent: node });
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
