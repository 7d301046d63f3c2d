/**
 * The Chinese calendar of a day: solar term, festivals, legal holiday (休), make-up workday (调休 班)
 * and whether people work. It reads tables computed with tyme4ts by build/gen-cn-calendar.mjs
 * (data.generated.ts), so the Apps Script bundle does not carry tyme4ts, and nothing here depends
 * on the process time zone.
 *
 * The tables hold the solar terms and lunar festivals of FIRST_YEAR–LAST_YEAR (1900–2100) and the
 * holiday schedules tyme4ts knows (2002–2026 with tyme4ts 1.5.2). Outside them a day has no solar
 * term and no lunar festival (hasCalendarData says so), and without a schedule the working days
 * are Mon–Fri (hasHolidaySchedule says so).
 *
 * Each Gregorian year is decoded once and kept: working days in a flat array (schedules ask about
 * every day of thousands of tasks), solar terms and festivals in maps (calendar views ask about
 * whole months).
 */
import { isWeekend, serialFromYmd, ymdFromSerial, type DaySerial } from '../dates';
import type { Lang } from '../i18n';
import {
  FIRST_YEAR,
  HOLIDAY_NAMES,
  HOLIDAY_SCHEDULES,
  LAST_YEAR,
  LUNAR_FESTIVALS,
  LUNAR_FESTIVAL_EARLIEST_DAY,
  SOLAR_TERM_EARLIEST_DAY,
  YEARS,
} from './data.generated';
import { FESTIVALS, holidayName, solarTermName, type Festival, type FestivalKey } from './names';
import type { DayInfo } from './types';

export type { DayInfo } from './types';
export type { FestivalKey } from './names';

/** A day and what it is called (a solar term, a festival). */
export interface NamedDay {
  serial: DaySerial;
  name: string;
}

export interface FestivalDay extends NamedDay {
  /** The festival whatever the language, for rules such as "promote before 双11". */
  key: FestivalKey;
}

/** A day named in the State Council schedule. */
interface ScheduledDay {
  /** The holiday's Chinese name as tyme4ts gives it (春节, 国庆节 …). */
  name: string;
  makeUpWorkday: boolean;
}

interface HolidayYear {
  firstSerial: DaySerial;
  /** 1 when the day is a working day, else 0; indexed by day of the year. */
  working: Uint8Array;
  /** Days off (休) and make-up workdays (班) of the schedule, by serial. */
  scheduled: Map<DaySerial, ScheduledDay>;
}

interface MarkYear {
  solarTerms: Map<DaySerial, number>;
  /** Festivals by serial, in display order. */
  festivals: Map<DaySerial, Festival[]>;
}

const holidayYears = new Map<number, HolidayYear>();
const markYears = new Map<number, MarkYear>();
/** The year asked last: schedules ask about consecutive days, so this answers almost every call. */
let lastHolidayYear: HolidayYear | undefined;

const SOLAR_TERM_COUNT = SOLAR_TERM_EARLIEST_DAY.length;

/** The base-36 digit at `index` of `text`, as the generator writes them. */
const digitAt = (text: string, index: number): number => parseInt(text.charAt(index), 36);

/** The schedule of `year` from its runs (see build/gen-cn-calendar.mjs): [] when tyme4ts has none. */
function scheduledDays(year: number, firstSerial: DaySerial): Map<DaySerial, ScheduledDay> {
  const scheduled = new Map<DaySerial, ScheduledDay>();
  const runs = HOLIDAY_SCHEDULES[year] ?? '';
  for (let at = 0; at < runs.length; at += 4) {
    const first = firstSerial + digitAt(runs, at) * 36 + digitAt(runs, at + 1);
    const length = digitAt(runs, at + 2);
    const code = digitAt(runs, at + 3);
    const day: ScheduledDay = { name: HOLIDAY_NAMES[code >> 1], makeUpWorkday: (code & 1) === 1 };
    for (let offset = 0; offset < length; offset++) scheduled.set(first + offset, day);
  }
  return scheduled;
}

function buildHolidayYear(year: number): HolidayYear {
  const firstSerial = serialFromYmd(year, 1, 1);
  const scheduled = scheduledDays(year, firstSerial);
  const working = new Uint8Array(serialFromYmd(year + 1, 1, 1) - firstSerial);
  for (let index = 0; index < working.length; index++) {
    const serial = firstSerial + index;
    const entry = scheduled.get(serial);
    working[index] = (entry ? entry.makeUpWorkday : !isWeekend(serial)) ? 1 : 0;
  }
  return { firstSerial, working, scheduled };
}

function holidayYear(year: number): HolidayYear {
  let table = holidayYears.get(year);
  if (!table) {
    table = buildHolidayYear(year);
    holidayYears.set(year, table);
  }
  return table;
}

function holidayYearOf(serial: DaySerial): HolidayYear {
  const last = lastHolidayYear;
  if (last && serial >= last.firstSerial && serial < last.firstSerial + last.working.length) return last;
  lastHolidayYear = holidayYear(ymdFromSerial(serial).year);
  return lastHolidayYear;
}

function buildMarkYear(year: number): MarkYear {
  const firstSerial = serialFromYmd(year, 1, 1);
  const row = hasCalendarData(year) ? YEARS[year - FIRST_YEAR] : undefined;
  const solarTerms = new Map<DaySerial, number>();
  if (row) {
    // Column k is tyme4ts term (k + 1) % 24: 小寒 … 大雪, then 冬至.
    for (let column = 0; column < SOLAR_TERM_COUNT; column++) {
      solarTerms.set(firstSerial + SOLAR_TERM_EARLIEST_DAY[column] + digitAt(row, column), (column + 1) % SOLAR_TERM_COUNT);
    }
  }

  const festivals = new Map<DaySerial, Festival[]>();
  const add = (serial: DaySerial, festival: Festival) => {
    const list = festivals.get(serial);
    if (list) list.push(festival);
    else festivals.set(serial, [festival]);
  };
  for (const festival of FESTIVALS) {
    const date = festival.date;
    if (date.kind === 'gregorian') {
      add(serialFromYmd(year, date.month, date.day), festival);
    } else if (date.kind === 'lunar') {
      // A lunar festival missing from the table (added to names.ts since it was generated) is unknown
      // like any festival of a year outside it; the data test asks for the table to be regenerated.
      const column = LUNAR_FESTIVALS.indexOf(festival.key);
      if (row && column >= 0) add(firstSerial + LUNAR_FESTIVAL_EARLIEST_DAY[column] + digitAt(row, SOLAR_TERM_COUNT + column), festival);
    } else {
      for (const [serial, termIndex] of solarTerms) if (termIndex === date.termIndex) add(serial, festival);
    }
  }
  return { solarTerms, festivals };
}

function markYear(year: number): MarkYear {
  let marks = markYears.get(year);
  if (!marks) {
    marks = buildMarkYear(year);
    markYears.set(year, marks);
  }
  return marks;
}

/**
 * Whether the solar terms and lunar festivals of `year` are known (1900–2100). For other years a day
 * has no solar term and only the festivals of fixed Gregorian dates, which a caller may want to say.
 */
export function hasCalendarData(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** Mon–Fri that is not a legal holiday, or a make-up workday (调休 班). */
export function isWorkingDay(serial: DaySerial): boolean {
  const day = Math.floor(serial);
  const table = holidayYearOf(day);
  return table.working[day - table.firstSerial] === 1;
}

/**
 * Whether the State Council holiday schedule of `year` is known (2002–2026 with tyme4ts 1.5.2; the
 * schedule of a year is published in the November before and reaches the table when
 * build/gen-cn-calendar.mjs runs on a tyme4ts release that has it). For other years holidays are unknown and
 * working days are simply Mon–Fri, which a caller may want to say.
 */
export function hasHolidaySchedule(year: number): boolean {
  for (const entry of holidayYear(year).scheduled.values()) if (!entry.makeUpWorkday) return true;
  return false;
}

/** The first working day strictly after `serial`. */
export function nextWorkingDay(serial: DaySerial): DaySerial {
  let day = Math.floor(serial) + 1;
  while (!isWorkingDay(day)) day++;
  return day;
}

/**
 * The last day of a span of `workingDays` working days that starts at `start`: a task of 3 working
 * days starting on Wednesday 2026-09-30 runs 09-30, 10-08, 10-09 and ends on 10-09 (国庆 is off).
 * When `start` is not a working day the span starts at the next working day, so the result is
 * always a working day and the span [start, result] holds exactly `workingDays` working days.
 * `workingDays` must be a whole number ≥ 1: a span of no working days has no last day.
 */
export function addWorkingDays(start: DaySerial, workingDays: number): DaySerial {
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new RangeError(`addWorkingDays needs a whole number of working days >= 1, got ${workingDays}`);
  }
  let day = Math.floor(start);
  if (!isWorkingDay(day)) day = nextWorkingDay(day);
  for (let counted = 1; counted < workingDays; counted++) day = nextWorkingDay(day);
  return day;
}

/** What the Chinese calendar says about one day, with names in `lang`. */
export function dayInfo(serial: DaySerial, lang: Lang): DayInfo {
  const day = Math.floor(serial);
  const holidays = holidayYearOf(day);
  const marks = markYear(ymdFromSerial(day).year);
  const scheduled = holidays.scheduled.get(day);
  const termIndex = marks.solarTerms.get(day);
  return {
    serial: day,
    solarTerm: termIndex === undefined ? null : solarTermName(termIndex, lang),
    festivals: (marks.festivals.get(day) ?? []).map((festival) => festival.names[lang]),
    holiday: scheduled !== undefined && !scheduled.makeUpWorkday,
    holidayName: scheduled ? holidayName(scheduled.name, lang) : null,
    makeUpWorkday: scheduled !== undefined && scheduled.makeUpWorkday,
    workingDay: holidays.working[day - holidays.firstSerial] === 1,
  };
}

/** One DayInfo per day from `start` to `end`, both included; [] when `end` is before `start`. */
export function daysInRange(start: DaySerial, end: DaySerial, lang: Lang): DayInfo[] {
  const days: DayInfo[] = [];
  for (let day = Math.floor(start); day <= end; day++) days.push(dayInfo(day, lang));
  return days;
}

/** The years whose days lie in [start, end], for walking the per-year maps. */
function yearsInRange(start: DaySerial, end: DaySerial): number[] {
  if (end < start) return [];
  const years: number[] = [];
  for (let year = ymdFromSerial(start).year; year <= ymdFromSerial(end).year; year++) years.push(year);
  return years;
}

/** The solar-term days from `start` to `end`, both included, in date order. */
export function solarTermsInRange(start: DaySerial, end: DaySerial, lang: Lang): NamedDay[] {
  const from = Math.floor(start);
  const found: NamedDay[] = [];
  for (const year of yearsInRange(from, end)) {
    for (const [serial, termIndex] of markYear(year).solarTerms) {
      if (serial >= from && serial <= end) found.push({ serial, name: solarTermName(termIndex, lang) });
    }
  }
  return found.sort((a, b) => a.serial - b.serial);
}

/** The festivals from `start` to `end`, both included, in date order (display order within a day). */
export function festivalsInRange(start: DaySerial, end: DaySerial, lang: Lang): FestivalDay[] {
  const from = Math.floor(start);
  const found: FestivalDay[] = [];
  for (const year of yearsInRange(from, end)) {
    for (const [serial, festivals] of markYear(year).festivals) {
      if (serial < from || serial > end) continue;
      for (const festival of festivals) found.push({ serial, name: festival.names[lang], key: festival.key });
    }
  }
  // Array.prototype.sort is stable, so festivals of one day keep their display order.
  return found.sort((a, b) => a.serial - b.serial);
}
