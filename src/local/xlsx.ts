/**
 * .xlsx export and import with ExcelJS: the xlsx renderer of TabSpec, the surgical update of a
 * person's workbook, and the readers that turn a workbook back into typed grids (the shape the
 * Workbook port's readTab gives) or into whole TabSpecs.
 *
 * Which tab is which generated tab is kept in a very hidden worksheet (MARKER_SHEET), because
 * xlsx has no per-sheet developer metadata that Excel and LibreOffice both keep.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../core/errors';
import { decodeMarker, encodeMarker, isMarkedKind, markerKeyFromStored } from '../core/tab/marker';
import { renameTabReferences, xlsxSheetName } from '../core/tab/names';
import { printSetupOf } from '../core/tab/print';
import { rowHeightsToFit } from '../core/tab/row-heights';
import {
  CellStyle,
  CellValue,
  ConditionalFormatSpec,
  NUMBER_FORMATS,
  TabMarker,
  TabSpec,
  ValidationRule,
  a1,
  a1Range,
  columnIndex,
  columnLetter,
  formatGrid,
  gridWidth,
  isFormulaCell,
  quoteTabName,
  styleGrid,
} from '../core/tab/spec';
import { formulaResult, toCellValue } from './xlsx-cell-value';
import { argb } from './xlsx-colors';
import {
  CHECKBOX_LIST,
  DEFAULT_FONT_SIZE,
  FIRST_LIST_COLUMN,
  MARKER_SHEET,
  PIXELS_PER_WIDTH_UNIT,
  absoluteRange,
  closeOpenRanges,
  openRangeEnd,
  type OpenRangeEnds,
} from './xlsx-conventions';
import { automaticRowHeights, finishWorkbook } from './xlsx-finish';
import { splitLargeTab, type LargeTabBody } from './xlsx-large-tabs';
import { XlsxPackage } from './xlsx-package';
import { excelPageSetup, withPrintTitles, type PrintTitles } from './xlsx-print';
import { readingCopy, type ReadingCopy } from './xlsx-reading-copy';
import { readSheetSpec, sheetReadContext } from './xlsx-sheet-spec';
import { transplantSheets, type SheetMove } from './xlsx-transplant';

export { MARKER_SHEET } from './xlsx-conventions';
export { toCellValue } from './xlsx-cell-value';

/** A tab to export: a generated tab carries its marker, a user's own tab has none (or kind 'plain'). */
export interface XlsxTab {
  spec: TabSpec;
  marker: TabMarker | null;
  /** Hidden from the tab strip (an old version the add-on kept, a sheet hidden in the file it came from). */
  hidden?: boolean;
}

export interface ReadXlsxTab {
  name: string;
  marker: TabMarker | null;
  values: CellValue[][];
}

/** A tab read from a workbook, with whether a person sees it in the tab strip. */
export interface WorkbookSheet extends ReadXlsxTab {
  visible: boolean;
}

/** A tab read from a workbook with everything it holds (see readSheetSpec). */
export interface WorkbookTab {
  spec: TabSpec;
  marker: TabMarker | null;
  visible: boolean;
}

/** Excel refuses an inline list validation longer than this ("a,b,c" with its quotes). */
const INLINE_LIST_LIMIT = 255;

/** ExcelJS's workbook default font; a cell's font replaces it whole, so styled cells repeat it. */
const DEFAULT_FONT: Partial<ExcelJS.Font> = { name: 'Calibri', family: 2, size: DEFAULT_FONT_SIZE };

/** What a row and a column are without a size of their own: ExcelJS's default row height, Excel's default width. */
const ROW_HEIGHT_DEFAULTS = { fontSize: DEFAULT_FONT_SIZE, rowHeight: 15, columnWidth: 64 };

/** ExcelJS writes the package stored: the last pass (xlsx-finish.ts) or the transplant deflates what is kept. */
const STORED: Partial<ExcelJS.XlsxWriteOptions> = { zip: { compression: 'STORE' } } as Partial<ExcelJS.XlsxWriteOptions>;

/**
 * Columns of MARKER_SHEET: tab name, kind, key (JSON), a reference that Excel/LibreOffice rename along with
 * the tab, and what the add-on remembers about the tab (JSON).
 */
const MARKER_HEADER = ['tab', 'kind', 'key', 'ref', 'memo'];

export async function writeXlsx(tabs: ReadonlyArray<TabSpec | XlsxTab>): Promise<Buffer> {
  // A workbook needs at least one visible sheet; an export of nothing is a caller's mistake.
  if (tabs.length === 0) throw new AppError({ code: 'error.emptyInput' });
  const workbook = new ExcelJS.Workbook();
  const lists = new ListStore();
  const markerRows: ExcelJS.CellValue[][] = [MARKER_HEADER];
  const entries = tabs.map((tab) => ('spec' in tab ? tab : { spec: tab, marker: tab.marker, hidden: false }));
  // Every tab is named first, so formulas that read another tab can follow it to the name it gets.
  const taken = [MARKER_SHEET];
  const renames = new Map<string, string>();
  const names = entries.map(({ spec }) => {
    const name = xlsxSheetName(spec.name, taken);
    taken.push(name);
    if (!renames.has(spec.name)) renames.set(spec.name, name);
    return name;
  });
  const heights = new Map(entries.map(({ spec }, index) => [names[index], gridHeight(spec)]));
  const endOf: OpenRangeEnds = (tab) => openRangeEnd(heights.get(tab) ?? 0);
  // The rows of long value-only tabs skip ExcelJS's cell model (see xlsx-large-tabs.ts).
  const bodies = new Map<string, LargeTabBody>();
  const printTitles: PrintTitles[] = [];
  for (const [index, { spec, marker, hidden }] of entries.entries()) {
    const name = names[index];
    const renamed = { ...renameTabReferences(spec, renames), name };
    const large = splitLargeTab(renamed);
    if (large) bodies.set(name, large.body);
    renderTab(workbook.addWorksheet(name, { state: hidden ? 'hidden' : 'visible' }), large ? large.head : renamed, lists, endOf);
    const repeatRows = printSetupOf(renamed)?.repeatRows ?? 0;
    if (repeatRows > 0) printTitles.push({ index, name, rows: repeatRows });
    if (marker && marker.kind !== 'plain') markerRows.push(markerRow(name, marker));
  }
  // Added last, so that the workbook opens on the first visible tab.
  writeMarkerSheet(workbook.addWorksheet(MARKER_SHEET, { state: 'veryHidden' }), markerRows, lists);
  return finishWorkbook(Buffer.from(await workbook.xlsx.writeBuffer(STORED)), { bodies, printTitles });
}

function writeMarkerSheet(sheet: ExcelJS.Worksheet, rows: ExcelJS.CellValue[][], lists: ListStore): void {
  rows.forEach((row, index) => row.forEach((value, col) => (sheet.getCell(index + 1, col + 1).value = value)));
  lists.writeTo(sheet);
}

/**
 * Rewrites some tabs of a person's .xlsx and leaves every other part of the file as it was, byte for
 * byte: other sheets, charts, images, comments, pivot tables, defined names. A written tab replaces
 * the sheet of the same name in its place (keeping a chart or picture a person put on it, and
 * whether it is hidden), or is added at the end. The tabs are rendered into a scratch workbook and
 * moved into the package (see xlsx-transplant.ts), so ExcelJS never re-saves what it cannot read.
 */
export async function updateXlsx(base: Buffer | Uint8Array, written: ReadonlyArray<XlsxTab>): Promise<Buffer> {
  if (written.length === 0) return Buffer.from(base);
  const { pkg, workbook: current } = await openWorkbook(base);
  const sheets = await pkg.sheets();
  const currentMarkerSheet = current.worksheets.find((sheet) => sheet.name === MARKER_SHEET);
  const markers = currentMarkerSheet ? readMarkers(currentMarkerSheet, new Set(sheets.map((sheet) => sheet.name))) : new Map<string, TabMarker>();
  // Sheets that are not rewritten may use the lists kept in MARKER_SHEET: they stay in their columns.
  const lists = new ListStore(currentMarkerSheet ? listColumns(currentMarkerSheet) : []);
  const taken = sheets.map((sheet) => sheet.name);
  const scratch = new ExcelJS.Workbook();
  const moves: SheetMove[] = [];
  // Tabs new to the file are named first, so formulas in every written tab follow them to their names.
  const renames = new Map<string, string>();
  const targets = written.map(({ spec }) => {
    const existing = sheets.find((sheet) => sheet.name === spec.name && sheet.kind === 'worksheet' && sheet.name !== MARKER_SHEET);
    const name = existing ? existing.name : xlsxSheetName(spec.name, taken);
    if (!existing) taken.push(name);
    if (!renames.has(spec.name)) renames.set(spec.name, name);
    return { existing, name };
  });
  // Open-ended ranges over a tab that is not rewritten close below the rows it has in the file.
  const heights = new Map(written.map(({ spec }, index) => [targets[index].name, gridHeight(spec)]));
  const endOf: OpenRangeEnds = (tab) => openRangeEnd(heights.get(tab) ?? current.getWorksheet(tab)?.rowCount ?? 0);
  for (const [index, { spec, marker, hidden }] of written.entries()) {
    const { existing, name } = targets[index];
    renderTab(scratch.addWorksheet(name), { ...renameTabReferences(spec, renames), name }, lists, endOf);
    moves.push({ from: name, to: existing ? { replace: existing } : { add: name, state: hidden ? 'hidden' : 'visible' } });
    if (marker && marker.kind !== 'plain') markers.set(name, marker);
    else markers.delete(name);
  }
  const names = new Set([...sheets.map((sheet) => sheet.name), ...moves.map((move) => move.from)]);
  const markerRows: ExcelJS.CellValue[][] = [MARKER_HEADER];
  for (const [name, marker] of markers) if (names.has(name)) markerRows.push(markerRow(name, marker));
  writeMarkerSheet(scratch.addWorksheet(MARKER_SHEET, { state: 'veryHidden' }), markerRows, lists);
  const existingMarkerSheet = sheets.find((sheet) => sheet.name === MARKER_SHEET && sheet.kind === 'worksheet');
  moves.push({ from: MARKER_SHEET, to: existingMarkerSheet ? { replace: existingMarkerSheet } : { add: MARKER_SHEET, state: 'veryHidden' } });

  const rendered = await XlsxPackage.open(Buffer.from(await scratch.xlsx.writeBuffer(STORED)));
  for (const sheet of await rendered.sheets()) if (sheet.part) rendered.write(sheet.part, automaticRowHeights((await rendered.text(sheet.part)) ?? ''));
  await transplantSheets(pkg, rendered, moves);
  // Each written tab's print titles, by its place in the file (known once the new tabs are added).
  const places = (await pkg.sheets()).map((sheet) => sheet.name);
  const printTitles = written.map(({ spec }, index) => {
    const name = targets[index].name;
    return { index: places.indexOf(name), name, rows: printSetupOf(spec)?.repeatRows ?? 0 };
  });
  const workbookXml = (await pkg.text(pkg.workbookPart)) ?? '';
  const titled = withPrintTitles(workbookXml, printTitles);
  if (titled !== workbookXml) pkg.write(pkg.workbookPart, titled);
  return pkg.toBuffer();
}

/** Draws a tab whose `name` is its sheet's; `endOf` closes open-ended ranges (see closeOpenRanges). */
function renderTab(sheet: ExcelJS.Worksheet, spec: TabSpec, lists: ListStore, endOf: OpenRangeEnds): void {
  const width = gridWidth(spec);
  const height = gridHeight(spec);
  const formats = formatGrid(spec, height, width);
  const styles = styleGrid(spec, height, width);

  spec.columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    if (column.width !== undefined) sheetColumn.width = Math.round((column.width / PIXELS_PER_WIDTH_UNIT) * 100) / 100;
    // Rows a person adds below the data in Excel take the column's format.
    if (column.format && column.format !== 'general') sheetColumn.numFmt = NUMBER_FORMATS[column.format];
    if (column.hidden) sheetColumn.hidden = true;
  });

  for (let r = 0; r < height; r++) {
    const row = spec.rows[r] ?? [];
    for (let c = 0; c < width; c++) {
      const source = row[c];
      const format = formats[r][c];
      const style = styles[r][c];
      const hasValue = source !== undefined && source !== null;
      const hasStyle = Object.keys(style).length > 0;
      const columnFormat = spec.columns[c]?.format ?? 'general';
      if (!hasValue && !hasStyle && format === columnFormat) continue;
      const cell = sheet.getCell(r + 1, c + 1);
      if (isFormulaCell(source)) {
        // Cached results make every viewer show numbers without recalculating.
        const result = source.value === null ? undefined : source.value;
        cell.value = { formula: closeOpenRanges(source.formula.replace(/^=/, ''), spec.name, endOf), result } as ExcelJS.CellFormulaValue;
      } else if (hasValue) {
        // A string is always stored as a string, so "=x", "+86…", "-" and "@name" stay text.
        cell.value = source;
      }
      cell.numFmt = NUMBER_FORMATS[format];
      if (hasStyle) applyStyle(cell, style);
    }
  }

  for (const row of spec.hiddenRows ?? []) {
    const sheetRow = sheet.getRow(row + 1);
    sheetRow.hidden = true;
    // ExcelJS leaves out a row without cells, and with it the row's hidden flag: an empty cell keeps it.
    sheetRow.getCell(1);
  }
  for (const merge of spec.merges ?? []) {
    if (merge.rows > 1 || merge.cols > 1) sheet.mergeCells(merge.row + 1, merge.col + 1, merge.row + merge.rows, merge.col + merge.cols);
  }
  for (const note of spec.notes ?? []) sheet.getCell(note.row + 1, note.col + 1).note = note.text;
  // Range-wide validations: worksheet.dataValidations exists in ExcelJS 4.4 but not in its typings.
  const validations = (sheet as unknown as { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  for (const validation of spec.validations ?? []) validations.add(a1Range(validation.range), dataValidation(validation.rule, lists, endOf));
  (spec.conditionalFormats ?? []).forEach((rule, index) =>
    addConditionalFormat(sheet, { ...rule, formula: closeOpenRanges(rule.formula, spec.name, endOf) }, index + 1),
  );

  const frozenRows = spec.frozenRows ?? 0;
  const frozenColumns = spec.frozenColumns ?? 0;
  if (frozenRows > 0 || frozenColumns > 0) {
    sheet.views = [{ state: 'frozen', xSplit: frozenColumns, ySplit: frozenRows, topLeftCell: a1(frozenRows, frozenColumns) }];
  }
  if (spec.tabColor) sheet.properties.tabColor = { argb: argb(spec.tabColor) };
  // The rows repeated on every page are a defined name of the workbook, written by the caller.
  const print = printSetupOf(spec);
  if (print) Object.assign(sheet.pageSetup, excelPageSetup(print));
  // LibreOffice keeps the height a row states, one line when it states none (see row-heights.ts).
  for (const [row, points] of rowHeightsToFit(spec, styles, ROW_HEIGHT_DEFAULTS)) sheet.getRow(row + 1).height = points;
  // spec.charts are not written: ExcelJS 4.4 cannot create charts. Their data ranges are ordinary
  // cells of the tab, so the numbers are all there for a person to chart.
}

/** Rows to draw: the data, and any formatted or styled rows below it (e.g. blank calendar cells). */
function gridHeight(spec: TabSpec): number {
  let height = spec.rows.length;
  for (const run of [...(spec.formats ?? []), ...(spec.styles ?? [])]) height = Math.max(height, run.range.row + run.range.rows);
  return height;
}

function applyStyle(cell: ExcelJS.Cell, style: CellStyle): void {
  if (style.background) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.background) } };
  const font: Partial<ExcelJS.Font> = {};
  if (style.fontColor) font.color = { argb: argb(style.fontColor) };
  if (style.bold !== undefined) font.bold = style.bold;
  if (style.italic !== undefined) font.italic = style.italic;
  if (style.strikethrough !== undefined) font.strike = style.strikethrough;
  if (style.fontSize !== undefined) font.size = style.fontSize;
  if (Object.keys(font).length > 0) cell.font = { ...DEFAULT_FONT, ...font };
  const alignment: Partial<ExcelJS.Alignment> = {};
  if (style.wrap !== undefined) alignment.wrapText = style.wrap;
  if (style.hAlign) alignment.horizontal = style.hAlign;
  if (style.vAlign) alignment.vertical = style.vAlign;
  if (Object.keys(alignment).length > 0) cell.alignment = alignment;
}

/**
 * Dropdowns. A checkbox becomes a TRUE/FALSE list: the cells hold booleans, and a list shows the
 * two choices in every viewer (Excel's own checkbox control cannot be written by ExcelJS).
 * Not strict (the default, as in Sheets) means any typed value is kept without a dialog.
 */
function dataValidation(rule: ValidationRule, lists: ListStore, endOf: OpenRangeEnds): ExcelJS.DataValidation {
  const strictness = (strict: boolean | undefined): Partial<ExcelJS.DataValidation> =>
    strict ? { showErrorMessage: true, errorStyle: 'stop' } : { showErrorMessage: false };
  switch (rule.type) {
    case 'list':
      return { type: 'list', allowBlank: true, formulae: [lists.formula(rule.values)], ...strictness(rule.strict) };
    case 'listFromRange':
      return { type: 'list', allowBlank: true, formulae: [`${quoteTabName(rule.tab)}!${absoluteRange(rule.a1, endOf(rule.tab))}`], ...strictness(rule.strict) };
    case 'checkbox':
      return { type: 'list', allowBlank: true, formulae: [CHECKBOX_LIST], ...strictness(true) };
  }
}

/**
 * An inline list ("a,b,c") cannot hold a value with a comma or a quote and is limited in length;
 * such lists are kept in columns of MARKER_SHEET and referenced from there. A list equal to one a
 * column already holds is referenced there, so updating a workbook again does not add columns.
 */
class ListStore {
  private readonly columns: string[][];
  /** Columns already in MARKER_SHEET (from FIRST_LIST_COLUMN on), which sheets not rewritten may use. */
  constructor(kept: string[][] = []) {
    this.columns = kept.map((values) => [...values]);
  }

  formula(values: string[]): string {
    const inline = `"${values.join(',')}"`;
    if (inline.length <= INLINE_LIST_LIMIT && values.every((value) => !/[",]/.test(value))) return inline;
    let index = this.columns.findIndex((column) => column.length === values.length && column.every((value, i) => value === values[i]));
    if (index < 0) index = this.columns.push([...values]) - 1;
    const letter = columnLetter(FIRST_LIST_COLUMN - 1 + index);
    return `${quoteTabName(MARKER_SHEET)}!$${letter}$1:$${letter}$${Math.max(values.length, 1)}`;
  }

  writeTo(sheet: ExcelJS.Worksheet): void {
    this.columns.forEach((values, index) => values.forEach((value, row) => (sheet.getCell(row + 1, FIRST_LIST_COLUMN + index).value = value)));
  }
}

/** The lists kept in MARKER_SHEET's columns, as text, each down to its last value. */
function listColumns(sheet: ExcelJS.Worksheet): string[][] {
  const columns: string[][] = [];
  for (let col = FIRST_LIST_COLUMN; col <= sheet.columnCount; col++) {
    const values: string[] = [];
    for (let row = 1; row <= sheet.rowCount; row++) values.push(textOf(sheet.getCell(row, col).value));
    while (values.length && values[values.length - 1] === '') values.pop();
    columns.push(values);
  }
  return columns;
}

/**
 * The spec's formula is written for the top-left cell of its first range. Excel and LibreOffice
 * disagree on which cell a multi-range rule is relative to, so each range gets its own rule with
 * the formula moved to that range's top-left cell.
 */
function addConditionalFormat(sheet: ExcelJS.Worksheet, rule: ConditionalFormatSpec, priority: number): void {
  const first = rule.ranges[0];
  if (!first) return;
  const style: Partial<ExcelJS.Style> = {};
  // In a conditional format's fill Excel paints bgColor; LibreOffice reads the same.
  if (rule.style.background) style.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(rule.style.background) } };
  const font: Partial<ExcelJS.Font> = {};
  if (rule.style.fontColor) font.color = { argb: argb(rule.style.fontColor) };
  if (rule.style.bold !== undefined) font.bold = rule.style.bold;
  if (rule.style.italic !== undefined) font.italic = rule.style.italic;
  if (rule.style.strikethrough !== undefined) font.strike = rule.style.strikethrough;
  if (Object.keys(font).length > 0) style.font = font;
  const formula = rule.formula.replace(/^=/, '');
  for (const target of rule.ranges) {
    sheet.addConditionalFormatting({
      ref: a1Range(target),
      rules: [{ type: 'expression', priority, formulae: [moveRelativeReferences(formula, target.row - first.row, target.col - first.col)], style }],
    });
  }
}

/**
 * Moves the relative parts of the A1 references in a formula by whole rows and columns, as copying
 * a formula does; `$` parts, text in double quotes and quoted tab names are left alone. A reference
 * moved off the sheet becomes #REF!, as in a spreadsheet.
 */
export function moveRelativeReferences(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  const moveColumn = (dollar: string, letters: string): string | null => {
    if (dollar) return dollar + letters;
    const index = columnIndex(letters) + cols;
    return index >= 0 ? columnLetter(index) : null;
  };
  const moveRow = (dollar: string, digits: string): string | null => {
    if (dollar) return dollar + digits;
    const row = Number(digits) + rows;
    return row >= 1 ? String(row) : null;
  };
  const joined = (...parts: (string | null)[]): string => (parts.includes(null) ? '#REF!' : parts.join(''));
  const token = /"(?:[^"]|"")*"|'(?:[^']|'')*'|(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![\w(.])|(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(.])/g;
  return formula.replace(
    token,
    (whole, c1$: string, c1: string, c2$: string, c2: string, col$: string, col: string, row$: string, row: string, offset: number) => {
      const before = formula[offset - 1] ?? '';
      if (/[\w.$]/.test(before)) return whole;
      if (c1 !== undefined) return joined(moveColumn(c1$, c1), ':', moveColumn(c2$, c2));
      if (col !== undefined) return joined(moveColumn(col$, col), moveRow(row$, row));
      return whole;
    },
  );
}

export async function readXlsx(buffer: Buffer | Uint8Array): Promise<ReadXlsxTab[]> {
  return (await readWorkbook(buffer)).map(({ name, marker, values }) => ({ name, marker, values }));
}

/**
 * A workbook file opened for reading: its package, and ExcelJS's view of a copy of it that holds
 * what reading cells needs (so that a chart ExcelJS cannot parse never stops the reading).
 */
async function openWorkbook(buffer: Buffer | Uint8Array): Promise<{ pkg: XlsxPackage; workbook: ExcelJS.Workbook; copy: ReadingCopy }> {
  const pkg = await XlsxPackage.open(buffer);
  const copy = await readingCopy(pkg);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(copy.bytes as unknown as ExcelJS.Buffer);
  return { pkg, workbook, copy };
}

/** Every sheet but MARKER_SHEET, in the workbook's order. */
export async function readWorkbook(buffer: Buffer | Uint8Array): Promise<WorkbookSheet[]> {
  const { workbook, copy } = await openWorkbook(buffer);
  const { markerSheet, markers } = markersOf(workbook);
  return workbook.worksheets
    .filter((sheet) => sheet !== markerSheet)
    .map((sheet) => ({
      name: sheet.name,
      marker: markers.get(sheet.name) ?? null,
      values: readValues(sheet, copy.formulaResults.get(sheet.name) ?? new Map()),
      visible: isVisible(sheet),
    }));
}

/** Every sheet but MARKER_SHEET, in the workbook's order, each as the TabSpec it shows. */
export async function readWorkbookTabs(buffer: Buffer | Uint8Array): Promise<WorkbookTab[]> {
  const { pkg, workbook, copy } = await openWorkbook(buffer);
  const { markerSheet, markers } = markersOf(workbook);
  const context = await sheetReadContext(pkg, copy, (tab, range) => (markerSheet && tab === MARKER_SHEET ? rangeValues(markerSheet, range) : null));
  return workbook.worksheets
    .filter((sheet) => sheet !== markerSheet)
    .map((sheet) => {
      const marker = markers.get(sheet.name) ?? null;
      return { spec: readSheetSpec(sheet, marker, context), marker, visible: isVisible(sheet) };
    });
}

/** readWorkbook for a file a person named: a file that is not a workbook is refused with its name and the reason. */
export function readWorkbookFile(buffer: Buffer | Uint8Array, path: string): Promise<WorkbookSheet[]> {
  return refusingUnreadable(path, () => readWorkbook(buffer));
}

/** readWorkbookTabs for a file a person named (see readWorkbookFile). */
export function readWorkbookTabsFile(buffer: Buffer | Uint8Array, path: string): Promise<WorkbookTab[]> {
  return refusingUnreadable(path, () => readWorkbookTabs(buffer));
}

async function refusingUnreadable<T>(path: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch {
    throw new AppError({ code: 'error.unreadableFile', params: { path } });
  }
}

function isVisible(sheet: ExcelJS.Worksheet): boolean {
  return sheet.state === 'visible' || sheet.state === undefined;
}

function markersOf(workbook: ExcelJS.Workbook): { markerSheet: ExcelJS.Worksheet | undefined; markers: Map<string, TabMarker> } {
  const markerSheet = workbook.worksheets.find((sheet) => sheet.name === MARKER_SHEET);
  const markers = markerSheet ? readMarkers(markerSheet, new Set(workbook.worksheets.map((sheet) => sheet.name))) : new Map<string, TabMarker>();
  return { markerSheet, markers };
}

/** The values of "F1:F5" (one column) of a sheet as text, blanks as ''. */
function rangeValues(sheet: ExcelJS.Worksheet, range: string): string[] | null {
  const match = /^([A-Za-z]{1,3})(\d+)(?::([A-Za-z]{1,3})(\d+))?$/.exec(range);
  if (!match || (match[3] !== undefined && match[3].toUpperCase() !== match[1].toUpperCase())) return null;
  const col = columnIndex(match[1]) + 1;
  const first = Number(match[2]);
  const last = match[4] !== undefined ? Number(match[4]) : first;
  const values: string[] = [];
  for (let row = first; row <= last; row++) values.push(textOf(sheet.getCell(row, col).value));
  return values;
}

function readMarkers(sheet: ExcelJS.Worksheet, sheetNames: Set<string>): Map<string, TabMarker> {
  const markers = new Map<string, TabMarker>();
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const marker = markerOfRow(row);
    if (!marker) return;
    const renamed = tabNameFromReference(row.getCell(4).formula);
    const name = renamed !== null && sheetNames.has(renamed) ? renamed : textOf(row.getCell(1).value);
    markers.set(name, marker);
  });
  return markers;
}

/** One row of MARKER_SHEET: the reference in its fourth cell follows the tab when someone renames it. */
function markerRow(name: string, marker: TabMarker): ExcelJS.CellValue[] {
  const stored = JSON.parse(encodeMarker(marker)) as { key: unknown; memo?: unknown };
  const reference = { formula: `ROW(${quoteTabName(name)}!$A$1)`, result: 1 } as ExcelJS.CellFormulaValue;
  return [name, marker.kind, JSON.stringify(stored.key), reference, stored.memo === undefined ? null : JSON.stringify(stored.memo)];
}

/** The marker a row of MARKER_SHEET holds, keys written before they were structured included. */
function markerOfRow(row: ExcelJS.Row): TabMarker | null {
  const kind = textOf(row.getCell(2).value);
  if (!isMarkedKind(kind)) return null;
  const key = markerKeyFromStored(kind, textOf(row.getCell(3).value));
  if (!key) return null;
  const memo = textOf(row.getCell(5).value);
  const decoded = memo ? decodeMarker(JSON.stringify({ kind, key, memo: safeJson(memo) })) : null;
  return decoded ?? { kind, key };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The tab named in "ROW('name'!$A$1)" (or "ROW(name!$A$1)"), as Excel/LibreOffice keep it after a rename. */
function tabNameFromReference(formula: string | undefined): string | null {
  const match = /^ROW\((?:'((?:[^']|'')+)'|([^'!]+))!\$?A\$?1\)$/i.exec(formula ?? '');
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2];
}

function textOf(value: ExcelJS.CellValue): string {
  const converted = toCellValue(value);
  return converted === null ? '' : String(converted);
}

/** The sheet's values as a rectangle from A1, without trailing empty rows and columns; formulas as their cached results. */
function readValues(sheet: ExcelJS.Worksheet, cachedResults: Map<string, CellValue>): CellValue[][] {
  const cells: { row: number; col: number; value: CellValue }[] = [];
  let height = 0;
  let width = 0;
  sheet.eachRow((row, rowNumber) => {
    row.eachCell((cell, colNumber) => {
      // ExcelJS repeats a merge's value in every cell of it; Sheets and Excel show it only in the first.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const formula = cell.type === ExcelJS.ValueType.Formula ? (cell.value as ExcelJS.CellFormulaValue) : null;
      const value = formula
        ? formulaResult(formula.result as ExcelJS.CellValue, cachedResults.get(`${rowNumber - 1},${colNumber - 1}`))
        : toCellValue(cell.value);
      if (value === null) return;
      cells.push({ row: rowNumber - 1, col: colNumber - 1, value });
      height = Math.max(height, rowNumber);
      width = Math.max(width, colNumber);
    });
  });
  const values: CellValue[][] = [];
  for (let r = 0; r < height; r++) values.push(new Array<CellValue>(width).fill(null));
  for (const { row, col, value } of cells) values[row][col] = value;
  return values;
}
