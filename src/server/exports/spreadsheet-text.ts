/**
 * Keeping user text from running as a spreadsheet formula (CSV/formula injection).
 *
 * exceljs already writes every string as a shared string, which Excel does not evaluate when the file
 * opens. That is not enough: a user who edits such a cell (F2, Enter) or saves the sheet as CSV and opens
 * it again gets `=HYPERLINK(...)` evaluated. So text that a spreadsheet could take for a formula — first
 * character `=`, `+`, `-`, `@`, or a tab / CR (which Excel skips before looking for one) — is written with
 * an invisible U+200B ZERO WIDTH SPACE in front. Unlike the OWASP apostrophe, which a CSV shows literally,
 * the guard is invisible in Excel, WPS, LibreOffice and Numbers, survives a CSV save, and is not a
 * formula trigger, so the visible text stays exactly what the user typed. The importer removes it with
 * `restoreSpreadsheetText`, so export → import gives back the original text.
 */

/** The invisible character put in front of risky text. */
export const FORMULA_GUARD = '\u200B';

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/** True when a spreadsheet could read this text as a formula. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_TRIGGER.test(text);
}

/**
 * Whether text gets the guard: formula-like text, and text that already starts with guards in front of
 * formula-like text (so a user's own U+200B survives the round trip too).
 */
function needsGuard(text: string): boolean {
  return isFormulaLike(text) || (text.startsWith(FORMULA_GUARD) && needsGuard(text.slice(FORMULA_GUARD.length)));
}

/** The text as it must be written into a cell (xlsx or CSV) so that no spreadsheet runs it. */
export function spreadsheetText(text: string): string {
  return needsGuard(text) ? FORMULA_GUARD + text : text;
}

/** The user's text back from a cell written by `spreadsheetText` (other text is returned unchanged). */
export function restoreSpreadsheetText(text: string): string {
  return text.startsWith(FORMULA_GUARD) && needsGuard(text.slice(FORMULA_GUARD.length)) ? text.slice(FORMULA_GUARD.length) : text;
}
