import type { FormInstance } from 'antd';
import { isApiError } from '../api/client.ts';

export type FieldPath = (string | number)[];

/** The API's field path (`delayReasonCodes[2].labelZh`, `quietHours.end`) as a form's name path. */
export function parseFieldPath(path: string): FieldPath {
  const parts: FieldPath = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) parts.push(Number(match[2]));
    else if (match[1] !== undefined) parts.push(/^\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
  }
  return parts;
}

/**
 * Which form field a refused path belongs to: a list or group whose parts are fields of their own
 * (`nested`) keeps the whole path; any other field takes the message on itself (`holidays[3]` → `holidays`).
 * Null when the form has no such field.
 */
export function formFieldOf(path: string, fields: readonly string[], nested: readonly string[] = []): FieldPath | null {
  const parts = parseFieldPath(path);
  const top = parts[0];
  if (typeof top !== 'string') return null;
  if (nested.includes(top) && parts.length > 1) return parts;
  return fields.includes(top) || nested.includes(top) ? [top] : null;
}

/**
 * `showServerErrors` for forms with lists and groups: each message goes under its field, nested ones
 * included. Returns the message for the whole form when something found no field, else null.
 */
export function placeFieldErrors(
  form: FormInstance,
  error: unknown,
  options: { fields: readonly string[]; nested?: readonly string[]; fallback: string },
): string | null {
  if (!isApiError(error)) return options.fallback;
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  let unplaced = error.fields.length === 0;
  for (const f of error.fields) {
    const name = formFieldOf(f.path, options.fields, options.nested);
    if (!name) {
      unplaced = true;
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(f.message);
    byField.set(key, entry);
  }
  if (byField.size) form.setFields([...byField.values()]);
  if (!unplaced) return null;
  return error.code === 'NETWORK_ERROR' ? options.fallback : error.message;
}
