/**
 * A tiny test-only spreadsheet evaluator for the formulas the metrics tab writes (IF, OR, AND,
 * IFERROR, ISNUMBER, SUMPRODUCT, SUM, COUNT, ABS, arithmetic, comparisons), with Sheets semantics:
 * a blank cell equals "" and 0, text in SUMPRODUCT's value ranges counts as 0, x/0 is an error.
 */
import { cellValue, columnIndex, isFormulaCell, type Cell, type TabSpec } from '../../../src/core/tab/spec';

class FormulaError {
  constructor(readonly code: string) {}
}
type Scalar = number | string | boolean | null | FormulaError;
type Value = Scalar | Scalar[];

type Node =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'ref'; row: number; col: number }
  | { t: 'range'; row: number; col: number; rows: number; cols: number }
  | { t: 'call'; name: string; args: Node[] }
  | { t: 'neg'; arg: Node }
  | { t: 'bin'; op: string; left: Node; right: Node };

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s*("(?:[^"]|"")*"|\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|[A-Z]+(?=\()|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|<>|<=|>=|[-+*/=<>(),&])/y;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new Error(`cannot tokenize at ${pos}: ${text}`);
    tokens.push(m[1]);
    pos = re.lastIndex;
    while (pos < text.length && text[pos] === ' ') pos++;
  }
  return tokens;
}

function parseRef(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref) as RegExpExecArray;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

export function parseFormula(formula: string): Node {
  const tokens = tokenize(formula.replace(/^=/, ''));
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const take = (expected?: string): string => {
    const token = tokens[i++];
    if (expected !== undefined && token !== expected) throw new Error(`expected ${expected}, got ${token} in ${formula}`);
    return token;
  };
  const comparison = (): Node => {
    let left = additive();
    while (['=', '<>', '<', '>', '<=', '>='].includes(peek() ?? '')) left = { t: 'bin', op: take(), left, right: additive() };
    return left;
  };
  const additive = (): Node => {
    let left = multiplicative();
    while (peek() === '+' || peek() === '-') left = { t: 'bin', op: take(), left, right: multiplicative() };
    return left;
  };
  const multiplicative = (): Node => {
    let left = unary();
    while (peek() === '*' || peek() === '/') left = { t: 'bin', op: take(), left, right: unary() };
    return left;
  };
  const unary = (): Node => (peek() === '-' ? (take(), { t: 'neg', arg: unary() }) : primary());
  const primary = (): Node => {
    const token = take();
    if (token === '(') {
      const inner = comparison();
      take(')');
      return inner;
    }
    if (token.startsWith('"')) return { t: 'str', v: token.slice(1, -1).replace(/""/g, '"') };
    if (/^\d/.test(token)) return { t: 'num', v: Number(token) };
    if (token.includes(':')) {
      const [a, b] = token.split(':').map(parseRef);
      return { t: 'range', row: a.row, col: a.col, rows: b.row - a.row + 1, cols: b.col - a.col + 1 };
    }
    if (/^\$?[A-Z]+\$?\d+$/.test(token)) return { t: 'ref', ...parseRef(token) };
    take('(');
    const args: Node[] = [];
    if (peek() !== ')') {
      args.push(comparison());
      while (peek() === ',') {
        take(',');
        args.push(comparison());
      }
    }
    take(')');
    return { t: 'call', name: token, args };
  };
  const node = comparison();
  if (i !== tokens.length) throw new Error(`trailing tokens in ${formula}`);
  return node;
}

const isError = (v: unknown): v is FormulaError => v instanceof FormulaError;

function toNumber(v: Scalar): number | FormulaError {
  if (isError(v)) return v;
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  return new FormulaError('#VALUE!');
}

function truthy(v: Scalar): boolean | FormulaError {
  if (isError(v)) return v;
  const n = typeof v === 'string' ? new FormulaError('#VALUE!') : toNumber(v);
  return isError(n) ? n : n !== 0;
}

function compare(op: string, a: Scalar, b: Scalar): Scalar {
  if (isError(a)) return a;
  if (isError(b)) return b;
  // A blank cell is "" next to text and 0 next to a number.
  const left = a === null ? (typeof b === 'string' ? '' : 0) : a;
  const right = b === null ? (typeof a === 'string' ? '' : 0) : b;
  let order: number;
  if (typeof left === 'number' && typeof right === 'number') order = left - right;
  else if (typeof left === 'string' && typeof right === 'string') order = left.toLowerCase() < right.toLowerCase() ? -1 : left.toLowerCase() > right.toLowerCase() ? 1 : 0;
  else if (typeof left === 'boolean' && typeof right === 'boolean') order = Number(left) - Number(right);
  else order = typeof left === 'number' ? -1 : typeof left === 'string' ? (typeof right === 'number' ? 1 : -1) : 1;
  switch (op) {
    case '=': return order === 0;
    case '<>': return order !== 0;
    case '<': return order < 0;
    case '>': return order > 0;
    case '<=': return order <= 0;
    default: return order >= 0;
  }
}

function arith(op: string, a: Scalar, b: Scalar): Scalar {
  const x = toNumber(a);
  const y = toNumber(b);
  if (isError(x)) return x;
  if (isError(y)) return y;
  switch (op) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    default: return y === 0 ? new FormulaError('#DIV/0!') : x / y;
  }
}

function elementwise(a: Value, b: Value, fn: (x: Scalar, y: Scalar) => Scalar): Value {
  if (!Array.isArray(a) && !Array.isArray(b)) return fn(a, b);
  const length = Array.isArray(a) ? a.length : (b as Scalar[]).length;
  return Array.from({ length }, (_, i) => fn(Array.isArray(a) ? a[i] : a, Array.isArray(b) ? b[i] : b));
}

const scalar = (v: Value): Scalar => (Array.isArray(v) ? new FormulaError('#VALUE!') : v);
const flat = (v: Value): Scalar[] => (Array.isArray(v) ? v : [v]);

export class TabEvaluator {
  private readonly cache = new Map<string, Scalar>();
  constructor(private readonly spec: TabSpec) {}

  cell(row: number, col: number): Scalar {
    const key = `${row},${col}`;
    if (this.cache.has(key)) return this.cache.get(key) as Scalar;
    const cell: Cell | undefined = this.spec.rows[row]?.[col];
    const value: Scalar = isFormulaCell(cell) ? scalar(this.evaluate(parseFormula(cell.formula))) : cellValue(cell);
    this.cache.set(key, value);
    return value;
  }

  private evaluate(node: Node): Value {
    switch (node.t) {
      case 'num':
      case 'str':
        return node.v;
      case 'ref':
        return this.cell(node.row, node.col);
      case 'range': {
        const out: Scalar[] = [];
        for (let r = node.row; r < node.row + node.rows; r++) for (let c = node.col; c < node.col + node.cols; c++) out.push(this.cell(r, c));
        return out;
      }
      case 'neg':
        return elementwise(this.evaluate(node.arg), 0, (x) => arith('-', 0, x));
      case 'bin': {
        const left = this.evaluate(node.left);
        const right = this.evaluate(node.right);
        return ['+', '-', '*', '/'].includes(node.op) ? elementwise(left, right, (x, y) => arith(node.op, x, y)) : elementwise(left, right, (x, y) => compare(node.op, x, y));
      }
      case 'call':
        return this.call(node.name, node.args);
    }
  }

  private call(name: string, args: Node[]): Value {
    switch (name) {
      case 'IF': {
        const condition = truthy(scalar(this.evaluate(args[0])));
        if (isError(condition)) return condition;
        return condition ? this.evaluate(args[1]) : args[2] ? this.evaluate(args[2]) : false;
      }
      case 'OR':
      case 'AND': {
        const values = args.map((a) => truthy(scalar(this.evaluate(a))));
        const error = values.find(isError);
        if (error) return error;
        return name === 'OR' ? values.some(Boolean) : values.every(Boolean);
      }
      case 'IFERROR': {
        const value = this.evaluate(args[0]);
        return isError(value) ? this.evaluate(args[1]) : value;
      }
      case 'ISNUMBER':
        return elementwise(this.evaluate(args[0]), 0, (x) => typeof x === 'number');
      case 'ABS': {
        const n = toNumber(scalar(this.evaluate(args[0])));
        return isError(n) ? n : Math.abs(n);
      }
      case 'SUM':
      case 'COUNT': {
        const numbers = args.flatMap((a) => flat(this.evaluate(a))).filter((v): v is number => typeof v === 'number');
        return name === 'SUM' ? numbers.reduce((s, n) => s + n, 0) : numbers.length;
      }
      case 'SUMPRODUCT': {
        const arrays = args.map((a) => flat(this.evaluate(a)));
        const error = arrays.flat().find(isError);
        if (error) return error;
        let sum = 0;
        for (let i = 0; i < arrays[0].length; i++) {
          let product = 1;
          for (const array of arrays) product *= typeof array[i] === 'number' ? (array[i] as number) : 0;
          sum += product;
        }
        return sum;
      }
      default:
        throw new Error(`function ${name} is not supported by the test evaluator`);
    }
  }
}

/** The value a formula shows, with "" (a blank result) as null and errors as their code. */
export function shown(value: Scalar): number | string | boolean | null {
  if (value instanceof FormulaError) return value.code;
  return value === '' ? null : value;
}
