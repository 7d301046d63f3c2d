/**
 * A worksheet read back as the TabSpec it shows: the inverse of the xlsx renderer (renderTab in
 * src/local/xlsx.ts). Values, formulas with their cached results, number formats, styles, notes,
 * merges, dropdowns, conditional formats, column widths, hidden rows and columns, frozen panes, the
 * tab colour and how it prints — everything a person may have put on a tab, so that rewriting the tab keeps it.
 */
import ExcelJS from 'exceljs';
import type { TabMarker } from '../core/tab/marker';
import {
  NUMBER_FORMATS,
  type PrintSetup,
  type Cell,
  type CellFormat,
  type CellValue,
  type CellStyle,
  type ColumnSpec,
  type ConditionalFormatSpec,
  type FormatRun,
  type NoteSpec,
  type RangeRef,
  type StyleRun,
  type TabSpec,
  type ValidationRule,
  type ValidationSpec,
} from '../core/tab/spec';
import { formulaResult, toCellValue } from './xlsx-cell-value';
import type { ReadingCopy, SheetValidation } from './xlsx-reading-copy';
import { hexColor, themePalette, type ExcelColor } from './xlsx-colors';
import { CHECKBOX_LIST, OPEN_RANGE_LAST_ROW, PIXELS_PER_WIDTH_UNIT, openRange, rangeOfA1, reopenRanges } from './xlsx-conventions';
import { attributes, elementPattern, relationshipKind, unescapeXml, type XlsxPackage } from './xlsx-package';
import { printTitleRows, readPrintSetup } from './xlsx-print';

/** What a sheet's look is relative to: the theme's colours and the workbook's default font. */
export interface WorkbookLook {
  palette: string[];
  defaultFont: { size?: number; color?: string; bold: boolean; italic: boolean; strike: boolean };
}

export interface SheetReadContext {
  look: WorkbookLook;
  /** The notes of a sheet, read from the package: ExcelJS drops a note on a cell that holds nothing. */
  notes(sheet: string): NoteSpec[];
  /** The cached formula results of a sheet as its XML has them, by 0-based "row,col" (see readingCopy). */
  formulaResults(sheet: string): Map<string, CellValue>;
  /** The data validations of a sheet as its XML has them (see readingCopy). */
  validations(sheet: string): SheetValidation[];
  /** The values of a range of a sheet that is not read as a tab (the add-on's own lists), or null. */
  listValues(tab: string, a1: string): string[] | null;
  /** How a sheet prints: its page setup and the rows it repeats (workbook.xml's print titles). */
  printSetup(sheet: string): PrintSetup | undefined;
}

/** What reading the sheets of a package needs from the rest of it. */
export async function sheetReadContext(pkg: XlsxPackage, copy: ReadingCopy, listValues: SheetReadContext['listValues']): Promise<SheetReadContext> {
  const look = await workbookLook(pkg);
  const notes = await sheetNotes(pkg);
  const prints = await printSetups(pkg);
  return {
    look,
    notes: (sheet) => notes.get(sheet) ?? [],
    formulaResults: (sheet) => copy.formulaResults.get(sheet) ?? new Map(),
    validations: (sheet) => copy.validations.get(sheet) ?? [],
    listValues,
    printSetup: (sheet) => prints.get(sheet),
  };
}

/** Each worksheet's print setup, by sheet name (the reading copy keeps neither defined names nor all of a sheet's XML). */
async function printSetups(pkg: XlsxPackage): Promise<Map<string, PrintSetup>> {
  const setups = new Map<string, PrintSetup>();
  const titles = printTitleRows((await pkg.text(pkg.workbookPart)) ?? '');
  for (const [index, sheet] of (await pkg.sheets()).entries()) {
    const xml = sheet.kind === 'worksheet' && sheet.part ? await pkg.text(sheet.part) : null;
    const setup = xml === null ? undefined : readPrintSetup(xml, titles.get(index) ?? 0);
    if (setup) setups.set(sheet.name, setup);
  }
  return setups;
}

/** Each worksheet's notes (its comments part), by sheet name. */
async function sheetNotes(pkg: XlsxPackage): Promise<Map<string, NoteSpec[]>> {
  const notes = new Map<string, NoteSpec[]>();
  for (const sheet of await pkg.sheets()) {
    if (!sheet.part) continue;
    const found: NoteSpec[] = [];
    for (const rel of await pkg.relationships(sheet.part)) {
      const part = relationshipKind(rel.type) === 'comments' ? pkg.targetPart(sheet.part, rel) : null;
      const xml = part ? await pkg.text(part) : null;
      for (const [comment] of (xml ?? '').matchAll(elementPattern('comment'))) {
        const at = rangeOfA1(attributes(/^<[^>]*>/.exec(comment)![0]).get('ref') ?? '');
        const text = commentText(comment);
        if (at && text) found.push({ row: at.row, col: at.col, text });
      }
    }
    if (found.length)
      notes.set(
        sheet.name,
        found.sort((a, b) => a.row - b.row || a.col - b.col),
      );
  }
  return notes;
}

/** The text of a comment: its runs' text, without the phonetic guides some East Asian files carry. */
function commentText(comment: string): string {
  const text = elementPattern('text', '').exec(comment)?.[0] ?? '';
  const withoutPhonetics = text.replace(elementPattern('rPh'), '');
  return Array.from(withoutPhonetics.matchAll(/<((?:[\w.-]+:)?)t\b[^>]*?(?:\/>|>([\s\S]*?)<\/\1t>)/g), (match) => unescapeXml(match[2] ?? '')).join('');
}

/**
 * The theme's colours and the first font of the styles part, which every cell without a font of
 * its own shows: a cell's font counts as styled only where it differs from it.
 */
async function workbookLook(pkg: XlsxPackage): Promise<WorkbookLook> {
  const rels = await pkg.relationships(pkg.workbookPart);
  const partText = async (kind: string): Promise<string | null> => {
    const rel = rels.find((candidate) => relationshipKind(candidate.type) === kind);
    const part = rel ? pkg.targetPart(pkg.workbookPart, rel) : null;
    return part ? pkg.text(part) : null;
  };
  const palette = themePalette(await partText('theme'));
  const fonts = elementPattern('fonts', '').exec((await partText('styles')) ?? '')?.[0] ?? '';
  const font = elementPattern('font', '').exec(fonts.replace(/^<[^>]*>/, ''))?.[0] ?? '';
  const child = (name: string): Map<string, string> | null => {
    const tag = new RegExp(`<(?:[\\w.-]+:)?${name}\\b[^>]*>`).exec(font)?.[0];
    return tag ? attributes(tag) : null;
  };
  const flag = (name: string): boolean => {
    const attrs = child(name);
    return attrs !== null && !/^(0|false)$/.test(attrs.get('val') ?? '');
  };
  const size = Number(child('sz')?.get('val'));
  const color = child('color');
  const excelColor: ExcelColor | undefined = color
    ? {
        argb: color.get('rgb'),
        theme: color.has('theme') ? Number(color.get('theme')) : undefined,
        indexed: color.has('indexed') ? Number(color.get('indexed')) : undefined,
        tint: color.has('tint') ? Number(color.get('tint')) : undefined,
      }
    : undefined;
  return {
    palette,
    defaultFont: {
      size: Number.isFinite(size) && size > 0 ? size : undefined,
      color: hexColor(excelColor, palette),
      bold: flag('b'),
      italic: flag('i'),
      strike: flag('strike'),
    },
  };
}

/** ExcelJS's typings leave out the part of a worksheet the reader needs. */
interface WorksheetInternals {
  conditionalFormattings: ExcelJS.ConditionalFormattingOptions[];
}

/** Columns defined this far are a sheet-wide setting (Excel 2003 stopped at column 256). */
const SHEET_WIDE_COLUMNS = 256;

const FORMAT_OF_CODE = new Map<string, CellFormat>(
  (Object.entries(NUMBER_FORMATS) as Array<[CellFormat, string]>)
    .filter(([format]) => format !== 'checkbox')
    .map(([format, code]) => [code.toLowerCase(), format]),
);

export function readSheetSpec(sheet: ExcelJS.Worksheet, marker: TabMarker | null, context: SheetReadContext): TabSpec {
  const internals = sheet as unknown as WorksheetInternals;
  const view = sheet.views?.[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
  const frozen = view?.state === 'frozen';
  const frozenRows = frozen ? (view?.ySplit ?? 0) : 0;
  const frozenColumns = frozen ? (view?.xSplit ?? 0) : 0;
  // The frozen rows are the header a person sees; column formats apply below them.
  const headerRows = frozenRows;
  const { columns, columnFormats, lastColumn } = readColumns(sheet);
  const validationList = context.validations(sheet.name);
  const cells = readCells(sheet, context, headerRows, columnFormats, checkboxRanges(validationList));
  const used = Math.max(cells.width, lastColumn);
  for (let c = 0; c < used; c++) columns[c] ??= { key: `c${c}` };
  columns.length = withoutSheetWideColumns(columns, used);

  const spec: TabSpec = { name: sheet.name, marker: marker ?? { kind: 'plain', key: {} }, columns, rows: cells.rows, headerRows };
  if (frozenRows) spec.frozenRows = frozenRows;
  if (frozenColumns) spec.frozenColumns = frozenColumns;
  const formats: FormatRun[] = runsOf(cells.formats, (format) => format).map(({ range, value }) => ({ range, format: value }));
  if (formats.length) spec.formats = formats;
  const styles: StyleRun[] = runsOf(cells.styles, (style) => JSON.stringify(style)).map(({ range, value }) => ({ range, style: value }));
  if (styles.length) spec.styles = styles;
  const merges = (sheet.model.merges ?? []).map(rangeOfA1).filter((merge): merge is RangeRef => merge !== null);
  if (merges.length) spec.merges = merges;
  // A rule over whole columns covers the rows the tab has, and at least as many as an open range.
  const lastRow = Math.max(OPEN_RANGE_LAST_ROW, cells.rows.length, sheet.rowCount);
  const validations = readValidations(validationList, context, lastRow);
  if (validations.length) spec.validations = validations;
  const conditionalFormats = readConditionalFormats(internals, context.look, lastRow);
  if (conditionalFormats.length) spec.conditionalFormats = conditionalFormats;
  const notes = context.notes(sheet.name);
  if (notes.length) spec.notes = notes;
  const tabColor = hexColor(sheet.properties.tabColor as ExcelColor | undefined, context.look.palette);
  if (tabColor) spec.tabColor = tabColor;
  if (cells.hiddenRows.length) spec.hiddenRows = cells.hiddenRows;
  const print = context.printSetup(sheet.name);
  if (print) spec.print = print;
  return spec;
}

function readColumns(sheet: ExcelJS.Worksheet): { columns: ColumnSpec[]; columnFormats: Array<CellFormat | undefined>; lastColumn: number } {
  const columns: ColumnSpec[] = [];
  const columnFormats: Array<CellFormat | undefined> = [];
  let lastColumn = 0;
  (sheet.columns ?? []).forEach((column, index) => {
    const format = column.numFmt ? cellFormatOf(column.numFmt, false) : 'general';
    const spec: ColumnSpec = { key: `c${index}` };
    if (column.width !== undefined) spec.width = Math.round(column.width * PIXELS_PER_WIDTH_UNIT);
    if (format !== 'general') spec.format = columnFormats[index] = format;
    if (column.hidden) spec.hidden = true;
    columns[index] = spec;
    if (spec.hidden || spec.format) lastColumn = index + 1;
  });
  return { columns, columnFormats, lastColumn };
}

/**
 * LibreOffice gives every column of a sheet a width (up to column 1024 or the last one): a run of
 * equal plain columns past the ones used that reaches that far is the sheet's default, not columns
 * of the tab. Returns how many columns the tab has.
 */
function withoutSheetWideColumns(columns: ColumnSpec[], used: number): number {
  let end = columns.length;
  if (end < SHEET_WIDE_COLUMNS) return Math.max(end, used);
  const plainAndEqual = (a: ColumnSpec, b: ColumnSpec): boolean => !a.hidden && !b.hidden && !a.format && !b.format && a.width === b.width;
  while (end > used && end >= 2 && plainAndEqual(columns[end - 1], columns[end - 2])) end--;
  return Math.max(end, used);
}

interface SheetCells {
  rows: Cell[][];
  width: number;
  /** Cells whose format is not the one their place gives them (their column's below the header). */
  formats: Array<{ row: number; col: number; value: CellFormat }>;
  styles: Array<{ row: number; col: number; value: CellStyle }>;
  hiddenRows: number[];
}

function readCells(
  sheet: ExcelJS.Worksheet,
  context: SheetReadContext,
  headerRows: number,
  columnFormats: Array<CellFormat | undefined>,
  checkboxes: RangeRef[],
): SheetCells {
  const cells: SheetCells = { rows: [], width: 0, formats: [], styles: [], hiddenRows: [] };
  const results = context.formulaResults(sheet.name);
  const visited = new Set<string>();
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const r = rowNumber - 1;
    if (row.hidden) cells.hiddenRows.push(r);
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const c = colNumber - 1;
      visited.add(`${r},${c}`);
      // ExcelJS repeats a merge's value in every cell of it; the spec holds it in the first.
      const value = cell.type === ExcelJS.ValueType.Merge ? null : specCell(cell, results.get(`${r},${c}`));
      if (value !== null) {
        while (cells.rows.length <= r) cells.rows.push([]);
        cells.rows[r][c] = value;
        cells.width = Math.max(cells.width, c + 1);
      }
      let format = cellFormatOf(cell.numFmt, isDateValue(cell));
      if (format === 'general' && checkboxes.some((box) => r >= box.row && r < box.row + box.rows && c >= box.col && c < box.col + box.cols))
        format = 'checkbox';
      const baseline = r >= headerRows ? (columnFormats[c] ?? 'general') : 'general';
      if (format !== baseline) cells.formats.push({ row: r, col: c, value: format });
      const style = cellStyle(cell, context.look);
      if (Object.keys(style).length > 0) cells.styles.push({ row: r, col: c, value: style });
    });
  });
  for (const row of cells.rows) for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
  // A header cell the file does not hold shows its column's format; the spec's header rows do not
  // take column formats, so such cells get theirs spelled out.
  for (let r = 0; r < headerRows; r++) {
    columnFormats.forEach((format, c) => {
      if (format && !visited.has(`${r},${c}`)) cells.formats.push({ row: r, col: c, value: format });
    });
  }
  cells.formats.sort((a, b) => a.row - b.row || a.col - b.col);
  return cells;
}

/** A formula as its text with "=" and its cached result (shared formulas translated to their cell); else the value. */
function specCell(cell: ExcelJS.Cell, cached: CellValue | undefined): Cell {
  const value = cell.value;
  if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    const formula = cell.formula;
    if (formula) return { formula: `=${reopenRanges(formula)}`, value: formulaResult((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, cached) };
  }
  return toCellValue(value);
}

function isDateValue(cell: ExcelJS.Cell): boolean {
  const value = cell.value;
  if (value instanceof Date) return true;
  return value !== null && typeof value === 'object' && 'result' in value && value.result instanceof Date;
}

/**
 * A number format as the CellFormat that writes it; close relatives are taken for their kind (any
 * percentage is 'percent', "0" is 'integer'); a date stays a date whatever its pattern.
 */
export function cellFormatOf(numFmt: string | undefined, isDate: boolean): CellFormat {
  if (!numFmt) return isDate ? 'date' : 'general';
  const exact = FORMAT_OF_CODE.get(numFmt.toLowerCase());
  if (exact) return exact;
  // The pattern for positive numbers, without quoted text, escaped characters and [colour]/[locale] parts.
  const bare = numFmt
    .split(';')[0]
    .replace(/"[^"]*"|\\.|_.|\*.|\[[^\]]*\]/g, '')
    .trim();
  const lower = bare.toLowerCase();
  // Digits placeholders make a number pattern; "ss.000" (fractions of a second) does not.
  if (!/[0#?]/.test(lower.replace(/\.0+/g, ''))) {
    if (/[yd]/.test(lower) || (/m/.test(lower) && !/[hs]/.test(lower))) return 'date';
    if (/[hs]/.test(lower)) return 'time';
  }
  if (/%/.test(bare)) return 'percent';
  if (/[¥￥]/.test(numFmt)) return 'currency';
  if (bare === '@') return 'text';
  if (/^[#,]*0+$/.test(bare)) return 'integer';
  if (/^[#,]*0+\.0+$/.test(bare)) return 'decimal';
  return isDate ? 'date' : 'general';
}

function cellStyle(cell: ExcelJS.Cell, look: WorkbookLook): CellStyle {
  const style: CellStyle = {};
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  if (fill?.type === 'pattern' && fill.pattern === 'solid') {
    const background = hexColor(fill.fgColor as ExcelColor | undefined, look.palette);
    if (background) style.background = background;
  }
  const font = cell.font as Partial<ExcelJS.Font> | undefined;
  if (font) {
    const color = hexColor(font.color as ExcelColor | undefined, look.palette);
    if (color && color !== (look.defaultFont.color ?? '#000000')) style.fontColor = color;
    if (font.bold && !look.defaultFont.bold) style.bold = true;
    if (font.italic && !look.defaultFont.italic) style.italic = true;
    if (font.strike && !look.defaultFont.strike) style.strikethrough = true;
    if (font.size !== undefined && font.size !== look.defaultFont.size) style.fontSize = font.size;
  }
  const alignment = cell.alignment as Partial<ExcelJS.Alignment> | undefined;
  if (alignment?.wrapText) style.wrap = true;
  const horizontal = alignment?.horizontal;
  if (horizontal === 'left' || horizontal === 'center' || horizontal === 'right') style.hAlign = horizontal;
  // Bottom is where every spreadsheet puts text by default; LibreOffice writes it on every style.
  const vertical = alignment?.vertical;
  if (vertical === 'top' || vertical === 'middle') style.vAlign = vertical;
  return style;
}

/**
 * Cells (0-based) into rectangles: runs along each row, then runs of equal runs down the rows.
 * Cells come row by row, left to right.
 */
function runsOf<T>(cells: Array<{ row: number; col: number; value: T }>, key: (value: T) => string): Array<{ range: RangeRef; value: T }> {
  const done: Array<{ range: RangeRef; value: T }> = [];
  let open = new Map<string, { range: RangeRef; value: T }>();
  let index = 0;
  while (index < cells.length) {
    const row = cells[index].row;
    const next = new Map<string, { range: RangeRef; value: T }>();
    while (index < cells.length && cells[index].row === row) {
      const first = cells[index];
      const id = key(first.value);
      let cols = 1;
      while (
        index + cols < cells.length &&
        cells[index + cols].row === row &&
        cells[index + cols].col === first.col + cols &&
        key(cells[index + cols].value) === id
      )
        cols++;
      index += cols;
      const slot = `${first.col},${cols},${id}`;
      const above = open.get(slot);
      if (above && above.range.row + above.range.rows === row) {
        above.range.rows++;
        open.delete(slot);
        next.set(slot, above);
      } else {
        next.set(slot, { range: { row, col: first.col, rows: 1, cols }, value: first.value });
      }
    }
    for (const run of open.values()) done.push(run);
    open = next;
  }
  for (const run of open.values()) done.push(run);
  return done.sort((a, b) => a.range.row - b.range.row || a.range.col - b.range.col);
}

function checkboxRanges(validations: SheetValidation[]): RangeRef[] {
  return validations.filter((validation) => validation.type === 'list' && validation.formula === CHECKBOX_LIST).flatMap((validation) => validation.ranges);
}

function readValidations(validations: SheetValidation[], context: SheetReadContext, lastRow: number): ValidationSpec[] {
  const specs: ValidationSpec[] = [];
  for (const validation of validations) {
    const rule = validationRule(validation, context);
    if (!rule) continue;
    for (const range of validation.ranges) {
      if (range.row >= lastRow) continue;
      specs.push({ range: { ...range, rows: Math.min(range.rows, lastRow - range.row) }, rule });
    }
  }
  return specs.sort((a, b) => a.range.row - b.range.row || a.range.col - b.range.col);
}

/** A dropdown the renderers can draw again: an inline list, a range of a tab, or a checkbox. */
function validationRule(validation: SheetValidation, context: SheetReadContext): ValidationRule | null {
  if (validation.type !== 'list' || !validation.formula) return null;
  const strict = validation.showErrorMessage && (validation.errorStyle === undefined || validation.errorStyle === 'stop');
  const strictness = strict ? { strict: true } : {};
  const formula = validation.formula;
  if (formula === CHECKBOX_LIST && strict) return { type: 'checkbox' };
  const inline = /^"([\s\S]*)"$/.exec(formula);
  if (inline) return { type: 'list', values: inline[1].split(','), ...strictness };
  const reference = /^(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$/.exec(formula);
  if (!reference) return null;
  const tab = reference[1] !== undefined ? reference[1].replace(/''/g, "'") : reference[2];
  const listed = context.listValues(tab, reference[3].replace(/\$/g, ''));
  if (listed) return { type: 'list', values: listed, ...strictness };
  return { type: 'listFromRange', tab, a1: openRange(reference[3]), ...strictness };
}

/** Custom-formula rules, each with all its ranges (the formula is written for the first range's top-left cell). */
function readConditionalFormats(internals: WorksheetInternals, look: WorkbookLook, lastRow: number): ConditionalFormatSpec[] {
  const specs: ConditionalFormatSpec[] = [];
  for (const formatting of internals.conditionalFormattings ?? []) {
    const ranges = formatting.ref
      .split(/\s+/)
      .map(rangeOfA1)
      .filter((range): range is RangeRef => range !== null && range.row < lastRow)
      .map((range) => ({ ...range, rows: Math.min(range.rows, lastRow - range.row) }));
    if (!ranges.length) continue;
    for (const rule of formatting.rules) {
      if (rule.type !== 'expression' || !rule.formulae?.length) continue;
      const style: ConditionalFormatSpec['style'] = {};
      const fill = rule.style?.fill as ExcelJS.FillPattern | undefined;
      const background = hexColor((fill?.bgColor ?? fill?.fgColor) as ExcelColor | undefined, look.palette);
      if (background) style.background = background;
      const font = rule.style?.font;
      const fontColor = hexColor(font?.color as ExcelColor | undefined, look.palette);
      if (fontColor) style.fontColor = fontColor;
      if (font?.bold) style.bold = true;
      if (font?.italic) style.italic = true;
      if (font?.strike) style.strikethrough = true;
      specs.push({ ranges, formula: `=${reopenRanges(String(rule.formulae[0]).replace(/^=/, ''))}`, style });
    }
  }
  return specs;
}
