/**
 * How the add-on lays a TabSpec out in an .xlsx: the choices its writer makes (src/local/xlsx.ts)
 * and its reader undoes (src/local/xlsx-sheet-spec.ts), kept in one place so the two agree.
 */
import { a1, columnIndex, type RangeRef } from '../core/tab/spec';

/** The very hidden sheet that says which tab is which generated tab, and holds long dropdown lists. */
export const MARKER_SHEET = '_sop_planner';

/** Long dropdown lists are kept in MARKER_SHEET from this 1-based column on, one column per list. */
export const FIRST_LIST_COLUMN = 6;

/** Excel's column width unit is the width of a digit in the default font: 7 px for Calibri 11. */
export const PIXELS_PER_WIDTH_UNIT = 7;

/** The size of ExcelJS's default font (Calibri 11), which styled cells repeat. */
export const DEFAULT_FONT_SIZE = 11;

/** An open-ended range such as "A2:A" becomes this many rows: Excel has no open-ended references. */
export const OPEN_RANGE_LAST_ROW = 1000;

/** A checkbox is written as this list: the cells hold booleans, and every viewer shows the two choices. */
export const CHECKBOX_LIST = '"TRUE,FALSE"';

/** "A2:A" → "$A$2:$A$1000"; "B3" → "$B$3"; "A:B" → "$A$1:$B$1000". */
export function absoluteRange(text: string): string {
  const match = /^\$?([A-Za-z]+)\$?(\d*)(?::\$?([A-Za-z]+)\$?(\d*))?$/.exec(text.trim());
  if (!match) return text;
  const [, startColumn, startRow, endColumn, endRow] = match;
  const start = a1(startRow ? Number(startRow) - 1 : 0, columnIndex(startColumn), true, true);
  if (endColumn === undefined) return startRow ? start : `${start}:${a1(OPEN_RANGE_LAST_ROW - 1, columnIndex(startColumn), true, true)}`;
  return `${start}:${a1(endRow ? Number(endRow) - 1 : OPEN_RANGE_LAST_ROW - 1, columnIndex(endColumn), true, true)}`;
}

/** The inverse of absoluteRange: "$A$2:$A$1000" → "A2:A"; "$B$3" → "B3"; other ranges lose their `$` only. */
export function openRange(text: string): string {
  const match = /^\$?([A-Za-z]+)\$?(\d+)(?::\$?([A-Za-z]+)\$?(\d+))?$/.exec(text.trim());
  if (!match) return text;
  const [, startColumn, startRow, endColumn, endRow] = match;
  const start = `${startColumn.toUpperCase()}${startRow}`;
  if (endColumn === undefined) return start;
  return `${start}:${endColumn.toUpperCase()}${Number(endRow) === OPEN_RANGE_LAST_ROW ? '' : endRow}`;
}

/** The last row of a sheet: a whole column ("B:B") runs down to it. */
export const SHEET_LAST_ROW = 1048576;

/** "B2:C4", "B2" or "B:C" (with or without `$`) → a 0-based range; null for anything else. */
export function rangeOfA1(text: string): RangeRef | null {
  const columns = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/.exec(text.trim());
  if (columns) {
    const [first, last] = [columnIndex(columns[1]), columnIndex(columns[2])].sort((a, b) => a - b);
    return { row: 0, col: first, rows: SHEET_LAST_ROW, cols: last - first + 1 };
  }
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const [, c1, r1, c2 = c1, r2 = r1] = match;
  const top = Math.min(Number(r1), Number(r2)) - 1;
  const left = Math.min(columnIndex(c1), columnIndex(c2));
  return { row: top, col: left, rows: Math.abs(Number(r2) - Number(r1)) + 1, cols: Math.abs(columnIndex(c2) - columnIndex(c1)) + 1 };
}
