/**
 * The columns of an SOP tab, and finding them again in a tab read back in either language. Both the
 * tab writer and the merge use this list, so a column is named in one place.
 */
import type { Lang } from '../i18n';
import { t } from '../i18n';
import { normalizeHeader } from '../team/team';
import type { CellValue } from '../tab/spec';

export const SOP_COLUMNS = [
  'id',
  'date',
  'weekday',
  'time',
  'phase',
  'channel',
  'item',
  'detail',
  'script',
  'materials',
  'owner',
  'status',
  'proof',
  'note',
  'calendar',
  'generatedOwner',
] as const;
export type SopColumn = (typeof SOP_COLUMNS)[number];

/** The columns of a tab: the calendar column only when holidays and solar terms are marked. */
export function sopColumns(markCalendar: boolean): SopColumn[] {
  return SOP_COLUMNS.filter((key) => markCalendar || key !== 'calendar');
}

export function sopHeader(key: SopColumn, lang: Lang): string {
  return t(lang, `sop.header.${key}`);
}

/** Header text → column, over both languages' headers. */
function headerIndex(): Map<string, SopColumn> {
  const map = new Map<string, SopColumn>();
  for (const lang of ['zh-CN', 'en'] as Lang[]) for (const key of SOP_COLUMNS) map.set(normalizeHeader(sopHeader(key, lang)), key);
  return map;
}

export interface SopHeader {
  /** 0-based row of the header in the grid. */
  row: number;
  /** 0-based column of each column found (the leftmost when a header text repeats). */
  columns: Partial<Record<SopColumn, number>>;
}

/**
 * The header row of an SOP tab read back: the first row naming both the ID and the date column, in
 * either language. Null when there is none.
 */
export function findSopHeader(grid: CellValue[][]): SopHeader | null {
  const known = headerIndex();
  for (let r = 0; r < grid.length; r++) {
    const columns: Partial<Record<SopColumn, number>> = {};
    grid[r].forEach((cell, c) => {
      const key = known.get(normalizeHeader(cell));
      if (key && columns[key] === undefined) columns[key] = c;
    });
    if (columns.id !== undefined && columns.date !== undefined) return { row: r, columns };
  }
  return null;
}

/** An SOP tab's cells by column. */
export type SopCells = Partial<Record<SopColumn, CellValue>>;

/** A cell as trimmed text ('' for blank). */
export function cellText(value: CellValue | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

/**
 * The rows below an SOP header with at least one cell filled (the weekday, a formula, does not count),
 * each as its cells by column.
 */
export function sopTableRows(grid: CellValue[][], header: SopHeader): SopCells[] {
  const rows: SopCells[] = [];
  for (const line of grid.slice(header.row + 1)) {
    const cells: SopCells = {};
    let blank = true;
    for (const key of SOP_COLUMNS) {
      const c = header.columns[key];
      if (c === undefined) continue;
      cells[key] = line[c] ?? null;
      if (key !== 'weekday' && cellText(cells[key]) !== '') blank = false;
    }
    if (!blank) rows.push(cells);
  }
  return rows;
}

/** Widths (px) of the columns an SOP tab and a template tab share, so both read alike. */
export const SHARED_COLUMN_WIDTHS = {
  time: 56,
  phase: 72,
  channel: 84,
  item: 150,
  detail: 220,
  script: 340,
  materials: 130,
} as const;
