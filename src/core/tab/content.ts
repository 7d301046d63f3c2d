/**
 * What a tab holds now, as the Workbook port reads it back before the add-on updates the tab: typed
 * values, the formula behind each cell, and notes. Everything else a person may have added (colours,
 * hidden rows, filters, their own validations) stays on the tab and travels with its rows, so it
 * need not be read.
 */
import type { CellValue } from './spec';

export interface TabContent {
  /** Typed values (dates as day serials), as `Workbook.readTab` gives them. */
  values: CellValue[][];
  /** The formula of each cell ("=…"), '' where there is none. May be shorter than `values`. */
  formulas: string[][];
  /** The note of each cell, '' where there is none. May extend beyond `values`. */
  notes: string[][];
}

export const EMPTY_CONTENT: TabContent = { values: [], formulas: [], notes: [] };

export function formulaAt(content: TabContent, row: number, col: number): string {
  return content.formulas[row]?.[col] ?? '';
}

export function noteAt(content: TabContent, row: number, col: number): string {
  return content.notes[row]?.[col] ?? '';
}

export function valueAt(content: TabContent, row: number, col: number): CellValue {
  const value = content.values[row]?.[col];
  return value === undefined || value === '' ? null : value;
}

/** Whether a cell holds anything a person could have put there: a value, a formula or a note. */
export function cellHasContent(content: TabContent, row: number, col: number): boolean {
  return valueAt(content, row, col) !== null || formulaAt(content, row, col) !== '' || noteAt(content, row, col) !== '';
}

/** Rows and columns the content spans (values, formulas and notes together). */
export function contentSize(content: TabContent): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (const grid of [content.values as unknown[][], content.formulas, content.notes]) {
    grid.forEach((line, r) => {
      for (let c = line.length - 1; c >= 0; c--) {
        const cell = line[c];
        if (cell !== null && cell !== undefined && cell !== '') {
          rows = Math.max(rows, r + 1);
          cols = Math.max(cols, c + 1);
          break;
        }
      }
    });
  }
  return { rows, cols };
}
