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
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= 1900 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
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

/** Parses exactly "YYYY-MM-DD"; null when it is not a real date. */
export function fromIso(text: string): DaySerial | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidYmd(y, mo, d) ? serialFromYmd(y, mo, d) : null;
}

/**
 * Reads the date forms people paste: 2026-12-01, 2026/12/1, 2026.12.1, 2026年12月1日, 20261201,
 * optionally followed by a time ("2026-11-04 20:28"), and day serials (numbers from a date cell).
 * Returns null for anything else.
 */
export function parseDate(input: unknown): DaySerial | null {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input >= 1 && input < 2958466 ? Math.floor(input) : null;
  }
  if (typeof input !== 'string') return null;
  const text = toHalfWidth(input).trim();
  if (!text) return null;
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidYmd(y, mo, d) ? serialFromYmd(y, mo, d) : null;
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

/** "YYYY-MM" → {year, month}; null when malformed. */
export function parseMonth(text: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return year >= 1900 && month >= 1 && month <= 12 ? { year, month } : null;
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
