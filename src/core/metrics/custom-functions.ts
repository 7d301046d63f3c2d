/**
 * What the sheet functions =SOP_RATE, =SOP_POOLED_RATE and =SOP_ROI compute, for people building
 * their own sheets. Sheets hands a custom function a single value for one cell and a 2-D array for a
 * range; results follow the same shape. A missing input (blank, "-", text that is not a number) or
 * a zero denominator gives a blank cell, never an error.
 */
import { AppError } from '../errors';
import type { CellValue } from '../tab/spec';
import { readNumber } from './numbers';

/** One cell or a range, as Sheets passes them (dates are turned into null at the Apps Script edge). */
export type CustomArg = CellValue | CellValue[][];

/** A blank is "" — what a custom function returns to leave a cell empty. */
export type CustomScalar = number | '';
export type CustomResult = CustomScalar | CustomScalar[][];

function numberOf(cell: CellValue | undefined): number | null {
  const reading = readNumber(cell ?? null);
  return reading.ok ? reading.value : null;
}

function quotient(numerator: number | null, denominator: number | null): CustomScalar {
  if (numerator === null || denominator === null || denominator === 0) return '';
  const value = numerator / denominator;
  return Number.isFinite(value) ? value : '';
}

function shape(grid: CellValue[][]): string {
  return `${grid.length}×${grid[0]?.length ?? 0}`;
}

/** A 1×1 range is a single value. */
function unwrap(arg: CustomArg): CustomArg {
  return Array.isArray(arg) && arg.length === 1 && Array.isArray(arg[0]) && arg[0].length === 1 ? arg[0][0] : arg;
}

function sameSize(fn: string, a: CellValue[][], b: CellValue[][]): void {
  if (a.length !== b.length || a.some((row, r) => row.length !== (b[r]?.length ?? -1))) {
    throw new AppError({ code: 'metrics.fn.sizeMismatch', params: { fn, first: shape(a), second: shape(b) } });
  }
}

/** numerator ÷ denominator cell by cell; a single value pairs with every cell of a range. */
function elementwise(fn: string, numerators: CustomArg, denominators: CustomArg): CustomResult {
  const a = unwrap(numerators);
  const b = unwrap(denominators);
  if (!Array.isArray(a) && !Array.isArray(b)) return quotient(numberOf(a), numberOf(b));
  if (Array.isArray(a) && Array.isArray(b)) sameSize(fn, a, b);
  const grid = (Array.isArray(a) ? a : b) as CellValue[][];
  return grid.map((row, r) => row.map((_, c) => quotient(numberOf(Array.isArray(a) ? a[r][c] : a), numberOf(Array.isArray(b) ? b[r][c] : b))));
}

/** =SOP_RATE(part, whole): part ÷ whole, blank on a blank or zero whole (232 / 1000 → 23.2%). */
export function sopRate(part: CustomArg, whole: CustomArg): CustomResult {
  return elementwise('SOP_RATE', part, whole);
}

/** =SOP_ROI(revenue, cost): revenue ÷ cost, blank on a blank or zero cost. */
export function sopRoi(revenue: CustomArg, cost: CustomArg): CustomResult {
  return elementwise('SOP_ROI', revenue, cost);
}

/**
 * =SOP_POOLED_RATE(parts, wholes): Σ parts ÷ Σ wholes over the cells where both are numbers — the
 * total rate of several groups, never the average of their rates. Blank when nothing pairs up or
 * the wholes sum to zero.
 */
export function sopPooledRate(parts: CustomArg, wholes: CustomArg): CustomScalar {
  const a: CellValue[][] = Array.isArray(parts) ? parts : [[parts]];
  const b: CellValue[][] = Array.isArray(wholes) ? wholes : [[wholes]];
  sameSize('SOP_POOLED_RATE', a, b);
  let numerator = 0;
  let denominator = 0;
  let paired = false;
  a.forEach((row, r) =>
    row.forEach((cell, c) => {
      const part = numberOf(cell);
      const whole = numberOf(b[r][c]);
      if (part === null || whole === null) return;
      numerator += part;
      denominator += whole;
      paired = true;
    }),
  );
  return paired ? quotient(numerator, denominator) : '';
}
