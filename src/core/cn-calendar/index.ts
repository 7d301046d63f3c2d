/**
 * The Chinese calendar of a day: solar term, festivals, legal holiday (休), make-up workday (调休 班)
 * and whether people work. Built on tyme4ts, which computes from year/month/day values only, so
 * nothing here depends on the process time zone.
 *
 * Everything is computed once per Gregorian year and kept: working days in a flat array (schedules
 * ask about every day of thousands of tasks), solar terms and festivals in maps (calendar views ask
 * about whole months).
 */
import { LegalHoliday, LunarDay, SolarTerm } from 'tyme4ts';
import { isWeekend, serialFromYmd, ymdFromSerial, type DaySerial } from '../dates';
import type { Lang } from '../i18n';
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

/**
 * The month/day of every schedule entry of `year`. LegalHoliday.fromYmd scans the whole table with
 * a fresh RegExp on each call (365 calls take about 5 ms in Node, and Apps Script is slower),
 * so the year's dates are read from the table once, with the record pattern tyme4ts itself uses,
 * and only those dates go through fromYmd.
 */
function scheduledDates(year: number): Array<{ month: number; day: number }> {
  const record = new RegExp(`${year}(\\d{2})(\\d{2})[0-1][0-8][+-]\\d{2}`, 'g');
  const dates: Array<{ month: number; day: number }> = [];
  for (let match = record.exec(LegalHoliday.DATA); match; match = record.exec(LegalHoliday.DATA)) {
    dates.push({ month: Number(match[1]), day: Number(match[2]) });
  }
  return dates;
}

function buildHolidayYear(year: number): HolidayYear {
  const firstSerial = serialFromYmd(year, 1, 1);
  const scheduled = new Map<DaySerial, ScheduledDay>();
  for (const { month, day } of scheduledDates(year)) {
    const entry = LegalHoliday.fromYmd(year, month, day);
    if (!entry) continue;
    const serial = serialFromYmd(year, month, day);
    // tyme4ts also lists a few ordinary weekdays as 班 (2012-05-02, 2012-10-08): they are not 调休.
    if (entry.isWork() && !isWeekend(serial)) continue;
    scheduled.set(serial, { name: entry.getName(), makeUpWorkday: entry.isWork() });
  }
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
  const solarTerms = new Map<DaySerial, number>();
  // Index 0 of tyme4ts's solar-term year `year` is 冬至 of year - 1; 25 steps reach 冬至 of `year`.
  const firstTerm = SolarTerm.fromIndex(year, 0);
  for (let step = 0; step <= 24; step++) {
    const term = firstTerm.next(step);
    const day = term.getSolarDay();
    if (day.getYear() === year) solarTerms.set(serialFromYmd(year, day.getMonth(), day.getDay()), term.getIndex());
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
      // A lunar date of lunar year Y can fall in Gregorian Y or Y + 1 (a 12th-month date), so both
      // lunar years that can reach into `year` are tried.
      for (const lunarYear of [year - 1, year]) {
        const day = LunarDay.fromYmd(lunarYear, date.month, date.day).getSolarDay();
        if (day.getYear() === year) add(serialFromYmd(year, day.getMonth(), day.getDay()), festival);
      }
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

/** Mon–Fri that is not a legal holiday, or a make-up workday (调休 班). */
export function isWorkingDay(serial: DaySerial): boolean {
  const day = Math.floor(serial);
  const table = holidayYearOf(day);
  return table.working[day - table.firstSerial] === 1;
}

/**
 * Whether tyme4ts knows the State Council holiday schedule of `year` (it holds 2002–2026; the
 * schedule of a year is published in the November before). For other years holidays are unknown and
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
