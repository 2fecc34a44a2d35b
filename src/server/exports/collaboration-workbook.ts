/**
 * The record as the template's table in .xlsx: 基础信息, 沟通会议, 沟通核心内容 (a row per topic and
 * department's feedback, the topic's cells merged over its feedback rows), 行动项清单 (任务描述 / 负责人 /
 * 截止时间 / 交付成果 + status and progress), 状态跟踪 (整体进度, 风险与备注), 进度更新 and 交付成果附件.
 *
 * Sheet names, labels, column order and value encodings are `TEMPLATE_LAYOUT` (template-layout.ts), which
 * the importer reads with, so export → import gives the same record. Sensitive entries the reader is not
 * named on keep their row with `TEMPLATE_LAYOUT.restrictedText` in every content cell; the workbook is
 * always Chinese, because it is the paper template people also fill by hand.
 */
import ExcelJS from 'exceljs';
import type { CollaborationExport, ExportActionItem, ExportMeeting } from './collaboration-export.ts';
import { TEMPLATE_LAYOUT, type TemplateSheetKey } from './template-layout.ts';
import { addTableSheet, excelDate, excelDateTime, type SheetValue, type VerticalMerge } from './workbook-sheet.ts';
import { wallClock } from '../../domain/calendar-date.ts';

const L = TEMPLATE_LAYOUT;
const { labels } = L;
const list = (names: string[]) => names.join(L.listSeparator);
const lines = (entries: string[]) => entries.join(L.lineSeparator);
const flag = (value: boolean) => (value ? L.yes : '');
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Builds the workbook; the buffer is what GET /collaborations/:id/export?format=xlsx sends. */
export async function renderCollaborationWorkbook(model: CollaborationExport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Liaison';
  workbook.created = model.exportedAt;
  workbook.modified = model.exportedAt;
  workbook.title = model.collaboration.topic;
  const tz = model.timeZone;
  const at = (d: Date | null) => excelDateTime(d, tz);
  const sheetTitle = (key: TemplateSheetKey) => `${L.workbookTitle} · ${L.sheets[key].name} · ${model.collaboration.topic}`;
  const restricted = L.restrictedText;

  const c = model.collaboration;
  const firstMeeting = model.meetings.find((m) => !m.cancelledAt) ?? model.meetings[0];
  const basic: Record<(typeof L.sheets.basicInfo.fields)[number]['key'], SheetValue> = {
    topic: c.topic,
    goal: c.goal,
    targets: lines(c.targets.map((t) => `${t.metric}${L.targetSeparator}${t.target}`)),
    scenario: labels.scenario[c.scenario],
    initiatingDepartment: c.initiatingDepartment.name,
    participatingDepartments: list(c.participatingDepartments.map((d) => d.name)),
    owner: c.owner?.name ?? '',
    visibility: labels.visibility[c.visibility],
    period: `${c.period.year}-Q${c.period.quarter}`,
    plannedTime: firstMeeting ? meetingTimeText(firstMeeting, tz) : '',
    place: firstMeeting ? `${labels.meetingMode[firstMeeting.mode]}${firstMeeting.location ? ` / ${firstMeeting.location}` : ''}` : '',
    recorder: firstMeeting?.recorder.name ?? '',
    creator: c.creator.name,
    exportedAt: `${meetingDayText(model.exportedAt, tz)} ${clockText(model.exportedAt, tz)}（${model.exportedBy.name}）`,
  };
  addTableSheet(workbook, {
    name: L.sheets.basicInfo.name,
    title: sheetTitle('basicInfo'),
    columns: L.sheets.basicInfo.columns,
    rows: L.sheets.basicInfo.fields.map((f) => [f.label, basic[f.key]]),
  });

  addTableSheet(workbook, {
    name: L.sheets.meetings.name,
    title: sheetTitle('meetings'),
    columns: L.sheets.meetings.columns,
    rows: model.meetings.map((m) => [
      m.number,
      labels.meetingKind[m.kind],
      m.title ?? '',
      at(m.plannedStart),
      at(m.plannedEnd),
      labels.meetingMode[m.mode],
      m.location,
      m.host.name,
      m.recorder.name,
      list(m.attendees.map((p) => p.name)),
      lines(m.agenda),
      at(m.agendaSentAt),
      at(m.heldAt),
      m.cancelledAt ? labels.minutesStatus.cancelled : labels.minutesStatus[m.minutesStatus],
      at(m.publishedAt),
      flag(m.noActions),
    ]),
  });

  // 沟通核心内容: one row per feedback row; the meeting's and the topic's own cells merged over them.
  const topicRows: SheetValue[][] = [];
  const merges: VerticalMerge[] = [];
  const topicColumns = L.sheets.topics.columns.map((col) => col.key);
  const feedbackKeys = new Set(['feedbackDepartment', 'feedbackPerson', 'feedbackStance', 'feedbackText']);
  for (const m of model.meetings) {
    for (const t of m.topics) {
      const feedback = t.restricted ? [null] : t.feedback.length ? t.feedback : [null];
      const start = topicRows.length;
      for (const f of feedback) {
        const row: Record<(typeof topicColumns)[number], SheetValue> = {
          meetingNumber: m.number,
          meeting: meetingLabel(m, tz),
          number: t.number,
          title: t.title,
          discussion: t.discussion,
          feedbackDepartment: t.restricted ? restricted : (f?.department.name ?? ''),
          feedbackPerson: t.restricted ? restricted : (f?.person?.name ?? ''),
          feedbackStance: t.restricted ? restricted : f?.stance ? labels.stance[f.stance] : '',
          feedbackText: t.restricted ? restricted : f ? (f.noFeedback ? L.noFeedbackText : f.text) : '',
          disagreements: t.disagreements,
          consensus: t.consensus,
          problemTags: t.restricted ? restricted : list(t.problemTags),
          sensitive: flag(t.sensitive),
          visibleTo: list(t.visibleTo.map((p) => p.name)),
        };
        if (t.restricted) for (const key of ['title', 'discussion', 'disagreements', 'consensus'] as const) row[key] = restricted;
        topicRows.push(topicColumns.map((key) => row[key] ?? null));
      }
      if (feedback.length > 1) {
        topicColumns.forEach((key, column) => {
          if (!feedbackKeys.has(key)) merges.push({ row: start, column, rows: feedback.length });
        });
      }
    }
  }
  addTableSheet(workbook, { name: L.sheets.topics.name, title: sheetTitle('topics'), columns: L.sheets.topics.columns, rows: topicRows, merges });

  const content = (item: ExportActionItem, value: string) => (item.restricted ? restricted : value);
  addTableSheet(workbook, {
    name: L.sheets.actionItems.name,
    title: sheetTitle('actionItems'),
    columns: L.sheets.actionItems.columns,
    rows: model.actionItems.map((i) => [
      i.number,
      content(i, i.description),
      i.owner.name,
      excelDate(i.dueDate),
      content(i, i.deliverable),
      i.ownerDepartment?.name ?? '',
      labels.itemStatus[i.status],
      i.progress,
      content(i, i.statusText),
      excelDate(i.originalDueDate),
      i.meetingNumber,
      i.topicNumber,
      i.acceptedBy?.name ?? '',
      at(i.acceptedAt),
      flag(i.sensitive),
      list(i.visibleTo.map((p) => p.name)),
    ]),
  });

  const items = L.sheets.statusTracking.items;
  const statusRows: SheetValue[][] = [
    [items.status, c.archivedAt ? labels.collaborationStatus.archived : labels.collaborationStatus[c.status], '', null, ''],
    [items.health, labels.health[c.health], '', null, ''],
    [items.progressSummary, c.progressSummary, '', null, ''],
    ...(model.remarks.length
      ? model.remarks.map((r): SheetValue[] => [items.remarks, r.text, labels.remarkKind[r.kind], at(r.at), r.author?.name ?? ''])
      : [[items.remarks, '', '', null, ''] as SheetValue[]]),
  ];
  addTableSheet(workbook, {
    name: L.sheets.statusTracking.name,
    title: sheetTitle('statusTracking'),
    columns: L.sheets.statusTracking.columns,
    rows: statusRows,
    merges: model.remarks.length > 1 ? [{ row: 3, column: 0, rows: model.remarks.length }] : [],
  });

  addTableSheet(workbook, {
    name: L.sheets.progressUpdates.name,
    title: sheetTitle('progressUpdates'),
    columns: L.sheets.progressUpdates.columns,
    rows: model.actionItems.flatMap((i) =>
      i.updates.map((u): SheetValue[] => [
        i.number,
        content(i, i.description),
        at(u.at),
        u.author.name,
        u.progress,
        labels.itemStatus[u.status],
        content(i, u.statusText),
        content(i, u.delayLabel ?? ''),
        content(i, u.delayReason),
        content(i, u.remedy),
        excelDate(u.previousDueDate),
        excelDate(u.newDueDate),
      ]),
    ),
  });

  addTableSheet(workbook, {
    name: L.sheets.attachments.name,
    title: sheetTitle('attachments'),
    columns: L.sheets.attachments.columns,
    rows: model.attachments.map((f, index) => [
      index + 1,
      labels.attachmentOwner[f.owner.kind],
      f.owner.number,
      f.fileName,
      f.mime,
      f.size,
      f.uploadedBy?.name ?? '',
      at(f.uploadedAt),
      f.archivePath,
    ]),
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function meetingDayText(instant: Date, tz: string): string {
  const w = wallClock(instant, tz);
  return `${w.year}年${w.month}月${w.day}日`;
}

function clockText(instant: Date, tz: string): string {
  const w = wallClock(instant, tz);
  return `${pad2(w.hour)}:${pad2(w.minute)}`;
}

/** "2024年7月10日14:00-16:00", the template's 计划沟通时间. */
export function meetingTimeText(m: Pick<ExportMeeting, 'plannedStart' | 'plannedEnd'>, tz: string): string {
  const sameDay = meetingDayText(m.plannedStart, tz) === meetingDayText(m.plannedEnd, tz);
  const end = sameDay ? clockText(m.plannedEnd, tz) : `${meetingDayText(m.plannedEnd, tz)}${clockText(m.plannedEnd, tz)}`;
  return `${meetingDayText(m.plannedStart, tz)}${clockText(m.plannedStart, tz)}-${end}`;
}

function meetingLabel(m: ExportMeeting, tz: string): string {
  return `${meetingDayText(m.plannedStart, tz)} ${m.title ?? labels.meetingKind[m.kind]}`;
}
