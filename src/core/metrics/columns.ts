/**
 * Reading the header of a pasted grid with its table schema — the pasted table of counts and each raw
 * list — into the columns the report shows: which column is which key, and the columns kept aside
 * (unknown ones, and a second column for a key already taken).
 */
import type { CellValue } from '../tab/spec';
import { findHeader, type TableSchema } from '../table/schema';
import { isMissingCell } from './numbers';
import type { ExtraColumn } from './report';

export interface ColumnMatch<K extends string> {
  column: number;
  header: string;
  key: K;
}

export interface ColumnMap<K extends string> {
  /** 0-based row of the header. */
  headerRow: number;
  matches: ColumnMatch<K>[]; // in column order
  columnOf: Partial<Record<K, number>>;
  extras: ExtraColumn[];
  /** Columns naming a key an earlier column already took (first match wins); kept as extras. */
  duplicates: Array<{ column: number; header: string; key: K }>;
}

/** True when every cell is blank or a placeholder such as "-". */
export function isBlankRow(row: readonly CellValue[] | undefined): boolean {
  if (!row) return true;
  for (const cell of row) if (!isMissingCell(cell)) return false;
  return true;
}

/**
 * The header of a pasted grid and its columns, or null when no row is a header. A column that names
 * no key, or a key already taken, is an extra column (kept and reported) when it has a header or any
 * data.
 */
export function readColumns<K extends string>(grid: readonly (readonly CellValue[])[], schema: TableSchema<K>): ColumnMap<K> | null {
  const header = findHeader(grid, schema);
  if (!header) return null;
  let width = header.labels.length;
  for (let r = header.row + 1; r < grid.length; r++) width = Math.max(width, grid[r]?.length ?? 0);
  const label = (column: number): string => header.labels[column] ?? '';
  const matched = new Set(Object.values(header.columns) as number[]);
  const matches = (Object.entries(header.columns) as Array<[K, number]>)
    .map(([key, column]) => ({ column, header: label(column), key }))
    .sort((a, b) => a.column - b.column);
  const extras: ExtraColumn[] = [];
  for (let c = 0; c < width; c++) {
    if (!matched.has(c) && (label(c) !== '' || columnHasData(grid, header.row, c))) extras.push({ column: c, header: label(c) });
  }
  return {
    headerRow: header.row,
    matches,
    columnOf: header.columns,
    extras,
    duplicates: header.repeated.map(({ column, key }) => ({ column, header: label(column), key })),
  };
}

function columnHasData(grid: readonly (readonly CellValue[])[], headerRow: number, column: number): boolean {
  for (let r = headerRow + 1; r < grid.length; r++) if (!isMissingCell(grid[r]?.[column])) return true;
  return false;
}
