/**
 * One table sheet in the workbook frame of `template-layout.ts` — title row merged across, group headers
 * merged over their columns, labels, frozen header, borders — with what exceljs does not do by itself:
 * column widths and row heights computed from the text (a Chinese character is about two width units;
 * without heights, wrapped text is clipped), and every string passed through `spreadsheetText` so nothing
 * a user typed can run as a formula. Shared by the record workbook and the quarterly review workbook.
 */
import type ExcelJS from 'exceljs';
import { TEMPLATE_LAYOUT, type TemplateColumnKind } from './template-layout.ts';
import { spreadsheetText } from './spreadsheet-text.ts';
import { wallClock, type CalendarDate } from '../../domain/calendar-date.ts';

export type SheetColumn = { readonly key: string; readonly label: string; readonly kind: TemplateColumnKind | 'decimal' | 'ratio'; readonly width: number; readonly group?: string };
export type SheetValue = string | number | Date | null;
/** A cell of data row `row` (0-based) and column `column` (0-based) that spans `rows` rows. */
export type VerticalMerge = { row: number; column: number; rows: number };

export type TableSheet = {
  name: string;
  title: string;
  columns: readonly SheetColumn[];
  rows: SheetValue[][];
  merges?: VerticalMerge[];
};

const { rows: FRAME, numberFormats } = TEMPLATE_LAYOUT;
/** Points per wrapped line of 11-pt text (CJK glyphs are taller than Latin ones), plus cell padding. */
const LINE_HEIGHT = 15;
const ROW_PADDING = 5;
const MAX_WIDTH = 60;
const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const headerFill = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDDEBF7' } };

/** Display width of one line in Excel column units: East Asian wide and full-width characters count two. */
export function displayWidth(line: string): number {
  let width = 0;
  for (const ch of line) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  );
}

/** How many lines `text` takes in a column `width` units wide with wrapping on. */
function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

/** A calendar date as an Excel date (UTC midnight, which exceljs writes as that day). */
export function excelDate(date: CalendarDate | null): Date | null {
  if (!date) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** An instant as an Excel date-time showing the wall-clock time in `tz` (Excel has no time zones). */
export function excelDateTime(instant: Date | null, tz: string): Date | null {
  if (!instant) return null;
  const w = wallClock(instant, tz);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

function formatOf(kind: SheetColumn['kind']): string | undefined {
  if (kind === 'date') return numberFormats.date;
  if (kind === 'dateTime') return numberFormats.dateTime;
  if (kind === 'percent') return numberFormats.percent;
  if (kind === 'decimal') return '0.0';
  if (kind === 'ratio') return '0.0%';
  return undefined;
}

function textOf(value: SheetValue, kind: SheetColumn['kind']): string {
  if (value === null) return '';
  if (value instanceof Date) return kind === 'date' ? '0000年00月00日' : '0000年00月00日 00:00';
  if (kind === 'ratio' && typeof value === 'number') return '100.0%';
  return String(value);
}

/** Adds the sheet, writes title, headers and rows, and sizes columns and rows to their text. */
export function addTableSheet(workbook: ExcelJS.Workbook, table: TableSheet): ExcelJS.Worksheet {
  const { columns } = table;
  const sheet = workbook.addWorksheet(table.name, {
    views: [{ state: 'frozen', ySplit: FRAME.label, xSplit: 0 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${FRAME.group}:${FRAME.label}` },
  });
  const last = columns.length;

  sheet.getCell(FRAME.title, 1).value = spreadsheetText(table.title);
  sheet.mergeCells(FRAME.title, 1, FRAME.title, last);
  const titleCell = sheet.getCell(FRAME.title, 1);
  titleCell.font = { bold: true, size: 14 };
  titleCell.alignment = { vertical: 'middle', horizontal: 'center' };
  sheet.getRow(FRAME.title).height = 28;

  // Group headers over their columns; a column without a group has its label over both header rows.
  for (let c = 0; c < last; c++) {
    const column = columns[c]!;
    sheet.getCell(FRAME.label, c + 1).value = column.label;
    if (!column.group) {
      sheet.getCell(FRAME.group, c + 1).value = column.label;
      sheet.mergeCells(FRAME.group, c + 1, FRAME.label, c + 1);
      continue;
    }
    if (c > 0 && columns[c - 1]!.group === column.group) continue;
    let end = c;
    while (end + 1 < last && columns[end + 1]!.group === column.group) end++;
    sheet.getCell(FRAME.group, c + 1).value = column.group;
    if (end > c) sheet.mergeCells(FRAME.group, c + 1, FRAME.group, end + 1);
  }
  for (const r of [FRAME.group, FRAME.label]) {
    for (let c = 1; c <= last; c++) {
      const cell = sheet.getCell(r, c);
      cell.font = { bold: true };
      cell.fill = headerFill;
      cell.border = border;
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    }
  }

  const covered = new Set<string>();
  for (const m of table.merges ?? []) for (let r = m.row + 1; r < m.row + m.rows; r++) covered.add(`${r}:${m.column}`);
  table.rows.forEach((values, index) => {
    const row = sheet.getRow(FRAME.firstData + index);
    columns.forEach((column, c) => {
      const cell = row.getCell(c + 1);
      const value = covered.has(`${index}:${c}`) ? null : (values[c] ?? null);
      cell.value = typeof value === 'string' ? spreadsheetText(value) : value;
      const numFmt = formatOf(column.kind);
      if (numFmt) cell.numFmt = numFmt;
      cell.border = border;
      const centred = column.kind === 'integer' || column.kind === 'reference' || column.kind === 'flag' || column.kind === 'percent' || column.kind === 'decimal' || column.kind === 'ratio';
      cell.alignment = { vertical: 'top', horizontal: centred ? 'center' : 'left', wrapText: true };
    });
  });
  for (const m of table.merges ?? []) {
    if (m.rows > 1) sheet.mergeCells(FRAME.firstData + m.row, m.column + 1, FRAME.firstData + m.row + m.rows - 1, m.column + 1);
  }

  // Widths: the widest line of each column (header and data), between the layout's minimum and MAX_WIDTH.
  const widths = columns.map((column, c) => {
    let widest = displayWidth(column.label) + 2;
    for (const values of table.rows) {
      for (const line of textOf(values[c] ?? null, column.kind).split('\n')) widest = Math.max(widest, displayWidth(line) + 2);
    }
    return Math.min(Math.max(column.width, widest), Math.max(column.width, MAX_WIDTH));
  });
  widths.forEach((width, c) => (sheet.getColumn(c + 1).width = width));

  // Heights: enough lines for the tallest cell of each row; a merged cell's lines are spread over its rows.
  const lines = table.rows.map((values) => Math.max(1, ...columns.map((column, c) => wrappedLines(textOf(values[c] ?? null, column.kind), widths[c]!))));
  for (const m of table.merges ?? []) {
    const needed = wrappedLines(textOf(table.rows[m.row]?.[m.column] ?? null, columns[m.column]!.kind), widths[m.column]!);
    const spans = lines.slice(m.row, m.row + m.rows);
    const have = spans.reduce((a, b) => a + b, 0);
    if (needed > have) {
      const extra = Math.ceil((needed - have) / m.rows);
      for (let r = m.row; r < m.row + m.rows; r++) lines[r]! += extra;
    }
  }
  for (const [c, column] of columns.entries()) {
    if (!column.group) continue;
    const span = columns.filter((x) => x.group === column.group).reduce((sum, x) => sum + widths[columns.indexOf(x)]!, 0);
    if (columns.findIndex((x) => x.group === column.group) === c) {
      sheet.getRow(FRAME.group).height = Math.max(sheet.getRow(FRAME.group).height ?? 0, wrappedLines(column.group, span) * LINE_HEIGHT + ROW_PADDING);
    }
  }
  sheet.getRow(FRAME.label).height = Math.max(...columns.map((column, c) => wrappedLines(column.label, widths[c]!))) * LINE_HEIGHT + ROW_PADDING;
  lines.forEach((n, index) => (sheet.getRow(FRAME.firstData + index).height = Math.min(409, n * LINE_HEIGHT + ROW_PADDING)));
  return sheet;
}
