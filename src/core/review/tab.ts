/**
 * The 复盘 tab: the cohort table (execution as live COUNTIFS over each SOP tab's date, item and status
 * columns; results as live formulas over the metrics tab's numbers, taken with SUMIFS into hidden input
 * columns; the core's values cached), the steps table, and a chart of conversion against on-time
 * execution. Formulas avoid arrays and FILTER so that LibreOffice, Excel and Sheets compute them alike.
 */
import { toHalfWidth, type DaySerial } from '../dates';
import { parseNumberText } from '../formula/values';
import { t, type Lang, type MessageKey } from '../i18n';
import type { MetricInputs } from '../metrics/definitions';
import { pooledFormula, rowFormula, type FormulaRefs } from '../metrics/formulas';
import type { ParsedTable } from '../metrics/parse';
import type { InputKey } from '../metrics/synonyms';
import { markerOf } from '../tab/marker';
import {
  a1,
  columnLetter,
  quoteTabName,
  range,
  type Cell,
  type CellValue,
  type ChartSpec,
  type FormatRun,
  type NoteSpec,
  type StyleRun,
  type TabSpec,
} from '../tab/spec';
import { FIRST_DUE_SERIAL, LAST_DUE_SERIAL, dueSourceLayout } from '../today/sources';
import { MIN_COHORTS, type CohortReview, type DoneCount, type Review, type ReviewSopTab, type StepReview } from './compute';

/** Rows below an SOP tab's last row its formulas follow too, so rows added by hand count. */
export const SPARE_SOP_ROWS = 50;

export const COHORT_COLUMNS = [
  'label',
  'group',
  'cohort',
  'planned',
  'done',
  'onTime',
  'due',
  'overdue',
  'skipped',
  'onTimeRate',
  'members',
  'participationRate',
  'completionRate',
  'conversionRate',
  'revenue',
  'roi',
  'conversionVsPrevious',
  'conversionVsAverage',
  'onTimeVsPrevious',
  'onTimeVsAverage',
  'byRole',
  'byOwner',
] as const;
export type CohortColumn = (typeof COHORT_COLUMNS)[number];

/**
 * Hidden columns after COHORT_COLUMNS: each matched cohort's inputs besides 群人数 (which has its own
 * column), read from the metrics tab; the result formulas of its row and the average row read them.
 */
export const INPUT_COLUMNS = ['attendees', 'completed', 'buyers', 'price', 'revenue', 'cost'] as const satisfies readonly InputKey[];
type HelperInput = (typeof INPUT_COLUMNS)[number];

/** Rows below the metrics table's last row its SUMIFS follow too. */
export const SPARE_METRICS_ROWS = 50;

export const STEP_COLUMNS = ['item', 'key', 'better', 'nBetter', 'worse', 'nWorse', 'difference', 'verdict'] as const;

/** 0-based rows of the fixed part. */
export const REVIEW_TODAY_ROW = 2;
export const REVIEW_HEADER_ROW = 4;
export const REVIEW_FIRST_COHORT_ROW = REVIEW_HEADER_ROW + 1;

const col = (key: CohortColumn): number => COHORT_COLUMNS.indexOf(key);
const inputCol = (key: HelperInput): number => COHORT_COLUMNS.length + INPUT_COLUMNS.indexOf(key);

const FORMATS: Partial<Record<CohortColumn, FormatRun['format']>> = {
  planned: 'integer',
  done: 'integer',
  onTime: 'integer',
  due: 'integer',
  overdue: 'integer',
  skipped: 'integer',
  onTimeRate: 'percentOneDecimal',
  members: 'integer',
  participationRate: 'percentOneDecimal',
  completionRate: 'percentOneDecimal',
  conversionRate: 'percentOneDecimal',
  revenue: 'currency',
  roi: 'decimal',
  conversionVsPrevious: 'percentOneDecimal',
  conversionVsAverage: 'percentOneDecimal',
  onTimeVsPrevious: 'percentOneDecimal',
  onTimeVsAverage: 'percentOneDecimal',
};

const WIDTHS: Partial<Record<CohortColumn, number>> = { label: 170, group: 120, byRole: 220, byOwner: 260 };

const HEADER_STYLE = { background: '#e8eaed', bold: true, wrap: true, vAlign: 'middle' } as const;

export interface ReviewTabInput {
  review: Review;
  sopTabs: readonly ReviewSopTab[];
  /** The template's id (the tab's identity) and name. */
  template: { id: string; name: string };
  /** Where the results come from (a tab name), for the hint. */
  source: string;
  /**
   * The metrics data computeReview read (its `metrics`), and the grid of its tab (ParsedTable.source):
   * with both, results are live formulas over that tab; without, values.
   */
  metrics?: ParsedTable | null;
  metricsGrid?: ReadonlyArray<ReadonlyArray<CellValue>> | null;
  today: DaySerial;
  lang: Lang;
  /** For the first-cell note; left out in tests. */
  generatedAt?: string;
}

const quoted = (text: string): string => `"${text.replace(/"/g, '""')}"`;
const doneText = (counts: Record<string, DoneCount>): string =>
  Object.entries(counts)
    .map(([name, count]) => `${name} ${count.done}/${count.planned}`)
    .join(' · ');

/** The execution cells of one cohort: COUNTIFS over its SOP tab, or plain values when its columns cannot be found. */
function executionCells(cohort: CohortReview, tab: ReviewSopTab | undefined, todayCell: string, sheetRow: number): Partial<Record<CohortColumn, Cell>> {
  const e = cohort.execution;
  const rate = e.onTimeRate ?? '';
  const onTimeRate = { formula: `=IF(${a1(sheetRow, col('due'))}>0,${a1(sheetRow, col('onTime'))}/${a1(sheetRow, col('due'))},"")`, value: rate };
  const layout = tab ? dueSourceLayout({ source: 'sop', tab: tab.tab, group: tab.group, cohort: tab.cohort }, tab.grid) : null;
  if (!tab || !layout) return { planned: e.planned, done: e.done, onTime: e.onTime, due: e.due, overdue: e.overdue, skipped: e.skipped, onTimeRate };
  const first = layout.firstRow + 1;
  const last = Math.max(first, tab.grid.length) + SPARE_SOP_ROWS;
  const ref = (c: number): string => {
    const letter = columnLetter(c);
    return `${quoteTabName(tab.tab)}!$${letter}$${first}:$${letter}$${last}`;
  };
  const date = ref(layout.columns.date);
  const base = `${date},">=${FIRST_DUE_SERIAL}",${date},"<${LAST_DUE_SERIAL + 1}",${ref(layout.columns.item)},"<>"`;
  const count = (extra: string): string => `COUNTIFS(${base}${extra})`;
  const status = layout.columns.status === null ? null : ref(layout.columns.status);
  const withStatus = (labels: readonly string[], extra: string): string =>
    status === null ? '0' : labels.map((label) => count(`,${status},${quoted(label)}${extra}`)).join('+');
  const done = (extra = ''): string => withStatus(layout.doneLabels, extra);
  const dropped = (extra = ''): string => withStatus(layout.droppedLabels, extra);
  const until = `,${date},"<="&${todayCell}`;
  const before = `,${date},"<"&${todayCell}`;
  return {
    planned: { formula: `=${count('')}-(${dropped()})`, value: e.planned },
    done: { formula: `=${done()}`, value: e.done },
    onTime: { formula: `=${done(until)}`, value: e.onTime },
    due: { formula: `=${count(until)}-(${dropped(until)})`, value: e.due },
    overdue: { formula: `=${count(before)}-(${done(before)})-(${dropped(before)})`, value: e.overdue },
    skipped: { formula: `=${dropped()}`, value: e.skipped },
    onTimeRate,
  };
}

/** Text the same after any normalising a spreadsheet's text comparison might do (case, width, spaces). */
const looseText = (text: string): string => toHalfWidth(text.normalize('NFKC')).toLowerCase().replace(/\s+/g, '');
/** Whole texts a spreadsheet may take for a date: 2026年12月, 12月5日, Dec 2026, 5 December. */
const DATE_LIKE = [/^[\d\s年月日号號]+$/, /^[\d\s.,/-]*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\d\s.,/-]*$/i];

/**
 * Whether a group or cohort cell's text can be a SUMIFS criterion "=text" that only that text meets, in
 * Sheets and LibreOffice alike: text that no spreadsheet reads as a number, date, time or boolean (the
 * criterion would then compare numbers), without surrounding spaces or control characters, and not
 * starting with an operator sign. Other cells keep their row's results as values.
 */
function criterionText(cell: CellValue | undefined): cell is string {
  if (typeof cell !== 'string' || cell === '' || cell !== cell.trim() || /^[=<>]/.test(cell) || /[\u0000-\u001f]/.test(cell)) return false;
  if (parseNumberText(cell) !== null || /^(true|false)$/i.test(cell)) return false;
  const text = toHalfWidth(cell);
  return /[^\d\s.,:;/\\\-+%$¥￥€£()]/.test(text) && !DATE_LIKE.some((pattern) => pattern.test(text));
}

/** "=text" with * ? ~ escaped: exactly this text (without case), never a pattern or a comparison. */
const criterion = (text: string): string => quoted(`=${text.replace(/[~*?]/g, '~$&')}`);

/** Where live results read the metrics tab: its key columns, each input's column, and the rows the SUMIFS cover. */
interface MetricsSource {
  table: ParsedTable;
  grid: ReadonlyArray<ReadonlyArray<CellValue>>;
  name: number;
  period: number;
  inputs: Partial<Record<InputKey, number>>;
  /** An A1 range of one column over the data rows (absolute, with the tab's name). */
  ref: (column: number) => string;
}

function metricsSource(input: ReviewTabInput): MetricsSource | null {
  const table = input.metrics;
  const grid = input.metricsGrid;
  if (!table || !grid || !table.source) return null;
  const columnOf = (field: string): number | undefined => table.mapping.find((entry) => entry.field === field)?.column;
  const name = columnOf('name');
  const period = columnOf('period');
  if (name === undefined || period === undefined) return null;
  const inputs: Partial<Record<InputKey, number>> = {};
  for (const key of ['members', ...INPUT_COLUMNS] as const) {
    const column = columnOf(key);
    if (column !== undefined) inputs[key] = column;
  }
  const first = table.headerRow + 1;
  const last = Math.max(first, grid.length) + SPARE_METRICS_ROWS;
  const ref = (column: number): string => {
    const letter = columnLetter(column);
    return `${quoteTabName(table.source)}!$${letter}$${first}:$${letter}$${last}`;
  };
  return { table, grid, name, period, inputs, ref };
}

/** The inputs of a cohort's metrics row (as parsed), and the formula that takes each one live — null when the row keeps values. */
interface CohortInputs {
  inputs: MetricInputs;
  live: Partial<Record<InputKey, string>> | null;
}

function cohortInputs(cohort: CohortReview, source: MetricsSource | null): CohortInputs | null {
  if (!source || cohort.metricsRow === null) return null;
  const parsed = source.table.rows.find((row) => row.row === cohort.metricsRow);
  if (!parsed) return null;
  const cells = source.grid[cohort.metricsRow - 1] ?? [];
  const group = cells[source.name];
  const period = cells[source.period];
  if (!criterionText(group) || !criterionText(period)) return { inputs: parsed.inputs, live: null };
  // SUMIFS adds every row the criteria meet: the key must name this row alone, 合计 and skipped rows included.
  let rows = 0;
  for (let r = source.table.headerRow; r < source.grid.length; r++) {
    const g = source.grid[r]?.[source.name];
    const p = source.grid[r]?.[source.period];
    if (typeof g === 'string' && typeof p === 'string' && looseText(g) === looseText(group) && looseText(p) === looseText(period)) rows++;
  }
  if (rows !== 1) return { inputs: parsed.inputs, live: null };
  // A cell the metrics parser cleaned ("1.2万", "1,234", "-") would not sum to what it read.
  for (const [key, column] of Object.entries(source.inputs) as Array<[InputKey, number]>) {
    const cell = cells[column] ?? null;
    const plain = typeof cell === 'number' ? cell === parsed.inputs[key] : (cell === null || cell === '') && parsed.inputs[key] === null;
    if (!plain) return { inputs: parsed.inputs, live: null };
  }
  const match = `${source.ref(source.name)},${criterion(group)},${source.ref(source.period)},${criterion(period)}`;
  const live: Partial<Record<InputKey, string>> = {};
  for (const [key, column] of Object.entries(source.inputs) as Array<[InputKey, number]>) {
    const values = source.ref(column);
    // Blank stays blank (a missing input is not 0), as the metrics core reads it.
    live[key] = `=IF(COUNTIFS(${match},${values},"<>")=0,"",SUMIFS(${values},${match}))`;
  }
  return { inputs: parsed.inputs, live };
}

const RESULT_KEYS = ['participationRate', 'completionRate', 'conversionRate', 'revenue', 'roi'] as const;

/**
 * A cohort's 群人数, results and hidden inputs: live formulas over the metrics tab when its row can be
 * read so, else the values (the inputs still written, so the average row can pool them).
 */
function resultCells(cohort: CohortReview, found: CohortInputs | null, row: number): Map<number, Cell> {
  const cells = new Map<number, Cell>();
  const results = cohort.results;
  if (!found) {
    cells.set(col('members'), results?.members ?? '');
    for (const key of RESULT_KEYS) cells.set(col(key), results?.[key] ?? '');
    return cells;
  }
  const { inputs, live } = found;
  const inputCell = (key: InputKey): Cell => {
    const value = inputs[key] ?? '';
    const formula = live?.[key];
    return formula ? { formula, value } : live ? '' : value;
  };
  cells.set(col('members'), inputCell('members'));
  for (const key of INPUT_COLUMNS) cells.set(inputCol(key), inputCell(key));
  if (!live) {
    for (const key of RESULT_KEYS) cells.set(col(key), results?.[key] ?? '');
    return cells;
  }
  const refs: FormulaRefs = { inputs: { members: a1(row, col('members')) }, revenue: a1(row, col('revenue')) };
  for (const key of INPUT_COLUMNS) refs.inputs[key] = a1(row, inputCol(key));
  for (const key of RESULT_KEYS) cells.set(col(key), { formula: rowFormula(key, refs) as string, value: results?.[key] ?? '' });
  return cells;
}

/** current − other, blank when either is not a number. */
function deltaFormula(current: string, other: string, value: number | null): Cell {
  return { formula: `=IF(AND(ISNUMBER(${current}),ISNUMBER(${other})),${current}-${other},"")`, value: value ?? '' };
}

export function verdictText(step: StepReview, ranked: number, lang: Lang): string {
  if (step.verdict === 'compare') {
    const points = Math.round(Math.abs(step.difference ?? 0) * 1000) / 10;
    if (points === 0) return t(lang, 'review.verdict.same');
    return t(lang, (step.difference ?? 0) > 0 ? 'review.verdict.compare' : 'review.verdict.compareLess', { points });
  }
  if (step.verdict === 'tooFewCohorts') return t(lang, 'review.verdict.tooFewCohorts', { count: ranked });
  return t(lang, `review.verdict.${step.verdict}` as MessageKey);
}

export function buildReviewTab(input: ReviewTabInput): TabSpec {
  const { review, lang } = input;
  const tr = (key: MessageKey, params?: Record<string, string | number>): string => t(lang, key, params);
  const rows: Cell[][] = [];
  const styles: StyleRun[] = [];
  const formats: FormatRun[] = [];
  const notes: NoteSpec[] = [];
  const width = COHORT_COLUMNS.length;
  const put = (row: number, c: number, cell: Cell): void => {
    while (rows.length <= row) rows.push([]);
    rows[row][c] = cell;
  };

  put(0, 0, tr('review.title', { template: input.template.name }));
  styles.push({ range: range(0, 0), style: { bold: true, fontSize: 14 } });
  put(1, 0, tr('review.hint', { source: input.source || '—' }));
  styles.push({ range: range(1, 0), style: { italic: true, fontColor: '#5f6368' } });
  put(REVIEW_TODAY_ROW, 0, tr('today.info.today'));
  put(REVIEW_TODAY_ROW, 1, { formula: '=TODAY()', value: input.today });
  formats.push({ range: range(REVIEW_TODAY_ROW, 1), format: 'date' });
  const todayCell = a1(REVIEW_TODAY_ROW, 1, true, true);

  COHORT_COLUMNS.forEach((key, c) => put(REVIEW_HEADER_ROW, c, tr(`review.header.${key}` as MessageKey)));
  INPUT_COLUMNS.forEach((key) => put(REVIEW_HEADER_ROW, inputCol(key), tr(`metrics.input.${key}`)));
  styles.push({ range: range(REVIEW_HEADER_ROW, 0, 1, width), style: HEADER_STYLE });

  const tabs = new Map(input.sopTabs.map((tab) => [tab.tab, tab]));
  const n = review.cohorts.length;
  const averageRow = REVIEW_FIRST_COHORT_ROW + n;
  const cell = (row: number, key: CohortColumn): string => a1(row, col(key));
  const averageCell = (key: CohortColumn): string => a1(averageRow, col(key), true, false);
  const source = metricsSource(input);
  const found = review.cohorts.map((cohort) => cohortInputs(cohort, source));
  review.cohorts.forEach((cohort, i) => {
    const row = REVIEW_FIRST_COHORT_ROW + i;
    const values: Partial<Record<CohortColumn, Cell>> = {
      label: cohort.cohort ? `${cohort.group} · ${cohort.cohort}` : cohort.group,
      group: cohort.group,
      cohort: cohort.cohort,
      ...executionCells(cohort, tabs.get(cohort.tab), todayCell, row),
      byRole: doneText(cohort.execution.byRole),
      byOwner: doneText(cohort.execution.byOwner),
    };
    const hasPrevious = i > 0 && review.cohorts[i - 1].group === cohort.group;
    values.conversionVsPrevious = hasPrevious
      ? deltaFormula(cell(row, 'conversionRate'), cell(row - 1, 'conversionRate'), cohort.vsPrevious.conversionRate)
      : '';
    values.onTimeVsPrevious = hasPrevious ? deltaFormula(cell(row, 'onTimeRate'), cell(row - 1, 'onTimeRate'), cohort.vsPrevious.onTimeRate) : '';
    values.conversionVsAverage = deltaFormula(cell(row, 'conversionRate'), averageCell('conversionRate'), cohort.vsAverage.conversionRate);
    values.onTimeVsAverage = deltaFormula(cell(row, 'onTimeRate'), averageCell('onTimeRate'), cohort.vsAverage.onTimeRate);
    for (const [key, value] of Object.entries(values)) put(row, col(key as CohortColumn), value as Cell);
    for (const [c, value] of resultCells(cohort, found[i], row)) put(row, c, value);
    if (cohort.metricsCohort) notes.push({ row, col: col('cohort'), text: `${tr('review.header.cohort')}: ${cohort.metricsCohort}` });
  });

  // The average row: the on-time rate pooled live over the rows above; the results pooled as the metrics core pools them.
  const firstSheet = REVIEW_FIRST_COHORT_ROW;
  const span = (c: number): string => `${a1(firstSheet, c)}:${a1(Math.max(firstSheet, averageRow - 1), c)}`;
  put(averageRow, col('label'), tr('review.average'));
  put(averageRow, col('onTimeRate'), {
    formula: n ? `=IF(SUM(${span(col('due'))})>0,SUM(${span(col('onTime'))})/SUM(${span(col('due'))}),"")` : '=""',
    value: review.average.onTimeRate ?? '',
  });
  // Pooled live over the rows above when every matched cohort's inputs are there (live or as values).
  const pooled = n > 0 && review.cohorts.every((cohort, i) => cohort.results === null || found[i] !== null);
  const ranges: FormulaRefs = { inputs: { members: span(col('members')) }, revenue: span(col('revenue')) };
  for (const key of INPUT_COLUMNS) ranges.inputs[key] = span(inputCol(key));
  for (const key of RESULT_KEYS) {
    const value = review.average[key] ?? '';
    // Revenue is the mean of the cohorts that have one; the rates and ROI pool Σ numerators ÷ Σ denominators.
    const formula = key === 'revenue' ? `=IF(COUNT(${ranges.revenue})=0,"",AVERAGE(${ranges.revenue}))` : pooledFormula(key, ranges);
    put(averageRow, col(key), pooled && formula ? { formula, value } : value);
  }
  styles.push({ range: range(averageRow, 0, 1, width), style: { bold: true, background: '#f1f3f4' } });
  for (const [key, format] of Object.entries(FORMATS)) formats.push({ range: range(REVIEW_FIRST_COHORT_ROW, col(key as CohortColumn), n + 1, 1), format });

  let row = averageRow + 2;
  if (review.unmatched.sop.length) put(row++, 0, tr('review.unmatched.sop', { list: review.unmatched.sop.join('、') }));
  if (review.unmatched.metrics.length) put(row++, 0, tr('review.unmatched.metrics', { list: review.unmatched.metrics.join('、') }));
  if (row > averageRow + 2) row++;

  put(row, 0, tr('review.steps.title'));
  styles.push({ range: range(row, 0), style: { bold: true, fontSize: 12 } });
  put(row + 1, 0, tr('review.steps.hint'));
  styles.push({ range: range(row + 1, 0), style: { italic: true, fontColor: '#5f6368' } });
  const stepHeader = row + 2;
  STEP_COLUMNS.forEach((key, c) => put(stepHeader, c, tr(key === 'nBetter' || key === 'nWorse' ? 'review.steps.n' : (`review.steps.${key}` as MessageKey))));
  styles.push({ range: range(stepHeader, 0, 1, STEP_COLUMNS.length), style: HEADER_STYLE });
  review.steps.forEach((step, i) => {
    const r = stepHeader + 1 + i;
    const line: Cell[] = [
      step.item,
      step.key,
      step.onTimeBetter ?? '',
      step.nBetter,
      step.onTimeWorse ?? '',
      step.nWorse,
      step.difference ?? '',
      verdictText(step, review.ranked, lang),
    ];
    line.forEach((value, c) => put(r, c, value));
    if (step.verdict !== 'compare') styles.push({ range: range(r, 0, 1, STEP_COLUMNS.length), style: { fontColor: '#80868b' } });
  });
  if (review.steps.length) {
    for (const c of [2, 4, 6]) formats.push({ range: range(stepHeader + 1, c, review.steps.length, 1), format: 'percentOneDecimal' });
    for (const c of [3, 5]) formats.push({ range: range(stepHeader + 1, c, review.steps.length, 1), format: 'integer' });
  }

  const charts: ChartSpec[] = n
    ? [
        {
          type: 'column',
          title: tr('review.chart.title'),
          ranges: [
            range(REVIEW_HEADER_ROW, col('label'), n + 1, 1),
            range(REVIEW_HEADER_ROW, col('onTimeRate'), n + 1, 1),
            range(REVIEW_HEADER_ROW, col('conversionRate'), n + 1, 1),
          ],
          anchor: { row: 0, col: width + INPUT_COLUMNS.length + 1 },
        },
      ]
    : [];

  if (input.generatedAt !== undefined) {
    const what = tr('review.note.what', { template: input.template.name, count: n });
    notes.push({ row: 0, col: 0, text: tr('tab.note.generated', { what, time: input.generatedAt }) });
  }

  return {
    name: tr('review.tabName'),
    marker: {
      ...markerOf('review', { template: input.template.id }),
      about: { cohorts: JSON.stringify(review.cohorts.map((c) => [c.group, c.cohort])), minCohorts: String(MIN_COHORTS) },
    },
    columns: [
      ...COHORT_COLUMNS.map((key) => ({ key: key as string, width: WIDTHS[key] ?? 84 })),
      ...INPUT_COLUMNS.map((key) => ({ key: `input.${key}`, width: 84, hidden: true })),
    ],
    rows,
    headerRows: REVIEW_FIRST_COHORT_ROW,
    frozenRows: REVIEW_FIRST_COHORT_ROW,
    frozenColumns: 1,
    formats,
    styles,
    notes,
    charts,
  };
}
