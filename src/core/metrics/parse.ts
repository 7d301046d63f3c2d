/**
 * Reading a pasted table of counts (WeCom / 小鹅通 / QQ exports, hand-kept tables): find the header
 * row, map columns by synonym, skip title and 合计 rows, clean every number. Every unreadable or
 * impossible cell (negative, a fraction of a person) is collected; if there is any, one AppError
 * lists them all and nothing is computed. Counts that contradict each other on a row (到课 above
 * 群人数) are warnings, located, in the parse report.
 */
import { parseDate, toIso } from '../dates';
import { AppError, type Problem } from '../errors';
import type { MessageKey } from '../i18n';
import { columnLetter, type CellValue } from '../tab/spec';
import { headerName } from '../table/schema';
import { isBlankRow, readColumns } from './columns';
import { emptyInputs, type MetricInputs } from './definitions';
import { isMissingCell, readNumberValue, type NumberProblem } from './numbers';
import { rowText, type ExtraColumn, type MappingEntry, type SkippedRow, type Warning } from './report';
import { INPUT_KEYS, METRICS_SCHEMA, MONEY_INPUTS, type InputKey } from './synonyms';

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

const MONEY = new Set<InputKey>(MONEY_INPUTS);

/**
 * A number no table of counts can hold: less than zero anywhere, or a fraction of a person (3.5
 * members) in a column of people. Refused rather than computed: −5 members gave a rate of −60%.
 */
function impossibleValue(key: InputKey, value: number | null): MessageKey | null {
  if (value === null) return null;
  if (value < 0) return 'metrics.cell.negative';
  if (!MONEY.has(key) && !Number.isInteger(value)) return 'metrics.cell.fractionalPeople';
  return null;
}

/**
 * Counts that are part of another count on the same row, each with the wholes it is compared with,
 * nearest first: 完课 are among 到课 (or, without a 到课 column, among 群人数). A part above its whole
 * is possible to type but not to happen, so it is pointed out, row and column, and still computed.
 */
const PART_OF: ReadonlyArray<readonly [InputKey, readonly InputKey[]]> = [
  ['attendees', ['members']],
  ['completed', ['attendees', 'members']],
  ['leads', ['members']],
  ['buyers', ['members']],
  ['activeMembers', ['members']],
  ['refunds', ['buyers']],
  ['repeatBuyers', ['previousBuyers']],
  ['opened', ['delivered']],
];

interface InputColumn {
  key: InputKey;
  column: number;
  header: string;
}

function warnPartsAboveWholes(
  inputs: MetricInputs,
  columnOf: ReadonlyMap<InputKey, InputColumn>,
  row: number,
  tab: string | undefined,
  warnings: Warning[],
): void {
  for (const [part, wholes] of PART_OF) {
    const value = inputs[part];
    const whole = wholes.find((key) => inputs[key] !== null);
    if (value === null || whole === undefined || value <= (inputs[whole] as number)) continue;
    const partColumn = columnOf.get(part) as InputColumn;
    const wholeColumn = columnOf.get(whole) as InputColumn;
    warnings.push({
      code: 'metrics.warning.partAboveWhole',
      params: {
        row,
        column: columnLetter(partColumn.column),
        header: partColumn.header,
        value,
        wholeColumn: columnLetter(wholeColumn.column),
        wholeHeader: wholeColumn.header,
        whole: inputs[whole] as number,
      },
      location: { tab, row, column: partColumn.column, columnName: partColumn.header },
    });
  }
}

/** Dates typed in a period column arrive as day serials; show them as dates, small numbers as they are. */
function periodText(cell: CellValue | undefined): string | null {
  if (isMissingCell(cell ?? null)) return null;
  // A date cell is a period by its date; a plain number (a cohort, 12) stays a number.
  const day = typeof cell === 'number' && Number.isInteger(cell) ? parseDate(cell) : null;
  return day !== null ? toIso(day) : String(cell).trim();
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

  const inputColumns = INPUT_KEYS.flatMap((key) => columns.matches.filter((m) => m.key === key)).map((m) => ({
    key: m.key as InputKey,
    column: m.column,
    header: m.header,
  }));
  const inputColumnOf = new Map(inputColumns.map((c) => [c.key, c]));
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
      const problem = typeof read === 'string' ? NUMBER_PROBLEM_CODES[read] : impossibleValue(key, read);
      if (problem === null) inputs[key] = read as number | null;
      else problems.push({ code: problem, params: { value: String(cell) }, location: { tab, row: r + 1, column, columnName } });
    }
    warnPartsAboveWholes(inputs, inputColumnOf, r + 1, tab, warnings);
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
