/**
 * Finding the header row of a pasted grid and mapping its columns to keys through a synonym index.
 * Shared by the pasted table of counts and the raw lists.
 */
import type { CellValue } from '../tab/spec';
import { isMissingCell } from './numbers';
import { headerText, type ExtraColumn } from './report';
import { matchHeader, type MatchKind, type SynonymIndex } from './synonyms';

export interface ColumnMatch<K extends string> {
  column: number;
  header: string;
  key: K;
  match: MatchKind;
}

export interface ColumnMap<K extends string> {
  matches: ColumnMatch<K>[]; // in column order
  columnOf: Partial<Record<K, number>>;
  extras: ExtraColumn[];
  /** Columns naming a key an earlier column already took (first match wins); kept as extras. */
  duplicates: Array<{ column: number; header: string; key: K }>;
}

export interface HeaderRules<K extends string> {
  index: SynonymIndex<K>;
  /** Keys whose columns hold text: a header with a unit in brackets never names them. */
  textKeys: readonly K[];
  /** Match "ends with a synonym" too (公开课到课 → attendees), after every exact match. */
  suffixes: boolean;
  /** Whether the keys found on a row make it the header row. */
  accepts: (keys: ReadonlySet<K>) => boolean;
}

/** True when every cell is blank or a placeholder such as "-". */
export function isBlankRow(row: readonly CellValue[] | undefined): boolean {
  if (!row) return true;
  for (const cell of row) if (!isMissingCell(cell)) return false;
  return true;
}

function keyOf<K extends string>(rules: HeaderRules<K>, cell: CellValue): K | null {
  if (typeof cell !== 'string') return null;
  return (
    matchHeader(rules.index, cell, 'exact', rules.textKeys) ??
    (rules.suffixes ? matchHeader(rules.index, cell, 'suffix', rules.textKeys) : null)
  );
}

/** Index of the first row the rules accept as a header, or -1. */
export function findHeaderRow<K extends string>(grid: readonly (readonly CellValue[])[], rules: HeaderRules<K>): number {
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const keys = new Set<K>();
    for (const cell of row) {
      const key = keyOf(rules, cell);
      if (key !== null) keys.add(key);
    }
    if (keys.size >= 2 && rules.accepts(keys)) return r;
  }
  return -1;
}

/**
 * Maps header cells to keys: exact synonyms left to right, then (when allowed) suffix matches for
 * the keys still free. A column whose key is taken, or that names nothing, is an extra column
 * (kept and reported) when it has a header or any data.
 */
export function mapColumns<K extends string>(
  grid: readonly (readonly CellValue[])[],
  headerRow: number,
  rules: HeaderRules<K>,
): ColumnMap<K> {
  const header = grid[headerRow] ?? [];
  let width = header.length;
  for (let r = headerRow + 1; r < grid.length; r++) width = Math.max(width, grid[r]?.length ?? 0);

  const columnOf: Partial<Record<K, number>> = {};
  const matched = new Map<number, ColumnMatch<K>>();
  const duplicates: ColumnMap<K>['duplicates'] = [];
  const passes: MatchKind[] = rules.suffixes ? ['exact', 'suffix'] : ['exact'];
  for (const kind of passes) {
    for (let c = 0; c < width; c++) {
      if (matched.has(c) || duplicates.some((d) => d.column === c)) continue;
      const key = matchHeader(rules.index, header[c] ?? null, kind, rules.textKeys);
      if (key === null) continue;
      const text = headerText(header[c]);
      if (columnOf[key] === undefined) {
        columnOf[key] = c;
        matched.set(c, { column: c, header: text, key, match: kind });
      } else {
        duplicates.push({ column: c, header: text, key });
      }
    }
  }

  const extras: ExtraColumn[] = [];
  for (let c = 0; c < width; c++) {
    if (matched.has(c)) continue;
    const text = headerText(header[c]);
    if (text !== '' || columnHasData(grid, headerRow, c)) extras.push({ column: c, header: text });
  }
  const matches = [...matched.values()].sort((a, b) => a.column - b.column);
  return { matches, columnOf, extras, duplicates };
}

function columnHasData(grid: readonly (readonly CellValue[])[], headerRow: number, column: number): boolean {
  for (let r = headerRow + 1; r < grid.length; r++) if (!isMissingCell(grid[r]?.[column])) return true;
  return false;
}
