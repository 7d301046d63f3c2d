/**
 * A push plan from tasks to schedule, workload and warnings: what the Gantt tab, the CLI's JSON and
 * the sidebar's result line are all made from.
 */
import type { DaySerial } from '../dates';
import type { Problem } from '../errors';
import type { Settings } from '../settings';
import type { Person } from '../team/team';
import type { Plan } from './plan';
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
