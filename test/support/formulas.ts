/**
 * Tabs read the way a spreadsheet shows them, through the project's one formula engine
 * (src/core/formula): what a formula shows and which colour the conditional formats paint.
 * LibreOffice stays the outside check of that engine (the LibreOffice suites).
 */
import type { DaySerial } from '../../src/core/dates';
import { isError, WorkbookCalc } from '../../src/core/formula';
import type { CellValue, TabSpec } from '../../src/core/tab/spec';

/** A workbook of these tabs, computed as of `today`; the first tab is the one read by default. */
export function spreadsheet(tabs: ReadonlyArray<TabSpec>, today: DaySerial) {
  const calc = new WorkbookCalc(
    tabs.map((tab) => ({ name: tab.name, cells: tab.rows, conditionalFormats: tab.conditionalFormats })),
    today,
  );
  const main = tabs[0].name;
  return {
    /** What a cell shows: errors as their code ("#REF!"). */
    value(row: number, col: number, tab = main): CellValue {
      const value = calc.value(tab, row, col);
      return isError(value) ? value.code : value;
    },
    /** A formula as if typed into a cell of the tab (relative references are as written). */
    evaluate(formula: string, at = { row: 0, col: 0 }, tab = main): CellValue {
      const value = calc.evaluateFormula(tab, formula, at);
      return isError(value) ? value.code : value;
    },
    /** The background the first conditional-format rule that holds gives a cell, or null. */
    ruleBackground(row: number, col: number, tab = main): string | null {
      return calc.conditionalStyles(tab)[row]?.[col]?.background ?? null;
    },
  };
}
