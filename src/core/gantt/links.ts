/**
 * Live links from the Gantt tab to its plan tab. A task cell that comes straight from the plan (phase,
 * name, owner, participants, progress, status, and a start or end date typed in the plan) is a
 * formula that looks the task up in the plan by its ID, or by its name when the plan has no ID column:
 *
 *   =IFERROR(INDEX('推进表'!$E:$E,MATCH("海报与物料设计",'推进表'!$B:$B,0))&"","")
 *
 * so editing the plan updates the Gantt tab, and its bars, without generating again. A lookup rather
 * than a reference to the plan's cell (='推进表'!E4) keeps each Gantt row on its own task when the
 * plan is sorted or rows are inserted, and a task no longer in the plan shows blanks instead of the
 * data of whichever task moved into its row. The key is written into the formula, so editing the
 * Gantt tab's own ID or name cells never breaks a row's links.
 *
 * A cell is linked only when the formula shows exactly what the core computed from the plan (the
 * FormulaCell carries that value): text without surrounding spaces, a whole number, a date typed as
 * a date, a progress between 0 and 1. Anything else (a date typed as text, "60%" as text, progress
 * typed as 60) is written as the core's value and follows the plan at the next run.
 */
import { quoteTabName, columnLetter, type CellValue, type FormulaCell } from '../tab/spec';
import { findPlanHeader, type PlanField } from './plan';
import type { ScheduledTask } from './schedule';
import type { TaskColumn } from './columns';

export type LinkedColumn = Extract<TaskColumn, 'phase' | 'task' | 'owner' | 'participants' | 'start' | 'end' | 'progress' | 'status'>;

/** The plan field each linked Gantt column shows. */
const PLAN_FIELD: Record<LinkedColumn, PlanField> = {
  phase: 'phase',
  task: 'name',
  owner: 'owner',
  participants: 'participants',
  start: 'start',
  end: 'end',
  progress: 'progress',
  status: 'status',
};

type LinkKind = 'text' | 'date' | 'progress';
const KIND: Record<LinkedColumn, LinkKind> = {
  phase: 'text',
  task: 'text',
  owner: 'text',
  participants: 'text',
  start: 'date',
  end: 'date',
  progress: 'progress',
  status: 'text',
};

export type TaskLinks = Partial<Record<LinkedColumn, FormulaCell>>;

export interface PlanLinks {
  /** Tasks are keyed by the plan's ID column (else by name). */
  byId: boolean;
  /** Per task, in plan order: its linked cells. */
  tasks: TaskLinks[];
}

/** Sheets and Excel compare at most 255 characters in MATCH; * ? ~ are wildcards there. */
const MAX_KEY_LENGTH = 255;
const UNSAFE_KEY = /[*?~\u0000-\u001f]/;
/** Whole numbers that every spreadsheet turns into the same text (no exponent, no rounding). */
const MAX_PLAIN_INTEGER = 1e15;

function isPlainInteger(value: CellValue): value is number {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < MAX_PLAIN_INTEGER;
}

/** The key as a formula literal, or null when a lookup could not find exactly this task. */
function keyLiteral(key: CellValue): string | null {
  if (isPlainInteger(key)) return String(key);
  if (typeof key !== 'string' || key === '' || key.length > MAX_KEY_LENGTH || UNSAFE_KEY.test(key)) return null;
  return `"${key.replace(/"/g, '""')}"`;
}

/** MATCH compares text without case and never text with numbers: keys equal in that sense are ambiguous. */
function matchKey(value: CellValue | undefined): string | null {
  if (typeof value === 'number') return `n:${value}`;
  if (typeof value === 'string' && value.trim() !== '') return `s:${value.toLowerCase()}`;
  return null;
}

/** What the linked formula shows for a plan cell, when that is the core's value; undefined when it is not. */
function linkedValue(kind: LinkKind, raw: CellValue, computed: CellValue): CellValue | undefined {
  if (kind === 'text') {
    const shown = raw === null || raw === '' ? '' : typeof raw === 'string' ? raw : isPlainInteger(raw) ? String(raw) : undefined;
    return shown !== undefined && shown === computed ? shown : undefined;
  }
  if (kind === 'date') return isPlainInteger(raw) && raw === computed ? raw : undefined;
  const shown = raw === null || raw === '' ? 0 : typeof raw === 'number' && raw >= 0 && raw <= 1 ? raw : undefined;
  return shown !== undefined && shown === computed ? shown : undefined;
}

function formula(kind: LinkKind, lookup: string): string {
  if (kind === 'text') return `=IFERROR(${lookup}&"","")`;
  if (kind === 'date') return `=IFERROR(IF(${lookup}="","",${lookup}),"")`;
  return `=IFERROR(N(${lookup}),"")`;
}

/**
 * The linked cells of each task. `computed(task, column)` is the value the Gantt tab shows for a
 * column when it is not linked; a column is linked only where the formula shows that same value
 * (participants excepted: linked, they show the list as the plan spells it).
 */
export function planLinks(
  planTab: string,
  grid: CellValue[][],
  tasks: ScheduledTask[],
  computed: (task: ScheduledTask, column: LinkedColumn) => CellValue,
): PlanLinks {
  const header = findPlanHeader(grid);
  if (!header) return { byId: false, tasks: tasks.map(() => ({})) };
  const byId = header.columns.id !== undefined;
  const keyColumn = byId ? header.columns.id! : header.columns.name!;
  const raw = (task: ScheduledTask, field: PlanField): CellValue => {
    const col = header.columns[field];
    return col === undefined ? null : (grid[task.row - 1]?.[col] ?? null);
  };

  // A key that also names a title or header row, or another task, would let MATCH find the wrong row.
  const keyCount = new Map<string, number>();
  const count = (value: CellValue | undefined): void => {
    const key = matchKey(value ?? null);
    if (key !== null) keyCount.set(key, (keyCount.get(key) ?? 0) + 1);
  };
  for (let row = 0; row <= header.index; row++) count(grid[row][keyColumn]);
  for (const task of tasks) count(raw(task, byId ? 'id' : 'name'));

  const plan = quoteTabName(planTab);
  const whole = (col: number): string => `${plan}!$${columnLetter(col)}:$${columnLetter(col)}`;
  const linkedColumns = (Object.keys(PLAN_FIELD) as LinkedColumn[]).filter(
    (column) => header.columns[PLAN_FIELD[column]] !== undefined && !(column === 'task' && !byId),
  );
  return {
    byId,
    tasks: tasks.map((task) => {
      const key = raw(task, byId ? 'id' : 'name');
      const literal = keyLiteral(key);
      if (literal === null || keyCount.get(matchKey(key)!) !== 1) return {};
      const links: TaskLinks = {};
      for (const column of linkedColumns) {
        const cell = raw(task, PLAN_FIELD[column]);
        // Participants show the plan's list as typed ("陈默;王蕾"): the same people, whatever the separators.
        const expected = column === 'participants' && typeof cell === 'string' ? cell.trim() : computed(task, column);
        const value = linkedValue(KIND[column], cell, expected);
        if (value === undefined) continue;
        const lookup = `INDEX(${whole(header.columns[PLAN_FIELD[column]]!)},MATCH(${literal},${whole(keyColumn)},0))`;
        links[column] = { formula: formula(KIND[column], lookup), value };
      }
      return links;
    }),
  };
}
