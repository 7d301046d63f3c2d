/**
 * Source tabs for the Today board's tests, as Workbook.readTab returns them: SOP tabs (header on row 1)
 * and Gantt tabs (task headers on row 4, the owners' block below the tasks), and the board's lines
 * read back through the project's formula engine.
 */
import { serialFromYmd, type DaySerial } from '../../../src/core/dates';
import { isError, WorkbookCalc, type Scalar } from '../../../src/core/formula';
import { GANTT_TASK_COLUMNS, TASK_COLUMN_LABELS } from '../../../src/core/gantt/columns';
import { t, type Lang } from '../../../src/core/i18n';
import { sopHeader } from '../../../src/core/sop/columns';
import { isFormulaCell, type Cell, type CellValue, type TabSpec } from '../../../src/core/tab/spec';
import { buildTodayBoard, followedRows, LINE_COLUMNS, TODAY_FIRST_LINE_ROW, type BoardSource } from '../../../src/core/today/board';
import { readSourceRows, taskTableBound, type DueSourceGrid } from '../../../src/core/today/read';
import { dueSourceLayout, type DueSourceTab } from '../../../src/core/today/sources';
import type { WeekStart } from '../../../src/core/settings';

export const d = (iso: string): DaySerial => {
  const [y, m, day] = iso.split('-').map(Number);
  return serialFromYmd(y, m, day);
};
export const hm = (text: string): number => {
  const [h, m] = text.split(':').map(Number);
  return (h * 60 + m) / 1440;
};

export interface SopLine {
  date: CellValue;
  time?: CellValue;
  item: CellValue;
  owner?: CellValue;
  status?: CellValue;
}

const SOP_KEYS = ['id', 'date', 'weekday', 'time', 'phase', 'channel', 'item', 'detail', 'script', 'materials', 'owner', 'status'] as const;

/** An SOP tab's values: the header, then one row per line (ID, date, time, item, owner, status). */
export function sopGrid(lines: SopLine[], lang: Lang = 'zh-CN'): CellValue[][] {
  const header = SOP_KEYS.map((key) => sopHeader(key, lang));
  return [
    header,
    ...lines.map((line, i) => {
      const row: CellValue[] = new Array(SOP_KEYS.length).fill(null);
      row[0] = `R${i + 1}`;
      row[1] = line.date;
      row[3] = line.time ?? null;
      row[6] = line.item;
      row[10] = line.owner ?? null;
      row[11] = line.status ?? null;
      return row;
    }),
  ];
}

export interface GanttLine {
  task: CellValue;
  owner?: CellValue;
  end: CellValue;
  progress?: CellValue;
  status?: CellValue;
}

const GANTT_COL = Object.fromEntries(GANTT_TASK_COLUMNS.map((key, i) => [key, i])) as Record<(typeof GANTT_TASK_COLUMNS)[number], number>;

/** A Gantt tab's task table (headers on row 4) and, below a blank row, the owners' block listing the tasks again. */
export function ganttGrid(lines: GanttLine[], lang: Lang = 'zh-CN'): CellValue[][] {
  const width = GANTT_TASK_COLUMNS.length;
  const task = (line: GanttLine, i: number): CellValue[] => {
    const row: CellValue[] = new Array(width).fill(null);
    row[GANTT_COL.id] = String(i + 1);
    row[GANTT_COL.task] = line.task;
    row[GANTT_COL.owner] = line.owner ?? null;
    row[GANTT_COL.start] = typeof line.end === 'number' ? line.end - 2 : null;
    row[GANTT_COL.end] = line.end;
    row[GANTT_COL.progress] = line.progress ?? 0;
    row[GANTT_COL.status] = line.status ?? null;
    return row;
  };
  return [
    [t(lang, 'gantt.title', { plan: 'plan' })],
    [],
    [],
    GANTT_TASK_COLUMNS.map((key) => t(lang, TASK_COLUMN_LABELS[key])),
    ...lines.map(task),
    [],
    [t(lang, 'gantt.block.workload')],
    // The owners' block repeats every task in the same columns: it must not count twice.
    ...lines.map(task),
  ];
}

export function sopSource(tab: string, group: string, cohort: string): DueSourceTab {
  return { source: 'sop', tab, group, cohort };
}

export function planSource(tab: string, plan: string): DueSourceTab {
  return { source: 'plan', tab, group: plan, cohort: '' };
}

/** The board's sources as the use case makes them (links as in a file). */
export function boardSources(sources: DueSourceGrid[]): BoardSource[] {
  return sources.flatMap(({ tab, grid }) => {
    const layout = dueSourceLayout(tab, grid);
    if (!layout) return [];
    return [{ layout, rows: readSourceRows(layout, grid, followedRows(layout, grid.length, taskTableBound(layout, grid))), linkPrefix: `#'${tab.tab}'!` }];
  });
}

export interface BoardOptions {
  today: DaySerial;
  daysAhead?: number;
  executors?: string[];
  weekStart?: WeekStart;
  lang?: Lang;
}

export function board(sources: DueSourceGrid[], options: BoardOptions) {
  return buildTodayBoard({
    sources: boardSources(sources),
    executors: options.executors ?? [],
    today: options.today,
    daysAhead: options.daysAhead ?? 1,
    weekStart: options.weekStart ?? 'mon',
    lang: options.lang ?? 'zh-CN',
    generatedAt: '2026-12-04 09:00',
  });
}

/** A workbook of the board and its sources, computed by the project's engine as of `today`. */
export function engine(spec: TabSpec, sources: DueSourceGrid[], today: DaySerial): WorkbookCalc {
  return new WorkbookCalc([{ name: spec.name, cells: spec.rows }, ...sources.map(({ tab, grid }) => ({ name: tab.tab, cells: grid as Cell[][] }))], today);
}

const shown = (value: Scalar): CellValue => (isError(value) ? value.code : value);

/** The board's visible lines as a spreadsheet shows them (blank lines dropped). */
export function linesShown(calc: WorkbookCalc, spec: TabSpec): CellValue[][] {
  const lines: CellValue[][] = [];
  for (let r = TODAY_FIRST_LINE_ROW; r < spec.rows.length; r++) {
    const cell = spec.rows[r]?.[LINE_COLUMNS.indexOf('owner')];
    if (!isFormulaCell(cell)) continue;
    const line = LINE_COLUMNS.slice(0, -1).map((_, c) => shown(calc.value(spec.name, r, c)));
    if (line.some((value) => value !== '' && value !== null)) lines.push(line);
  }
  return lines;
}

/** Every formula cell whose declared value differs from what the engine computes: [row, col, declared, computed]. */
export function disagreements(calc: WorkbookCalc, spec: TabSpec): Array<[number, number, CellValue, CellValue]> {
  const found: Array<[number, number, CellValue, CellValue]> = [];
  spec.rows.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      if (!isFormulaCell(cell)) return;
      const computed = shown(calc.value(spec.name, r, c));
      const declared = cell.value === null ? '' : cell.value;
      const same = typeof declared === 'number' && typeof computed === 'number' ? Math.abs(declared - computed) < 1e-9 : declared === (computed ?? '');
      if (!same) found.push([r, c, declared, computed]);
    }),
  );
  return found;
}
