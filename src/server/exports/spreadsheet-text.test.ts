import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { FORMULA_GUARD, isFormulaLike, restoreSpreadsheetText, spreadsheetText } from './spreadsheet-text.ts';

const risky = ['=1+1', '+86 138', '-完成80%', '@SUM(A1)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://evil.example","点我")'];

describe('spreadsheetText', () => {
  it.each(risky)('guards %j so it no longer starts with a formula trigger', (text) => {
    const written = spreadsheetText(text);
    expect(written).toBe(FORMULA_GUARD + text);
    expect(isFormulaLike(written)).toBe(false);
    expect(restoreSpreadsheetText(written)).toBe(text);
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['设计中-完成80%', '3版主视觉设计稿', 'a=b', '', '（如：线上会议）']) expect(spreadsheetText(text)).toBe(text);
  });

  it('round-trips any text, including text that already starts with the guard', () => {
    const alphabet = fc.constantFrom('=', '+', '-', '@', '\t', '\r', FORMULA_GUARD, 'a', '中', ' ');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 6 }), fc.string(), (prefix, rest) => {
        const text = prefix + rest;
        const written = spreadsheetText(text);
        expect(isFormulaLike(written)).toBe(false);
        expect(restoreSpreadsheetText(written)).toBe(text);
      }),
    );
  });

  it('reads back from an .xlsx as a plain string, never a formula, and from CSV without a leading trigger', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    risky.forEach((text, i) => (sheet.getCell(i + 1, 1).value = spreadsheetText(text)));
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    risky.forEach((text, i) => {
      const cell = again.worksheets[0]!.getCell(i + 1, 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // XML turns a lone CR into LF (line-end normalisation), so only that text comes back changed.
      if (!text.startsWith('\r')) expect(restoreSpreadsheetText(String(cell.value))).toBe(text);
      else expect(String(cell.value)).toBe(FORMULA_GUARD + '\n=cmd');
    });
    const csv = (await workbook.csv.writeBuffer()).toString();
    for (const line of csv.split('\n').filter(Boolean)) expect(line.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
  });
});
