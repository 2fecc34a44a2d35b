import { localDate, localDateTime, makeCalendarDate, type CalendarDate, type YearQuarter } from '../../domain/calendar-date.ts';
import { findMissingParts } from '../../domain/completeness.ts';
import { isAgendaLate, isPublishLate } from '../../domain/meeting-deadlines.ts';
import { parseQuarter } from '../../domain/period.ts';
import type { OrgSettings } from '../../shared/org-settings.ts';
import { createCollaborationBody, patchCollaborationBody, remarkBody } from '../../shared/schemas/collaboration.ts';
import { createMeetingBody, createTopicBody } from '../../shared/schemas/meeting.ts';
import { createActionItemBody, progressUpdateBody } from '../../shared/schemas/action-item.ts';
import { progressUpdateProblems, statusAfterUpdate } from '../commands/post-progress-update.ts';
import { TEMPLATE_LAYOUT, type TemplateSheetKey } from '../exports/template-layout.ts';
import { readTimeRange } from './cell-dates.ts';
import { readFeedback, readMeetingPlace, type Stance } from './cell-choices.ts';
import { Findings, type ImportNote, type ImportProblem, type Spot } from './import-problems.ts';
import { normalizeLabel } from './labels.ts';
import { matchDepartment, type Directory, type DirectoryDepartment, type DirectoryUser } from './people-directory.ts';
import { knownLabel, planReaders, type PlanReaders, type Source } from './plan-readers.ts';
import { textOf, type FieldKey, type TableRow, type TemplateSections } from './template-sections.ts';

type ItemStatus = 'todo' | 'in_progress' | 'blocked' | 'done' | 'cancelled';
type ProgressInput = {
  progress: number | undefined;
  statusText: string;
  status: ItemStatus | undefined;
  delayCode: string | undefined;
  delayReason: string | undefined;
  remedy: string | undefined;
  newDueDate: CalendarDate | undefined;
};
export type PlannedRef = { id: string; name: string };

export type PlannedFeedback = { departmentId: string; userId: string | null; stance: Stance | null; text: string; noFeedback: boolean };

export type PlannedTopic = {
  number: number;
  title: string;
  discussion: string;
  disagreements: string;
  consensus: string;
  problemTags: string[];
  sensitive: boolean;
  visibleToUserIds: string[];
  feedback: PlannedFeedback[];
};

export type PlannedMeeting = {
  number: number;
  kind: 'regular' | 'progress_sync';
  title: string | null;
  plannedStart: Date;
  plannedEnd: Date;
  mode: 'online' | 'offline';
  location: string;
  hostId: string;
  recorderId: string;
  attendeeIds: string[];
  agenda: string[];
  agendaSentAt: Date | null;
  agendaSentLate: boolean | null;
  heldAt: Date | null;
  endedAt: Date | null;
  minutesStatus: 'draft' | 'published';
  publishedAt: Date | null;
  publishedLate: boolean | null;
  noActions: boolean;
  cancelledAt: Date | null;
  createdAt: Date;
  topics: PlannedTopic[];
};

export type PlannedUpdate = {
  authorId: string;
  at: Date;
  progress: number;
  statusText: string;
  status: ItemStatus;
  delayCode: string | null;
  delayReason: string | null;
  remedy: string | null;
  previousDueDate: CalendarDate | null;
  newDueDate: CalendarDate | null;
};

export type PlannedActionItem = {
  number: number;
  description: string;
  owner: PlannedRef | null;
  ownerDepartmentId: string | null;
  dueDate: CalendarDate | null;
  originalDueDate: CalendarDate | null;
  deliverable: string;
  status: ItemStatus;
  progress: number;
  statusText: string;
  /** Index into `meetings`, and of the source topic within that meeting's `topics`. */
  meetingIndex: number | null;
  topicIndex: number | null;
  acceptedById: string | null;
  acceptedAt: Date | null;
  sensitive: boolean;
  visibleToUserIds: string[];
  updates: PlannedUpdate[];
  lastUpdateAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
};

export type PlannedRemark = { kind: 'remark' | 'risk' | 'escalation'; text: string; authorId: string | null; at: Date };

export type PlannedCollaboration = {
  topic: string;
  goal: string;
  targets: { metric: string; target: string }[];
  scenario: 'major_project' | 'problem_solving' | 'routine_alignment' | 'urgent_task' | null;
  initiatingDepartment: PlannedRef | null;
  participatingDepartments: PlannedRef[];
  owner: PlannedRef | null;
  visibility: 'participants' | 'organization';
  period: YearQuarter | null;
  status: 'active' | 'completed' | 'cancelled';
  archived: boolean;
  health: 'on_track' | 'at_risk' | 'off_track';
  progressSummary: string;
  createdAt: Date;
};

export type ImportCounts = { meetings: number; topics: number; feedback: number; actionItems: number; progressUpdates: number; remarks: number };

/**
 * What an import would create, fully resolved to ids, dates and enums, with every problem found on the
 * way. A plan without problems has every reference resolved and is what the commit writes; the preview
 * shows it as it is.
 */
export type ImportPlan = {
  collaboration: PlannedCollaboration;
  meetings: PlannedMeeting[];
  actionItems: PlannedActionItem[];
  remarks: PlannedRemark[];
  problems: ImportProblem[];
  notes: ImportNote[];
  counts: ImportCounts;
};

/** What the plan depends on besides the workbook: the clock, the organisation's rules, who imports. */
export type ImportContext = { now: Date; settings: OrgSettings; actorId: string };

const L = TEMPLATE_LAYOUT;
const HOUR_MS = 3_600_000;
const RESTRICTED_TEXTS = new Set([L.restrictedText, 'Restricted', 'Restricted content'].map(normalizeLabel));

const FIELD_LABELS: Record<FieldKey, string> = {
  ...(Object.fromEntries(L.sheets.basicInfo.fields.map((f) => [f.key, f.label])) as Record<string, string>),
  host: '主持人',
  attendees: '参会人员',
  status: L.sheets.statusTracking.items.status,
  health: L.sheets.statusTracking.items.health,
  progressSummary: L.sheets.statusTracking.items.progressSummary,
  remarks: L.sheets.statusTracking.items.remarks,
} as Record<FieldKey, string>;

/** The API's own schemas for what a sheet gives, so imported text obeys the limits typed text does. */
const SCHEMAS = {
  collaboration: createCollaborationBody.pick({ topic: true, goal: true, targets: true }),
  progressSummary: patchCollaborationBody.pick({ progressSummary: true }),
  meeting: createMeetingBody.pick({ title: true, location: true, agenda: true }),
  topic: createTopicBody.pick({ title: true, discussion: true, disagreements: true, consensus: true, problemTags: true }),
  actionItem: createActionItemBody.pick({ description: true, deliverable: true }),
  remark: remarkBody.pick({ text: true }),
};

const columnLabel = (sheet: TemplateSheetKey, key: string): string =>
  (L.sheets[sheet].columns as readonly { key: string; label: string }[]).find((c) => c.key === key)?.label ?? key;

/**
 * Turns the located sections of a workbook into an import plan against the organisation's people and
 * departments. Pure: the same workbook, directory and context give the same plan, so preview and commit
 * agree. Dates without a year take it from the record (its meetings, else its 归档分类 period, else today).
 */
export function planImport(sections: TemplateSections, directory: Directory, context: ImportContext): ImportPlan {
  const findings = new Findings();
  const read = planReaders(findings, directory, context.settings.timeZone);
  const builder = new PlanBuilder(sections, directory, context, findings, read);
  return builder.build();
}

/** The steps of `planImport`, sharing the readers, the findings and what earlier steps resolved. */
class PlanBuilder {
  private readonly sections: TemplateSections;
  private readonly directory: Directory;
  private readonly context: ImportContext;
  private readonly findings: Findings;
  private readonly read: PlanReaders;
  private readonly tz: string;
  private collaborationDepartmentIds: string[] = [];
  /** Meetings whose row gave 纪要状态 (an exported sheet); the others get the state the template implies. */
  private readonly meetingStatusGiven = new Set<PlannedMeeting>();
  /** Which of 状态 / 进度 / 当前进度 an item's row gave; the rest follow its last update. */
  private readonly itemGiven = new Map<PlannedActionItem, { status: boolean; progress: boolean; statusText: boolean }>();
  /** Where each meeting was read, for the notes about it. */
  private readonly meetingSpots = new Map<PlannedMeeting, Spot>();
  /** Feedback cells already read (sheet!master), so a cell merged over rows counts once. */
  private readonly readFeedbackCells = new Set<string>();
  /** 会议序号 of rows that could not be read: references to them are not reported again. */
  private readonly brokenMeetingNumbers = new Set<number>();

  constructor(sections: TemplateSections, directory: Directory, context: ImportContext, findings: Findings, read: PlanReaders) {
    this.sections = sections;
    this.directory = directory;
    this.context = context;
    this.findings = findings;
    this.read = read;
    this.tz = context.settings.timeZone;
  }

  build(): ImportPlan {
    const collaboration = this.collaboration();
    const baseReference = collaboration.period ? makeCalendarDate(collaboration.period.year, collaboration.period.quarter * 3 - 1, 15)! : localDate(this.context.now, this.tz);
    const meetings = this.meetings(collaboration, baseReference);
    const firstMeeting = [...meetings].sort((a, b) => a.plannedStart.getTime() - b.plannedStart.getTime())[0];
    const reference = firstMeeting ? localDate(firstMeeting.plannedStart, this.tz) : baseReference;
    this.topics(meetings);
    const actionItems = this.actionItems(meetings, reference);
    this.progressUpdates(actionItems, reference);
    const remarks = this.remarks(reference);
    this.settleMeetings(meetings, actionItems, collaboration);
    for (const item of actionItems) this.settleItem(item, meetings);
    collaboration.createdAt = new Date(Math.min(this.context.now.getTime(), ...meetings.map((m) => m.createdAt.getTime()), ...actionItems.map((i) => i.createdAt.getTime())));
    if (this.sections.attachmentRows > 0) {
      this.findings.note({ sheet: L.sheets.attachments.name, cell: '' }, 'attachments', 'ATTACHMENTS_SKIPPED', { count: this.sections.attachmentRows });
    }
    const topics = meetings.flatMap((m) => m.topics);
    return {
      collaboration,
      meetings,
      actionItems,
      remarks,
      problems: this.findings.problems,
      notes: this.findings.notes,
      counts: {
        meetings: meetings.length,
        topics: topics.length,
        feedback: topics.reduce((n, t) => n + t.feedback.length, 0),
        actionItems: actionItems.length,
        progressUpdates: actionItems.reduce((n, i) => n + i.updates.length, 0),
        remarks: remarks.length,
      },
    };
  }

  // ── sources ────────────────────────────────────────────────────────────────────────────────────

  private field(key: FieldKey): Source {
    const located = this.sections.fields[key];
    return {
      cell: located ?? null,
      spot: located ? { sheet: located.sheet, cell: located.address } : { sheet: this.sections.basicSheetName, cell: '' },
      field: `collaboration.${key}`,
      label: FIELD_LABELS[key],
    };
  }

  private cell(sheet: TemplateSheetKey, row: TableRow, key: string, path: string): Source {
    return { cell: row.get(key), spot: { sheet: row.sheet, cell: row.address(key) }, field: `${path}.${key}`, label: columnLabel(sheet, key) };
  }

  // ── 基础信息 and 状态跟踪 ─────────────────────────────────────────────────────────────────────────

  private collaboration(): PlannedCollaboration {
    const { read, findings } = this;
    const initiatingSource = this.field('initiatingDepartment');
    const initiating = read.required(initiatingSource) ? read.department(initiatingSource) : null;
    const participatingSource = this.field('participatingDepartments');
    const listed = read.required(participatingSource) ? read.departments(participatingSource) : [];
    const participating = listed.filter((d) => d.id !== initiating?.id);
    if (listed.length && !participating.length) {
      findings.problem(participatingSource.spot, participatingSource.field, 'INVALID_VALUE', { label: participatingSource.label }, 'collaboration.initiatorNotParticipant');
    }
    this.collaborationDepartmentIds = [...(initiating ? [initiating.id] : []), ...participating.map((d) => d.id)];

    const scenarioSource = this.field('scenario');
    const scenario = read.required(scenarioSource) ? read.label(scenarioSource, 'scenario') : null;
    const targets = this.targets();
    const core = { topic: read.text(this.field('topic')), goal: read.text(this.field('goal')), targets };
    findings.checkSchema(SCHEMAS.collaboration, core, (key) => this.fieldSpot(key as FieldKey), 'collaboration.');

    const periodSource = this.field('period');
    const periodText = read.text(periodSource);
    const period = periodText ? parsePeriod(periodText) : null;
    if (periodText && !period) findings.problem(periodSource.spot, periodSource.field, 'INVALID_VALUE', { label: periodSource.label, value: periodText }, 'import.INVALID_PERIOD');

    const statusValue = read.label(this.field('status'), 'collaborationStatus');
    const progressSummary = read.text(this.field('progressSummary'));
    findings.checkSchema(SCHEMAS.progressSummary, { progressSummary }, (key) => this.fieldSpot(key as FieldKey), 'collaboration.');
    const owner = read.person(this.field('owner'), this.collaborationDepartmentIds);
    return {
      ...core,
      scenario,
      initiatingDepartment: initiating && ref(initiating),
      participatingDepartments: participating.map(ref),
      owner: owner && ref(owner),
      visibility: read.label(this.field('visibility'), 'visibility') ?? 'participants',
      period,
      status: statusValue === 'archived' ? 'completed' : (statusValue ?? 'active'),
      archived: statusValue === 'archived',
      health: read.label(this.field('health'), 'health') ?? 'on_track',
      progressSummary,
      createdAt: this.context.now,
    };
  }

  private fieldSpot(key: FieldKey): Spot & { label: string } {
    const source = this.field(key);
    return { ...source.spot, label: source.label };
  }

  /** 衡量指标: one 「指标：目标」 per line. */
  private targets(): { metric: string; target: string }[] {
    const source = this.field('targets');
    return this.read.lines(source).map((line) => {
      const at = line.search(/[:：]/);
      if (at < 0) {
        this.findings.problem(source.spot, source.field, 'INVALID_VALUE', { label: source.label, value: line }, 'import.INVALID_TARGET');
        return { metric: line, target: line };
      }
      return { metric: line.slice(0, at).trim(), target: line.slice(at + 1).trim() };
    });
  }

  // ── 沟通会议 ─────────────────────────────────────────────────────────────────────────────────────

  private meetings(collaboration: PlannedCollaboration, reference: CalendarDate): PlannedMeeting[] {
    const table = this.sections.tables.meetings;
    if (table) {
      const meetings: PlannedMeeting[] = [];
      const numbers = new Set<number>();
      table.rows.forEach((row, index) => {
        const meeting = this.meetingRow(row, index, reference);
        if (!meeting) {
          const number = Number(textOf(row.get('number')));
          if (Number.isInteger(number)) this.brokenMeetingNumbers.add(number);
          return;
        }
        const spot = { sheet: row.sheet, cell: row.address('number') };
        if (numbers.has(meeting.number)) this.findings.problem(spot, `meetings[${index}].number`, 'DUPLICATE', { label: columnLabel('meetings', 'number'), value: meeting.number });
        numbers.add(meeting.number);
        meetings.push(meeting);
      });
      return meetings;
    }
    const hasTopics = Boolean(this.sections.tables.topics?.rows.length);
    if (!this.read.text(this.field('plannedTime')) && !hasTopics) return [];
    const meeting = this.basicInfoMeeting(collaboration, reference);
    return meeting ? [meeting] : [];
  }

  private meetingRow(row: TableRow, index: number, reference: CalendarDate): PlannedMeeting | null {
    const { read } = this;
    const path = `meetings[${index}]`;
    const at = (key: string) => this.cell('meetings', row, key, path);
    const times = this.meetingTimes(at('plannedStart'), row.has('plannedEnd') ? at('plannedEnd') : null, reference);
    const place = this.meetingPlace(at('mode'), at('location'));
    const host = read.person(at('host'));
    const recorderSource = at('recorder');
    const recorder = read.required(recorderSource) ? read.person(recorderSource) : null;
    const day = times ? localDate(times.start, this.tz) : reference;
    const title = read.text(at('title'));
    const agenda = read.lines(at('agenda'));
    this.findings.checkSchema(SCHEMAS.meeting, { title, location: place.location, agenda }, (key) => ({ ...at(key).spot, label: at(key).label }), `${path}.`);
    const status = read.label(at('minutesStatus'), 'minutesStatus');
    const hostOrDefault = host ?? this.defaultHost(at('host'), recorder);
    if (!times || !recorder || !hostOrDefault) return null;
    const meeting: PlannedMeeting = {
      number: read.number(at('number')) ?? index + 1,
      kind: read.label(at('kind'), 'meetingKind') ?? 'regular',
      title: title || null,
      plannedStart: times.start,
      plannedEnd: times.end,
      ...place,
      hostId: hostOrDefault.id,
      recorderId: recorder.id,
      attendeeIds: read.people(at('attendees')).map((u) => u.id),
      agenda,
      agendaSentAt: read.instant(at('agendaSentAt'), day, '00:00'),
      agendaSentLate: null,
      heldAt: read.instant(at('heldAt'), day, '00:00'),
      endedAt: null,
      minutesStatus: status === 'published' ? 'published' : 'draft',
      publishedAt: read.instant(at('publishedAt'), day, '00:00'),
      publishedLate: null,
      noActions: read.flag(at('noActions')),
      cancelledAt: status === 'cancelled' ? this.context.now : null,
      createdAt: this.context.now,
      topics: [],
    };
    if (status !== null) this.meetingStatusGiven.add(meeting);
    this.meetingSpots.set(meeting, { sheet: row.sheet, cell: row.address('minutesStatus') });
    return meeting;
  }

  /** The paper template's single meeting: 计划沟通时间, 沟通地点/方式 and 记录人 in 基础信息. */
  private basicInfoMeeting(collaboration: PlannedCollaboration, reference: CalendarDate): PlannedMeeting | null {
    const { read } = this;
    const timeSource = this.field('plannedTime');
    if (!read.required(timeSource)) return null;
    const times = this.meetingTimes(timeSource, null, reference);
    const place = readMeetingPlace(read.text(this.field('place')));
    const recorderSource = this.field('recorder');
    const recorder = read.required(recorderSource) ? read.person(recorderSource) : null;
    const host = read.person(this.field('host')) ?? this.defaultHost(this.field('host'), recorder, collaboration);
    const attendees = read.people(this.field('attendees'));
    if (!times || !recorder || !host) return null;
    const topicTitles = [...new Set((this.sections.tables.topics?.rows ?? []).map((row) => textOf(row.get('title'))).filter(Boolean))];
    const meeting: PlannedMeeting = {
      number: 1,
      kind: 'regular',
      title: null,
      plannedStart: times.start,
      plannedEnd: times.end,
      ...place,
      hostId: host.id,
      recorderId: recorder.id,
      attendeeIds: attendees.map((u) => u.id),
      // The template sends the topics ahead as the agenda (rule 1).
      agenda: topicTitles.slice(0, 50),
      agendaSentAt: null,
      agendaSentLate: null,
      heldAt: null,
      endedAt: null,
      minutesStatus: 'draft',
      publishedAt: null,
      publishedLate: null,
      noActions: false,
      cancelledAt: null,
      createdAt: this.context.now,
      topics: [],
    };
    this.meetingSpots.set(meeting, timeSource.spot);
    return meeting;
  }

  /**
   * The template names the initiating department's head as the host (会议主持与引导); a sheet without a
   * host gets them, else the recorder — noted, so the preview says so.
   */
  private defaultHost(source: Source, recorder: DirectoryUser | null, collaboration?: PlannedCollaboration): DirectoryUser | null {
    const initiatingId = collaboration?.initiatingDepartment?.id ?? this.collaborationDepartmentIds[0];
    const headId = this.directory.departments.find((d) => d.id === initiatingId)?.headId;
    const head = this.directory.users.find((u) => u.id === headId) ?? null;
    const host = head ?? recorder;
    if (host && !textOf(source.cell)) this.findings.note(source.spot, source.field, 'ASSUMED_HOST', { name: host.name });
    return host;
  }

  /** Start and end: two cells (开始, 结束), or one range 「2024年7月10日14:00-16:00」; no end means one hour. */
  private meetingTimes(startSource: Source, endSource: Source | null, reference: CalendarDate): { start: Date; end: Date } | null {
    const { findings } = this;
    const range = readTimeRange(startSource.cell?.value ?? null, reference);
    if (!range.ok) {
      if (range.reason === 'required') findings.problem(startSource.spot, startSource.field, 'MISSING_FIELD', { label: startSource.label });
      else findings.problem(startSource.spot, startSource.field, range.reason === 'vague' ? 'VAGUE_DATE' : 'INVALID_DATE', { label: startSource.label, value: textOf(startSource.cell) });
      return null;
    }
    if (!range.start) {
      findings.problem(startSource.spot, startSource.field, 'MISSING_FIELD', { label: startSource.label, value: textOf(startSource.cell) }, 'import.MEETING_TIME_MISSING');
      return null;
    }
    const start = localDateTime(range.date, range.start, this.tz);
    let end: Date | null = null;
    if (endSource && textOf(endSource.cell)) {
      const endRange = readTimeRange(endSource.cell!.value, range.date);
      if (!endRange.ok || !endRange.start) {
        findings.problem(endSource.spot, endSource.field, endRange.ok ? 'MISSING_FIELD' : endRange.reason === 'vague' ? 'VAGUE_DATE' : 'INVALID_DATE', { label: endSource.label, value: textOf(endSource.cell) });
        return null;
      }
      end = localDateTime(endRange.date, endRange.start, this.tz);
    } else if (range.end) {
      end = localDateTime(range.date, range.end, this.tz);
    }
    if (!end) {
      end = new Date(start.getTime() + HOUR_MS);
      const spot = endSource ?? startSource;
      findings.note(spot.spot, spot.field, 'ASSUMED_END_TIME', { end: localClock(end, this.tz) });
    }
    if (end.getTime() <= start.getTime()) {
      const spot = endSource ?? startSource;
      findings.problem(spot.spot, spot.field, 'INVALID_VALUE', { label: spot.label }, 'meeting.endBeforeStart');
      return null;
    }
    return { start, end };
  }

  /** 方式 and 地点 in two cells (线下 | 3楼会议室), or together (「线上会议/腾讯会议」, 「3楼会议室」). */
  private meetingPlace(modeSource: Source, locationSource: Source): { mode: 'online' | 'offline'; location: string } {
    const modeText = this.read.text(modeSource);
    const location = this.read.text(locationSource);
    const fromText = readMeetingPlace(modeText || location);
    const mode = (modeText && knownLabel('meetingMode', modeText)) || fromText.mode;
    return { mode, location: location || (modeText ? fromText.location : '') };
  }

  // ── 沟通核心内容 ─────────────────────────────────────────────────────────────────────────────────

  private topics(meetings: PlannedMeeting[]): void {
    const table = this.sections.tables.topics;
    if (!table) return;
    let current: { key: string[]; topic: PlannedTopic; path: string; restricted: boolean } | null = null;
    let index = 0;
    for (const row of table.rows) {
      const title = row.get('title');
      const number = row.get('number');
      const meetingNumber = row.get('meetingNumber');
      // A row continues the topic above when what it says of the topic (merged or repeated) agrees with it.
      const key = [textOf(meetingNumber), textOf(number), textOf(title)];
      const continues = current !== null && key.every((part, i) => part === '' || part === current!.key[i]);
      if (!continues) {
        const path = `topics[${index++}]`;
        current = { key, path, ...this.startTopic(row, path, meetings) };
      }
      if (current && !current.restricted) this.feedbackRows(row, current.topic, `${current.path}.feedback`);
    }
  }

  private startTopic(row: TableRow, path: string, meetings: PlannedMeeting[]): { topic: PlannedTopic; restricted: boolean } {
    const { read, findings } = this;
    const at = (key: string) => this.cell('topics', row, key, path);
    const titleSource = at('title');
    const meetingIndex = this.meetingReference(at('meetingNumber'), meetings, 'topic');
    const meeting = meetingIndex === null ? null : meetings[meetingIndex]!;
    const numberSource = at('number');
    const number = read.number(numberSource) ?? (meeting ? meeting.topics.length + 1 : 1);
    if (meeting?.topics.some((t) => t.number === number)) findings.problem(numberSource.spot, numberSource.field, 'DUPLICATE', { label: numberSource.label, value: number });
    // A restricted row keeps its number, so the items that point at it are not reported as well.
    const restricted = isRestricted(titleSource) || isRestricted(at('discussion'));
    if (restricted) findings.problem(titleSource.spot, titleSource.field, 'RESTRICTED_CONTENT', { label: titleSource.label });
    const values = {
      title: restricted ? '' : read.text(titleSource),
      discussion: restricted ? '' : read.text(at('discussion')),
      disagreements: restricted ? '' : read.text(at('disagreements')),
      consensus: restricted ? '' : read.text(at('consensus')),
      problemTags: restricted ? [] : splitNames(read.text(at('problemTags'))),
    };
    if (!restricted) {
      findings.checkSchema(SCHEMAS.topic, values, (key) => ({ ...at(key).spot, label: at(key).label }), `${path}.`);
    }
    const sensitive = restricted || read.flag(at('sensitive'));
    const named = read.people(at('visibleTo')).map((u) => u.id);
    const topic: PlannedTopic = {
      ...values,
      number,
      sensitive,
      // As when typed in: a sensitive topic also names the person who wrote it (here: who imports it).
      visibleToUserIds: sensitive ? [...new Set([...named, this.context.actorId])] : named,
      feedback: [],
    };
    meeting?.topics.push(topic);
    return { topic, restricted };
  }

  /**
   * The meeting a row belongs to by its 会议序号. Without one, a topic belongs to the record's only meeting;
   * so does an item of a hand-filled sheet (its action list is that meeting's), while an exported item
   * without a number belongs to no meeting.
   */
  private meetingReference(source: Source, meetings: PlannedMeeting[], kind: 'topic' | 'item'): number | null {
    const number = this.read.number(source);
    if (number !== null) {
      const index = meetings.findIndex((m) => m.number === number);
      if (index < 0 && !this.brokenMeetingNumbers.has(number)) this.findings.problem(source.spot, source.field, 'UNKNOWN_REFERENCE', { label: source.label, value: number });
      return index < 0 ? null : index;
    }
    if (textOf(source.cell)) return null;
    const hasMeetingTable = this.sections.tables.meetings !== undefined;
    if (meetings.length === 1 && (kind === 'topic' || !hasMeetingTable)) return 0;
    // A sheet without the 沟通会议 table and without a meeting has had its 计划沟通时间 reported already.
    if (kind === 'topic' && (meetings.length > 1 || hasMeetingTable)) this.findings.problem(source.spot, source.field, 'MISSING_FIELD', { label: source.label });
    return null;
  }

  /** A topic's feedback: a row per department (部门 | 反馈人 | 态度 | 反馈内容), or one cell 「研发部：同意，…；销售部：…」. */
  private feedbackRows(row: TableRow, topic: PlannedTopic, path: string): void {
    const at = (key: string) => this.cell('topics', row, key, `${path}[${topic.feedback.length}]`);
    if (!row.has('feedbackDepartment')) {
      const source = at('feedbackText');
      // One cell merged down over several rows holds the answers once.
      const master = row.get('feedbackText')?.master;
      if (!master || this.readFeedbackCells.has(`${row.sheet}!${master}`)) return;
      this.readFeedbackCells.add(`${row.sheet}!${master}`);
      const label = columnLabel('topics', 'feedbackDepartment');
      for (const segment of this.read.text(source).split(/\r?\n|[;；]/).map((s) => s.trim()).filter(Boolean)) {
        const split = /^([^:：,，]{1,30})[:：]\s*(.*)$/s.exec(segment);
        if (!split) {
          this.findings.problem(source.spot, source.field, 'MISSING_FIELD', { label, value: segment }, 'import.FEEDBACK_DEPARTMENT_MISSING');
          continue;
        }
        const department = matchDepartment(this.directory, split[1]!);
        if (!department.ok) {
          this.findings.problem(source.spot, source.field, department.code, { label, value: split[1]! });
          continue;
        }
        this.addFeedback(topic, source, department.department, null, null, split[2]!);
      }
      return;
    }
    const departmentSource = at('feedbackDepartment');
    const textSource = at('feedbackText');
    const stanceSource = at('feedbackStance');
    const personSource = at('feedbackPerson');
    if (![departmentSource, textSource, stanceSource, personSource].some((s) => textOf(s.cell))) return;
    if (!this.read.required(departmentSource)) return;
    const department = this.read.department(departmentSource);
    if (!department) return;
    const person = this.read.person(personSource, [department.id]);
    const stance = this.read.label(stanceSource, 'stance');
    this.addFeedback(topic, departmentSource, department, person, stance, this.read.text(textSource));
  }

  private addFeedback(topic: PlannedTopic, source: Source, department: DirectoryDepartment, person: DirectoryUser | null, stance: Stance | null, raw: string): void {
    if (!this.collaborationDepartmentIds.includes(department.id)) {
      this.findings.problem(source.spot, source.field, 'NOT_PARTICIPANT', { label: source.label, value: department.name });
      return;
    }
    if (topic.feedback.some((f) => f.departmentId === department.id)) {
      this.findings.problem(source.spot, source.field, 'DUPLICATE', { label: source.label, value: department.name });
      return;
    }
    const reading = stance === null ? readFeedback(raw) : { stance, text: raw, noFeedback: false };
    const noFeedback = reading.stance === null && (reading.noFeedback || normalizeLabel(raw) === normalizeLabel(L.noFeedbackText));
    // 「同意」 alone is the department's whole answer: kept as its text, as someone typing it in would.
    const text = noFeedback ? '' : reading.text || (stance === null ? raw.trim() : '');
    topic.feedback.push({ departmentId: department.id, userId: person?.id ?? null, stance: reading.stance, text, noFeedback });
  }

  // ── 行动项清单 ───────────────────────────────────────────────────────────────────────────────────

  private actionItems(meetings: PlannedMeeting[], reference: CalendarDate): PlannedActionItem[] {
    const table = this.sections.tables.actionItems;
    if (!table) return [];
    const items: PlannedActionItem[] = [];
    const numbers = new Set<number>();
    table.rows.forEach((row, index) => {
      const item = this.actionItem(row, `actionItems[${index}]`, index, meetings, reference);
      if (numbers.has(item.number)) {
        const source = this.cell('actionItems', row, 'number', `actionItems[${index}]`);
        this.findings.problem(source.spot, source.field, 'DUPLICATE', { label: source.label, value: item.number });
      }
      numbers.add(item.number);
      items.push(item);
    });
    return items;
  }

  private actionItem(row: TableRow, path: string, index: number, meetings: PlannedMeeting[], reference: CalendarDate): PlannedActionItem {
    const { read, findings } = this;
    const at = (key: string) => this.cell('actionItems', row, key, path);
    const descriptionSource = at('description');
    const restricted = isRestricted(descriptionSource) || isRestricted(at('deliverable'));
    if (restricted) findings.problem(descriptionSource.spot, descriptionSource.field, 'RESTRICTED_CONTENT', { label: descriptionSource.label });
    const embedded = embeddedElements(read.text(descriptionSource));
    const withEmbedded = (key: 'owner' | 'dueDate' | 'deliverable'): Source => {
      const source = at(key);
      const inline = embedded?.[key];
      if (textOf(source.cell) || !inline) return source;
      return { ...source, cell: { sheet: descriptionSource.spot.sheet, address: descriptionSource.spot.cell, value: inline, isPercent: false }, spot: descriptionSource.spot };
    };
    const description = restricted ? '' : embedded ? embedded.description : read.text(descriptionSource);
    const ownerDepartment = read.department(at('ownerDepartment'));
    const ownerSource = withEmbedded('owner');
    const owner = read.required(ownerSource) ? read.person(ownerSource, [...(ownerDepartment ? [ownerDepartment.id] : []), ...this.collaborationDepartmentIds]) : null;
    const dueDate = read.date(withEmbedded('dueDate'), reference, true);
    const deliverable = restricted ? '' : read.text(withEmbedded('deliverable'));
    if (!restricted) {
      findings.checkSchema(SCHEMAS.actionItem, { description, deliverable }, (key) => ({ ...(key === 'description' ? descriptionSource : withEmbedded('deliverable')).spot, label: columnLabel('actionItems', key) }), `${path}.`);
    }
    const meetingIndex = this.meetingReference(at('meetingNumber'), meetings, 'item');
    const topicIndex = this.topicReference(at('topicNumber'), meetingIndex === null ? null : meetings[meetingIndex]!);
    const status = read.label(at('status'), 'itemStatus');
    const progress = read.percent(at('progress'));
    if (status === 'done' && progress !== null && progress !== 100) findings.problem(at('progress').spot, at('progress').field, 'INVALID_VALUE', { label: at('progress').label }, 'progress.doneNeedsFull');
    const sensitive = read.flag(at('sensitive'));
    const named = read.people(at('visibleTo')).map((u) => u.id);
    const accepted = read.person(at('acceptedBy'));
    const statusText = restricted ? '' : read.text(at('statusText'));
    const item: PlannedActionItem = {
      number: read.number(at('number')) ?? index + 1,
      description,
      owner: owner && ref(owner),
      ownerDepartmentId: ownerDepartment?.id ?? (owner ? (owner.departmentIds.find((id) => this.collaborationDepartmentIds.includes(id)) ?? owner.departmentIds[0] ?? null) : null),
      dueDate,
      originalDueDate: read.date(at('originalDueDate'), reference, false),
      deliverable,
      status: status ?? 'todo',
      progress: progress ?? (status === 'done' ? 100 : 0),
      statusText,
      meetingIndex,
      topicIndex,
      acceptedById: accepted?.id ?? null,
      acceptedAt: read.instant(at('acceptedAt'), reference, '00:00'),
      sensitive,
      // As createActionItem: a sensitive item is always readable by whoever records it and by its owner.
      visibleToUserIds: sensitive ? [...new Set([this.context.actorId, ...(owner ? [owner.id] : []), ...named])] : named,
      updates: [],
      lastUpdateAt: null,
      completedAt: null,
      createdAt: this.context.now,
    };
    this.itemGiven.set(item, { status: status !== null, progress: progress !== null, statusText: statusText !== '' });
    return item;
  }

  private topicReference(source: Source, meeting: PlannedMeeting | null): number | null {
    const number = this.read.number(source);
    if (number === null) return null;
    const index = meeting ? meeting.topics.findIndex((t) => t.number === number) : -1;
    if (index < 0) this.findings.problem(source.spot, source.field, 'UNKNOWN_REFERENCE', { label: source.label, value: number });
    return index < 0 ? null : index;
  }

  // ── 进度更新 ─────────────────────────────────────────────────────────────────────────────────────

  private progressUpdates(items: PlannedActionItem[], reference: CalendarDate): void {
    const table = this.sections.tables.progressUpdates;
    if (!table) return;
    const { read, findings } = this;
    const delayCodes = this.context.settings.delayReasonCodes;
    type Entry = { update: PlannedUpdate; path: string; sources: Record<string, Source>; input: ProgressInput };
    const pending = new Map<PlannedActionItem, Entry[]>();
    table.rows.forEach((row, index) => {
      const path = `progressUpdates[${index}]`;
      const at = (key: string) => this.cell('progressUpdates', row, key, path);
      const itemSource = at('itemNumber');
      const number = read.required(itemSource) ? read.number(itemSource) : null;
      const item = number === null ? undefined : items.find((i) => i.number === number);
      if (number !== null && !item) findings.problem(itemSource.spot, itemSource.field, 'UNKNOWN_REFERENCE', { label: itemSource.label, value: number });
      const restricted = ['statusText', 'delayText', 'remedy'].some((key) => isRestricted(at(key)));
      if (restricted) findings.problem(at('statusText').spot, at('statusText').field, 'RESTRICTED_CONTENT', { label: at('statusText').label });
      const when = read.instant(at('at'), reference, '00:00', true);
      const author = read.person(at('author'), item?.ownerDepartmentId ? [item.ownerDepartmentId] : []);
      const delaySource = at('delayReason');
      const delayText = read.text(delaySource);
      const delayCode = delayText ? delayCodes.find((c) => [c.code, c.labelZh, c.labelEn].some((w) => normalizeLabel(w) === normalizeLabel(delayText)))?.code : undefined;
      if (delayText && !delayCode) {
        findings.problem(delaySource.spot, delaySource.field, 'INVALID_VALUE', { label: delaySource.label, value: delayText, options: delayCodes.map((c) => c.labelZh).join('、') }, 'import.INVALID_CHOICE');
      }
      const input: ProgressInput = {
        progress: read.percent(at('progress')) ?? undefined,
        statusText: read.text(at('statusText')),
        status: read.label(at('status'), 'itemStatus') ?? undefined,
        delayCode,
        delayReason: read.text(at('delayText')) || undefined,
        remedy: read.text(at('remedy')) || undefined,
        newDueDate: read.date(at('newDueDate'), reference, false) ?? undefined,
      };
      const previousDueDate = read.date(at('previousDueDate'), reference, false);
      if (!item || !when || restricted) return;
      const sources = { progress: at('progress'), statusText: at('statusText'), status: at('status'), delayCode: delaySource, delayReason: at('delayText'), remedy: at('remedy'), newDueDate: at('newDueDate') };
      const update: PlannedUpdate = {
        authorId: author?.id ?? item.owner?.id ?? this.context.actorId,
        at: when,
        progress: input.progress ?? 0,
        statusText: input.statusText,
        status: input.status ?? 'in_progress',
        delayCode: input.delayCode ?? null,
        delayReason: input.delayReason ?? null,
        remedy: input.remedy ?? null,
        previousDueDate,
        newDueDate: input.newDueDate ?? null,
      };
      pending.set(item, [...(pending.get(item) ?? []), { update, path: `${path}.`, sources, input }]);
    });

    for (const [item, entries] of pending) {
      entries.sort((a, b) => a.update.at.getTime() - b.update.at.getTime());
      const firstMove = entries.find((e) => e.update.newDueDate);
      item.originalDueDate ??= firstMove?.update.previousDueDate ?? (firstMove ? null : item.dueDate);
      let dueDate = item.originalDueDate;
      let status: ItemStatus = 'todo';
      let progress = 0;
      for (const { update, path, sources, input } of entries) {
        const sourceOf = (key: string) => sources[key] ?? sources.statusText!;
        const parsed = findings.checkSchema(progressUpdateBody, { ...input, progress: input.progress ?? progress }, (key) => ({ ...sourceOf(key).spot, label: sourceOf(key).label }), path);
        if (parsed) {
          for (const p of progressUpdateProblems({ dueDate: dueDate ?? '' }, parsed, this.context.settings.delayReasonCodes.map((c) => c.code))) {
            const source = sourceOf(p.path);
            findings.problem(source.spot, source.field, p.path === 'delayReason' ? 'MISSING_FIELD' : 'INVALID_VALUE', { label: source.label }, p.message);
          }
          update.progress = parsed.progress;
          update.status = input.status ?? statusAfterUpdate(status, parsed);
        }
        if (update.newDueDate) {
          update.previousDueDate ??= dueDate;
          dueDate = update.newDueDate;
        }
        status = update.status;
        progress = update.progress;
        item.updates.push(update);
      }
    }
  }

  // ── 风险与备注 ───────────────────────────────────────────────────────────────────────────────────

  private remarks(reference: CalendarDate): PlannedRemark[] {
    return this.sections.remarks.map((row, index) => {
      const path = `remarks[${index}]`;
      const source = (located: typeof row.text | null, key: string): Source => ({
        cell: located,
        spot: located ? { sheet: located.sheet, cell: located.address } : { sheet: row.text.sheet, cell: row.text.address },
        field: `${path}.${key}`,
        label: columnLabel('statusTracking', key),
      });
      const textSource = source(row.text, 'content');
      const text = this.read.text(textSource);
      this.findings.checkSchema(SCHEMAS.remark, { text }, () => ({ ...textSource.spot, label: FIELD_LABELS.remarks }), `${path}.`);
      const kind = this.read.label(source(row.kind, 'kind'), 'remarkKind') ?? 'remark';
      const author = this.read.person(source(row.author, 'author'));
      return {
        kind,
        text,
        // Escalation notes are the system's own; any other remark without a name is the importer's.
        authorId: author?.id ?? (kind === 'escalation' ? null : this.context.actorId),
        at: this.read.instant(source(row.at, 'at'), reference, '00:00') ?? this.context.now,
      };
    });
  }

  // ── states the sheet implies ───────────────────────────────────────────────────────────────────

  /**
   * What the template implies for each meeting. An exported sheet says it (纪要状态, 召开时间, 发布时间).
   * A hand-filled record of a meeting already over was held as planned, and is published when its minutes
   * are complete (议题-反馈-行动项, rule 8) — else it stays a draft for the recorder to finish. The paper
   * does not tell when it was published, so `publishedLate` stays unknown (null) rather than guessed.
   */
  private settleMeetings(meetings: PlannedMeeting[], items: PlannedActionItem[], collaboration: PlannedCollaboration): void {
    const { settings, now } = this.context;
    meetings.forEach((meeting, index) => {
      const statusGiven = this.meetingStatusGiven.has(meeting);
      const isOver = meeting.plannedEnd.getTime() <= now.getTime();
      if (meeting.cancelledAt) {
        meeting.minutesStatus = 'draft';
      } else if (!statusGiven && isOver) {
        const missing = findMissingParts({
          topics: meeting.topics.map((t, i) => ({ id: String(i), title: t.title, discussion: t.discussion, feedback: t.feedback })),
          participatingDepartmentIds: collaboration.participatingDepartments.map((d) => d.id),
          actionItemCount: items.filter((i) => i.meetingIndex === index).length,
          noActions: meeting.noActions,
        });
        meeting.heldAt ??= meeting.plannedStart;
        if (missing.length) {
          this.findings.note(this.meetingSpots.get(meeting)!, `meetings[${index}].minutesStatus`, 'MINUTES_KEPT_DRAFT', { count: missing.length });
        } else {
          meeting.minutesStatus = 'published';
        }
      }
      if (meeting.minutesStatus === 'published') {
        meeting.heldAt ??= meeting.plannedStart;
        if (meeting.publishedAt) meeting.publishedLate = isPublishLate({ ...meeting, endedAt: endOf(meeting) }, settings, meeting.publishedAt);
        else {
          meeting.publishedAt = now;
          this.findings.note(this.meetingSpots.get(meeting)!, `meetings[${index}].publishedAt`, 'PUBLISHED_TIME_UNKNOWN', {});
        }
      }
      meeting.endedAt = meeting.heldAt ? endOf(meeting) : null;
      if (meeting.agendaSentAt) meeting.agendaSentLate = isAgendaLate(meeting, settings, meeting.agendaSentAt);
      meeting.createdAt = new Date(Math.min(now.getTime(), (meeting.agendaSentAt ?? meeting.plannedStart).getTime()));
    });
  }

  /**
   * An item's state after its updates: the row's 状态/进度/当前进度 when written, else the last update's.
   * It was recorded when its meeting ended (the action list follows the meeting), never after its first update.
   */
  private settleItem(item: PlannedActionItem, meetings: PlannedMeeting[]): void {
    const given = this.itemGiven.get(item);
    const last = item.updates.at(-1);
    if (last) {
      if (!given?.status) item.status = last.status;
      if (!given?.progress) item.progress = last.progress;
      if (!given?.statusText) item.statusText = last.statusText;
      item.lastUpdateAt = last.at;
    }
    item.originalDueDate ??= item.dueDate;
    if (item.status === 'done') item.completedAt = [...item.updates].reverse().find((u) => u.status === 'done')?.at ?? item.acceptedAt ?? this.context.now;
    const meeting = item.meetingIndex === null ? null : meetings[item.meetingIndex];
    const recorded = meeting?.endedAt ?? meeting?.plannedEnd ?? this.context.now;
    item.createdAt = new Date(Math.min(this.context.now.getTime(), recorded.getTime(), ...(item.updates[0] ? [item.updates[0].at.getTime()] : [])));
  }
}

function ref(entity: { id: string; name: string }): PlannedRef {
  return { id: entity.id, name: entity.name };
}

/** The recorded end: planned, or as long as planned after a late start. */
function endOf(meeting: PlannedMeeting): Date {
  if (!meeting.heldAt || meeting.heldAt.getTime() <= meeting.plannedStart.getTime()) return meeting.plannedEnd;
  return new Date(meeting.heldAt.getTime() + (meeting.plannedEnd.getTime() - meeting.plannedStart.getTime()));
}

function isRestricted(source: Source): boolean {
  const text = textOf(source.cell);
  return text !== '' && RESTRICTED_TEXTS.has(normalizeLabel(text));
}

function splitNames(text: string): string[] {
  return text.split(/[、,，;；\n]+/).map((s) => s.trim()).filter(Boolean);
}

/** 「2024-Q3」, 「2024Q3」, 「2024年第三季度」 → { year, quarter }. */
export function parsePeriod(text: string): YearQuarter | null {
  const normalized = text
    .normalize('NFKC')
    .replace(/第?\s*([一二三四1-4])\s*季度?/, (_, q: string) => `Q${'一二三四'.includes(q) ? '一二三四'.indexOf(q) + 1 : q}`)
    .replace(/[年\s]/g, '');
  const quarter = parseQuarter(normalized);
  return quarter && { year: quarter.year, quarter: quarter.quarter };
}

/** The template's own example writes the four elements into the description: 「…（负责人：*设计师，截止时间：7月15日，交付成果：3版主视觉设计稿）」. */
function embeddedElements(text: string): { description: string; owner?: string; dueDate?: string; deliverable?: string } | null {
  const match = /^(.*?)[(（]([^()（）]*负责人\s*[:：][^()（）]*)[)）]\s*$/s.exec(text.normalize('NFKC'));
  if (!match) return null;
  const parts: Record<string, string> = {};
  for (const piece of match[2]!.split(/[,，;；]/)) {
    const kv = /^\s*(负责人|截止时间|截止日期|交付成果)\s*[:：]\s*(.+?)\s*$/.exec(piece);
    if (kv) parts[kv[1]!] = kv[2]!;
  }
  return { description: match[1]!.trim(), owner: parts['负责人'], dueDate: parts['截止时间'] ?? parts['截止日期'], deliverable: parts['交付成果'] };
}

function localClock(instant: Date, tz: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

