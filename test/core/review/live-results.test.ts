/**
 * The review tab's results live over the metrics tab: each matched cohort's inputs are taken with SUMIFS
 * on its group and cohort text (wildcards escaped), the rates, revenue and ROI are formulas over them, and
 * a changed number in the metrics tab changes them as the core would compute it. Where a formula could not
 * give the core's value (a cleaned number, a key two rows share, a cohort a spreadsheet reads as a date),
 * the row keeps values.
 */
import { fromIso, type DaySerial } from '../../../src/core/dates';
import { parseMetricsGrid } from '../../../src/core/metrics/parse';
import { computeReview, type CohortPair, type Review, type ReviewSopTab } from '../../../src/core/review/compute';
import { buildReviewTab, COHORT_COLUMNS, INPUT_COLUMNS, REVIEW_FIRST_COHORT_ROW } from '../../../src/core/review/tab';
import { isFormulaCell, type Cell, type CellValue, type TabSpec } from '../../../src/core/tab/spec';
import { spreadsheet } from '../../support/formulas';

const TODAY = fromIso('2026-12-10') as DaySerial;
const SOURCE = '转化数据';
const RESULTS = ['members', 'participationRate', 'completionRate', 'conversionRate', 'revenue', 'roi'] as const;
const col = (key: (typeof COHORT_COLUMNS)[number]): number => COHORT_COLUMNS.indexOf(key);

function sopTab(group: string, cohort: string): ReviewSopTab {
  const grid: CellValue[][] = [
    ['ID', '日期', '事项', '执行人', '状态'],
    ['T-A', fromIso('2026-11-01') as number, '开营通知', '小王', '已完成'],
    ['T-B', fromIso('2026-11-02') as number, '直播提醒', '小李', '未开始'],
  ];
  return { tab: `SOP ${group.replace(/[*?~]/g, '')} ${cohort}`, group, cohort, grid };
}

const HEADER: CellValue[] = ['群名称', '期次', '群人数', '到课人数', '完课人数', '成单人数', '客单价', '收入', '投放成本'];
/** "A*群" would match "AB群" as a pattern, and "A?群" would too: the criteria must escape them. */
const GRID: CellValue[][] = [
  ['各期转化（手填）'],
  HEADER,
  ['A*群', '第1期', 100, 40, 20, 5, null, 5800, 1000],
  ['AB群', '第1期', 200, 80, 30, 8, 600, null, 2000],
  ['A*群', '第2期', 150, 60, 25, 9, null, null, null],
  ['A?群', '第1期', 120, 0, null, 3, null, 3600, 0],
  ['C群', '第1期', '1,200', 100, 50, 30, null, 10000, 3000],
  ['合计', '', 1770, 280, 125, 55, null, 19400, 6000],
];
const SOPS = [sopTab('A*群', '第1期'), sopTab('A*群', '第2期'), sopTab('AB群', '第1期'), sopTab('A?群', '第1期'), sopTab('C群', '第1期')];

const metricsSpec = (grid: CellValue[][]): TabSpec => ({
  name: SOURCE,
  marker: { kind: 'plain', key: {} },
  columns: [],
  rows: grid.map((row) => [...row]),
  headerRows: 2,
});
const sopSpecs = (sops: ReviewSopTab[]): TabSpec[] =>
  sops.map((sop) => ({ name: sop.tab, marker: { kind: 'plain', key: {} }, columns: [], rows: sop.grid.map((row) => [...row]), headerRows: 1 }));

function reviewOf(grid: CellValue[][], sops = SOPS, confirmedCohorts?: CohortPair[]): Review {
  return computeReview({ sopTabs: sops, metrics: parseMetricsGrid(grid, { tab: SOURCE }), today: TODAY, unassigned: '未分配', confirmedCohorts });
}

function tabOf(grid: CellValue[][], sops = SOPS, confirmedCohorts?: CohortPair[], live = true): { review: Review; spec: TabSpec } {
  const review = reviewOf(grid, sops, confirmedCohorts);
  const spec = buildReviewTab({
    review,
    sopTabs: sops,
    template: { id: 't', name: 'T' },
    source: SOURCE,
    today: TODAY,
    lang: 'zh-CN',
    ...(live ? { metrics: parseMetricsGrid(grid, { tab: SOURCE }), metricsGrid: grid } : {}),
  });
  return { review, spec };
}

const rowOf = (review: Review, group: string, cohort: string): number =>
  REVIEW_FIRST_COHORT_ROW + review.cohorts.findIndex((c) => c.group === group && c.cohort === cohort);
const at = (spec: TabSpec, row: number, c: number): Cell | undefined => spec.rows[row]?.[c];

/** Every formula of the tab, computed over the given metrics grid, shows the value it declares. */
function expectDeclaredValues(spec: TabSpec, grid: CellValue[][], sops = SOPS): number {
  const sheet = spreadsheet([spec, metricsSpec(grid), ...sopSpecs(sops)], TODAY);
  const wrong: string[] = [];
  let formulas = 0;
  spec.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!isFormulaCell(cell)) return;
      formulas++;
      const shown = sheet.value(r, c);
      const same = typeof cell.value === 'number' && typeof shown === 'number' ? Math.abs(shown - cell.value) < 1e-12 : shown === cell.value;
      if (!same) wrong.push(`${r},${c} ${cell.formula}: ${JSON.stringify(shown)} ≠ ${JSON.stringify(cell.value)}`);
    }),
  );
  expect(wrong).toEqual([]);
  return formulas;
}

describe('live results over the metrics tab', () => {
  test('results and inputs are formulas over the metrics tab, computing the core’s values', () => {
    const { review, spec } = tabOf(GRID);
    const a1 = rowOf(review, 'A*群', '第1期');
    const members = at(spec, a1, col('members'));
    expect(isFormulaCell(members) && members.formula).toContain(`SUMIFS('${SOURCE}'!$C$3:$C$`);
    expect(isFormulaCell(members) && members.formula).toContain('"=A~*群"');
    for (const key of RESULTS) expect(isFormulaCell(at(spec, a1, col(key)))).toBe(true);
    const q = rowOf(review, 'A?群', '第1期');
    const attendees = at(spec, q, COHORT_COLUMNS.length + INPUT_COLUMNS.indexOf('attendees'));
    expect(isFormulaCell(attendees) && attendees.formula).toContain('"=A~?群"');
    expect(spec.columns.slice(COHORT_COLUMNS.length).every((column) => column.hidden)).toBe(true);
    expect(expectDeclaredValues(spec, GRID)).toBeGreaterThan(4 * RESULTS.length);
  });

  test('blank inputs stay blank: revenue from buyers × price, no ROI without a cost, no rate over 0', () => {
    const { review, spec } = tabOf(GRID);
    const sheet = spreadsheet([spec, metricsSpec(GRID), ...sopSpecs(SOPS)], TODAY);
    const shown = (group: string, cohort: string, key: (typeof RESULTS)[number]) => sheet.value(rowOf(review, group, cohort), col(key));
    expect(shown('AB群', '第1期', 'revenue')).toBe(4800);
    expect(shown('A*群', '第2期', 'revenue')).toBe('');
    expect(shown('A*群', '第2期', 'roi')).toBe('');
    expect(shown('A?群', '第1期', 'completionRate')).toBe('');
    expect(shown('A?群', '第1期', 'roi')).toBe('');
  });

  test('a number changed in the metrics tab changes the results, the average and the Δ, as the core computes them', () => {
    const { spec } = tabOf(GRID);
    const edited = GRID.map((row) => [...row]);
    edited[3][5] = 20; // AB群 第1期: 8 → 20 buyers
    edited[2][7] = null; // A*群 第1期: revenue removed, no price: no revenue, no ROI
    expectDeclaredValues(tabOf(edited).spec, edited);
    const fresh = reviewOf(edited);
    const sheet = spreadsheet([spec, metricsSpec(edited), ...sopSpecs(SOPS)], TODAY);
    fresh.cohorts.forEach((cohort, i) => {
      const row = REVIEW_FIRST_COHORT_ROW + i;
      for (const key of RESULTS) expect([cohort.cohort, key, sheet.value(row, col(key))]).toEqual([cohort.cohort, key, cohort.results?.[key] ?? '']);
      const delta = cohort.vsAverage.conversionRate;
      if (delta === null) expect(sheet.value(row, col('conversionVsAverage'))).toBe('');
      else expect(sheet.value(row, col('conversionVsAverage'))).toBeCloseTo(delta);
    });
    const average = REVIEW_FIRST_COHORT_ROW + fresh.cohorts.length;
    for (const key of ['participationRate', 'completionRate', 'conversionRate', 'revenue', 'roi'] as const)
      expect(sheet.value(average, col(key))).toBeCloseTo(fresh.average[key] as number);
  });

  test('a cleaned number ("1,200") keeps its row as values; the average still pools it', () => {
    const { review, spec } = tabOf(GRID);
    const c = rowOf(review, 'C群', '第1期');
    expect(at(spec, c, col('members'))).toBe(1200);
    expect(at(spec, c, col('conversionRate'))).toBe(30 / 1200);
    expect(at(spec, c, COHORT_COLUMNS.length + INPUT_COLUMNS.indexOf('buyers'))).toBe(30);
    const average = at(spec, REVIEW_FIRST_COHORT_ROW + review.cohorts.length, col('conversionRate'));
    expect(isFormulaCell(average) && average.value).toBeCloseTo(review.average.conversionRate as number);
  });

  test('a key two rows share (in any case) keeps values: SUMIFS would add both', () => {
    const grid = [...GRID.slice(0, 4), ['ab群', '第1期', 999, 1, 1, 1, null, 1, 1], ...GRID.slice(4)];
    const { review, spec } = tabOf(grid);
    const ab = rowOf(review, 'AB群', '第1期');
    expect(review.warnings).toContainEqual({ code: 'review.warning.ambiguousCohort', params: { group: 'ab群', cohort: '第1期', other: '第1期' } });
    for (const key of RESULTS) expect(isFormulaCell(at(spec, ab, col(key)))).toBe(false);
    expect(at(spec, ab, col('members'))).toBe(200);
    expect(isFormulaCell(at(spec, rowOf(review, 'A*群', '第1期'), col('members')))).toBe(true);
    expectDeclaredValues(spec, grid);
  });

  test('a cohort a spreadsheet reads as a date, or a group starting with an operator, keeps values', () => {
    const grid = [HEADER, ['A群', '2026-11', 100, 40, 20, 5, null, 5800, 1000], ['<VIP>群', '第1期', 100, 40, 20, 5, null, 5800, 1000]];
    const sops = [sopTab('A群', '第11期'), sopTab('<VIP>群', '第1期')];
    const { review, spec } = tabOf(grid, sops, [{ sop: '第11期', metrics: '2026-11' }]);
    expect(review.cohorts.every((cohort) => cohort.results !== null)).toBe(true);
    for (let i = 0; i < 2; i++) for (const key of RESULTS) expect(isFormulaCell(at(spec, REVIEW_FIRST_COHORT_ROW + i, col(key)))).toBe(false);
    expectDeclaredValues(spec, grid, sops);
  });

  test('without the metrics grid (or a table not read from a tab) the results are values, as before', () => {
    const { review, spec } = tabOf(GRID, SOPS, undefined, false);
    const untabbed = buildReviewTab({
      review,
      sopTabs: SOPS,
      template: { id: 't', name: 'T' },
      source: '',
      today: TODAY,
      lang: 'en',
      metrics: parseMetricsGrid(GRID),
      metricsGrid: GRID,
    });
    for (const tab of [spec, untabbed])
      for (let r = REVIEW_FIRST_COHORT_ROW; r <= REVIEW_FIRST_COHORT_ROW + review.cohorts.length; r++)
        for (const key of RESULTS) expect(isFormulaCell(at(tab, r, col(key)))).toBe(false);
    expect(at(spec, rowOf(review, 'AB群', '第1期'), col('conversionRate'))).toBe(0.04);
  });
});
