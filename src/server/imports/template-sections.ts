import { TEMPLATE_LAYOUT, type TemplateColumn } from '../exports/template-layout.ts';
import { restoreSpreadsheetText } from '../exports/spreadsheet-text.ts';
import { isExampleHint, normalizeLabel } from './labels.ts';
import { cellText, type CellValue, type GridCell, type SheetGrid } from './workbook-grid.ts';

/** The four tables of the template the importer reads row by row. */
export type TableKey = 'meetings' | 'topics' | 'actionItems' | 'progressUpdates';

/** The key/value rows: 基础信息's fields and 状态跟踪's items. */
export type FieldKey =
  | 'topic'
  | 'goal'
  | 'targets'
  | 'scenario'
  | 'initiatingDepartment'
  | 'participatingDepartments'
  | 'owner'
  | 'visibility'
  | 'period'
  | 'plannedTime'
  | 'place'
  | 'host'
  | 'recorder'
  | 'attendees'
  | 'status'
  | 'health'
  | 'progressSummary'
  | 'remarks';

/** A value with the cell it came from, so every problem can name its sheet and cell. */
export type Located = { sheet: string; address: string; value: CellValue; isPercent: boolean };

/** One data row of a table: its cells by column key, and where each would be even when empty. */
export type TableRow = {
  sheet: string;
  row: number;
  /** The cell of column `key` on this row, or null when empty or the sheet has no such column. */
  get(key: string): GridCell | null;
  /** Where column `key` sits on this row; the row's first mapped cell when the sheet has no such column. */
  address(key: string): string;
  has(key: string): boolean;
};

export type Table = { key: TableKey; sheet: string; rows: TableRow[] };

/** A 风险与备注 entry with the optional columns 状态跟踪 gives it. */
export type RemarkRow = { text: Located; kind: Located | null; at: Located | null; author: Located | null };

/** What the workbook holds, located: the importer's only view of the file. */
export type TemplateSections = {
  tables: Partial<Record<TableKey, Table>>;
  fields: Partial<Record<FieldKey, Located>>;
  remarks: RemarkRow[];
  /** The sheet holding the basic information (where a missing field is reported): 基础信息 unless it lives elsewhere. */
  basicSheetName: string;
  /** Rows listed on 交付成果附件: the files themselves are not in a workbook, so they are not imported. */
  attachmentRows: number;
};

const { sheets } = TEMPLATE_LAYOUT;

/**
 * Other words people use for the template's headers, and the group headers that stand for a column
 * when a hand-made sheet has only one header row (「计划沟通时间」 holding 「2024年7月10日14:00-16:00」).
 */
const COLUMN_ALIASES: Record<TableKey | 'statusTracking', Record<string, readonly string[]>> = {
  meetings: {
    number: ['序号', '编号'],
    title: ['会议主题', '主题'],
    plannedStart: ['计划沟通时间', '会议时间', '开始时间', '沟通时间'],
    plannedEnd: ['结束时间'],
    mode: ['沟通地点/方式', '沟通方式', '会议方式', '地点/方式'],
    location: ['地点', '沟通地点', '会议地点', '链接', '会议链接'],
    host: ['主持'],
    attendees: ['参会人员', '与会人员', '参与人员'],
    agenda: ['议程'],
  },
  topics: {
    number: ['议题序号', '编号'],
    title: ['议题名称', '讨论议题'],
    discussion: ['讨论内容', '讨论记录'],
    feedbackDepartment: ['反馈部门'],
    feedbackPerson: ['反馈人员'],
    feedbackStance: ['立场', '意见'],
    feedbackText: ['各方反馈', '反馈', '反馈意见'],
    disagreements: ['分歧'],
    consensus: ['结论', '决议'],
    problemTags: ['标签'],
    sensitive: ['是否敏感', '敏感信息'],
    visibleTo: ['可见人'],
  },
  actionItems: {
    number: ['编号'],
    description: ['任务', '行动项', '任务内容', '事项'],
    owner: ['责任人'],
    dueDate: ['截止日期', '完成时间', '截止'],
    deliverable: ['交付物', '成果'],
    ownerDepartment: ['责任部门', '所属部门'],
    status: ['任务状态'],
    progress: ['完成度', '完成比例'],
    statusText: ['进度说明', '当前状态', '进展'],
    originalDueDate: ['原截止时间', '原定截止日期'],
  },
  progressUpdates: {
    itemNumber: ['行动项'],
    at: ['更新日期', '时间'],
    author: ['填写人'],
    delayReason: ['延期原因类别'],
    delayText: ['延期原因', '受阻原因'],
    remedy: ['解决措施', '补救措施'],
    newDueDate: ['新截止日期', '调整后截止时间'],
  },
  statusTracking: {},
};

type TableSpec = {
  key: TableKey | 'statusTracking';
  sheetName: string;
  columns: { key: string; labels: string[] }[];
  /** Normalized label → the column keys it names (one label may stand for several, e.g. 序号). */
  labelIndex: Map<string, string[]>;
  /** Every one of these must be in the header row… */
  required: string[];
  /** …and at least one of these. */
  oneOf: string[];
};

const spec = (key: TableSpec['key'], required: string[], oneOf: string[]): TableSpec => {
  const sheet = sheets[key];
  const layout: readonly TemplateColumn[] = sheet.columns;
  const columns = layout.filter((c) => c.kind !== 'info' || key === 'statusTracking').map((c) => ({ key: c.key, labels: [c.label, ...(COLUMN_ALIASES[key][c.key] ?? [])] }));
  const labelIndex = new Map<string, string[]>();
  for (const column of columns) {
    for (const label of column.labels) {
      const normalized = normalizeLabel(label);
      labelIndex.set(normalized, [...new Set([...(labelIndex.get(normalized) ?? []), column.key])]);
    }
  }
  return { key, sheetName: sheet.name, columns, labelIndex, required, oneOf };
};

const TABLE_SPECS: TableSpec[] = [
  spec('meetings', ['plannedStart'], ['host', 'recorder']),
  spec('topics', ['title'], ['number', 'discussion', 'feedbackText', 'feedbackDepartment', 'consensus']),
  spec('actionItems', ['description'], ['owner', 'dueDate', 'number']),
  spec('progressUpdates', ['at'], ['itemNumber', 'progress', 'statusText']),
  spec('statusTracking', ['item', 'content'], ['kind', 'at']),
];

const FIELD_LABELS: Record<FieldKey, readonly string[]> = {
  topic: ['协作主题', '项目名称'],
  goal: ['核心目标', '协作目标', '目标'],
  targets: ['衡量指标', '指标'],
  scenario: ['适用场景', '协作场景', '场景'],
  initiatingDepartment: ['发起部门'],
  participatingDepartments: ['参与部门', '涉及部门', '协作部门'],
  owner: ['负责人', '协作负责人'],
  visibility: ['可见范围'],
  period: ['归档分类（年份-季度）', '归档分类', '年份-季度', '年份季度'],
  plannedTime: ['计划沟通时间', '沟通时间', '会议时间'],
  place: ['沟通地点/方式', '沟通地点', '沟通方式', '会议地点'],
  host: ['主持人'],
  recorder: ['记录人'],
  attendees: ['参会人员', '参会人'],
  status: [sheets.statusTracking.items.status],
  health: [sheets.statusTracking.items.health],
  progressSummary: [sheets.statusTracking.items.progressSummary],
  remarks: [sheets.statusTracking.items.remarks, '风险与备注', '备注'],
};

/** Normalized field label → the field it names. */
const FIELD_INDEX = new Map<string, FieldKey>(
  (Object.entries(FIELD_LABELS) as [FieldKey, readonly string[]][]).flatMap(([key, labels]) => labels.map((label): [string, FieldKey] => [normalizeLabel(label), key])),
);

/** Section headings of the paper template: a row holding only one of them ends the table above it. */
const SECTION_TITLES = new Set(
  ['基础信息', '沟通核心内容', '行动项清单', '状态跟踪', '进度更新', '沟通会议', '交付成果附件', TEMPLATE_LAYOUT.workbookTitle, ...Object.values(sheets).map((s) => s.name)].flatMap(
    (title) => [normalizeLabel(title), normalizeLabel(`${TEMPLATE_LAYOUT.workbookTitle}${title}`)],
  ),
);

/**
 * Finds the template's parts wherever they are: each table by its header row (any row, any sheet — the
 * sheet of the template's name first), each key/value field by its label cell with the value to its
 * right (or after 「：」 in the same cell). Blank rows are skipped; a table ends at another table's header,
 * a section heading or a key/value label.
 */
export function locateSections(grids: SheetGrid[]): TemplateSections {
  const headers = TABLE_SPECS.map((s) => ({ spec: s, header: findHeader(grids, s) }));
  const headerRows = new Set(headers.flatMap(({ header }) => (header ? rowKeys(header.sheet.name, header.row, header.dataStart - 1) : [])));
  const tables: TemplateSections['tables'] = {};
  const tableRows = new Set<string>();
  let statusHeader: Header | null = null;
  for (const { spec: s, header } of headers) {
    if (!header) continue;
    if (s.key === 'statusTracking') {
      statusHeader = header;
      continue;
    }
    const rows = readTableRows(header, headerRows);
    for (const r of rows) tableRows.add(`${r.sheet}:${r.row}`);
    tables[s.key] = { key: s.key, sheet: header.sheet.name, rows };
  }
  const skip = new Set([...headerRows, ...tableRows]);
  const { fields, remarks } = readFields(grids, skip, statusHeader);
  const basicSheetName = (fields.topic ?? Object.values(fields)[0])?.sheet ?? sheets.basicInfo.name;
  return { tables, fields, remarks, basicSheetName, attachmentRows: countAttachmentRows(grids) };
}

function countAttachmentRows(grids: SheetGrid[]): number {
  const sheet = grids.find((g) => normalizeLabel(g.name) === normalizeLabel(sheets.attachments.name));
  if (!sheet) return 0;
  let count = 0;
  for (let row = TEMPLATE_LAYOUT.rows.firstData; row <= sheet.rowCount; row++) if (rowTexts(sheet, row).length) count++;
  return count;
}

type Header = { sheet: SheetGrid; row: number; dataStart: number; columns: Map<string, number>; spec: TableSpec };

const rowKeys = (sheet: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${sheet}:${from + i}`);

function firstColumn(header: Header): number {
  return Math.min(...header.columns.values());
}

/** The best header row for a table: most columns recognised; one header row or a group row over a label row. */
function findHeader(grids: SheetGrid[], s: TableSpec): Header | null {
  const ordered = [...grids].sort((a, b) => Number(normalizeLabel(b.name) === normalizeLabel(s.sheetName)) - Number(normalizeLabel(a.name) === normalizeLabel(s.sheetName)));
  let best: Header | null = null;
  for (const sheet of ordered) {
    for (let row = 1; row <= sheet.rowCount; row++) {
      for (const depth of [1, 2]) {
        const columns = mapColumns(sheet, row, depth, s);
        if (!s.required.every((k) => columns.has(k)) || !s.oneOf.some((k) => columns.has(k))) continue;
        if (!best || columns.size > best.columns.size) best = { sheet, row, dataStart: row + depth, columns, spec: s };
      }
    }
  }
  return best;
}

/** Which column holds which key, reading the label row (and for a two-row header, the row under it first). */
function mapColumns(sheet: SheetGrid, row: number, depth: number, s: TableSpec): Map<string, number> {
  const columns = new Map<string, number>();
  for (let column = 1; column <= sheet.columnCount; column++) {
    const cells = depth === 2 ? [sheet.cell(row + 1, column), sheet.cell(row, column)] : [sheet.cell(row, column)];
    for (const cell of cells) {
      const keys = cell ? s.labelIndex.get(normalizedText(cell)) : undefined;
      if (!keys) continue;
      const key = keys.find((k) => !columns.has(k));
      if (key) columns.set(key, column);
      break;
    }
  }
  return columns;
}

/** Every cell's label form, computed once: header search looks at each cell for every table. */
const normalizedTexts = new WeakMap<GridCell, string>();

function normalizedText(cell: GridCell): string {
  let text = normalizedTexts.get(cell);
  if (text === undefined) {
    text = normalizeLabel(cellText(cell.value));
    normalizedTexts.set(cell, text);
  }
  return text;
}

function readTableRows(header: Header, headerRows: Set<string>): TableRow[] {
  const { sheet, columns } = header;
  const rows: TableRow[] = [];
  for (let row = header.dataStart; row <= sheet.rowCount; row++) {
    if (headerRows.has(`${sheet.name}:${row}`) || endsTable(sheet, row)) break;
    const get = (key: string) => {
      const column = columns.get(key);
      const cell = column === undefined ? null : sheet.cell(row, column);
      return cell && !isBlankValue(cell.value) ? cell : null;
    };
    if (![...columns.keys()].some((key) => get(key))) continue;
    const fallback = firstColumn(header);
    rows.push({
      sheet: sheet.name,
      row,
      get,
      has: (key) => columns.has(key),
      address: (key) => `${columnName(columns.get(key) ?? fallback)}${row}`,
    });
  }
  return rows;
}

/** A row that is a section heading or starts with a key/value label is not a data row of the table above. */
function endsTable(sheet: SheetGrid, row: number): boolean {
  const texts = rowTexts(sheet, row);
  if (!texts.length) return false;
  if (texts.length === 1 && SECTION_TITLES.has(normalizeLabel(texts[0]!))) return true;
  return texts.length <= 2 && FIELD_INDEX.has(normalizeLabel(texts[0]!));
}

/** The distinct texts of a row, merged cells counted once. */
function rowTexts(sheet: SheetGrid, row: number): string[] {
  const seen = new Set<string>();
  const texts: string[] = [];
  for (let column = 1; column <= sheet.columnCount; column++) {
    const cell = sheet.cell(row, column);
    if (!cell || seen.has(cell.master)) continue;
    seen.add(cell.master);
    const text = cellText(cell.value);
    if (text) texts.push(text);
  }
  return texts;
}

/**
 * Key/value fields: the first occurrence with a value wins, the basic-info sheet first; a hand-made row may
 * hold several pairs (「发起部门 | 市场部 | 参与部门 | 研发部、销售部」). 风险与备注 gives one remark per row
 * its label covers (the label cell merged down over the entries, as 状态跟踪 writes it).
 */
function readFields(grids: SheetGrid[], skip: Set<string>, statusHeader: Header | null) {
  const fields: Partial<Record<FieldKey, Located>> = {};
  const remarks: RemarkRow[] = [];
  const ordered = [...grids].sort((a, b) => rank(a) - rank(b));
  for (const sheet of ordered) {
    const onePairPerRow = statusHeader?.sheet === sheet;
    for (let row = 1; row <= sheet.rowCount; row++) {
      if (skip.has(`${sheet.name}:${row}`)) continue;
      for (let column = 1; column <= sheet.columnCount; column++) {
        const cell = sheet.cell(row, column);
        if (!cell || sheet.cell(row, column - 1)?.master === cell.master) continue;
        const found = fieldAt(sheet, cell);
        if (!found) continue;
        if (found.key === 'remarks') {
          if (found.value.value !== null) remarks.push(remarkRow(sheet, row, found.value, statusHeader));
        } else if (!fields[found.key] || (fields[found.key]!.value === null && found.value.value !== null)) {
          fields[found.key] = found.value;
        }
        if (onePairPerRow) break;
        column = Math.max(column, columnOf(found.value.address));
      }
    }
  }
  return { fields, remarks };
}

function columnOf(address: string): number {
  const letters = /^[A-Z]+/.exec(address)?.[0] ?? 'A';
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

function rank(sheet: SheetGrid): number {
  const name = normalizeLabel(sheet.name);
  if (name === normalizeLabel(sheets.basicInfo.name)) return 0;
  if (name === normalizeLabel(sheets.statusTracking.name)) return 1;
  return 2;
}

/** The field a label cell names and its value: the next cell to the right, or the text after 「：」. */
function fieldAt(sheet: SheetGrid, cell: GridCell): { key: FieldKey; value: Located } | null {
  const key = FIELD_INDEX.get(normalizedText(cell));
  if (key) {
    for (let column = cell.column + 1; column <= sheet.columnCount; column++) {
      const next = sheet.cell(cell.row, column);
      if (!next || next.master === cell.master) continue;
      return { key, value: locate(sheet, next) };
    }
    return { key, value: { sheet: sheet.name, address: `${columnName(cell.column + 1)}${cell.row}`, value: null, isPercent: false } };
  }
  const inline = /^([^:：]{2,20})[:：]\s*(.+)$/s.exec(cellText(cell.value).normalize('NFKC'));
  const inlineKey = inline ? FIELD_INDEX.get(normalizeLabel(inline[1]!)) : undefined;
  return inlineKey ? { key: inlineKey, value: { sheet: sheet.name, address: cell.address, value: cleanValue(inline![2]!), isPercent: false } } : null;
}

function remarkRow(sheet: SheetGrid, row: number, text: Located, header: Header | null): RemarkRow {
  const column = (key: string) => (header && header.sheet === sheet ? header.columns.get(key) : undefined);
  const at = (key: string) => {
    const c = column(key);
    const cell = c === undefined ? null : sheet.cell(row, c);
    return cell ? locate(sheet, cell) : null;
  };
  return { text, kind: at('kind'), at: at('at'), author: at('author') };
}

function locate(sheet: SheetGrid, cell: GridCell): Located {
  return { sheet: sheet.name, address: cell.address, value: isBlankValue(cell.value) ? null : cleanValue(cell.value), isPercent: cell.isPercent };
}

/** The template's 「(如：…)」 hints read as empty; the exporter's formula guard is removed. */
function isBlankValue(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && (value.trim() === '' || isExampleHint(value)));
}

function cleanValue(value: CellValue): CellValue {
  return typeof value === 'string' ? restoreSpreadsheetText(value.trim()) : value;
}

/** 1 → A, 27 → AA. */
export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A cell's text with the exporter's formula guard removed; '' for empty cells and hints. */
export function textOf(cell: GridCell | Located | null): string {
  if (!cell || isBlankValue(cell.value)) return '';
  return restoreSpreadsheetText(cellText(cell.value));
}
