/**
 * A small spreadsheet evaluator for the formula shapes the SOP tab writes (COUNTIFS over whole
 * columns, IF, SUM, AND, OR, ISNUMBER, CHOOSE, WEEKDAY, TODAY, comparisons, & and /). It follows
 * Sheets' rules where they matter here: whole-column ranges include the header, text criteria
 * compare case-insensitively, "<>x" matches blank cells, "<n" matches numbers only. Written
 * independently of the code under test, so cached values can be checked against it.
 */
import { cellValue, columnIndex, isFormulaCell, type Cell, type CellValue } from '../../../src/core/tab/spec';

type Value = CellValue | { range: { col: number } };

export class Sheet {
  private readonly cache = new Map<string, CellValue>();
  constructor(private readonly grid: Cell[][], private readonly today: number) {}

  /** Value of a cell (0-based), evaluating formulas. */
  value(row: number, col: number): CellValue {
    const key = `${row},${col}`;
    if (this.cache.has(key)) return this.cache.get(key) as CellValue;
    const cell = this.grid[row]?.[col];
    const result = isFormulaCell(cell) ? this.evaluate(cell.formula) : cellValue(cell) ?? null;
    this.cache.set(key, result);
    return result;
  }

  column(col: number): CellValue[] {
    return this.grid.map((_, row) => this.value(row, col));
  }

  evaluate(formula: string): CellValue {
    const parser = new Parser(formula.replace(/^=/, ''), this);
    const value = parser.expression();
    parser.end();
    if (typeof value === 'object' && value !== null) throw new Error(`a range is not a value: ${formula}`);
    return value;
  }

  todaySerial(): number {
    return this.today;
  }
}

const WEEKDAY_OF = (serial: number): number => ((((serial - 1) % 7) + 7) % 7) + 1;

class Parser {
  private pos = 0;
  constructor(private readonly src: string, private readonly sheet: Sheet) {}

  end(): void {
    if (this.pos !== this.src.length) throw new Error(`unparsed: ${this.src.slice(this.pos)}`);
  }

  private peek(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  private eat(text: string): void {
    if (!this.peek(text)) throw new Error(`expected ${text} at ${this.pos} in ${this.src}`);
    this.pos += text.length;
  }

  expression(): Value {
    let left = this.concat();
    for (const op of ['<=', '>=', '<>', '=', '<', '>']) {
      if (this.peek(op)) {
        this.eat(op);
        const right = this.concat();
        left = compare(scalar(left), scalar(right), op);
        break;
      }
    }
    return left;
  }

  private concat(): Value {
    let left = this.term();
    while (this.peek('&')) {
      this.eat('&');
      left = text(scalar(left)) + text(scalar(this.term()));
    }
    return left;
  }

  private term(): Value {
    let left = this.atom();
    while (this.peek('/')) {
      this.eat('/');
      left = Number(scalar(left)) / Number(scalar(this.atom()));
    }
    return left;
  }

  private atom(): Value {
    if (this.peek('"')) {
      this.eat('"');
      let out = '';
      while (!(this.peek('"') && !this.src.startsWith('""', this.pos))) {
        if (this.peek('""')) {
          out += '"';
          this.pos += 2;
        } else out += this.src[this.pos++];
      }
      this.eat('"');
      return out;
    }
    const number = /^\d+(\.\d+)?/.exec(this.src.slice(this.pos));
    if (number) {
      this.pos += number[0].length;
      return Number(number[0]);
    }
    const whole = /^\$?([A-Z]+):\$?([A-Z]+)/.exec(this.src.slice(this.pos));
    if (whole) {
      this.pos += whole[0].length;
      return { range: { col: columnIndex(whole[1]) } };
    }
    const span = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)/.exec(this.src.slice(this.pos));
    if (span) {
      this.pos += span[0].length;
      let sum = 0;
      for (let r = Number(span[2]) - 1; r <= Number(span[4]) - 1; r++) sum += Number(this.sheet.value(r, columnIndex(span[1])) ?? 0);
      return sum; // only SUM takes a bounded range in these formulas
    }
    const ref = /^\$?([A-Z]+)\$?(\d+)/.exec(this.src.slice(this.pos));
    const call = /^([A-Z]+)\(/.exec(this.src.slice(this.pos));
    if (call) {
      this.pos += call[0].length;
      const args: Value[] = [];
      if (!this.peek(')')) {
        args.push(this.expression());
        while (this.peek(',')) {
          this.eat(',');
          args.push(this.expression());
        }
      }
      this.eat(')');
      return this.call(call[1], args);
    }
    if (ref) {
      this.pos += ref[0].length;
      return this.sheet.value(Number(ref[2]) - 1, columnIndex(ref[1]));
    }
    throw new Error(`cannot read ${this.src.slice(this.pos)}`);
  }

  private call(name: string, args: Value[]): Value {
    switch (name) {
      case 'TODAY':
        return this.sheet.todaySerial();
      case 'IF':
        return truthy(scalar(args[0])) ? args[1] : args[2] ?? false;
      case 'AND':
        return args.every((a) => truthy(scalar(a)));
      case 'OR':
        return args.some((a) => truthy(scalar(a)));
      case 'ISNUMBER':
        return typeof scalar(args[0]) === 'number';
      case 'WEEKDAY':
        return WEEKDAY_OF(Number(scalar(args[0])));
      case 'CHOOSE':
        return args[Number(scalar(args[0]))];
      case 'SUM':
        return args.reduce<number>((acc, a) => acc + Number(scalar(a) ?? 0), 0);
      case 'COUNTIFS': {
        const columns: CellValue[][] = [];
        const criteria: string[] = [];
        for (let i = 0; i < args.length; i += 2) {
          const r = args[i];
          if (typeof r !== 'object' || r === null) throw new Error('COUNTIFS needs ranges');
          columns.push(this.sheet.column(r.range.col));
          criteria.push(text(scalar(args[i + 1])));
        }
        let count = 0;
        for (let row = 0; row < columns[0].length; row++) if (criteria.every((c, i) => matches(columns[i][row], c))) count++;
        return count;
      }
      default:
        throw new Error(`function not supported by this evaluator: ${name}`);
    }
  }
}

function scalar(value: Value): CellValue {
  if (typeof value === 'object' && value !== null) throw new Error('range used as a value');
  return value;
}

function text(value: CellValue): string {
  return value === null ? '' : String(value);
}

function truthy(value: CellValue): boolean {
  return value === true || (typeof value === 'number' && value !== 0);
}

function compare(a: CellValue, b: CellValue, op: string): boolean {
  const blankAsB = (v: CellValue): CellValue => (v === null ? (typeof b === 'number' || typeof a === 'number' ? 0 : '') : v);
  const x = blankAsB(a);
  const y = blankAsB(b);
  if (typeof x === 'number' && typeof y === 'number') {
    return op === '=' ? x === y : op === '<>' ? x !== y : op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
  }
  const [s, t] = [text(x).toLowerCase(), text(y).toLowerCase()];
  if (op === '=') return s === t;
  if (op === '<>') return s !== t;
  // Sheets orders numbers before text.
  if (typeof x === 'number' || typeof y === 'number') {
    const less = typeof x === 'number';
    return op === '<' || op === '<=' ? less : !less;
  }
  return op === '<' ? s < t : op === '>' ? s > t : op === '<=' ? s <= t : s >= t;
}

/** A COUNTIFS criterion against one cell. */
function matches(cell: CellValue, criterion: string): boolean {
  const m = /^(<=|>=|<>|=|<|>)?(.*)$/s.exec(criterion) as RegExpExecArray;
  const op = m[1] ?? '=';
  const operand = m[2];
  const numeric = operand !== '' && !Number.isNaN(Number(operand));
  if (op === '=' || op === '<>') {
    const equal = numeric && typeof cell === 'number' ? cell === Number(operand) : text(cell).toLowerCase() === operand.toLowerCase();
    return op === '=' ? equal : !equal;
  }
  if (!numeric || typeof cell !== 'number') return false;
  const n = Number(operand);
  return op === '<' ? cell < n : op === '>' ? cell > n : op === '<=' ? cell <= n : cell >= n;
}
