/**
 * The Chinese calendar of a day: solar term, festivals, legal holiday (休), make-up workday (调休 班)
 * and whether people work. It reads tables computed with tyme4ts by build/gen-cn-calendar.mjs
 * (data.generated.ts), so the Apps Script bundle does not carry tyme4ts, and nothing here depends
 * on the process time zone.
 *
 * The tables hold the solar terms and lunar festivals of FIRST_YEAR–LAST_YEAR (1900–2100) and the
 * holiday schedules tyme4ts knows (2002–2026 with tyme4ts 1.5.2). Outside them a day has no solar
 * term and no lunar festival (hasCalendarData says so). A year after the last published schedule
 * (2027 on) still has its statutory days off — the fixed days of 《全国年节及纪念日放假办法》 as revised
 * in 2024 — but no 调休 and no bridging days, which only its schedule will bring
 * (unpublishedScheduleYears names such years, for the warnings). Other years without a schedule
 * (before 2002) work Mon–Fri (hasHolidaySchedule says so).
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
import { FESTIVALS, holidayName, solarTermName, type Festival, type FestivalDate, type FestivalKey } from './names';
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

/** A day named in the State Council schedule, or a statutory day off of a year without one yet. */
interface ScheduledDay {
  /** The holiday's Chinese name as tyme4ts gives it (春节, 国庆节 …). */
  name: string;
  makeUpWorkday: boolean;
  /** False for a statutory day off of a year whose schedule is not published. */
  published: boolean;
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
  /** The day of each festival known this year. */
  festivalDays: Map<FestivalKey, DaySerial>;
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
    const day: ScheduledDay = { name: HOLIDAY_NAMES[code >> 1], makeUpWorkday: (code & 1) === 1, published: true };
    for (let offset = 0; offset < length; offset++) scheduled.set(first + offset, day);
  }
  return scheduled;
}

/** The last year the tables hold a State Council schedule (its days off) for. */
export const LAST_SCHEDULE_YEAR = Math.max(
  ...Object.keys(HOLIDAY_SCHEDULES)
    .map(Number)
    .filter((year) => [...scheduledDays(year, serialFromYmd(year, 1, 1)).values()].some((day) => !day.makeUpWorkday)),
);

/**
 * The statutory days off of a year whose schedule is not published: 元旦 1 day, 春节 4 (除夕 and
 * 正月初一–初三), 清明节 1, 劳动节 2 (5/1–5/2), 端午节 1, 中秋节 1 and 国庆节 3 (10/1–10/3), as the
 * 2024 revision of the holiday rules fixes them from 2025. A day claimed twice keeps its first name
 * (中秋 on 10/3 stays 国庆节; the festival itself is still named on the day).
 */
function statutoryDays(year: number): Map<DaySerial, ScheduledDay> {
  const days = new Map<DaySerial, ScheduledDay>();
  if (year <= LAST_SCHEDULE_YEAR || !hasCalendarData(year)) return days;
  const festivalDays = markYear(year).festivalDays;
  const add = (name: string, first: DaySerial | undefined, count: number): void => {
    if (first === undefined) return;
    for (let day = first; day < first + count; day++) if (!days.has(day)) days.set(day, { name, makeUpWorkday: false, published: false });
  };
  add('元旦', serialFromYmd(year, 1, 1), 1);
  add('春节', festivalDays.get('newYearsEve'), 4);
  add('清明节', festivalDays.get('qingming'), 1);
  add('劳动节', serialFromYmd(year, 5, 1), 2);
  add('端午节', festivalDays.get('dragonBoat'), 1);
  add('国庆节', serialFromYmd(year, 10, 1), 3);
  add('中秋节', festivalDays.get('midAutumn'), 1);
  return days;
}

function buildHolidayYear(year: number): HolidayYear {
  const firstSerial = serialFromYmd(year, 1, 1);
  // A year after the last schedule may still hold a few published days (make-up days announced with
  // the year before); they stand beside its statutory days.
  const scheduled = statutoryDays(year);
  for (const [serial, day] of scheduledDays(year, firstSerial)) scheduled.set(serial, day);
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

  const festivalDays = new Map<FestivalKey, DaySerial>();
  const dayOf = (date: FestivalDate, key: FestivalKey): DaySerial | undefined => {
    if (date.kind === 'gregorian') return serialFromYmd(year, date.month, date.day);
    if (date.kind === 'lunar') {
      // A lunar festival missing from the table (added to names.ts since it was generated) is unknown
      // like any festival of a year outside it; the data test asks for the table to be regenerated.
      const column = LUNAR_FESTIVALS.indexOf(key);
      return row && column >= 0 ? firstSerial + LUNAR_FESTIVAL_EARLIEST_DAY[column] + digitAt(row, SOLAR_TERM_COUNT + column) : undefined;
    }
    if (date.kind === 'solarTerm') {
      for (const [serial, termIndex] of solarTerms) if (termIndex === date.termIndex) return serial;
      return undefined;
    }
    // The eve of a festival that falls from late January on (春节) is in the same Gregorian year.
    const of = FESTIVALS.find((festival) => festival.key === date.of);
    const day = of && dayOf(of.date, of.key);
    return day === undefined ? undefined : day - 1;
  };
  const festivals = new Map<DaySerial, Festival[]>();
  for (const festival of FESTIVALS) {
    const serial = dayOf(festival.date, festival.key);
    if (serial === undefined) continue;
    festivalDays.set(festival.key, serial);
    const list = festivals.get(serial);
    if (list) list.push(festival);
    else festivals.set(serial, [festival]);
  }
  return { solarTerms, festivals, festivalDays };
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
 * build/gen-cn-calendar.mjs runs on a tyme4ts release that has it). Years after the last schedule
 * have their statutory days off only; earlier years without one work Mon–Fri.
 */
export function hasHolidaySchedule(year: number): boolean {
  for (const entry of holidayYear(year).scheduled.values()) if (entry.published && !entry.makeUpWorkday) return true;
  return false;
}

/**
 * The years from `start` to `end` (day serials, both included) that come after the last published
 * schedule: their statutory days are off, but their 调休 and bridging days are not known yet, so a
 * calendar, a Gantt counted in working days or an SOP that reaches them says so. [] when none.
 */
export function unpublishedScheduleYears(start: DaySerial, end: DaySerial): number[] {
  return yearsInRange(Math.floor(start), Math.floor(end)).filter((year) => year > LAST_SCHEDULE_YEAR);
}

/**
 * The same years as a warning names them, "2027" or "2027–2028" (they are always the last years of
 * the span, so they run on); null when every year of the span has a published schedule.
 */
export function unpublishedScheduleSpan(start: DaySerial, end: DaySerial): string | null {
  const years = unpublishedScheduleYears(start, end);
  if (years.length === 0) return null;
  return years.length > 1 ? `${years[0]}–${years[years.length - 1]}` : String(years[0]);
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
