/**
 * The layout of the template workbook (跨部门协作沟通记录表 as .xlsx): sheet names, header labels, column
 * order and how each value is written. The exporter (`collaboration-workbook.ts`) writes exactly this and
 * the importer (`src/server/imports/`) reads it back, so export → import gives the same record. Change it
 * only together with both sides and bump `version`.
 *
 * Every sheet has the same frame:
 * - row 1 (`rows.title`): the sheet title, one cell merged across all columns ("跨部门协作沟通记录表 · 基础信息").
 * - row 2 (`rows.group`): group headers ("各方反馈" over four columns). A column without a group has its
 *   label cell merged over rows 2–3, so reading row 3 (`rows.label`) with exceljs gives every column's label.
 * - row 3 (`rows.label`): the column labels, in the order of `columns`; rows 1–3 are frozen.
 * - row 4 on (`rows.firstData`): one record per row; a cell that spans several rows of one record (a topic
 *   over its feedback rows) is merged vertically, so exceljs gives its value on every row it covers.
 *
 * How values are written (`kind` of a column):
 * - `text`: the user's text. Text that a spreadsheet could take for a formula (leading `=`, `+`, `-`, `@`,
 *   tab, CR) starts with an invisible U+200B — read it back through `restoreSpreadsheetText`
 *   (`spreadsheet-text.ts`), which removes exactly that guard.
 * - `lines`: several entries, one per line (`lineSeparator`): agenda items, targets as `指标：目标`.
 * - `list`: several names joined by `listSeparator` (、): departments, attendees, people a sensitive entry names.
 * - `person` / `department`: the display name (users and departments are matched back by name).
 * - `date`: a real Excel date at UTC midnight of the calendar date (exceljs reads a `Date`; take its UTC Y-M-D).
 * - `dateTime`: a real Excel date holding the wall-clock time in the organisation's time zone (exceljs reads
 *   a `Date` whose UTC fields are that wall-clock time; interpret it in the organisation's zone).
 * - `integer`: a number; `percent` is an integer 0–100 shown as "80%".
 * - `label`: one of the localized labels in `labels` (map back with the same table).
 * - `flag`: `yes` ("是") or empty.
 * - `reference`: the 1-based number (序号) of a row on another sheet (会议序号 on 沟通会议, 议题序号 within that
 *   meeting, 行动项序号 on 行动项清单).
 * - `info`: shown for people, derived from other cells; the importer ignores it.
 *
 * A sensitive entry exported for a reader it does not name keeps its row (so numbering stays stable) with
 * `restrictedText` in every content cell; such a row cannot be imported back as content.
 */

export type TemplateColumnKind =
  | 'text'
  | 'lines'
  | 'list'
  | 'person'
  | 'department'
  | 'date'
  | 'dateTime'
  | 'integer'
  | 'percent'
  | 'label'
  | 'flag'
  | 'reference'
  | 'info';

/** One column of a sheet: `key` names it in code, `label` is the header text, `width` the minimum width in Excel units. */
export type TemplateColumn = {
  readonly key: string;
  readonly label: string;
  readonly kind: TemplateColumnKind;
  readonly width: number;
  /** The merged header above this and its neighbours with the same group. */
  readonly group?: string;
  /** For `label` columns: the entry of `labels` that maps values. */
  readonly labels?: keyof typeof LABELS;
};

/** One row of the key/value sheet 基础信息: the label in column A, the value in column B. */
export type TemplateField = {
  readonly key: string;
  readonly label: string;
  readonly kind: TemplateColumnKind;
  readonly labels?: keyof typeof LABELS;
};

const LABELS = {
  scenario: {
    major_project: '重大项目推进',
    problem_solving: '跨部门问题解决',
    routine_alignment: '常态化协作对齐',
    urgent_task: '临时性任务协同',
  },
  collaborationStatus: { active: '进行中', completed: '已完成', cancelled: '已取消', archived: '已归档' },
  health: { on_track: '按计划推进', at_risk: '有风险', off_track: '严重偏离' },
  visibility: { participants: '仅相关人员可见', organization: '全公司可见' },
  meetingKind: { regular: '沟通会议', progress_sync: '进度同步会' },
  meetingMode: { online: '线上', offline: '线下' },
  minutesStatus: { draft: '待发布', published: '已发布', cancelled: '已取消' },
  stance: { agree: '同意', disagree: '不同意', conditional: '有条件同意' },
  itemStatus: { todo: '待开始', in_progress: '进行中', blocked: '受阻', done: '已完成', cancelled: '已取消' },
  remarkKind: { remark: '备注', risk: '风险', escalation: '升级' },
  attachmentOwner: { collaboration: '协作', meeting: '会议', action_item: '行动项', progress_update: '进度更新' },
} as const;

export const TEMPLATE_LAYOUT = {
  version: 1,
  workbookTitle: '跨部门协作沟通记录表',
  rows: { title: 1, group: 2, label: 3, firstData: 4 },
  listSeparator: '、',
  lineSeparator: '\n',
  /** Written as 反馈内容 when a department explicitly gave no feedback (rule 8). */
  noFeedbackText: '无反馈',
  /** Written in every content cell of a sensitive entry the reader is not named on. */
  restrictedText: '受限内容',
  yes: '是',
  /** Separator between metric and target on a 衡量指标 line. */
  targetSeparator: '：',
  numberFormats: {
    date: 'yyyy"年"m"月"d"日"',
    dateTime: 'yyyy"年"m"月"d"日" hh:mm',
    percent: '0"%"',
  },
  labels: LABELS,
  sheets: {
    basicInfo: {
      name: '基础信息',
      columns: [
        { key: 'field', label: '基础信息', kind: 'info', width: 16 },
        { key: 'value', label: '内容', kind: 'text', width: 60 },
      ],
      fields: [
        { key: 'topic', label: '协作主题', kind: 'text' },
        { key: 'goal', label: '核心目标', kind: 'text' },
        { key: 'targets', label: '衡量指标', kind: 'lines' },
        { key: 'scenario', label: '适用场景', kind: 'label', labels: 'scenario' },
        { key: 'initiatingDepartment', label: '发起部门', kind: 'department' },
        { key: 'participatingDepartments', label: '参与部门', kind: 'list' },
        { key: 'owner', label: '负责人', kind: 'person' },
        { key: 'visibility', label: '可见范围', kind: 'label', labels: 'visibility' },
        { key: 'period', label: '归档分类（年份-季度）', kind: 'text' },
        /** The first meeting's time, place and recorder, as the paper template shows them; the meetings themselves are on 沟通会议. */
        { key: 'plannedTime', label: '计划沟通时间', kind: 'info' },
        { key: 'place', label: '沟通地点/方式', kind: 'info' },
        { key: 'recorder', label: '记录人', kind: 'info' },
        { key: 'creator', label: '创建人', kind: 'info' },
        { key: 'exportedAt', label: '导出时间', kind: 'info' },
      ],
    },
    meetings: {
      name: '沟通会议',
      columns: [
        { key: 'number', label: '会议序号', kind: 'integer', width: 6 },
        { key: 'kind', label: '会议类型', kind: 'label', labels: 'meetingKind', width: 10 },
        { key: 'title', label: '会议名称', kind: 'text', width: 24 },
        { key: 'plannedStart', label: '开始', kind: 'dateTime', group: '计划沟通时间', width: 20 },
        { key: 'plannedEnd', label: '结束', kind: 'dateTime', group: '计划沟通时间', width: 20 },
        { key: 'mode', label: '方式', kind: 'label', labels: 'meetingMode', group: '沟通地点/方式', width: 6 },
        { key: 'location', label: '地点/链接', kind: 'text', group: '沟通地点/方式', width: 20 },
        { key: 'host', label: '主持人', kind: 'person', width: 10 },
        { key: 'recorder', label: '记录人', kind: 'person', width: 10 },
        { key: 'attendees', label: '参会人', kind: 'list', width: 24 },
        { key: 'agenda', label: '会议议程', kind: 'lines', width: 36 },
        { key: 'agendaSentAt', label: '议程发出时间', kind: 'dateTime', width: 20 },
        { key: 'heldAt', label: '召开时间', kind: 'dateTime', width: 20 },
        { key: 'minutesStatus', label: '纪要状态', kind: 'label', labels: 'minutesStatus', group: '会议纪要', width: 8 },
        { key: 'publishedAt', label: '发布时间', kind: 'dateTime', group: '会议纪要', width: 20 },
        { key: 'noActions', label: '无行动项', kind: 'flag', group: '会议纪要', width: 8 },
      ],
    },
    topics: {
      name: '沟通核心内容',
      columns: [
        { key: 'meetingNumber', label: '会议序号', kind: 'reference', width: 6 },
        { key: 'meeting', label: '会议', kind: 'info', width: 22 },
        { key: 'number', label: '序号', kind: 'integer', group: '议题', width: 6 },
        { key: 'title', label: '议题', kind: 'text', group: '议题', width: 24 },
        { key: 'discussion', label: '讨论要点', kind: 'text', width: 40 },
        { key: 'feedbackDepartment', label: '部门', kind: 'department', group: '各方反馈', width: 10 },
        { key: 'feedbackPerson', label: '反馈人', kind: 'person', group: '各方反馈', width: 10 },
        { key: 'feedbackStance', label: '态度', kind: 'label', labels: 'stance', group: '各方反馈', width: 10 },
        { key: 'feedbackText', label: '反馈内容', kind: 'text', group: '各方反馈', width: 36 },
        { key: 'disagreements', label: '分歧点', kind: 'text', width: 30 },
        { key: 'consensus', label: '共识', kind: 'text', width: 30 },
        { key: 'problemTags', label: '问题标签', kind: 'list', width: 16 },
        { key: 'sensitive', label: '敏感', kind: 'flag', group: '信息权限', width: 6 },
        { key: 'visibleTo', label: '可见人员', kind: 'list', group: '信息权限', width: 16 },
      ],
    },
    actionItems: {
      name: '行动项清单',
      columns: [
        { key: 'number', label: '序号', kind: 'integer', width: 6 },
        { key: 'description', label: '任务描述', kind: 'text', group: '行动项四要素', width: 36 },
        { key: 'owner', label: '负责人', kind: 'person', group: '行动项四要素', width: 10 },
        { key: 'dueDate', label: '截止时间', kind: 'date', group: '行动项四要素', width: 16 },
        { key: 'deliverable', label: '交付成果', kind: 'text', group: '行动项四要素', width: 30 },
        { key: 'ownerDepartment', label: '负责部门', kind: 'department', width: 10 },
        { key: 'status', label: '状态', kind: 'label', labels: 'itemStatus', group: '进度跟踪', width: 8 },
        { key: 'progress', label: '进度', kind: 'percent', group: '进度跟踪', width: 6 },
        { key: 'statusText', label: '当前进度', kind: 'text', group: '进度跟踪', width: 24 },
        { key: 'originalDueDate', label: '原定截止时间', kind: 'date', group: '进度跟踪', width: 16 },
        { key: 'meetingNumber', label: '会议序号', kind: 'reference', group: '来源', width: 6 },
        { key: 'topicNumber', label: '议题序号', kind: 'reference', group: '来源', width: 6 },
        { key: 'acceptedBy', label: '验收人', kind: 'person', group: '验收', width: 10 },
        { key: 'acceptedAt', label: '验收时间', kind: 'dateTime', group: '验收', width: 20 },
        { key: 'sensitive', label: '敏感', kind: 'flag', group: '信息权限', width: 6 },
        { key: 'visibleTo', label: '可见人员', kind: 'list', group: '信息权限', width: 16 },
      ],
    },
    statusTracking: {
      name: '状态跟踪',
      /**
       * Fixed rows first, in this order — 协作状态, 健康度, 整体进度 (项目 = the label, 内容 = the value) — then
       * one row per 风险与备注 entry, oldest first, 项目 merged over them all (an empty log writes one row with 内容 blank).
       */
      columns: [
        { key: 'item', label: '项目', kind: 'info', width: 12 },
        { key: 'content', label: '内容', kind: 'text', width: 60 },
        { key: 'kind', label: '类型', kind: 'label', labels: 'remarkKind', width: 8 },
        { key: 'at', label: '时间', kind: 'dateTime', width: 20 },
        { key: 'author', label: '记录人', kind: 'person', width: 10 },
      ],
      items: { status: '协作状态', health: '健康度', progressSummary: '整体进度', remarks: '风险与备注' },
    },
    progressUpdates: {
      name: '进度更新',
      columns: [
        { key: 'itemNumber', label: '行动项序号', kind: 'reference', width: 6 },
        { key: 'itemDescription', label: '任务描述', kind: 'info', width: 28 },
        { key: 'at', label: '更新时间', kind: 'dateTime', width: 20 },
        { key: 'author', label: '更新人', kind: 'person', width: 10 },
        { key: 'progress', label: '进度', kind: 'percent', width: 6 },
        { key: 'status', label: '状态', kind: 'label', labels: 'itemStatus', width: 8 },
        { key: 'statusText', label: '当前进度', kind: 'text', width: 28 },
        { key: 'delayReason', label: '原因类别', kind: 'text', group: '延期/受阻说明', width: 12 },
        { key: 'delayText', label: '原因说明', kind: 'text', group: '延期/受阻说明', width: 28 },
        { key: 'remedy', label: '解决方案', kind: 'text', group: '延期/受阻说明', width: 28 },
        { key: 'previousDueDate', label: '原截止时间', kind: 'date', group: '截止时间调整', width: 16 },
        { key: 'newDueDate', label: '新截止时间', kind: 'date', group: '截止时间调整', width: 16 },
      ],
    },
    attachments: {
      name: '交付成果附件',
      columns: [
        { key: 'number', label: '序号', kind: 'integer', width: 6 },
        { key: 'ownerKind', label: '类型', kind: 'label', labels: 'attachmentOwner', group: '关联', width: 8 },
        { key: 'ownerNumber', label: '序号', kind: 'reference', group: '关联', width: 6 },
        { key: 'fileName', label: '文件名', kind: 'text', width: 30 },
        { key: 'mime', label: '文件类型', kind: 'info', width: 18 },
        { key: 'size', label: '大小（字节）', kind: 'integer', width: 12 },
        { key: 'uploadedBy', label: '上传人', kind: 'person', width: 10 },
        { key: 'uploadedAt', label: '上传时间', kind: 'dateTime', width: 20 },
        { key: 'archivePath', label: '归档路径', kind: 'info', width: 40 },
      ],
    },
  },
  /** Sheet order in the workbook. */
  sheetOrder: ['basicInfo', 'meetings', 'topics', 'actionItems', 'statusTracking', 'progressUpdates', 'attachments'],
} as const satisfies {
  sheets: Record<string, { name: string; columns: readonly TemplateColumn[]; fields?: readonly TemplateField[]; items?: Record<string, string> }>;
  sheetOrder: readonly string[];
  [setting: string]: unknown;
};

export type TemplateSheetKey = keyof typeof TEMPLATE_LAYOUT.sheets;
export type TemplateLabels = typeof LABELS;

type ColumnKeyOf<S extends TemplateSheetKey> = (typeof TEMPLATE_LAYOUT.sheets)[S]['columns'][number]['key'];

/** The 1-based column number of a column, for reading or writing a cell by key. */
export function templateColumnNumber<S extends TemplateSheetKey>(sheet: S, key: ColumnKeyOf<S>): number {
  const columns: readonly TemplateColumn[] = TEMPLATE_LAYOUT.sheets[sheet].columns;
  const index = columns.findIndex((c) => c.key === key);
  if (index < 0) throw new Error(`No column ${key} on ${sheet}`);
  return index + 1;
}

/** The stored value behind a localized label (`labelValue('itemStatus', '进行中')` → 'in_progress'), or null. */
export function labelValue<L extends keyof TemplateLabels>(table: L, label: string): keyof TemplateLabels[L] | null {
  const entries = Object.entries(LABELS[table]) as [keyof TemplateLabels[L], string][];
  return entries.find(([, text]) => text === label.trim())?.[0] ?? null;
}
