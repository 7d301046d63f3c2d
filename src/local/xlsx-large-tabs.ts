/**
 * Long tabs of plain values (a member list of 800,000 rows) written without ExcelJS's cell model,
 * which takes about 0.2 s and 4 MB per thousand such rows: 3 minutes and 4.5 GB for 800,000 members
 * with their attendance and orders, against 12 s and under 1 GB here. ExcelJS draws the tab's head —
 * its header with its styles, the column widths and formats, the frozen rows — as for any tab; the
 * rows below the head are written straight into that sheet's XML (text as inline strings, numbers,
 * booleans, each in its column's format, as renderTab writes them) when the package is finished
 * (see xlsx-finish.ts).
 */
import { columnLetter, gridWidth, isFormulaCell, type Cell, type RangeRef, type TabSpec } from '../core/tab/spec';
import { attributes } from './xlsx-package';

/** Below this many rows ExcelJS writes a tab whole: the time it takes does not matter there. */
export const LARGE_TAB_ROWS = 10_000;

/** The most rows ExcelJS draws as the head of a large tab (its header and anything styled near it). */
const MAX_HEAD_ROWS = 100;

/** XML is handed to the zip in pieces of about this many bytes. */
const CHUNK_BYTES = 1 << 20;

/** The rows of a large tab that are written as XML: `rows` from index `from` on, `width` columns wide. */
export interface LargeTabBody {
  rows: Cell[][];
  from: number;
  width: number;
}

/**
 * A long tab split into the head ExcelJS draws and the body written as values; null for a tab ExcelJS
 * writes whole: a short one, or one whose rows below the head hold more than values (formulas, styles,
 * formats other than its columns', merges, notes, hidden rows), or that has dropdowns, conditional
 * formats or charts.
 */
export function splitLargeTab(spec: TabSpec): { head: TabSpec; body: LargeTabBody } | null {
  if (spec.rows.length <= LARGE_TAB_ROWS) return null;
  if (spec.validations?.length || spec.conditionalFormats?.length || spec.charts?.length) return null;
  const below = (range: RangeRef): number => range.row + range.rows;
  const head = Math.max(
    1,
    spec.headerRows,
    spec.frozenRows ?? 0,
    ...(spec.formats ?? []).map((run) => below(run.range)),
    ...(spec.styles ?? []).map((run) => below(run.range)),
    ...(spec.merges ?? []).map(below),
    ...(spec.notes ?? []).map((note) => note.row + 1),
    ...(spec.hiddenRows ?? []).map((row) => row + 1),
  );
  if (head > MAX_HEAD_ROWS) return null;
  for (let r = head; r < spec.rows.length; r++) if (spec.rows[r].some(isFormulaCell)) return null;
  return { head: { ...spec, rows: spec.rows.slice(0, head) }, body: { rows: spec.rows, from: head, width: gridWidth(spec) } };
}

/** The head's sheet XML with the body's rows at the end of its <sheetData>, and a dimension that covers them. */
export function* withLargeTabBody(head: string, body: LargeTabBody): Generator<string | Uint8Array> {
  const open = /<sheetData\s*\/>/.exec(head);
  const close = /<\/sheetData>/.exec(head);
  let before: string;
  let after: string;
  if (close) {
    before = head.slice(0, close.index);
    after = head.slice(close.index);
  } else if (open) {
    before = `${head.slice(0, open.index)}<sheetData>`;
    after = `</sheetData>${head.slice(open.index + open[0].length)}`;
  } else {
    throw new Error('the sheet ExcelJS wrote has no <sheetData>');
  }
  const last = `${columnLetter(Math.max(body.width, 1) - 1)}${body.rows.length}`;
  yield before.replace(/(<dimension\s+ref=")[^"]*(")/, `$1A1:${last}$2`);
  yield* rowsXml(body, columnStyles(head));
  yield after;
}

/**
 * The style of each column (0-based) as ExcelJS wrote it on <col>: the number format renderTab gives
 * every cell below the header of a formatted column (`cell.numFmt` of a column-styled cell keeps the
 * column's style), so the body's cells take it too.
 */
function columnStyles(head: string): Map<number, string> {
  const styles = new Map<number, string>();
  const cols = /<cols>([\s\S]*?)<\/cols>/.exec(head)?.[1] ?? '';
  for (const [tag] of cols.matchAll(/<col\b[^>]*>/g)) {
    const attrs = attributes(tag);
    const style = attrs.get('style');
    if (!style || style === '0') continue;
    for (let c = Number(attrs.get('min')); c <= Number(attrs.get('max')); c++) styles.set(c - 1, style);
  }
  return styles;
}

function* rowsXml(body: LargeTabBody, styles: Map<number, string>): Generator<Uint8Array> {
  const letters = Array.from({ length: body.width }, (_, c) => columnLetter(c));
  const styleAttributes = letters.map((_, c) => (styles.has(c) ? ` s="${styles.get(c)}"` : ''));
  // Each row is encoded into a buffer as soon as it is made: far faster than joining a chunk's rows
  // into one string first (a string of many small pieces is slow to flatten).
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  for (let r = body.from; r < body.rows.length; r++) {
    const row = body.rows[r];
    const n = r + 1;
    let cells = '';
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      // A body holds no formulas (see splitLargeTab): every cell is a value or blank. Empty text is
      // left blank, as every reader here reads it (an inline string without text reads as nothing).
      if (value === null || value === undefined || value === '' || typeof value === 'object') continue;
      const start = `<c r="${letters[c]}${n}"${styleAttributes[c]}`;
      if (typeof value === 'string') cells += `${start} t="inlineStr"><is>${textElement(value)}</is></c>`;
      else if (typeof value === 'boolean') cells += `${start} t="b"><v>${value ? 1 : 0}</v></c>`;
      else if (Number.isFinite(value)) cells += `${start}><v>${value}</v></c>`;
      // NaN and Infinity have no place in a number cell: what the cell held is kept as text.
      else cells += `${start} t="inlineStr"><is>${textElement(String(value))}</is></c>`;
    }
    // A row without cells is left out, as ExcelJS leaves it out.
    if (cells === '') continue;
    const xml = `<row r="${n}">${cells}</row>`;
    // At most three bytes of UTF-8 per UTF-16 unit.
    if (used + xml.length * 3 > buffer.length) {
      if (used > 0) yield buffer.subarray(0, used);
      buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, xml.length * 3));
      used = 0;
    }
    used += buffer.write(xml, used);
  }
  if (used > 0) yield buffer.subarray(0, used);
}

/** Characters XML 1.0 cannot hold, dropped as ExcelJS drops them. */
const UNWRITABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/** A <t> element for text, escaped as ExcelJS escapes it, keeping leading and trailing spaces and line breaks. */
function textElement(text: string): string {
  let escaped = text;
  if (/[&<>\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text))
    escaped = text.replace(UNWRITABLE, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return /^\s|\n|\s$/.test(text) ? `<t xml:space="preserve">${escaped}</t>` : `<t>${escaped}</t>`;
}
