/**
 * What Sheets makes of text a person types into a cell: numbers (with thousands separators and
 * percent), dates (yyyy-mm-dd and the like → a day serial), TRUE/FALSE, "=…" formulas (value filled
 * by the recalculation), a leading apostrophe forcing text; anything else stays text. The playground's
 * cell editor uses it, so a typed formula is a formula.
 */
import { parseDate, serialFromYmd, ymdFromSerial, type DaySerial } from '../core/dates';
import type { Cell, CellFormat, TabSpec } from '../core/tab/spec';

export function typedInput(text: string): Cell {
  if (text === '') return null;
  if (text.startsWith("'")) return text.slice(1);
  if (text.startsWith('=') && text.length > 1) return { formula: text, value: null };
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  const number = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?(%)?$/.exec(trimmed);
  if (number) {
    const value = Number(trimmed.replace(/[,%]/g, ''));
    return number[4] ? value / 100 : value;
  }
  if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(trimmed)) {
    const serial = parseDate(trimmed);
    if (serial !== null) return serial;
  }
  return text;
}

/** A month and day without a year ("12/31", "12月31日"; "12-31" only where the cell is a date): a date of this year, as Sheets reads it. */
function monthDay(text: string, dateCell: boolean, today: DaySerial): DaySerial | null {
  const m = (dateCell ? /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/ : /^(\d{1,2})\s*(?:\/|月)\s*(\d{1,2})\s*日?$/).exec(text);
  if (!m) return null;
  const { year } = ymdFromSerial(today);
  const month = Number(m[1]);
  const day = Number(m[2]);
  return parseDate(`${year}-${month}-${day}`) === null ? null : serialFromYmd(year, month, day);
}

/** What typing into a cell writes: the cell, and the number format the cell takes with it (Sheets formats a typed date as a date). */
export interface TypedCell {
  cell: Cell;
  format?: CellFormat;
}

/**
 * typedInput for a cell of a known number format, as Sheets reads typing: a text cell keeps what was
 * typed as text (a formula too); a date typed anywhere else ("2026-12-31", "2026/12/31", "2026年12月31日",
 * "12/31" of this year) is a day serial and the cell shows it as a date; a number typed into a date
 * cell stays the number the person typed.
 */
export function typedCellInput(text: string, format: CellFormat, today: DaySerial): TypedCell {
  if (format === 'text') return { cell: text === '' ? null : text };
  const cell = typedInput(text);
  const trimmed = text.trim();
  const typedDate = typeof cell === 'string' && !text.startsWith("'") ? (parseDate(trimmed) ?? monthDay(trimmed, format === 'date', today)) : null;
  const isDate = typedDate !== null || (typeof cell === 'number' && /^\d{4}[-/.]/.test(trimmed));
  if (!isDate) return { cell };
  const serial = typedDate ?? (cell as number);
  return format === 'date' ? { cell: serial } : { cell: serial, format: 'date' };
}

/** The number format of one cell: the column's below the header, then the format runs in order (as formatGrid, for one cell). */
export function cellFormatAt(spec: TabSpec, row: number, col: number): CellFormat {
  let format: CellFormat = row >= spec.headerRows ? (spec.columns[col]?.format ?? 'general') : 'general';
  for (const run of spec.formats ?? []) {
    const r = run.range;
    if (row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols) format = run.format;
  }
  return format;
}

/**
 * A value read from a file or a paste (the CLI's --tasks and --activities, the demo's sample files):
 * numbers, percentages, dates and booleans are read as typedInput reads them, but text is always data —
 * "=HYPERLINK(…)", "+86 138…", "@SUM(1)" stay text and never become formulas.
 */
export function dataInput(text: string): Cell {
  const typed = typedInput(text);
  return typeof typed === 'object' && typed !== null ? text : typed;
}
