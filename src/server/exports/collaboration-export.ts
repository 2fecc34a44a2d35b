/**
 * One collaboration record as a plain object, exactly as the caller may see it — the single input of every
 * renderer (xlsx, pdf, docx, zip). Permission is applied here and only here: a sensitive topic or action
 * item the caller is not named on keeps its place and its non-content fields (number, owner, due date,
 * status) but every text of it is replaced by the localized placeholder before any renderer sees it, and
 * its attachments are left out. So no renderer can leak what it never received (DESIGN §2 rule 10).
 *
 * Loading is a fixed number of queries whatever the size: the collaboration page's queries
 * (`findCollaborationWithFacts`, `loadCollaborationParts`) plus one query per list (topics, feedback,
 * attendees, progress updates, attachments, names), never one per meeting or item.
 */
import type { Actor } from '../auth/actor.ts';
import type { DbOrTx } from '../db/client.ts';
import { findCollaborationWithFacts, type CollaborationWithFacts } from '../db/queries/collaborations.ts';
import { loadCollaborationParts } from '../db/queries/collaboration-detail.ts';
import { departmentNamesById, peopleById, type TopicWithFeedback } from '../db/queries/meetings.ts';
import { attachmentsOfCollaboration, attendeesByMeeting, progressUpdatesOfCollaboration, topicsOfMeetings } from '../db/queries/record-export.ts';
import { canReadCollaboration } from '../policies/collaboration.ts';
import { canSeeSensitive } from '../policies/sensitive.ts';
import { notFound } from '../errors.ts';
import type { Locale } from '../i18n/messages.ts';
import { collaborationPeriod } from '../../domain/period.ts';
import { daysOverdue, isOpen, type ActionItemStatus } from '../../domain/action-item-timing.ts';
import type { CalendarDate, YearQuarter } from '../../domain/calendar-date.ts';
import { exportLabels } from './export-labels.ts';

export type ExportPerson = { id: string; name: string };
export type ExportDepartment = { id: string; name: string };

export type ExportFeedback = {
  department: ExportDepartment;
  person: ExportPerson | null;
  stance: 'agree' | 'disagree' | 'conditional' | null;
  text: string;
  noFeedback: boolean;
};

export type ExportTopic = {
  id: string;
  /** 1-based within its meeting, restricted topics included, so numbering matches the page. */
  number: number;
  sensitive: boolean;
  /** A sensitive topic the caller is not named on: every text below is the placeholder, feedback and tags are empty. */
  restricted: boolean;
  title: string;
  discussion: string;
  feedback: ExportFeedback[];
  disagreements: string;
  consensus: string;
  problemTags: string[];
  visibleTo: ExportPerson[];
};

export type ExportMeeting = {
  id: string;
  /** 1-based in order of planned start within the collaboration (cancelled meetings included). */
  number: number;
  kind: 'regular' | 'progress_sync';
  title: string | null;
  plannedStart: Date;
  plannedEnd: Date;
  mode: 'online' | 'offline';
  location: string;
  host: ExportPerson;
  recorder: ExportPerson;
  attendees: ExportPerson[];
  agenda: string[];
  agendaSentAt: Date | null;
  heldAt: Date | null;
  minutesStatus: 'draft' | 'published';
  publishedAt: Date | null;
  publishedLate: boolean | null;
  noActions: boolean;
  cancelledAt: Date | null;
  topics: ExportTopic[];
};

export type ExportProgressUpdate = {
  id: string;
  at: Date;
  author: ExportPerson;
  progress: number;
  status: ActionItemStatus;
  statusText: string;
  delayCode: string | null;
  /** The organisation's label of the delay code in the export's language. */
  delayLabel: string | null;
  delayReason: string;
  remedy: string;
  previousDueDate: CalendarDate | null;
  newDueDate: CalendarDate | null;
};

export type ExportActionItem = {
  id: string;
  /** 1-based in the order of the action list: by meeting, then as recorded. */
  number: number;
  sensitive: boolean;
  restricted: boolean;
  description: string;
  owner: ExportPerson;
  ownerDepartment: ExportDepartment | null;
  dueDate: CalendarDate;
  originalDueDate: CalendarDate;
  deliverable: string;
  status: ActionItemStatus;
  progress: number;
  statusText: string;
  meetingNumber: number | null;
  topicNumber: number | null;
  acceptedBy: ExportPerson | null;
  acceptedAt: Date | null;
  daysOverdue: number;
  visibleTo: ExportPerson[];
  updates: ExportProgressUpdate[];
};

export type ExportRemark = { id: string; kind: 'remark' | 'risk' | 'escalation'; text: string; author: ExportPerson | null; at: Date };

export type AttachmentOwnerKind = 'collaboration' | 'meeting' | 'action_item' | 'progress_update';

export type ExportAttachment = {
  id: string;
  sha256: string;
  fileName: string;
  mime: string;
  size: number;
  uploadedBy: ExportPerson | null;
  uploadedAt: Date;
  /** What it documents: the meeting's number, or the action item's number (for an item's progress update too). */
  owner: { kind: AttachmentOwnerKind; number: number | null };
  /** Its path inside the .zip (`交付成果/行动项03-设计稿.png`), unique within the record. */
  archivePath: string;
};

export type CollaborationExport = {
  locale: Locale;
  timeZone: string;
  exportedAt: Date;
  exportedBy: ExportPerson;
  /** The placeholder that stands in every text of a restricted entry, in `locale`. */
  restrictedText: string;
  /** Set when the export is one meeting's minutes: `meetings` holds that meeting, `actionItems` its items. */
  meetingId: string | null;
  collaboration: {
    id: string;
    topic: string;
    goal: string;
    targets: { metric: string; target: string }[];
    scenario: 'major_project' | 'problem_solving' | 'routine_alignment' | 'urgent_task';
    status: 'active' | 'completed' | 'cancelled';
    archivedAt: Date | null;
    visibility: 'participants' | 'organization';
    health: 'on_track' | 'at_risk' | 'off_track';
    progressSummary: string;
    period: YearQuarter;
    initiatingDepartment: ExportDepartment;
    participatingDepartments: ExportDepartment[];
    owner: ExportPerson | null;
    creator: ExportPerson;
    createdAt: Date;
  };
  meetings: ExportMeeting[];
  actionItems: ExportActionItem[];
  /** 风险与备注, oldest first (empty for a one-meeting export). */
  remarks: ExportRemark[];
  attachments: ExportAttachment[];
};

export type ExportOptions = { locale: Locale; now: Date; meetingId?: string | undefined };

/** The collaboration as the caller may read it, or 404 — the same rule as GET /collaborations/:id. */
export async function findReadableCollaboration(db: DbOrTx, actor: Actor, id: string): Promise<CollaborationWithFacts> {
  const found = await findCollaborationWithFacts(db, actor, id);
  if (!found || !canReadCollaboration(actor, found.facts)) throw notFound();
  return found;
}

/** Loads the whole record (or one meeting of it, `options.meetingId`) of a collaboration the caller may read. */
export async function loadCollaborationExport(db: DbOrTx, actor: Actor, found: CollaborationWithFacts, options: ExportOptions): Promise<CollaborationExport> {
  const { row } = found;
  const tz = actor.settings.timeZone;
  const labels = exportLabels(options.locale);
  const restrictedText = labels.restricted;
  const parts = await loadCollaborationParts(db, row, [row.initiatingDepartmentId, ...found.participatingDepartmentIds]);
  const meetingRows = options.meetingId ? parts.meetings.filter((m) => m.id === options.meetingId) : parts.meetings;
  const meetingIds = meetingRows.map((m) => m.id);
  const itemRows = options.meetingId ? parts.actionItems.filter((i) => i.meetingId === options.meetingId) : parts.actionItems;

  const [topicRows, attendees, updateRows, attachmentRows] = await Promise.all([
    topicsOfMeetings(db, meetingIds),
    attendeesByMeeting(db, meetingIds),
    progressUpdatesOfCollaboration(db, row.id, options.meetingId),
    options.meetingId ? Promise.resolve([]) : attachmentsOfCollaboration(db, actor.orgId, row.id),
  ]);

  const userIds = new Set<string>();
  for (const ids of attendees.values()) for (const id of ids) userIds.add(id);
  for (const t of topicRows) if (t.sensitive) for (const id of t.visibleToUserIds) userIds.add(id);
  for (const i of itemRows) {
    if (i.acceptedBy) userIds.add(i.acceptedBy);
    if (i.sensitive) for (const id of i.visibleToUserIds) userIds.add(id);
  }
  const [people, ownerDepartments] = await Promise.all([
    peopleById(db, actor.orgId, [...userIds].filter((id) => !parts.names.has(id))),
    departmentNamesById(db, actor.orgId, itemRows.flatMap((i) => (i.ownerDepartmentId ? [i.ownerDepartmentId] : []))),
  ]);
  const nameOf = (id: string) => parts.names.get(id) ?? people.get(id)?.name ?? '';
  const person = (id: string): ExportPerson => ({ id, name: nameOf(id) });
  const departmentName = new Map([...parts.departments.map((d) => [d.id, d.name] as const), ...ownerDepartments]);
  const department = (id: string): ExportDepartment => ({ id, name: departmentName.get(id) ?? '' });

  // Meeting numbers come from the whole collaboration, so "第 3 次会议" is the same in a one-meeting export.
  const meetingNumber = new Map(parts.meetings.map((m, index) => [m.id, index + 1]));
  const topicsByMeeting = new Map<string, TopicWithFeedback[]>();
  for (const t of topicRows) topicsByMeeting.set(t.meetingId, [...(topicsByMeeting.get(t.meetingId) ?? []), t]);
  const topicNumber = new Map<string, number>();
  for (const list of topicsByMeeting.values()) list.forEach((t, index) => topicNumber.set(t.id, index + 1));

  const exportTopic = (t: TopicWithFeedback): ExportTopic => {
    const visibleTo = t.sensitive ? t.visibleToUserIds.map(person) : [];
    const common = { id: t.id, number: topicNumber.get(t.id)!, sensitive: t.sensitive, visibleTo };
    if (!canSeeSensitive(actor, t)) {
      return { ...common, restricted: true, title: restrictedText, discussion: restrictedText, feedback: [], disagreements: restrictedText, consensus: restrictedText, problemTags: [] };
    }
    return {
      ...common,
      restricted: false,
      title: t.title,
      discussion: t.discussion,
      feedback: t.feedback.map((f) => ({
        department: { id: f.departmentId, name: f.departmentName },
        person: f.userId ? { id: f.userId, name: f.userName ?? '' } : null,
        stance: f.stance,
        text: f.text,
        noFeedback: f.noFeedback,
      })),
      disagreements: t.disagreements,
      consensus: t.consensus,
      problemTags: t.problemTags,
    };
  };

  const meetingsOut: ExportMeeting[] = meetingRows.map((m) => ({
    id: m.id,
    number: meetingNumber.get(m.id)!,
    kind: m.kind,
    title: m.title,
    plannedStart: m.plannedStart,
    plannedEnd: m.plannedEnd,
    mode: m.mode,
    location: m.location,
    host: person(m.hostId),
    recorder: person(m.recorderId),
    attendees: (attendees.get(m.id) ?? []).map(person),
    agenda: m.agenda,
    agendaSentAt: m.agendaSentAt,
    heldAt: m.heldAt,
    minutesStatus: m.minutesStatus,
    publishedAt: m.publishedAt,
    publishedLate: m.publishedLate,
    noActions: m.noActions,
    cancelledAt: m.cancelledAt,
    topics: (topicsByMeeting.get(m.id) ?? []).map(exportTopic),
  }));

  const delayLabels = new Map(actor.settings.delayReasonCodes.map((r) => [r.code, options.locale === 'en' ? r.labelEn : r.labelZh]));
  const updatesByItem = new Map<string, typeof updateRows>();
  for (const u of updateRows) updatesByItem.set(u.actionItemId, [...(updatesByItem.get(u.actionItemId) ?? []), u]);

  const orderedItems = [...itemRows].sort(
    (a, b) =>
      (a.meetingId ? meetingNumber.get(a.meetingId)! : Number.MAX_SAFE_INTEGER) - (b.meetingId ? meetingNumber.get(b.meetingId)! : Number.MAX_SAFE_INTEGER) ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const itemNumber = new Map(orderedItems.map((i, index) => [i.id, index + 1]));
  const itemsOut: ExportActionItem[] = orderedItems.map((i) => {
    const visible = canSeeSensitive(actor, i);
    const text = (value: string) => (visible ? value : restrictedText);
    const updates = (updatesByItem.get(i.id) ?? []).map(
      (u): ExportProgressUpdate => ({
        id: u.id,
        at: u.createdAt,
        author: { id: u.authorId, name: u.authorName },
        progress: u.progress,
        status: u.status,
        statusText: text(u.statusText),
        delayCode: visible ? u.delayCode : null,
        delayLabel: visible ? (u.delayCode ? (delayLabels.get(u.delayCode) ?? u.delayCode) : null) : restrictedText,
        delayReason: text(u.delayReason ?? ''),
        remedy: text(u.remedy ?? ''),
        previousDueDate: u.previousDueDate,
        newDueDate: u.newDueDate,
      }),
    );
    return {
      id: i.id,
      number: itemNumber.get(i.id)!,
      sensitive: i.sensitive,
      restricted: !visible,
      description: text(i.description),
      owner: person(i.ownerId),
      ownerDepartment: i.ownerDepartmentId ? department(i.ownerDepartmentId) : null,
      dueDate: i.dueDate,
      originalDueDate: i.originalDueDate,
      deliverable: text(i.deliverable),
      status: i.status,
      progress: i.progress,
      statusText: text(i.statusText),
      meetingNumber: i.meetingId ? (meetingNumber.get(i.meetingId) ?? null) : null,
      topicNumber: i.sourceTopicId ? (topicNumber.get(i.sourceTopicId) ?? null) : null,
      acceptedBy: i.acceptedBy ? person(i.acceptedBy) : null,
      acceptedAt: i.acceptedAt,
      daysOverdue: isOpen(i.status) ? daysOverdue(i, options.now, tz) : 0,
      visibleTo: i.sensitive ? i.visibleToUserIds.map(person) : [],
      updates,
    };
  });

  return {
    locale: options.locale,
    timeZone: tz,
    exportedAt: options.now,
    exportedBy: { id: actor.userId, name: actor.name },
    restrictedText,
    meetingId: options.meetingId ?? null,
    collaboration: {
      id: row.id,
      topic: row.topic,
      goal: row.goal,
      targets: row.targets,
      scenario: row.scenario,
      status: row.status,
      archivedAt: row.archivedAt,
      visibility: row.visibility,
      health: row.health,
      progressSummary: row.progressSummary,
      period: collaborationPeriod(
        {
          explicit: row.periodYear && row.periodQuarter ? { year: row.periodYear, quarter: row.periodQuarter as YearQuarter['quarter'] } : null,
          firstMeetingStart: parts.meetings[0]?.plannedStart ?? null,
          createdAt: row.createdAt,
        },
        tz,
      ),
      initiatingDepartment: department(row.initiatingDepartmentId),
      participatingDepartments: found.participatingDepartmentIds.map(department).sort((a, b) => collator.compare(a.name, b.name)),
      owner: row.ownerId ? person(row.ownerId) : null,
      creator: person(row.creatorId),
      createdAt: row.createdAt,
    },
    meetings: meetingsOut,
    actionItems: itemsOut,
    remarks: options.meetingId
      ? []
      : [...parts.remarks].reverse().map((r) => ({ id: r.id, kind: r.kind, text: r.text, author: r.authorId ? person(r.authorId) : null, at: r.createdAt })),
    attachments: exportAttachments(attachmentRows, { meetingNumber, itemNumber, items: itemRows, updates: updateRows, canSee: (item) => canSeeSensitive(actor, item), labels }),
  };
}

const collator = new Intl.Collator('zh-CN');

type AttachmentContext = {
  meetingNumber: Map<string, number>;
  itemNumber: Map<string, number>;
  items: { id: string; sensitive: boolean; visibleToUserIds: string[] }[];
  updates: { id: string; actionItemId: string }[];
  canSee: (item: { sensitive: boolean; visibleToUserIds: string[] }) => boolean;
  labels: ReturnType<typeof exportLabels>;
};

/** Attachments with what they document and a unique path under 交付成果/; those of restricted items are left out. */
function exportAttachments(rows: Awaited<ReturnType<typeof attachmentsOfCollaboration>>, ctx: AttachmentContext): ExportAttachment[] {
  const items = new Map(ctx.items.map((i) => [i.id, i]));
  const itemOfUpdate = new Map(ctx.updates.map((u) => [u.id, u.actionItemId]));
  const used = new Set<string>();
  const out: ExportAttachment[] = [];
  for (const f of rows) {
    const itemId = items.has(f.entity_id) ? f.entity_id : itemOfUpdate.get(f.entity_id);
    const item = itemId ? items.get(itemId) : undefined;
    if (item && !ctx.canSee(item)) continue;
    const owner: ExportAttachment['owner'] = item
      ? { kind: itemOfUpdate.has(f.entity_id) ? 'progress_update' : 'action_item', number: ctx.itemNumber.get(item.id) ?? null }
      : ctx.meetingNumber.has(f.entity_id)
        ? { kind: 'meeting', number: ctx.meetingNumber.get(f.entity_id)! }
        : { kind: 'collaboration', number: null };
    const prefix =
      owner.kind === 'meeting'
        ? ctx.labels.attachmentPrefixMeeting(owner.number!)
        : owner.kind === 'collaboration'
          ? ctx.labels.attachmentPrefixCollaboration
          : ctx.labels.attachmentPrefixItem(owner.number ?? 0);
    out.push({
      id: f.id,
      sha256: f.sha256,
      fileName: f.file_name,
      mime: f.mime,
      size: f.size,
      uploadedBy: f.uploader_name !== null ? { id: f.uploaded_by, name: f.uploader_name } : null,
      uploadedAt: f.created_at,
      owner,
      archivePath: uniquePath(`${ARCHIVE_FOLDER}/${prefix}-${safeFileName(f.file_name)}`, used),
    });
  }
  return out;
}

/** The folder of the .zip that holds the files, as the template calls them. */
export const ARCHIVE_FOLDER = '交付成果';

/** A file name safe on Windows, macOS and Linux: no path separators, reserved or control characters. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 150);
  return cleaned || 'file';
}

function uniquePath(candidate: string, used: Set<string>): string {
  let path = candidate;
  const dot = candidate.lastIndexOf('.');
  const [stem, ext] = dot > candidate.lastIndexOf('/') ? [candidate.slice(0, dot), candidate.slice(dot)] : [candidate, ''];
  for (let n = 2; used.has(path.toLowerCase()); n++) path = `${stem} (${n})${ext}`;
  used.add(path.toLowerCase());
  return path;
}
