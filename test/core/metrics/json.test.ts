import { computeMetrics, INPUT_KEYS, METRIC_KEYS, metricsToJson, parseMetricsGrid } from '../../../src/core/metrics';
import { fixture } from './grid';

describe('the CLI JSON', () => {
  test('has rows, total, mapping, skipped and warnings, every key of the design, null for a blank', () => {
    const json = metricsToJson(computeMetrics(parseMetricsGrid(fixture('hybris-qq.tsv'), { tab: 'hybris-qq.tsv' })));
    expect(Object.keys(json)).toEqual(['rows', 'total', 'mapping', 'skipped', 'warnings']);
    expect(Object.keys(json.rows[0])).toEqual(['name', 'inputs', 'metrics']);
    expect(Object.keys(json.rows[0].inputs)).toEqual([...INPUT_KEYS]);
    expect(Object.keys(json.rows[0].metrics)).toEqual([...METRIC_KEYS]);
    expect(json.rows[0].name).toBe('hybris技术交流QQ群');
    expect(json.rows[0].inputs.cost).toBeNull();
    expect(json.rows[0].metrics.revenue).toBe(63800);
    expect(json.total.metrics.conversionRate).toBeCloseTo(0.0275, 12);
    expect(json.mapping).toEqual({ name: '社群', members: '群人数', attendees: '公开课到课', buyers: '成单人数', price: '客单价' });
    expect(json.skipped).toEqual([]);
    expect(json.warnings).toEqual([{ code: 'metrics.warning.extraColumn', params: { column: 'F', header: '周期(天)' } }]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  test('skipped rows and the period are carried', () => {
    const json = metricsToJson(
      computeMetrics(
        parseMetricsGrid([['标题'], ['群名称', '月份', '群人数', '成单人数'], ['A', '2026-10', 100, 1], ['A', '2026-11', 100, 2], ['Total', null, 200, 3]]),
      ),
    );
    expect(json.rows.map((r) => [r.name, r.period])).toEqual([
      ['A', '2026-10'],
      ['A', '2026-11'],
    ]);
    expect(json.skipped).toEqual([
      { row: 1, reason: 'title', text: '标题' },
      { row: 5, reason: 'total', text: 'Total 200 3' },
    ]);
  });
});
