/** Lookup and position: INDEX, MATCH, VLOOKUP, ROW, COLUMN, ROWS, COLUMNS. */
import type { FunctionSpec } from '../context';
import { lookupMatcher } from '../criteria';
import { ArrayValue, FormulaError, Grid, RangeValue, Scalar, Value, asGrid, compareScalars, isError, isGrid, toBoolean, toInteger, topLeft } from '../values';
import { lazyFn, valuesFn } from './helpers';

/** Part of a grid; a single cell comes back as its value. */
function subGrid(grid: Grid, top: number, left: number, height: number, width: number): Value {
  if (height === 1 && width === 1) return grid.get(top, left);
  if (grid instanceof RangeValue) return new RangeValue(grid.reader, grid.top + top, grid.left + left, height, width);
  const rows: Scalar[][] = [];
  for (let r = 0; r < height; r++) {
    const row: Scalar[] = [];
    for (let c = 0; c < width; c++) row.push(grid.get(top + r, left + c));
    rows.push(row);
  }
  return new ArrayValue(rows);
}

/**
 * Position (0-based) of `lookup` in a list. Exact: first equal value. Approximate (sorted lists):
 * the last value not greater (ascending) or not smaller (descending) than the lookup, of the same type.
 */
function findPosition(lookup: Exclude<Scalar, FormulaError>, length: number, at: (i: number) => Scalar, mode: 0 | 1 | -1): number {
  if (mode === 0) {
    const matches = lookupMatcher(lookup);
    for (let i = 0; i < length; i++) if (matches(at(i))) return i;
    return -1;
  }
  let found = -1;
  for (let i = 0; i < length; i++) {
    const value = at(i);
    if (value === null || isError(value) || typeof value !== typeof lookup) continue;
    const diff = compareScalars(value, lookup);
    if (mode === 1 ? diff > 0 : diff < 0) break;
    found = i;
  }
  return found;
}

function notFound(lookup: Scalar): FormulaError {
  return new FormulaError('#N/A', `Did not find ${String(lookup)}`);
}

/**
 * ROW(A5) / COLUMN(C1): where the reference points, after relative shifting; without an argument, the
 * formula's cell. A reference to several rows (columns) gives an array of their numbers, as Sheets and
 * LibreOffice do where arrays are taken (inside SUMPRODUCT); a cell shows the first. Only the
 * reference's position matters, so its cells are never read: ROW(A1:A9) may sit inside A1:A9.
 */
function positionFn(axis: 'row' | 'col'): FunctionSpec {
  return lazyFn(0, 1, (args, evaluate, ctx) => {
    if (args.length === 0) return (axis === 'row' ? ctx.row : ctx.col) + 1;
    const node = args[0];
    if (node.type === 'ref') {
      const start = axis === 'row' ? node.startRow : node.startCol;
      const end = axis === 'row' ? node.endRow : node.endCol;
      const offset = axis === 'row' ? ctx.rowOffset : ctx.colOffset;
      const shift = (index: number, absolute: boolean): number => (absolute ? index : index + offset);
      const first = start === null ? 0 : shift(start, axis === 'row' ? node.startRowAbsolute : node.startColAbsolute);
      if (!node.isRange) return first < 0 ? new FormulaError('#REF!') : first + 1;
      let last: number;
      if (end === null) {
        // An open side (A:A, A2:A, 2:3 for COLUMN) runs to the sheet's last row or column with data.
        const sheet = ctx.sheet(node.sheet);
        if (!sheet) return new FormulaError('#REF!', `Unresolved sheet name ${node.sheet}`);
        last = Math.max(first, (axis === 'row' ? sheet.height : sheet.width) - 1);
      } else {
        last = shift(end, axis === 'row' ? node.endRowAbsolute : node.endColAbsolute);
      }
      if (first < 0 || last < 0) return new FormulaError('#REF!');
      return positions(Math.min(first, last), Math.max(first, last), axis);
    }
    const value = evaluate(node);
    if (value instanceof RangeValue) {
      const first = axis === 'row' ? value.top : value.left;
      return positions(first, first + Math.max(1, axis === 'row' ? value.height : value.width) - 1, axis);
    }
    return isError(value) ? value : new FormulaError('#VALUE!', `${axis === 'row' ? 'ROW' : 'COLUMN'} needs a reference`);
  });
}

/** 1-based numbers of rows (a column array) or columns (a row array) first…last, 0-based; one number alone. */
function positions(first: number, last: number, axis: 'row' | 'col'): Value {
  if (first === last) return first + 1;
  const numbers: Scalar[] = [];
  for (let i = first; i <= last; i++) numbers.push(i + 1);
  return new ArrayValue(axis === 'row' ? numbers.map((n) => [n]) : [numbers]);
}

export const lookupFunctions: Record<string, FunctionSpec> = {
  INDEX: valuesFn(2, 3, ([source, rowArg, colArg]) => {
    const grid = asGrid(source);
    let row = toInteger(topLeft(rowArg));
    if (isError(row)) return row;
    let col: number | FormulaError = colArg === undefined ? (grid.width === 1 ? 1 : 0) : toInteger(topLeft(colArg));
    if (isError(col)) return col;
    if (colArg === undefined && grid.height === 1 && grid.width > 1) [row, col] = [1, row];
    if (row < 0 || col < 0) return new FormulaError('#VALUE!', 'INDEX position below 0');
    if (row > grid.height || col > grid.width) return new FormulaError('#REF!', 'INDEX position outside the range');
    const top = row === 0 ? 0 : row - 1;
    const left = col === 0 ? 0 : col - 1;
    return subGrid(grid, top, left, row === 0 ? grid.height : 1, col === 0 ? grid.width : 1);
  }),
  MATCH: valuesFn(2, 3, ([lookupArg, source, typeArg]) => {
    const lookup = topLeft(lookupArg);
    if (isError(lookup)) return lookup;
    const grid = asGrid(source);
    if (grid.height > 1 && grid.width > 1) return new FormulaError('#N/A', 'MATCH needs a single row or column');
    const type = typeArg === undefined ? 1 : toInteger(topLeft(typeArg));
    if (isError(type)) return type;
    const mode = type === 0 ? 0 : type > 0 ? 1 : -1;
    const vertical = grid.width === 1;
    const length = vertical ? grid.height : grid.width;
    const index = findPosition(lookup, length, (i) => (vertical ? grid.get(i, 0) : grid.get(0, i)), mode);
    return index < 0 ? notFound(lookup) : index + 1;
  }),
  VLOOKUP: valuesFn(3, 4, ([lookupArg, source, indexArg, sortedArg]) => {
    const lookup = topLeft(lookupArg);
    if (isError(lookup)) return lookup;
    const grid = asGrid(source);
    const column = toInteger(topLeft(indexArg));
    if (isError(column)) return column;
    if (column < 1) return new FormulaError('#VALUE!', 'VLOOKUP column below 1');
    if (column > grid.width) return new FormulaError('#REF!', 'VLOOKUP column outside the range');
    const sorted = sortedArg === undefined ? true : toBoolean(topLeft(sortedArg));
    if (isError(sorted)) return sorted;
    const row = findPosition(lookup, grid.height, (i) => grid.get(i, 0), sorted ? 1 : 0);
    return row < 0 ? notFound(lookup) : grid.get(row, column - 1);
  }),
  ROW: positionFn('row'),
  COLUMN: positionFn('col'),
  ROWS: valuesFn(1, 1, ([source]) => (isGrid(source) ? source.height : 1)),
  COLUMNS: valuesFn(1, 1, ([source]) => (isGrid(source) ? source.width : 1)),
};
