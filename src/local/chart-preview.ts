/**
 * The playground's picture of a tab's charts (Sheets draws real charts from the same ChartSpec; the
 * .xlsx cannot carry them). Column/bar charts as inline SVG, one group of bars per category; line
 * charts as polylines. Text is escaped; only numbers reach coordinates.
 */
import type { ChartSpec } from '../core/tab/spec';
import { escapeHtml } from './html-preview';
import type { Scalar } from '../core/formula/values';

const PALETTE = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6', '#7e57c2', '#ec407a'];

function column(values: ReadonlyArray<ReadonlyArray<Scalar>>, r: ChartSpec['ranges'][number]): Scalar[] {
  const out: Scalar[] = [];
  for (let row = r.row; row < r.row + r.rows; row++) out.push(values[row]?.[r.col] ?? null);
  return out;
}

const number = (v: Scalar): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** One chart as an SVG figure. */
export function renderChartSvg(chart: ChartSpec, values: ReadonlyArray<ReadonlyArray<Scalar>>): string {
  const [categoryRange, ...seriesRanges] = chart.ranges;
  if (!categoryRange || seriesRanges.length === 0) return '';
  const categories = column(values, categoryRange)
    .slice(1)
    .map((v) => (v === null ? '' : String(v)));
  const series = seriesRanges.map((r) => {
    const cells = column(values, r);
    return { name: cells[0] === null ? '' : String(cells[0]), points: cells.slice(1).map(number) };
  });
  const width = chart.width ?? 560;
  const legendPerRow = Math.max(1, Math.floor((width - 56) / 120));
  const legendRows = Math.ceil(series.length / legendPerRow);
  const height = (chart.height ?? 300) + (legendRows - 1) * 16;
  const pad = { left: 56, right: 12, top: 34, bottom: 42 + legendRows * 16 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const all = series.flatMap((s) => s.points).filter((v): v is number => v !== null);
  const max = Math.max(0, ...all);
  const min = Math.min(0, ...all);
  const span = max - min || 1;
  const y = (v: number): number => pad.top + plotH - ((v - min) / span) * plotH;
  const percent = all.length > 0 && all.every((v) => v >= 0 && v <= 1);
  const label = (v: number): string => (percent ? `${Math.round(v * 1000) / 10}%` : String(Math.round(v * 100) / 100));
  let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(chart.title)}">`;
  svg += `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeHtml(chart.title)}</text>`;
  for (let i = 0; i <= 4; i++) {
    const v = min + (span * i) / 4;
    svg += `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e0e0e0"/>`;
    svg += `<text x="${pad.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#5f6368">${escapeHtml(label(v))}</text>`;
  }
  const groupW = categories.length ? plotW / categories.length : plotW;
  const barW = Math.max(2, (groupW * 0.8) / series.length);
  categories.forEach((name, c) => {
    const x0 = pad.left + c * groupW;
    svg += `<text x="${x0 + groupW / 2}" y="${height - pad.bottom + 16}" text-anchor="middle" font-size="11">${escapeHtml(name)}</text>`;
    if (chart.type === 'line') return;
    series.forEach((s, k) => {
      const v = s.points[c];
      if (v === null || v === undefined) return;
      const top = Math.min(y(v), y(0));
      svg += `<rect x="${x0 + groupW * 0.1 + k * barW}" y="${top}" width="${barW - 1}" height="${Math.abs(y(v) - y(0))}" fill="${PALETTE[k % PALETTE.length]}"><title>${escapeHtml(`${s.name} · ${name}: ${label(v)}`)}</title></rect>`;
    });
  });
  if (chart.type === 'line') {
    series.forEach((s, k) => {
      const points = s.points.map((v, c) => (v === null ? null : `${pad.left + (c + 0.5) * groupW},${y(v)}`)).filter(Boolean);
      svg += `<polyline fill="none" stroke="${PALETTE[k % PALETTE.length]}" stroke-width="2" points="${points.join(' ')}"/>`;
    });
  }
  series.forEach((s, k) => {
    const x = pad.left + (k % legendPerRow) * 120;
    const top = height - legendRows * 16 - 6 + Math.floor(k / legendPerRow) * 16;
    svg += `<rect x="${x}" y="${top}" width="10" height="10" fill="${PALETTE[k % PALETTE.length]}"/><text x="${x + 14}" y="${top + 9}" font-size="11">${escapeHtml(s.name)}</text>`;
  });
  return `<figure class="sp-chart">${svg}</figure>`;
}

export function renderChartsHtml(charts: ReadonlyArray<ChartSpec> | undefined, values: ReadonlyArray<ReadonlyArray<Scalar>>): string {
  if (!charts || charts.length === 0) return '';
  return `<div class="sp-charts">${charts.map((chart) => renderChartSvg(chart, values)).join('')}</div>`;
}
