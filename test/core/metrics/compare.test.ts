import { compareRows, computeMetrics, emptyMetrics, parseMetricsGrid, periodSortKey } from '../../../src/core/metrics';

const row = (name: string, period: string | null, conversionRate: number | null) => ({
  name,
  period,
  metrics: { ...emptyMetrics(), conversionRate },
});

describe('comparing with the previous period', () => {
  test("each row is compared with the same group's previous period, ordered by the numbers in the period", () => {
    const rows = [row('A群', '第12期', 0.03), row('B群', '第12期', 0.01), row('A群', '第10期', 0.02), row('A群', '第11期', 0.025)];
    const comparisons = compareRows(rows);
    expect(comparisons.map((c) => [c.row, c.previous])).toEqual([
      [0, 3], // 第12期 after 第11期
      [3, 2], // 第11期 after 第10期
    ]);
    const change = comparisons[0].changes.conversionRate;
    expect(change.delta).toBeCloseTo(0.005, 12);
    expect(change.deltaPercent).toBeCloseTo(0.005 / 0.025, 12);
  });

  test('months and dates sort by their numbers; periods without numbers keep the order they were pasted in', () => {
    expect(periodSortKey('2026年11月')).toEqual([2026, 11]);
    expect(periodSortKey('２０２６-０９')).toEqual([2026, 9]);
    expect(compareRows([row('A', '2026-11', 1), row('A', '2026-9', 2)]).map((c) => [c.row, c.previous])).toEqual([[0, 1]]);
    expect(compareRows([row('A', '春季', 1), row('A', '秋季', 2)]).map((c) => [c.row, c.previous])).toEqual([[1, 0]]);
  });

  test('a blank on either side, or a zero previous value, gives a blank change', () => {
    const [first] = compareRows([row('A', '1', null), row('A', '2', 0.1)]);
    expect(first.changes.conversionRate).toEqual({ delta: null, deltaPercent: null });
    const [second] = compareRows([row('A', '1', 0), row('A', '2', 0.1)]);
    expect(second.changes.conversionRate).toEqual({ delta: 0.1, deltaPercent: null });
  });

  test('a pasted table with a 期次 column carries its comparisons', () => {
    const result = computeMetrics(
      parseMetricsGrid([
        ['群名称', '期次', '群人数', '成单人数'],
        ['Java群', '第1期', 400, 8],
        ['Java群', '第2期', 500, 15],
        ['Python群', '第1期', 300, 3],
      ]),
    );
    expect(result.comparisons).toHaveLength(1);
    expect(result.comparisons[0].changes.conversionRate.delta).toBeCloseTo(15 / 500 - 8 / 400, 12);
    expect(result.comparisons[0].changes.conversionRate.deltaPercent).toBeCloseTo((15 / 500 - 8 / 400) / (8 / 400), 12);
  });
});
