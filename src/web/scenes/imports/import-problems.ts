import { isApiError } from '../../api/client.ts';
import type { ImportProblem } from '../../api/imports.ts';

const isProblem = (p: unknown): p is ImportProblem =>
  typeof p === 'object' && p !== null && ['sheet', 'cell', 'message'].every((k) => typeof (p as Record<string, unknown>)[k] === 'string');

/**
 * The problems a refused commit names (422 IMPORT_INVALID, `details.problems`): the file changed since its
 * preview, or the organisation did (a person left). Null when the error is not that refusal.
 */
export function problemsFromError(error: unknown): ImportProblem[] | null {
  if (!isApiError(error, 'IMPORT_INVALID')) return null;
  const list = error.details.problems;
  if (!Array.isArray(list)) return [];
  return list.filter(isProblem).map((p) => ({ sheet: p.sheet, cell: p.cell, field: typeof p.field === 'string' ? p.field : '', code: typeof p.code === 'string' ? p.code : '', message: p.message }));
}
