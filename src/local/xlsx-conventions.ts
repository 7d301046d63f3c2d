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

/**
 * Excel and LibreOffice have no open-ended references ("A2:A", which Sheets reads to the bottom of the
 * tab). The writer closes one at the first of these rows that leaves room below the tab it reads
 * (OPEN_RANGE_ROOM rows), and the reader opens a range that ends on one of them again, so a tab
 * read back is the tab that was written.
 */
export const OPEN_RANGE_ENDS: readonly number[] = [1000, 10000, 100000, 1048576];

/** The usual close of an open-ended range: a tab of up to OPEN_RANGE_LAST_ROW - OPEN_RANGE_ROOM rows. */
export const OPEN_RANGE_LAST_ROW = OPEN_RANGE_ENDS[0];

/** Rows left below a tab's data in a closed range, for rows a person adds in Excel. */
export const OPEN_RANGE_ROOM = 200;

/** A checkbox is written as this list: the cells hold booleans, and every viewer shows the two choices. */
export const CHECKBOX_LIST = '"TRUE,FALSE"';

/** Where an open-ended range over a tab of `rowsUsed` rows is closed. */
export function openRangeEnd(rowsUsed: number): number {
  return OPEN_RANGE_ENDS.find((end) => end >= rowsUsed + OPEN_RANGE_ROOM) ?? OPEN_RANGE_ENDS[OPEN_RANGE_ENDS.length - 1];
}

/** The last row of each tab's open-ended ranges, by tab name (the tab a reference names, else its own). */
export type OpenRangeEnds = (tab: string) => number;

/** "A2:A" → "$A$2:$A$1000"; "B3" → "$B$3"; "A:B" → "$A$1:$B$1000". */
export function absoluteRange(text: string, lastRow = OPEN_RANGE_LAST_ROW): string {
  const match = /^\$?([A-Za-z]+)\$?(\d*)(?::\$?([A-Za-z]+)\$?(\d*))?$/.exec(text.trim());
  if (!match) return text;
  const [, startColumn, startRow, endColumn, endRow] = match;
  const start = a1(startRow ? Number(startRow) - 1 : 0, columnIndex(startColumn), true, true);
  if (endColumn === undefined) return startRow ? start : `${start}:${a1(lastRow - 1, columnIndex(startColumn), true, true)}`;
  return `${start}:${a1(endRow ? Number(endRow) - 1 : lastRow - 1, columnIndex(endColumn), true, true)}`;
}

/** The inverse of absoluteRange: "$A$2:$A$1000" → "A2:A"; "$B$3" → "B3"; other ranges lose their `$` only. */
export function openRange(text: string): string {
  const match = /^\$?([A-Za-z]+)\$?(\d+)(?::\$?([A-Za-z]+)\$?(\d+))?$/.exec(text.trim());
  if (!match) return text;
  const [, startColumn, startRow, endColumn, endRow] = match;
  const start = `${startColumn.toUpperCase()}${startRow}`;
  if (endColumn === undefined) return start;
  return `${start}:${endColumn.toUpperCase()}${OPEN_RANGE_ENDS.includes(Number(endRow)) ? '' : endRow}`;
}

/**
 * Runs `rewrite` over the parts of a formula that are references and operators, leaving string
 * literals ("…") alone. A quoted tab name ('…'!) stays whole inside the part it belongs to.
 */
function mapFormulaCode(formula: string, rewrite: (code: string) => string): string {
  let out = '';
  let code = '';
  let i = 0;
  while (i < formula.length) {
    const char = formula[i];
    if (char === '"' || char === "'") {
      // A literal or a quoted name runs to its closing quote; a doubled quote is one quote inside it.
      let end = i + 1;
      while (end < formula.length && !(formula[end] === char && formula[end + 1] !== char)) end += formula[end] === char ? 2 : 1;
      const piece = formula.slice(i, end + 1);
      if (char === '"') {
        out += rewrite(code) + piece;
        code = '';
      } else {
        code += piece;
      }
      i = end + 1;
    } else {
      code += char;
      i++;
    }
  }
  return out + rewrite(code);
}

/** A reference with its optional tab: 'tab'!$A$2:$A… or tab!A2:A… or A2:A… */
const RANGE_REFERENCE =
  /(?<![A-Za-z0-9_.$'!])((?:'(?:[^']|'')+'|[^\s'!(),;:=+\-*/&<>^%{}"]+)!)?(\$?[A-Za-z]{1,3}\$?\d+):(\$?)([A-Za-z]{1,3})(\$?)(\d*)(?![A-Za-z0-9_($])/g;

function referencedTab(prefix: string | undefined, ownTab: string): string {
  if (!prefix) return ownTab;
  const name = prefix.slice(0, -1);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

/** `'活动清单'!$A$2:$A` → `'活动清单'!$A$2:$A$1000` (the row from `endOf`); closed ranges stay as they are. */
export function closeOpenRanges(formula: string, ownTab: string, endOf: OpenRangeEnds): string {
  return mapFormulaCode(formula, (code) =>
    code.replace(
      RANGE_REFERENCE,
      (whole, prefix: string | undefined, start: string, endDollar: string, endColumn: string, rowDollar: string, endRow: string) => {
        if (endRow) return whole;
        const row = endOf(referencedTab(prefix, ownTab));
        return `${prefix ?? ''}${start}:${endDollar}${endColumn}${endDollar ? '$' : rowDollar}${row}`;
      },
    ),
  );
}

/** The inverse of closeOpenRanges: a range that ends on one of OPEN_RANGE_ENDS is open-ended again. */
export function reopenRanges(formula: string): string {
  return mapFormulaCode(formula, (code) =>
    code.replace(
      RANGE_REFERENCE,
      (whole, prefix: string | undefined, start: string, endDollar: string, endColumn: string, _rowDollar: string, endRow: string) =>
        endRow && OPEN_RANGE_ENDS.includes(Number(endRow)) ? `${prefix ?? ''}${start}:${endDollar}${endColumn}` : whole,
    ),
  );
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
