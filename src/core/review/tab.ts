/**
 * The 复盘 tab: the cohort table (execution as live COUNTIFS over each SOP tab's date, item and status
 * columns, the core's counts cached; results as values from the metrics data), the steps table, and a
 * chart of conversion against on-time execution. Formulas avoid arrays and FILTER so that LibreOffice,
 * Excel and Sheets compute them alike.
 */
import type { DaySerial } from '../dates';
import { t, type Lang, type MessageKey } from '../i18n';
import { markerOf } from '../tab/marker';
import { a1, columnLetter, quoteTabName, range, type Cell, type ChartSpec, type FormatRun, type NoteSpec, type StyleRun, type TabSpec } from '../tab/spec';
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

export const STEP_COLUMNS = ['item', 'key', 'better', 'nBetter', 'worse', 'nWorse', 'difference', 'verdict'] as const;

/** 0-based rows of the fixed part. */
export const REVIEW_TODAY_ROW = 2;
export const REVIEW_HEADER_ROW = 4;
export const REVIEW_FIRST_COHORT_ROW = REVIEW_HEADER_ROW + 1;

const col = (key: CohortColumn): number => COHORT_COLUMNS.indexOf(key);

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
  styles.push({ range: range(REVIEW_HEADER_ROW, 0, 1, width), style: HEADER_STYLE });

  const tabs = new Map(input.sopTabs.map((tab) => [tab.tab, tab]));
  const n = review.cohorts.length;
  const averageRow = REVIEW_FIRST_COHORT_ROW + n;
  const cell = (row: number, key: CohortColumn): string => a1(row, col(key));
  const averageCell = (key: CohortColumn): string => a1(averageRow, col(key), true, false);
  review.cohorts.forEach((cohort, i) => {
    const row = REVIEW_FIRST_COHORT_ROW + i;
    const values: Partial<Record<CohortColumn, Cell>> = {
      label: cohort.cohort ? `${cohort.group} · ${cohort.cohort}` : cohort.group,
      group: cohort.group,
      cohort: cohort.cohort,
      ...executionCells(cohort, tabs.get(cohort.tab), todayCell, row),
      members: cohort.results?.members ?? '',
      participationRate: cohort.results?.participationRate ?? '',
      completionRate: cohort.results?.completionRate ?? '',
      conversionRate: cohort.results?.conversionRate ?? '',
      revenue: cohort.results?.revenue ?? '',
      roi: cohort.results?.roi ?? '',
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
    if (cohort.metricsCohort) notes.push({ row, col: col('cohort'), text: `${tr('review.header.cohort')}: ${cohort.metricsCohort}` });
  });

  // The average row: the on-time rate pooled live over the rows above; the results pooled as the metrics core pools them.
  const firstSheet = REVIEW_FIRST_COHORT_ROW;
  const span = (key: CohortColumn): string => `${a1(firstSheet, col(key))}:${a1(Math.max(firstSheet, averageRow - 1), col(key))}`;
  put(averageRow, col('label'), tr('review.average'));
  put(averageRow, col('onTimeRate'), {
    formula: n ? `=IF(SUM(${span('due')})>0,SUM(${span('onTime')})/SUM(${span('due')}),"")` : '=""',
    value: review.average.onTimeRate ?? '',
  });
  for (const key of ['participationRate', 'completionRate', 'conversionRate', 'revenue', 'roi'] as const) put(averageRow, col(key), review.average[key] ?? '');
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
          anchor: { row: 0, col: width + 1 },
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
    columns: COHORT_COLUMNS.map((key) => ({ key, width: WIDTHS[key] ?? 84 })),
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
