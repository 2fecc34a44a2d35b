import { formatQuarter } from '../../domain/period.ts';
import type { ImportPreviewResponse } from '../../shared/schemas/import.ts';
import { translate, type Locale } from '../i18n/messages.ts';
import type { ImportFinding } from '../imports/import-problems.ts';
import type { ImportPlan } from '../imports/import-plan.ts';
import { formatInstant } from './instant.ts';

/** Problems and notes in the caller's language, each still naming its sheet, cell and field. */
export function presentImportFindings(findings: ImportFinding<string>[], locale: Locale) {
  return findings.map((f) => ({ sheet: f.sheet, cell: f.cell, field: f.field, code: f.code, message: translate(locale, f.messageKey, f.params) }));
}

/** What the commit would create, as the preview shows it before anyone confirms. */
export function presentImportPreview(plan: ImportPlan, fileName: string, timeZone: string, locale: Locale): ImportPreviewResponse {
  const c = plan.collaboration;
  return {
    mode: 'preview',
    fileName,
    collaboration: {
      topic: c.topic,
      goal: c.goal,
      scenario: c.scenario,
      initiatingDepartment: c.initiatingDepartment,
      participatingDepartments: c.participatingDepartments,
      owner: c.owner,
      period: c.period ? formatQuarter(c.period) : null,
      status: c.archived ? 'archived' : c.status,
      health: c.health,
    },
    counts: plan.counts,
    meetings: plan.meetings.map((m) => ({
      number: m.number,
      title: m.title,
      plannedStart: formatInstant(m.plannedStart, timeZone)!,
      plannedEnd: formatInstant(m.plannedEnd, timeZone)!,
      minutesStatus: m.cancelledAt ? 'cancelled' : m.minutesStatus,
      topics: m.topics.length,
    })),
    actionItems: plan.actionItems.map((i) => ({ number: i.number, description: i.description, owner: i.owner, dueDate: i.dueDate, deliverable: i.deliverable })),
    problems: presentImportFindings(plan.problems, locale),
    notes: presentImportFindings(plan.notes, locale),
    canCommit: plan.problems.length === 0,
  };
}
