/** One ExcelJS cell value as the CellValue a Workbook port gives: what a person sees in the cell. */
import ExcelJS from 'exceljs';
import type { CellValue } from '../core/tab/spec';

/**
 * Dates as day serials (with the time as a fraction), formulas as their cached result, rich text
 * and hyperlinks as their text, errors as their text ("#DIV/0!", as Sheets' getValues gives them),
 * empty text as null.
 */
export function toCellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value === '' ? null : value;
  if (value instanceof Date) return serialFromExcelDate(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('') || null;
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return toCellValue(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return toCellValue(value.result as ExcelJS.CellValue);
  return null;
}

const MS_PER_DAY = 86400000;
const UNIX_EPOCH_SERIAL = 25569;

/**
 * ExcelJS turns a date-formatted number into a Date at that wall-clock time in UTC, so its epoch
 * milliseconds give the serial back whatever the process time zone is.
 */
function serialFromExcelDate(date: Date): number | null {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return null;
  const days = Math.floor(ms / MS_PER_DAY);
  const msOfDay = ms - days * MS_PER_DAY;
  return days + UNIX_EPOCH_SERIAL + (msOfDay === 0 ? 0 : msOfDay / MS_PER_DAY);
}

/**
 * The cached result of a formula cell: ExcelJS's reading of it, corrected by what the sheet's XML
 * holds (see readingCopy). ExcelJS drops a result of 0, and turns any result in a date-formatted
 * cell into a date; its dates are kept, as it knows the workbook's date system.
 */
export function formulaResult(read: ExcelJS.CellValue, cached: CellValue | undefined): CellValue {
  const value = toCellValue(read);
  if (cached === undefined) return value;
  if (typeof cached === 'number') return value ?? cached;
  return cached;
}
