/** Building blocks shared by the built-in functions. */
import type { Ast } from '../ast';
import type { EvalContext, Evaluate, FunctionSpec } from '../context';
import { FormulaError, Scalar, Value, isError, isGrid, toNumber } from '../values';

export const MANY = Number.POSITIVE_INFINITY;

export function scalarFn(min: number, max: number, call: (args: Scalar[], ctx: EvalContext) => Scalar, acceptsErrors = false): FunctionSpec {
  return { kind: 'scalar', min, max, call, acceptsErrors };
}

export function valuesFn(min: number, max: number, call: (args: Value[], ctx: EvalContext) => Value): FunctionSpec {
  return { kind: 'values', min, max, call };
}

export function lazyFn(min: number, max: number, call: (args: Ast[], evaluate: Evaluate, ctx: EvalContext) => Value): FunctionSpec {
  return { kind: 'lazy', min, max, call };
}

/**
 * Visits every value of the arguments: cells of ranges and arrays with `fromGrid` true, values
 * typed as arguments with `fromGrid` false (SUM and friends treat the two differently).
 * Stops and returns the error when the visitor returns one.
 */
export function visitArguments(args: Value[], visit: (value: Scalar, fromGrid: boolean) => FormulaError | void): FormulaError | undefined {
  for (const arg of args) {
    if (isGrid(arg)) {
      for (let r = 0; r < arg.height; r++) {
        for (let c = 0; c < arg.width; c++) {
          const stop = visit(arg.get(r, c), true);
          if (stop) return stop;
        }
      }
    } else {
      const stop = visit(arg, false);
      if (stop) return stop;
    }
  }
  return undefined;
}

/**
 * The numbers SUM, AVERAGE, MIN and MAX work on: numbers in ranges (text, booleans and blanks
 * there are skipped), and typed arguments coerced (TRUE is 1, "3" is 3, "abc" is #VALUE!).
 * The first error met is returned instead.
 */
export function numbersOf(args: Value[]): number[] | FormulaError {
  const numbers: number[] = [];
  const error = visitArguments(args, (value, fromGrid) => {
    if (isError(value)) return value;
    if (typeof value === 'number') numbers.push(value);
    else if (!fromGrid && value !== null) {
      const n = toNumber(value);
      if (isError(n)) return n;
      numbers.push(n);
    }
    return undefined;
  });
  return error ?? numbers;
}
