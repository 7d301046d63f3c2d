/**
 * The value a builder declares beside each formula is what the formula shows. In Apps Script no engine
 * runs: the layer planner compares a tab's cells with these values to tell a person's edit from the
 * add-on's own result (the Gantt's linked cells), so a declared value that disagrees with the formula would look like an edit.
 * Here every formula the features write on the demo workbook is computed by the engine and
 * compared with its declared value.
 */
import { computeMetricsTab } from '../../src/app/metrics';
import { generateCalendar } from '../../src/app/calendar';
import { generateGantt } from '../../src/app/gantt';
import { generateSopTabs } from '../../src/app/sop';
import { generateTodayBoard } from '../../src/app/today';
import { fromIso, type DaySerial } from '../../src/core/dates';
import { withFormulaValues } from '../../src/core/formula/tab-values';
import { isFormulaCell, type CellValue } from '../../src/core/tab/spec';
import { createDemoContext } from '../../src/local/demo';

const TODAY = fromIso('2026-12-09') as DaySerial;

function same(declared: CellValue, computed: CellValue): boolean {
  const blank = (value: CellValue) => value === null || value === '';
  if (blank(declared) || blank(computed)) return blank(declared) && blank(computed);
  if (typeof declared === 'number' && typeof computed === 'number') return Math.abs(declared - computed) <= 1e-9 * Math.max(1, Math.abs(declared));
  return declared === computed;
}

describe('the values builders declare beside their formulas', () => {
  test('are what the engine computes for every formula of the SOP, Gantt, calendar, metrics and Today tabs', () => {
    const ctx = createDemoContext({ today: TODAY });
    // Keep the declared values: no recalculation overwrites them.
    ctx.workbook.recalculate = null;
    generateSopTabs(ctx, { template: 'big-class-28d', anchor: '2026-12-01', groups: '28天大课1群', cohort: '12期' });
    generateGantt(ctx, { planTab: '推进表' });
    generateCalendar(ctx, { month: '2026-12', list: '活动列表' });
    computeMetricsTab(ctx, { kind: 'tab', tab: '群数据' });
    generateTodayBoard(ctx, {});
    const declared = ctx.workbook.tabs.map((tab) => tab.spec);
    const computed = withFormulaValues(declared, TODAY);
    const disagreements: string[] = [];
    let formulas = 0;
    declared.forEach((tab, t) =>
      tab.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!isFormulaCell(cell)) return;
          formulas++;
          const value = (computed[t].rows[r][c] as { value: CellValue }).value;
          if (!same(cell.value, value))
            disagreements.push(
              `${tab.name}!R${r + 1}C${c + 1} ${cell.formula.slice(0, 60)}: declared ${JSON.stringify(cell.value)}, computed ${JSON.stringify(value)}`,
            );
        }),
      ),
    );
    expect(formulas).toBeGreaterThan(300);
    expect(disagreements).toEqual([]);
  });
});
