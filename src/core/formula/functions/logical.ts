/** Logic and type tests: IF, IFS, CHOOSE, IFERROR, IFNA, AND, OR, NOT, IS… */
import type { FunctionSpec } from '../context';
import { mapCells } from '../broadcast';
import { FormulaError, NA, Scalar, Value, isError, isGrid, toBoolean, toCellScalar, toInteger } from '../values';
import { MANY, lazyFn, scalarFn, valuesFn, visitArguments } from './helpers';

function choose(condition: Scalar, whenTrue: Scalar, whenFalse: Scalar): Scalar {
  const truth = toBoolean(condition);
  if (isError(truth)) return truth;
  return truth ? whenTrue : whenFalse;
}

/** IFERROR and IFNA: the fallback replaces the errors `catches` accepts, cell by cell for arrays. */
function fallbackFn(catches: (error: FormulaError) => boolean): FunctionSpec {
  return lazyFn(1, 2, (args, evaluate) => {
    const value = evaluate(args[0]);
    const fallback = (): Value => (args.length > 1 ? evaluate(args[1]) : null);
    if (!isGrid(value)) return isError(value) && catches(value) ? fallback() : value;
    const alternative = fallback();
    return mapCells([value, alternative], ([v, alt]) => (isError(v) && catches(v) ? alt : v));
  });
}

/** AND/OR: booleans and numbers count; text and blanks in ranges are skipped; nothing to judge is #VALUE!. */
function logicalFold(args: Value[], combine: (truths: boolean[]) => boolean): Value {
  const truths: boolean[] = [];
  const error = visitArguments(args, (value, fromGrid) => {
    if (isError(value)) return value;
    if (typeof value === 'boolean' || typeof value === 'number') truths.push(toBoolean(value) as boolean);
    else if (!fromGrid && typeof value === 'string') {
      const truth = toBoolean(value);
      if (isError(truth)) return truth;
      truths.push(truth);
    }
    return undefined;
  });
  if (error) return error;
  if (truths.length === 0) return new FormulaError('#VALUE!', 'No logical values');
  return combine(truths);
}

export const logicalFunctions: Record<string, FunctionSpec> = {
  IF: lazyFn(2, 3, (args, evaluate) => {
    const condition = evaluate(args[0]);
    if (isGrid(condition)) {
      const whenTrue = evaluate(args[1]);
      const whenFalse = args.length > 2 ? evaluate(args[2]) : false;
      return mapCells([condition, whenTrue, whenFalse], ([c, t, f]) => choose(c, t, f));
    }
    const truth = toBoolean(condition);
    if (isError(truth)) return truth;
    if (truth) return evaluate(args[1]);
    return args.length > 2 ? evaluate(args[2]) : false;
  }),
  IFS: lazyFn(2, MANY, (args, evaluate) => {
    if (args.length % 2 !== 0) return new FormulaError('#N/A', 'IFS takes condition, value pairs');
    for (let i = 0; i < args.length; i += 2) {
      const truth = toBoolean(toCellScalar(evaluate(args[i])));
      if (isError(truth)) return truth;
      if (truth) return evaluate(args[i + 1]);
    }
    return new FormulaError('#N/A', 'No IFS condition was true');
  }),
  // CHOOSE(index, v1, v2, …): only the chosen argument is evaluated, as in Sheets.
  CHOOSE: lazyFn(2, MANY, (args, evaluate) => {
    const index = toInteger(toCellScalar(evaluate(args[0])));
    if (isError(index)) return index;
    if (index < 1 || index >= args.length) return new FormulaError('#VALUE!', 'CHOOSE index out of range');
    return evaluate(args[index]);
  }),
  IFERROR: fallbackFn(() => true),
  IFNA: fallbackFn((error) => error.code === NA.code),
  AND: valuesFn(1, MANY, (args) => logicalFold(args, (truths) => truths.every(Boolean))),
  OR: valuesFn(1, MANY, (args) => logicalFold(args, (truths) => truths.some(Boolean))),
  NOT: scalarFn(1, 1, ([value]) => {
    const truth = toBoolean(value);
    return isError(truth) ? truth : !truth;
  }),
  ISBLANK: scalarFn(1, 1, ([value]) => value === null, true),
  ISNUMBER: scalarFn(1, 1, ([value]) => typeof value === 'number', true),
  ISTEXT: scalarFn(1, 1, ([value]) => typeof value === 'string', true),
  ISLOGICAL: scalarFn(1, 1, ([value]) => typeof value === 'boolean', true),
  ISERROR: scalarFn(1, 1, ([value]) => isError(value), true),
  ISNA: scalarFn(1, 1, ([value]) => isError(value) && value.code === NA.code, true),
  TRUE: scalarFn(0, 0, () => true),
  FALSE: scalarFn(0, 0, () => false),
};
