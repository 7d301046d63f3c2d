/**
 * A push plan from tasks to schedule, workload and warnings: what the Gantt tab, the CLI's JSON and
 * the sidebar's result line are all made from.
 */
import type { DaySerial } from '../dates';
import { AppError, isAppError, type Problem } from '../errors';
import type { Settings } from '../settings';
import type { CellValue } from '../tab/spec';
import { cellText, findHeader, tableRows } from '../table/schema';
import type { Person } from '../team/team';
import type { EditableColumn } from './edits';
import { splitKnownList, splitList } from '../text/split-list';
import { parseProgress, PLAN_SCHEMA, readPlanGrid, type Plan } from './plan';
import { unpublishedScheduleSpan } from '../cn-calendar';
import { cycleErrors, inRowOrder, schedulePlan, type LinkedTask, type ScheduledTask } from './schedule';
import { computeWorkload, type Workload } from './workload';
import { memoizeCalendar, type WorkingCalendar } from './working-days';

export interface GanttAnalysis {
  planTab?: string;
  workingDays: boolean;
  /** In plan order; empty when there are errors. */
  tasks: ScheduledTask[];
  workload: Workload;
  /** Scheduling warnings, then workload warnings (missing or unknown owners). */
  warnings: Problem[];
  /** Blocking: when any, nothing is written. */
  errors: Problem[];
}

export interface AnalyzeOptions {
  settings: Pick<Settings, 'workingDays' | 'overloadThreshold'>;
  team: Person[];
  calendar: WorkingCalendar;
}

export function analyzePlan(plan: Plan, options: AnalyzeOptions): GanttAnalysis {
  const workingDays = options.settings.workingDays === 'working';
  const calendar = memoizeCalendar(options.calendar);
  const schedule = schedulePlan(plan.tasks, { workingDays, calendar, tab: plan.tab });
  const countsDay = workingDays ? (day: DaySerial) => calendar.isWorkingDay(day) : () => true;
  const workload = computeWorkload(schedule.tasks, { team: options.team, threshold: options.settings.overloadThreshold, countsDay, tab: plan.tab });
  return {
    planTab: plan.tab,
    workingDays,
    tasks: schedule.tasks,
    workload,
    warnings: [...unpublishedHolidays(schedule.tasks, workingDays, plan.tab), ...schedule.warnings, ...workload.warnings],
    errors: schedule.errors,
  };
}

/**
 * Counting working days over a year whose holiday schedule is not published skips only the
 * statutory days off: the dates may move once the schedule is out, and the plan says so first.
 */
function unpublishedHolidays(tasks: readonly ScheduledTask[], workingDays: boolean, tab: string | undefined): Problem[] {
  if (!workingDays || tasks.length === 0) return [];
  const first = tasks.reduce((day, task) => Math.min(day, task.start), Infinity);
  const last = tasks.reduce((day, task) => Math.max(day, task.end), -Infinity);
  const years = unpublishedScheduleSpan(first, last);
  return years ? [{ code: 'gantt.warning.unpublishedHolidays', params: { years }, location: { tab } }] : [];
}

/**
 * A plan grid read and analysed. A plan that cannot be read whole is refused with every problem at
 * once: its links are still followed, so an unknown predecessor or a bad date never hides a cycle
 * elsewhere, and the person does not fix one problem only to be shown the next.
 */
export function analyzePlanGrid(grid: CellValue[][], options: AnalyzeOptions & { tab?: string }): GanttAnalysis {
  let plan: Plan;
  try {
    plan = readPlanGrid(grid, { tab: options.tab });
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw new AppError(inRowOrder([...error.problems, ...cycleErrors(planLinks(grid), options.tab)]));
  }
  return analyzePlan(plan, options);
}

/**
 * The rows' links, read leniently only to find cycles: references that name no task are left out
 * (the plan reader names them). References resolve as readPlanGrid resolves them: a task name, else
 * an ID when there is an ID column (a blank ID is the task's position).
 */
function planLinks(grid: CellValue[][]): LinkedTask[] {
  const header = findHeader(grid, PLAN_SCHEMA);
  if (!header) return [];
  const hasIds = header.columns.id !== undefined;
  const rows = tableRows(grid, PLAN_SCHEMA, header).filter((row) => cellText(row.cells.name) !== '');
  const byName = new Map<string, number>();
  const byId = new Map<string, number>();
  rows.forEach((row, i) => {
    const name = cellText(row.cells.name);
    if (!byName.has(name)) byName.set(name, i);
    const id = cellText(row.cells.id) || String(i + 1);
    if (hasIds && !byId.has(id)) byId.set(id, i);
  });
  return rows.map((row) => {
    const predecessors: number[] = [];
    const known = (ref: string): boolean => byName.has(ref) || byId.has(ref);
    for (const ref of splitKnownList(row.cells.predecessors, known)) {
      const target = byName.get(ref) ?? byId.get(ref);
      if (target !== undefined && !predecessors.includes(target)) predecessors.push(target);
    }
    return { name: cellText(row.cells.name), row: row.row + 1, predecessors };
  });
}

/** A typed date, as a whole day; undefined for anything that is not a date. */
function typedDay(value: CellValue | undefined): DaySerial | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : undefined;
}

/**
 * The analysis as the Gantt tab shows it once the edits typed on it are kept: those tasks take the
 * typed owner, dates, progress…, and the workload is counted again from them. The schedule itself
 * (and the order of tasks) stays the plan's: a date typed on the Gantt tab moves its own bar only.
 */
export function applyGanttEdits(
  analysis: GanttAnalysis,
  overrides: Array<Partial<Record<EditableColumn, CellValue>>>,
  options: { team: Person[]; calendar: WorkingCalendar },
): GanttAnalysis {
  if (overrides.every((typed) => Object.keys(typed).length === 0)) return analysis;
  const tasks = analysis.tasks.map((task, i) => {
    const typed = overrides[i];
    if (!typed || Object.keys(typed).length === 0) return task;
    return {
      ...task,
      phase: typed.phase !== undefined ? cellText(typed.phase) : task.phase,
      name: typed.task !== undefined ? cellText(typed.task) : task.name,
      owner: typed.owner !== undefined ? cellText(typed.owner) : task.owner,
      participants: typed.participants !== undefined ? splitList(typed.participants) : task.participants,
      start: typedDay(typed.start) ?? task.start,
      end: typedDay(typed.end) ?? task.end,
      progress: typed.progress !== undefined ? (parseProgress(typed.progress) ?? task.progress) : task.progress,
      status: typed.status !== undefined ? cellText(typed.status) : task.status,
    };
  });
  const calendar = memoizeCalendar(options.calendar);
  const countsDay = analysis.workingDays ? (day: DaySerial) => calendar.isWorkingDay(day) : () => true;
  const workload = computeWorkload(tasks, { team: options.team, threshold: analysis.workload.threshold, countsDay, tab: analysis.planTab });
  const scheduleWarnings = analysis.warnings.filter((warning) => !analysis.workload.warnings.includes(warning));
  return { ...analysis, tasks, workload, warnings: [...scheduleWarnings, ...workload.warnings] };
}
