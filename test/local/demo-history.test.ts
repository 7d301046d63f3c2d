/**
 * The demo workbook's history for 复盘: three past cohorts of Java引流5群 generated through the SOP use
 * case before the demo's today, their statuses set, and the cohorts' results pasted with a 期次 column
 * (第10期 written 10期) — enough for the review to show four cohorts, one spelling to confirm and results.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeReviewData, getReviewState } from '../../src/app/review';
import { generateSopTabs } from '../../src/app/sop';
import { getTodayItems } from '../../src/app/today';
import { addDays, fromIso, toIso, type DaySerial } from '../../src/core/dates';
import { rowIds } from '../../src/core/sop/template';
import { builtInTemplate } from '../../src/core/sop/templates';
import type { LocalContext } from '../../src/local/context';
import { saveWorkbook } from '../../src/local/cli/io';
import { createDemoContext } from '../../src/local/demo';
import { DEMO_HISTORY, PAST_COHORTS } from '../../src/local/demo-cohorts';
import { cli } from '../support/cli';

const TODAY = fromIso('2026-12-04') as DaySerial;
const PAST_TABS = ['SOP·Java引流5群·第9期', 'SOP·Java引流5群·第10期', 'SOP·Java引流5群·第11期'];

/** The demo as a team has it once the current cohort is under way: its SOP tab generated the day before. */
function withCurrentCohort(locale?: string): LocalContext {
  const ctx = createDemoContext({ today: TODAY, locale });
  generateSopTabs(ctx, { template: DEMO_HISTORY.template, anchor: '2026-12-03', groups: DEMO_HISTORY.group, cohort: DEMO_HISTORY.current });
  return ctx;
}

/** Conversion rate per cohort (null: no results row matched, or no buyers figure yet). */
const conversion = (data: ReturnType<typeof computeReviewData>) =>
  Object.fromEntries(data.review.cohorts.map((cohort) => [cohort.cohort, cohort.results?.conversionRate ?? null]));

describe('the demo workbook’s past cohorts', () => {
  test('come after the tabs the demo had, which stay as they were; the first view is the same', () => {
    const plain = createDemoContext({ today: TODAY, history: false });
    const demo = createDemoContext({ today: TODAY });
    const before = plain.workbook.listTabs().map((tab) => tab.name);
    const names = demo.workbook.listTabs().map((tab) => tab.name);
    expect(names.slice(0, before.length)).toEqual(before);
    expect(names.slice(before.length)).toEqual(['各期数据', ...PAST_TABS]);
    for (const name of before) expect(demo.workbook.readTab(name)).toEqual(plain.workbook.readTab(name));
    expect(demo.workbook.activeTabName()).toBe(plain.workbook.activeTabName());
    expect(demo.ui.messages).toEqual([]);
    // The results tab is a paste, not a generated tab.
    expect(demo.workbook.listTabs().find((tab) => tab.name === '各期数据')?.marker ?? null).toBeNull();
  });

  test('are generated five weeks apart before today, with owners, each row closed but for three left open on purpose', () => {
    const ctx = createDemoContext({ today: TODAY });
    const ids = rowIds(builtInTemplate(DEMO_HISTORY.template, 'zh-CN'));
    PAST_TABS.forEach((tab, i) => {
      const grid = ctx.workbook.readTab(tab);
      const [id, date, status, owner] = ['ID', '日期', '状态', '执行人'].map((label) => grid[0].indexOf(label));
      const rows = grid.slice(1).filter((row) => row[id]);
      expect(rows.find((row) => row[id] === ids.get('d0-opening'))?.[date]).toBe(addDays(TODAY, -PAST_COHORTS[i].daysBefore));
      expect(Math.max(...rows.map((row) => Number(row[date])))).toBeLessThan(TODAY);
      expect(rows.every((row) => row[owner])).toBe(true);
      expect(new Set(rows.map((row) => row[status]))).toEqual(
        new Set(i === 0 ? ['已完成', '取消'] : i === 1 ? ['已完成', '取消', '延期'] : ['已完成', '取消', '未开始']),
      );
    });
    // The best-converting cohort kept the countdown and the one-to-one steps; the worst skipped them.
    const statusOf = (tab: string, key: string) => {
      const grid = ctx.workbook.readTab(tab);
      return grid.find((row) => row[0] === ids.get(key))?.[grid[0].indexOf('状态')];
    };
    for (const key of ['d-1-countdown', 'd-4-call', 'd9-revisit', 'd15-report', 'd19-deadline']) {
      expect([key, statusOf(PAST_TABS[0], key), statusOf(PAST_TABS[2], key)]).toEqual([key, '取消', '已完成']);
    }
    // On the Today board the past cohorts bring only the rows left open, as overdue.
    const due = getTodayItems(ctx, { daysAhead: 0 }).items;
    expect(due.map((item) => [item.cohort, item.item, item.status, toIso(item.date), item.state])).toEqual([
      ['第11期', '朋友圈：学员成果合集', '未开始', '2026-11-16', 'overdue'],
      ['第11期', '转入校友群', '未开始', '2026-11-18', 'overdue'],
      ['第10期', '发结营证书', '延期', '2026-10-08', 'overdue'],
    ]);
  });

  test('review as four cohorts of one group, one spelling to confirm, and results for the cohorts matched', () => {
    const ctx = withCurrentCohort();
    expect(getReviewState(ctx)).toMatchObject({
      template: 'big-class-28d',
      cohorts: ['第9期', '第10期', '第11期', '第12期'],
      metricsTab: '各期数据',
    });
    const first = computeReviewData(ctx, {});
    expect(first.review.cohorts.map((cohort) => [cohort.group, cohort.cohort])).toEqual(
      ['第9期', '第10期', '第11期', '第12期'].map((cohort) => ['Java引流5群', cohort]),
    );
    expect(first.review.proposed).toEqual([{ sop: '第10期', metrics: '10期', confirmed: false }]);
    expect(conversion(first)).toEqual({ 第9期: 10 / 312, 第10期: null, 第11期: 25 / 341, 第12期: null });
    expect(first.warnings).toHaveLength(1);

    const confirmed = computeReviewData(ctx, { confirmedCohorts: [{ sop: '第10期', metrics: '10期' }] });
    expect(confirmed.review.proposed).toEqual([{ sop: '第10期', metrics: '10期', confirmed: true }]);
    expect(confirmed.review.unmatched).toEqual({ sop: [], metrics: [] });
    expect(conversion(confirmed)).toEqual({ 第9期: 10 / 312, 第10期: 14 / 286, 第11期: 25 / 341, 第12期: null });
    expect(confirmed.review.cohorts[1].metricsCohort).toBe('10期');
    // The current cohort has begun: its members are known, its results not yet.
    expect(confirmed.review.cohorts[3].results).toMatchObject({ members: 358, participationRate: null, conversionRate: null, revenue: null });
    // Execution differs, and goes with the results; four cohorts are too few to rank steps.
    expect(confirmed.review.cohorts.slice(0, 3).map(({ execution: e }) => [e.planned, e.done, e.overdue, e.skipped])).toEqual([
      [54, 54, 0, 6],
      [58, 57, 1, 2],
      [59, 57, 2, 1],
    ]);
    expect(confirmed.review.steps.every((step) => step.verdict === 'tooFewCohorts')).toBe(true);
  });

  test('in English the tabs and statuses are English and the review reads the same', () => {
    const zh = computeReviewData(withCurrentCohort(), { confirmedCohorts: [{ sop: '第10期', metrics: '10期' }] });
    const ctx = withCurrentCohort('en_US');
    expect(getReviewState(ctx).metricsTab).toBe('Cohort results');
    const en = computeReviewData(ctx, { confirmedCohorts: [{ sop: '第10期', metrics: '10期' }] });
    expect(en.review.cohorts.map((cohort) => [cohort.cohort, cohort.execution.done, cohort.execution.overdue, cohort.results?.conversionRate])).toEqual(
      zh.review.cohorts.map((cohort) => [cohort.cohort, cohort.execution.done, cohort.execution.overdue, cohort.results?.conversionRate]),
    );
  });

  test('saved as .xlsx, the CLI reviews the three past cohorts with the spelling given by --map', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sop-demo-history-')), 'demo.xlsx');
    await saveWorkbook(createDemoContext({ today: TODAY }), file);
    const result = await cli('review', '--workbook', file, '--date', toIso(TODAY), '--map', '第10期=10期', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.template).toBe('big-class-28d');
    expect(json.cohorts.map((c: { cohort: string; results: { conversionRate: number } | null }) => [c.cohort, c.results?.conversionRate])).toEqual([
      ['第9期', 10 / 312],
      ['第10期', 14 / 286],
      ['第11期', 25 / 341],
    ]);
    expect(json.unmatched.metrics).toEqual(['Java引流5群 · 第12期']);
  });
});
