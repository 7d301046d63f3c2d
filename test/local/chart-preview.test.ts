import { niceAxis, renderChartSvg, renderChartsHtml } from '../../src/local/chart-preview';
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

test('gridlines fall on round numbers, with 0 on the axis', () => {
  expect(niceAxis(0, 12_618)).toEqual({ min: 0, max: 15_000, step: 5_000 });
  expect(niceAxis(0, 0.656)).toEqual({ min: 0, max: 0.8, step: 0.2 });
  expect(niceAxis(-3, 7)).toEqual({ min: -4, max: 8, step: 2 });
  expect(niceAxis(0, 100)).toEqual({ min: 0, max: 100, step: 20 });
  expect(niceAxis(0, 0)).toEqual({ min: 0, max: 1, step: 0.25 });
  for (const max of [1, 3, 7.5, 45, 999, 12_618, 0.0734]) {
    const axis = niceAxis(0, max);
    expect(axis.max).toBeGreaterThanOrEqual(max);
    expect((axis.max - axis.min) / axis.step).toBeLessThanOrEqual(5 + 1e-9);
    expect(Number.isInteger(Math.round((axis.max / axis.step) * 1e6) / 1e6)).toBe(true);
  }
});

test('a funnel whose stages differ a hundredfold still says each value on its bar', () => {
  const funnel = [
    ['环节', '人数'],
    ['进群', 12_618],
    ['到课', 3_020],
    ['成单', 45],
  ];
  const svg = renderChartSvg(
    {
      type: 'column',
      title: '转化漏斗',
      ranges: [
        { row: 0, col: 0, rows: 4, cols: 1 },
        { row: 0, col: 1, rows: 4, cols: 1 },
      ],
      anchor: { row: 0, col: 3 },
    },
    funnel,
  );
  const labels = [...svg.matchAll(/<text class="sp-value"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  expect(labels).toEqual(['12,618', '3,020', '45']);
  const axis = [...svg.matchAll(/<text x="\d+" y="[\d.]+" text-anchor="end"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  expect(axis).toEqual(['0', '5,000', '10,000', '15,000']);
});
