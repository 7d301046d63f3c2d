/**
 * A push plan from tasks to schedule, workload and warnings: what the Gantt tab, the CLI's JSON and
 * the sidebar's result line are all made from.
 */
import type { DaySerial } from '../dates';
import type { Problem } from '../errors';
import type { Settings } from '../settings';
import type { CellValue } from '../tab/spec';
import { cellText } from '../table/schema';
import type { Person } from '../team/team';
import type { EditableColumn } from './edits';
import { parseProgress, splitList, type Plan } from './plan';
import { schedulePlan, type ScheduledTask } from './schedule';
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
    warnings: [...schedule.warnings, ...workload.warnings],
    errors: schedule.errors,
  };
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
      progress: typed.progress !== undefined ? parseProgress(typed.progress) ?? task.progress : task.progress,
      status: typed.status !== undefined ? cellText(typed.status) : task.status,
    };
  });
  const calendar = memoizeCalendar(options.calendar);
  const countsDay = analysis.workingDays ? (day: DaySerial) => calendar.isWorkingDay(day) : () => true;
  const workload = computeWorkload(tasks, { team: options.team, threshold: analysis.workload.threshold, countsDay, tab: analysis.planTab });
  const scheduleWarnings = analysis.warnings.filter((warning) => !analysis.workload.warnings.includes(warning));
  return { ...analysis, tasks, workload, warnings: [...scheduleWarnings, ...workload.warnings] };
}
