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

/**
 * Gridlines on round numbers, as Sheets draws them: a step of 1, 2, 2.5 or 5 × 10ⁿ giving at most
 * `lines` intervals, and the axis widened to whole steps around the data (0 always on it).
 */
export function niceAxis(min: number, max: number, lines = 5): { min: number; max: number; step: number } {
  const low = Math.min(0, min);
  const high = Math.max(0, max);
  const span = high - low;
  if (!(span > 0)) return { min: 0, max: 1, step: 0.25 };
  const rough = span / lines;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough * (1 - 1e-9)) as number;
  // Rounded to the step's own precision, so 0.1 + 0.2 never shows as 0.30000000000000004.
  const round = (v: number): number => Number(v.toPrecision(12));
  return { min: round(Math.floor(low / step + 1e-9) * step), max: round(Math.ceil(high / step - 1e-9) * step), step };
}

/** A number as an axis or bar label: percentages for rates, thousands separated otherwise. */
function valueLabel(v: number, percent: boolean): string {
  if (percent) return `${Number((v * 100).toFixed(1))}%`;
  return Number(v.toPrecision(12)).toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** At most this many bars carry their value on top (more would overlap). */
const MAX_VALUE_LABELS = 24;

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
  const axis = niceAxis(Math.min(0, ...all), Math.max(0, ...all));
  const { min } = axis;
  const span = axis.max - axis.min;
  const y = (v: number): number => pad.top + plotH - ((v - min) / span) * plotH;
  const percent = all.length > 0 && all.every((v) => v >= 0 && v <= 1);
  const label = (v: number): string => valueLabel(v, percent);
  // A bar far shorter than the tallest (a funnel's 45 next to its 12,618) still says its value.
  const valueLabels = chart.type !== 'line' && (chart.valueLabels === true || categories.length * series.length <= MAX_VALUE_LABELS);
  let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(chart.title)}">`;
  svg += `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeHtml(chart.title)}</text>`;
  const ticks = Math.round(span / axis.step);
  for (let i = 0; i <= ticks; i++) {
    const v = min + axis.step * i;
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
      const x = x0 + groupW * 0.1 + k * barW;
      svg += `<rect x="${x}" y="${top}" width="${barW - 1}" height="${Math.abs(y(v) - y(0))}" fill="${PALETTE[k % PALETTE.length]}"><title>${escapeHtml(`${s.name} · ${name}: ${label(v)}`)}</title></rect>`;
      if (valueLabels)
        svg += `<text class="sp-value" x="${x + (barW - 1) / 2}" y="${top - 3}" text-anchor="middle" font-size="10" fill="#3c4043">${escapeHtml(label(v))}</text>`;
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
