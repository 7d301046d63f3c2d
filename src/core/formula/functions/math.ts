/** Arithmetic and aggregation: SUM, SUMIF(S), SUMPRODUCT, COUNT…, AVERAGE, MIN, MAX, SMALL, LARGE, ROUND, MOD… */
import { compileCriterion } from '../criteria';
import { roundHalfAway } from '../number-format';
import { DIV0, FormulaError, Grid, NUM, RangeValue, Scalar, Value, asGrid, isError, toNumber, topLeft } from '../values';
import type { FunctionSpec } from '../context';
import { MANY, numbersOf, scalarFn, valuesFn, visitArguments } from './helpers';

/** SUMIF's sum range takes the shape of the criteria range, anchored at its own top-left cell, as in Sheets. */
function reshaped(grid: Grid, height: number, width: number): Grid {
  if (grid.height === height && grid.width === width) return grid;
  if (grid instanceof RangeValue) return new RangeValue(grid.reader, grid.top, grid.left, height, width);
  return { height, width, get: (r, c) => (r < grid.height && c < grid.width ? grid.get(r, c) : null) };
}

/** Criteria pairs (range, criterion) of COUNTIFS/SUMIFS, all ranges of one shape; calls fn for each matching cell. */
function forEachMatch(
  pairs: Value[],
  shape: { height: number; width: number },
  fn: (row: number, col: number) => FormulaError | void,
): FormulaError | undefined {
  const ranges: Grid[] = [];
  const matchers = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const range = asGrid(pairs[i]);
    if (range.height !== shape.height || range.width !== shape.width) return new FormulaError('#VALUE!', 'Criteria ranges differ in size');
    const criterion = topLeft(pairs[i + 1]);
    if (isError(criterion)) return criterion;
    ranges.push(range);
    matchers.push(compileCriterion(criterion));
  }
  for (let r = 0; r < shape.height; r++) {
    for (let c = 0; c < shape.width; c++) {
      let all = true;
      for (let k = 0; k < ranges.length && all; k++) all = matchers[k](ranges[k].get(r, c));
      if (all) {
        const stop = fn(r, c);
        if (stop) return stop;
      }
    }
  }
  return undefined;
}

function sumMatches(sumRange: Grid, pairs: Value[]): Value {
  let total = 0;
  const error = forEachMatch(pairs, sumRange, (r, c) => {
    const value = sumRange.get(r, c);
    if (isError(value)) return value;
    if (typeof value === 'number') total += value;
    return undefined;
  });
  return error ?? total;
}

function countMatches(pairs: Value[]): Value {
  if (pairs.length % 2 !== 0) return new FormulaError('#N/A', 'Criteria come in range, criterion pairs');
  let count = 0;
  const error = forEachMatch(pairs, asGrid(pairs[0]), () => {
    count++;
  });
  return error ?? count;
}

/**
 * SMALL / LARGE: the k-th smallest or largest number. Numbers only: text, booleans and blanks in a
 * range or array are skipped (numbersOf), an error among them is the result, and k outside 1…count
 * is #NUM!. A fractional k rounds up, as in Excel and LibreOffice.
 */
function rankFn(order: 'small' | 'large'): FunctionSpec {
  return valuesFn(2, 2, ([source, kArg]) => {
    const numbers = numbersOf([source]);
    if (isError(numbers)) return numbers;
    const k = toNumber(topLeft(kArg));
    if (isError(k)) return k;
    const position = Math.ceil(k);
    if (position < 1 || position > numbers.length) return new FormulaError('#NUM!', `k = ${k} outside 1…${numbers.length}`);
    const sorted = [...numbers].sort(order === 'small' ? (a, b) => a - b : (a, b) => b - a);
    return sorted[position - 1];
  });
}

function roundFn(mode: 'half' | 'up' | 'down'): FunctionSpec {
  return scalarFn(1, 2, ([value, places]) => {
    const x = toNumber(value);
    if (isError(x)) return x;
    const p = places === undefined ? 0 : toNumber(places);
    if (isError(p)) return p;
    const digits = Math.trunc(p);
    if (mode === 'half') return roundHalfAway(x, digits);
    const factor = Math.pow(10, digits);
    const scaled = Number((Math.abs(x) * factor).toPrecision(15));
    const rounded = mode === 'up' ? Math.ceil(scaled) : Math.floor(scaled);
    return Number(((Math.sign(x) * rounded) / factor).toPrecision(15));
  });
}

function numericFn(fn: (x: number) => number): FunctionSpec {
  return scalarFn(1, 1, ([value]) => {
    const x = toNumber(value);
    return isError(x) ? x : fn(x);
  });
}

export const mathFunctions: Record<string, FunctionSpec> = {
  SUM: valuesFn(1, MANY, (args) => {
    const numbers = numbersOf(args);
    if (isError(numbers)) return numbers;
    let total = 0;
    for (const n of numbers) total += n;
    return total;
  }),
  AVERAGE: valuesFn(1, MANY, (args) => {
    const numbers = numbersOf(args);
    if (isError(numbers)) return numbers;
    if (numbers.length === 0) return new FormulaError('#DIV/0!', 'AVERAGE of no numbers');
    let total = 0;
    for (const n of numbers) total += n;
    return total / numbers.length;
  }),
  MIN: valuesFn(1, MANY, (args) => {
    const numbers = numbersOf(args);
    if (isError(numbers)) return numbers;
    return numbers.length ? numbers.reduce((a, b) => (b < a ? b : a)) : 0;
  }),
  MAX: valuesFn(1, MANY, (args) => {
    const numbers = numbersOf(args);
    if (isError(numbers)) return numbers;
    return numbers.length ? numbers.reduce((a, b) => (b > a ? b : a)) : 0;
  }),
  COUNT: valuesFn(1, MANY, (args) => {
    let count = 0;
    visitArguments(args, (value, fromGrid) => {
      if (typeof value === 'number' || (!fromGrid && value !== null && !isError(value) && !isError(toNumber(value)))) count++;
    });
    return count;
  }),
  COUNTA: valuesFn(1, MANY, (args) => {
    let count = 0;
    visitArguments(args, (value) => {
      if (value !== null) count++;
    });
    return count;
  }),
  COUNTBLANK: valuesFn(1, 1, ([range]) => {
    let count = 0;
    visitArguments([asGrid(range)], (value) => {
      if (value === null || value === '') count++;
    });
    return count;
  }),
  COUNTIF: valuesFn(2, 2, (args) => countMatches(args)),
  COUNTIFS: valuesFn(2, MANY, (args) => countMatches(args)),
  SUMIF: valuesFn(2, 3, ([range, criterion, sumRange]) => {
    const criteriaRange = asGrid(range);
    const summed = sumRange === undefined ? criteriaRange : reshaped(asGrid(sumRange), criteriaRange.height, criteriaRange.width);
    return sumMatches(summed, [criteriaRange, criterion]);
  }),
  SUMIFS: valuesFn(3, MANY, ([sumRange, ...pairs]) => {
    if (pairs.length % 2 !== 0) return new FormulaError('#N/A', 'Criteria come in range, criterion pairs');
    return sumMatches(asGrid(sumRange), pairs);
  }),
  SUMPRODUCT: valuesFn(1, MANY, (args) => {
    const grids = args.map(asGrid);
    const { height, width } = grids[0];
    if (grids.some((g) => g.height !== height || g.width !== width)) return new FormulaError('#VALUE!', 'SUMPRODUCT ranges differ in size');
    let total = 0;
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        let product = 1;
        for (const grid of grids) {
          const value: Scalar = grid.get(r, c);
          if (isError(value)) return value;
          product *= typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : 0;
        }
        total += product;
      }
    }
    return total;
  }),
  SMALL: rankFn('small'),
  LARGE: rankFn('large'),
  ROUND: roundFn('half'),
  ROUNDUP: roundFn('up'),
  ROUNDDOWN: roundFn('down'),
  ABS: numericFn(Math.abs),
  INT: numericFn(Math.floor),
  MOD: scalarFn(2, 2, ([a, b]) => {
    const x = toNumber(a);
    if (isError(x)) return x;
    const y = toNumber(b);
    if (isError(y)) return y;
    if (y === 0) return DIV0;
    const result = x - y * Math.floor(x / y);
    return Number.isFinite(result) ? Number(result.toPrecision(15)) : NUM;
  }),
};
