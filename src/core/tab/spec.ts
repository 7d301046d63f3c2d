/**
 * TabSpec: the declarative description of one generated tab. Every feature returns one; three
 * renderers draw it (Apps Script, batched; xlsx via ExcelJS; HTML preview in the playground).
 *
 * Coordinates are 0-based (row 0 = the sheet's first row). Formulas use A1 notation as Sheets
 * writes them ("=IFERROR(C2/B2,\"\")"), and carry the value the core computed for them, so the
 * xlsx and the preview show numbers without a spreadsheet engine.
 */

/** What a cell holds once read: numbers (dates as day serials), text, booleans, or blank. */
export type CellValue = string | number | boolean | null;

/**
 * A formula with what it shows. The builder knows that value from the domain result it wrote the formula
 * for (the weekday of a date, a metric, a calendar slot's text), and states it: in Apps Script no engine
 * runs, and the layer planner compares a tab's cells with these values to tell a person's edit from the
 * add-on's own result (the Gantt's linked cells). The local hosts compute every formula again with the engine (core/formula), and
 * test/app/declared-values.test.ts checks that the two agree.
 */
export interface FormulaCell {
  formula: string; // starts with "="
  value: CellValue;
}

/** A plain value is always literal: text starting with = + - @ stays text in every renderer. */
export type Cell = CellValue | FormulaCell;

export function isFormulaCell(cell: Cell | undefined): cell is FormulaCell {
  return typeof cell === 'object' && cell !== null && typeof (cell as FormulaCell).formula === 'string';
}

/** The value shown for a cell: a formula's cached value, or the value itself. */
export function cellValue(cell: Cell | undefined): CellValue {
  if (cell === undefined) return null;
  return isFormulaCell(cell) ? cell.value : cell;
}

/** Text that a spreadsheet would take for a formula if typed as is. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@]/.test(text);
}

export type CellFormat = 'text' | 'date' | 'time' | 'integer' | 'decimal' | 'percent' | 'percentOneDecimal' | 'currency' | 'checkbox' | 'general';

/** Number-format patterns, shared by the Apps Script and xlsx renderers. */
export const NUMBER_FORMATS: Record<CellFormat, string> = {
  text: '@',
  date: 'yyyy-mm-dd',
  time: 'hh:mm',
  integer: '#,##0',
  decimal: '#,##0.00',
  percent: '0.0#%', // 23.2% and 2.75% (high-ticket conversion rates need the second decimal)
  percentOneDecimal: '0.0%', // 23.2% and 2.8%: a column of shares (done %) whose figures line up
  currency: '"¥"#,##0',
  checkbox: 'General',
  general: 'General',
};

export interface RangeRef {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface ColumnSpec {
  key: string;
  width?: number; // pixels
  format?: CellFormat; // default for the column's data cells (below the header rows)
  /** Hidden from view (bookkeeping the add-on needs, such as the owner it last assigned). */
  hidden?: boolean;
}

export interface CellStyle {
  background?: string; // "#rrggbb"
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  wrap?: boolean;
  hAlign?: 'left' | 'center' | 'right';
  vAlign?: 'top' | 'middle' | 'bottom';
  fontSize?: number;
}

export interface StyleRun {
  range: RangeRef;
  style: CellStyle;
}

export interface FormatRun {
  range: RangeRef;
  format: CellFormat;
}

export type ValidationRule =
  | { type: 'list'; values: string[]; strict?: boolean }
  /** Values from a range of another tab, e.g. the Team tab's names ({tab: '团队', a1: 'A2:A'}). */
  | { type: 'listFromRange'; tab: string; a1: string; strict?: boolean }
  | { type: 'checkbox' };

export interface ValidationSpec {
  range: RangeRef;
  rule: ValidationRule;
}

/**
 * A custom-formula conditional format. The formula is written for the top-left cell of the first
 * range, with relative references moving across the ranges (Sheets' and Excel's semantics).
 */
export interface ConditionalFormatSpec {
  ranges: RangeRef[];
  formula: string;
  style: Pick<CellStyle, 'background' | 'fontColor' | 'bold' | 'italic' | 'strikethrough'>;
}

export interface NoteSpec {
  row: number;
  col: number;
  text: string;
}

export type ChartType = 'column' | 'bar' | 'line';

export interface ChartSpec {
  type: ChartType;
  title: string;
  /** Category labels (first column) and one or more series columns, all with a header row. */
  ranges: RangeRef[];
  anchor: { row: number; col: number };
  width?: number;
  height?: number;
  /**
   * Each bar says its value: a chart whose bars differ a hundredfold (a funnel's 12,618 joined and 45
   * bought) stays readable where the axis alone would flatten the short ones to nothing.
   */
  valueLabels?: boolean;
}

export type { MarkerKey, TabKind, TabMarker } from './marker';
import type { TabMarker } from './marker';
export type { PageMargins, PrintSetup } from './print';
import type { PrintSetup } from './print';

export interface TabSpec {
  name: string; // wanted name; the workbook may pick "名字 (2)" when a foreign tab holds it
  marker: TabMarker;
  columns: ColumnSpec[];
  rows: Cell[][]; // row-major; rows may be shorter than columns (padded with blanks)
  headerRows: number; // rows above the data (column formats apply below them)
  frozenRows?: number;
  frozenColumns?: number;
  formats?: FormatRun[];
  styles?: StyleRun[];
  merges?: RangeRef[];
  validations?: ValidationSpec[];
  conditionalFormats?: ConditionalFormatSpec[];
  notes?: NoteSpec[];
  charts?: ChartSpec[];
  /** Text tab colour in the tab strip. */
  tabColor?: string;
  /**
   * The add-on's own rectangles outside a row table (a summary beside it, a calendar grid): regenerating
   * rewrites them whole, and what a person typed into one is kept in an old version of the tab.
   */
  blocks?: RangeRef[];
  /**
   * Rows (0-based) a person hid. Generated tabs never hide rows themselves; the local workbook and
   * .xlsx files keep the ones people hid, so that they travel with their rows when a tab is updated.
   */
  hiddenRows?: number[];
  /** How the tab prints (see print.ts); a tab without one prints as the spreadsheet's defaults say. */
  print?: PrintSetup;
}

export function range(row: number, col: number, rows = 1, cols = 1): RangeRef {
  return { row, col, rows, cols };
}

/** Width of the grid: the widest of the column list and the rows. */
export function gridWidth(spec: TabSpec): number {
  let width = spec.columns.length;
  for (const row of spec.rows) if (row.length > width) width = row.length;
  return width;
}

/**
 * The rows and columns a spec reaches: its cells, and every range it formats, merges, validates,
 * annotates or charts — with the cells its charts are anchored at, unless `chartAnchors: false` (a
 * chart floats over the cells; the cell it is anchored at holds nothing of the add-on's).
 */
export function specExtent(spec: TabSpec, options: { chartAnchors?: boolean } = {}): { rows: number; cols: number } {
  let rows = spec.rows.length;
  let cols = gridWidth(spec);
  const cover = (r: RangeRef): void => {
    rows = Math.max(rows, r.row + r.rows);
    cols = Math.max(cols, r.col + r.cols);
  };
  for (const run of spec.formats ?? []) cover(run.range);
  for (const run of spec.styles ?? []) cover(run.range);
  for (const merge of spec.merges ?? []) cover(merge);
  for (const validation of spec.validations ?? []) cover(validation.range);
  for (const rule of spec.conditionalFormats ?? []) rule.ranges.forEach(cover);
  for (const note of spec.notes ?? []) cover({ row: note.row, col: note.col, rows: 1, cols: 1 });
  for (const chart of spec.charts ?? []) {
    chart.ranges.forEach(cover);
    if (options.chartAnchors !== false) cover({ row: chart.anchor.row, col: chart.anchor.col, rows: 1, cols: 1 });
  }
  return { rows, cols };
}

/** Column index (0-based) to letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Letters to a 0-based column index: A → 0, AA → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A1 reference of a 0-based cell, e.g. (1, 2) → "C2"; absolute parts with `$`. */
export function a1(row: number, col: number, absRow = false, absCol = false): string {
  return `${absCol ? '$' : ''}${columnLetter(col)}${absRow ? '$' : ''}${row + 1}`;
}

export function a1Range(r: RangeRef): string {
  const start = a1(r.row, r.col);
  return r.rows === 1 && r.cols === 1 ? start : `${start}:${a1(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/** A tab name quoted for use in formulas: 'SOP·Java 5群'!A1. */
export function quoteTabName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * The format of every cell of the grid (header rows 'general' unless a run says otherwise):
 * columns' defaults below the header, then runs in order. Shared by the renderers.
 */
export function formatGrid(spec: TabSpec, height: number, width: number): CellFormat[][] {
  const grid: CellFormat[][] = [];
  for (let r = 0; r < height; r++) {
    const row: CellFormat[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = r >= spec.headerRows ? (spec.columns[c]?.format ?? 'general') : 'general';
    grid.push(row);
  }
  for (const run of spec.formats ?? []) forEachCell(run.range, height, width, (r, c) => (grid[r][c] = run.format));
  return grid;
}

/** The merged style of every cell (runs applied in order; later runs win per property). */
export function styleGrid(spec: TabSpec, height: number, width: number): CellStyle[][] {
  const grid: CellStyle[][] = [];
  for (let r = 0; r < height; r++) {
    const row: CellStyle[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = {};
    grid.push(row);
  }
  for (const run of spec.styles ?? []) {
    forEachCell(run.range, height, width, (r, c) => Object.assign(grid[r][c], run.style));
  }
  return grid;
}

export function forEachCell(r: RangeRef, height: number, width: number, fn: (row: number, col: number) => void): void {
  const rowEnd = Math.min(r.row + r.rows, height);
  const colEnd = Math.min(r.col + r.cols, width);
  for (let row = Math.max(0, r.row); row < rowEnd; row++) for (let col = Math.max(0, r.col); col < colEnd; col++) fn(row, col);
}
