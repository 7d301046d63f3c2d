/**
 * Tabs as the features generate them, and what "the same tab" means once it went through an .xlsx:
 * the same values and formulas, and every cell looking the same (formats, colours, fonts, notes,
 * merges, hidden rows and columns, frozen panes).
 */
import fc from 'fast-check';
import {
  cellValue,
  formatGrid,
  gridWidth,
  isFormulaCell,
  range,
  styleGrid,
  type Cell,
  type CellFormat,
  type CellStyle,
  type RangeRef,
  type StyleRun,
  type TabSpec,
} from '../../src/core/tab/spec';
import { moveRelativeReferences } from '../../src/local/xlsx';

/** Rows as a person sees them: formulas with their text and cached value, '' as blank, no trailing blanks. */
function shownCells(spec: TabSpec): Array<[number, number, string]> {
  const cells: Array<[number, number, string]> = [];
  spec.rows.forEach((row, r) =>
    row.forEach((cell: Cell, c) => {
      const value = cellValue(cell);
      const formula = isFormulaCell(cell) ? cell.formula : null;
      if ((value === null || value === '') && formula === null) return;
      cells.push([r, c, JSON.stringify([formula, value === '' ? null : value])]);
    }),
  );
  return cells;
}

function height(spec: TabSpec): number {
  let rows = spec.rows.length;
  for (const run of [...(spec.formats ?? []), ...(spec.styles ?? [])]) rows = Math.max(rows, run.range.row + run.range.rows);
  return rows;
}

/** The cells of merges other than their top-left one show the top-left cell's look. */
function hiddenByMerge(spec: TabSpec, r: number, c: number): boolean {
  return (spec.merges ?? []).some((m) => r >= m.row && r < m.row + m.rows && c >= m.col && c < m.col + m.cols && (r !== m.row || c !== m.col));
}

/** A style as it looks: unset and "off" are the same, 11 pt and bottom alignment are every cell's defaults. */
function look(style: CellStyle): CellStyle {
  const shown: CellStyle = {};
  if (style.background) shown.background = style.background.toLowerCase();
  if (style.fontColor) shown.fontColor = style.fontColor.toLowerCase();
  if (style.bold) shown.bold = true;
  if (style.italic) shown.italic = true;
  if (style.strikethrough) shown.strikethrough = true;
  if (style.wrap) shown.wrap = true;
  if (style.hAlign) shown.hAlign = style.hAlign;
  if (style.vAlign && style.vAlign !== 'bottom') shown.vAlign = style.vAlign;
  if (style.fontSize !== undefined && style.fontSize !== 11) shown.fontSize = style.fontSize;
  return shown;
}

/**
 * Every cell's number format and look over the area both specs cover. A blank (or ''), unstyled
 * cell whose format is General while its column has another is left out: ExcelJS writes no cell
 * for it, so it takes its column's format, which shows nothing until someone types there.
 */
function cellLooks(spec: TabSpec, written: TabSpec, rows: number, cols: number): Array<[number, number, CellFormat | null, CellStyle]> {
  const formats = formatGrid(spec, rows, cols);
  const styles = styleGrid(spec, rows, cols);
  const writtenFormats = formatGrid(written, rows, cols);
  const writtenStyles = styleGrid(written, rows, cols);
  const cells: Array<[number, number, CellFormat | null, CellStyle]> = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (hiddenByMerge(written, r, c)) continue;
      const shown = cellValue(written.rows[r]?.[c]);
      const blank = (shown === null || shown === '') && !isFormulaCell(written.rows[r]?.[c]) && Object.keys(look(writtenStyles[r][c])).length === 0;
      // 'checkbox' and 'general' write the same number format; the checkbox itself is a dropdown.
      const format = formats[r][c] === 'checkbox' ? 'general' : formats[r][c];
      const general = writtenFormats[r][c] === 'general' || writtenFormats[r][c] === 'checkbox';
      cells.push([r, c, blank && general ? null : format, look(styles[r][c])]);
    }
  }
  return cells;
}

/**
 * Each range of each conditional format with the formula as it applies there: a rule over several
 * ranges is written as one rule per range, its formula moved to each range's top-left cell.
 */
function conditionalFormatsByRange(spec: TabSpec): string[] {
  return (spec.conditionalFormats ?? [])
    .flatMap((rule) =>
      rule.ranges.map((target) => {
        const formula = moveRelativeReferences(rule.formula, target.row - rule.ranges[0].row, target.col - rule.ranges[0].col);
        return JSON.stringify([target, formula, look(rule.style)]);
      }),
    )
    .sort();
}

export function expectSameTab(read: TabSpec, written: TabSpec): void {
  expect(shownCells(read)).toEqual(shownCells(written));
  const rows = Math.max(height(read), height(written));
  const cols = Math.max(gridWidth(read), gridWidth(written));
  expect(cellLooks(read, written, rows, cols)).toEqual(cellLooks(written, written, rows, cols));
  const sortNotes = (spec: TabSpec) => [...(spec.notes ?? [])].sort((a, b) => a.row - b.row || a.col - b.col);
  expect(sortNotes(read)).toEqual(sortNotes(written));
  const sortRanges = (ranges: RangeRef[] = []) => [...ranges].sort((a, b) => a.row - b.row || a.col - b.col);
  expect(sortRanges(read.merges)).toEqual(sortRanges(written.merges));
  expect(read.hiddenRows ?? []).toEqual([...new Set(written.hiddenRows ?? [])].sort((a, b) => a - b));
  expect(conditionalFormatsByRange(read)).toEqual(conditionalFormatsByRange(written));
  expect([read.frozenRows ?? 0, read.frozenColumns ?? 0]).toEqual([written.frozenRows ?? 0, written.frozenColumns ?? 0]);
  // ExcelJS's default column width is 9 digits (63 px): it writes no width for a column that has it,
  // and writes it for a column it formats or hides without a width.
  const columns = (spec: TabSpec) =>
    written.columns.map((_, index) => [spec.columns[index]?.width === 63 ? null : (spec.columns[index]?.width ?? null), spec.columns[index]?.hidden ?? false]);
  expect(columns(read)).toEqual(columns(written));
}

const colour = fc.constantFrom('#ff0000', '#1f4e79', '#d9ead3', '#ffffff', '#999999', '#38761d');
const style: fc.Arbitrary<CellStyle> = fc.record(
  {
    background: colour,
    fontColor: colour,
    bold: fc.boolean(),
    italic: fc.boolean(),
    strikethrough: fc.boolean(),
    wrap: fc.boolean(),
    hAlign: fc.constantFrom('left' as const, 'center' as const, 'right' as const),
    vAlign: fc.constantFrom('top' as const, 'middle' as const, 'bottom' as const),
    fontSize: fc.constantFrom(9, 10, 11, 12, 14),
  },
  { requiredKeys: [] },
);
const format = fc.constantFrom<CellFormat>('text', 'date', 'time', 'integer', 'decimal', 'percent', 'currency', 'checkbox', 'general');
const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '=', '+', '-', '@', '群', '人', '"', "'", ',', '<', '&', '\n'), maxLength: 8 });
const value: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  text,
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.integer({ min: 0, max: 99 }).map((n) => n / 4),
  fc.boolean(),
  fc.integer({ min: 0, max: 999 }).map((n) => ({ formula: `=A1+${n}`, value: n })),
  text.map((t) => ({ formula: '=CONCAT("a","b")', value: t })),
);
const WIDTH = 5;
const HEIGHT = 6;
const cellRange = fc
  .tuple(fc.integer({ min: 0, max: HEIGHT - 1 }), fc.integer({ min: 0, max: WIDTH - 1 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
  .map(([row, col, rows, cols]) => range(row, col, Math.min(rows, HEIGHT - row), Math.min(cols, WIDTH - col)));
/** Tabs of the kinds the features generate: a grid with formats, styles, notes, a merge, hidden rows. */
export const generatedTab: fc.Arbitrary<TabSpec> = fc
  .record({
    rows: fc.array(fc.array(value, { maxLength: WIDTH }), { maxLength: HEIGHT }),
    columns: fc.array(
      fc.record({
        width: fc.option(fc.integer({ min: 20, max: 300 }), { nil: undefined }),
        format: fc.option(format, { nil: undefined }),
        hidden: fc.boolean(),
      }),
      {
        minLength: WIDTH,
        maxLength: WIDTH,
      },
    ),
    headerRows: fc.integer({ min: 0, max: 2 }),
    frozenColumns: fc.integer({ min: 0, max: 2 }),
    styles: fc.array(fc.record({ range: cellRange, style }), { maxLength: 4 }),
    formats: fc.array(fc.record({ range: cellRange, format }), { maxLength: 3 }),
    notes: fc.uniqueArray(
      fc.record({
        row: fc.integer({ min: 0, max: HEIGHT - 1 }),
        col: fc.integer({ min: 0, max: WIDTH - 1 }),
        text: fc.string({ minLength: 1, maxLength: 12 }).filter((t) => t.trim() === t && t !== ''),
      }),
      {
        selector: (note) => `${note.row},${note.col}`,
        maxLength: 3,
      },
    ),
    merge: fc.option(cellRange, { nil: undefined }),
    hiddenRows: fc.uniqueArray(fc.integer({ min: 0, max: HEIGHT - 1 }), { maxLength: 2 }),
    conditionalFormats: fc.array(
      fc.record({
        ranges: fc.array(cellRange, { minLength: 1, maxLength: 2 }),
        formula: fc.constantFrom('=A1>1', '=$B1="已完成"', '=AND($A1<>"",A$1>TODAY())'),
        style: fc.record(
          { background: colour, fontColor: colour, bold: fc.constant(true), italic: fc.constant(true), strikethrough: fc.constant(true) },
          { requiredKeys: [] },
        ),
      }),
      { maxLength: 2 },
    ),
  })
  .map(({ rows, columns, headerRows, frozenColumns, styles, formats, notes, merge, hiddenRows, conditionalFormats }) => {
    const merges = merge && (merge.rows > 1 || merge.cols > 1) ? [merge] : [];
    // A merged area shows its top-left cell: the features write nothing into the others.
    const inMerge = (r: number, c: number) =>
      merges.some((m) => r >= m.row && r < m.row + m.rows && c >= m.col && c < m.col + m.cols && (r !== m.row || c !== m.col));
    return {
      name: '生成的表',
      marker: { kind: 'sop', key: { group: 'A群', cohort: '' } },
      rows: rows.map((row, r) => row.map((cell, c) => (inMerge(r, c) ? null : cell))),
      columns: columns.map((column, index) => ({ key: `k${index}`, ...column })),
      headerRows,
      frozenRows: headerRows,
      frozenColumns,
      styles: styles as StyleRun[],
      formats,
      notes: notes.filter((note) => !inMerge(note.row, note.col)),
      merges,
      hiddenRows,
      conditionalFormats,
    };
  });
