/**
 * The review tab's live counts recalculated by an outside engine: SOP tabs of past and current cohorts,
 * the review generated, then a person's edits in an SOP tab made after it (a row set to done, one
 * cancelled, a row added at the end). The workbook goes into an .xlsx with every review formula caching
 * a sentinel; LibreOffice recalculates it on load, and each count must come back as the core counts
 * the edited SOP tabs. TODAY() is LibreOffice's own today, so the SOP tabs are dated around it.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeReviewData, generateReview } from '../../src/app/review';
import { generateSopTabs } from '../../src/app/sop';
import { serialFromYmd, toIso } from '../../src/core/dates';
import { COHORT_COLUMNS, REVIEW_FIRST_COHORT_ROW } from '../../src/core/review/tab';
import { a1, isFormulaCell } from '../../src/core/tab/spec';
import { createDemoContext } from '../../src/local/demo';
import { readXlsx, writeXlsx } from '../../src/local/xlsx';
import { describeWithLibreOffice, LIBREOFFICE_TEST_TIMEOUT_MS, recalculateXlsx, sameRecalculatedValue, withSentinelCaches } from '../support/libreoffice';

describeWithLibreOffice('the review tab in LibreOffice', () => {
  it(
    'LibreOffice computes the live execution counts as the core counts the edited SOP tabs',
    async () => {
      const now = new Date();
      const today = serialFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
      const ctx = createDemoContext({ today });
      ['第10期', '第11期', '第12期'].forEach((cohort, i) => {
        const result = generateSopTabs(ctx, { template: 'big-class-28d', anchor: toIso(today - 80 + 35 * i), groups: 'Java引流5群, Java引流6群', cohort });
        for (const [t, tab] of result.tabs.entries()) {
          const grid = ctx.workbook.readTab(tab.tab);
          const status = grid[0].indexOf('状态');
          for (let r = 1; r < grid.length; r++) if (r % (2 + t + i) === 0) ctx.workbook.setCell(tab.tab, r, status, r % 5 === 0 ? '取消' : '已完成');
        }
      });
      const { tab: reviewName } = generateReview(ctx, {});

      // Edits after the review was made: its formulas must follow them.
      const sop = ctx.workbook.markedTabs((marker) => marker.kind === 'sop')[0].name;
      const grid = ctx.workbook.readTab(sop);
      const [statusCol, dateCol, itemCol] = ['状态', '日期', '事项'].map((label) => grid[0].indexOf(label));
      ctx.workbook.setCell(sop, 1, statusCol, '已完成');
      ctx.workbook.setCell(sop, 2, statusCol, '取消');
      ctx.workbook.setCell(sop, grid.length, dateCol, today - 1);
      ctx.workbook.setCell(sop, grid.length, itemCol, '临时加的群公告');

      const spec = ctx.workbook.tab(reviewName).spec;
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sop-review-lo-'));
      const file = path.join(dir, 'review.xlsx');
      await fs.writeFile(
        file,
        await writeXlsx(ctx.workbook.tabs.map((tab) => ({ spec: tab.spec === spec ? withSentinelCaches(tab.spec) : tab.spec, marker: tab.marker }))),
      );
      const values = (await readXlsx(await fs.readFile(await recalculateXlsx(file)))).find((tab) => tab.name === reviewName)!.values;

      // Every formula as the project's engine computes it over the edited tabs…
      const engine = ctx.workbook.readTab(reviewName);
      const differences: string[] = [];
      let checked = 0;
      spec.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!isFormulaCell(cell)) return;
          checked++;
          const computed = values[r]?.[c] ?? null;
          if (!sameRecalculatedValue(engine[r][c], computed))
            differences.push(`${a1(r, c)} ${cell.formula.slice(0, 80)}: engine ${JSON.stringify(engine[r][c])}, LibreOffice ${JSON.stringify(computed)}`);
        }),
      );
      expect(differences.slice(0, 20)).toEqual([]);
      expect(checked).toBeGreaterThan(6 * 7);

      // …and as the core counts the edited SOP tabs.
      const fresh = computeReviewData(ctx, {}).review.cohorts;
      const at = (i: number, key: (typeof COHORT_COLUMNS)[number]) => values[REVIEW_FIRST_COHORT_ROW + i][COHORT_COLUMNS.indexOf(key)];
      fresh.forEach((cohort, i) => {
        const e = cohort.execution;
        expect([at(i, 'planned'), at(i, 'done'), at(i, 'onTime'), at(i, 'due'), at(i, 'overdue'), at(i, 'skipped')]).toEqual([
          e.planned,
          e.done,
          e.onTime,
          e.due,
          e.overdue,
          e.skipped,
        ]);
      });
      if (!process.env.KEEP_E2E_OUTPUT) await fs.rm(dir, { recursive: true, force: true });
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );
});
