/**
 * Keeps the playground's workbook live like a spreadsheet: after every change the formulas of every
 * tab are recomputed (their cached values updated, so use cases reading a tab see what Sheets would
 * show), and tabs are drawn with their conditional formats evaluated.
 */
import type { CellValue } from '../core/tab/spec';
import { isFormulaCell } from '../core/tab/spec';
import { openSession } from '../app/session';
import type { LocalContext } from './context';
import { WorkbookCalc } from './formula/workbook-calc';
import { isError, Scalar } from './formula/values';
import { renderChartsHtml } from './chart-preview';
import { renderTabHtml } from './html-preview';

function cached(value: Scalar): CellValue {
  return isError(value) ? value.code : value;
}

/** Blank rows below every tab in the playground, where people can type new rows (Sheets shows 1,000). */
const SPARE_ROWS = 20;

export class PreviewEngine {
  private calc: WorkbookCalc | null = null;

  constructor(private readonly ctx: LocalContext) {}

  recalculate(): void {
    const tabs = this.ctx.workbook.tabs;
    const calc = new WorkbookCalc(
      tabs.map((tab) => ({ name: tab.spec.name, cells: tab.spec.rows, conditionalFormats: tab.spec.conditionalFormats })),
      this.ctx.clock.today(),
    );
    const values = calc.recompute();
    for (const tab of tabs) {
      const computed = values.get(tab.spec.name);
      if (!computed) continue;
      tab.spec.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (isFormulaCell(cell)) cell.value = cached(computed[r]?.[c] ?? null);
        }),
      );
    }
    this.calc = calc;
  }

  tabHtml(name: string): string {
    const tab = this.ctx.workbook.tab(name);
    if (!this.calc) this.recalculate();
    const table = renderTabHtml(tab.spec, this.calc!, { lang: openSession(this.ctx).lang, editable: true, sheetName: name, spareRows: SPARE_ROWS });
    const charts = renderChartsHtml(tab.spec.charts, this.calc!.values(name));
    // Charts sit right of the table, where Sheets anchors them.
    return charts ? `<div class="sp-with-charts">${table}${charts}</div>` : table;
  }
}
