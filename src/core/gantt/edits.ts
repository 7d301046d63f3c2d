/**
 * Regenerating a Gantt tab without losing what people typed on it. The tab as it is now is read back
 * (headers in either language) and each row is matched to its task: by the plan name and ID recorded
 * in the hidden columns, else by the visible name or ID.
 *
 * - A cell that comes from the plan (phase, name, owner, participants, progress, status, start, end)
 *   was typed on the Gantt tab when it shows something other than what the plan says now — a live
 *   link always shows the plan's value — and other than what the add-on itself wrote there last time
 *   (the computed dates and the task name, recorded in the hidden columns). Such a cell is kept, as a
 *   plain value, and counted. A cleared cell, or one showing an error, gives the cell back to the plan.
 * - ID, duration and predecessors are computed from the plan at every run.
 * - A row whose task is no longer in the plan is kept, as it was, when something in it was typed;
 *   otherwise it is removed and its task named in the result.
 */
import { AppError } from '../errors';
import type { CellValue } from '../tab/spec';
import { cellText } from '../table/schema';
import { fingerprint } from '../tab/layers';
import { COL, COMPUTED_COLUMNS, findGanttHeader, GANTT_HIDDEN_COLUMNS, GANTT_TASK_COLUMNS, isBlockTitle, type HiddenColumn, type TaskColumn } from './columns';
import type { LinkedColumn } from './links';
import type { ScheduledTask } from './schedule';

/** The columns whose typed values are kept: exactly those that come from the plan. */
export type EditableColumn = LinkedColumn;
export const EDITABLE_COLUMNS: EditableColumn[] = ['phase', 'task', 'owner', 'participants', 'start', 'end', 'progress', 'status'];

export type GanttRowCells = Partial<Record<TaskColumn | HiddenColumn, CellValue>>;

export interface GanttEdits {
  /** Per task, in plan order: the values typed on the Gantt tab, kept instead of the plan's. */
  overrides: Array<Partial<Record<EditableColumn, CellValue>>>;
  /** How many cells that is. */
  kept: number;
  /** Rows whose task is no longer in the plan and that hold something typed: kept as they were. */
  keptRows: GanttRowCells[];
  /** The row of the tab (0-based) each task's row was in, or null for a task new to the tab. */
  taskRows: Array<number | null>;
  /** The row of the tab each kept row was in. */
  keptRowsAt: number[];
  /**
   * Rows someone added to the Gantt tab by hand (no plan name of the add-on's), as they were: each stays
   * right after the task it followed (`after`, a task index; null before the first task).
   */
  handRows: Array<{ row: number; cells: GanttRowCells; after: number | null }>;
  /** Tasks no longer in the plan whose rows held nothing typed: removed from the tab. */
  removed: string[];
}

export interface ReadEditsInput {
  /** The Gantt tab's values as read now; [] when there is no Gantt tab yet. */
  existing: CellValue[][];
  tasks: ScheduledTask[];
  /** Whether the plan has an ID column (tasks are then found by ID before name). */
  byId: boolean;
  /** What a task's column would show if nobody had typed in it: the plan's value now. */
  planValue(taskIndex: number, column: EditableColumn): CellValue;
  /** The Gantt tab's name, for the error when its header cannot be found. */
  tab?: string;
}

/** Values a spreadsheet shows for a formula that failed (a lookup whose plan row was deleted). */
const ERROR_VALUE = /^#(N\/A|REF!|VALUE!|ERROR!|NAME\?|DIV\/0!|NUM!|NULL!)$/;

function isBlankOrError(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  return typeof value === 'string' && (value.trim() === '' || ERROR_VALUE.test(value.trim()));
}

/** Equal as a spreadsheet shows them: blank is blank, numbers to float precision (0.1 + 0.2 is 0.3). */
function same(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const blankA = a === null || a === undefined || a === '';
  const blankB = b === null || b === undefined || b === '';
  if (blankA || blankB) return blankA && blankB;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return a === b;
}

/** What the add-on itself last wrote in a column, when the tab recorded it. */
function writtenBefore(row: GanttRowCells, column: EditableColumn): CellValue | undefined {
  if (column === 'start') return row.computedStart;
  if (column === 'end') return row.computedEnd;
  if (column === 'task') return row.planName;
  return undefined;
}

function typedIn(row: GanttRowCells, column: EditableColumn, planNow: CellValue | undefined): boolean {
  const value = row[column];
  if (isBlankOrError(value) || same(value, planNow)) return false;
  const before = writtenBefore(row, column);
  return before === undefined || !same(value, before);
}

/**
 * The cells of a Gantt tab whose typed content regeneration carries over itself (see above): the
 * columns that come from the plan, in its task rows. Whatever people typed anywhere else on the tab is theirs
 * for the generic rule (kept where it is, or in an old version).
 */
export function carriedEditCells(existing: ReadonlyArray<ReadonlyArray<CellValue>>): (row: number, col: number) => boolean {
  const layout = findGanttHeader(existing);
  if (!layout) return () => false;
  const footer = existing.findIndex((line, r) => r > layout.headerRow && isBlockTitle(line[0], 'gantt.block.workload'));
  let end = layout.headerRow + 1;
  while (end < existing.length && (footer >= 0 ? end < footer : !existing[end].every((cell) => isBlankOrError(cell)))) end++;
  const columns = new Set(EDITABLE_COLUMNS.flatMap((column) => (layout.columns[column] === undefined ? [] : [layout.columns[column] as number])));
  return (row, col) => row > layout.headerRow && row < end && columns.has(col);
}

/** Fingerprints of the cells the add-on computes in a task row ("id=… days=… predecessors=…"), as it writes them. */
export function computedPrint(cells: ReadonlyArray<CellValue | { value: CellValue }>): string {
  const text = (cell: CellValue | { value: CellValue } | undefined): string =>
    cellText(typeof cell === 'object' && cell !== null ? (cell as { value: CellValue }).value : (cell as CellValue | undefined));
  return COMPUTED_COLUMNS.map((column) => `${column}=${fingerprint(text(cells[COL[column]]))}`).join(' ');
}

/**
 * Cells of the task rows someone typed over where the add-on computes the value (ID, duration,
 * predecessors): the add-on writes its own again, so they go to the old version. Known from the
 * fingerprints the hidden computedPrint column holds; a tab written without it tells nothing.
 */
export function countTypedOverComputed(grid: ReadonlyArray<ReadonlyArray<CellValue>>): number {
  const layout = findGanttHeader(grid);
  const printCol = layout?.columns.computedPrint;
  if (!layout || printCol === undefined) return 0;
  let count = 0;
  for (let r = layout.headerRow + 1; r < grid.length; r++) {
    const stored = cellText(grid[r]?.[printCol]);
    if (!stored) continue;
    const now = computedPrint(grid[r]).split(' ');
    stored.split(' ').forEach((part, i) => {
      if (part !== now[i]) count++;
    });
  }
  return count;
}

/** The task rows of a Gantt tab (with their row): below the task headers, above the workload block, without the kept-rows title. */
function readRows(existing: CellValue[][], tab: string | undefined): Array<{ row: number; cells: GanttRowCells }> {
  if (existing.every((line) => line.every((cell) => isBlankOrError(cell)))) return [];
  const layout = findGanttHeader(existing);
  if (!layout) throw new AppError({ code: 'gantt.error.noGanttHeader', params: { tab: tab ?? '' }, location: tab ? { tab } : undefined });
  const footer = existing.findIndex((line, r) => r > layout.headerRow && isBlockTitle(line[0], 'gantt.block.workload'));
  const rows: Array<{ row: number; cells: GanttRowCells }> = [];
  for (let r = layout.headerRow + 1; r < existing.length; r++) {
    const line = existing[r];
    if (footer >= 0 ? r >= footer : line.every((cell) => isBlankOrError(cell))) break;
    if (isBlockTitle(line[0], 'gantt.block.notInPlan')) continue;
    const cells: GanttRowCells = {};
    let blank = true;
    for (const column of [...GANTT_TASK_COLUMNS, ...GANTT_HIDDEN_COLUMNS]) {
      const c = layout.columns[column];
      if (c === undefined) continue;
      cells[column] = line[c] ?? null;
      if (!isBlankOrError(line[c])) blank = false;
    }
    if (!blank) rows.push({ row: r, cells });
  }
  return rows;
}

export function readGanttEdits(input: ReadEditsInput): GanttEdits {
  const { tasks, byId, planValue } = input;
  const edits: GanttEdits = {
    overrides: tasks.map(() => ({})),
    kept: 0,
    keptRows: [],
    removed: [],
    taskRows: tasks.map(() => null),
    keptRowsAt: [],
    handRows: [],
  };
  const byName = new Map(tasks.map((task, i) => [task.name, i]));
  const byIdMap = new Map(byId ? tasks.map((task, i) => [task.id, i]) : []);
  const matched = new Set<number>();

  let previousTask: number | null = null;
  for (const { row: at, cells: row } of readRows(input.existing, input.tab)) {
    // Names are unique in a plan; the ID still finds a task renamed in the plan since the last run.
    const candidates = [byName.get(cellText(row.planName)), byIdMap.get(cellText(row.planId)), byName.get(cellText(row.task)), byIdMap.get(cellText(row.id))];
    const index = candidates.find((i): i is number => i !== undefined && !matched.has(i));
    if (index === undefined) {
      // A row the add-on did not write (its hidden plan name is blank) was added by someone: it stays where it is.
      if (row.planName !== undefined && cellText(row.planName) === '') {
        edits.handRows.push({ row: at, cells: row, after: previousTask });
        continue;
      }
      const typed = EDITABLE_COLUMNS.some((column) => typedIn(row, column, undefined) && !(column === 'task' && !byId && row.planName === undefined));
      if (typed) {
        edits.keptRows.push(row);
        edits.keptRowsAt.push(at);
      } else edits.removed.push(cellText(row.planName) || cellText(row.task));
      continue;
    }
    matched.add(index);
    edits.taskRows[index] = at;
    previousTask = index;
    for (const column of EDITABLE_COLUMNS) {
      if (row[column] === undefined || !typedIn(row, column, planValue(index, column))) continue;
      edits.overrides[index][column] = row[column]!;
      edits.kept++;
    }
  }
  return edits;
}
