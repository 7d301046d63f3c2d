/** 复盘 through its use cases on the demo workbook: past cohorts' SOP tabs, a metrics paste with 期次, one menu action. */
import { callApi } from '../../src/app/api';
import { computeReviewData, generateReview, getReviewState } from '../../src/app/review';
import { generateSopTabs, saveSopTemplate } from '../../src/app/sop';
import { reviewWorkbook as workbook, REVIEW_TODAY as TODAY } from '../support/review-workbook';
import { COHORT_COLUMNS, REVIEW_FIRST_COHORT_ROW } from '../../src/core/review/tab';
import { markerKeyOf } from '../../src/core/tab/marker';
import type { LocalContext } from '../../src/local/context';
import { createDemoContext } from '../../src/local/demo';
import { problemsOf } from '../support/problems';

/** The support workbook's metrics paste writes two cohorts differently: 10期 (第10期) and 2026-11 (第11期). */
const CONFIRMED = [
  { sop: '第10期', metrics: '10期' },
  { sop: '第11期', metrics: '2026-11' },
];

const reviewTab = (ctx: LocalContext) => ctx.workbook.markedTabs((marker) => marker.kind === 'review');

describe('generating the review', () => {
  test('without a request: the most used template’s cohorts; the spellings confirmed once match every metrics row', () => {
    const ctx = workbook();
    generateSopTabs(ctx, { template: 'live-class', anchor: '2026-12-04', groups: 'Python引流1群', cohort: '第3期' });
    const unconfirmed = computeReviewData(ctx, {});
    expect(unconfirmed.review.proposed).toEqual([
      { sop: '第10期', metrics: '10期', confirmed: false },
      { sop: '第11期', metrics: '2026-11', confirmed: false },
    ]);
    expect(unconfirmed.review.unmatched).toEqual({
      sop: ['Java引流5群 · 第10期', 'Java引流6群 · 第11期'],
      metrics: ['Java引流5群 · 10期', 'Java引流6群 · 2026-11'],
    });
    expect(unconfirmed.warnings).toHaveLength(2);

    generateReview(ctx, { confirmedCohorts: CONFIRMED });
    // The confirmation is kept with the review tab: the next review without a request uses it.
    expect(getReviewState(ctx).confirmedCohorts).toEqual(CONFIRMED);
    const result = generateReview(ctx, {});
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
    const result = generateReview(ctx, { confirmedCohorts: CONFIRMED });
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
    const result = generateReview(ctx, { confirmedCohorts: CONFIRMED });
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

  test('SOP tabs from a template tab are reviewed under its name, with done by role from the tab’s roles', () => {
    const ctx = createDemoContext({ today: TODAY, history: false });
    const saved = saveSopTemplate(ctx, { template: 'big-class-28d' });
    // The team's own template: a new id, and one step moved to the 课程顾问.
    ctx.workbook.setCell(saved.tab, 0, 1, 'java-camp');
    const grid = ctx.workbook.readTab(saved.tab);
    const roleCol = grid[1].indexOf('角色');
    const moved = grid.findIndex((row, r) => r > 1 && row[roleCol] === '班主任');
    ctx.workbook.setCell(saved.tab, moved, roleCol, '课程顾问');
    for (const [cohort, anchor] of [
      ['第1期', '2026-10-05'],
      ['第2期', '2026-11-02'],
    ])
      generateSopTabs(ctx, { template: saved.ref, anchor, groups: 'Java引流5群', cohort });
    const state = getReviewState(ctx);
    expect(state.templates.find((t) => t.id === 'java-camp')).toMatchObject({ name: '28天大课', tabs: 2, cohorts: ['第1期', '第2期'] });
    const data = computeReviewData(ctx, { template: 'java-camp' });
    const byRole = data.review.cohorts[0].execution.byRole;
    expect(Object.keys(byRole)).toEqual(expect.arrayContaining(['班主任', '课程顾问']));
    const planned = Object.values(byRole).reduce((sum, count) => sum + count.planned, 0);
    expect(planned).toBe(data.review.cohorts[0].execution.planned);
  });

  test('generating again keeps what a manager added to the review tab in place, and says so', () => {
    const ctx = workbook();
    const first = generateReview(ctx, { confirmedCohorts: CONFIRMED });
    const grid = ctx.workbook.readTab(first.tab);
    // Right of the table, its hidden inputs and the chart (about seven columns wide).
    const own = Math.max(...grid.map((row) => row.length)) + 12;
    const below = grid.length + 2;
    ctx.workbook.setCell(first.tab, REVIEW_FIRST_COHORT_ROW - 1, own, '我的结论列');
    ctx.workbook.setCell(first.tab, REVIEW_FIRST_COHORT_ROW, own, '催到课做得好');
    ctx.workbook.setCell(first.tab, below, 0, '下期重点：1V1 跟进提前到第2天');
    ctx.workbook.setNote(first.tab, REVIEW_FIRST_COHORT_ROW, 0, '这期换了班主任');
    // A status set in an SOP tab, then the review again (the confirmations remembered).
    const sopTab = first.review.cohorts[0].tab;
    const sop = ctx.workbook.readTab(sopTab);
    const status = sop[0].indexOf('状态');
    ctx.workbook.setCell(
      sopTab,
      sop.findIndex((row, r) => r > 0 && row[status] !== '已完成'),
      status,
      '已完成',
    );
    const again = generateReview(ctx, {});

    expect(again.tab).toBe(first.tab);
    const { values, notes } = ctx.workbook.readTabContent(again.tab);
    expect([values[REVIEW_FIRST_COHORT_ROW - 1][own], values[REVIEW_FIRST_COHORT_ROW][own], values[below][0]]).toEqual([
      '我的结论列',
      '催到课做得好',
      '下期重点：1V1 跟进提前到第2天',
    ]);
    expect(notes[REVIEW_FIRST_COHORT_ROW][0]).toContain('这期换了班主任');
    // The add-on's counts moved on with the status; nothing went to an old version, and the toast counts what stayed.
    expect(values[REVIEW_FIRST_COHORT_ROW][COHORT_COLUMNS.indexOf('done')]).toBe(first.review.cohorts[0].execution.done + 1);
    expect(ctx.workbook.listTabs().filter((tab) => tab.hidden)).toEqual([]);
    expect(again.message).toContain('你加的 4 处内容随行保留');
  });

  test('the cells under the chart and beside the table stay the user’s; a cell typed at the chart’s anchor cannot stay: it goes to a dated old version, which the toast names', () => {
    const ctx = workbook();
    const first = generateReview(ctx, { confirmedCohorts: CONFIRMED });
    const chart = ctx.workbook.tab(first.tab).spec.charts![0].anchor;
    ctx.workbook.setCell(first.tab, chart.row + 4, chart.col, '图表下面的备注');
    ctx.workbook.setCell(first.tab, REVIEW_FIRST_COHORT_ROW, chart.col - 1, '表格和图表之间');
    const kept = generateReview(ctx, {});
    expect(ctx.workbook.listTabs().filter((tab) => tab.hidden)).toEqual([]);
    const { values } = ctx.workbook.readTabContent(kept.tab);
    expect([values[chart.row + 4][chart.col], values[REVIEW_FIRST_COHORT_ROW][chart.col - 1]]).toEqual(['图表下面的备注', '表格和图表之间']);
    expect(kept.message).toContain('你加的 2 处内容随行保留');
    // The anchor cell is how the add-on tells its chart from a person's: it is the add-on's.
    ctx.workbook.setCell(first.tab, chart.row, chart.col, '锚点上的字');
    const again = generateReview(ctx, {});
    const [old] = ctx.workbook.listTabs().filter((tab) => tab.hidden);
    expect(old.name).toMatch(/^复盘 · 旧版 /);
    expect(ctx.workbook.readTab(old.name)[chart.row][chart.col]).toBe('锚点上的字');
    expect(again.message).toContain(`1 处放不下的内容在隐藏的旧版「${old.name}」里`);
    expect(ctx.workbook.tab(again.tab).spec.charts).toHaveLength(1);
  });

  test('a workbook without SOP tabs says what to do', () => {
    const ctx = createDemoContext({ today: TODAY, history: false });
    expect(problemsOf(() => generateReview(ctx, {}))).toEqual([{ code: 'review.error.noSopTabs' }]);
  });
});
