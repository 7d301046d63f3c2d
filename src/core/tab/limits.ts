/**
 * What a spreadsheet can hold, written once for every adapter: the Sheets renderer checks a tab
 * against it before writing, the in-memory workbook refuses the same tabs, the playground bounds
 * what a person may type by it, and tab names are fitted to it (names.ts).
 */
import { AppError } from '../errors';
import { specExtent, type TabSpec } from './spec';

/** Google Sheets' limits (support.google.com/drive/answer/37603). */
export const SHEETS_LIMITS = {
  /** Cells in a whole spreadsheet, every tab counted. */
  cells: 10_000_000,
  /** Columns in one tab: A to ZZZ. */
  columns: 18_278,
  /** Characters in one cell. */
  cellCharacters: 50_000,
  /** Characters in a tab's name. */
  tabNameCharacters: 100,
} as const;

/** Excel's limits that an .xlsx written for it must keep. */
export const XLSX_LIMITS = {
  /** Characters in a worksheet's name. */
  sheetNameCharacters: 31,
} as const;

export interface GridSize {
  rows: number;
  cols: number;
}

/**
 * The grid a spec occupies: its rows and columns, widened to every range it formats, merges,
 * validates, annotates or charts, so that each of those exists on the sheet, and one row and one
 * column past the frozen ones (Sheets cannot freeze every row of a sheet).
 */
export function tabGridSize(spec: TabSpec): GridSize {
  const extent = specExtent(spec);
  return { rows: Math.max(extent.rows, (spec.frozenRows ?? 0) + 1), cols: Math.max(extent.cols, (spec.frozenColumns ?? 0) + 1) };
}

/** The grid size, or an error naming the limit when a spreadsheet cannot hold the tab. */
export function checkTabSize(spec: TabSpec): GridSize {
  const size = tabGridSize(spec);
  if (size.cols > SHEETS_LIMITS.columns) {
    throw new AppError({ code: 'error.tooManyColumns', params: { columns: size.cols, limit: SHEETS_LIMITS.columns }, location: { tab: spec.name } });
  }
  const cells = size.rows * size.cols;
  if (cells > SHEETS_LIMITS.cells) {
    throw new AppError({ code: 'error.tooLarge', params: { cells, limit: SHEETS_LIMITS.cells }, location: { tab: spec.name } });
  }
  return size;
}
