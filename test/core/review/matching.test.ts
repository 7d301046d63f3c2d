/**
 * Which metrics row a cohort's SOP tab is compared with: the same label matches by itself; a label that
 * only shares the cohort's number (第12期 and 12期, or 2026-12) is proposed, and compared once the user
 * has confirmed the pair.
 */
import { fromIso, type DaySerial } from '../../../src/core/dates';
import { parseMetricsGrid } from '../../../src/core/metrics/parse';
import { computeReview, reviewToJson, type CohortPair, type ReviewSopTab } from '../../../src/core/review/compute';
import type { CellValue } from '../../../src/core/tab/spec';

const TODAY = fromIso('2026-12-10') as DaySerial;

function sopTab(group: string, cohort: string): ReviewSopTab {
  const grid: CellValue[][] = [
    ['ID', '日期', '事项', '执行人', '状态'],
    ['T-A', fromIso('2026-11-01') as number, '开营通知', '小王', '已完成'],
  ];
  return { tab: `SOP·${group}·${cohort}`, group, cohort, grid };
}

function review(sops: Array<[string, string]>, metrics: Array<[string, string, number, number]>, confirmedCohorts?: CohortPair[]) {
  const table = parseMetricsGrid([['群名称', '期次', '群人数', '成单人数'], ...metrics], { tab: '转化' });
  return computeReview({
    sopTabs: sops.map(([group, cohort]) => sopTab(group, cohort)),
    metrics: table,
    today: TODAY,
    unassigned: '未分配',
    confirmedCohorts,
  });
}

describe('matching cohorts', () => {
  test('labels equal but for width, case and spaces match by themselves, nothing to confirm', () => {
    const result = review(
      [
        ['A群', '第12期'],
        ['A群', 'Spring Camp'],
      ],
      [
        ['ａ群', '第 12 期', 100, 5],
        ['A群', 'spring　camp', 50, 1],
      ],
    );
    expect(result.cohorts.map((c) => [c.cohort, c.results?.conversionRate, c.metricsCohort, c.metricsRow])).toEqual([
      ['第12期', 0.05, '第 12 期', 2],
      ['Spring Camp', 0.02, 'spring　camp', 3],
    ]);
    expect(result.proposed).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.unmatched).toEqual({ sop: [], metrics: [] });
  });

  test.each([['12期'], ['2026-12']])('第12期 against %s is proposed, and left unmatched until confirmed', (written) => {
    const result = review([['A群', '第12期']], [['A群', written, 100, 5]]);
    expect(result.cohorts[0].results).toBeNull();
    expect(result.cohorts[0].metricsRow).toBeNull();
    expect(result.proposed).toEqual([{ sop: '第12期', metrics: written, confirmed: false }]);
    expect(result.unmatched).toEqual({ sop: ['A群 · 第12期'], metrics: [`A群 · ${written}`] });
    expect(result.warnings).toEqual([{ code: 'review.warning.unconfirmedCohort', params: { sop: '第12期', metrics: written } }]);
    expect(result.average.conversionRate).toBeNull();
  });

  test.each([['12期'], ['2026-12']])('once 第12期 = %s is confirmed, its results are compared', (written) => {
    // A confirmation is compared as a label is: spaces and full-width digits do not matter.
    const result = review([['A群', '第12期']], [['A群', written, 100, 5]], [{ sop: '第 12 期', metrics: written.replace('12', '１２') }]);
    expect(result.cohorts[0]).toMatchObject({ results: { members: 100, conversionRate: 0.05 }, metricsCohort: written, metricsRow: 2 });
    expect(result.proposed).toEqual([{ sop: '第12期', metrics: written, confirmed: true }]);
    expect(result.unmatched).toEqual({ sop: [], metrics: [] });
    expect(result.warnings).toEqual([]);
    expect(result.average.conversionRate).toBe(0.05);
  });

  test('a confirmation is per label pair, for every group; one warning per pair; proposals in cohort order', () => {
    const sops: Array<[string, string]> = [
      ['A群', '第12期'],
      ['B群', '第9期'],
      ['B群', '第12期'],
    ];
    const metrics: Array<[string, string, number, number]> = [
      ['A群', '12期', 100, 5],
      ['B群', '9期', 200, 4],
      ['B群', '12期', 200, 6],
    ];
    const unconfirmed = review(sops, metrics);
    expect(unconfirmed.proposed).toEqual([
      { sop: '第9期', metrics: '9期', confirmed: false },
      { sop: '第12期', metrics: '12期', confirmed: false },
    ]);
    expect(unconfirmed.warnings).toEqual([
      { code: 'review.warning.unconfirmedCohort', params: { sop: '第9期', metrics: '9期' } },
      { code: 'review.warning.unconfirmedCohort', params: { sop: '第12期', metrics: '12期' } },
    ]);
    const confirmed = review(sops, metrics, [{ sop: '第12期', metrics: '12期' }]);
    expect(confirmed.cohorts.map((c) => [c.group, c.cohort, c.results?.members ?? null])).toEqual([
      ['A群', '第12期', 100],
      ['B群', '第9期', null],
      ['B群', '第12期', 200],
    ]);
    expect(confirmed.warnings).toEqual([{ code: 'review.warning.unconfirmedCohort', params: { sop: '第9期', metrics: '9期' } }]);
    expect(confirmed.proposed.map((p) => p.confirmed)).toEqual([false, true]);
  });

  test('a row that matches by its label is not proposed for another SOP tab', () => {
    const result = review(
      [
        ['A群', '第12期'],
        ['A群', '2026-12'],
      ],
      [['A群', '第12期', 100, 5]],
    );
    expect(result.cohorts.map((c) => c.results?.members ?? null)).toEqual([100, null]);
    expect(result.proposed).toEqual([]);
    expect(result.unmatched.sop).toEqual(['A群 · 2026-12']);
  });

  test('two rows of one label: the first is used, a warning says so', () => {
    const result = review(
      [['A群', '第12期']],
      [
        ['A群', '第12期', 100, 5],
        ['A群', '第 12 期', 300, 9],
      ],
    );
    expect(result.cohorts[0].results?.members).toBe(100);
    expect(result.warnings).toEqual([{ code: 'review.warning.ambiguousCohort', params: { group: 'A群', cohort: '第 12 期', other: '第12期' } }]);
  });

  test('a cohort that could be two rows: both proposed; the confirmed one is used; both confirmed, the first, warned', () => {
    const sops: Array<[string, string]> = [['A群', '第12期']];
    const metrics: Array<[string, string, number, number]> = [
      ['A群', '2025-12', 100, 5],
      ['A群', '2026-12', 300, 9],
    ];
    const none = review(sops, metrics);
    expect(none.proposed).toEqual([
      { sop: '第12期', metrics: '2025-12', confirmed: false },
      { sop: '第12期', metrics: '2026-12', confirmed: false },
    ]);
    expect(none.warnings).toHaveLength(2);

    const one = review(sops, metrics, [{ sop: '第12期', metrics: '2026-12' }]);
    expect(one.cohorts[0]).toMatchObject({ results: { members: 300 }, metricsCohort: '2026-12', metricsRow: 3 });
    expect(one.warnings).toEqual([]);
    expect(one.unmatched.metrics).toEqual(['A群 · 2025-12']);

    const both = review(sops, metrics, [
      { sop: '第12期', metrics: '2025-12' },
      { sop: '第12期', metrics: '2026-12' },
    ]);
    expect(both.cohorts[0].results?.members).toBe(100);
    expect(both.warnings).toEqual([{ code: 'review.warning.ambiguousCohort', params: { group: 'A群', cohort: '2026-12', other: '2025-12' } }]);
  });

  test('two SOP cohorts confirmed onto one row: the first takes it, the second is warned and unmatched', () => {
    const result = review(
      [
        ['A群', '第12期'],
        ['A群', '2026-12'],
      ],
      [['A群', '12期', 100, 5]],
      [
        { sop: '第12期', metrics: '12期' },
        { sop: '2026-12', metrics: '12期' },
      ],
    );
    expect(result.cohorts.map((c) => [c.cohort, c.results?.members ?? null])).toEqual([
      ['第12期', 100],
      ['2026-12', null],
    ]);
    expect(result.warnings).toEqual([{ code: 'review.warning.ambiguousCohort', params: { group: 'A群', cohort: '2026-12', other: '第12期' } }]);
    expect(result.unmatched.sop).toEqual(['A群 · 2026-12']);
  });

  test('the JSON lists the proposed pairs and leaves the metrics row out', () => {
    const json = reviewToJson(review([['A群', '第12期']], [['A群', '12期', 100, 5]]));
    expect(Object.keys(json)).toEqual(['cohorts', 'steps', 'ranked', 'average', 'unmatched', 'proposed', 'warnings']);
    expect(json.proposed).toEqual([{ sop: '第12期', metrics: '12期', confirmed: false }]);
    expect(json.cohorts[0]).not.toHaveProperty('metricsRow');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
