/**
 * Keeps the playground's workbook live like a spreadsheet: after every change the formulas of every
 * tab are recomputed (their cached values updated, so use cases reading a tab see what Sheets would
 * show), and tabs are drawn with their conditional formats evaluated.
 */
import { openSession } from '../app/session';
import type { LocalContext } from './context';
import { fillFormulaValues } from '../core/formula/tab-values';
import type { WorkbookCalc } from '../core/formula/workbook-calc';
import { renderChartsHtml } from './chart-preview';
import { renderTabHtml } from './html-preview';

/** Blank rows below every tab in the playground, where people can type new rows (Sheets shows 1,000). */
const SPARE_ROWS = 20;

export class PreviewEngine {
  private calc: WorkbookCalc | null = null;

  constructor(private readonly ctx: LocalContext) {}

  recalculate(): void {
    this.calc = fillFormulaValues(
      this.ctx.workbook.tabs.map((tab) => tab.spec),
      this.ctx.clock.today(),
    );
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
