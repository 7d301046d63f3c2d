/**
 * A TabSpec kept in memory, edited the way Sheets edits a sheet: whole rows and columns are deleted,
 * moved and inserted with everything on them (values, formats, styles, notes, validations, merges,
 * conditional-format ranges, hidden rows), and rectangles are cleared or overwritten without touching
 * the cells around them. The local workbook applies the add-on's TabUpdate with these, so a tab
 * updated in the playground or in an .xlsx keeps what people added exactly as Sheets does.
 */
import { applyRowOp, type ColumnOp, type RowOp } from '../core/tab/row-ops';
import { ruleFingerprint, type TabUpdate } from '../core/tab/layers';
import {
  formatGrid,
  gridWidth,
  styleGrid,
  type Cell,
  type CellFormat,
  type CellStyle,
  type FormatRun,
  type RangeRef,
  type StyleRun,
  type TabSpec,
} from '../core/tab/spec';

function intersects(a: RangeRef, b: RangeRef): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

/** `a` without the cells of `b`, as up to four rectangles. */
export function subtract(a: RangeRef, b: RangeRef): RangeRef[] {
  if (!intersects(a, b)) return [a];
  const out: RangeRef[] = [];
  const top = Math.max(a.row, b.row);
  const bottom = Math.min(a.row + a.rows, b.row + b.rows);
  if (a.row < top) out.push({ row: a.row, col: a.col, rows: top - a.row, cols: a.cols });
  if (bottom < a.row + a.rows) out.push({ row: bottom, col: a.col, rows: a.row + a.rows - bottom, cols: a.cols });
  const left = Math.max(a.col, b.col);
  const right = Math.min(a.col + a.cols, b.col + b.cols);
  if (a.col < left) out.push({ row: top, col: a.col, rows: bottom - top, cols: left - a.col });
  if (right < a.col + a.cols) out.push({ row: top, col: right, rows: bottom - top, cols: a.col + a.cols - right });
  return out;
}

/**
 * A range after rows (or columns) moved: its rows are sent through `destination` and regrouped into
 * runs of consecutive rows, so a range split by a move becomes several.
 */
function mapRange(range: RangeRef, destination: (index: number) => number | null, axis: 'row' | 'col'): RangeRef[] {
  const start = axis === 'row' ? range.row : range.col;
  const length = axis === 'row' ? range.rows : range.cols;
  const targets: number[] = [];
  for (let i = start; i < start + length; i++) {
    const to = destination(i);
    if (to !== null) targets.push(to);
  }
  targets.sort((a, b) => a - b);
  const out: RangeRef[] = [];
  for (const at of targets) {
    const last = out[out.length - 1];
    const lastEnd = last ? (axis === 'row' ? last.row + last.rows : last.col + last.cols) : -1;
    if (last && lastEnd === at) {
      if (axis === 'row') last.rows++;
      else last.cols++;
    } else out.push(axis === 'row' ? { ...range, row: at, rows: 1 } : { ...range, col: at, cols: 1 });
  }
  return out;
}

/** Applies one row or column operation to a spec. Inserted rows and columns take the formats of the one before them. */
export function applyStructureOp(spec: TabSpec, op: RowOp | ColumnOp, axis: 'row' | 'col'): TabSpec {
  const used = axis === 'row' ? Math.max(spec.rows.length, extent(spec, 'row')) : Math.max(gridWidth(spec), spec.columns.length, extent(spec, 'col'));
  const reach = op.op === 'move' ? Math.max(op.from + op.count, op.to) : op.op === 'delete' ? op.at + op.count : op.at;
  const size = Math.max(used, reach);
  const before = op.op === 'insert' && op.at > 0 ? op.at - 1 : null;
  const { oldToNew, newToOld } = applyRowOp(op, size);
  const shift = newToOld.length - size;
  const destination = (i: number): number | null => (i < size ? oldToNew[i] : i + shift);
  const mapAll = (ranges: RangeRef[]): RangeRef[] => ranges.flatMap((r) => mapRange(r, destination, axis));

  let rows: Cell[][];
  let columns = spec.columns;
  if (axis === 'row') {
    rows = newToOld.map((old) => (old === null ? [] : [...(spec.rows[old] ?? [])]));
    while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  } else {
    rows = spec.rows.map((line) => newToOld.map((old) => (old === null ? null : (line[old] ?? null))));
    columns = newToOld.map((old, i) => {
      if (old !== null) return spec.columns[old] ?? { key: `c${i}` };
      const model = before !== null ? spec.columns[before] : undefined;
      return { key: `c${i}`, ...(model?.width !== undefined ? { width: model.width } : {}) };
    });
  }

  const mapRuns = <T extends { range: RangeRef }>(runs: T[] | undefined): T[] =>
    (runs ?? []).flatMap((run) => mapAll([run.range]).map((range) => ({ ...run, range })));
  // Inserted rows or columns copy the formats and styles of the one before them, as Sheets does.
  const copyBefore = <T extends { range: RangeRef }>(runs: T[]): T[] => {
    if (op.op !== 'insert' || before === null) return runs;
    const copies: T[] = [];
    for (const run of runs) {
      const r = run.range;
      const covers = axis === 'row' ? r.row <= before && before < r.row + r.rows : r.col <= before && before < r.col + r.cols;
      if (!covers) continue;
      copies.push({ ...run, range: axis === 'row' ? { ...r, row: op.at, rows: op.count } : { ...r, col: op.at, cols: op.count } });
    }
    return [...runs, ...copies];
  };

  const notes = (spec.notes ?? []).flatMap((note) => {
    const to = destination(axis === 'row' ? note.row : note.col);
    return to === null ? [] : [axis === 'row' ? { ...note, row: to } : { ...note, col: to }];
  });
  const charts = (spec.charts ?? []).flatMap((chart) => {
    const to = destination(axis === 'row' ? chart.anchor.row : chart.anchor.col);
    if (to === null) return [];
    return [{ ...chart, anchor: axis === 'row' ? { ...chart.anchor, row: to } : { ...chart.anchor, col: to }, ranges: mapAll(chart.ranges) }];
  });
  // A merge a row or column is taken out of, or moved out of, is broken apart, as in Sheets.
  const merges = (spec.merges ?? []).flatMap((merge) => {
    const mapped = mapAll([merge]);
    const length = axis === 'row' ? merge.rows : merge.cols;
    return mapped.length === 1 && (axis === 'row' ? mapped[0].rows : mapped[0].cols) >= length ? mapped : [];
  });

  const result: TabSpec = {
    ...spec,
    rows,
    columns,
    formats: copyBefore(mapRuns(spec.formats)),
    styles: copyBefore(mapRuns(spec.styles)),
    validations: copyBefore(mapRuns(spec.validations)),
    conditionalFormats: (spec.conditionalFormats ?? []).map((rule) => ({ ...rule, ranges: copyBeforeRanges(mapAll(rule.ranges), op, before, axis) })),
    notes,
    merges,
    charts,
  };
  if (axis === 'row' && spec.hiddenRows) result.hiddenRows = spec.hiddenRows.flatMap((row) => (destination(row) === null ? [] : [destination(row) as number]));
  return result;
}

/** A conditional format's range that covered the row before an insert grows over the inserted rows. */
function copyBeforeRanges(ranges: RangeRef[], op: RowOp | ColumnOp, before: number | null, axis: 'row' | 'col'): RangeRef[] {
  if (op.op !== 'insert' || before === null) return ranges;
  const extra: RangeRef[] = [];
  for (const r of ranges) {
    const covers = axis === 'row' ? r.row <= before && before < r.row + r.rows : r.col <= before && before < r.col + r.cols;
    if (covers) extra.push(axis === 'row' ? { ...r, row: op.at, rows: op.count } : { ...r, col: op.at, cols: op.count });
  }
  return [...ranges, ...extra];
}

/** The furthest row or column any part of the spec reaches. */
function extent(spec: TabSpec, axis: 'row' | 'col'): number {
  let end = 0;
  const cover = (r: RangeRef): void => {
    end = Math.max(end, axis === 'row' ? r.row + r.rows : r.col + r.cols);
  };
  for (const run of [...(spec.formats ?? []), ...(spec.styles ?? []), ...(spec.validations ?? [])]) cover(run.range);
  for (const merge of spec.merges ?? []) cover(merge);
  for (const rule of spec.conditionalFormats ?? []) rule.ranges.forEach(cover);
  for (const note of spec.notes ?? []) cover({ row: note.row, col: note.col, rows: 1, cols: 1 });
  for (const row of spec.hiddenRows ?? []) if (axis === 'row') end = Math.max(end, row + 1);
  return end;
}

/** Empties a rectangle: values, formats, styles, validations and merges inside it (notes stay, as in Sheets). */
export function clearRange(spec: TabSpec, range: RangeRef): TabSpec {
  const rows = spec.rows.map((line, r) =>
    r >= range.row && r < range.row + range.rows ? line.map((cell, c) => (c >= range.col && c < range.col + range.cols ? null : cell)) : line,
  );
  const minus = <T extends { range: RangeRef }>(runs: T[] | undefined): T[] =>
    (runs ?? []).flatMap((run) => subtract(run.range, range).map((r) => ({ ...run, range: r })));
  const clearedFormats: FormatRun[] = minus(spec.formats);
  // Below the header a column's default format applies; a cleared cell goes back to automatic.
  for (let c = range.col; c < range.col + range.cols; c++) {
    const columnFormat = spec.columns[c]?.format;
    if (!columnFormat || columnFormat === 'general') continue;
    const top = Math.max(range.row, spec.headerRows);
    if (top < range.row + range.rows) clearedFormats.push({ range: { row: top, col: c, rows: range.row + range.rows - top, cols: 1 }, format: 'general' });
  }
  return {
    ...spec,
    rows,
    formats: clearedFormats,
    styles: minus(spec.styles),
    validations: minus(spec.validations),
    merges: (spec.merges ?? []).filter((merge) => !intersects(merge, range)),
  };
}

/** Per-row runs of equal values over a rectangle of a grid. */
function runsOf<T>(grid: T[][], range: RangeRef, same: (a: T, b: T) => boolean): Array<{ range: RangeRef; value: T }> {
  const runs: Array<{ range: RangeRef; value: T }> = [];
  for (let r = range.row; r < range.row + range.rows; r++) {
    let start = range.col;
    for (let c = range.col + 1; c <= range.col + range.cols; c++) {
      if (c < range.col + range.cols && same(grid[r][c], grid[r][start])) continue;
      runs.push({ range: { row: r, col: start, rows: 1, cols: c - start }, value: grid[r][start] });
      start = c;
    }
  }
  return runs;
}

const sameStyle = (a: CellStyle, b: CellStyle): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Writes a rectangle of `from` over `spec`: with `values`, the cells, their number formats and notes;
 * with `styles`, their styles. Cells outside the rectangle are left as they are.
 */
export function writeRegion(spec: TabSpec, from: TabSpec, range: RangeRef, what: { values: boolean; styles: boolean }): TabSpec {
  const height = range.row + range.rows;
  const width = range.col + range.cols;
  let result: TabSpec = { ...spec };
  const minus = <T extends { range: RangeRef }>(runs: T[] | undefined): T[] =>
    (runs ?? []).flatMap((run) => subtract(run.range, range).map((r) => ({ ...run, range: r })));
  if (what.values) {
    const rows = spec.rows.map((line) => [...line]);
    while (rows.length < height) rows.push([]);
    for (let r = range.row; r < height; r++) {
      const line = rows[r];
      while (line.length < width) line.push(null);
      for (let c = range.col; c < width; c++) line[c] = from.rows[r]?.[c] ?? null;
    }
    const formats = formatGrid(from, height, width);
    result = {
      ...result,
      rows,
      formats: [
        ...minus(spec.formats),
        ...runsOf<CellFormat>(formats, range, (a, b) => a === b).map((run): FormatRun => ({ range: run.range, format: run.value })),
      ],
      notes: [
        ...(spec.notes ?? []).filter((note) => !(note.row >= range.row && note.row < height && note.col >= range.col && note.col < width)),
        ...(from.notes ?? []).filter((note) => note.row >= range.row && note.row < height && note.col >= range.col && note.col < width),
      ],
    };
  }
  if (what.styles) {
    const styles = styleGrid(from, height, width);
    result = {
      ...result,
      styles: [
        ...minus(result.styles),
        ...runsOf<CellStyle>(styles, range, sameStyle)
          .filter((run) => Object.keys(run.value).length > 0)
          .map((run): StyleRun => ({ range: run.range, style: run.value })),
      ],
    };
  }
  return result;
}

/**
 * An existing tab brought up to date as the planner said: clear the old blocks, add and remove the
 * add-on's columns, move the rows, write the add-on's cells, then its validations, rules and merges.
 */
export function applyTabUpdate(current: TabSpec, fresh: TabSpec, update: TabUpdate): TabSpec {
  let spec = current;
  for (const range of update.clear) spec = clearRange(spec, range);
  const ourNotes = new Set(update.clearNotes.map((at) => `${at.row},${at.col}`));
  spec = { ...spec, notes: (spec.notes ?? []).filter((note) => !ourNotes.has(`${note.row},${note.col}`)) };
  for (const op of update.columnOps) spec = applyStructureOp(spec, op, 'col');
  for (const op of update.rowOps) spec = applyStructureOp(spec, op, 'row');
  for (const col of update.addedColumns) {
    const columns = [...spec.columns];
    while (columns.length <= col) columns.push({ key: `c${columns.length}` });
    columns[col] = { ...(fresh.columns[col] ?? columns[col]) };
    spec = { ...spec, columns };
  }
  for (const write of update.writes) spec = writeRegion(spec, fresh, write.range, write);

  // The add-on's dropdowns replace whatever validation their cells had; its rules replace its old ones.
  let validations = spec.validations ?? [];
  for (const validation of fresh.validations ?? [])
    validations = validations.flatMap((v) => subtract(v.range, validation.range).map((range) => ({ ...v, range })));
  const oldRules = new Set(update.oldRules);
  const blocks = update.writes.filter((w) => w.values && w.styles).map((w) => w.range);
  return {
    ...spec,
    validations: [...validations, ...(fresh.validations ?? [])],
    conditionalFormats: [
      ...(spec.conditionalFormats ?? []).filter((rule) => !oldRules.has(ruleFingerprint(rule.formula))),
      ...(fresh.conditionalFormats ?? []),
    ],
    merges: [...(spec.merges ?? []).filter((m) => !blocks.some((b) => intersects(m, b))), ...(fresh.merges ?? [])],
    charts: [
      ...(spec.charts ?? []).filter((chart) => !update.clear.some((b) => intersects({ ...chart.anchor, rows: 1, cols: 1 }, b))),
      ...(fresh.charts ?? []),
    ],
    headerRows: fresh.headerRows,
    frozenRows: fresh.frozenRows,
    frozenColumns: fresh.frozenColumns,
    tabColor: fresh.tabColor ?? spec.tabColor,
    print: fresh.print ?? spec.print,
    marker: fresh.marker,
  };
}
