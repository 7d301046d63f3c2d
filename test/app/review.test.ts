/** 复盘 through its use cases on the demo workbook: past cohorts' SOP tabs, a metrics paste with 期次, one menu action. */
import { callApi } from '../../src/app/api';
import { computeReviewData, generateReview, getReviewState, showReview } from '../../src/app/review';
import { generateSopTabs } from '../../src/app/sop';
import { reviewWorkbook as workbook, REVIEW_TODAY as TODAY } from '../support/review-workbook';
import { COHORT_COLUMNS, REVIEW_FIRST_COHORT_ROW } from '../../src/core/review/tab';
import { markerKeyOf } from '../../src/core/tab/marker';
import type { LocalContext } from '../../src/local/context';
import { createDemoContext } from '../../src/local/demo';
import { problemsOf } from '../support/problems';

const reviewTab = (ctx: LocalContext) => ctx.workbook.markedTabs((marker) => marker.kind === 'review');

describe('generating the review', () => {
  test('the menu action reviews the most used template’s cohorts, matches every metrics row and opens the tab', () => {
    const ctx = workbook();
    generateSopTabs(ctx, { template: 'live-class', anchor: '2026-12-04', groups: 'Python引流1群', cohort: '第3期' });
    const result = showReview(ctx);
    expect(result.template).toBe('big-class-28d');
    expect(result.review.cohorts).toHaveLength(8);
    expect(result.review.unmatched).toEqual({ sop: [], metrics: [] });
    expect(result.review.cohorts.find((c) => c.group === 'Java引流6群' && c.cohort === '第11期')?.metricsCohort).toBe('2026-11');
    expect(ctx.workbook.activeTabName()).toBe(result.tab);
    expect(markerKeyOf(reviewTab(ctx)[0].marker, 'review')).toEqual({ template: 'big-class-28d' });
    expect(ctx.ui.messages.map((m) => m.message)).toContain(result.message);
    expect(result.message).toContain('8 个群 · 期次，8 个有转化数据');
  });

  test('the tab’s live counts show what the use case computed, and follow a status set afterwards', () => {
    const ctx = workbook();
    const result = generateReview(ctx, {});
    const grid = ctx.workbook.readTab(result.tab);
    const at = (i: number, key: (typeof COHORT_COLUMNS)[number]) => grid[REVIEW_FIRST_COHORT_ROW + i][COHORT_COLUMNS.indexOf(key)];
    result.review.cohorts.forEach((cohort, i) => {
      expect([at(i, 'group'), at(i, 'cohort'), at(i, 'planned'), at(i, 'done'), at(i, 'onTime'), at(i, 'overdue')]).toEqual([
        cohort.group,
        cohort.cohort,
        cohort.execution.planned,
        cohort.execution.done,
        cohort.execution.onTime,
        cohort.execution.overdue,
      ]);
    });
    const first = result.review.cohorts[0];
    const sop = ctx.workbook.readTab(first.tab);
    const status = sop[0].indexOf('状态');
    const open = sop.findIndex((row, r) => r > 0 && row[status] !== '已完成');
    ctx.workbook.setCell(first.tab, open, status, '已完成');
    expect(ctx.workbook.readTab(result.tab)[REVIEW_FIRST_COHORT_ROW][COHORT_COLUMNS.indexOf('done')]).toBe(first.execution.done + 1);
  });

  test('with eight cohorts, steps are compared with their n; regenerating rewrites the one review tab', () => {
    const ctx = workbook();
    const result = generateReview(ctx, {});
    expect(result.review.steps.length).toBeGreaterThan(10);
    const compared = result.review.steps.filter((step) => step.verdict === 'compare');
    expect(compared.length).toBeGreaterThan(0);
    for (const step of compared) expect(step.nBetter + step.nWorse).toBe(8);
    generateReview(ctx, {});
    expect(reviewTab(ctx)).toHaveLength(1);
  });

  test('chosen cohorts, spelt any way; a cohort without an SOP tab is refused by name', () => {
    const ctx = workbook();
    const data = computeReviewData(ctx, { cohorts: ['10期', '2026-11'] });
    expect(data.review.cohorts.map((c) => c.cohort)).toEqual(['第10期', '第11期', '第10期', '第11期']);
    expect(data.review.steps.every((step) => step.verdict === 'tooFewCohorts')).toBe(true);
    expect(problemsOf(() => generateReview(ctx, { cohorts: ['第20期'] }))).toEqual([{ code: 'review.error.unknownCohorts', params: { list: '第20期' } }]);
  });

  test('the state a sidebar starts from, and the API refusing a bad request', () => {
    const ctx = workbook();
    expect(getReviewState(ctx)).toMatchObject({ template: 'big-class-28d', cohorts: ['第9期', '第10期', '第11期', '第12期'], metricsTab: '各期转化' });
    const refused = callApi(ctx, 'generateReview', [{ cohorts: 12 }]);
    expect(refused.ok).toBe(false);
  });

  test('a workbook without SOP tabs says what to do', () => {
    const ctx = createDemoContext({ today: TODAY });
    expect(problemsOf(() => generateReview(ctx, {}))).toEqual([{ code: 'review.error.noSopTabs' }]);
  });
});
