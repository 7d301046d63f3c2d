/**
 * Reading a pasted table of counts (WeCom / 小鹅通 / QQ exports, hand-kept tables): find the header
 * row, map columns by synonym, skip title and 合计 rows, clean every number. Every unreadable cell
 * is collected; if there is any, one AppError lists them all and nothing is computed.
 */
import { toIso } from '../dates';
import { AppError, type Problem } from '../errors';
import { columnLetter, type CellValue } from '../tab/spec';
import { headerName } from '../table/schema';
import { isBlankRow, readColumns } from './columns';
import { emptyInputs, type MetricInputs } from './definitions';
import { isMissingCell, readNumberValue, type NumberProblem } from './numbers';
import { rowText, type ExtraColumn, type MappingEntry, type SkippedRow, type Warning } from './report';
import { INPUT_KEYS, METRICS_SCHEMA, type InputKey } from './synonyms';

export interface ParsedRow {
  row: number; // 1-based row in the pasted grid
  name: string;
  period: string | null;
  inputs: MetricInputs;
  /** Values of the extra columns, in the order of ParsedTable.extraColumns. */
  extras: CellValue[];
}

export interface ParsedTable {
  source: string;
  headerRow: number; // 1-based
  mapping: MappingEntry[];
  /** Inputs that have a column, in INPUT_KEYS order. */
  inputKeys: InputKey[];
  hasPeriod: boolean;
  rows: ParsedRow[];
  skipped: SkippedRow[];
  extraColumns: ExtraColumn[];
  warnings: Warning[];
}

export interface ParseOptions {
  /** The tab (or file) the grid came from: named in errors and used as the metrics tab's source key. */
  tab?: string;
}

const TOTAL_LABEL_MAX = 24;
const TOTAL_ROW = /^(合计|总计|汇总|小计|总合计|total|subtotal|grandtotal)$/;
const TOTAL_HINT = /[计汇tTｔＴ]/;

/** 合计 / 总计 / 汇总 / 小计 / Total, in any case, with spaces ("合 计"), a colon or a bracketed note. */
export function isTotalLabel(cell: CellValue | undefined): boolean {
  // Every total label holds 计, 汇 or a t (total): most names are rejected before normalising.
  if (typeof cell !== 'string' || cell.length > TOTAL_LABEL_MAX || !TOTAL_HINT.test(cell)) return false;
  return TOTAL_ROW.test(headerName(cell).name);
}

export const NUMBER_PROBLEM_CODES = {
  notANumber: 'metrics.cell.notANumber',
  percentNotExpected: 'metrics.cell.percentNotExpected',
  boolean: 'metrics.cell.boolean',
  notFinite: 'metrics.cell.notFinite',
} as const satisfies Record<NumberProblem, string>;

/** Dates typed in a period column arrive as day serials; show them as dates, small numbers as they are. */
function periodText(cell: CellValue | undefined): string | null {
  if (isMissingCell(cell ?? null)) return null;
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 20000 && cell <= 80000) return toIso(cell);
  return String(cell).trim();
}

export function parseMetricsGrid(grid: readonly (readonly CellValue[])[], options: ParseOptions = {}): ParsedTable {
  const tab = options.tab;
  if (grid.every((row) => isBlankRow(row))) throw new AppError({ code: 'error.emptyInput', location: { tab } });

  const columns = readColumns(grid, METRICS_SCHEMA);
  if (!columns) throw new AppError({ code: 'metrics.error.noHeader', location: { tab } });
  const headerIndex = columns.headerRow;

  const skipped: SkippedRow[] = [];
  for (let r = 0; r < headerIndex; r++) {
    if (!isBlankRow(grid[r])) skipped.push({ row: r + 1, reason: 'title', text: rowText(grid[r]) });
  }

  const warnings: Warning[] = columns.duplicates.map((d) => ({
    code: 'metrics.warning.duplicateColumn',
    params: { column: columnLetter(d.column), header: d.header, field: d.key },
  }));

  const inputColumns = INPUT_KEYS.flatMap((key) => columns.matches.filter((m) => m.key === key)).map((m) => ({ key: m.key as InputKey, column: m.column, header: m.header }));
  const nameColumn = columns.columnOf.name;
  const periodColumn = columns.columnOf.period;
  const headerTexts = columns.matches.map((m) => ({ column: m.column, text: m.header }));

  const rows: ParsedRow[] = [];
  const problems: Problem[] = [];
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    if (isBlankRow(cells)) continue;
    const firstCell = cells.find((cell) => !isMissingCell(cell));
    const nameCell = nameColumn !== undefined ? cells[nameColumn] : undefined;
    if (isTotalLabel(firstCell) || (nameCell !== firstCell && isTotalLabel(nameCell))) {
      skipped.push({ row: r + 1, reason: 'total', text: rowText(cells) });
      continue;
    }
    let repeats = 0;
    for (const h of headerTexts) if (typeof cells[h.column] === 'string' && (cells[h.column] as string).trim() === h.text) repeats++;
    if (repeats >= 2) {
      skipped.push({ row: r + 1, reason: 'header', text: rowText(cells) });
      continue;
    }

    const inputs = emptyInputs();
    for (const { key, column, header: columnName } of inputColumns) {
      const cell = cells[column] ?? null;
      const read = readNumberValue(cell);
      if (typeof read !== 'string') inputs[key] = read;
      else {
        problems.push({
          code: NUMBER_PROBLEM_CODES[read],
          params: { value: String(cell) },
          location: { tab, row: r + 1, column, columnName },
        });
      }
    }
    rows.push({
      row: r + 1,
      name: isMissingCell(nameCell ?? null) ? `#${r + 1}` : String(nameCell).trim(),
      period: periodColumn !== undefined ? periodText(cells[periodColumn]) : null,
      inputs,
      extras: columns.extras.map((extra) => cells[extra.column] ?? null),
    });
  }

  if (problems.length > 0) {
    throw new AppError([{ code: 'metrics.error.unreadable', params: { count: problems.length }, location: { tab } }, ...problems]);
  }
  if (rows.length === 0) throw new AppError({ code: 'metrics.error.noRows', location: { tab, row: headerIndex + 1 } });

  return {
    source: tab ?? '',
    headerRow: headerIndex + 1,
    mapping: columns.matches.map((m) => ({ column: m.column, header: m.header, field: m.key })),
    inputKeys: inputColumns.map((c) => c.key),
    hasPeriod: periodColumn !== undefined,
    rows,
    skipped,
    extraColumns: columns.extras,
    warnings,
  };
}
