/**
 * The review tab's live counts recalculated by an outside engine: SOP tabs of past and current cohorts,
 * the review generated, then a person's edits in an SOP tab made after it (a row set to done, one
 * cancelled, a row added at the end). The workbook goes into an .xlsx with every review formula caching
 * a sentinel; LibreOffice recalculates it on load, and each count must come back as the core counts
 * the edited SOP tabs. TODAY() is LibreOffice's own today, so the SOP tabs are dated around it.
 * Then the results: SUMIFS over the metrics tab with group names holding * ? ~, and numbers changed in
 * the metrics tab after the review was made, must come back as the core computes the edited table.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeReviewData, generateReview } from '../../src/app/review';
import { generateSopTabs } from '../../src/app/sop';
import { serialFromYmd, toIso, type DaySerial } from '../../src/core/dates';
import { parseMetricsGrid } from '../../src/core/metrics/parse';
import { computeReview, type ReviewSopTab } from '../../src/core/review/compute';
import { buildReviewTab, COHORT_COLUMNS, REVIEW_FIRST_COHORT_ROW } from '../../src/core/review/tab';
import { a1, isFormulaCell, type CellValue, type TabSpec } from '../../src/core/tab/spec';
import { createDemoContext } from '../../src/local/demo';
import { readXlsx, writeXlsx } from '../../src/local/xlsx';
import { spreadsheet } from '../support/formulas';
import { describeWithLibreOffice, LIBREOFFICE_TEST_TIMEOUT_MS, recalculateXlsx, sameRecalculatedValue, withSentinelCaches } from '../support/libreoffice';

const RESULTS = ['members', 'participationRate', 'completionRate', 'conversionRate', 'revenue', 'roi'] as const;
const METRICS_TAB = '转化数据';

function realToday(): DaySerial {
  const now = new Date();
  return serialFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate()) as DaySerial;
}

/** An SOP tab of three steps around today; its name leaves out what a sheet name cannot hold. */
function sopTab(group: string, cohort: string, today: number): ReviewSopTab {
  const grid: CellValue[][] = [
    ['ID', '日期', '事项', '执行人', '状态'],
    ['T-A', today - 30, '开营通知', '小王', '已完成'],
    ['T-B', today - 20, '直播提醒', '小李', '未开始'],
    ['T-C', today + 5, '催单私聊', '', '未开始'],
  ];
  return { tab: `SOP ${group.replace(/[*?~]/g, '星')} ${cohort}`, group, cohort, grid };
}

const plainTab = (name: string, grid: CellValue[][]): TabSpec => ({
  name,
  marker: { kind: 'plain', key: {} },
  columns: [],
  rows: grid.map((row) => [...row]),
  headerRows: 1,
});

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

  it(
    'LibreOffice computes the live results over the metrics tab as the core computes the edited table',
    async () => {
      const today = realToday();
      // "A*群" and "A?群" would each match "AB群" as patterns, "D~群" loses its ~ unescaped; C群's "1,200" keeps values.
      const grid: CellValue[][] = [
        ['各期转化'],
        ['群名称', '期次', '群人数', '到课人数', '完课人数', '成单人数', '客单价', '收入', '投放成本'],
        ['A*群', '第1期', 100, 40, 20, 5, null, 5800, 1000],
        ['AB群', '第1期', 200, 80, 30, 8, 600, null, 2000],
        ['A*群', '第2期', 150, 60, 25, 9, null, null, null],
        ['A?群', '第1期', 120, 0, null, 3, null, 3600, 0],
        ['D~群', '第1期', 90, 45, 30, 6, null, 4200, 1500],
        ['C群', '第1期', '1,200', 100, 50, 30, null, 10000, 3000],
        ['合计', null, 1860, 325, 155, 61, null, 23600, 7500],
      ];
      const sops = [
        sopTab('A*群', '第1期', today),
        sopTab('A*群', '第2期', today),
        sopTab('AB群', '第1期', today),
        sopTab('A?群', '第1期', today),
        sopTab('D~群', '第1期', today),
        sopTab('C群', '第1期', today),
      ];
      const metrics = parseMetricsGrid(grid, { tab: METRICS_TAB });
      const review = computeReview({ sopTabs: sops, metrics, today, unassigned: '未分配' });
      expect(review.cohorts.every((cohort) => cohort.results !== null)).toBe(true);
      const spec = buildReviewTab({
        review,
        sopTabs: sops,
        template: { id: 't', name: 'T' },
        source: METRICS_TAB,
        today,
        lang: 'zh-CN',
        metrics,
        metricsGrid: grid,
      });

      // Numbers changed after the review was made: more buyers, a revenue cleared (then buyers × price), a member count.
      const edited = grid.map((row) => [...row]);
      edited[3][5] = 20;
      edited[3][6] = 450;
      edited[2][7] = null;
      edited[2][6] = 1000;
      edited[6][2] = 60;
      const tabs = [plainTab(METRICS_TAB, edited), ...sops.map((sop) => plainTab(sop.tab, sop.grid as CellValue[][]))];

      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sop-review-results-lo-'));
      const file = path.join(dir, 'review-results.xlsx');
      await fs.writeFile(file, await writeXlsx([withSentinelCaches(spec), ...tabs]));
      const values = (await readXlsx(await fs.readFile(await recalculateXlsx(file)))).find((tab) => tab.name === spec.name)!.values;

      // Every formula as the project's engine computes it over the edited tabs…
      const engine = spreadsheet([spec, ...tabs], today);
      const differences: string[] = [];
      spec.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!isFormulaCell(cell)) return;
          const computed = values[r]?.[c] ?? null;
          if (!sameRecalculatedValue(engine.value(r, c), computed))
            differences.push(
              `${a1(r, c)} ${cell.formula.slice(0, 120)}: engine ${JSON.stringify(engine.value(r, c))}, LibreOffice ${JSON.stringify(computed)}`,
            );
        }),
      );
      expect(differences.slice(0, 20)).toEqual([]);

      // …and as the core computes the edited metrics table: each cohort's results, the average and the Δ.
      const fresh = computeReview({ sopTabs: sops, metrics: parseMetricsGrid(edited, { tab: METRICS_TAB }), today, unassigned: '未分配' });
      const at = (row: number, key: (typeof COHORT_COLUMNS)[number]) => values[row]?.[COHORT_COLUMNS.indexOf(key)] ?? null;
      const mismatches: string[] = [];
      const check = (where: string, expected: number | null, actual: CellValue) => {
        if (!sameRecalculatedValue(expected ?? '', actual))
          mismatches.push(`${where}: core ${JSON.stringify(expected)}, LibreOffice ${JSON.stringify(actual)}`);
      };
      fresh.cohorts.forEach((cohort, i) => {
        const row = REVIEW_FIRST_COHORT_ROW + i;
        for (const key of RESULTS) check(`${cohort.group} ${cohort.cohort} ${key}`, cohort.results?.[key] ?? null, at(row, key));
        check(`${cohort.group} ${cohort.cohort} Δ average`, cohort.vsAverage.conversionRate, at(row, 'conversionVsAverage'));
        check(`${cohort.group} ${cohort.cohort} Δ previous`, cohort.vsPrevious.conversionRate, at(row, 'conversionVsPrevious'));
      });
      const averageRow = REVIEW_FIRST_COHORT_ROW + fresh.cohorts.length;
      for (const key of ['participationRate', 'completionRate', 'conversionRate', 'revenue', 'roi'] as const)
        check(`average ${key}`, fresh.average[key], at(averageRow, key));
      expect(mismatches).toEqual([]);

      // The edits did change what the tab showed when it was made.
      const ab = fresh.cohorts.findIndex((cohort) => cohort.group === 'AB群');
      expect(review.cohorts[ab].results?.conversionRate).toBe(0.04);
      expect(at(REVIEW_FIRST_COHORT_ROW + ab, 'conversionRate')).toBe(0.1);
      if (!process.env.KEEP_E2E_OUTPUT) await fs.rm(dir, { recursive: true, force: true });
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );
});
