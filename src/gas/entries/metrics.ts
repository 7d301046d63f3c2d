/**
 * Global functions of the metrics feature: its menu items, the functions its sidebar calls, and the
 * custom functions people use in their own sheets (their JSDoc is what Sheets shows as help; the
 * build keeps it, with the parameter names, on the top-level forwarders).
 */
import { formatError } from '../../core/errors';
import { langFromLocale, translator } from '../../core/i18n';
import { sopPooledRate, sopRate, sopRoi, type CustomArg, type CustomResult, type CustomScalar } from '../../core/metrics';
import type { CellValue } from '../../core/tab/spec';
import { runMenu, serve } from '../dispatch';

export function showMetricsSidebar(): void {
  runMenu('showMetricsSidebar');
}
export function computeMetricsHere(): void {
  runMenu('computeMetricsHere');
}
export function getMetricsState(...args: unknown[]) {
  return serve('getMetricsState', args);
}
export function computeMetrics(...args: unknown[]) {
  return serve('computeMetrics', args);
}
export function computeRawMetrics(...args: unknown[]) {
  return serve('computeRawMetrics', args);
}

/** A date is not a count: Sheets passes date cells as Date objects, which the core never sees. */
function cellOf(value: unknown): CellValue {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : null;
}

function argOf(value: unknown): CustomArg {
  return Array.isArray(value) ? value.map((row: unknown) => (Array.isArray(row) ? row.map(cellOf) : [cellOf(row)])) : cellOf(value);
}

/** Runs a custom function; its error shows in the cell's tooltip, in the user's language. */
function customFunction<T extends CustomResult>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    let locale: string | null = null;
    try {
      locale = Session.getActiveUserLocale();
    } catch {
      // Custom functions may not read the locale everywhere; Chinese is our users' default.
    }
    throw new Error(formatError(error, translator(langFromLocale(locale))));
  }
}

/**
 * A rate: part ÷ whole, e.g. 到课人数 ÷ 群人数 = 活动参与率. Blank when the whole is blank or zero,
 * never an error. Give one cell each, or two ranges of the same size for a rate per row.
 *
 * @param {number|Array<Array<number>>} part The count on top, e.g. attendees (到课人数), or a range of them.
 * @param {number|Array<Array<number>>} whole The count below, e.g. members (群人数), or a range of the same size.
 * @return The rate (format the cell as a percentage), or blank.
 * @customfunction
 */
export function SOP_RATE(part: unknown, whole: unknown): CustomResult {
  return customFunction(() => sopRate(argOf(part), argOf(whole)));
}

/**
 * The total rate of several groups: Σ parts ÷ Σ wholes over the rows where both are numbers —
 * never the average of the groups' rates. Blank when nothing pairs up or the wholes add up to zero.
 *
 * @param {Array<Array<number>>} parts The counts on top, e.g. the attendees (到课人数) column.
 * @param {Array<Array<number>>} wholes The counts below, e.g. the members (群人数) column, the same size.
 * @return The pooled rate (format the cell as a percentage), or blank.
 * @customfunction
 */
export function SOP_POOLED_RATE(parts: unknown, wholes: unknown): CustomScalar {
  return customFunction(() => sopPooledRate(argOf(parts), argOf(wholes)));
}

/**
 * Return on investment: revenue ÷ cost (收入 ÷ 投放成本). Blank when the cost is blank or zero.
 *
 * @param {number|Array<Array<number>>} revenue The revenue (收入/GMV), or a range of it.
 * @param {number|Array<Array<number>>} cost The cost (投放成本), or a range of the same size.
 * @return The ROI as a ratio (3 means revenue is three times the cost), or blank.
 * @customfunction
 */
export function SOP_ROI(revenue: unknown, cost: unknown): CustomResult {
  return customFunction(() => sopRoi(argOf(revenue), argOf(cost)));
}
