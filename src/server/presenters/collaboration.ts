import type { Actor } from '../auth/actor.ts';
import type { CollaborationWithFacts } from '../db/queries/collaborations.ts';
import type { CollaborationListRow } from '../db/queries/collaboration-list.ts';
import type { loadCollaborationParts } from '../db/queries/collaboration-detail.ts';
import { collaborationAbilities } from '../policies/collaboration.ts';
import { canSeeSensitive } from '../policies/sensitive.ts';
import { collaborationPeriod, formatQuarter } from '../../domain/period.ts';
import { daysOverdue, isOpen } from '../../domain/action-item-timing.ts';
import { formatInstant } from './instant.ts';

type Parts = Awaited<ReturnType<typeof loadCollaborationParts>>;

/** The collaboration page: the record's header, its departments, meetings, action items, remarks and the caller's abilities. */
export function presentCollaboration(actor: Actor, found: CollaborationWithFacts, parts: Parts, now: Date) {
  const { row } = found;
  const tz = actor.settings.timeZone;
  const at = (d: Date | null) => formatInstant(d, tz);
  const name = (id: string | null) => (id ? (parts.names.get(id) ?? null) : null);
  const department = (id: string) => {
    const d = parts.departments.find((x) => x.id === id);
    return { id, name: d?.name ?? null, headId: d?.headId ?? null };
  };
  const period = collaborationPeriod(
    {
      explicit: row.periodYear && row.periodQuarter ? { year: row.periodYear, quarter: row.periodQuarter as 1 | 2 | 3 | 4 } : null,
      firstMeetingStart: parts.meetings[0]?.plannedStart ?? null,
      createdAt: row.createdAt,
    },
    tz,
  );
  const items = parts.actionItems.map((item) => {
    const overdueDays = isOpen(item.status) ? daysOverdue(item, now, tz) : 0;
    const common = { id: item.id, meetingId: item.meetingId, status: item.status, dueDate: item.dueDate, owner: { id: item.ownerId, name: name(item.ownerId) }, daysOverdue: overdueDays, sensitive: item.sensitive };
    if (!canSeeSensitive(actor, item)) return { ...common, restricted: true };
    return { ...common, restricted: false, description: item.description, deliverable: item.deliverable, progress: item.progress, statusText: item.statusText, acceptedAt: at(item.acceptedAt) };
  });
  const open = parts.actionItems.filter((i) => isOpen(i.status));
  return {
    id: row.id,
    version: row.version,
    topic: row.topic,
    goal: row.goal,
    targets: row.targets,
    scenario: row.scenario,
    status: row.status,
    archived: row.archivedAt !== null,
    archivedAt: at(row.archivedAt),
    visibility: row.visibility,
    health: row.health,
    progressSummary: row.progressSummary,
    period: { year: period.year, quarter: period.quarter, label: formatQuarter(period), explicit: row.periodYear !== null },
    initiatingDepartment: department(row.initiatingDepartmentId),
    participatingDepartments: found.participatingDepartmentIds.map(department),
    creator: { id: row.creatorId, name: name(row.creatorId) },
    owner: row.ownerId ? { id: row.ownerId, name: name(row.ownerId) } : null,
    meetings: parts.meetings.map((m) => ({
      id: m.id,
      kind: m.kind,
      title: m.title,
      plannedStart: at(m.plannedStart),
      plannedEnd: at(m.plannedEnd),
      mode: m.mode,
      location: m.location,
      host: { id: m.hostId, name: name(m.hostId) },
      recorder: { id: m.recorderId, name: name(m.recorderId) },
      agendaSentAt: at(m.agendaSentAt),
      heldAt: at(m.heldAt),
      minutesStatus: m.minutesStatus,
      publishedAt: at(m.publishedAt),
      publishedLate: m.publishedLate,
      cancelled: m.cancelledAt !== null,
    })),
    actionItems: items,
    counts: {
      actionItems: parts.actionItems.length,
      open: open.length,
      overdue: open.filter((i) => daysOverdue(i, now, tz) > 0).length,
      done: parts.actionItems.filter((i) => i.status === 'done').length,
    },
    remarks: parts.remarks.map((r) => ({ id: r.id, kind: r.kind, text: r.text, author: r.authorId ? { id: r.authorId, name: name(r.authorId) } : null, createdAt: at(r.createdAt) })),
    createdAt: at(row.createdAt),
    updatedAt: at(row.updatedAt),
    abilities: collaborationAbilities(actor, found.facts),
  };
}

export function presentCollaborationListItem(actor: Actor, row: CollaborationListRow) {
  const tz = actor.settings.timeZone;
  return {
    id: row.id,
    topic: row.topic,
    goal: row.goal,
    scenario: row.scenario,
    status: row.status,
    archived: row.archived_at !== null,
    health: row.health,
    visibility: row.visibility,
    progressSummary: row.progress_summary,
    initiatingDepartment: { id: row.initiating_department_id, name: row.initiating_department_name },
    participatingDepartmentIds: row.participating_department_ids,
    period: { year: row.period_year, quarter: row.period_quarter, label: `${row.period_year}Q${row.period_quarter}` },
    counts: { open: row.open_items, overdue: row.overdue_items },
    createdAt: formatInstant(row.created_at, tz),
    updatedAt: formatInstant(row.updated_at, tz),
  };
}
