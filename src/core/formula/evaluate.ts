/** Evaluates a parsed formula against an EvalContext, with Sheets' coercions and error propagation. */
import type { Ast, BinaryOperator, RefNode } from './ast';
import type { EvalContext } from './context';
import { mapCells } from './broadcast';
import { FUNCTIONS } from './functions';
import { isRepeated } from './shared';
import { ArrayValue, DIV0, FormulaError, NUM, REF, RangeValue, Scalar, Value, compareScalars, isError, isGrid, toCellScalar, toNumber, toText } from './values';

/**
 * Values of the formula's repeated sub-expressions (shared.ts) while one formula is evaluated for
 * one cell: they depend on nothing else that changes during that evaluation.
 */
let remembered: Map<Ast, Value> | null = null;

/** The value a cell would show for this formula (arrays give their top-left cell). */
export function evaluate(ast: Ast, ctx: EvalContext): Scalar {
  const outer = remembered;
  remembered = null;
  try {
    return toCellScalar(evaluateNode(ast, ctx));
  } finally {
    remembered = outer;
  }
}

/** Like evaluate, but keeps ranges and arrays as they are. */
function evaluateNode(node: Ast, ctx: EvalContext): Value {
  if (!isRepeated(node)) return evaluateOnce(node, ctx);
  remembered ??= new Map();
  const known = remembered.get(node);
  if (known !== undefined) return known;
  const value = evaluateOnce(node, ctx);
  remembered.set(node, value);
  return value;
}

function evaluateOnce(node: Ast, ctx: EvalContext): Value {
  switch (node.type) {
    case 'number':
    case 'string':
    case 'boolean':
      return node.value;
    case 'error':
      return new FormulaError(node.code);
    case 'missing':
      return null;
    case 'name':
      return new FormulaError('#NAME?', `Unknown name ${node.name}`);
    case 'ref':
      return resolveReference(node, ctx);
    case 'unary': {
      const operand = evaluateNode(node.operand, ctx);
      const op = node.operator;
      return mapCells([operand], (scalars) => unaryScalar(op, scalars[0]));
    }
    case 'binary': {
      const left = evaluateNode(node.left, ctx);
      const right = evaluateNode(node.right, ctx);
      const op = node.operator;
      if (!isGrid(left) && !isGrid(right)) return binaryScalar(op, left, right);
      // Indexing rather than destructuring: this runs once per cell of every array operation.
      return mapCells([left, right], (scalars) => binaryScalar(op, scalars[0], scalars[1]));
    }
    case 'call':
      return callFunction(node.name, node.args, ctx);
    case 'array':
      return new ArrayValue(node.rows.map((row) => row.map((item) => toCellScalar(evaluateNode(item, ctx)))));
  }
}

function callFunction(name: string, args: Ast[], ctx: EvalContext): Value {
  const fn = FUNCTIONS[name];
  if (!fn) return new FormulaError('#NAME?', `Unknown function ${name}`);
  if (args.length < fn.min || args.length > fn.max) {
    return new FormulaError('#N/A', `Wrong number of arguments to ${name}: ${args.length}`);
  }
  if (fn.kind === 'lazy') return fn.call(args, (node) => evaluateNode(node, ctx), ctx);
  if (fn.kind === 'values') {
    // A reference stays a reference, even to one cell: SUM(A1) skips text in A1 as SUM(A1:A2) would.
    return fn.call(
      args.map((arg) => (arg.type === 'ref' ? resolveReference(arg, ctx, true) : evaluateNode(arg, ctx))),
      ctx,
    );
  }
  const values = args.map((arg) => evaluateNode(arg, ctx));
  return mapCells(values, (scalars) => {
    if (!fn.acceptsErrors) for (const value of scalars) if (isError(value)) return value;
    return fn.call(scalars, ctx);
  });
}

function unaryScalar(op: '-' | '+' | '%', value: Scalar): Scalar {
  if (op === '+') return value;
  const n = toNumber(value);
  if (isError(n)) return n;
  return op === '-' ? -n : n / 100;
}

function binaryScalar(op: BinaryOperator, a: Scalar, b: Scalar): Scalar {
  if (isError(a)) return a;
  if (isError(b)) return b;
  switch (op) {
    case '&':
      return (toText(a) as string) + (toText(b) as string);
    case '=':
      return compareScalars(a, b) === 0;
    case '<>':
      return compareScalars(a, b) !== 0;
    case '<':
      return compareScalars(a, b) < 0;
    case '>':
      return compareScalars(a, b) > 0;
    case '<=':
      return compareScalars(a, b) <= 0;
    case '>=':
      return compareScalars(a, b) >= 0;
  }
  const x = toNumber(a);
  if (isError(x)) return x;
  const y = toNumber(b);
  if (isError(y)) return y;
  let result: number;
  switch (op) {
    case '+':
      result = x + y;
      break;
    case '-':
      result = x - y;
      break;
    case '*':
      result = x * y;
      break;
    case '/':
      if (y === 0) return DIV0;
      result = x / y;
      break;
    case '^':
      result = Math.pow(x, y);
      break;
  }
  return Number.isFinite(result) ? result : NUM;
}

function shifted(index: number | null, absolute: boolean, offset: number): number | null {
  return index === null || absolute ? index : index + offset;
}

/** A single cell gives its value (unless asRange); a range gives a RangeValue over the cells it names. */
export function resolveReference(node: RefNode, ctx: EvalContext, asRange = false): Value {
  const reader = ctx.sheet(node.sheet);
  if (!reader) return new FormulaError('#REF!', `Unresolved sheet name ${node.sheet}`);
  const r1 = shifted(node.startRow, node.startRowAbsolute, ctx.rowOffset);
  const c1 = shifted(node.startCol, node.startColAbsolute, ctx.colOffset);
  if ((r1 !== null && r1 < 0) || (c1 !== null && c1 < 0)) return REF;
  if (!node.isRange) {
    if (!asRange) return reader.get(r1!, c1!);
    reader.prepareRange?.(r1!, c1!, 1, 1);
    return new RangeValue(reader, r1!, c1!, 1, 1);
  }
  const r2 = shifted(node.endRow, node.endRowAbsolute, ctx.rowOffset);
  const c2 = shifted(node.endCol, node.endColAbsolute, ctx.colOffset);
  if ((r2 !== null && r2 < 0) || (c2 !== null && c2 < 0)) return REF;
  const [top, bottom] = span(r1, r2, reader.height);
  const [left, right] = span(c1, c2, reader.width);
  const height = Math.max(0, bottom - top + 1);
  const width = Math.max(0, right - left + 1);
  reader.prepareRange?.(top, left, height, width);
  return new RangeValue(reader, top, left, height, width);
}

/** First and last index of one side of a range; an open end runs to the last row or column holding data. */
function span(start: number | null, end: number | null, size: number): [number, number] {
  const first = start ?? 0;
  if (end === null) return [first, size - 1];
  return first <= end ? [first, end] : [end, first];
}
