/**
 * A tiny evaluator for the formulas the Gantt tab writes (AND, IF, ROUND, ISNUMBER, TODAY, comparisons
 * and arithmetic over A1 references), with spreadsheet semantics where they matter here: text
 * comparison ignores case, a blank cell is 0 in arithmetic, relative references move with the cell.
 * Tests use it to check the rules against the core's own colour function, independently of both.
 */
import type { DaySerial } from '../../../src/core/dates';
import { cellValue, columnIndex, type CellValue, type RangeRef, type TabSpec } from '../../../src/core/tab/spec';

type Value = number | string | boolean | null;
type Token = { kind: 'num' | 'str' | 'ref' | 'name' | 'op' | 'punct'; text: string };

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|"((?:[^"]|"")*)"|(\$?[A-Z]+\$?\d+)(?![A-Z(])|([A-Z]+)(?=\()|(<=|>=|<>|[=<>+\-*/])|([(),]))/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < formula.length && (m = re.exec(formula))) {
    if (m[1] !== undefined) tokens.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'str', text: m[2].replace(/""/g, '"') });
    else if (m[3] !== undefined) tokens.push({ kind: 'ref', text: m[3] });
    else if (m[4] !== undefined) tokens.push({ kind: 'name', text: m[4] });
    else if (m[5] !== undefined) tokens.push({ kind: 'op', text: m[5] });
    else tokens.push({ kind: 'punct', text: m[6] });
  }
  if (re.lastIndex !== formula.length && formula.slice(re.lastIndex).trim()) throw new Error(`cannot read formula at: ${formula.slice(re.lastIndex)}`);
  return tokens;
}

export interface EvalContext {
  spec: TabSpec;
  /** The cell the formula was written for (top-left of the rule's first range, or the cell itself). */
  anchor: { row: number; col: number };
  /** The cell it is evaluated for. */
  at: { row: number; col: number };
  today: DaySerial;
}

export function evaluate(formula: string, ctx: EvalContext): Value {
  const tokens = tokenize(formula.replace(/^=/, ''));
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const take = (text?: string): Token => {
    const token = tokens[pos++];
    if (!token || (text !== undefined && token.text !== text)) throw new Error(`expected ${text} in ${formula}`);
    return token;
  };
  const num = (v: Value): number => (v === null || v === '' ? 0 : typeof v === 'boolean' ? Number(v) : Number(v));
  const read = (ref: string): Value => {
    const m = /^(\$?)([A-Z]+)(\$?)(\d+)$/.exec(ref)!;
    const col = columnIndex(m[2]) + (m[1] ? 0 : ctx.at.col - ctx.anchor.col);
    const row = Number(m[4]) - 1 + (m[3] ? 0 : ctx.at.row - ctx.anchor.row);
    return cellValue(ctx.spec.rows[row]?.[col]) as CellValue;
  };
  const compare = (a: Value, op: string, b: Value): boolean => {
    let x: number | string;
    let y: number | string;
    if (typeof a === 'string' || typeof b === 'string') {
      x = String(a ?? '').toLowerCase();
      y = String(b ?? '').toLowerCase();
    } else {
      x = num(a);
      y = num(b);
    }
    switch (op) {
      case '=': return x === y;
      case '<>': return x !== y;
      case '<': return x < y;
      case '<=': return x <= y;
      case '>': return x > y;
      default: return x >= y;
    }
  };
  const comparison = (): Value => {
    let left = additive();
    while (peek()?.kind === 'op' && ['=', '<>', '<', '<=', '>', '>='].includes(peek()!.text)) {
      const op = take().text;
      left = compare(left, op, additive());
    }
    return left;
  };
  const additive = (): Value => {
    let left = multiplicative();
    while (peek()?.text === '+' || peek()?.text === '-') {
      const op = take().text;
      const right = multiplicative();
      left = op === '+' ? num(left) + num(right) : num(left) - num(right);
    }
    return left;
  };
  const multiplicative = (): Value => {
    let left = primary();
    while (peek()?.text === '*' || peek()?.text === '/') {
      const op = take().text;
      const right = primary();
      left = op === '*' ? num(left) * num(right) : num(left) / num(right);
    }
    return left;
  };
  const args = (): Value[] => {
    take('(');
    const list: Value[] = [];
    if (peek()?.text !== ')') {
      list.push(comparison());
      while (peek()?.text === ',') {
        take(',');
        list.push(comparison());
      }
    }
    take(')');
    return list;
  };
  const primary = (): Value => {
    const token = take();
    if (token.kind === 'num') return Number(token.text);
    if (token.kind === 'str') return token.text;
    if (token.kind === 'ref') return read(token.text);
    if (token.text === '-') return -num(primary());
    if (token.text === '(') {
      const inner = comparison();
      take(')');
      return inner;
    }
    if (token.kind === 'name') {
      const list = args();
      switch (token.text) {
        case 'AND': return list.every((v) => Boolean(v));
        case 'IF': return list[0] ? list[1] : list[2] ?? false;
        case 'ROUND': return Math.round(num(list[0]) * 10 ** num(list[1])) / 10 ** num(list[1]);
        case 'ISNUMBER': return typeof list[0] === 'number';
        case 'TODAY': return ctx.today;
        default: throw new Error(`unknown function ${token.text}`);
      }
    }
    throw new Error(`unexpected ${token.text} in ${formula}`);
  };
  const result = comparison();
  if (pos !== tokens.length) throw new Error(`trailing tokens in ${formula}`);
  return result;
}

function contains(r: RangeRef, row: number, col: number): boolean {
  return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
}

/** The background the tab's conditional formats give a cell (first matching rule wins), or null. */
export function ruleBackgroundAt(spec: TabSpec, row: number, col: number, today: DaySerial): string | null {
  for (const rule of spec.conditionalFormats ?? []) {
    if (!rule.ranges.some((r) => contains(r, row, col))) continue;
    const anchor = { row: rule.ranges[0].row, col: rule.ranges[0].col };
    if (evaluate(rule.formula, { spec, anchor, at: { row, col }, today })) return rule.style.background ?? null;
  }
  return null;
}
