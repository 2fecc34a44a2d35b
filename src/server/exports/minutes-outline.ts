/**
 * What the minutes say, in order, independent of the file format: the PDF (minutes-pdf.ts) and Word
 * (minutes-docx.ts) renderers draw the same blocks, so both files always carry the same content — the
 * whole record (基础信息, every meeting's minutes, 行动项清单, 状态跟踪, 交付成果附件) or one meeting's minutes.
 */
import type { CollaborationExport, ExportActionItem, ExportMeeting } from './collaboration-export.ts';
import { exportLabels, type ExportLabels } from './export-labels.ts';
import { dateTimeText, sizeText, timeRangeText } from './export-format.ts';
import type { Outline, OutlineBlock } from './document-outline.ts';

export function minutesOutline(model: CollaborationExport): Outline {
  const t = exportLabels(model.locale);
  const tz = model.timeZone;
  const c = model.collaboration;
  const blocks: OutlineBlock[] = [];
  const period = `${c.period.year}-Q${c.period.quarter}`;
  const meta = `${period} · ${t.exportedBy(model.exportedBy.name, dateTimeText(model.exportedAt, tz))}`;
  const single = model.meetingId ? model.meetings[0] : undefined;

  if (single) {
    blocks.push({ type: 'title', text: t.minutesTitle, subtitle: `${c.topic} · ${t.meetingHeading(single.number, meetingName(single, t))}`, meta });
    blocks.push({ type: 'heading', text: t.basicInfo, level: 1 });
    blocks.push({
      type: 'keyValues',
      rows: [
        [t.topic, c.topic],
        [t.initiatingDepartment, c.initiatingDepartment.name],
        [t.participatingDepartments, c.participatingDepartments.map((d) => d.name).join('、')],
        ...meetingFacts(single, t, tz),
      ],
    });
    blocks.push({ type: 'heading', text: t.coreContent, level: 1 });
    blocks.push(...topicBlocks(single, t));
    blocks.push({ type: 'heading', text: t.actionList, level: 1 });
    blocks.push(...actionListBlocks(model.actionItems, t, single.noActions));
    if (model.actionItems.some((i) => i.updates.length)) {
      blocks.push({ type: 'heading', text: t.progressUpdates, level: 1 });
      blocks.push(updatesTable(model.actionItems, t, tz));
    }
  } else {
    blocks.push({ type: 'title', text: t.documentTitle, subtitle: c.topic, meta });
    blocks.push({ type: 'heading', text: t.basicInfo, level: 1 });
    const first = model.meetings.find((m) => !m.cancelledAt) ?? model.meetings[0];
    blocks.push({
      type: 'keyValues',
      rows: [
        [t.topic, c.topic],
        [t.goal, c.goal],
        ...(c.targets.length ? [[t.targets, c.targets.map((x) => `${x.metric}：${x.target}`).join('\n')] as [string, string]] : []),
        [t.scenario, t.labels.scenario[c.scenario]],
        [t.initiatingDepartment, c.initiatingDepartment.name],
        [t.participatingDepartments, c.participatingDepartments.map((d) => d.name).join('、')],
        [t.owner, c.owner?.name ?? c.creator.name],
        ...(first
          ? ([
              [t.plannedTime, timeRangeText(first.plannedStart, first.plannedEnd, tz)],
              [t.place, placeText(first, t)],
              [t.recorder, first.recorder.name],
            ] as [string, string][])
          : []),
        [t.period, period],
      ],
    });

    blocks.push({ type: 'heading', text: t.coreContent, level: 1 });
    if (!model.meetings.length) blocks.push({ type: 'paragraph', text: t.none, muted: true });
    for (const m of model.meetings) {
      const cancelled = m.cancelledAt ? `（${t.labels.minutesStatus.cancelled}）` : '';
      blocks.push({ type: 'heading', text: t.meetingHeading(m.number, meetingName(m, t)) + cancelled, level: 2 });
      blocks.push({ type: 'keyValues', rows: meetingFacts(m, t, tz) });
      blocks.push(...topicBlocks(m, t));
      if (m.noActions) blocks.push({ type: 'paragraph', text: t.noActions, muted: true });
    }

    blocks.push({ type: 'heading', text: t.actionList, level: 1 });
    blocks.push(...actionListBlocks(model.actionItems, t, false));

    blocks.push({ type: 'heading', text: t.statusTracking, level: 1 });
    blocks.push({
      type: 'keyValues',
      rows: [
        [t.status, c.archivedAt ? t.labels.collaborationStatus.archived : t.labels.collaborationStatus[c.status]],
        [t.health, t.labels.health[c.health]],
        [t.progressSummary, c.progressSummary || t.none],
      ],
    });
    blocks.push({ type: 'heading', text: t.remarks, level: 3 });
    if (model.remarks.length) {
      blocks.push({
        type: 'table',
        columns: [
          { label: t.time, width: 22 },
          { label: t.kind, width: 10 },
          { label: t.remarks, width: 55 },
          { label: t.author, width: 13 },
        ],
        rows: model.remarks.map((r) => [dateTimeText(r.at, tz), t.labels.remarkKind[r.kind], r.text, r.author?.name ?? '']),
      });
    } else {
      blocks.push({ type: 'paragraph', text: t.none, muted: true });
    }
    if (model.actionItems.some((i) => i.updates.length)) {
      blocks.push({ type: 'heading', text: t.progressUpdates, level: 3 });
      blocks.push(updatesTable(model.actionItems, t, tz));
    }
    if (model.attachments.length) {
      blocks.push({ type: 'heading', text: t.attachments, level: 1 });
      blocks.push({
        type: 'table',
        columns: [
          { label: t.fileName, width: 40 },
          { label: t.size, width: 12 },
          { label: t.uploadedBy, width: 14 },
          { label: t.time, width: 20 },
        ],
        rows: model.attachments.map((f) => [f.archivePath, sizeText(f.size), f.uploadedBy?.name ?? '', dateTimeText(f.uploadedAt, tz)]),
      });
    }
  }
  return {
    title: single ? `${c.topic} · ${t.minutesTitle}` : `${c.topic} · ${t.documentTitle}`,
    author: model.exportedBy.name,
    createdAt: model.exportedAt,
    blocks,
    footerText: c.topic,
    pageLabel: t.page,
  };
}

function meetingName(m: ExportMeeting, t: ExportLabels): string {
  return m.title || t.labels.meetingKind[m.kind];
}

function placeText(m: ExportMeeting, t: ExportLabels): string {
  return `${t.labels.meetingMode[m.mode]}${m.location ? ` / ${m.location}` : ''}`;
}

function meetingFacts(m: ExportMeeting, t: ExportLabels, tz: string): [string, string][] {
  const minutes = m.cancelledAt
    ? t.labels.minutesStatus.cancelled
    : `${t.labels.minutesStatus[m.minutesStatus]}${m.publishedAt ? `（${t.publishedAt} ${dateTimeText(m.publishedAt, tz)}）` : ''}`;
  return [
    [t.plannedTime, timeRangeText(m.plannedStart, m.plannedEnd, tz)],
    [t.place, placeText(m, t)],
    [t.host, m.host.name],
    [t.recorder, m.recorder.name],
    [t.attendees, m.attendees.map((p) => p.name).join('、') || t.none],
    [t.agenda, m.agenda.map((line, i) => `${i + 1}. ${line}`).join('\n') || t.none],
    [t.agendaSentAt, dateTimeText(m.agendaSentAt, tz) || t.none],
    [t.minutesStatus, minutes],
  ];
}

function topicBlocks(m: ExportMeeting, t: ExportLabels): OutlineBlock[] {
  if (!m.topics.length) return [{ type: 'paragraph', text: t.noTopics, muted: true }];
  const blocks: OutlineBlock[] = [];
  for (const topic of m.topics) {
    if (topic.restricted) {
      blocks.push({ type: 'heading', text: t.topicHeading(topic.number, t.restricted) + t.restrictedNote, level: 3 });
      continue;
    }
    blocks.push({ type: 'heading', text: t.topicHeading(topic.number, topic.title) + (topic.sensitive ? t.restrictedNote : ''), level: 3 });
    blocks.push({ type: 'paragraph', label: t.discussion, text: topic.discussion || t.none });
    if (topic.feedback.length) {
      blocks.push({
        type: 'table',
        columns: [
          { label: t.department, width: 16 },
          { label: t.feedbackPerson, width: 14 },
          { label: t.stance, width: 14 },
          { label: t.feedbackText, width: 56 },
        ],
        rows: topic.feedback.map((f) => [f.department.name, f.person?.name ?? '', f.stance ? t.labels.stance[f.stance] : '', f.noFeedback ? t.noFeedback : f.text]),
      });
    }
    if (topic.disagreements) blocks.push({ type: 'paragraph', label: t.disagreements, text: topic.disagreements });
    if (topic.consensus) blocks.push({ type: 'paragraph', label: t.consensus, text: topic.consensus });
    if (topic.problemTags.length) blocks.push({ type: 'paragraph', label: t.problemTags, text: topic.problemTags.join('、'), muted: true });
  }
  return blocks;
}

function actionListBlocks(items: ExportActionItem[], t: ExportLabels, noActions: boolean): OutlineBlock[] {
  if (!items.length) return [{ type: 'paragraph', text: noActions ? t.noActions : t.none, muted: true }];
  return [
    {
      type: 'table',
      columns: [
        { label: t.number, width: 6 },
        { label: t.description, width: 28 },
        { label: t.owner, width: 16 },
        { label: t.dueDate, width: 14 },
        { label: t.deliverable, width: 18 },
        { label: t.itemStatus, width: 18 },
      ],
      rows: items.map((i) => [
        String(i.number),
        i.restricted ? `${t.restricted}${t.restrictedNote}` : i.description,
        i.owner.name + (i.ownerDepartment ? `\n${i.ownerDepartment.name}` : ''),
        i.dueDate + (i.dueDate !== i.originalDueDate ? `\n${t.originalDue(i.originalDueDate)}` : ''),
        i.deliverable,
        [`${t.labels.itemStatus[i.status]} · ${i.progress}%`, i.daysOverdue > 0 ? t.overdue(i.daysOverdue) : '', i.restricted ? '' : i.statusText].filter(Boolean).join('\n'),
      ]),
    },
  ];
}

function updatesTable(items: ExportActionItem[], t: ExportLabels, tz: string): OutlineBlock {
  return {
    type: 'table',
    columns: [
      { label: t.number, width: 6 },
      { label: t.time, width: 17 },
      { label: t.updatedBy, width: 15 },
      { label: t.progress, width: 7 },
      { label: t.statusText, width: 22 },
      { label: `${t.delay} / ${t.remedy}`, width: 33 },
    ],
    rows: items.flatMap((i) =>
      i.updates.map((u) => [
        String(i.number),
        dateTimeText(u.at, tz),
        u.author.name,
        `${u.progress}%`,
        `${t.labels.itemStatus[u.status]}${u.statusText ? `\n${u.statusText}` : ''}`,
        [
          [u.delayLabel, u.delayReason].filter(Boolean).join('：'),
          u.remedy ? `${t.remedy}：${u.remedy}` : '',
          u.newDueDate && u.previousDueDate !== u.newDueDate ? t.dueMoved(u.previousDueDate ?? '', u.newDueDate) : '',
        ]
          .filter(Boolean)
          .join('\n'),
      ]),
    ),
  };
}
