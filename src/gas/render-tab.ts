/**
 * Draws a TabSpec onto a sheet with SpreadsheetApp, batched so that the number of calls does not
 * depend on the number of rows: every per-cell property is one matrix call over the whole grid, and
 * per-item calls happen only for what the spec lists by structure (merges, validations, conditional
 * rules, charts, runs of column widths), never per row.
 */
import { AppError } from '../core/errors';
import { ruleFingerprint, type RegionWrite, type TabUpdate } from '../core/tab/layers';
import { boundingRect, covers, joinNeighbours } from '../core/tab/rects';
import { rowDestinations, rowOrigins, type ColumnOp, type RowOp } from '../core/tab/row-ops';
import {
  CellStyle,
  ChartSpec,
  ConditionalFormatSpec,
  NUMBER_FORMATS,
  RangeRef,
  TabSpec,
  ValidationSpec,
  a1Range,
  forEachCell,
  formatGrid,
  isFormulaCell,
  styleGrid,
} from '../core/tab/spec';
import { checkTabSize, type GridSize } from '../core/tab/limits';
import { raw } from './meter';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const DEFAULT_COLUMN_WIDTH = 100;
const DEFAULT_FONT_SIZE = 10;
const DEFAULT_FONT_COLOR = '#000000';
/** The most cells one call of dropdowns spans on a new tab: a matrix that large is not worth a call saved. */
const MAX_VALIDATION_BOX_CELLS = 50_000;

export interface RenderContext {
  spreadsheet: Spreadsheet;
  /**
   * Finds the sheet a listFromRange validation reads from, by the tab name the spec uses. The
   * workbook passes one that also finds its own tab when it had to be named "团队 (2)"; the default
   * looks the name up.
   */
  resolveTab?: (name: string) => Sheet | null;
}

/** What renderTab checked and looked up before writing anything. */
export interface TabPlan {
  spec: TabSpec;
  size: GridSize;
  /** The source range of each listFromRange validation; null when it reads the tab being drawn. */
  listSources: Map<ValidationSpec, Range | null>;
}

/**
 * Sheets refuses to freeze across a merged cell (and to merge across the frozen line), which would
 * leave a half-drawn tab; such a spec is a bug in the feature that built it, so it fails up front.
 */
function checkFrozenMerges(spec: TabSpec): void {
  const rows = spec.frozenRows ?? 0;
  const cols = spec.frozenColumns ?? 0;
  for (const m of spec.merges ?? []) {
    const cutsRows = rows > 0 && m.row < rows && m.row + m.rows > rows;
    const cutsCols = cols > 0 && m.col < cols && m.col + m.cols > cols;
    if (cutsRows || cutsCols) throw new Error(`TabSpec "${spec.name}": merge ${a1Range(m)} crosses the frozen rows or columns`);
  }
}

/** Everything that can fail before a write: size, frozen lines against merges, dropdown sources. */
export function planTab(spec: TabSpec, ctx: RenderContext): TabPlan {
  const size = checkTabSize(spec);
  checkFrozenMerges(spec);
  const resolveTab = ctx.resolveTab ?? ((name: string) => ctx.spreadsheet.getSheetByName(name));
  const listSources = new Map<ValidationSpec, Range | null>();
  for (const validation of spec.validations ?? []) {
    const rule = validation.rule;
    if (rule.type !== 'listFromRange') continue;
    if (rule.tab === spec.name) {
      listSources.set(validation, null);
      continue;
    }
    const source = resolveTab(rule.tab);
    if (!source) throw new AppError({ code: 'error.tabNotFound', params: { tab: rule.tab } });
    listSources.set(validation, source.getRange(rule.a1));
  }
  return { spec, size, listSources };
}

/** Draws spec onto sheet, replacing whatever the sheet held. Throws before writing when it cannot. */
export function renderTab(sheet: Sheet, spec: TabSpec, ctx: RenderContext): void {
  drawTab(sheet, planTab(spec, ctx));
}

/**
 * Draws the plan onto the sheet, replacing whatever it held. `fresh`: the sheet was just inserted at
 * the plan's size, so it holds nothing — no reset, and what is the default (plain styles, no notes,
 * default widths, nothing frozen, no tab colour) is not written, which is most of a new tab's calls.
 * After the reset of an existing sheet everything is default too, except what the reset cannot
 * clear cheaply (widths, hidden columns, charts, frozen lines, tab colour), which is written.
 */
export function drawTab(sheet: Sheet, plan: TabPlan, options: { fresh?: boolean } = {}): void {
  const { spec, size } = plan;
  const fresh = options.fresh === true;
  const grid = fresh ? sheet.getRange(1, 1, size.rows, size.cols) : resetSheet(sheet, size);
  // Values go in before number formats: the cells are still automatic after the reset, so a
  // formula is parsed as a formula even in a column formatted as text, and the quote prefix of
  // literal text (see literalText) is consumed as a prefix rather than kept as a character.
  grid.setValues(valueGrid(spec, size));
  const formats = formatGrid(spec, size.rows, size.cols);
  if (formats.some((row) => row.some((format) => format !== 'general')))
    grid.setNumberFormats(formats.map((row) => row.map((format) => NUMBER_FORMATS[format])));
  writeStyles(grid, styleGrid(spec, size.rows, size.cols), { skipDefaults: true });
  if ((spec.notes ?? []).length) grid.setNotes(noteGrid(spec, size));
  setColumnWidths(sheet, spec, size.cols, { fresh });
  for (const merge of spec.merges ?? []) {
    if (merge.rows > 1 || merge.cols > 1) rangeOf(sheet, merge).merge();
  }
  // The sheet holds no validation now (new, or just cleared): every dropdown goes in one call, over
  // the rectangle that holds them all (the cells between get none, which they have) — unless that
  // rectangle is very large, when runs side by side go one call each.
  const validations = spec.validations ?? [];
  const box = validations.length ? boundingRect(validations.map((validation) => validation.range)) : null;
  if (box && box.rows * box.cols > MAX_VALIDATION_BOX_CELLS) {
    for (const group of sideBySide(validations)) setValidations(sheet, group, plan.listSources);
  } else if (box) {
    const dropdowns: Array<Array<GoogleAppsScript.Spreadsheet.DataValidation | null>> = Array.from({ length: box.rows }, () =>
      new Array<GoogleAppsScript.Spreadsheet.DataValidation | null>(box.cols).fill(null),
    );
    for (const validation of validations) {
      const rule = buildValidation(sheet, validation, plan.listSources);
      forEachCell(validation.range, box.row + box.rows, box.col + box.cols, (row, col) => (dropdowns[row - box.row][col - box.col] = rule));
    }
    rangeOf(sheet, box).setDataValidations(dropdowns);
  }
  const rules = spec.conditionalFormats ?? [];
  if (rules.length || !fresh) sheet.setConditionalFormatRules(rules.map((rule) => buildConditionalRule(sheet, rule)));
  if (!fresh) for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  for (const chart of spec.charts ?? []) sheet.insertChart(buildChart(sheet, chart));
  if (spec.frozenRows || !fresh) sheet.setFrozenRows(spec.frozenRows ?? 0);
  if (spec.frozenColumns || !fresh) sheet.setFrozenColumns(spec.frozenColumns ?? 0);
  if (spec.tabColor || !fresh) sheet.setTabColor(spec.tabColor ?? null);
  // spec.print is not drawn: Apps Script cannot set a sheet's print settings (the sidebars offer the
  // tab's PDF export link instead, app/print.ts). No row height is set either: Sheets fits each row to
  // its wrapped text itself, as long as no script has fixed the row's height.
}

/**
 * Gives a sheet of size `now` (with nothing frozen) exactly `size` rows and columns. It shrinks
 * before it grows, so that on the way it never holds more cells than before or after (a new sheet's
 * 26 columns times a long tab's rows could pass the workbook's limit).
 */
export function fitSheet(sheet: Sheet, size: GridSize, now: GridSize): void {
  if (now.cols > size.cols) sheet.deleteColumns(size.cols + 1, now.cols - size.cols);
  if (now.rows > size.rows) sheet.deleteRows(size.rows + 1, now.rows - size.rows);
  if (now.rows < size.rows) sheet.insertRowsAfter(now.rows, size.rows - now.rows);
  if (now.cols < size.cols) sheet.insertColumnsAfter(now.cols, size.cols - now.cols);
}

/** The size of the blank sheet Spreadsheet.insertSheet adds (Sheets' default grid). */
export const NEW_SHEET_SIZE: GridSize = { rows: 1000, cols: 26 };

/**
 * The size a sheet of size `now` has after `update` (rows and columns added so no delete empties
 * it, the operations, then growth to the spec's grid): what the workbook must have room for.
 */
export function sizeAfterUpdate(now: GridSize, spec: TabSpec, update: TabUpdate, size: GridSize): GridSize {
  const lines = (ops: ReadonlyArray<RowOp | ColumnOp>, count: number, frozen: number): number =>
    ops.reduce((n, op) => n + (op.op === 'delete' ? -op.count : op.op === 'insert' ? op.count : 0), count + spareForDeletes(ops, count, frozen));
  return {
    rows: Math.max(lines(update.rowOps, now.rows, spec.frozenRows ?? 0), size.rows),
    cols: Math.max(lines(update.columnOps, now.cols, spec.frozenColumns ?? 0), size.cols),
  };
}

/**
 * Sheets refuses to delete every row below the frozen ones, as replacing a team of five by 250 other
 * people would: the five rows go before the 250 come. Blank rows (or columns) added at the very end
 * first keep one below the frozen ones at every step; they stay as spare rows at the bottom.
 */
function spareForDeletes(ops: ReadonlyArray<RowOp | ColumnOp>, count: number, frozen: number): number {
  let now = count;
  let lowest = count;
  for (const op of ops) {
    if (op.op === 'delete') now -= op.count;
    else if (op.op === 'insert') now += op.count;
    lowest = Math.min(lowest, now);
  }
  return Math.max(0, frozen + 1 - lowest);
}

/**
 * Updates a generated tab in place, as planned by core/tab/layers.ts: the old blocks are emptied, the
 * add-on's columns added or removed, whole rows deleted, moved and inserted (so that everything a
 * person put on a row goes with it), then only the add-on's cells are written. Nothing is cleared
 * wholesale and no row or column of the user's is removed.
 *
 * The calls do not grow with the number of parts: the cells the update rewrites whole (its header,
 * styled columns and blocks) are emptied together with the old blocks in one call, before anything
 * moves, so that their styles need no defaults restated; neighbouring rectangles to write (a Gantt's
 * header rows, table and workload block) are written as one; what the sheet has already (the add-on's
 * frozen lines and tab colour, its rules) is not set again.
 */
/** What an update reads of a sheet before its first write (see updateTab). */
export interface ReadBeforeUpdate {
  charts: GoogleAppsScript.Spreadsheet.EmbeddedChart[];
  /** The sheet's rules, when they can be read before anything moves (else null: read after the moves). */
  rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] | null;
}

/**
 * The reads an update needs before its first write: a read after writes waits for them to reach the
 * document (a round trip). The charts' anchors are compared with the old blocks, which are in the
 * tab's coordinates before anything moves, so they are read before anything moves too. The rules are
 * read early only when no row or column moves: a person's rule read before a move would be written
 * back with the ranges it had before. A tab that says the add-on made no charts there, and gets none
 * now, has none of the add-on's to look for. A workbook that writes several tabs in one action (or
 * reserves room first) makes these reads for all of them before writing any.
 */
export function readBeforeUpdate(sheet: Sheet, spec: TabSpec, update: TabUpdate): ReadBeforeUpdate {
  const drawn = update.drawn ?? null;
  const moves = update.rowOps.length > 0 || update.columnOps.length > 0;
  const replacesCharts = (spec.charts ?? []).length > 0 || (update.clear.length > 0 && (!drawn || drawn.charts));
  const ownRules = (spec.conditionalFormats ?? []).length > 0 || update.oldRules.length > 0;
  return { charts: replacesCharts ? sheet.getCharts() : [], rules: ownRules && !moves ? sheet.getConditionalFormatRules() : null };
}

export function updateTab(sheet: Sheet, plan: TabPlan, update: TabUpdate, now?: GridSize, readBefore?: ReadBeforeUpdate): void {
  const { spec, size } = plan;
  // Read once (or known from the caller); the operations below change the size by known amounts.
  let maxRows = now ? now.rows : sheet.getMaxRows();
  let maxCols = now ? now.cols : sheet.getMaxColumns();
  const old: GridSize = { rows: maxRows, cols: maxCols };
  const drawn = update.drawn ?? null;
  const moves = update.rowOps.length > 0 || update.columnOps.length > 0;
  const { charts: chartsBefore, rules: rulesBefore } = readBefore ?? readBeforeUpdate(sheet, spec, update);
  // Merged cells: the add-on's, where it merged them last time and merges them again now (nothing
  // moved), are left merged — emptying cells keeps their merges; otherwise its old ones (or, on a tab
  // that does not say, any) are broken up before the cells are written, and the spec's merged after.
  const merges = (spec.merges ?? []).filter((m) => m.rows > 1 || m.cols > 1);
  const mergedKey = (r: readonly number[]): string => r.join(',');
  const keepsMerges =
    drawn !== null &&
    !moves &&
    drawn.merges.length === merges.length &&
    merges.every((m) => drawn.merges.some((d) => mergedKey(d) === mergedKey([m.row, m.col, m.rows, m.cols])));
  const breaksMerges = !keepsMerges && (!drawn || drawn.merges.length > 0 || merges.length > 0);
  const ownRules = (spec.conditionalFormats ?? []).length > 0 || update.oldRules.length > 0;
  const replacesCharts = (spec.charts ?? []).length > 0 || (update.clear.length > 0 && (!drawn || drawn.charts));

  const writes = update.writes.filter((w) => w.range.rows > 0 && w.range.cols > 0);
  const valueRanges = writes.filter((w) => w.values).map((w) => w.range);
  const inOld = (r: RangeRef): RangeRef | null =>
    r.row < old.rows && r.col < old.cols ? { ...r, rows: Math.min(r.rows, old.rows - r.row), cols: Math.min(r.cols, old.cols - r.col) } : null;
  const cleared = update.clear.map(inOld).filter((r): r is RangeRef => r !== null);
  // Where each final row and column was before the update (null: added by it).
  const rowFrom = rowOrigins(update.rowOps, old.rows);
  const colFrom = rowOrigins(update.columnOps, old.cols);
  const before = (r: RangeRef): RangeRef | null => {
    const row = rowFrom[r.row];
    const col = colFrom[r.col];
    if (row === null || row === undefined || col === null || col === undefined) return null;
    for (let i = 1; i < r.rows; i++) if (rowFrom[r.row + i] !== row + i) return null;
    for (let i = 1; i < r.cols; i++) if (colFrom[r.col + i] !== col + i) return null;
    return row + r.rows <= old.rows && col + r.cols <= old.cols ? { row, col, rows: r.rows, cols: r.cols } : null;
  };
  // Cells the update rewrites whole — values, formats, notes and styles (its header, its styled
  // columns, its blocks) — that were cells of the tab before: emptied with the old blocks (contents,
  // formats, merges and validations; not notes, which the writes set), so that only the styles the
  // spec sets need writing. `emptied` is where they are once everything has moved.
  const emptied: RangeRef[] = moves ? [] : [...cleared];
  const toEmpty: RangeRef[] = [...cleared];
  for (const write of writes) {
    if (!write.styles || !covers(valueRanges, write.range)) continue;
    const was = before(write.range);
    if (!was) continue;
    emptied.push(write.range);
    if (!covers(toEmpty, was)) toEmpty.push(was);
  }
  if (toEmpty.length) {
    const list = sheet.getRangeList(toEmpty.map(a1Range));
    if (breaksMerges) list.breakApart();
    list.clear({ contentsOnly: true, formatOnly: true, validationsOnly: true });
  }
  // Only the add-on's own notes go with the old blocks; a note someone wrote there stays with its row.
  // One on a cell whose notes are written below anyway needs no clearing first.
  const rowTo = rowDestinations(update.rowOps, old.rows);
  const colTo = rowDestinations(update.columnOps, old.cols);
  for (const at of update.clearNotes) {
    if (at.row >= old.rows || at.col >= old.cols) continue;
    const row = rowTo[at.row];
    const col = colTo[at.col];
    if (row !== null && col !== null && covers(valueRanges, { row, col, rows: 1, cols: 1 })) continue;
    sheet.getRange(at.row + 1, at.col + 1).clearNote();
  }
  const spareCols = spareForDeletes(update.columnOps, maxCols, spec.frozenColumns ?? 0);
  if (spareCols > 0) sheet.insertColumnsAfter(maxCols, spareCols);
  maxCols += spareCols;
  for (const op of update.columnOps) {
    if (op.op === 'delete') sheet.deleteColumns(op.at + 1, op.count);
    else if (op.at === 0) sheet.insertColumnsBefore(1, op.count);
    else sheet.insertColumnsAfter(op.at, op.count);
    maxCols += op.op === 'delete' ? -op.count : op.count;
  }
  const spareRows = spareForDeletes(update.rowOps, maxRows, spec.frozenRows ?? 0);
  if (spareRows > 0) sheet.insertRowsAfter(maxRows, spareRows);
  maxRows += spareRows;
  for (const op of update.rowOps) {
    if (op.op === 'delete') sheet.deleteRows(op.at + 1, op.count);
    else if (op.op === 'move') sheet.moveRows(sheet.getRange(op.from + 1, 1, op.count, 1), op.to + 1);
    else if (op.at === 0) sheet.insertRowsBefore(1, op.count);
    else sheet.insertRowsAfter(op.at, op.count);
    maxRows += op.op === 'delete' ? -op.count : op.op === 'insert' ? op.count : 0;
  }
  if (maxRows < size.rows) sheet.insertRowsAfter(maxRows, size.rows - maxRows);
  if (maxCols < size.cols) sheet.insertColumnsAfter(maxCols, size.cols - maxCols);

  // What is written whole and was not emptied above (it moved, or is new) is unmerged where it is now.
  const unmerge = writes.filter((w) => w.values && w.styles && !covers(emptied, w.range)).map((w) => w.range);
  if (breaksMerges && unmerge.length) sheet.getRangeList(unmerge.map(a1Range)).breakApart();
  const values = valueGrid(spec, size);
  const formats = formatGrid(spec, size.rows, size.cols).map((row) => row.map((format) => NUMBER_FORMATS[format]));
  const styles = styleGrid(spec, size.rows, size.cols);
  const notes = noteGrid(spec, size);
  const part = <T>(grid: T[][], r: RangeRef): T[][] => grid.slice(r.row, r.row + r.rows).map((row) => row.slice(r.col, r.col + r.cols));
  const joined = (which: (w: RegionWrite) => boolean) =>
    joinNeighbours(
      writes.filter(which).map((w) => ({ range: w.range, plain: covers(emptied, w.range) })),
      (a, b, range) => ({ range, plain: a.plain && b.plain }),
    );
  // As on a fresh tab, values go into automatic cells and get their formats after: in a cell
  // formatted as plain text a formula would stay text and a quote prefix would stay a character.
  // Emptied cells are automatic already.
  const valueWrites = joined((w) => w.values);
  const formatted = valueWrites.filter((w) => !w.plain).map((w) => a1Range(w.range));
  if (formatted.length) sheet.getRangeList(formatted).setNumberFormat('General');
  for (const write of valueWrites) {
    const target = rangeOf(sheet, write.range);
    target.setValues(part(values, write.range));
    const cellFormats = part(formats, write.range);
    if (!write.plain || cellFormats.some((row) => row.some((format) => format !== NUMBER_FORMATS.general))) target.setNumberFormats(cellFormats);
    target.setNotes(part(notes, write.range));
  }
  for (const write of joined((w) => w.styles)) writeStyles(rangeOf(sheet, write.range), part(styles, write.range), { skipDefaults: write.plain });
  if (!keepsMerges) for (const merge of merges) rangeOf(sheet, merge).merge();
  // Side by side only: a cell between two of the add-on's dropdowns may hold a person's own.
  for (const group of sideBySide(spec.validations ?? [])) setValidations(sheet, group, plan.listSources);
  // The add-on's rules are recognised by their formulas and replaced; a person's own rules stay.
  if (ownRules) {
    const current = rulesBefore ?? sheet.getConditionalFormatRules();
    const oldRules = new Set(update.oldRules);
    const kept = current.filter((rule) => {
      const formula = customFormula(rule);
      return formula === null || !oldRules.has(ruleFingerprint(formula));
    });
    const wanted = spec.conditionalFormats ?? [];
    const already =
      current.length === kept.length + wanted.length &&
      kept.every((rule, i) => current[i] === rule) &&
      wanted.every((rule, i) => sameRule(current[kept.length + i], rule));
    if (!already) sheet.setConditionalFormatRules([...kept, ...wanted.map((rule) => buildConditionalRule(sheet, rule))]);
  }
  if (replacesCharts) {
    for (const chart of chartsBefore) {
      const anchor = chart.getContainerInfo();
      const row = anchor.getAnchorRow() - 1;
      const col = anchor.getAnchorColumn() - 1;
      if (update.clear.some((r) => row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols)) sheet.removeChart(chart);
    }
    for (const chart of spec.charts ?? []) sheet.insertChart(buildChart(sheet, chart));
  }
  setAddedColumns(sheet, spec, update.addedColumns);
  // Frozen lines the add-on set last time and sets again stay set, unless rows or columns were added
  // or removed among them. A person who changed them keeps their choice.
  const frozenRows = spec.frozenRows ?? 0;
  const frozenColumns = spec.frozenColumns ?? 0;
  const shifts = (ops: ReadonlyArray<RowOp | ColumnOp>, frozen: number): boolean =>
    ops.some((op) => (op.op === 'move' ? Math.min(op.from, op.to) : op.at) < frozen);
  if (!drawn || drawn.frozenRows !== frozenRows || shifts(update.rowOps, frozenRows)) sheet.setFrozenRows(frozenRows);
  if (!drawn || drawn.frozenColumns !== frozenColumns || shifts(update.columnOps, frozenColumns)) sheet.setFrozenColumns(frozenColumns);
  if (spec.tabColor && drawn?.tabColor !== spec.tabColor) sheet.setTabColor(spec.tabColor);
}

/** Columns the update added: their widths (adjacent ones of one width in one call) and visibility, as on a new tab. */
function setAddedColumns(sheet: Sheet, spec: TabSpec, added: readonly number[]): void {
  const widthOf = (c: number): number => spec.columns[c]?.width ?? DEFAULT_COLUMN_WIDTH;
  const runs = (next: (c: number, last: number) => boolean): Array<{ col: number; cols: number }> => {
    const out: Array<{ col: number; cols: number }> = [];
    for (const col of [...added].sort((a, b) => a - b)) {
      const last = out[out.length - 1];
      if (last && last.col + last.cols === col && next(col, last.col)) last.cols++;
      else out.push({ col, cols: 1 });
    }
    return out;
  };
  for (const run of runs((c, first) => widthOf(c) === widthOf(first))) sheet.setColumnWidths(run.col + 1, run.cols, widthOf(run.col));
  for (const run of runs(() => true)) {
    let start = -1;
    for (let c = run.col; c <= run.col + run.cols; c++) {
      if (c < run.col + run.cols && spec.columns[c]?.hidden) {
        if (start < 0) start = c;
      } else if (start >= 0) {
        sheet.hideColumns(start + 1, c - start);
        start = -1;
      }
    }
  }
}

/** The formula of a custom-formula rule, null for another kind of rule. */
function customFormula(rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule): string | null {
  const condition = rule.getBooleanCondition();
  return condition && String(condition.getCriteriaType()) === 'CUSTOM_FORMULA' ? String(condition.getCriteriaValues()[0] ?? '') : null;
}

/** Whether a rule the sheet has is exactly the spec's (its formula, look and ranges): then it need not be written again. */
function sameRule(rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule, spec: ConditionalFormatSpec): boolean {
  const condition = rule.getBooleanCondition();
  if (!condition || customFormula(rule) !== spec.formula) return false;
  const { style } = spec;
  const same = <T>(now: T | null, wanted: T | undefined): boolean => (now ?? null) === (wanted ?? null);
  if (!same(condition.getBackground(), style.background) || !same(condition.getFontColor(), style.fontColor)) return false;
  if (!same(condition.getBold(), style.bold) || !same(condition.getItalic(), style.italic) || !same(condition.getStrikethrough(), style.strikethrough))
    return false;
  const ranges = rule.getRanges().map((range) => range.getA1Notation());
  return ranges.length === spec.ranges.length && spec.ranges.every((r, i) => ranges[i] === a1Range(r));
}

/**
 * Empties the sheet and gives it exactly the grid's size; returns the grid's range. Frozen rows and
 * columns are released first: Sheets refuses to delete rows down to the frozen ones.
 */
function resetSheet(sheet: Sheet, size: GridSize): Range {
  sheet.setFrozenRows(0);
  sheet.setFrozenColumns(0);
  fitSheet(sheet, size, { rows: sheet.getMaxRows(), cols: sheet.getMaxColumns() });
  const whole = sheet.getRange(1, 1, size.rows, size.cols);
  whole.breakApart();
  sheet.clear();
  sheet.clearNotes();
  whole.clearDataValidations();
  return whole;
}

/**
 * setValues parses a string the way Sheets parses typing: "=1+1" becomes a formula, "+86 138" a
 * formula error, "001" the number 1, "2026-12-01" a date, "TRUE" a boolean. A leading apostrophe is
 * Sheets' quote prefix: what follows is stored as text and the apostrophe is not part of the value
 * (getValues returns the text without it). Strings that could be parsed — those starting with
 * = + - @ or an apostrophe, holding a digit, or spelling a boolean — get the prefix; other text is
 * written as is so that the cell's edit line shows exactly what the user expects.
 * (A plain-text "@" number format would also keep input literal, but a formula written into it
 * becomes text too, and whether a quote prefix is then kept as a character is not documented;
 * writing values into automatic cells with the prefix avoids both questions.)
 */
export function literalText(text: string): string {
  return /^[=+\-@']|\d|^\s*(true|false)\s*$/i.test(text) ? `'${text}` : text;
}

function valueGrid(spec: TabSpec, size: GridSize): (string | number | boolean)[][] {
  const out: (string | number | boolean)[][] = [];
  for (let r = 0; r < size.rows; r++) {
    const source = spec.rows[r] ?? [];
    const row: (string | number | boolean)[] = new Array(size.cols);
    for (let c = 0; c < size.cols; c++) {
      const cell = source[c];
      if (isFormulaCell(cell)) row[c] = cell.formula;
      else if (typeof cell === 'string') row[c] = cell === '' ? '' : literalText(cell);
      else if (typeof cell === 'number') row[c] = Number.isFinite(cell) ? cell : '';
      else if (typeof cell === 'boolean') row[c] = cell;
      else row[c] = '';
    }
    out.push(row);
  }
  return out;
}

/**
 * One matrix call per property. Over cells that may hold a previous draw's styles every property is
 * written, defaults included, so stale ones go; over cells known to be plain (`skipDefaults`: a new
 * or just-cleared sheet) a property no cell sets is left out.
 */
function writeStyles(grid: Range, styles: CellStyle[][], options: { skipDefaults?: boolean } = {}): void {
  const wrap = SpreadsheetApp.WrapStrategy;
  const write = <T>(pick: (style: CellStyle) => T, isSet: (style: CellStyle) => boolean, set: (values: T[][]) => unknown): void => {
    if (options.skipDefaults && !styles.some((row) => row.some(isSet))) return;
    set(styles.map((row) => row.map(pick)));
  };
  write(
    (s) => s.background ?? null,
    (s) => s.background !== undefined,
    (v) => grid.setBackgrounds(v),
  );
  // Colour, weight, italics, strike-through and size in one matrix of text styles (one call, not five).
  // Every style states all five, defaults included, so whatever a cell had before is replaced.
  const textStyles = new Map<string, GoogleAppsScript.Spreadsheet.TextStyle>();
  write(
    (s) => {
      const color = s.fontColor ?? DEFAULT_FONT_COLOR;
      const size = s.fontSize ?? DEFAULT_FONT_SIZE;
      const key = `${color}|${size}|${s.bold ? 1 : 0}${s.italic ? 1 : 0}${s.strikethrough ? 1 : 0}`;
      let style = textStyles.get(key);
      if (!style) {
        style = SpreadsheetApp.newTextStyle()
          .setForegroundColor(color)
          .setFontSize(size)
          .setBold(s.bold === true)
          .setItalic(s.italic === true)
          .setStrikethrough(s.strikethrough === true)
          .build();
        textStyles.set(key, style);
      }
      return style;
    },
    (s) =>
      (s.fontColor !== undefined && s.fontColor !== DEFAULT_FONT_COLOR) ||
      s.bold === true ||
      s.italic === true ||
      s.strikethrough === true ||
      (s.fontSize !== undefined && s.fontSize !== DEFAULT_FONT_SIZE),
    (v) => grid.setTextStyles(v),
  );
  write(
    (s) => (s.wrap ? wrap.WRAP : wrap.OVERFLOW),
    (s) => s.wrap === true,
    (v) => grid.setWrapStrategies(v),
  );
  write(
    (s) => s.hAlign ?? null,
    (s) => s.hAlign !== undefined,
    (v) => grid.setHorizontalAlignments(v),
  );
  write(
    (s) => s.vAlign ?? null,
    (s) => s.vAlign !== undefined,
    (v) => grid.setVerticalAlignments(v),
  );
}

function noteGrid(spec: TabSpec, size: GridSize): string[][] {
  const notes: string[][] = [];
  for (let r = 0; r < size.rows; r++) notes.push(new Array<string>(size.cols).fill(''));
  for (const note of spec.notes ?? []) notes[note.row][note.col] = note.text;
  return notes;
}

/**
 * Adjacent columns of equal width share one call; so do adjacent hidden or shown columns. A fresh
 * sheet's columns already have the default width and are all shown.
 */
function setColumnWidths(sheet: Sheet, spec: TabSpec, cols: number, options: { fresh?: boolean } = {}): void {
  const widthOf = (c: number): number => spec.columns[c]?.width ?? DEFAULT_COLUMN_WIDTH;
  const hidden = (c: number): boolean => spec.columns[c]?.hidden === true;
  let start = 0;
  for (let c = 1; c <= cols; c++) {
    if (c < cols && widthOf(c) === widthOf(start)) continue;
    if (!options.fresh || widthOf(start) !== DEFAULT_COLUMN_WIDTH) sheet.setColumnWidths(start + 1, c - start, widthOf(start));
    start = c;
  }
  // A regenerated tab may have had hidden columns elsewhere: show all, then hide ours.
  if (!options.fresh) sheet.showColumns(1, cols);
  start = -1;
  for (let c = 0; c <= cols; c++) {
    if (c < cols && hidden(c)) {
      if (start < 0) start = c;
    } else if (start >= 0) {
      sheet.hideColumns(start + 1, c - start);
      start = -1;
    }
  }
}

/** One run of side-by-side validations, in one call. */
function setValidations(sheet: Sheet, group: ValidationSpec[], listSources: Map<ValidationSpec, Range | null>): void {
  if (group.length === 1) {
    rangeOf(sheet, group[0].range).setDataValidation(buildValidation(sheet, group[0], listSources));
    return;
  }
  const first = group[0].range;
  const line = group.flatMap((validation) =>
    new Array<GoogleAppsScript.Spreadsheet.DataValidation>(validation.range.cols).fill(buildValidation(sheet, validation, listSources)),
  );
  rangeOf(sheet, { row: first.row, col: first.col, rows: first.rows, cols: line.length }).setDataValidations(Array.from({ length: first.rows }, () => line));
}

/** Validations in runs of the same rows and adjacent columns, in column order: each run is one rectangle. */
function sideBySide(validations: readonly ValidationSpec[]): ValidationSpec[][] {
  const sorted = [...validations].sort((a, b) => a.range.row - b.range.row || a.range.rows - b.range.rows || a.range.col - b.range.col);
  const groups: ValidationSpec[][] = [];
  for (const validation of sorted) {
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1].range;
    const r = validation.range;
    if (last && last.row === r.row && last.rows === r.rows && last.col + last.cols === r.col) group.push(validation);
    else groups.push([validation]);
  }
  return groups;
}

function rangeOf(sheet: Sheet, r: RangeRef): Range {
  return sheet.getRange(r.row + 1, r.col + 1, r.rows, r.cols);
}

function buildValidation(
  sheet: Sheet,
  validation: ValidationSpec,
  listSources: Map<ValidationSpec, Range | null>,
): GoogleAppsScript.Spreadsheet.DataValidation {
  const rule = validation.rule;
  const builder = SpreadsheetApp.newDataValidation();
  switch (rule.type) {
    case 'list':
      return builder
        .requireValueInList(rule.values, true)
        .setAllowInvalid(rule.strict !== true)
        .build();
    case 'listFromRange': {
      const source = listSources.get(validation) ?? sheet.getRange(rule.a1);
      return builder
        .requireValueInRange(raw(source), true)
        .setAllowInvalid(rule.strict !== true)
        .build();
    }
    case 'checkbox':
      return builder.requireCheckbox().build();
  }
}

function buildConditionalRule(sheet: Sheet, spec: ConditionalFormatSpec): GoogleAppsScript.Spreadsheet.ConditionalFormatRule {
  const builder = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied(spec.formula);
  const style = spec.style;
  if (style.background !== undefined) builder.setBackground(style.background);
  if (style.fontColor !== undefined) builder.setFontColor(style.fontColor);
  if (style.bold !== undefined) builder.setBold(style.bold);
  if (style.italic !== undefined) builder.setItalic(style.italic);
  if (style.strikethrough !== undefined) builder.setStrikethrough(style.strikethrough);
  return builder.setRanges(spec.ranges.map((r) => raw(rangeOf(sheet, r)))).build();
}

function buildChart(sheet: Sheet, spec: ChartSpec): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  const typed = sheet.newChart();
  let builder: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder =
    spec.type === 'bar' ? typed.asBarChart() : spec.type === 'line' ? typed.asLineChart() : typed.asColumnChart();
  for (const r of spec.ranges) builder = builder.addRange(raw(rangeOf(sheet, r)));
  builder = builder
    .setNumHeaders(1)
    .setOption('title', spec.title)
    .setPosition(spec.anchor.row + 1, spec.anchor.col + 1, 0, 0);
  if (spec.width !== undefined) builder = builder.setOption('width', spec.width);
  if (spec.height !== undefined) builder = builder.setOption('height', spec.height);
  if (spec.valueLabels) {
    // Sheets' chart option for a label with each bar's value, per series (the Charts "dataLabel" option).
    const series: Record<number, { dataLabel: string }> = {};
    for (let i = 0; i < spec.ranges.length - 1; i++) series[i] = { dataLabel: 'value' };
    builder = builder.setOption('series', series);
  }
  return builder.build();
}
