/**
 * 复盘 on a small workbook — two groups × four cohorts of a three-step SOP, with a metrics paste that
 * names cohorts three ways — every expectation worked out by hand; then the rules in general.
 */
import fc from 'fast-check';
import { fromIso, type DaySerial } from '../../../src/core/dates';
import { parseMetricsGrid } from '../../../src/core/metrics/parse';
import { cohortKey } from '../../../src/core/review/cohort';
import { computeReview, executionOf, MIN_COHORTS, type ReviewSopTab } from '../../../src/core/review/compute';
import { buildReviewTab, COHORT_COLUMNS, REVIEW_FIRST_COHORT_ROW } from '../../../src/core/review/tab';
import { isFormulaCell, type CellValue, type TabSpec } from '../../../src/core/tab/spec';
import { spreadsheet } from '../../support/formulas';

const TODAY = fromIso('2026-12-10') as DaySerial;
const d = (iso: string): number => fromIso(iso) as number;
type Status = '已完成' | '未开始' | '取消';
const DONE: Status = '已完成';
const TODO: Status = '未开始';
const CANCEL: Status = '取消';

/** An SOP tab of three steps (T-A by 小王, T-B by 小李, T-C unowned) on the given days with the given statuses. */
function sopTab(group: string, cohort: string, days: [string, string, string], statuses: [Status, Status, Status]): ReviewSopTab {
  const grid: CellValue[][] = [
    ['ID', '日期', '事项', '执行人', '状态'],
    ['T-A', d(days[0]), '开营通知', '小王', statuses[0]],
    ['T-B', d(days[1]), '直播提醒', '小李', statuses[1]],
    ['T-C', d(days[2]), '催单私聊', '', statuses[2]],
  ];
  return { tab: `SOP·${group}·${cohort}`, group, cohort, grid };
}

const PAST = (month: string): [string, string, string] => [`2026-${month}-01`, `2026-${month}-02`, `2026-${month}-03`];
const SOP_TABS: ReviewSopTab[] = [
  sopTab('A群', '第9期', PAST('09'), [DONE, DONE, TODO]),
  sopTab('A群', '第10期', PAST('10'), [DONE, CANCEL, DONE]),
  sopTab('A群', '第11期', PAST('11'), [DONE, TODO, TODO]),
  // Ticked done before its day (12-11): not on time yet; T-C is not due.
  sopTab('A群', '第12期', ['2026-12-09', '2026-12-11', '2026-12-12'], [DONE, DONE, TODO]),
  sopTab('B群', '第9期', PAST('09'), [DONE, DONE, DONE]),
  sopTab('B群', '第10期', PAST('10'), [DONE, DONE, DONE]),
  sopTab('B群', '第11期', PAST('11'), [DONE, DONE, TODO]),
  sopTab('B群', '第12期', PAST('12'), [DONE, TODO, TODO]),
];

const METRICS = parseMetricsGrid([
  ['群名称', '期次', '群人数', '成单人数'],
  ['A群', '第9期', 100, 5],
  ['A群', '10期', 100, 8],
  ['A群', '2026-11', 100, 2],
  ['A群', '第12期', 100, 6],
  ['B群', '第9期', 200, 2],
  ['B群', '第10期', 200, 20],
  ['B群', '11期', 200, 6],
  ['C群', '第9期', 50, 1],
]);

const ROLES = new Map([
  ['T-A', '运营'],
  ['T-B', '班主任'],
]);

/** The pairs of this workbook's differently written cohorts, as a person confirms them once. */
const CONFIRMED = [
  { sop: '第10期', metrics: '10期' },
  { sop: '第11期', metrics: '2026-11' },
  { sop: '第11期', metrics: '11期' },
];

const review = () => computeReview({ sopTabs: SOP_TABS, metrics: METRICS, today: TODAY, roles: ROLES, unassigned: '未分配', confirmedCohorts: CONFIRMED });

describe('cohort names', () => {
  test('第12期, 12期, 2026-12, full-width and spaced forms are one cohort; a name without a number is itself', () => {
    for (const name of ['第12期', '12期', '2026-12', '12', '第 12 期', '１２期', '第012期']) expect(cohortKey(name)).toBe('12');
    expect(cohortKey(' Spring Camp ')).toBe('springcamp');
  });

  test('any cohort number reads the same in each spelling', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (n) => {
        const key = cohortKey(`第${n}期`);
        return key === String(n) && cohortKey(`${n}期`) === key && cohortKey(`2026-${n}`) === key;
      }),
    );
  });
});

describe('the review of two groups × four cohorts', () => {
  test('execution per cohort, counted by hand', () => {
    const rows = review().cohorts.map((c) => [
      c.group,
      c.cohort,
      c.execution.planned,
      c.execution.done,
      c.execution.onTime,
      c.execution.due,
      c.execution.overdue,
      c.execution.skipped,
    ]);
    expect(rows).toEqual([
      ['A群', '第9期', 3, 2, 2, 3, 1, 0],
      ['A群', '第10期', 2, 2, 2, 2, 0, 1],
      ['A群', '第11期', 3, 1, 1, 3, 2, 0],
      ['A群', '第12期', 3, 2, 1, 1, 0, 0],
      ['B群', '第9期', 3, 3, 3, 3, 0, 0],
      ['B群', '第10期', 3, 3, 3, 3, 0, 0],
      ['B群', '第11期', 3, 2, 2, 3, 1, 0],
      ['B群', '第12期', 3, 1, 1, 3, 2, 0],
    ]);
    const a9 = review().cohorts[0].execution;
    expect(a9.onTimeRate).toBeCloseTo(2 / 3);
    expect(a9.byOwner).toEqual({ 小王: { planned: 1, done: 1 }, 小李: { planned: 1, done: 1 }, 未分配: { planned: 1, done: 0 } });
    expect(a9.byRole).toEqual({ 运营: { planned: 1, done: 1 }, 班主任: { planned: 1, done: 1 } });
  });

  test('results are matched by group and confirmed cohort labels; the unmatched are listed on both sides', () => {
    const result = review();
    const a11 = result.cohorts[2];
    expect(a11.results).toMatchObject({ members: 100, conversionRate: 0.02 });
    expect(a11.metricsCohort).toBe('2026-11');
    expect(result.unmatched).toEqual({ sop: ['B群 · 第12期'], metrics: ['C群 · 第9期'] });
    expect(result.cohorts[7].results).toBeNull();
  });

  test('Δ against the same group’s previous cohort and against the pooled average', () => {
    const result = review();
    expect(result.average.conversionRate).toBeCloseTo(49 / 1000);
    expect(result.average.onTimeRate).toBeCloseTo(15 / 21);
    expect(result.cohorts[0].vsPrevious.conversionRate).toBeNull();
    expect(result.cohorts[1].vsPrevious.conversionRate).toBeCloseTo(0.03);
    expect(result.cohorts[2].vsPrevious.conversionRate).toBeCloseTo(-0.06);
    // B群 第9期 does not compare with A群 第12期.
    expect(result.cohorts[4].vsPrevious.conversionRate).toBeNull();
    expect(result.cohorts[5].vsAverage.conversionRate).toBeCloseTo(0.1 - 0.049);
    expect(result.cohorts[1].vsPrevious.onTimeRate).toBeCloseTo(1 - 2 / 3);
  });

  test('steps: better half (B10, A10, A12) against worse half (B11, A11, B9), sorted by the difference, with n', () => {
    const result = review();
    expect(result.ranked).toBe(7);
    expect(result.steps.map((s) => [s.key, s.onTimeBetter, s.nBetter, s.onTimeWorse, s.nWorse, s.verdict])).toEqual([
      ['T-C', 1, 2, 1 / 3, 3, 'compare'],
      ['T-B', 1, 1, 2 / 3, 3, 'compare'],
      // Done on time in every cohort where it was due: it separates nothing.
      ['T-A', 1, 3, 1, 3, 'almostAlways'],
    ]);
    expect(result.steps[0].difference).toBeCloseTo(2 / 3);
    expect(result.steps[0].item).toBe('催单私聊');
  });

  test('with fewer than six cohorts with results, no step is ranked', () => {
    const result = computeReview({ sopTabs: SOP_TABS.slice(0, 4), metrics: METRICS, today: TODAY, unassigned: '未分配', confirmedCohorts: CONFIRMED });
    expect(result.ranked).toBeLessThan(MIN_COHORTS);
    expect(result.steps.every((s) => s.verdict === 'tooFewCohorts' && s.difference === null)).toBe(true);
  });

  test('a step almost never done on time cannot tell either', () => {
    const never = SOP_TABS.map((tab) => ({ ...tab, grid: tab.grid.map((row, r) => (r === 3 ? [...row.slice(0, 4), TODO] : row)) }));
    const result = computeReview({ sopTabs: never, metrics: METRICS, today: TODAY, unassigned: '未分配', confirmedCohorts: CONFIRMED });
    expect(result.steps.find((s) => s.key === 'T-C')?.verdict).toBe('almostNever');
  });

  test('without metrics data: execution only, and a warning', () => {
    const result = computeReview({ sopTabs: SOP_TABS, metrics: null, today: TODAY, unassigned: '未分配' });
    expect(result.warnings).toEqual([{ code: 'review.warning.noMetrics' }]);
    expect(result.cohorts.every((c) => c.results === null)).toBe(true);
    expect(result.steps.every((s) => s.verdict === 'tooFewCohorts')).toBe(true);
  });
});

describe('the review tab', () => {
  const tab = (lang: 'zh-CN' | 'en' = 'zh-CN'): TabSpec =>
    buildReviewTab({ review: review(), sopTabs: SOP_TABS, template: { id: 'big-class-28d', name: '28天大课' }, source: '转化数据', today: TODAY, lang });
  const sopSpecs = (): TabSpec[] =>
    SOP_TABS.map((sop) => ({ name: sop.tab, marker: { kind: 'plain', key: {} }, columns: [], rows: sop.grid.map((row) => [...row]), headerRows: 1 }));

  test('the execution counts are COUNTIFS over the SOP tabs that compute the core’s counts', () => {
    const spec = tab();
    const sheet = spreadsheet([spec, ...sopSpecs()], TODAY);
    let formulas = 0;
    spec.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!isFormulaCell(cell)) return;
        formulas++;
        const shown = sheet.value(r, c);
        if (typeof cell.value === 'number') expect(shown).toBeCloseTo(cell.value);
        else expect(shown).toEqual(cell.value);
      }),
    );
    expect(formulas).toBeGreaterThan(8 * 7);
    const planned = spec.rows[REVIEW_FIRST_COHORT_ROW][COHORT_COLUMNS.indexOf('planned')];
    expect(isFormulaCell(planned) && planned.formula).toContain("COUNTIFS('SOP·A群·第9期'!$B$2:$B$");
  });

  test('a status set later changes the counts: the same formulas over an edited SOP tab', () => {
    const spec = tab();
    const edited = sopSpecs();
    edited[0].rows[3][4] = '已完成';
    const sheet = spreadsheet([spec, ...edited], TODAY);
    expect(sheet.value(REVIEW_FIRST_COHORT_ROW, COHORT_COLUMNS.indexOf('done'))).toBe(3);
    expect(sheet.value(REVIEW_FIRST_COHORT_ROW, COHORT_COLUMNS.indexOf('overdue'))).toBe(0);
    expect(sheet.value(REVIEW_FIRST_COHORT_ROW, COHORT_COLUMNS.indexOf('onTimeRate'))).toBe(1);
  });

  test('the steps table names n and the verdict; a chart plots on-time against conversion; both languages', () => {
    const spec = tab();
    const text = JSON.stringify(spec.rows);
    expect(text).toContain('较好的一半多做了 66.7 个百分点');
    expect(text).toContain('看不出：几乎每期都按时做了');
    expect(spec.marker).toMatchObject({ kind: 'review', key: { template: 'big-class-28d' } });
    expect(spec.charts).toHaveLength(1);
    expect(spec.charts![0].ranges.map((r) => r.col)).toEqual([0, COHORT_COLUMNS.indexOf('onTimeRate'), COHORT_COLUMNS.indexOf('conversionRate')]);
    const en = JSON.stringify(tab('en').rows);
    expect(en).toContain('the better half did it 66.7 points more often');
    expect(en).toContain('SOP tabs without metrics: B群 · 第12期');
  });
});

describe('execution in general', () => {
  const statuses = ['已完成', '未开始', '取消', '已移除', '进行中', 'Done', ''];
  test('onTime ≤ done ≤ planned, onTime + overdue ≤ due ≤ planned, and planned + skipped = the rows that are work', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ offset: fc.integer({ min: -30, max: 30 }), status: fc.constantFrom(...statuses), item: fc.constantFrom('', '事项') }), {
          maxLength: 30,
        }),
        (rows) => {
          const grid: CellValue[][] = [
            ['ID', '日期', '事项', '执行人', '状态'],
            ...rows.map((row, i) => [`X-${i}`, TODAY + row.offset, row.item, '', row.status]),
          ];
          const tab: ReviewSopTab = { tab: 'T', group: 'g', cohort: '1', grid };
          const [cohort] = computeReview({ sopTabs: [tab], metrics: null, today: TODAY, unassigned: '-' }).cohorts;
          const e = cohort.execution;
          const work = rows.filter((row) => row.item !== '').length;
          return e.onTime <= e.done && e.done <= e.planned && e.onTime + e.overdue <= e.due && e.due <= e.planned && e.planned + e.skipped === work;
        },
      ),
    );
    expect(executionOf([], TODAY, undefined, '-').onTimeRate).toBeNull();
  });
});
