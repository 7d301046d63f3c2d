/**
 * The 转化指标 / Metrics tab: one row per group with its inputs as numbers and every metric those
 * inputs allow as a live formula (the core's value cached), a total row, benchmark colours, a chart
 * of the rates, the funnel of the total, the comparison with previous periods and the parse report.
 */
import { translator, type Lang, type MessageKey, type Translate } from '../i18n';
import {
  a1,
  a1Range,
  columnLetter,
  range,
  type Cell,
  type CellFormat,
  type ChartSpec,
  type ConditionalFormatSpec,
  type FormatRun,
  type NoteSpec,
  type RangeRef,
  type StyleRun,
  type TabSpec,
} from '../tab/spec';
import { markerOf } from '../tab/marker';
import { printSetupFor } from '../tab/print';
import { METRICS, metricAvailable, type MetricDefinition, type MetricKey, type MetricKind } from './definitions';
import { copyFormula, deltaFormula, deltaPercentFormula, pooledFormula, rowFormula, shareFormula, sumFormula, type FormulaRefs } from './formulas';
import type { Warning } from './report';
import type { MetricsResult } from './result';
import { MONEY_INPUTS, type InputKey } from './synonyms';

/** A benchmark band: below `redBelow` is red, from `greenFrom` up is green (fractions for rates). */
export interface BenchmarkBand {
  metric: MetricKey;
  redBelow?: number;
  greenFrom?: number;
}

/** Defaults from practice: 参与率 < 10% weak, ≥ 20% good; high-ticket 付费转化率 < 1% / ≥ 3%; 完课率 < 30% / ≥ 60%. */
export const DEFAULT_BENCHMARK_BANDS: readonly BenchmarkBand[] = [
  { metric: 'participationRate', redBelow: 0.1, greenFrom: 0.2 },
  { metric: 'conversionRate', redBelow: 0.01, greenFrom: 0.03 },
  { metric: 'completionRate', redBelow: 0.3, greenFrom: 0.6 },
];

export interface MetricsTabOptions {
  bands?: readonly BenchmarkBand[];
  /** "YYYY-MM-DD HH:MM" from the Clock port, for the note saying how the tab was made. */
  generatedAt?: string;
}

const FUNNEL_STAGES: readonly InputKey[] = ['members', 'attendees', 'completed', 'leads', 'buyers'];
const RED = { background: '#f4c7c3', fontColor: '#a50e0e' };
const GREEN = { background: '#b7e1cd', fontColor: '#0d652d' };
const HEADER_STYLE = { bold: true, background: '#f1f3f4', wrap: true, vAlign: 'middle' as const };
const TOTAL_STYLE = { bold: true, background: '#fef7e0' };
const TITLE_STYLE = { bold: true, fontSize: 12 };
const NAME_WIDTH = 160;
const VALUE_WIDTH = 100;

const KIND_FORMAT: Record<MetricKind, CellFormat> = { rate: 'percent', currency: 'currency', ratio: 'decimal' };

function inputFormat(key: InputKey): CellFormat {
  return MONEY_INPUTS.includes(key) ? 'currency' : 'integer';
}

function inputLabel(key: InputKey | 'name' | 'period'): MessageKey {
  return `metrics.input.${key}` as MessageKey;
}

/** The label of a mapped field: an input, name/period, or a raw-list field. */
function fieldLabel(tr: Translate, field: string, raw: boolean): string {
  return tr((raw ? `metrics.raw.field.${field}` : `metrics.input.${field}`) as MessageKey);
}

/** A note of the parse report in the user's language (a field key named in it becomes its label). */
export function warningText(tr: Translate, warning: Warning): string {
  const params = { ...warning.params };
  if (typeof params.field === 'string') params.field = fieldLabel(tr, params.field, false);
  return tr(warning.code, params);
}

/** Keeps the rows of the grid being built and the runs that decorate them. */
class Sheet {
  readonly rows: Cell[][] = [];
  readonly formats: FormatRun[] = [];
  readonly styles: StyleRun[] = [];
  readonly charts: ChartSpec[] = [];
  readonly conditionalFormats: ConditionalFormatSpec[] = [];
  readonly notes: NoteSpec[] = [];

  add(cells: Cell[]): number {
    this.rows.push(cells);
    return this.rows.length - 1;
  }
  format(r: RangeRef, format: CellFormat): void {
    if (r.rows > 0 && r.cols > 0) this.formats.push({ range: r, format });
  }
  style(r: RangeRef, style: StyleRun['style']): void {
    if (r.rows > 0 && r.cols > 0) this.styles.push({ range: r, style });
  }
  title(text: string): void {
    this.style(range(this.add([text]), 0), TITLE_STYLE);
  }
  header(cells: Cell[]): void {
    this.style(range(this.add(cells), 0, 1, cells.length), HEADER_STYLE);
  }
  blank(): void {
    this.add([]);
  }
}

function share(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  const value = part / whole;
  return Number.isFinite(value) ? value : null;
}

export function buildMetricsTab(result: MetricsResult, lang: Lang, options: MetricsTabOptions = {}): TabSpec {
  const tr = translator(lang);
  const sheet = new Sheet();
  const raw = result.mode === 'raw';
  const present = new Set(result.inputKeys);
  const metrics = METRICS.filter((def) => metricAvailable(def, present));

  // Column layout: name, period, inputs, metrics, extra columns.
  let next = 0;
  const nameCol = next++;
  const periodCol = result.hasPeriod ? next++ : -1;
  const inputCol = new Map<InputKey, number>();
  for (const key of result.inputKeys) inputCol.set(key, next++);
  const metricCol = new Map<MetricKey, number>();
  for (const def of metrics) metricCol.set(def.key, next++);
  const extraStart = next;
  const width = extraStart + result.extraHeaders.length;

  const headerCells: Cell[] = [tr(inputLabel('name'))];
  if (periodCol >= 0) headerCells.push(tr(inputLabel('period')));
  for (const key of result.inputKeys) headerCells.push(tr(inputLabel(key)));
  for (const def of metrics) headerCells.push(tr(def.label));
  headerCells.push(...result.extraHeaders);
  sheet.header(headerCells);

  const refsAt = (row: number): FormulaRefs => {
    const inputs: FormulaRefs['inputs'] = {};
    for (const [key, col] of inputCol) inputs[key] = a1(row, col);
    const revenueCol = metricCol.get('revenue');
    return { inputs, revenue: revenueCol === undefined ? undefined : a1(row, revenueCol) };
  };

  const firstData = 1;
  for (const row of result.rows) {
    const r = sheet.rows.length;
    const cells: Cell[] = new Array(width).fill(null);
    cells[nameCol] = row.name;
    if (periodCol >= 0) cells[periodCol] = row.period;
    for (const [key, col] of inputCol) cells[col] = row.inputs[key];
    const refs = refsAt(r);
    for (const def of metrics) cells[metricCol.get(def.key) as number] = { formula: rowFormula(def.key, refs) as string, value: row.metrics[def.key] };
    row.extras.forEach((value, i) => (cells[extraStart + i] = value));
    sheet.add(cells);
  }
  const lastData = sheet.rows.length - 1;
  const dataRows = lastData - firstData + 1;

  // Total row: pooled formulas over the rows, or (raw mode) the distinct counts with row formulas.
  const totalRow = sheet.rows.length;
  const totalCells: Cell[] = new Array(width).fill(null);
  totalCells[nameCol] = tr(result.totalMethod === 'deduplicated' ? 'metrics.totalDeduplicated' : 'metrics.total');
  if (result.totalMethod === 'deduplicated') {
    for (const [key, col] of inputCol) totalCells[col] = result.total.inputs[key];
    const refs = refsAt(totalRow);
    for (const def of metrics) {
      totalCells[metricCol.get(def.key) as number] = { formula: rowFormula(def.key, refs) as string, value: result.total.metrics[def.key] };
    }
  } else {
    const columnRange = (col: number): string => a1Range(range(firstData, col, dataRows, 1));
    const ranges: FormulaRefs = { inputs: {} };
    for (const [key, col] of inputCol) {
      ranges.inputs[key] = columnRange(col);
      if (key !== 'price') totalCells[col] = { formula: sumFormula(columnRange(col)), value: result.total.inputs[key] };
    }
    const revenueCol = metricCol.get('revenue');
    if (revenueCol !== undefined) ranges.revenue = columnRange(revenueCol);
    for (const def of metrics) {
      totalCells[metricCol.get(def.key) as number] = { formula: pooledFormula(def.key, ranges) as string, value: result.total.metrics[def.key] };
    }
  }
  sheet.add(totalCells);
  sheet.style(range(totalRow, 0, 1, width), TOTAL_STYLE);

  // Formats and benchmark colours over the data and total rows.
  const bodyRows = dataRows + 1;
  for (const [key, col] of inputCol) sheet.format(range(firstData, col, bodyRows, 1), inputFormat(key));
  for (const def of metrics) sheet.format(range(firstData, metricCol.get(def.key) as number, bodyRows, 1), KIND_FORMAT[def.kind]);
  for (const band of options.bands ?? DEFAULT_BENCHMARK_BANDS) {
    const col = metricCol.get(band.metric);
    if (col === undefined) continue;
    const cell = a1(firstData, col);
    const ranges = [range(firstData, col, bodyRows, 1)];
    if (band.redBelow !== undefined) sheet.conditionalFormats.push({ ranges, formula: `=AND(ISNUMBER(${cell}),${cell}<${band.redBelow})`, style: RED });
    if (band.greenFrom !== undefined) sheet.conditionalFormats.push({ ranges, formula: `=AND(ISNUMBER(${cell}),${cell}>=${band.greenFrom})`, style: GREEN });
  }

  const rateCols = metrics.filter((def) => def.kind === 'rate').map((def) => metricCol.get(def.key) as number);
  if (rateCols.length > 0) {
    sheet.charts.push({
      type: 'column',
      title: tr('metrics.chart.rates'),
      ranges: [range(0, nameCol, dataRows + 1, 1), ...rateCols.map((col) => range(0, col, dataRows + 1, 1))],
      anchor: { row: 0, col: width + 1 },
    });
  }

  addFunnel(sheet, tr, result, inputCol, totalRow);
  addComparison(sheet, tr, result, metrics, metricCol, periodCol >= 0 ? periodCol : null);
  addReport(sheet, tr, result, raw);

  if (options.generatedAt !== undefined) {
    const what = tr(raw ? 'metrics.note.whatRaw' : 'metrics.note.what', { source: result.source });
    sheet.notes.push({ row: 0, col: 0, text: tr('tab.note.generated', { what, time: options.generatedAt }) });
  }

  const columns = Array.from({ length: width }, (_, col) => ({
    key: col === nameCol ? 'name' : col === periodCol ? 'period' : `c${col}`,
    width: col === nameCol ? NAME_WIDTH : VALUE_WIDTH,
  }));
  for (const [key, col] of inputCol) columns[col].key = key;
  for (const [key, col] of metricCol) columns[col].key = key;

  return {
    name: tr('metrics.tab.name'),
    marker: markerOf('metrics', { source: result.source }),
    columns,
    rows: sheet.rows,
    headerRows: 1,
    frozenRows: 1,
    frozenColumns: 1,
    formats: sheet.formats,
    styles: sheet.styles,
    conditionalFormats: sheet.conditionalFormats,
    notes: sheet.notes,
    charts: sheet.charts,
    // A row per group with its inputs and every metric beside them: wider than tall.
    print: printSetupFor('metrics', 1),
  };
}

/** 群人数 → 到课 → 完课 → 意向 → 成单 for the total row, each step as a share of the one before. */
function addFunnel(sheet: Sheet, tr: Translate, result: MetricsResult, inputCol: Map<InputKey, number>, totalRow: number): void {
  const stages = FUNNEL_STAGES.filter((key) => inputCol.has(key));
  if (stages.length < 2) return;
  sheet.blank();
  sheet.title(tr('metrics.funnel.title'));
  const withMembers = stages[0] === 'members';
  const headerRow = sheet.rows.length;
  const header: Cell[] = [tr('metrics.funnel.stage'), tr('metrics.funnel.count'), tr('metrics.funnel.ofPrevious')];
  if (withMembers) header.push(tr('metrics.funnel.ofMembers'));
  sheet.header(header);
  const first = sheet.rows.length;
  stages.forEach((key, i) => {
    const r = first + i;
    const count = a1(r, 1);
    const value = result.total.inputs[key];
    const cells: Cell[] = [tr(inputLabel(key)), { formula: copyFormula(a1(totalRow, inputCol.get(key) as number)), value }];
    cells.push(i === 0 ? null : { formula: shareFormula(count, a1(r - 1, 1)), value: share(value, result.total.inputs[stages[i - 1]]) });
    if (withMembers) cells.push(i === 0 ? null : { formula: shareFormula(count, a1(first, 1)), value: share(value, result.total.inputs.members) });
    sheet.add(cells);
  });
  sheet.format(range(first, 1, stages.length, 1), 'integer');
  sheet.format(range(first, 2, stages.length, withMembers ? 2 : 1), 'percent');
  sheet.charts.push({
    type: 'bar',
    title: tr('metrics.chart.funnel'),
    ranges: [range(headerRow, 0, stages.length + 1, 1), range(headerRow, 1, stages.length + 1, 1)],
    anchor: { row: headerRow - 1, col: 5 },
    valueLabels: true,
  });
}

/** Each row against the same group's previous period: Δ and Δ% of every metric shown, as formulas. */
function addComparison(
  sheet: Sheet,
  tr: Translate,
  result: MetricsResult,
  metrics: readonly MetricDefinition[],
  metricCol: Map<MetricKey, number>,
  periodCol: number | null,
): void {
  if (result.comparisons.length === 0 || periodCol === null) return;
  sheet.blank();
  sheet.title(tr('metrics.compare.title'));
  const header: Cell[] = [tr(inputLabel('name')), tr(inputLabel('period')), tr('metrics.compare.previous')];
  for (const def of metrics) {
    const metric = tr(def.label);
    header.push(tr('metrics.compare.delta', { metric }), tr('metrics.compare.deltaPercent', { metric }));
  }
  sheet.header(header);
  const first = sheet.rows.length;
  for (const comparison of result.comparisons) {
    const current = result.rows[comparison.row];
    const previous = result.rows[comparison.previous];
    const cells: Cell[] = [current.name, current.period, previous.period];
    for (const def of metrics) {
      const col = metricCol.get(def.key) as number;
      const currentCell = a1(1 + comparison.row, col);
      const previousCell = a1(1 + comparison.previous, col);
      const change = comparison.changes[def.key];
      cells.push({ formula: deltaFormula(currentCell, previousCell), value: change.delta });
      cells.push({ formula: deltaPercentFormula(currentCell, previousCell), value: change.deltaPercent });
    }
    sheet.add(cells);
  }
  metrics.forEach((def, i) => {
    sheet.format(range(first, 3 + 2 * i, result.comparisons.length, 1), KIND_FORMAT[def.kind]);
    sheet.format(range(first, 4 + 2 * i, result.comparisons.length, 1), 'percent');
  });
}

/** Which column became which input, the rows skipped, the columns kept unused, and the notes. */
function addReport(sheet: Sheet, tr: Translate, result: MetricsResult, raw: boolean): void {
  const { report } = result;
  const where = (list: string | undefined, column: number): string =>
    list ? `${tr(`metrics.raw.list.${list}` as MessageKey)} · ${columnLetter(column)}` : columnLetter(column);
  const none = (): void => void sheet.add([tr('metrics.report.none')]);

  sheet.blank();
  sheet.title(tr('metrics.report.title'));
  sheet.header([tr('metrics.report.mapping')]);
  sheet.header([tr('metrics.report.column'), tr('metrics.report.header'), tr('metrics.report.field')]);
  for (const entry of report.mapping) sheet.add([where(entry.list, entry.column), entry.header, fieldLabel(tr, entry.field, raw)]);

  sheet.header([tr('metrics.report.skipped')]);
  if (report.skipped.length === 0) none();
  else {
    sheet.header([tr('metrics.report.row'), tr('metrics.report.reason'), tr('metrics.report.text')]);
    for (const skipped of report.skipped) {
      const row = skipped.list ? `${tr(`metrics.raw.list.${skipped.list}` as MessageKey)} · ${skipped.row}` : skipped.row;
      sheet.add([row, tr(`metrics.skip.${skipped.reason}` as MessageKey), skipped.text]);
    }
  }

  sheet.header([tr('metrics.report.extraColumns')]);
  if (report.extraColumns.length === 0) none();
  else {
    sheet.header([tr('metrics.report.column'), tr('metrics.report.header')]);
    for (const extra of report.extraColumns) sheet.add([where(extra.list, extra.column), extra.header]);
  }

  sheet.header([tr('metrics.report.warnings')]);
  if (report.warnings.length === 0) none();
  for (const warning of report.warnings) sheet.add([warningText(tr, warning)]);
}
