/**
 * Date-only values as day serials: whole days since 1899-12-30, the way Sheets and Excel count.
 * Pure integer arithmetic (civil-from-days), so results never depend on the process time zone.
 */

/** Days since 1899-12-30 (serial 1 = 1899-12-31; 2026-12-01 = 46357). */
export type DaySerial = number;

/** Days from 1970-01-01 to 1899-12-30. */
const UNIX_EPOCH_SERIAL = 25569;

/** 0 = Sunday … 6 = Saturday (JS convention). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface Ymd {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1900 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export function serialFromYmd(year: number, month: number, day: number): DaySerial {
  return daysFromCivil(year, month, day) + UNIX_EPOCH_SERIAL;
}

export function ymdFromSerial(serial: DaySerial): Ymd {
  return civilFromDays(Math.floor(serial) - UNIX_EPOCH_SERIAL);
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

/** "YYYY-MM-DD". */
export function toIso(serial: DaySerial): string {
  const { year, month, day } = ymdFromSerial(serial);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * The years a date the product reads may fall in. Anything outside is a typo (1926 or 2206 for 2026)
 * or a number that is not a date (a count of 45 in a date column is 1900-02-13): refused by name
 * rather than scheduled a century away.
 */
export const DATE_YEARS = { min: 2000, max: 2100 } as const;

/** What reading a date gives: the day, or why the text is not one (with the text, to name it). */
export type DateReading =
  | { value: DaySerial }
  | { problem: 'error.invalidDate'; params: { value: string } }
  | { problem: 'error.dateOutOfRange'; params: { value: string; min: number; max: number } };

/** Parses exactly "YYYY-MM-DD" (the form the sidebar's date fields send); null when it is not a date in DATE_YEARS. */
export function fromIso(text: string): DaySerial | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidYmd(y, mo, d) && inDateYears(y) ? serialFromYmd(y, mo, d) : null;
}

/** Years a spreadsheet can hold: what a formula engine reads, where DATE_YEARS is the add-on's own rule. */
export const SPREADSHEET_YEARS = { min: 1900, max: 9999 } as const;

type YearSpan = { readonly min: number; readonly max: number };

function inDateYears(year: number, years: YearSpan = DATE_YEARS): boolean {
  return year >= years.min && year <= years.max;
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?)?$/;

/**
 * The one reader of dates: every table, paste and CLI option reads its dates here. It takes the forms
 * people type and paste — 2026-12-07, 2026/12/7, 2026.12.7, 2026年12月7日, 20261207, optionally
 * followed by a time ("2026-11-04 20:28"), full-width digits too — and day serials (a date cell of
 * Sheets or Excel arrives as a number). A real date outside DATE_YEARS is refused as out of range,
 * named as the person sees it (a date cell by its date, not its serial).
 */
export function readDate(input: unknown, years: YearSpan = DATE_YEARS): DateReading {
  const value = typeof input === 'string' ? input.trim() : String(input ?? '');
  const invalid: DateReading = { problem: 'error.invalidDate', params: { value } };
  let ymd: Ymd;
  if (typeof input === 'number') {
    // Serial 1 is 1899-12-31, 2958465 is 9999-12-31: the dates a spreadsheet cell can hold.
    if (!Number.isFinite(input) || input < 1 || input >= 2958466) return invalid;
    ymd = ymdFromSerial(input);
  } else if (typeof input === 'string') {
    const text = toHalfWidth(input).trim();
    const m = DATE_TEXT.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
    if (!m) return invalid;
    ymd = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    if (!isValidYmd(ymd.year, ymd.month, ymd.day)) return invalid;
  } else {
    return invalid;
  }
  if (!inDateYears(ymd.year, years)) {
    const shown = typeof input === 'number' ? `${ymd.year}-${pad2(ymd.month)}-${pad2(ymd.day)}` : value;
    return { problem: 'error.dateOutOfRange', params: { value: shown, min: years.min, max: years.max } };
  }
  return { value: serialFromYmd(ymd.year, ymd.month, ymd.day) };
}

/** readDate's day, or null for anything that is not a date in DATE_YEARS (for readers that skip such cells). */
export function parseDate(input: unknown, years: YearSpan = DATE_YEARS): DaySerial | null {
  const reading = readDate(input, years);
  return 'value' in reading ? reading.value : null;
}

/** Full-width digits and ASCII punctuation (０-９, ／, －, ．, ：…) to their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

export function weekday(serial: DaySerial): Weekday {
  // Serial 1 (1899-12-31) was a Sunday.
  return ((((Math.floor(serial) - 1) % 7) + 7) % 7) as Weekday;
}

export function addDays(serial: DaySerial, days: number): DaySerial {
  return serial + days;
}

export function isWeekend(serial: DaySerial): boolean {
  const w = weekday(serial);
  return w === 0 || w === 6;
}

export function firstOfMonth(year: number, month: number): DaySerial {
  return serialFromYmd(year, month, 1);
}

export function lastOfMonth(year: number, month: number): DaySerial {
  return serialFromYmd(year, month, daysInMonth(year, month));
}

export type MonthReading =
  | { value: { year: number; month: number } }
  | { problem: 'calendar.error.month'; params: { value: string } }
  | { problem: 'error.dateOutOfRange'; params: { value: string; min: number; max: number } };

/** A month as people write it — 2026-12, 2026/12, 2026.12, 2026年12月 — in DATE_YEARS. */
export function readMonth(input: unknown): MonthReading {
  const value = String(input ?? '').trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(toHalfWidth(value));
  const year = m ? Number(m[1]) : NaN;
  const month = m ? Number(m[2]) : NaN;
  if (!m || month < 1 || month > 12) return { problem: 'calendar.error.month', params: { value } };
  if (!inDateYears(year)) return { problem: 'error.dateOutOfRange', params: { value, ...DATE_YEARS } };
  return { value: { year, month } };
}

/** readMonth's year and month, or null. */
export function parseMonth(text: string): { year: number; month: number } | null {
  const reading = readMonth(text);
  return 'value' in reading ? reading.value : null;
}

/** A time of day as a fraction of a day (Sheets' representation), from "20:00" or "8:30". */
export function parseTimeOfDay(text: string): number | null {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(toHalfWidth(String(text)).trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return (h * 60 + min) / 1440;
}

/** A day fraction back to "HH:MM". */
export function formatTimeOfDay(fraction: number): string {
  const minutes = Math.round(fraction * 1440) % 1440;
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** Unix milliseconds (an instant) to the day serial of the wall-clock date at a UTC offset in minutes. */
export function serialFromEpochMillis(millis: number, utcOffsetMinutes: number): DaySerial {
  return Math.floor((millis + utcOffsetMinutes * 60000) / 86400000) + UNIX_EPOCH_SERIAL;
}
