/**
 * A generated row tab as it is now: where its header and its add-on columns are, and its rows, each
 * with whether a person put something of their own in it (a value in a column of theirs, a note).
 * Features merge these rows with freshly generated ones; a row with something of the user's in it is
 * never dropped.
 */
import { cellHasContent, noteAt, type TabContent } from '../tab/content';
import { userPartOfNote, type OldTable } from '../tab/layers';
import type { RangeRef } from '../tab/spec';
import { findHeader, tableRows, type TableHeader, type TableRow, type TableSchema } from './schema';

export interface ExistingRow<Key extends string = string> extends TableRow<Key> {
  /** Something of the user's is in this row: a value in a column the schema does not know, or a note. */
  userContent: boolean;
}

export interface ExistingTable<Key extends string = string> {
  header: TableHeader<Key>;
  /** The table's rows in sheet order: every row up to the last one with an add-on cell filled, but empty ones. */
  rows: ExistingRow<Key>[];
  /** The layout the planner continues from. */
  old: OldTable;
  /** One past the last column used by the table: the add-on's columns and the user's beside them. */
  right: number;
}

/**
 * Reads a generated row tab back with its schema. Null when the header cannot be found (the caller
 * decides whether that is an error). `ignore`: columns that never make a row count as filled (formulas
 * the tab fills itself); `blocks`: the add-on's other cells (a summary beside the table), not the user's.
 */
export function readExistingTable<Key extends string>(
  content: TabContent,
  schema: TableSchema<Key>,
  options: { ignore?: readonly Key[]; blocks?: readonly RangeRef[] } = {},
): ExistingTable<Key> | null {
  const { ignore = [], blocks = [] } = options;
  const found = findHeader(content.values, schema);
  if (!found) return null;
  const inBlock = (r: number, c: number): boolean => blocks.some((b) => r >= b.row && r < b.row + b.rows && c >= b.col && c < b.col + b.cols);
  // Header cells of a block beside the table (the summary's titles) are not columns of the user's.
  const header: TableHeader<Key> = { ...found, userColumns: found.userColumns.filter((c) => !inBlock(found.row, c)) };
  const filled = tableRows(content.values, schema, header, ignore);
  const end = filled.length ? filled[filled.length - 1].row + 1 : header.row + 1;
  const addOnColumns = new Set(Object.values(header.columns) as number[]);
  const right = Math.max(0, ...[...addOnColumns, ...header.userColumns].map((c) => c + 1));
  const width = Math.max(right, ...content.values.map((line) => line.length), ...content.notes.map((line) => line.length));
  const byRow = new Map(filled.map((row) => [row.row, row]));
  const rows: ExistingRow<Key>[] = [];
  for (let r = header.row + 1; r < end; r++) {
    let userContent = false;
    for (let c = 0; c < width && !userContent; c++) {
      if (inBlock(r, c)) continue;
      if (addOnColumns.has(c)) userContent = userPartOfNote(noteAt(content, r, c)) !== '';
      else userContent = cellHasContent(content, r, c);
    }
    const row = byRow.get(r);
    if (row) rows.push({ ...row, userContent });
    else if (userContent) rows.push({ row: r, cells: {}, userContent });
  }
  return { header, rows, old: { headerRow: header.row, columns: header.columns as Record<string, number>, end }, right };
}
