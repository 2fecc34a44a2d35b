import type { z } from 'zod';
import { fieldProblemOf } from '../plugins/validation.ts';

/**
 * Why a workbook cannot be imported as it is, each tied to a sheet and cell. Problems block the commit;
 * notes only tell what the importer assumed (an end time, the host, minutes kept as a draft).
 */
export const IMPORT_PROBLEM_CODES = [
  'MISSING_FIELD',
  'INVALID_VALUE',
  'UNKNOWN_PERSON',
  'AMBIGUOUS_PERSON',
  'NOT_A_PERSON',
  'UNKNOWN_DEPARTMENT',
  'AMBIGUOUS_DEPARTMENT',
  'NOT_PARTICIPANT',
  'VAGUE_DATE',
  'INVALID_DATE',
  'UNKNOWN_REFERENCE',
  'DUPLICATE',
  'RESTRICTED_CONTENT',
] as const;

export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export const IMPORT_NOTE_CODES = ['ASSUMED_END_TIME', 'ASSUMED_HOST', 'MINUTES_KEPT_DRAFT', 'PUBLISHED_TIME_UNKNOWN', 'ATTACHMENTS_SKIPPED'] as const;

export type ImportNoteCode = (typeof IMPORT_NOTE_CODES)[number];

/** Where in the workbook: the sheet's name and the cell ('B7'); cell is '' when the whole field is absent. */
export type Spot = { sheet: string; cell: string };

/** A finding before localization: the route turns `messageKey` + `params` into the caller's language. */
export type ImportFinding<C extends string> = Spot & { field: string; code: C; messageKey: string; params: Record<string, string | number> };

export type ImportProblem = ImportFinding<ImportProblemCode>;
export type ImportNote = ImportFinding<ImportNoteCode>;

/** Collects problems and notes as the plan is built. */
export class Findings {
  readonly problems: ImportProblem[] = [];
  readonly notes: ImportNote[] = [];

  problem(spot: Spot, field: string, code: ImportProblemCode, params: Record<string, string | number> = {}, messageKey = `import.${code}`): void {
    this.problems.push({ ...spot, field, code, messageKey, params });
  }

  note(spot: Spot, field: string, code: ImportNoteCode, params: Record<string, string | number> = {}): void {
    this.notes.push({ ...spot, field, code, messageKey: `import.note.${code}`, params });
  }

  /**
   * Runs an API schema over values read from the sheet, so an imported record obeys the same limits as
   * one typed in (lengths, required text); each issue becomes a problem at the cell its field came from.
   */
  checkSchema<S extends z.ZodType>(schema: S, input: unknown, spotOf: (field: string) => Spot & { label: string }, fieldPrefix: string): z.output<S> | null {
    const result = schema.safeParse(input, { reportInput: true });
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const field = issue.path.length ? String(issue.path[0]) : '';
      const { label, ...spot } = spotOf(field);
      const { message, params } = fieldProblemOf(issue);
      if (message === 'field.required' || message === 'field.blank') this.problem(spot, `${fieldPrefix}${field}`, 'MISSING_FIELD', { label });
      else this.problem(spot, `${fieldPrefix}${field}`, 'INVALID_VALUE', { label, ...params }, message);
    }
    return null;
  }
}
