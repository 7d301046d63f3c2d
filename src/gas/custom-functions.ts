/**
 * The Apps Script side of custom functions (=SOP_RATE(…)): Sheets passes cells as it holds them and
 * shows a thrown error's message in the cell's tooltip. The functions themselves are declared by
 * their feature (src/app/features/*) and computed in the core.
 */
import { formatError } from '../core/errors';
import { langFromLocale, translator } from '../core/i18n';
import type { CustomArg, CustomResult } from '../core/metrics/custom-functions';
import type { CellValue } from '../core/tab/spec';
import type { CustomFunction } from '../app/feature';

/** A date is not a count: Sheets passes date cells as Date objects, which the core never sees. */
function cellOf(value: unknown): CellValue {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : null;
}

function argOf(value: unknown): CustomArg {
  return Array.isArray(value) ? value.map((row: unknown) => (Array.isArray(row) ? row.map(cellOf) : [cellOf(row)])) : cellOf(value);
}

/** The global a cell calls: cells in, the result out, an error in the user's language. */
export function sheetsCustomFunction(compute: CustomFunction): (...cells: unknown[]) => CustomResult {
  return (...cells) => {
    try {
      return compute(...cells.map(argOf));
    } catch (error) {
      let locale: string | null = null;
      try {
        locale = Session.getActiveUserLocale();
      } catch {
        // Custom functions may not read the locale everywhere; Chinese is our users' default.
      }
      throw new Error(formatError(error, translator(langFromLocale(locale))));
    }
  };
}
