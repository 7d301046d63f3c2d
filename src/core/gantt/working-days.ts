/**
 * Working-day arithmetic over any calendar that can say whether a day is worked, so the scheduler
 * can run against the Chinese calendar (weekends, legal holidays, 调休 make-up workdays) or a stub.
 */
import type { DaySerial } from '../dates';

export interface WorkingCalendar {
  isWorkingDay(serial: DaySerial): boolean;
}

/** How far to look for a working day before deciding the calendar has none (ten years). */
const SEARCH_LIMIT_DAYS = 3660;

/** Remembers every answer: a schedule asks about the same days for thousands of tasks. */
export function memoizeCalendar(calendar: WorkingCalendar): WorkingCalendar {
  const known = new Map<DaySerial, boolean>();
  return {
    isWorkingDay(serial) {
      let working = known.get(serial);
      if (working === undefined) {
        working = calendar.isWorkingDay(serial);
        known.set(serial, working);
      }
      return working;
    },
  };
}

/** `day` itself when it is a working day, else the next one; null when none comes within ten years. */
export function workingDayFrom(calendar: WorkingCalendar, day: DaySerial): DaySerial | null {
  for (let d = day; d < day + SEARCH_LIMIT_DAYS; d++) if (calendar.isWorkingDay(d)) return d;
  return null;
}

/** The first working day strictly after `day`. */
export function nextWorkingDay(calendar: WorkingCalendar, day: DaySerial): DaySerial | null {
  return workingDayFrom(calendar, day + 1);
}

/**
 * The last day of a span of `count` (≥ 1) working days starting at `start`, or at the next working
 * day when `start` is not one.
 */
export function addWorkingDays(calendar: WorkingCalendar, start: DaySerial, count: number): DaySerial | null {
  let day = workingDayFrom(calendar, start);
  for (let counted = 1; counted < count && day !== null; counted++) day = nextWorkingDay(calendar, day);
  return day;
}

/** Working days from `start` to `end`, both included. */
export function countWorkingDays(calendar: WorkingCalendar, start: DaySerial, end: DaySerial): number {
  let count = 0;
  for (let d = start; d <= end; d++) if (calendar.isWorkingDay(d)) count++;
  return count;
}
