import type { FormInstance } from 'antd';
import { isApiError } from '../api/client.ts';

/**
 * Puts a refused request's field messages under the form's fields (path `participatingDepartmentIds.0`
 * belongs to the field `participatingDepartmentIds`). Returns the message for the whole form when some
 * error has no field of this form to go under, or null when every message found its field.
 */
export function showServerErrors(form: FormInstance, error: unknown, fieldNames: readonly string[], fallback: string): string | null {
  if (!isApiError(error)) return fallback;
  const placed = error.fields.filter((f) => fieldNames.includes(f.path.split('.')[0]!));
  if (placed.length > 0) {
    const byField = new Map<string, string[]>();
    for (const f of placed) {
      const name = f.path.split('.')[0]!;
      byField.set(name, [...(byField.get(name) ?? []), f.message]);
    }
    form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  }
  if (placed.length === error.fields.length && placed.length > 0) return null;
  return error.code === 'NETWORK_ERROR' ? fallback : error.message;
}
