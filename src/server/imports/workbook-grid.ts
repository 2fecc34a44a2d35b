import ExcelJS from 'exceljs';

/** A cell's value as the importer reads it: formulas give their result, rich text its plain text. */
export type CellValue = string | number | boolean | Date | null;

/** One cell of a sheet, addressed as a person sees it ('B7'); merged cells carry the master cell's value. */
export type GridCell = {
  address: string;
  row: number;
  column: number;
  value: CellValue;
  /** The master cell of the merged range this cell belongs to (its own address when not merged). */
  master: string;
  /** Shown as a percentage (number format with %): 0.8 means 80 %. */
  isPercent: boolean;
};

/** A worksheet as plain data, so the template reader never touches exceljs. */
export type SheetGrid = {
  name: string;
  rowCount: number;
  columnCount: number;
  /** The cell at (row, column), 1-based; empty cells are null. */
  cell(row: number, column: number): GridCell | null;
};

/** The bytes every .xlsx starts with: it is a zip archive (PK\x03\x04). */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** True when the bytes look like an .xlsx (a zip archive) — judged by content, never by the file name. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes.length >= ZIP_MAGIC.length && ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** Raised when the bytes are not a readable workbook; the route answers 400 naming `file`. */
export class UnreadableWorkbookError extends Error {
  /** Why, as the message the caller gets: not a zip at all, damaged, or unpacking past `MAX_UNPACKED_BYTES`. */
  readonly reason: 'notXlsx' | 'unreadable' | 'unpacksTooLarge';

  constructor(reason: UnreadableWorkbookError['reason'], detail: string) {
    super(detail);
    this.reason = reason;
  }
}

/**
 * What the workbook's parts may take once unpacked. A real template record is a few megabytes of XML;
 * a 20 MB upload that unpacks to gigabytes (a zip bomb) is refused before exceljs inflates it.
 */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

/** Reads an .xlsx into grids, one per worksheet, in workbook order. */
export async function readWorkbook(bytes: Uint8Array): Promise<SheetGrid[]> {
  if (!looksLikeXlsx(bytes)) throw new UnreadableWorkbookError('notXlsx', 'not a zip archive');
  const unpacked = unpackedSize(bytes);
  if (unpacked === null) throw new UnreadableWorkbookError('unreadable', 'no zip directory');
  if (unpacked > MAX_UNPACKED_BYTES) throw new UnreadableWorkbookError('unpacksTooLarge', 'unpacks too large');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    throw new UnreadableWorkbookError('unreadable', error instanceof Error ? error.message : String(error));
  }
  return gridsOf(workbook);
}

/** The grids of an exceljs workbook already in memory (the tests build theirs this way). */
export function gridsOf(workbook: ExcelJS.Workbook): SheetGrid[] {
  return workbook.worksheets.map(gridOf);
}

/**
 * The sum of the uncompressed sizes the zip's central directory declares, or null when there is no
 * readable directory. ZIP64 entries (over 4 GB) count as infinitely large.
 */
export function unpackedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const END_OF_DIRECTORY = 0x06054b50;
  const ENTRY = 0x02014b50;
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== ENTRY) return null;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

function gridOf(sheet: ExcelJS.Worksheet): SheetGrid {
  const cells = new Map<string, GridCell>();
  let rowCount = 0;
  let columnCount = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      const source = cell.isMerged ? cell.master : cell;
      const value = plainValue(source.value);
      if (value === null) return;
      cells.set(`${rowNumber}:${columnNumber}`, { address: cell.address, row: rowNumber, column: columnNumber, value, master: source.address, isPercent: isPercentFormat(source) });
      rowCount = Math.max(rowCount, rowNumber);
      columnCount = Math.max(columnCount, columnNumber);
    });
  });
  // A merged range's other cells may hold no value of their own; give each the master's value.
  for (const range of sheet.model.merges ?? []) {
    const [from, to] = range.split(':') as [string, string];
    const start = sheet.getCell(from);
    const end = sheet.getCell(to);
    const value = plainValue(start.value);
    if (value === null) continue;
    for (let r = Number(start.row); r <= Number(end.row); r++) {
      for (let c = Number(start.col); c <= Number(end.col); c++) {
        const key = `${r}:${c}`;
        if (cells.has(key)) continue;
        cells.set(key, { address: sheet.getCell(r, c).address, row: r, column: c, value, master: start.address, isPercent: isPercentFormat(start) });
        rowCount = Math.max(rowCount, r);
        columnCount = Math.max(columnCount, c);
      }
    }
  }
  return { name: sheet.name, rowCount, columnCount, cell: (row, column) => cells.get(`${row}:${column}`) ?? null };
}

/** A real percentage format (0%, 0.0%) scales the value by 100; a quoted literal ('0"%"') only shows the sign. */
function isPercentFormat(cell: ExcelJS.Cell): boolean {
  return typeof cell.numFmt === 'string' && cell.numFmt.replace(/"[^"]*"|\\./g, '').includes('%');
}

/** Flattens exceljs's value shapes (rich text, hyperlinks, formulas, errors) to a plain value; blank text is null. */
export function plainValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return plainValue(value.richText.map((part) => part.text).join(''));
    if ('formula' in value || 'sharedFormula' in value) return plainValue((value as { result?: ExcelJS.CellValue }).result);
    if ('error' in value) return null;
    if ('text' in value) return plainValue((value as { text: ExcelJS.CellValue }).text);
  }
  return null;
}

/** A cell's value as text for labels and free-text fields (dates keep their calendar day, numbers their digits). */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}
