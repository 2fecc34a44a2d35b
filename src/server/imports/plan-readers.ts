import { localDateTime, type CalendarDate } from '../../domain/calendar-date.ts';
import { labelValue, TEMPLATE_LAYOUT, type TemplateLabels } from '../exports/template-layout.ts';
import { readCalendarDate, readLocalDateTime } from './cell-dates.ts';
import { aliasValue, readPercent, splitList } from './cell-choices.ts';
import type { Findings, Spot } from './import-problems.ts';
import { matchDepartment, matchPerson, type Directory, type DirectoryDepartment, type DirectoryUser } from './people-directory.ts';
import { textOf, type Located } from './template-sections.ts';
import type { GridCell } from './workbook-grid.ts';
import { normalizeLabel } from './labels.ts';

/** A cell to read and where to blame it: a located field, a table cell, or nothing (absent). */
export type Source = { cell: GridCell | Located | null; spot: Spot; field: string; label: string };

/**
 * Reads typed values out of cells, reporting every failure as a problem at the cell: the importer's
 * only way from sheet text to ids, dates and enums.
 */
export function planReaders(findings: Findings, directory: Directory, timeZone: string) {
  const display = (source: Source) => textOf(source.cell);

  return {
    text: (source: Source): string => display(source),

    required(source: Source): string {
      const text = display(source);
      if (!text) findings.problem(source.spot, source.field, 'MISSING_FIELD', { label: source.label });
      return text;
    },

    person(source: Source, preferDepartmentIds: string[] = []): DirectoryUser | null {
      const text = display(source);
      if (!text) return null;
      return resolvePerson(findings, directory, source, text, preferDepartmentIds);
    },

    people(source: Source): DirectoryUser[] {
      const found = splitList(display(source)).map((name) => resolvePerson(findings, directory, source, name, []));
      return [...new Map(found.filter((u): u is DirectoryUser => u !== null).map((u) => [u.id, u])).values()];
    },

    department(source: Source): DirectoryDepartment | null {
      const text = display(source);
      if (!text) return null;
      return resolveDepartment(findings, directory, source, text);
    },

    departments(source: Source): DirectoryDepartment[] {
      const found = splitList(display(source)).map((name) => resolveDepartment(findings, directory, source, name));
      return [...new Map(found.filter((d): d is DirectoryDepartment => d !== null).map((d) => [d.id, d])).values()];
    },

    /** A calendar date; `required` reports a blank cell as missing. */
    date(source: Source, reference: CalendarDate, required: boolean): CalendarDate | null {
      const reading = readCalendarDate(source.cell?.value ?? null, reference);
      if (reading.ok) return reading.date;
      if (reading.reason !== 'required' || required) reportDate(findings, source, reading.reason);
      return null;
    },

    /** An instant in the organisation's zone; a day without a time stands for `defaultTime` that day. */
    instant(source: Source, reference: CalendarDate, defaultTime: string, required = false): Date | null {
      const reading = readLocalDateTime(source.cell?.value ?? null, reference);
      if (!reading.ok) {
        if (reading.reason !== 'required' || required) reportDate(findings, source, reading.reason);
        return null;
      }
      return localDateTime(reading.date, reading.time ?? defaultTime, timeZone);
    },

    /** One of the template's labels (进行中, 线上 …), or the stored value itself; unknown text is a problem. */
    label<L extends keyof TemplateLabels>(source: Source, table: L): keyof TemplateLabels[L] | null {
      const text = display(source);
      if (!text) return null;
      const value = knownLabel(table, text);
      if (value !== null) return value;
      const labels = TEMPLATE_LAYOUT.labels[table] as Record<string, string>;
      findings.problem(source.spot, source.field, 'INVALID_VALUE', { label: source.label, value: text, options: Object.values(labels).join('、') }, 'import.INVALID_CHOICE');
      return null;
    },

    /** 是 / yes / ✓ → true; empty → false. */
    flag(source: Source): boolean {
      const text = normalizeLabel(display(source));
      return text !== '' && [TEMPLATE_LAYOUT.yes, 'yes', 'y', 'true', '1', '√', '✓', '✔', 'x'].map(normalizeLabel).includes(text);
    },

    percent(source: Source): number | null {
      if (!source.cell || !display(source)) return null;
      const value = readPercent(source.cell.value, source.cell.isPercent);
      if (value === null) findings.problem(source.spot, source.field, 'INVALID_VALUE', { label: source.label, value: display(source) }, 'import.INVALID_PERCENT');
      return value;
    },

    /** A 1-based number (序号); blank → null, anything else not a positive whole number is a problem. */
    number(source: Source): number | null {
      const text = display(source).normalize('NFKC');
      if (!text) return null;
      const value = Number(text.replace(/[^\d.]/g, ''));
      if (/\d/.test(text) && Number.isInteger(value) && value > 0) return value;
      findings.problem(source.spot, source.field, 'INVALID_VALUE', { label: source.label, value: text }, 'import.INVALID_NUMBER');
      return null;
    },

    lines: (source: Source): string[] => display(source).split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
  };
}

export type PlanReaders = ReturnType<typeof planReaders>;

/** The stored value behind a label as the template writes it, its stored value itself, or a known alias; null otherwise. */
export function knownLabel<L extends keyof TemplateLabels>(table: L, text: string): keyof TemplateLabels[L] | null {
  const labels = TEMPLATE_LAYOUT.labels[table] as Record<string, string>;
  const normalized = normalizeLabel(text);
  const entry = Object.entries(labels).find(([key, word]) => normalizeLabel(key) === normalized || normalizeLabel(word) === normalized);
  return (entry?.[0] as keyof TemplateLabels[L] | undefined) ?? labelValue(table, text) ?? aliasValue(table, text);
}

function reportDate(findings: Findings, source: Source, reason: 'required' | 'vague' | 'invalid'): void {
  const value = textOf(source.cell);
  if (reason === 'required') findings.problem(source.spot, source.field, 'MISSING_FIELD', { label: source.label });
  else findings.problem(source.spot, source.field, reason === 'vague' ? 'VAGUE_DATE' : 'INVALID_DATE', { label: source.label, value });
}

function resolvePerson(findings: Findings, directory: Directory, source: Source, text: string, prefer: string[]): DirectoryUser | null {
  const match = matchPerson(directory, text, prefer);
  if (match.ok) return match.user;
  if (match.code === 'AMBIGUOUS_PERSON') {
    const departmentName = new Map(directory.departments.map((d) => [d.id, d.name]));
    const candidates = match.candidates.map((u) => `${u.name}（${u.departmentIds.map((id) => departmentName.get(id)).filter(Boolean).join('、') || '—'}）`).join('、');
    findings.problem(source.spot, source.field, 'AMBIGUOUS_PERSON', { label: source.label, value: text, candidates });
  } else {
    findings.problem(source.spot, source.field, match.code, { label: source.label, value: text });
  }
  return null;
}

function resolveDepartment(findings: Findings, directory: Directory, source: Source, text: string): DirectoryDepartment | null {
  const match = matchDepartment(directory, text);
  if (match.ok) return match.department;
  findings.problem(source.spot, source.field, match.code, { label: source.label, value: text });
  return null;
}
