/**
 * Parser for the Sheets formula subset our tabs use. Precedence, lowest first:
 * comparison (= <> < > <= >=), &, + -, * /, ^ (left-associative), unary - +, postfix %.
 * Unary minus binds tighter than ^, so -2^2 is 4, as in Sheets.
 * A formula nests at most MAX_FORMULA_DEPTH levels (see there).
 */
import { columnIndex } from '../tab/spec';
import type { Ast, BinaryOperator, RefNode } from './ast';
import { shareRepeats } from './shared';
import { ERROR_CODES, ErrorCode } from './values';

export class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly formula: string,
    /** 0-based offset in the formula text where reading failed. */
    readonly position: number,
  ) {
    super(`${message} at position ${position} in ${formula}`);
    this.name = 'FormulaSyntaxError';
  }
}

/**
 * How deeply a formula may nest. Every bracket, function call, array, sign and chained operator
 * opens one level ("=-(A1+B1+C1)" has four); a formula deeper than this is refused as a syntax
 * error. The parser, the repeat sharing and the evaluator all recurse along the tree, so without a
 * bound a pasted "=((((…" 50,000 brackets deep overflowed the stack and broke every later
 * recalculation. 500 is far above what a person writes (Excel stops at 64 nested functions; our
 * own tabs nest 23 levels at most) and far below what overflows the stack (evaluating 1,000 levels
 * of any built-in function still leaves room for thousands of frames).
 */
export const MAX_FORMULA_DEPTH = 500;

/** A formula nested deeper than MAX_FORMULA_DEPTH; position is where the level past the limit opens. */
export class FormulaTooDeepError extends FormulaSyntaxError {
  readonly limit = MAX_FORMULA_DEPTH;
  constructor(formula: string, position: number) {
    super(`Nested deeper than ${MAX_FORMULA_DEPTH} levels`, formula, position);
    this.name = 'FormulaTooDeepError';
  }
}

type Token =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'ref'; ref: RefNode; pos: number }
  | { kind: 'sheet'; name: string; pos: number }
  | { kind: 'word'; name: string; pos: number }
  | { kind: 'error'; code: ErrorCode; pos: number }
  | { kind: 'op'; value: string; pos: number }
  | { kind: 'end'; pos: number };

const OPERATORS = new Set(['<=', '>=', '<>', '+', '-', '*', '/', '^', '&', '=', '<', '>', '%', '(', ')', ',', ';', '{', '}']);
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const UNICODE_WORD_CHAR = /[\p{L}\p{N}]/u;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isAsciiLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** Letters, digits, _ and . continue a word (function names, sheet names, named ranges). */
function isWordChar(text: string, pos: number): boolean {
  const code = text.charCodeAt(pos);
  if (isAsciiLetter(code) || isDigit(code) || code === 95 || code === 46) return true;
  return code > 127 && UNICODE_WORD_CHAR.test(text[pos]);
}

interface RefEnd {
  end: number; // offset after this end
  row: number | null;
  col: number | null;
  rowAbsolute: boolean;
  colAbsolute: boolean;
}

/** One side of a reference at pos: $A$1, A1, A, $A, 5, $5; null when there is none. */
function scanRefEnd(text: string, pos: number): RefEnd | null {
  let at = pos;
  const colAbsolute = text.charCodeAt(at) === 36;
  if (colAbsolute) at++;
  const lettersStart = at;
  while (at - lettersStart < 3 && isAsciiLetter(text.charCodeAt(at))) at++;
  const letters = text.slice(lettersStart, at);
  const dollarBeforeRow = text.charCodeAt(at) === 36;
  const digitsStart = dollarBeforeRow ? at + 1 : at;
  let digitsEnd = digitsStart;
  while (isDigit(text.charCodeAt(digitsEnd))) digitsEnd++;
  const digits = text.slice(digitsStart, digitsEnd);
  if (letters === '') {
    // A row alone ("5", "$5"): the first "$" belongs to the row.
    if (digits === '' || dollarBeforeRow) return null;
    return { end: digitsEnd, row: Number(digits) - 1, col: null, rowAbsolute: colAbsolute, colAbsolute: false };
  }
  if (digits === '') return dollarBeforeRow ? null : { end: at, row: null, col: columnIndex(letters), rowAbsolute: false, colAbsolute };
  return { end: digitsEnd, row: Number(digits) - 1, col: columnIndex(letters), rowAbsolute: dollarBeforeRow, colAbsolute };
}

/** A reference ("A1", "$B$2", "A2:A", "A:C", "2:5") at pos, with where it ends; null when there is none. */
function scanReference(text: string, pos: number): { ref: RefNode; end: number } | null {
  const start = scanRefEnd(text, pos);
  if (!start) return null;
  let end: RefEnd | null = null;
  if (text.charCodeAt(start.end) === 58) {
    end = scanRefEnd(text, start.end + 1);
    if (!end) return null;
  }
  const stop = end ? end.end : start.end;
  if (stop < text.length && (isWordChar(text, stop) || '(!$:'.includes(text[stop]))) return null;
  if ((start.row !== null && start.row < 0) || (end && end.row !== null && end.row < 0)) return null;
  if (!end) {
    if (start.row === null || start.col === null) return null;
    const ref: RefNode = {
      type: 'ref',
      sheet: null,
      startRow: start.row,
      startCol: start.col,
      endRow: start.row,
      endCol: start.col,
      startRowAbsolute: start.rowAbsolute,
      startColAbsolute: start.colAbsolute,
      endRowAbsolute: start.rowAbsolute,
      endColAbsolute: start.colAbsolute,
      isRange: false,
    };
    return { ref, end: stop };
  }
  const startIsCell = start.row !== null && start.col !== null;
  const columns = start.row === null && start.col !== null && end.col !== null && end.row === null; // A:C
  const cellToCell = startIsCell && end.col !== null; // A2:C10, A2:C
  const rows = start.col === null && end.col === null; // 2:5
  if (!columns && !cellToCell && !rows) return null;
  const ref: RefNode = {
    type: 'ref',
    sheet: null,
    startRow: start.row,
    startCol: start.col,
    endRow: end.row,
    endCol: end.col,
    startRowAbsolute: start.rowAbsolute,
    startColAbsolute: start.colAbsolute,
    endRowAbsolute: end.rowAbsolute,
    endColAbsolute: end.colAbsolute,
    isRange: true,
  };
  return { ref, end: stop };
}

function tokenize(formula: string, offset: number): Token[] {
  const tokens: Token[] = [];
  const length = formula.length;
  let pos = offset;
  const fail = (message: string): never => {
    throw new FormulaSyntaxError(message, formula, pos);
  };
  /** Text between quote characters, with the quote doubled inside; pos ends after the closing quote. */
  const quoted = (quote: string, what: string): string => {
    let value = '';
    pos++;
    for (;;) {
      const close = formula.indexOf(quote, pos);
      if (close < 0) fail(`Unterminated ${what}`);
      value += formula.slice(pos, close);
      pos = close + 1;
      if (formula[pos] !== quote) return value;
      value += quote;
      pos++;
    }
  };
  while (pos < length) {
    const code = formula.charCodeAt(pos);
    const start = pos;
    if (code === 32 || code === 10 || code === 13 || code === 9) {
      pos++;
      continue;
    }
    if (code === 34) {
      tokens.push({ kind: 'string', value: quoted('"', 'text'), pos: start });
      continue;
    }
    if (code === 39) {
      const name = quoted("'", 'sheet name');
      if (formula[pos] !== '!') fail('Expected ! after a quoted sheet name');
      pos++;
      tokens.push({ kind: 'sheet', name, pos: start });
      continue;
    }
    if (code === 35) {
      const errorCode = ERROR_CODES.find((c) => formula.slice(pos, pos + c.length).toUpperCase() === c);
      if (!errorCode) return fail('Unknown error literal');
      pos += errorCode.length;
      tokens.push({ kind: 'error', code: errorCode, pos: start });
      continue;
    }
    if (code === 36 || isAsciiLetter(code) || isDigit(code)) {
      const reference = scanReference(formula, pos);
      if (reference) {
        pos = reference.end;
        tokens.push({ kind: 'ref', ref: reference.ref, pos: start });
        continue;
      }
    }
    if (isDigit(code) || code === 46) {
      NUMBER.lastIndex = pos;
      const m = NUMBER.exec(formula);
      if (m) {
        pos += m[0].length;
        tokens.push({ kind: 'number', value: Number(m[0]), pos: start });
        continue;
      }
    }
    if (code === 95 || isAsciiLetter(code) || (code > 127 && UNICODE_WORD_CHAR.test(formula[pos]))) {
      while (pos < length && isWordChar(formula, pos)) pos++;
      const word = formula.slice(start, pos);
      if (formula[pos] === '!') {
        pos++;
        tokens.push({ kind: 'sheet', name: word, pos: start });
      } else {
        tokens.push({ kind: 'word', name: word, pos: start });
      }
      continue;
    }
    const two = formula.slice(pos, pos + 2);
    const op = two === '<=' || two === '>=' || two === '<>' ? two : formula[pos];
    if (!OPERATORS.has(op)) fail(`Unexpected character ${formula[pos]}`);
    pos += op.length;
    tokens.push({ kind: 'op', value: op, pos: start });
  }
  tokens.push({ kind: 'end', pos });
  return tokens;
}

/** Binding strength of binary operators; all are left-associative. */
function precedence(op: string): number {
  switch (op) {
    case '=':
    case '<>':
    case '<':
    case '>':
    case '<=':
    case '>=':
      return 1;
    case '&':
      return 2;
    case '+':
    case '-':
      return 3;
    case '*':
    case '/':
      return 4;
    case '^':
      return 5;
    default:
      return 0;
  }
}

class Parser {
  private index = 0;
  /** Levels open where the parser is now: bounded, so the recursion below never overflows. */
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly formula: string,
  ) {}

  parse(): Ast {
    const ast = this.expression(1);
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.fail('Unexpected input', token);
    return ast;
  }

  private isOp(value: string): boolean {
    const token = this.tokens[this.index];
    return token.kind === 'op' && token.value === value;
  }

  private expectOp(value: string): void {
    if (!this.isOp(value)) this.fail(`Expected ${value}`, this.tokens[this.index]);
    this.index++;
  }

  private fail(message: string, token: Token): never {
    throw new FormulaSyntaxError(message, this.formula, token.pos);
  }

  /** Opens one level of nesting at token; close it with `this.depth--` once its subtree is read. */
  private deeper(token: Token): void {
    if (++this.depth > MAX_FORMULA_DEPTH) throw new FormulaTooDeepError(this.formula, token.pos);
  }

  /** Precedence climbing over binary operators that bind at least as strongly as minPrecedence. */
  private expression(minPrecedence: number): Ast {
    let left = this.unary();
    // Each operator of a chain nests the chain so far one level deeper (a+b+c is (a+b)+c).
    let chained = 0;
    for (;;) {
      const token = this.tokens[this.index];
      const strength = token.kind === 'op' ? precedence(token.value) : 0;
      if (token.kind !== 'op' || strength === 0 || strength < minPrecedence) {
        this.depth -= chained;
        return left;
      }
      this.deeper(token);
      chained++;
      this.index++;
      const right = this.expression(strength + 1);
      left = { type: 'binary', operator: token.value as BinaryOperator, left, right };
    }
  }

  private unary(): Ast {
    const token = this.tokens[this.index];
    if (token.kind === 'op' && (token.value === '-' || token.value === '+')) {
      this.index++;
      this.deeper(token);
      const operand = this.unary();
      this.depth--;
      return { type: 'unary', operator: token.value, operand };
    }
    let node = this.primary();
    const percentSigns = this.index;
    while (this.isOp('%')) {
      this.deeper(this.tokens[this.index]);
      this.index++;
      node = { type: 'unary', operator: '%', operand: node };
    }
    this.depth -= this.index - percentSigns;
    return node;
  }

  private primary(): Ast {
    const token = this.tokens[this.index++];
    switch (token.kind) {
      case 'number':
        return { type: 'number', value: token.value };
      case 'string':
        return { type: 'string', value: token.value };
      case 'error':
        return { type: 'error', code: token.code };
      case 'ref':
        return token.ref;
      case 'sheet': {
        const next = this.tokens[this.index++];
        if (next.kind !== 'ref') return this.fail('Expected a reference after the sheet name', next);
        next.ref.sheet = token.name;
        return next.ref;
      }
      case 'word': {
        if (this.isOp('(')) {
          this.index++;
          this.deeper(token);
          const args = this.arguments();
          this.depth--;
          return { type: 'call', name: token.name.toUpperCase(), args };
        }
        const upper = token.name.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE') return { type: 'boolean', value: upper === 'TRUE' };
        return { type: 'name', name: token.name };
      }
      case 'op':
        if (token.value === '(') {
          this.deeper(token);
          const inner = this.expression(1);
          this.expectOp(')');
          this.depth--;
          return inner;
        }
        if (token.value === '{') {
          this.deeper(token);
          const array = this.arrayLiteral();
          this.depth--;
          return array;
        }
        return this.fail(`Unexpected ${token.value}`, token);
      case 'end':
        return this.fail('Unexpected end of formula', token);
    }
  }

  private arguments(): Ast[] {
    const args: Ast[] = [];
    if (this.isOp(')')) {
      this.index++;
      return args;
    }
    for (;;) {
      args.push(this.isOp(',') || this.isOp(')') ? { type: 'missing' } : this.expression(1));
      if (this.isOp(',')) {
        this.index++;
        continue;
      }
      this.expectOp(')');
      return args;
    }
  }

  private arrayLiteral(): Ast {
    const rows: Ast[][] = [[]];
    for (;;) {
      rows[rows.length - 1].push(this.expression(1));
      if (this.isOp(',')) {
        this.index++;
      } else if (this.isOp(';')) {
        this.index++;
        rows.push([]);
      } else {
        const closing = this.tokens[this.index];
        this.expectOp('}');
        if (rows.some((row) => row.length !== rows[0].length)) this.fail('Array rows differ in length', closing);
        return { type: 'array', rows };
      }
    }
  }
}

/** Parses a formula ("=SUM(A2:A)" or "SUM(A2:A)"); throws FormulaSyntaxError when it cannot be read. */
export function parseFormula(formula: string): Ast {
  const offset = formula.startsWith('=') ? 1 : 0;
  if (formula.trim().length <= offset) throw new FormulaSyntaxError('Empty formula', formula, offset);
  return shareRepeats(new Parser(tokenize(formula, offset), formula).parse());
}

/** Parses a reference on its own, as data validations give it ("A2:A", "'团队'!A2:A"); null when it is not one. */
export function parseReference(text: string): RefNode | null {
  try {
    const ast = parseFormula(text);
    return ast.type === 'ref' ? ast : null;
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return null;
    throw error;
  }
}

const SHAPE_PART = /"(?:[^"]|"")*"|'(?:[^']|'')*'|(?<![\p{L}\p{N}_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\p{L}\p{N}_.(!$])/gu;

/**
 * A key that two formulas share exactly when one is the other copied to another cell: cell
 * references are written relative to the formula's cell (absolute parts as they are); quoted text
 * and sheet names stay verbatim. "=C2/B2" in row 2 and "=C3/B3" in row 3 get the same key, so a
 * 10,000-row column of formulas is parsed once and evaluated with a row offset.
 */
export function formulaShapeKey(formula: string, row: number, col: number): string {
  return formula.replace(SHAPE_PART, (whole, colDollar: string | undefined, letters: string | undefined, rowDollar: string, digits: string) => {
    if (letters === undefined || Number(digits) === 0) return whole;
    const refCol = columnIndex(letters);
    const refRow = Number(digits) - 1;
    const colPart = colDollar ? `$${refCol}` : `c${refCol - col}`;
    const rowPart = rowDollar ? `$${refRow}` : `r${refRow - row}`;
    return `\u0001${colPart}${rowPart}\u0001`;
  });
}

/**
 * The formula with its references to sheet `from` naming `to` instead, as a spreadsheet rewrites
 * every formula when a tab is renamed (names compare without case; the new name is quoted when it
 * needs to be). A formula that cannot be read is returned as it is.
 */
export function renameSheetInFormula(formula: string, from: string, to: string, quote: (name: string) => string): string {
  if (!formula.startsWith('=')) return formula;
  let tokens: Token[];
  try {
    tokens = tokenize(formula, 1);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return formula;
    throw error;
  }
  let out = '';
  let done = 0;
  for (const token of tokens) {
    if (token.kind !== 'sheet' || token.name.toLowerCase() !== from.toLowerCase()) continue;
    // The sheet token runs from its start to the "!" after the name.
    const bang = formula[token.pos] === "'" ? quotedEnd(formula, token.pos) : token.pos + token.name.length;
    out += formula.slice(done, token.pos) + quote(to);
    done = bang;
  }
  return done ? out + formula.slice(done) : formula;
}

/** Where a quoted sheet name starting at `start` ends (at its "!"). */
function quotedEnd(formula: string, start: number): number {
  let pos = start + 1;
  for (;;) {
    const close = formula.indexOf("'", pos);
    if (formula[close + 1] !== "'") return close + 1;
    pos = close + 2;
  }
}
