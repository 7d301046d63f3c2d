import { renderChartSvg, renderChartsHtml } from '../../src/local/chart-preview';
import type { ChartSpec } from '../../src/core/tab/spec';

const values = [
  ['群名称', '活动参与率', '完课率'],
  ['Java引流1群', 0.2346, 0.656],
  ['<b>2群</b>', 0.2245, null],
];
const chart: ChartSpec = {
  type: 'column',
  title: '各群转化率',
  ranges: [
    { row: 0, col: 0, rows: 3, cols: 1 },
    { row: 0, col: 1, rows: 3, cols: 1 },
    { row: 0, col: 2, rows: 3, cols: 1 },
  ],
  anchor: { row: 0, col: 5 },
};

test('a column chart draws one bar per known value, with escaped labels and percent axes', () => {
  const svg = renderChartSvg(chart, values);
  expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(3); // the blank 完课率 is no bar
  expect(svg).toContain('各群转化率');
  expect(svg).toContain('&lt;b&gt;2群&lt;/b&gt;');
  expect(svg).not.toContain('<b>');
  expect(svg).toContain('23.5%');
});

test('no charts, no markup; a line chart draws polylines', () => {
  expect(renderChartsHtml(undefined, values)).toBe('');
  expect(renderChartSvg({ ...chart, type: 'line' }, values)).toContain('<polyline');
});
