/**
 * Who carries what: per owner the number of tasks, the busy days and the days with too many tasks
 * at once, and the owner's own task list ("my tasks") a manager hands out.
 */
import type { DaySerial } from '../dates';
import type { Problem } from '../errors';
import type { Person } from '../team/team';
import type { ScheduledTask } from './schedule';

export interface OwnerWorkload {
  owner: string;
  inTeam: boolean;
  /** Indexes into the scheduled task list, in plan order: the owner's "my tasks". */
  taskIndexes: number[];
  /** Distinct days with at least one task. */
  busyDays: number;
  /** Days with more than `threshold` overlapping tasks, ascending. */
  overloadedDays: DaySerial[];
}

export interface Workload {
  threshold: number;
  /** Team members with tasks in Team-tab order, then owners missing from the team in plan order. */
  owners: OwnerWorkload[];
  /** Tasks without an owner. */
  unowned: number[];
  warnings: Problem[];
}

export interface WorkloadOptions {
  team: Person[];
  /** More tasks than this on one day for one owner is an overload (settings.overloadThreshold). */
  threshold: number;
  /** Which days count as busy: every day, or only working days with the working-days rule. */
  countsDay: (serial: DaySerial) => boolean;
  tab?: string;
}

export function computeWorkload(tasks: ScheduledTask[], options: WorkloadOptions): Workload {
  const { team, threshold, countsDay, tab } = options;
  const byOwner = new Map<string, number[]>();
  const unowned: number[] = [];
  const warnings: Problem[] = [];
  tasks.forEach((task, index) => {
    if (!task.owner) {
      unowned.push(index);
      warnings.push({ code: 'gantt.warning.noOwner', params: { task: task.name }, location: { tab, row: task.row } });
      return;
    }
    const list = byOwner.get(task.owner);
    if (list) list.push(index);
    else byOwner.set(task.owner, [index]);
  });

  const teamNames = new Set(team.map((p) => p.name));
  const ownerOrder = [...team.map((p) => p.name).filter((name) => byOwner.has(name)), ...[...byOwner.keys()].filter((name) => !teamNames.has(name))];
  const owners = ownerOrder.map((owner): OwnerWorkload => {
    const taskIndexes = byOwner.get(owner)!;
    const perDay = new Map<DaySerial, number>();
    for (const i of taskIndexes) {
      for (let day = tasks[i].start; day <= tasks[i].end; day++) if (countsDay(day)) perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const overloadedDays = [...perDay]
      .filter(([, count]) => count > threshold)
      .map(([day]) => day)
      .sort((a, b) => a - b);
    const inTeam = teamNames.has(owner);
    if (!inTeam) {
      warnings.push({
        code: 'gantt.warning.unknownOwner',
        params: { owner, count: taskIndexes.length },
        location: { tab, row: tasks[taskIndexes[0]].row },
      });
    }
    return { owner, inTeam, taskIndexes, busyDays: perDay.size, overloadedDays };
  });
  return { threshold, owners, unowned, warnings };
}
