/**
 * Recomputes the formulas of a whole workbook the way Sheets would show them, and evaluates
 * conditional-format rules. Formula cells are computed on demand from an explicit stack (no deep
 * recursion, so a 10,000-row running total is fine); a cell whose value needs a cell that is not
 * computed yet is set aside, the missing cells are computed first, and it is tried again. A cell
 * that needs itself, directly or not, is a circular dependency: #REF!, as in Sheets.
 */
import type { DaySerial } from '../dates';
import { Cell, ConditionalFormatSpec, RangeRef, isFormulaCell } from '../tab/spec';
import type { Ast } from './ast';
import type { EvalContext } from './context';
import { evaluate, resolveReference } from './evaluate';
import { FormulaSyntaxError, formulaShapeKey, parseFormula, parseReference } from './parse';
import { FormulaError, RangeValue, Scalar, SheetReader, isError, toCellScalar } from './values';

export interface CalcSheet {
  name: string;
  cells: ReadonlyArray<ReadonlyArray<Cell>>;
  conditionalFormats?: ReadonlyArray<ConditionalFormatSpec>;
}

export type ConditionalStyle = ConditionalFormatSpec['style'];

export interface CellPosition {
  row: number;
  col: number;
}

const DONE = 0;
const PENDING = 1;
const VISITING = 2;

/** Thrown through the evaluator when a needed cell is not computed yet; never escapes this module. */
const NOT_READY = { notReady: true };

const CIRCULAR = new FormulaError('#REF!', 'Circular dependency detected');

class SheetState implements SheetReader {
  height = 0;
  width = 0;
  values: Scalar[] = [];
  formulas: (Ast | FormulaError | undefined)[] = [];
  /** Where each formula sits relative to the cell its shared syntax tree was parsed for. */
  rowShift = new Int32Array(0);
  colShift = new Int32Array(0);
  state = new Uint8Array(0);
  /** Formula cells per column not computed yet: a range over columns with none needs no scan. */
  unfinished = new Int32Array(0);
  grid: Scalar[][] | null = null;
  styles: (ConditionalStyle | undefined)[][] | null = null;

  constructor(
    readonly name: string,
    public cells: Cell[][],
    public rules: ReadonlyArray<ConditionalFormatSpec>,
    /** Told about each cell a formula asked for before it was computed. */
    private readonly onMissing: (sheet: SheetState, index: number) => void,
  ) {}

  get(row: number, col: number): Scalar {
    if (row >= this.height || col >= this.width) return null;
    const index = row * this.width + col;
    if (this.state[index] !== DONE) {
      this.onMissing(this, index);
      throw NOT_READY;
    }
    return this.values[index];
  }

  prepareRange(top: number, left: number, height: number, width: number): void {
    const rowEnd = Math.min(top + height, this.height);
    const colEnd = Math.min(left + width, this.width);
    let missing = false;
    for (let col = left; col < colEnd; col++) {
      if (this.unfinished[col] === 0) continue;
      for (let row = top; row < rowEnd; row++) {
        const index = row * this.width + col;
        if (this.state[index] !== DONE) {
          this.onMissing(this, index);
          missing = true;
        }
      }
    }
    if (missing) throw NOT_READY;
  }
}

/** One reusable context: cells are evaluated one at a time, so it is moved from cell to cell. */
class CalcContext implements EvalContext {
  current!: SheetState;
  row = 0;
  col = 0;
  rowOffset = 0;
  colOffset = 0;
  today: DaySerial = 0;
  constructor(private readonly lookup: (name: string) => SheetState | undefined) {}
  sheet(name: string | null): SheetReader | undefined {
    return name === null ? this.current : this.lookup(name);
  }
  at(sheet: SheetState, row: number, col: number, rowOffset: number, colOffset: number, today: DaySerial): this {
    this.current = sheet;
    this.row = row;
    this.col = col;
    this.rowOffset = rowOffset;
    this.colOffset = colOffset;
    this.today = today;
    return this;
  }
}

interface ParsedShape {
  ast: Ast;
  row: number;
  col: number;
}

/**
 * Parsed formulas, kept across engines: the local workbook and the preview build a new engine for
 * every recalculation, and the same formulas come back each time (a calendar's slot formulas are
 * long), so parsing them again was most of a recalculation. Bounded: emptied when it grows past
 * CACHE_LIMIT formulas. Parsed trees are never changed after parsing, so sharing them is safe.
 */
const CACHE_LIMIT = 50_000;
const parsedFormulas = new Map<string, Ast | FormulaError>();
const parsedShapes = new Map<string, ParsedShape>();
/** Formula text → cell position (row × 2^15 + col) → its shape: skips working out the shape key again. */
const shapeAtCell = new Map<string, Map<number, ParsedShape | FormulaError>>();
let cellsRemembered = 0;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

interface Task {
  sheet: SheetState;
  index: number;
}

export class WorkbookCalc {
  private readonly sheets = new Map<string, SheetState>();
  private readonly ctx = new CalcContext((name) => this.findSheet(name));
  private stale = true;
  private missing: Task[] = [];

  constructor(
    sheets: ReadonlyArray<CalcSheet>,
    private todaySerial: DaySerial,
  ) {
    for (const sheet of sheets) this.setSheet(sheet);
  }

  get today(): DaySerial {
    return this.todaySerial;
  }

  set today(serial: DaySerial) {
    if (serial !== this.todaySerial) {
      this.todaySerial = serial;
      this.stale = true;
    }
  }

  /** Adds a sheet or replaces the one with the same name. */
  setSheet(sheet: CalcSheet): void {
    const cells = sheet.cells.map((row) => row.slice());
    const onMissing = (state: SheetState, index: number): void => {
      this.missing.push({ sheet: state, index });
    };
    this.sheets.set(sheet.name, new SheetState(sheet.name, cells, sheet.conditionalFormats ?? [], onMissing));
    this.stale = true;
  }

  removeSheet(name: string): void {
    this.sheets.delete(name);
    this.stale = true;
  }

  hasSheet(name: string): boolean {
    return this.sheets.has(name);
  }

  /** Changes one cell (growing the sheet if needed); values are recomputed on the next read. */
  setCell(sheetName: string, row: number, col: number, cell: Cell): void {
    const sheet = this.requireSheet(sheetName);
    while (sheet.cells.length <= row) sheet.cells.push([]);
    const cells = sheet.cells[row];
    while (cells.length < col) cells.push(null);
    cells[col] = cell;
    this.stale = true;
  }

  /** Recomputes every formula; returns each sheet's values (blank = null, errors as FormulaError). */
  recompute(): Map<string, Scalar[][]> {
    this.stale = true;
    this.ensureComputed();
    const result = new Map<string, Scalar[][]>();
    for (const name of this.sheets.keys()) result.set(name, this.values(name));
    return result;
  }

  /** The computed values of one sheet, rows × columns of the widest row. */
  values(sheetName: string): Scalar[][] {
    this.ensureComputed();
    const sheet = this.requireSheet(sheetName);
    if (!sheet.grid) {
      const grid: Scalar[][] = [];
      for (let r = 0; r < sheet.height; r++) grid.push(sheet.values.slice(r * sheet.width, (r + 1) * sheet.width));
      sheet.grid = grid;
    }
    return sheet.grid;
  }

  value(sheetName: string, row: number, col: number): Scalar {
    this.ensureComputed();
    return this.requireSheet(sheetName).get(row, col);
  }

  /** The values of an A1 range ("A2:A", "'团队'!A2:A10") of a sheet, row by row; undefined when it cannot be read. */
  rangeValues(sheetName: string, a1: string): Scalar[][] | undefined {
    this.ensureComputed();
    const ref = parseReference(a1);
    const sheet = ref && this.findSheet(ref.sheet ?? sheetName);
    if (!ref || !sheet) return undefined;
    const range = resolveReference(ref, this.context(sheet, 0, 0, 0, 0));
    if (!(range instanceof RangeValue)) return [[range as Scalar]];
    const rows: Scalar[][] = [];
    for (let r = 0; r < range.height; r++) {
      const row: Scalar[] = [];
      for (let c = 0; c < range.width; c++) row.push(range.get(r, c));
      rows.push(row);
    }
    return rows;
  }

  /** Evaluates a formula as if it were in a cell of a sheet (for a formula bar or tests). */
  evaluateFormula(sheetName: string, formula: string, at: CellPosition = { row: 0, col: 0 }): Scalar {
    this.ensureComputed();
    const ast = this.parse(formula);
    if (isError(ast)) return ast;
    return evaluate(ast, this.context(this.requireSheet(sheetName), at.row, at.col, 0, 0));
  }

  /**
   * The cells of the sheet's grid where a conditional-format rule holds. The formula is written for
   * the top-left cell of the rule's first range; relative references move with the cell tested.
   */
  matchConditionalFormat(sheetName: string, rule: ConditionalFormatSpec): CellPosition[] {
    this.ensureComputed();
    const sheet = this.requireSheet(sheetName);
    const matches: CellPosition[] = [];
    this.forEachRuleCell(sheet, rule, (row, col, holds) => {
      if (holds()) matches.push({ row, col });
    });
    return matches;
  }

  /** Per cell of the sheet's grid, the style of the first conditional-format rule that holds (Sheets' order). */
  conditionalStyles(sheetName: string): (ConditionalStyle | undefined)[][] {
    this.ensureComputed();
    const sheet = this.requireSheet(sheetName);
    if (!sheet.styles) {
      const styles: (ConditionalStyle | undefined)[][] = [];
      for (let r = 0; r < sheet.height; r++) styles.push(new Array(sheet.width).fill(undefined));
      for (const rule of sheet.rules) {
        this.forEachRuleCell(sheet, rule, (row, col, holds) => {
          if (styles[row][col] === undefined && holds()) styles[row][col] = rule.style;
        });
      }
      sheet.styles = styles;
    }
    return sheet.styles;
  }

  private requireSheet(name: string): SheetState {
    const sheet = this.sheets.get(name);
    if (!sheet) throw new Error(`No sheet named ${name}`);
    return sheet;
  }

  private findSheet(name: string): SheetState | undefined {
    const exact = this.sheets.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    for (const sheet of this.sheets.values()) if (sheet.name.toLowerCase() === lower) return sheet;
    return undefined;
  }

  private context(sheet: SheetState, row: number, col: number, rowOffset: number, colOffset: number): EvalContext {
    return this.ctx.at(sheet, row, col, rowOffset, colOffset, this.todaySerial);
  }

  /** A cell's formula through the shape cache: the shared tree and the cell it was parsed for. */
  private parseAt(formula: string, row: number, col: number): ParsedShape | FormulaError {
    const position = row * 32768 + col;
    let atCell = shapeAtCell.get(formula);
    const known = atCell?.get(position);
    if (known) return known;
    if (!atCell || cellsRemembered >= CACHE_LIMIT * 4) {
      if (cellsRemembered >= CACHE_LIMIT * 4) {
        shapeAtCell.clear();
        cellsRemembered = 0;
      }
      atCell = remember(shapeAtCell, formula, new Map<number, ParsedShape | FormulaError>());
    }
    const key = formulaShapeKey(formula, row, col);
    let shape: ParsedShape | FormulaError | undefined = parsedShapes.get(key);
    if (!shape) {
      const ast = this.parse(formula);
      shape = isError(ast) ? ast : remember(parsedShapes, key, { ast, row, col });
    }
    atCell.set(position, shape);
    cellsRemembered++;
    return shape;
  }

  private parse(formula: string): Ast | FormulaError {
    const known = parsedFormulas.get(formula);
    if (known !== undefined) return known;
    let ast: Ast | FormulaError;
    try {
      ast = parseFormula(formula);
    } catch (error) {
      if (!(error instanceof FormulaSyntaxError)) throw error;
      ast = new FormulaError('#ERROR!', error.message);
    }
    return remember(parsedFormulas, formula, ast);
  }

  private forEachRuleCell(sheet: SheetState, rule: ConditionalFormatSpec, visit: (row: number, col: number, holds: () => boolean) => void): void {
    const ast = this.parse(rule.formula);
    if (isError(ast) || rule.ranges.length === 0) return;
    const anchor: RangeRef = rule.ranges[0];
    for (const range of rule.ranges) {
      const rowEnd = Math.min(range.row + range.rows, sheet.height);
      const colEnd = Math.min(range.col + range.cols, sheet.width);
      for (let row = Math.max(0, range.row); row < rowEnd; row++) {
        for (let col = Math.max(0, range.col); col < colEnd; col++) {
          visit(row, col, () => isTruthy(evaluate(ast, this.context(sheet, row, col, row - anchor.row, col - anchor.col))));
        }
      }
    }
  }

  private ensureComputed(): void {
    if (!this.stale) return;
    this.stale = false;
    for (const sheet of this.sheets.values()) this.load(sheet);
    for (const sheet of this.sheets.values()) {
      for (let index = 0; index < sheet.state.length; index++) if (sheet.state[index] === PENDING) this.computeFrom(sheet, index);
    }
  }

  private load(sheet: SheetState): void {
    const height = sheet.cells.length;
    let width = 0;
    for (const row of sheet.cells) if (row.length > width) width = row.length;
    sheet.height = height;
    sheet.width = width;
    sheet.values = new Array(height * width).fill(null);
    sheet.formulas = new Array(height * width);
    sheet.rowShift = new Int32Array(height * width);
    sheet.colShift = new Int32Array(height * width);
    sheet.state = new Uint8Array(height * width);
    sheet.unfinished = new Int32Array(width);
    sheet.grid = null;
    sheet.styles = null;
    for (let r = 0; r < height; r++) {
      const row = sheet.cells[r];
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        const index = r * width + c;
        if (isFormulaCell(cell)) {
          const parsed = this.parseAt(cell.formula, r, c);
          if (isError(parsed)) {
            sheet.formulas[index] = parsed;
          } else {
            sheet.formulas[index] = parsed.ast;
            sheet.rowShift[index] = r - parsed.row;
            sheet.colShift[index] = c - parsed.col;
          }
          sheet.state[index] = PENDING;
          sheet.unfinished[c]++;
        } else {
          sheet.values[index] = cell ?? null;
        }
      }
    }
  }

  private finish(sheet: SheetState, index: number, value: Scalar): void {
    sheet.values[index] = value;
    sheet.state[index] = DONE;
    sheet.unfinished[index % sheet.width]--;
  }

  private computeFrom(sheet: SheetState, index: number): void {
    const stack: Task[] = [{ sheet, index }];
    while (stack.length > 0) {
      const task = stack[stack.length - 1];
      const { sheet: current, index: at } = task;
      if (current.state[at] === DONE) {
        stack.pop();
        continue;
      }
      current.state[at] = VISITING;
      this.missing = [];
      const formula = current.formulas[at]!;
      let result: Scalar | typeof NOT_READY;
      try {
        result = isError(formula)
          ? formula
          : toCellScalar(
              evaluate(formula, this.context(current, Math.floor(at / current.width), at % current.width, current.rowShift[at], current.colShift[at])),
            );
      } catch (error) {
        if (error !== NOT_READY) throw error;
        result = NOT_READY;
      }
      if (result !== NOT_READY) {
        this.finish(current, at, result as Scalar);
        stack.pop();
        continue;
      }
      for (const need of this.missing) {
        const state = need.sheet.state[need.index];
        if (state === VISITING) this.breakCycle(stack, need);
        else if (state === PENDING) stack.push(need);
      }
    }
  }

  /**
   * The cells being computed form a chain on the stack, each waiting for the next; the one needed
   * again closes a loop with every computing cell above it: all of them are circular.
   */
  private breakCycle(stack: Task[], needed: Task): void {
    for (let i = stack.length - 1; i >= 0; i--) {
      const task = stack[i];
      if (task.sheet.state[task.index] === VISITING) this.finish(task.sheet, task.index, CIRCULAR);
      if (task.sheet === needed.sheet && task.index === needed.index) return;
    }
  }
}

/** A conditional-format formula holds when it gives TRUE or a non-zero number. */
function isTruthy(value: Scalar): boolean {
  return value === true || (typeof value === 'number' && value !== 0);
}
