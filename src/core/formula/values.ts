/**
 * Values a formula works with, and the coercions Sheets applies between them.
 * A blank cell is `null`; errors are values (they flow through formulas instead of being thrown).
 */
import { parseDate, parseTimeOfDay, SPREADSHEET_YEARS, toHalfWidth } from '../dates';

export type ErrorCode = '#DIV/0!' | '#N/A' | '#VALUE!' | '#REF!' | '#NAME?' | '#NUM!' | '#NULL!' | '#ERROR!';

export const ERROR_CODES: readonly ErrorCode[] = ['#DIV/0!', '#N/A', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#ERROR!'];

export class FormulaError {
  constructor(
    readonly code: ErrorCode,
    /** Why, in English, for logs and tests; the cell shows only the code, as Sheets does. */
    readonly reason?: string,
  ) {}
  toString(): string {
    return this.code;
  }
}

export const DIV0 = new FormulaError('#DIV/0!');
export const NA = new FormulaError('#N/A');
export const VALUE = new FormulaError('#VALUE!');
export const REF = new FormulaError('#REF!');
export const NUM = new FormulaError('#NUM!');

/** What one cell holds: number (dates are day serials), text, boolean, blank (null) or an error. */
export type Scalar = number | string | boolean | null | FormulaError;

/** A rectangle of values: a reference to cells or an array computed by an operator. */
export interface Grid {
  readonly height: number;
  readonly width: number;
  get(row: number, col: number): Scalar;
}

/** Read access to one sheet's current values (0-based coordinates; outside the data = blank). */
export interface SheetReader {
  readonly height: number;
  readonly width: number;
  get(row: number, col: number): Scalar;
  /** Called before a range is read, so a calculator can first bring the cells of that range up to date. */
  prepareRange?(top: number, left: number, height: number, width: number): void;
}

/** Cells of a sheet, addressed by a reference (INDEX and ROW/COLUMN need to know where they are). */
export class RangeValue implements Grid {
  constructor(
    readonly reader: SheetReader,
    readonly top: number,
    readonly left: number,
    readonly height: number,
    readonly width: number,
  ) {}
  get(row: number, col: number): Scalar {
    return this.reader.get(this.top + row, this.left + col);
  }
}

export class ArrayValue implements Grid {
  readonly height: number;
  readonly width: number;
  constructor(readonly rows: Scalar[][]) {
    this.height = rows.length;
    this.width = rows.length ? rows[0].length : 0;
  }
  get(row: number, col: number): Scalar {
    return this.rows[row][col];
  }
}

export type Value = Scalar | Grid;

export function isError(value: unknown): value is FormulaError {
  return value instanceof FormulaError;
}

export function isGrid(value: Value): value is Grid {
  return value instanceof RangeValue || value instanceof ArrayValue;
}

/** A value where one cell is expected: an array or range gives its top-left cell. */
export function topLeft(value: Value): Scalar {
  if (!isGrid(value)) return value;
  return value.height > 0 && value.width > 0 ? value.get(0, 0) : null;
}

/** A value as a grid (a scalar becomes a 1×1 array). */
export function asGrid(value: Value): Grid {
  return isGrid(value) ? value : new ArrayValue([[value]]);
}

/** Final value of a computation as a cell holds it: arrays give their top-left, NaN/∞ become #NUM!, -0 becomes 0. */
export function toCellScalar(value: Value): Scalar {
  const scalar = topLeft(value);
  if (typeof scalar === 'number') {
    if (!Number.isFinite(scalar)) return NUM;
    return scalar === 0 ? 0 : scalar;
  }
  return scalar;
}

/** Numbers as Sheets writes them in text: at most 15 significant digits ("0.1+0.2" → "0.3"). */
export function numberToText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(15))).replace('e', 'E');
}

export function toText(value: Scalar): string | FormulaError {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberToText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value;
}

const NUMBER_TEXT = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(\.\d*)?(?:e([+-]?\d+))?(%?)$/i;

/** Text that reads as a number the way Sheets reads typed input: 1,234.5, 50%, 1e3, dates, times; else null. */
export function parseNumberText(text: string): number | null {
  const trimmed = toHalfWidth(text).trim();
  if (trimmed === '') return null;
  const m = NUMBER_TEXT.exec(trimmed);
  if (m && (m[2] !== '' || (m[3] !== undefined && m[3].length > 1))) {
    let n = Number(`${m[2].replace(/,/g, '') || '0'}${m[3] ?? ''}${m[4] !== undefined ? 'e' + m[4] : ''}`);
    if (m[5]) n /= 100;
    return m[1] === '-' ? -n : n;
  }
  const time = parseTimeOfDay(trimmed);
  if (time !== null) return time;
  const dateTime = /^(.*\S)\s+(\d{1,2}:\d{2})$/.exec(trimmed);
  if (dateTime) {
    const day = parseDate(dateTime[1], SPREADSHEET_YEARS);
    const fraction = parseTimeOfDay(dateTime[2]);
    if (day !== null && fraction !== null) return day + fraction;
  }
  // As Sheets reads a typed date: any year a cell can hold, not only the add-on's 2000–2100.
  return parseDate(trimmed, SPREADSHEET_YEARS);
}

/** Arithmetic coercion: blank and "" are 0, TRUE is 1, numeric text is read, other text is #VALUE!. */
export function toNumber(value: Scalar): number | FormulaError {
  if (typeof value === 'number') return value;
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    if (value.trim() === '') return 0;
    const n = parseNumberText(value);
    return n === null ? new FormulaError('#VALUE!', `"${value}" is text, not a number`) : n;
  }
  return value;
}

export function toBoolean(value: Scalar): boolean | FormulaError {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (value === null) return false;
  if (typeof value === 'string') {
    const upper = value.trim().toUpperCase();
    if (upper === 'TRUE') return true;
    if (upper === 'FALSE' || upper === '') return false;
    return new FormulaError('#VALUE!', `"${value}" is not TRUE or FALSE`);
  }
  return value;
}

/** Whole numbers for positions and counts (Sheets truncates 2.7 to 2). */
export function toInteger(value: Scalar): number | FormulaError {
  const n = toNumber(value);
  return typeof n === 'number' ? Math.trunc(n) : n;
}

/** Numbers this close are equal, as in Sheets where 0.1+0.2=0.3 is TRUE. */
export function nearlyEqual(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * 1e-15;
}

/** Sheets' ordering of types in comparisons: numbers < text < booleans. */
function typeRank(value: number | string | boolean): number {
  return typeof value === 'number' ? 0 : typeof value === 'string' ? 1 : 2;
}

function blankLike(other: Scalar): number | string | boolean {
  if (typeof other === 'string') return '';
  if (typeof other === 'boolean') return false;
  return 0;
}

/** Compares two non-error values like Sheets' = < > operators: blank takes the other side's type, text ignores case. */
export function compareScalars(a: Exclude<Scalar, FormulaError>, b: Exclude<Scalar, FormulaError>): number {
  const left = a === null ? blankLike(b) : a;
  const right = b === null ? blankLike(a) : b;
  const rankDiff = typeRank(left) - typeRank(right);
  if (rankDiff !== 0) return rankDiff < 0 ? -1 : 1;
  if (typeof left === 'number') {
    const r = right as number;
    return nearlyEqual(left, r) ? 0 : left < r ? -1 : 1;
  }
  if (typeof left === 'string') {
    const l = left.toLowerCase();
    const r = (right as string).toLowerCase();
    return l === r ? 0 : l < r ? -1 : 1;
  }
  return left === right ? 0 : left ? 1 : -1;
}
