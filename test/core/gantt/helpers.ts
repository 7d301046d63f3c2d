import { fromIso, isWeekend, type DaySerial } from '../../../src/core/dates';
import type { PlanTask } from '../../../src/core/gantt/plan';
import type { WorkingCalendar } from '../../../src/core/gantt/working-days';
import type { CellValue } from '../../../src/core/tab/spec';

/** A .tsv as the CLI reads it: text cells, blanks as ''. */
export function tsvGrid(text: string): CellValue[][] {
  return text
    .replace(/\r/g, '')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.split('\t'));
}

export function d(iso: string): DaySerial {
  const serial = fromIso(iso);
  if (serial === null) throw new Error(`bad test date ${iso}`);
  return serial;
}

/** Mon–Fri, no holidays: enough for tests that are not about the Chinese calendar. */
export const weekdaysOnly: WorkingCalendar = { isWorkingDay: (serial) => !isWeekend(serial) };

/** A task as readPlanGrid would return it; predecessors by index. */
export function task(name: string, fields: Partial<PlanTask> = {}): PlanTask {
  return {
    row: 0,
    id: '',
    phase: '',
    name,
    requirement: '',
    participants: [],
    owner: '',
    start: null,
    end: null,
    duration: null,
    predecessorRefs: [],
    predecessors: [],
    progress: 0,
    status: '',
    ...fields,
  };
}

/** Numbers rows as a plan tab would (header on row 1) and gives positional IDs. */
export function plan(...tasks: PlanTask[]): PlanTask[] {
  return tasks.map((t, i) => ({ ...t, row: t.row || i + 2, id: t.id || String(i + 1) }));
}
