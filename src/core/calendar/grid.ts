/**
 * The month grid: weeks of seven days (days of the neighbouring months fill the first and last
 * week), each day with its Chinese-calendar marks and the activities covering it. This is the data
 * behind the CLI's `calendar --json`, the preview and the calendar tab's cached values.
 */
import { dayInfo } from '../cn-calendar';
import { firstOfMonth, lastOfMonth, readMonth, toIso, weekday, type DaySerial } from '../dates';
import { AppError } from '../errors';
import { t, type Lang } from '../i18n';
import type { WeekStart } from '../settings';
import { activitiesOn, type Activity, type ActivityType } from './activities';
import { checkMonth, type CalendarWarning, type GroupPushCount } from './warnings';

/** The weekday (0 = Sunday) a week starts on. */
export function firstWeekday(weekStart: WeekStart): 0 | 1 {
  return weekStart === 'sun' ? 0 : 1;
}

/** Weeks of 7 day serials covering the month, the first week starting on `weekStart`. */
export function monthGrid(year: number, month: number, weekStart: WeekStart): DaySerial[][] {
  const first = firstOfMonth(year, month);
  const last = lastOfMonth(year, month);
  let day = first - ((weekday(first) - firstWeekday(weekStart) + 7) % 7);
  const weeks: DaySerial[][] = [];
  while (day <= last) {
    weeks.push(Array.from({ length: 7 }, (_, i) => day + i));
    day += 7;
  }
  return weeks;
}

export interface CalendarDay {
  serial: DaySerial;
  inMonth: boolean;
  solarTerm: string | null;
  festivals: string[];
  holiday: boolean;
  holidayName: string | null;
  makeUpWorkday: boolean;
  /** Activities covering the day (cancelled ones left out), in list order. */
  activities: Activity[];
}

export interface CalendarMonth {
  year: number;
  month: number;
  weekStart: WeekStart;
  lang: Lang;
  weeks: CalendarDay[][];
  warnings: CalendarWarning[];
}

export interface CalendarMonthInput {
  year: number;
  month: number;
  weekStart: WeekStart;
  activities: Activity[];
  lang: Lang;
  /** Settings.overloadThreshold; 3 when not given. */
  overloadThreshold?: number;
  pushesByGroupDay?: GroupPushCount[];
}

export const DEFAULT_OVERLOAD_THRESHOLD = 3;

export function calendarMonth(input: CalendarMonthInput): CalendarMonth {
  const { year, month, lang } = input;
  const weeks = monthGrid(year, month, input.weekStart).map((week) =>
    week.map((serial): CalendarDay => {
      const info = dayInfo(serial, lang);
      return {
        serial,
        inMonth: isInMonth(serial, year, month),
        solarTerm: info.solarTerm,
        festivals: info.festivals,
        holiday: info.holiday,
        holidayName: info.holidayName,
        makeUpWorkday: info.makeUpWorkday,
        activities: activitiesOn(input.activities, serial),
      };
    }),
  );
  const warnings = checkMonth({
    year,
    month,
    activities: input.activities,
    overloadThreshold: input.overloadThreshold ?? DEFAULT_OVERLOAD_THRESHOLD,
    pushesByGroupDay: input.pushesByGroupDay,
    lang,
  });
  return { year, month, weekStart: input.weekStart, lang, weeks, warnings };
}

export function isInMonth(serial: DaySerial, year: number, month: number): boolean {
  return serial >= firstOfMonth(year, month) && serial <= lastOfMonth(year, month);
}

/** "2026-12". */
export function monthKey(year: number, month: number): string {
  return `${year}-${month < 10 ? '0' : ''}${month}`;
}

/** "2026-12" (or 2026/12, 2026年12月 …) as a year and month; an AppError naming the value otherwise. */
export function parseMonthKey(text: unknown): { year: number; month: number } {
  const reading = readMonth(text);
  if ('problem' in reading) throw new AppError({ code: reading.problem, params: reading.params });
  return reading.value;
}

/** The month after (or `count` months after) a month. */
export function addMonths(year: number, month: number, count: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The 节气 / festival names of a day, without repeats (清明 is both), in display order. */
export function dayMarks(day: Pick<CalendarDay, 'solarTerm' | 'festivals'>): string[] {
  const names = day.solarTerm ? [day.solarTerm, ...day.festivals] : [...day.festivals];
  return names.filter((name, index) => names.indexOf(name) === index);
}

export interface CalendarJson {
  month: string;
  weeks: Array<
    Array<{
      date: string;
      inMonth: boolean;
      solarTerm: string | null;
      festival: string | null;
      holiday: boolean;
      makeUpWorkday: boolean;
      activities: Array<{ name: string; type: ActivityType; owner: string }>;
    }>
  >;
  warnings: Array<{ kind: string; code: string; params: Record<string, string | number>; message: string }>;
}

/** The `calendar --json` output; several festivals of one day are joined ("、" in Chinese). */
export function calendarToJson(calendar: CalendarMonth): CalendarJson {
  const { lang } = calendar;
  return {
    month: monthKey(calendar.year, calendar.month),
    weeks: calendar.weeks.map((week) =>
      week.map((day) => ({
        date: toIso(day.serial),
        inMonth: day.inMonth,
        solarTerm: day.solarTerm,
        festival: day.festivals.length ? day.festivals.join(t(lang, 'calendar.joiner')) : null,
        holiday: day.holiday,
        makeUpWorkday: day.makeUpWorkday,
        activities: day.activities.map((activity) => ({ name: activity.name, type: activity.type, owner: activity.owner })),
      })),
    ),
    warnings: calendar.warnings.map((warning) => ({
      kind: warning.kind,
      code: warning.code,
      params: warning.params,
      message: t(lang, warning.code, warning.params),
    })),
  };
}
