/**
 * 复盘: each cohort's SOP execution beside its results, and which SOP steps go with better conversion.
 *
 * Execution is read from the SOP tabs' rows as the Today board reads them (today/read.ts): a row is work
 * when it has a date and an item; done, dropped (cancelled or removed) or open by its status.
 * "On time" is honest about what a sheet can know: nobody records when a status was set, so a row is on
 * time when it is done and its date has come (date ≤ today); the on-time rate is on-time rows over the
 * rows due by today (planned, not dropped, dated ≤ today). A row ticked done before its day does not count
 * until its day comes.
 */
import type { DaySerial } from '../dates';
import { computeRow, computeTotal, type MetricInputs } from '../metrics/definitions';
import type { ParsedTable } from '../metrics/parse';
import type { CellValue } from '../tab/spec';
import { readSourceRows, type SourceRow } from '../today/read';
import { dueSourceLayout } from '../today/sources';
import { findSopHeader } from '../sop/columns';
import { cohortKey, cohortOrder, cohortTextKey, groupKey } from './cohort';
import type { CohortPair } from './request';

export type { CohortPair };

/** An SOP tab chosen for the review, found by its marker. */
export interface ReviewSopTab {
  tab: string;
  group: string;
  cohort: string;
  grid: ReadonlyArray<ReadonlyArray<CellValue>>;
}

export interface ReviewInput {
  sopTabs: readonly ReviewSopTab[];
  /** The metrics paste with a 群 and a 期次 column; null when there is none. */
  metrics: ParsedTable | null;
  today: DaySerial;
  /** The template's role of each row ID (as a label), when the template is known. */
  roles?: ReadonlyMap<string, string>;
  /** The label of rows nobody owns. */
  unassigned: string;
  /**
   * Cohort labels the user confirmed name one cohort (as written; compared as cohortTextKey does), for every
   * group: an SOP tab's 第12期 and a metrics row's 12期 or 2026-12 are compared only once confirmed.
   */
  confirmedCohorts?: ReadonlyArray<CohortPair>;
}

/** A pair of labels with the same cohort key, proposed to the user, and whether it is confirmed. */
export interface ProposedCohort extends CohortPair {
  confirmed: boolean;
}

export interface DoneCount {
  planned: number;
  done: number;
}

export interface Execution {
  /** Rows with a date and an item that are not cancelled or removed. */
  planned: number;
  done: number;
  /** Done rows dated on or before today. */
  onTime: number;
  /** Planned rows dated on or before today: what onTimeRate divides by. */
  due: number;
  /** Open rows dated before today. */
  overdue: number;
  /** Cancelled or removed rows. */
  skipped: number;
  /** onTime / due; null when nothing is due yet. */
  onTimeRate: number | null;
  byRole: Record<string, DoneCount>;
  byOwner: Record<string, DoneCount>;
}

/** The metrics the review shows, as the metrics core computes them. */
export const REVIEW_METRICS = ['members', 'participationRate', 'completionRate', 'conversionRate', 'revenue', 'roi'] as const;
export type ReviewMetric = (typeof REVIEW_METRICS)[number];
export type ReviewResults = Record<ReviewMetric, number | null>;

/** The values compared (Δ): on-time execution and the results. */
export const DELTA_KEYS = ['onTimeRate', 'participationRate', 'completionRate', 'conversionRate', 'revenue', 'roi'] as const;
export type DeltaKey = (typeof DELTA_KEYS)[number];
export type Deltas = Record<DeltaKey, number | null>;

export interface CohortReview {
  group: string;
  cohort: string;
  tab: string;
  execution: Execution;
  /** Null when no metrics row matches this group and cohort. */
  results: ReviewResults | null;
  /** The metrics row's own cohort label when it differs from the SOP tab's (spaced or cased otherwise, or a confirmed pair). */
  metricsCohort: string | null;
  /** The matched metrics row's row in its grid (1-based, ParsedRow.row): where live formulas read it. Not in the JSON. */
  metricsRow: number | null;
  /** Current − the same group's previous cohort (in this review); null where either is unknown. */
  vsPrevious: Deltas;
  /** Current − the average of the reviewed cohorts (rates pooled, revenue averaged). */
  vsAverage: Deltas;
}

export type StepVerdict = 'compare' | 'tooFewCohorts' | 'almostAlways' | 'almostNever' | 'noData';

export interface StepReview {
  /** The SOP row ID: the same template row in every cohort. */
  key: string;
  item: string;
  onTimeBetter: number | null;
  onTimeWorse: number | null;
  /** Cohorts of each half where the step was due. */
  nBetter: number;
  nWorse: number;
  /** onTimeBetter − onTimeWorse, when the verdict is 'compare'. */
  difference: number | null;
  verdict: StepVerdict;
}

export type ReviewWarning =
  | { code: 'review.warning.noMetrics' }
  | { code: 'review.warning.ambiguousCohort'; params: { group: string; cohort: string; other: string } }
  | { code: 'review.warning.unreadableTab'; params: { tab: string } }
  | { code: 'review.warning.unconfirmedCohort'; params: CohortPair };

export interface Review {
  cohorts: CohortReview[];
  steps: StepReview[];
  /** Cohorts with results to rank (the steps' comparison needs MIN_COHORTS). */
  ranked: number;
  /** SOP tabs without a metrics row, and metrics rows without an SOP tab: "group · cohort". */
  unmatched: { sop: string[]; metrics: string[] };
  /** Distinct label pairs that share a cohort key but not their text, in cohort order: compared only once confirmed. */
  proposed: ProposedCohort[];
  /** The pooled on-time rate and results over every reviewed cohort. */
  average: Deltas;
  warnings: ReviewWarning[];
}

/** Fewer cohorts with results than this and the steps cannot be ranked. */
export const MIN_COHORTS = 6;
/** A step done on time at least this often (or at most ALMOST_NEVER) overall separates nothing. */
export const ALMOST_ALWAYS = 0.9;
export const ALMOST_NEVER = 0.1;

interface ReadRow extends SourceRow {
  id: string;
}

function readRows(tab: ReviewSopTab): ReadRow[] | null {
  const layout = dueSourceLayout({ source: 'sop', tab: tab.tab, group: tab.group, cohort: tab.cohort }, tab.grid);
  const header = findSopHeader(tab.grid as CellValue[][]);
  if (!layout || !header) return null;
  const idCol = header.columns.id;
  return readSourceRows(layout, tab.grid).map((row) => {
    const cell = idCol === undefined ? null : (tab.grid[row.row - 1]?.[idCol] ?? null);
    return { ...row, id: typeof cell === 'string' ? cell.trim() : '' };
  });
}

const isDue = (row: ReadRow, today: DaySerial): boolean => row.kind !== null && row.kind !== 'dropped' && row.date !== null && row.date <= today;
const isOnTime = (row: ReadRow, today: DaySerial): boolean => row.kind === 'done' && row.date !== null && row.date <= today;

export function executionOf(rows: readonly ReadRow[], today: DaySerial, roles: ReadonlyMap<string, string> | undefined, unassigned: string): Execution {
  const execution: Execution = { planned: 0, done: 0, onTime: 0, due: 0, overdue: 0, skipped: 0, onTimeRate: null, byRole: {}, byOwner: {} };
  const tally = (into: Record<string, DoneCount>, key: string, done: boolean): void => {
    const count = (into[key] ??= { planned: 0, done: 0 });
    count.planned++;
    if (done) count.done++;
  };
  for (const row of rows) {
    if (row.kind === null || row.date === null) continue;
    if (row.kind === 'dropped') {
      execution.skipped++;
      continue;
    }
    const done = row.kind === 'done';
    execution.planned++;
    if (done) execution.done++;
    if (isDue(row, today)) execution.due++;
    if (isOnTime(row, today)) execution.onTime++;
    if (row.kind === 'open' && row.date < today) execution.overdue++;
    tally(execution.byOwner, row.owner.trim() || unassigned, done);
    const role = roles?.get(row.id);
    if (role) tally(execution.byRole, role, done);
  }
  execution.onTimeRate = execution.due > 0 ? execution.onTime / execution.due : null;
  return execution;
}

function resultsOf(inputs: MetricInputs): ReviewResults {
  const metrics = computeRow(inputs);
  return {
    members: inputs.members,
    participationRate: metrics.participationRate,
    completionRate: metrics.completionRate,
    conversionRate: metrics.conversionRate,
    revenue: metrics.revenue,
    roi: metrics.roi,
  };
}

const label = (group: string, cohort: string): string => (cohort ? `${group} · ${cohort}` : group);
const difference = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);

function deltaValues(review: Pick<CohortReview, 'execution' | 'results'>): Deltas {
  const results = review.results;
  return {
    onTimeRate: review.execution.onTimeRate,
    participationRate: results?.participationRate ?? null,
    completionRate: results?.completionRate ?? null,
    conversionRate: results?.conversionRate ?? null,
    revenue: results?.revenue ?? null,
    roi: results?.roi ?? null,
  };
}

function deltas(current: Deltas, other: Deltas): Deltas {
  const out = {} as Deltas;
  for (const key of DELTA_KEYS) out[key] = difference(current[key], other[key]);
  return out;
}

/** Orders cohorts of one group by their number (第9期 before 第10期), those without one by appearance. */
function byCohort(a: { cohort: string; index: number }, b: { cohort: string; index: number }): number {
  const x = cohortOrder(cohortKey(a.cohort));
  const y = cohortOrder(cohortKey(b.cohort));
  if (x !== null && y !== null && x !== y) return x - y;
  return a.index - b.index;
}

interface MetricsEntry {
  group: string;
  cohort: string;
  groupKey: string;
  label: string;
  key: string;
  row: number;
  inputs: MetricInputs;
  used: boolean;
}

interface Matching {
  /** The metrics row of each SOP tab (in the order given), or null. */
  matches: Array<MetricsEntry | null>;
  proposed: ProposedCohort[];
  warnings: ReviewWarning[];
}

const pairKey = (sop: string, metrics: string): string => `${cohortTextKey(sop)}\u0000${cohortTextKey(metrics)}`;

/**
 * Pairs SOP tabs (sorted by group and cohort) with metrics rows: the same group and the same label match;
 * the same group and the same cohort key under another label is proposed, and matches once confirmed.
 * A metrics row is used once: a second row with the same label, a second confirmed row for one SOP tab,
 * or a second SOP tab confirmed onto a row already taken is warned about, the first kept.
 */
function matchCohorts(tabs: readonly ReviewSopTab[], entries: readonly MetricsEntry[], confirmedPairs: ReadonlyArray<CohortPair>): Matching {
  const warnings: ReviewWarning[] = [];
  const byLabel = new Map(entries.map((entry) => [`${entry.groupKey}\u0000${entry.label}`, entry]));
  const matches = tabs.map((tab) => byLabel.get(`${groupKey(tab.group)}\u0000${cohortTextKey(tab.cohort)}`) ?? null);
  for (const match of matches) if (match) match.used = true;
  const exact = new Set(matches);

  const confirmed = new Set(confirmedPairs.map((pair) => pairKey(pair.sop, pair.metrics)));
  const proposals = new Map<string, ProposedCohort & { index: number; warn: boolean }>();
  const takenBy = new Map<MetricsEntry, string>();
  tabs.forEach((tab, i) => {
    if (matches[i]) return;
    const group = groupKey(tab.group);
    const key = cohortKey(tab.cohort);
    const isConfirmed = (entry: MetricsEntry): boolean => confirmed.has(pairKey(tab.cohort, entry.cohort));
    // A row another SOP tab took by confirmation is proposed again only if this pair was confirmed too (then warned).
    const candidates = entries.filter(
      (entry) => entry.groupKey === group && entry.key === key && !exact.has(entry) && (!takenBy.has(entry) || isConfirmed(entry)),
    );
    for (const entry of candidates) {
      const pair = pairKey(tab.cohort, entry.cohort);
      if (!proposals.has(pair))
        proposals.set(pair, { sop: tab.cohort, metrics: entry.cohort, confirmed: isConfirmed(entry), index: proposals.size, warn: false });
    }
    const chosen = candidates.filter(isConfirmed);
    const free = chosen.filter((entry) => !entry.used);
    const match = free[0] ?? null;
    for (const entry of chosen) {
      if (entry === match) continue;
      const other = takenBy.get(entry);
      if (other !== undefined) warnings.push({ code: 'review.warning.ambiguousCohort', params: { group: tab.group, cohort: tab.cohort, other } });
      else if (match) warnings.push({ code: 'review.warning.ambiguousCohort', params: { group: entry.group, cohort: entry.cohort, other: match.cohort } });
    }
    if (match) {
      match.used = true;
      takenBy.set(match, tab.cohort);
      matches[i] = match;
    } else {
      for (const entry of candidates) if (!isConfirmed(entry)) (proposals.get(pairKey(tab.cohort, entry.cohort)) as { warn: boolean }).warn = true;
    }
  });

  const ordered = [...proposals.values()].sort((a, b) => byCohort({ cohort: a.sop, index: a.index }, { cohort: b.sop, index: b.index }));
  for (const pair of ordered) if (pair.warn) warnings.push({ code: 'review.warning.unconfirmedCohort', params: { sop: pair.sop, metrics: pair.metrics } });
  return { matches, proposed: ordered.map(({ sop, metrics, confirmed: yes }) => ({ sop, metrics, confirmed: yes })), warnings };
}

export function computeReview(input: ReviewInput): Review {
  const warnings: ReviewWarning[] = [];
  if (!input.metrics) warnings.push({ code: 'review.warning.noMetrics' });

  // Metrics rows by group and cohort label; the first row of a label wins, a second is pointed out.
  const entries: MetricsEntry[] = [];
  const seen = new Map<string, MetricsEntry>();
  for (const row of input.metrics?.rows ?? []) {
    const cohort = row.period ?? '';
    const entry: MetricsEntry = {
      group: row.name,
      cohort,
      groupKey: groupKey(row.name),
      label: cohortTextKey(cohort),
      key: cohortKey(cohort),
      row: row.row,
      inputs: row.inputs,
      used: false,
    };
    const first = seen.get(`${entry.groupKey}\u0000${entry.label}`);
    if (first) {
      warnings.push({ code: 'review.warning.ambiguousCohort', params: { group: row.name, cohort, other: first.cohort } });
      continue;
    }
    seen.set(`${entry.groupKey}\u0000${entry.label}`, entry);
    entries.push(entry);
  }

  const read: Array<{ tab: ReviewSopTab; rows: ReadRow[]; index: number }> = [];
  input.sopTabs.forEach((tab, index) => {
    const rows = readRows(tab);
    if (rows) read.push({ tab, rows, index });
    else warnings.push({ code: 'review.warning.unreadableTab', params: { tab: tab.tab } });
  });
  read.sort(
    (a, b) =>
      compareText(groupKey(a.tab.group), groupKey(b.tab.group)) || byCohort({ cohort: a.tab.cohort, index: a.index }, { cohort: b.tab.cohort, index: b.index }),
  );

  const matching = matchCohorts(
    read.map((entry) => entry.tab),
    entries,
    input.confirmedCohorts ?? [],
  );
  warnings.push(...matching.warnings);
  const unmatchedSop: string[] = [];
  const cohorts: CohortReview[] = read.map(({ tab, rows }, i) => {
    const match = matching.matches[i];
    if (!match) unmatchedSop.push(label(tab.group, tab.cohort));
    const empty = {} as Deltas;
    return {
      group: tab.group,
      cohort: tab.cohort,
      tab: tab.tab,
      execution: executionOf(rows, input.today, input.roles, input.unassigned),
      results: match ? resultsOf(match.inputs) : null,
      metricsCohort: match && match.cohort !== tab.cohort ? match.cohort : null,
      metricsRow: match ? match.row : null,
      vsPrevious: empty,
      vsAverage: empty,
    };
  });
  const unmatchedMetrics = entries.filter((entry) => !entry.used).map((entry) => label(entry.group, entry.cohort));

  const matchedInputs = matching.matches.flatMap((match) => (match ? [match.inputs] : []));
  const pooled = computeTotal(matchedInputs).metrics;
  const withRevenue = cohorts.flatMap((c) => (c.results?.revenue == null ? [] : [c.results.revenue]));
  const due = cohorts.reduce((sum, c) => sum + c.execution.due, 0);
  const average: Deltas = {
    onTimeRate: due > 0 ? cohorts.reduce((sum, c) => sum + c.execution.onTime, 0) / due : null,
    participationRate: pooled.participationRate,
    completionRate: pooled.completionRate,
    conversionRate: pooled.conversionRate,
    revenue: withRevenue.length ? withRevenue.reduce((a, b) => a + b, 0) / withRevenue.length : null,
    roi: pooled.roi,
  };
  cohorts.forEach((cohort, i) => {
    const values = deltaValues(cohort);
    const previous = i > 0 && cohorts[i - 1].group === cohort.group ? deltaValues(cohorts[i - 1]) : null;
    cohort.vsPrevious = previous ? deltas(values, previous) : deltas(values, nullDeltas());
    cohort.vsAverage = deltas(values, average);
  });

  const { steps, ranked } = stepsOf(
    read.map((entry) => entry.rows),
    cohorts,
    input.today,
  );
  return { cohorts, steps, ranked, unmatched: { sop: unmatchedSop, metrics: unmatchedMetrics }, proposed: matching.proposed, average, warnings };
}

/** Code-point order: the same in every process, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function nullDeltas(): Deltas {
  const out = {} as Deltas;
  for (const key of DELTA_KEYS) out[key] = null;
  return out;
}

/**
 * Per step (row ID), its on-time rate in the better-converting half of the cohorts against the worse
 * half. Cohorts are ranked by conversion rate; with an odd number the middle one sits in neither half.
 */
function stepsOf(rowsByCohort: ReadonlyArray<readonly ReadRow[]>, cohorts: readonly CohortReview[], today: DaySerial): { steps: StepReview[]; ranked: number } {
  const rankedIdx = cohorts
    .map((cohort, index) => ({ index, conversion: cohort.results?.conversionRate ?? null }))
    .filter((entry): entry is { index: number; conversion: number } => entry.conversion !== null)
    .sort((a, b) => b.conversion - a.conversion || a.index - b.index);
  const half = Math.floor(rankedIdx.length / 2);
  const better = new Set(rankedIdx.slice(0, half).map((entry) => entry.index));
  const worse = new Set(rankedIdx.slice(rankedIdx.length - half).map((entry) => entry.index));

  interface Tally {
    item: string;
    dueBetter: number;
    onTimeBetter: number;
    dueWorse: number;
    onTimeWorse: number;
    dueAll: number;
    onTimeAll: number;
  }
  const tallies = new Map<string, Tally>();
  rowsByCohort.forEach((rows, index) => {
    for (const row of rows) {
      if (!row.id) continue;
      const tally = tallies.get(row.id) ?? { item: row.item, dueBetter: 0, onTimeBetter: 0, dueWorse: 0, onTimeWorse: 0, dueAll: 0, onTimeAll: 0 };
      // The latest cohort's wording names the step.
      if (row.item) tally.item = row.item;
      tallies.set(row.id, tally);
      if (!isDue(row, today)) continue;
      const onTime = isOnTime(row, today) ? 1 : 0;
      tally.dueAll++;
      tally.onTimeAll += onTime;
      if (better.has(index)) {
        tally.dueBetter++;
        tally.onTimeBetter += onTime;
      } else if (worse.has(index)) {
        tally.dueWorse++;
        tally.onTimeWorse += onTime;
      }
    }
  });

  const steps: StepReview[] = [...tallies].map(([key, tally]) => {
    const onTimeBetter = tally.dueBetter ? tally.onTimeBetter / tally.dueBetter : null;
    const onTimeWorse = tally.dueWorse ? tally.onTimeWorse / tally.dueWorse : null;
    const overall = tally.dueAll ? tally.onTimeAll / tally.dueAll : null;
    let verdict: StepVerdict;
    if (rankedIdx.length < MIN_COHORTS) verdict = 'tooFewCohorts';
    else if (overall === null || onTimeBetter === null || onTimeWorse === null) verdict = 'noData';
    else if (overall >= ALMOST_ALWAYS) verdict = 'almostAlways';
    else if (overall <= ALMOST_NEVER) verdict = 'almostNever';
    else verdict = 'compare';
    return {
      key,
      item: tally.item,
      onTimeBetter,
      onTimeWorse,
      nBetter: tally.dueBetter,
      nWorse: tally.dueWorse,
      difference: verdict === 'compare' ? (onTimeBetter as number) - (onTimeWorse as number) : null,
      verdict,
    };
  });
  steps.sort((a, b) => {
    if (a.difference !== null && b.difference !== null) return b.difference - a.difference || compareText(a.key, b.key);
    if (a.difference !== null) return -1;
    if (b.difference !== null) return 1;
    return compareText(a.key, b.key);
  });
  return { steps, ranked: rankedIdx.length };
}

/** Reviews as the CLI's JSON and the API give them. */
export function reviewToJson(review: Review) {
  return {
    cohorts: review.cohorts.map(({ group, cohort, tab, execution, results, metricsCohort, vsPrevious, vsAverage }) => ({
      group,
      cohort,
      tab,
      execution,
      results,
      metricsCohort,
      delta: { previous: vsPrevious, average: vsAverage },
    })),
    steps: review.steps.map(({ key, item, onTimeBetter, onTimeWorse, nBetter, nWorse, difference, verdict }) => ({
      key,
      item,
      onTimeBetter,
      onTimeWorse,
      nBetter,
      nWorse,
      difference,
      verdict,
    })),
    ranked: review.ranked,
    average: review.average,
    unmatched: review.unmatched,
    proposed: review.proposed,
    warnings: review.warnings,
  };
}
export type ReviewJson = ReturnType<typeof reviewToJson>;
