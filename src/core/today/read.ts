/**
 * The single definition of "due": what the Today board's formulas compute live, read here from the
 * source tabs' values (grids as Workbook.readTab returns them). Reminders use readDueItems; the board
 * caches these values in its formulas, and the tests check that spreadsheet engines compute the same.
 *
 * Every rule below is written so that a formula without arrays can follow it cell by cell (board.ts):
 * text is compared without case, as `=` and MATCH compare it; a number's text is the spreadsheet's.
 */
import { weekday, type DaySerial } from '../dates';
import { roundHalfAway } from '../formula/number-format';
import { toText } from '../formula/values';
import type { WeekStart } from '../settings';
import type { CellValue } from '../tab/spec';
import type { DueItem, DueState } from './due';
import { dueSourceLayout, FIRST_DUE_SERIAL, LAST_DUE_SERIAL, type DueSourceLayout, type DueSourceTab } from './sources';

/** A row that is work: open (to do), done, or dropped (cancelled, removed: no longer planned). */
export type WorkKind = 'open' | 'done' | 'dropped';

/** One row position of a source tab, read as the board's hidden mirror columns read it. */
export interface SourceRow {
  /** 1-based sheet row. */
  row: number;
  /** Whole day, when the date cell holds a date from 2000 to 2100 (and, on a Gantt tab, the row is a task row). */
  date: DaySerial | null;
  /** The time cell as it is: a day fraction, or text ('' when blank). */
  time: number | string;
  item: string;
  /** As written; '' when nobody owns the row. */
  owner: string;
  status: string;
  /** Null when the row is no work: no date or no item. */
  kind: WorkKind | null;
}

/** The text a spreadsheet makes of a cell with `&""`. */
export function cellAsText(cell: CellValue | undefined): string {
  if (cell === null || cell === undefined) return '';
  const text = toText(cell);
  return typeof text === 'string' ? text : '';
}

const lower = (text: string): string => text.toLowerCase();

/** MATCH(title, column A, 0) of a Gantt tab for each title in turn: the 1-based row of the block below the tasks, or Infinity. */
export function taskTableBound(layout: DueSourceLayout, grid: ReadonlyArray<ReadonlyArray<CellValue>>): number {
  for (const title of layout.endTitles) {
    const index = grid.findIndex((line) => typeof line[0] === 'string' && lower(line[0]) === lower(title));
    if (index >= 0) return index + 1;
  }
  return Infinity;
}

/** A number as N() reads a cell: numbers as they are, TRUE as 1, anything else 0. */
function asNumber(cell: CellValue | undefined): number {
  return typeof cell === 'number' ? cell : typeof cell === 'boolean' ? Number(cell) : 0;
}

/** A progress cell as a share: above 1 it is a percentage (60 = 60%), the Gantt's own rule. */
function progressShare(cell: CellValue | undefined): number {
  const n = asNumber(cell);
  return n > 1 ? n / 100 : n;
}

/**
 * `count` row positions of a source tab from its first data row (by default every row the grid has
 * below it), each read as the board's mirror reads it.
 */
export function readSourceRows(layout: DueSourceLayout, grid: ReadonlyArray<ReadonlyArray<CellValue>>, count = grid.length - layout.firstRow): SourceRow[] {
  const { columns } = layout;
  const bound = layout.endTitles.length ? taskTableBound(layout, grid) : Infinity;
  const done = new Set(layout.doneLabels.map(lower));
  const dropped = new Set(layout.droppedLabels.map(lower));
  const rows: SourceRow[] = [];
  for (let i = 0; i < count; i++) {
    const index = layout.firstRow + i;
    const line = grid[index] ?? [];
    const at = (col: number | null): CellValue | undefined => (col === null ? undefined : line[col]);
    const dateCell = line[columns.date];
    const date =
      index + 1 < bound && typeof dateCell === 'number' && dateCell >= FIRST_DUE_SERIAL && dateCell < LAST_DUE_SERIAL + 1 ? Math.floor(dateCell) : null;
    const timeCell = at(columns.time);
    const item = cellAsText(line[columns.item]);
    const status = cellAsText(at(columns.status));
    let kind: WorkKind | null = null;
    if (date !== null && item !== '') {
      const isDone = done.has(lower(status)) || (columns.progress !== null && progressShare(at(columns.progress)) >= 1);
      kind = isDone ? 'done' : dropped.has(lower(status)) ? 'dropped' : 'open';
    }
    rows.push({
      row: index + 1,
      date,
      time: typeof timeCell === 'number' ? timeCell : cellAsText(timeCell),
      item,
      owner: cellAsText(at(columns.owner)),
      status,
      kind,
    });
  }
  return rows;
}

/** Minute of the day of a time cell (0–1439), or null when it holds no time. */
export function minuteOf(time: number | string): number | null {
  if (typeof time !== 'number') return null;
  return Math.min(1439, roundHalfAway((time - Math.floor(time)) * 1440, 0));
}

/** Today, and how many days after it still count as due (the board's setting). */
export interface DueWindow {
  today: DaySerial;
  daysAhead: number;
}

/** The state of an open row on `today`, or null when it is not due yet. */
export function dueState(date: DaySerial, window: DueWindow): DueState | null {
  if (date < window.today) return 'overdue';
  if (date === window.today) return 'today';
  return date <= window.today + window.daysAhead ? 'upcoming' : null;
}

/** The due items of one source's rows, in row order. */
export function dueItemsOf(layout: DueSourceTab, rows: readonly SourceRow[], window: DueWindow): DueItem[] {
  const items: DueItem[] = [];
  for (const row of rows) {
    if (row.kind !== 'open' || row.date === null) continue;
    const state = dueState(row.date, window);
    if (!state) continue;
    items.push({
      source: layout.source,
      tab: layout.tab,
      row: row.row,
      group: layout.group,
      cohort: layout.cohort,
      date: row.date,
      minute: minuteOf(row.time),
      item: row.item,
      owner: row.owner,
      status: row.status,
      state,
      daysOverdue: state === 'overdue' ? window.today - row.date : 0,
    });
  }
  return items;
}

/** A source tab with its values as read. */
export interface DueSourceGrid {
  tab: DueSourceTab;
  grid: ReadonlyArray<ReadonlyArray<CellValue>>;
}

/**
 * Every SOP row and Gantt task that is open (not done, cancelled or removed) and dated on or before
 * today + daysAhead: overdue, due today, or upcoming. In source order, then row order; a tab that no
 * longer reads as its kind (its header gone) gives none.
 */
export function readDueItems(sources: readonly DueSourceGrid[], window: DueWindow): DueItem[] {
  return readSources(sources).flatMap(({ layout, rows }) => dueItemsOf(layout, rows, window));
}

/** Each source tab that still reads as its kind, with where its columns are and its rows, in order. */
export function readSources(sources: readonly DueSourceGrid[]): Array<{ layout: DueSourceLayout; rows: SourceRow[] }> {
  return sources.flatMap(({ tab, grid }) => {
    const layout = dueSourceLayout(tab, grid);
    return layout ? [{ layout, rows: readSourceRows(layout, grid) }] : [];
  });
}

/**
 * Where an owner's lines go on the board: the executors in their order (the Team tab's, then other
 * owners), an owner not among them after them, nobody last. Names compare without case, as MATCH does.
 */
export function ownerRank(owner: string, executors: readonly string[], unassigned: string): number {
  const label = owner === '' ? unassigned : owner;
  if (lower(label) === lower(unassigned)) return executors.length + 2;
  const index = executors.findIndex((name) => lower(name) === lower(label));
  return index < 0 ? executors.length + 1 : index + 1;
}

/** Items in the board's order: by executor, then date, then time (timed first), then as read. */
export function orderDueItems(items: readonly DueItem[], executors: readonly string[], unassigned: string): DueItem[] {
  const keyed = items.map((item, index) => ({ item, index, owner: ownerRank(item.owner, executors, unassigned) }));
  keyed.sort((a, b) => a.owner - b.owner || a.item.date - b.item.date || (a.item.minute ?? 1440) - (b.item.minute ?? 1440) || a.index - b.index);
  return keyed.map((entry) => entry.item);
}

/** The first day of the week holding `today`. */
export function weekStartOf(today: DaySerial, weekStart: WeekStart): DaySerial {
  const day = weekday(today);
  return today - (weekStart === 'mon' ? (day + 6) % 7 : day);
}

export interface WorkCounts {
  /** Open rows due today. */
  today: number;
  /** Open rows dated before today. */
  overdue: number;
  /** Done rows dated this week. */
  doneThisWeek: number;
  /** Rows dated this week that are open or done (not cancelled or removed). */
  plannedThisWeek: number;
}

/** The counts of the rows `pick` takes, as the board's summary counts them. */
export function countWork(rows: readonly SourceRow[], today: DaySerial, weekStart: DaySerial, pick: (row: SourceRow) => boolean): WorkCounts {
  const counts: WorkCounts = { today: 0, overdue: 0, doneThisWeek: 0, plannedThisWeek: 0 };
  for (const row of rows) {
    if (row.kind === null || row.date === null || !pick(row)) continue;
    const inWeek = row.date >= weekStart && row.date <= weekStart + 6;
    if (row.kind === 'open') {
      if (row.date === today) counts.today++;
      if (row.date < today) counts.overdue++;
      if (inWeek) counts.plannedThisWeek++;
    } else if (row.kind === 'done' && inWeek) {
      counts.doneThisWeek++;
      counts.plannedThisWeek++;
    }
  }
  return counts;
}

/** Whether two names are the same person for the board (MATCH and COUNTIFS compare without case). */
export function sameName(a: string, b: string): boolean {
  return lower(a) === lower(b);
}
