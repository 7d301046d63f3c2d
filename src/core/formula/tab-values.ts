/**
 * What the formulas of a set of tabs show, computed by the formula engine. Builders write formulas
 * and leave their values to this pass, run over the whole workbook at once since formulas read other
 * tabs: the local workbook, the preview, the .xlsx cached results and the tests all get their values
 * here, so they agree with each other. (In Sheets the spreadsheet computes them.)
 */
import type { DaySerial } from '../dates';
import { isFormulaCell, type CellValue, type TabSpec } from '../tab/spec';
import { isError, type Scalar } from './values';
import { WorkbookCalc } from './workbook-calc';

/** An error is cached as its code ("#DIV/0!"), the text a spreadsheet shows for it. */
function cached(value: Scalar): CellValue {
  return isError(value) ? value.code : value;
}

/**
 * Computes every formula of the tabs and stores each result as its cell's value, in place (the
 * tabs are the live state of a workbook). Returns the engine, which can also tell the conditional
 * styles of the cells.
 */
export function fillFormulaValues(tabs: ReadonlyArray<TabSpec>, today: DaySerial): WorkbookCalc {
  const calc = new WorkbookCalc(
    tabs.map((tab) => ({ name: tab.name, cells: tab.rows, conditionalFormats: tab.conditionalFormats })),
    today,
  );
  const values = calc.recompute();
  for (const tab of tabs) {
    const computed = values.get(tab.name);
    if (!computed) continue;
    tab.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        // A new cell rather than an edited one: a builder may put one formula object in several cells.
        if (isFormulaCell(cell)) row[c] = { formula: cell.formula, value: cached(computed[r]?.[c] ?? null) };
      }),
    );
  }
  return calc;
}

/** The tabs with the values of their formulas filled in; the tabs given are left as they are. */
export function withFormulaValues(tabs: ReadonlyArray<TabSpec>, today: DaySerial): TabSpec[] {
  const copies = tabs.map((tab) => ({ ...tab, rows: tab.rows.map((row) => row.slice()) }));
  fillFormulaValues(copies, today);
  return copies;
}
