/** Dates as day serials: TODAY, DATE, YEAR, MONTH, DAY, WEEKDAY, EDATE, EOMONTH. */
import { daysInMonth, serialFromYmd, weekday, ymdFromSerial, Ymd } from '../../dates';
import type { FunctionSpec } from '../context';
import { FormulaError, Scalar, isError, toInteger, toNumber } from '../values';
import { scalarFn } from './helpers';

/** The date parts of a serial argument ("2026-12-01" text is read as a date). */
function ymdOf(value: Scalar): Ymd | FormulaError {
  const n = toNumber(value);
  if (isError(n)) return n;
  if (n < 0) return new FormulaError('#NUM!', 'Dates cannot be negative');
  return ymdFromSerial(Math.floor(n));
}

/** Year and month with the month allowed to run over (month 13 is January of the next year). */
function normalizedMonth(year: number, month: number): { year: number; month: number } {
  const total = year * 12 + (month - 1);
  return { year: Math.floor(total / 12), month: (((total % 12) + 12) % 12) + 1 };
}

function datePartFn(part: keyof Ymd): FunctionSpec {
  return scalarFn(1, 1, ([value]) => {
    const ymd = ymdOf(value);
    return isError(ymd) ? ymd : ymd[part];
  });
}

function shiftMonths(endOfMonth: boolean): FunctionSpec {
  return scalarFn(2, 2, ([start, months]) => {
    const ymd = ymdOf(start);
    if (isError(ymd)) return ymd;
    const shift = toInteger(months);
    if (isError(shift)) return shift;
    const { year, month } = normalizedMonth(ymd.year, ymd.month + shift);
    const last = daysInMonth(year, month);
    return serialFromYmd(year, month, endOfMonth ? last : Math.min(ymd.day, last));
  });
}

export const dateFunctions: Record<string, FunctionSpec> = {
  TODAY: scalarFn(0, 0, (_args, ctx) => ctx.today),
  DATE: scalarFn(3, 3, (args) => {
    const parts: number[] = [];
    for (const arg of args) {
      const n = toInteger(arg);
      if (isError(n)) return n;
      parts.push(n);
    }
    // Sheets reads years 0–1899 as 1900–3799.
    const year = parts[0] < 1900 ? parts[0] + 1900 : parts[0];
    const { year: y, month } = normalizedMonth(year, parts[1]);
    const serial = serialFromYmd(y, month, 1) + parts[2] - 1;
    return serial < 0 ? new FormulaError('#NUM!', 'DATE before 1899-12-30') : serial;
  }),
  YEAR: datePartFn('year'),
  MONTH: datePartFn('month'),
  DAY: datePartFn('day'),
  WEEKDAY: scalarFn(1, 2, ([value, type]) => {
    const n = toNumber(value);
    if (isError(n)) return n;
    const kind = type === undefined ? 1 : toInteger(type);
    if (isError(kind)) return kind;
    const sundayFirst = weekday(Math.floor(n)); // 0 = Sunday
    if (kind === 1) return sundayFirst + 1;
    if (kind === 2) return ((sundayFirst + 6) % 7) + 1;
    if (kind === 3) return (sundayFirst + 6) % 7;
    return new FormulaError('#NUM!', `WEEKDAY type ${kind}`);
  }),
  EDATE: shiftMonths(false),
  EOMONTH: shiftMonths(true),
};
