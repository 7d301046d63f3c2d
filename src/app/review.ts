/**
 * 复盘 / Review: the SOP tabs of one template, cohort by cohort, beside the cohorts' results from the
 * metrics data (a pasted table with 群 and 期次 columns), written as one live review tab.
 */
import { AppError, formatProblem, type Problem } from '../core/errors';
import type { MessageKey } from '../core/i18n';
import { parseMetricsGrid, type ParsedTable } from '../core/metrics/parse';
import { cohortKey, cohortOrder, cohortTextKey } from '../core/review/cohort';
import { computeReview, reviewToJson, type Review, type ReviewJson, type ReviewSopTab } from '../core/review/compute';
import type { CohortPair, ReviewRequest } from '../core/review/request';
import type { StateRequest } from '../core/request';
import { buildReviewTab } from '../core/review/tab';
import { identifySopTab } from '../core/sop/identify';
import { rowIds, type SopTemplate } from '../core/sop/template';
import { readTemplateTab } from '../core/sop/template-tab';
import { builtInTemplates } from '../core/sop/templates';
import { markerKeyOf, type MarkerKey } from '../core/tab/marker';
import { roleLabel } from '../core/team/team';
import type { CellValue } from '../core/tab/spec';
import type { AppContext, TabInfo } from '../ports';
import { CANDIDATE_HEAD_ROWS, layerSummary, openSession, planGridTab, writeGeneratedTabs, type Session } from './session';

export type { ReviewRequest };

/** The cohorts a review takes by default: the last six. */
export const DEFAULT_COHORTS = 6;

export interface ReviewTemplateChoice {
  /** The template id in the SOP tabs' markers ('' for tabs that do not say). */
  id: string;
  name: string;
  /** SOP tabs generated from it. */
  tabs: number;
  /** Its cohorts, oldest first. */
  cohorts: string[];
}

export interface ReviewState {
  templates: ReviewTemplateChoice[];
  /** The most used template and its last six cohorts: what the menu action reviews. */
  template: string | null;
  cohorts: string[];
  /** The tab the results are read from; null when no tab has a 期次 and a 群 column. */
  metricsTab: string | null;
  /** Cohort spellings confirmed earlier to be the same cohort (第12期 = 12期), kept in the review tabs' markers. */
  confirmedCohorts: CohortPair[];
  /** False for the quick state a sidebar opens with: everything but metricsTab, which is not looked for. */
  complete: boolean;
}

export interface ReviewResult {
  tab: string;
  created: boolean;
  template: string;
  review: ReviewJson;
  warnings: string[];
  message: string;
}

interface SopTabInfo {
  tab: string;
  group: string;
  cohort: string;
  template: string;
}

/**
 * The SOP tabs with the template each was generated from: the marker says it in Sheets; an .xlsx keeps
 * no more than the marker's key, so there the built-in template whose IDs the rows carry names it.
 */
function sopTabs(ctx: AppContext, session: Session): SopTabInfo[] {
  let builtIns: SopTemplate[] | null = null;
  return ctx.workbook
    .markedTabs((marker) => marker.kind === 'sop')
    .flatMap((info: TabInfo) => {
      const key = markerKeyOf(info.marker, 'sop');
      if (!key) return [];
      let template = info.marker?.about?.template ?? '';
      if (!template) {
        builtIns ??= builtInTemplates(session.lang);
        const identity = identifySopTab(ctx.workbook.readTab(info.name), builtIns);
        template = identity.matched > 0 ? (identity.template?.id ?? '') : '';
      }
      return [{ tab: info.name, group: key.group, cohort: key.cohort, template }];
    });
}

/**
 * The same without the tabs' names, for the sidebar: the markers say group, cohort and template, so
 * only a tab whose marker names no template (written before markers did) is looked up and read.
 */
function sopTabsByMarker(ctx: AppContext, session: Session): Array<Omit<SopTabInfo, 'tab'>> {
  const markers = ctx.workbook.tabMarkers((marker) => marker.kind === 'sop');
  if (markers.some((marker) => !marker.about?.template)) return sopTabs(ctx, session);
  return markers.flatMap((marker) => {
    const key = markerKeyOf(marker, 'sop');
    return key ? [{ group: key.group, cohort: key.cohort, template: marker.about?.template ?? '' }] : [];
  });
}

/**
 * The template an SOP tab's marker names: a built-in one, else the template tab (SOP模板·…) of that id.
 * Template tabs are read only when the id is not a built-in one.
 */
function findTemplate(ctx: AppContext, session: Session, id: string): SopTemplate | null {
  if (!id) return null;
  const builtIn = builtInTemplates(session.lang).find((template) => template.id === id);
  if (builtIn) return builtIn;
  for (const info of ctx.workbook.markedTabs((marker) => marker.kind === 'sop-template')) {
    try {
      const template = readTemplateTab(ctx.workbook.readTab(info.name), info.name);
      if (template.id === id) return template;
    } catch {
      // A template tab that cannot be read names no template here; the SOP sidebar lists its problems.
    }
  }
  return null;
}

function templateName(template: SopTemplate | null, id: string): string {
  return template?.name ?? (id || '—');
}

/** Distinct cohorts by key, oldest first (by their number, else by appearance), each as first written. */
function orderedCohorts(tabs: ReadonlyArray<Pick<SopTabInfo, 'cohort'>>): string[] {
  const seen = new Map<string, { label: string; index: number }>();
  tabs.forEach((tab, index) => {
    const key = cohortKey(tab.cohort);
    if (!seen.has(key)) seen.set(key, { label: tab.cohort, index });
  });
  return [...seen]
    .sort(([a, x], [b, y]) => {
      const p = cohortOrder(a);
      const q = cohortOrder(b);
      return p !== null && q !== null && p !== q ? p - q : x.index - y.index;
    })
    .map(([, entry]) => entry.label);
}

function templateChoices(ctx: AppContext, tabs: ReadonlyArray<Omit<SopTabInfo, 'tab'>>, session: Session): ReviewTemplateChoice[] {
  const ids = [...new Set(tabs.map((tab) => tab.template))];
  return ids
    .map((id) => {
      const own = tabs.filter((tab) => tab.template === id);
      return { id, name: templateName(findTemplate(ctx, session, id), id), tabs: own.length, cohorts: orderedCohorts(own) };
    })
    .sort((a, b) => b.tabs - a.tabs);
}

/**
 * The metrics data to compare with: the source tabs of the metrics tabs first, then any other tab the
 * add-on did not generate, the first that reads as a table of counts with a 群 and a 期次 column.
 * A candidate is recognised by its first rows (as the Gantt and calendar sidebars recognise theirs),
 * so a long export that is no such table is never read whole; the one recognised is then read whole.
 */
function findMetrics(ctx: AppContext): { tab: string; table: ParsedTable; grid: CellValue[][] } | null {
  const all = ctx.workbook.listTabs();
  const names = new Set(all.map((tab) => tab.name));
  const sources = all.flatMap((tab) => {
    const key = markerKeyOf(tab.marker, 'metrics');
    return key && names.has(key.source) ? [key.source] : [];
  });
  const plain = all.filter((tab) => !tab.marker && !tab.hidden).map((tab) => tab.name);
  for (const name of [...new Set([...sources, ...plain])]) {
    const head = ctx.workbook.readTabHead(name, CANDIDATE_HEAD_ROWS);
    if (!cohortTable(head, name)) continue;
    const grid = head.length < CANDIDATE_HEAD_ROWS ? head : ctx.workbook.readTab(name);
    const table = cohortTable(grid, name);
    if (table) return { tab: name, table, grid };
  }
  return null;
}

/** The grid as a table of counts per 群 and 期次 with rows; null when it is none. */
function cohortTable(grid: CellValue[][], tab: string): ParsedTable | null {
  let table: ParsedTable;
  try {
    table = parseMetricsGrid(grid, { tab });
  } catch {
    return null;
  }
  const named = table.mapping.some((entry) => entry.field === 'name');
  return table.hasPeriod && named && table.rows.length ? table : null;
}

/**
 * The template's role of each row ID (the SOP tab does not keep a row's role; its template does): a
 * built-in template, or the template tab it was generated from while that tab is still there.
 */
function rolesOf(template: SopTemplate | null, session: Session): Map<string, string> | undefined {
  if (!template) return undefined;
  const ids = rowIds(template);
  const roles = new Map<string, string>();
  for (const row of template.rows) {
    const rowId = ids.get(row.rowKey);
    if (rowId) roles.set(rowId, roleLabel(row.role, session.lang));
  }
  return roles;
}

const CONFIRMED_FIELD = 'confirmedCohorts';
const pairKey = (pair: CohortPair): string => `${cohortTextKey(pair.sop)}\u0000${cohortTextKey(pair.metrics)}`;

/** Pairs without repeats (compared as cohort texts), in their order. */
function distinctPairs(pairs: readonly CohortPair[]): CohortPair[] {
  const seen = new Map<string, CohortPair>();
  for (const pair of pairs) if (!seen.has(pairKey(pair))) seen.set(pairKey(pair), { sop: pair.sop, metrics: pair.metrics });
  return [...seen.values()];
}

function pairsOfAbout(about: MarkerKey | undefined): CohortPair[] {
  const text = about?.[CONFIRMED_FIELD];
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((entry) =>
      Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string' ? [{ sop: entry[0], metrics: entry[1] }] : [],
    );
  } catch {
    return [];
  }
}

/**
 * The cohort spellings confirmed before, kept in every review tab's marker (a review per template; the
 * way a team writes a cohort is the same for all of them). An .xlsx keeps no marker details: none there.
 */
function storedConfirmations(ctx: AppContext): CohortPair[] {
  return distinctPairs(ctx.workbook.tabMarkers((marker) => marker.kind === 'review').flatMap((marker) => pairsOfAbout(marker.about)));
}

export function getReviewState(ctx: AppContext, request: Required<StateRequest> = { quick: false }): ReviewState {
  const session = openSession(ctx);
  const templates = templateChoices(ctx, sopTabsByMarker(ctx, session), session);
  const first = templates[0];
  return {
    templates,
    template: first ? first.id : null,
    cohorts: first ? first.cohorts.slice(-DEFAULT_COHORTS) : [],
    // Finding it reads the candidate tabs: the second call of an opening sidebar does.
    metricsTab: request.quick ? null : (findMetrics(ctx)?.tab ?? null),
    confirmedCohorts: storedConfirmations(ctx),
    complete: !request.quick,
  };
}

interface PlannedReview {
  template: string;
  templateName: string;
  review: Review;
  /** What the review tab's marker keeps: the pairs confirmed before, as this request changed them. */
  confirmedCohorts: CohortPair[];
  chosen: ReviewSopTab[];
  metricsTab: string | null;
  metrics: { table: ParsedTable; grid: CellValue[][] } | null;
}

function planReview(ctx: AppContext, session: Session, request: ReviewRequest): PlannedReview {
  const tabs = sopTabs(ctx, session);
  if (!tabs.length) throw new AppError({ code: 'review.error.noSopTabs' });
  const template = request.template ?? templateChoices(ctx, tabs, session)[0].id;
  const own = tabs.filter((tab) => tab.template === template);
  if (!own.length) throw new AppError({ code: 'review.error.noTemplateTabs', params: { template } });
  let keys: Set<string>;
  if (request.cohorts) {
    keys = new Set(request.cohorts.map(cohortKey));
    const known = new Set(own.map((tab) => cohortKey(tab.cohort)));
    const unknown = request.cohorts.filter((cohort) => !known.has(cohortKey(cohort)));
    if (unknown.length) throw new AppError({ code: 'review.error.unknownCohorts', params: { list: unknown.join('、') } });
  } else {
    keys = new Set(orderedCohorts(own).slice(-DEFAULT_COHORTS).map(cohortKey));
  }
  const chosen: ReviewSopTab[] = own
    .filter((tab) => keys.has(cohortKey(tab.cohort)))
    .map((tab) => ({ tab: tab.tab, group: tab.group, cohort: tab.cohort, grid: ctx.workbook.readTab(tab.tab) }));
  const metrics = findMetrics(ctx);
  const found = findTemplate(ctx, session, template);
  const stored = storedConfirmations(ctx);
  const run = (confirmedCohorts: CohortPair[]): Review =>
    computeReview({
      sopTabs: chosen,
      metrics: metrics?.table ?? null,
      today: ctx.clock.today(),
      roles: rolesOf(found, session),
      unassigned: session.tr('today.unassigned'),
      confirmedCohorts,
    });
  let confirmed = distinctPairs([...(request.confirmedCohorts ?? []), ...stored]);
  let review = run(confirmed);
  if (request.confirmedCohorts) {
    // The sidebar's ticks decide the pairs it showed (this review's proposals); the rest stay as stored.
    const shown = new Set(review.proposed.map(pairKey));
    const decided = distinctPairs([...request.confirmedCohorts, ...stored.filter((pair) => !shown.has(pairKey(pair)))]);
    if (decided.length !== confirmed.length) review = run(decided);
    confirmed = decided;
  }
  return { template, templateName: templateName(found, template), review, confirmedCohorts: confirmed, chosen, metricsTab: metrics?.tab ?? null, metrics };
}

function warningTexts(review: Review, session: Session): string[] {
  return review.warnings.map((warning) =>
    formatProblem({ code: warning.code as MessageKey, params: 'params' in warning ? warning.params : {} } as Problem, session.tr),
  );
}

export interface ReviewPreview {
  template: string;
  review: ReviewJson;
  warnings: string[];
}

/** The review without writing anything: for the CLI's JSON and a sidebar's preview. */
export function computeReviewData(ctx: AppContext, request: ReviewRequest = {}): ReviewPreview {
  const session = openSession(ctx);
  const planned = planReview(ctx, session, request);
  return { template: planned.template, review: reviewToJson(planned.review), warnings: warningTexts(planned.review, session) };
}

/** The sidebar's preview: which cohorts match, which spellings to confirm, what stays unmatched. Writes nothing. */
export function previewReview(ctx: AppContext, request: ReviewRequest = {}): ReviewPreview {
  return computeReviewData(ctx, request);
}

/** Generates (or rewrites in place) the review tab of a template and opens it. */
export function generateReview(ctx: AppContext, request: ReviewRequest = {}): ReviewResult {
  const session = openSession(ctx);
  const planned = planReview(ctx, session, request);
  const { template, review, chosen, metricsTab } = planned;
  const spec = buildReviewTab({
    review,
    sopTabs: chosen,
    template: { id: template, name: planned.templateName },
    source: metricsTab ?? '',
    metrics: planned.metrics?.table ?? null,
    metricsGrid: planned.metrics?.grid ?? null,
    today: ctx.clock.today(),
    lang: session.lang,
    generatedAt: ctx.clock.nowText(),
  });
  if (planned.confirmedCohorts.length && spec.marker) {
    spec.marker.about = { ...spec.marker.about, [CONFIRMED_FIELD]: JSON.stringify(planned.confirmedCohorts.map((pair) => [pair.sop, pair.metrics])) };
  }
  const plannedTab = planGridTab(ctx, session, spec);
  const [written] = writeGeneratedTabs(ctx, [plannedTab]);
  const warnings = warningTexts(review, session);
  const message = [
    session.tr('review.done', {
      count: review.cohorts.length,
      matched: review.cohorts.filter((cohort) => cohort.results).length,
      steps: review.steps.length,
      tab: written.name,
    }),
    ...layerSummary(plannedTab.layers, written.oldVersion, session.tr),
  ].join(' · ');
  ctx.ui.toast(message, session.tr('app.name'));
  return { tab: written.name, created: written.created, template, review: reviewToJson(review), warnings, message };
}
