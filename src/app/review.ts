/**
 * 复盘 / Review: the SOP tabs of one template, cohort by cohort, beside the cohorts' results from the
 * metrics data (a pasted table with 群 and 期次 columns), written as one live review tab.
 */
import { AppError, formatProblem, type Problem } from '../core/errors';
import type { MessageKey } from '../core/i18n';
import { parseMetricsGrid, type ParsedTable } from '../core/metrics/parse';
import { cohortKey, cohortOrder } from '../core/review/cohort';
import { computeReview, reviewToJson, type Review, type ReviewJson, type ReviewSopTab } from '../core/review/compute';
import type { ReviewRequest } from '../core/review/request';
import { buildReviewTab } from '../core/review/tab';
import { identifySopTab } from '../core/sop/identify';
import { rowIds, type SopTemplate } from '../core/sop/template';
import { builtInTemplate, builtInTemplates } from '../core/sop/templates';
import { markerKeyOf } from '../core/tab/marker';
import { roleLabel } from '../core/team/team';
import type { AppContext, TabInfo } from '../ports';
import { openSession, planGridTab, writeGeneratedTabs, type Session } from './session';

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

function templateName(id: string, session: Session): string {
  return builtInTemplates(session.lang).find((template) => template.id === id)?.name ?? (id || '—');
}

/** Distinct cohorts by key, oldest first (by their number, else by appearance), each as first written. */
function orderedCohorts(tabs: readonly SopTabInfo[]): string[] {
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

function templateChoices(tabs: readonly SopTabInfo[], session: Session): ReviewTemplateChoice[] {
  const ids = [...new Set(tabs.map((tab) => tab.template))];
  return ids
    .map((id) => {
      const own = tabs.filter((tab) => tab.template === id);
      return { id, name: templateName(id, session), tabs: own.length, cohorts: orderedCohorts(own) };
    })
    .sort((a, b) => b.tabs - a.tabs);
}

/**
 * The metrics data to compare with: the source tabs of the metrics tabs first, then any other tab the
 * add-on did not generate, the first that reads as a table of counts with a 群 and a 期次 column.
 */
function findMetrics(ctx: AppContext): { tab: string; table: ParsedTable } | null {
  const all = ctx.workbook.listTabs();
  const names = new Set(all.map((tab) => tab.name));
  const sources = all.flatMap((tab) => {
    const key = markerKeyOf(tab.marker, 'metrics');
    return key && names.has(key.source) ? [key.source] : [];
  });
  const plain = all.filter((tab) => !tab.marker && !tab.hidden).map((tab) => tab.name);
  for (const name of [...new Set([...sources, ...plain])]) {
    let table: ParsedTable;
    try {
      table = parseMetricsGrid(ctx.workbook.readTab(name), { tab: name });
    } catch {
      continue;
    }
    const named = table.mapping.some((entry) => entry.field === 'name');
    if (table.hasPeriod && named && table.rows.length) return { tab: name, table };
  }
  return null;
}

/** The template's role of each row ID, for a built-in template (a template tab's roles are not kept in the SOP tab). */
function rolesOf(id: string, session: Session): Map<string, string> | undefined {
  let template;
  try {
    template = builtInTemplate(id, session.lang);
  } catch {
    return undefined;
  }
  const ids = rowIds(template);
  const roles = new Map<string, string>();
  for (const row of template.rows) {
    const rowId = ids.get(row.rowKey);
    if (rowId) roles.set(rowId, roleLabel(row.role, session.lang));
  }
  return roles;
}

export function getReviewState(ctx: AppContext): ReviewState {
  const session = openSession(ctx);
  const templates = templateChoices(sopTabs(ctx, session), session);
  const first = templates[0];
  return {
    templates,
    template: first ? first.id : null,
    cohorts: first ? first.cohorts.slice(-DEFAULT_COHORTS) : [],
    metricsTab: findMetrics(ctx)?.tab ?? null,
  };
}

interface PlannedReview {
  template: string;
  review: Review;
  chosen: ReviewSopTab[];
  metricsTab: string | null;
}

function planReview(ctx: AppContext, session: Session, request: ReviewRequest): PlannedReview {
  const tabs = sopTabs(ctx, session);
  if (!tabs.length) throw new AppError({ code: 'review.error.noSopTabs' });
  const template = request.template ?? templateChoices(tabs, session)[0].id;
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
  const review = computeReview({
    sopTabs: chosen,
    metrics: metrics?.table ?? null,
    today: ctx.clock.today(),
    roles: rolesOf(template, session),
    unassigned: session.tr('today.unassigned'),
  });
  return { template, review, chosen, metricsTab: metrics?.tab ?? null };
}

function warningTexts(review: Review, session: Session): string[] {
  return review.warnings.map((warning) =>
    formatProblem({ code: warning.code as MessageKey, params: 'params' in warning ? warning.params : {} } as Problem, session.tr),
  );
}

/** The review without writing anything: for the CLI's JSON and a sidebar's preview. */
export function computeReviewData(ctx: AppContext, request: ReviewRequest = {}): { template: string; review: ReviewJson; warnings: string[] } {
  const session = openSession(ctx);
  const planned = planReview(ctx, session, request);
  return { template: planned.template, review: reviewToJson(planned.review), warnings: warningTexts(planned.review, session) };
}

/** Generates (or rewrites in place) the review tab of a template and opens it. */
export function generateReview(ctx: AppContext, request: ReviewRequest = {}): ReviewResult {
  const session = openSession(ctx);
  const { template, review, chosen, metricsTab } = planReview(ctx, session, request);
  const spec = buildReviewTab({
    review,
    sopTabs: chosen,
    template: { id: template, name: templateName(template, session) },
    source: metricsTab ?? '',
    today: ctx.clock.today(),
    lang: session.lang,
    generatedAt: ctx.clock.nowText(),
  });
  const [written] = writeGeneratedTabs(ctx, [planGridTab(ctx, session, spec)]);
  const warnings = warningTexts(review, session);
  const message = session.tr('review.done', {
    count: review.cohorts.length,
    matched: review.cohorts.filter((cohort) => cohort.results).length,
    steps: review.steps.length,
    tab: written.name,
  });
  ctx.ui.toast(message, session.tr('app.name'));
  return { tab: written.name, created: written.created, template, review: reviewToJson(review), warnings, message };
}

/** The menu action: the most used template, its last six cohorts. */
export function showReview(ctx: AppContext): ReviewResult {
  return generateReview(ctx, {});
}
