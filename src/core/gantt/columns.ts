/**
 * The Gantt tab's layout, shared by the tab builder and by the reader of an existing Gantt tab: the
 * header rows, the task columns on the left, and the hidden bookkeeping columns at the far right that
 * let a regeneration tell what people typed on the tab from what the add-on wrote there.
 */
import { LANGS, t, type MessageKey } from '../i18n';
import type { CellFormat, CellValue } from '../tab/spec';
import { findHeader, type ColumnDef, type TableSchema } from '../table/schema';

/** Task columns, left to right; the bar rules read owner (D), start (F), end (G) and progress (I). */
export const GANTT_TASK_COLUMNS = ['id', 'phase', 'task', 'owner', 'participants', 'start', 'end', 'days', 'progress', 'status', 'predecessors'] as const;
export type TaskColumn = (typeof GANTT_TASK_COLUMNS)[number];
export const COL = Object.fromEntries(GANTT_TASK_COLUMNS.map((key, i) => [key, i])) as Record<TaskColumn, number>;

export const TASK_COLUMN_LABELS: Record<TaskColumn, MessageKey> = {
  id: 'gantt.header.id',
  phase: 'gantt.header.phase',
  task: 'gantt.header.task',
  owner: 'gantt.header.owner',
  participants: 'gantt.header.participants',
  start: 'gantt.header.start',
  end: 'gantt.header.end',
  days: 'gantt.header.duration',
  progress: 'gantt.header.progress',
  status: 'gantt.header.status',
  predecessors: 'gantt.header.predecessors',
};
/**
 * Neighbouring columns share a width where reading allows it, since Sheets sets widths one run of equal
 * widths at a time (a call each): ID and phase are narrow, start to status take a date's width, owner,
 * participants and predecessors Sheets' default width, which a new tab has already.
 */
const NARROW_WIDTH = 56;
const VALUE_WIDTH = 80;
const DEFAULT_WIDTH = 100;
export const TASK_COLUMN_WIDTHS: Record<TaskColumn, number> = {
  id: NARROW_WIDTH,
  phase: NARROW_WIDTH,
  task: 170,
  owner: DEFAULT_WIDTH,
  participants: DEFAULT_WIDTH,
  start: VALUE_WIDTH,
  end: VALUE_WIDTH,
  days: VALUE_WIDTH,
  progress: VALUE_WIDTH,
  status: VALUE_WIDTH,
  predecessors: DEFAULT_WIDTH,
};

/** Text columns stay text, so an ID such as 001 or a task named 2026 is not read back as a number. */
export const TASK_COLUMN_FORMATS: Record<TaskColumn, CellFormat> = {
  id: 'text',
  phase: 'text',
  task: 'text',
  owner: 'text',
  participants: 'text',
  start: 'date',
  end: 'date',
  days: 'integer',
  progress: 'percent',
  status: 'text',
  predecessors: 'text',
};

/**
 * Hidden, right of the day columns: the task's ID and name in the plan when the tab was generated
 * (the row's task is found again even when its visible cells were edited or its plan row moved), the
 * start and end the scheduler computed (a computed date that differs from it was typed here), and the
 * row's place in the per-owner task lists, a formula over its owner (tab.ts, liveFooter).
 */
export const GANTT_HIDDEN_COLUMNS = ['planId', 'planName', 'computedStart', 'computedEnd', 'computedPrint', 'listKey'] as const;
export type HiddenColumn = (typeof GANTT_HIDDEN_COLUMNS)[number];
export const HIDDEN_COLUMN_LABELS: Record<HiddenColumn, MessageKey> = {
  planId: 'gantt.header.planId',
  planName: 'gantt.header.planName',
  computedStart: 'gantt.header.computedStart',
  computedEnd: 'gantt.header.computedEnd',
  computedPrint: 'gantt.header.computedPrint',
  listKey: 'gantt.header.listKey',
};
export const HIDDEN_COLUMN_FORMATS: Record<HiddenColumn, CellFormat> = {
  planId: 'text',
  planName: 'text',
  computedStart: 'date',
  computedEnd: 'date',
  computedPrint: 'text',
  listKey: 'general',
};

/** The task columns the add-on computes at every run (not from the plan's cells): what it wrote there is fingerprinted. */
export const COMPUTED_COLUMNS = ['id', 'days', 'predecessors'] as const;

/** 0-based rows above the tasks: month, day of month, weekday (班/休), then the task headers beside each day's serial. */
export const MONTH_ROW = 0;
export const DAY_ROW = 1;
export const WEEKDAY_ROW = 2;
export const DATE_ROW = 3;
export const GANTT_HEADER_ROWS = 4;
export const GANTT_FIRST_DAY_COLUMN = GANTT_TASK_COLUMNS.length;

/** Where the columns of a Gantt tab are, as read back: found by their labels in either language. */
export interface GanttLayout {
  /** 0-based row of the task headers. */
  headerRow: number;
  columns: Partial<Record<TaskColumn | HiddenColumn, number>>;
}

/**
 * The Gantt tab's task table as it is read back: the task columns and the hidden bookkeeping columns,
 * found by their headers in either language. The header names the task column and two more.
 */
export const GANTT_SCHEMA: TableSchema<TaskColumn | HiddenColumn> = {
  order: [...GANTT_TASK_COLUMNS, ...GANTT_HIDDEN_COLUMNS],
  required: ['task'],
  header: { minColumns: 3 },
  columns: {
    ...(Object.fromEntries(
      GANTT_TASK_COLUMNS.map((key): [TaskColumn, ColumnDef] => [
        key,
        { header: TASK_COLUMN_LABELS[key], width: TASK_COLUMN_WIDTHS[key], format: TASK_COLUMN_FORMATS[key] },
      ]),
    ) as Record<TaskColumn, ColumnDef>),
    ...(Object.fromEntries(
      GANTT_HIDDEN_COLUMNS.map((key): [HiddenColumn, ColumnDef] => [
        key,
        { header: HIDDEN_COLUMN_LABELS[key], format: HIDDEN_COLUMN_FORMATS[key], hidden: true },
      ]),
    ) as Record<HiddenColumn, ColumnDef>),
  },
};

/** How far down the task headers may be looked for (they sit on row 4; a person may have inserted a row). */
const HEADER_SEARCH_ROWS = 10;

/** The row naming the task column and at least two other columns, with every known column's position. */
export function findGanttHeader(grid: ReadonlyArray<ReadonlyArray<CellValue>>): GanttLayout | null {
  const header = findHeader(grid.slice(0, HEADER_SEARCH_ROWS), GANTT_SCHEMA);
  return header && { headerRow: header.row, columns: header.columns };
}

/** Whether a cell holds one of the block titles `key` names, in either language. */
export function isBlockTitle(cell: CellValue | undefined, key: MessageKey): boolean {
  return typeof cell === 'string' && LANGS.some((lang) => t(lang, key) === cell.trim());
}

/** The keys of a Gantt tab's table, left to right: the task columns, one per day column, the hidden ones. */
export function ganttTableKeys(dayCount: number): string[] {
  return [...GANTT_TASK_COLUMNS, ...Array.from({ length: dayCount }, (_, i) => dayKey(i)), ...GANTT_HIDDEN_COLUMNS];
}

/** The key of the i-th day column: day columns are the add-on's by position, whatever dates they show. */
export function dayKey(index: number): string {
  return `day:${index}`;
}

export function isDayKey(key: string): boolean {
  return /^day:\d+$/.test(key);
}

/** A Gantt tab as it is now, read as a table whose rows the add-on can move (see app/gantt.ts). */
export interface ExistingGantt {
  headerRow: number;
  /** Column of each key of ganttTableKeys(dayCount). */
  columns: Record<string, number>;
  dayCount: number;
  /** The task rows (and the kept rows below them) are [headerRow + 1, end). */
  end: number;
  /** The first row of the workload block, null when there is none. */
  footerRow: number | null;
}

/**
 * The task table of an existing Gantt tab, when it is laid out as the add-on lays it out — task columns
 * from A, the day columns, then the hidden columns — so that its rows can be moved and only its
 * columns' cells rewritten. Null when a person rearranged its columns (inserted one among them): the
 * tab is then updated as a whole block, and what cannot stay goes to an old version.
 */
export function readExistingGantt(grid: ReadonlyArray<ReadonlyArray<CellValue>>): ExistingGantt | null {
  const layout = findGanttHeader(grid);
  if (!layout) return null;
  const { headerRow } = layout;
  if (GANTT_TASK_COLUMNS.some((key, i) => layout.columns[key] !== i)) return null;
  const firstHidden = layout.columns[GANTT_HIDDEN_COLUMNS[0]];
  // A tab written before a hidden column was added lacks it at the end: it is added again.
  const present = GANTT_HIDDEN_COLUMNS.filter((key) => layout.columns[key] !== undefined);
  if (firstHidden === undefined || present.length < 4 || present.some((key, i) => layout.columns[key] !== firstHidden + i)) return null;
  const dayCount = firstHidden - GANTT_FIRST_DAY_COLUMN;
  if (dayCount < 1) return null;
  const footer = grid.findIndex((line, r) => r > headerRow && isBlockTitle(line[0], 'gantt.block.workload'));
  let end = headerRow + 1;
  const blank = (line: ReadonlyArray<CellValue> | undefined) => !line || line.every((cell) => cell === null || cell === '');
  while (end < grid.length && (footer >= 0 ? end < footer : !blank(grid[end]))) end++;
  // The blank row the add-on leaves above the workload block is not a task row, whatever a person
  // put beside the table on it (that stays where it is).
  const width = firstHidden + present.length;
  if (footer >= 0 && end > headerRow + 1 && blank(grid[end - 1]?.slice(0, width))) end--;
  const columns: Record<string, number> = {};
  ganttTableKeys(dayCount).forEach((key, i) => {
    if (!(GANTT_HIDDEN_COLUMNS as readonly string[]).includes(key) || present.includes(key as HiddenColumn)) columns[key] = i;
  });
  return { headerRow, columns, dayCount, end, footerRow: footer >= 0 ? footer : null };
}
