/**
 * Push plan → live Gantt: the empty plan tab, the tabs that read as plans, a preview of what a plan
 * schedules to, and the Gantt tab generated from it. The plan tab is only ever read; the Gantt tab
 * carries the marker {kind: 'gantt', key: {plan: <plan tab name>}}, so generating again updates it in place,
 * keeping what people typed on it.
 */
import { toIso } from '../core/dates';
import { AppError, formatProblem } from '../core/errors';
import { analyzePlanGrid, type GanttAnalysis } from '../core/gantt/analyze';
import { chineseCalendar } from '../core/gantt/china';
import { DATE_ROW, GANTT_FIRST_DAY_COLUMN, GANTT_HIDDEN_COLUMNS, isDayKey, readExistingGantt } from '../core/gantt/columns';
import { carriedEditCells, countTypedOverComputed } from '../core/gantt/edits';
import { buildPlanTemplateTab, looksLikePlan, planMarker } from '../core/gantt/plan';
import { generateGanttTab, type GanttTab } from '../core/gantt/tab';
import type { GanttRequest } from '../core/gantt/request';
import type { StateRequest } from '../core/request';
import type { TabContent } from '../core/tab/content';
import { planTableLayout } from '../core/tab/layers';
import { markerKeyOf } from '../core/tab/marker';
import type { Lang } from '../core/i18n';
import type { CellValue, TabSpec } from '../core/tab/spec';
import { teamTabName } from '../core/team/tab';
import type { AppContext, TabInfo } from '../ports';
import {
  CANDIDATE_HEAD_ROWS,
  findGeneratedTab,
  layerSummary,
  openSession,
  planGridTab,
  planTab,
  readTeam,
  writeGeneratedTabs,
  type PlannedTab,
  type Session,
} from './session';
import { refreshTodayBoard } from './today';

export type { GanttRequest };

export interface GanttState {
  lang: Lang;
  /** Tabs that read as push plans, in tab order (when `complete` is false: only the one the active tab names). */
  planTabs: string[];
  /** The plan the sidebar selects first: the active tab when it is a plan (or a Gantt made from one), else the first plan. */
  selected: string | null;
  /** The working-days setting, the checkbox's default. */
  workingDays: boolean;
  teamTab: string | null;
  /** False for the quick state a sidebar opens with: the plan list is the active tab's plan only. */
  complete: boolean;
}

/** A plan in one line: tasks, first start → last end, owners. JSON-safe. */
export interface PlanSummary {
  tasks: number;
  start: string;
  end: string;
  owners: number;
  workingDays: boolean;
  /** Sentences in the user's language, each naming its task and row. */
  warnings: string[];
  /** "9 项任务 · 2026-12-01 → 2026-12-29 · 6 人". */
  text: string;
}

/** What regenerating kept from the Gantt tab it replaced. */
export interface GanttEditsSummary {
  /** Cells typed on the Gantt tab, kept instead of the plan's values. */
  kept: number;
  /** Rows of tasks no longer in the plan, kept for what was typed in them. */
  keptRows: number;
  /** Tasks no longer in the plan whose rows held nothing typed, removed. */
  removed: string[];
}

export interface GenerateGanttResult {
  tab: string;
  created: boolean;
  /** As the tab shows it: the plan with the kept edits applied. */
  summary: PlanSummary;
  edits: GanttEditsSummary;
  message: string;
}

export interface CreatePlanResult {
  tab: string;
  message: string;
}

export function getGanttState(ctx: AppContext, request: Required<StateRequest> = { quick: false }): GanttState {
  const session = openSession(ctx);
  const base = { lang: session.lang, workingDays: session.settings.workingDays === 'working', teamTab: findGeneratedTab(ctx, 'team')?.name ?? null };
  if (request.quick) {
    const plan = activePlan(ctx);
    return { ...base, planTabs: plan ? [plan] : [], selected: plan, complete: false };
  }
  const tabs = ctx.workbook.listTabs();
  const planTabs = listPlanTabs(ctx, tabs);
  const active = ctx.workbook.activeTabName();
  const activeInfo = tabs.find((tab) => tab.name === active);
  const fromGantt = markerKeyOf(activeInfo?.marker, 'gantt')?.plan ?? null;
  const selected = [active, fromGantt].find((name): name is string => !!name && planTabs.includes(name)) ?? planTabs[0] ?? null;
  return { ...base, planTabs, selected, complete: true };
}

/** The plan the active tab is or was made from (a Gantt tab names its plan), found without listing the tabs; null when none. */
function activePlan(ctx: AppContext): string | null {
  const active = ctx.workbook.activeTab();
  if (!active) return null;
  if (active.marker) {
    if (active.marker.kind === 'plan') return active.name;
    const plan = markerKeyOf(active.marker, 'gantt')?.plan;
    const found = plan ? ctx.workbook.findTab(plan) : null;
    return plan && found && (!found.marker || found.marker.kind === 'plan') ? plan : null;
  }
  return looksLikePlan(ctx.workbook.readTabHead(active.name, CANDIDATE_HEAD_ROWS)) ? active.name : null;
}

/**
 * The update of an existing Gantt tab. Laid out as the add-on lays it out, it is a table: each task's
 * row continues the row it had (found by the task's plan name and ID), so rows move whole with what
 * people put on them; day columns are added or removed where the date range changed, and the header
 * rows and the workload block below are the add-on's blocks. A tab whose columns someone rearranged
 * is updated as one block instead (what cannot stay goes to an old version); either way what people
 * typed in the task columns is carried by the feature itself (core/gantt/edits.ts).
 */
function planGanttTab(
  ctx: AppContext,
  session: Session,
  spec: TabSpec,
  generated: GanttTab,
  existing: { content: TabContent; tab: TabInfo } | null,
): PlannedTab {
  const read = existing ? readExistingGantt(existing.content.values) : null;
  if (existing && !read) return planGridTab(ctx, session, spec, { carriedEdits: carriedEditCells });
  const old = read ? { headerRow: read.headerRow, columns: read.columns, end: read.end } : null;
  const layout = planTableLayout(generated.table.keys, old, { headerRow: DATE_ROW });
  const dayColumns = generated.table.keys.filter(isDayKey);
  const values = existing?.content.values ?? [];
  const legacyBlocks =
    read && !existing?.tab.marker?.memo?.blocks
      ? [
          { row: 0, col: 0, rows: read.headerRow, cols: read.dayCount + GANTT_FIRST_DAY_COLUMN + GANTT_HIDDEN_COLUMNS.length },
          ...(read.footerRow === null
            ? []
            : [{ row: read.footerRow, col: 0, rows: values.length - read.footerRow, cols: Math.max(...values.map((line) => line.length)) }]),
        ]
      : undefined;
  return planTab(
    ctx,
    session,
    {
      spec,
      table: { layout, old, sources: generated.table.sources, styledColumns: dayColumns, formulaColumns: dayColumns, positionalColumns: dayColumns },
      blocks: spec.blocks ?? [],
      legacyBlocks,
      replacedUserCells: existing ? countTypedOverComputed(existing.content.values) : 0,
    },
    existing,
  );
}

/**
 * Tabs that read as push plans: the plan tabs this add-on created, and the user's own tabs whose
 * header names a task column and another plan column (a pasted 推进表). Other generated tabs are
 * never plans: a Gantt tab repeats the task columns but is an output.
 */
export function listPlanTabs(ctx: AppContext, tabs: TabInfo[] = ctx.workbook.listTabs()): string[] {
  return tabs
    .filter((tab) => (tab.marker ? tab.marker.kind === 'plan' : looksLikePlan(ctx.workbook.readTabHead(tab.name, CANDIDATE_HEAD_ROWS))))
    .map((tab) => tab.name);
}

/** Creates a new, empty plan tab: headers, dropdowns (owners from the Team tab), formats, examples in a note. */
export function createPlanTab(ctx: AppContext): CreatePlanResult {
  const session = openSession(ctx);
  const { teamTab } = readTeam(ctx);
  const template = buildPlanTemplateTab(session.lang, teamTab ?? teamTabName(session.lang));
  const spec: TabSpec = { ...template, marker: planMarker(ctx.workbook.markedTabs((marker) => marker.kind === 'plan').map((tab) => tab.marker)) };
  const [result] = writeGeneratedTabs(ctx, [teamTab ? spec : withoutTeamDropdowns(spec)]);
  const message = session.tr('gantt.planCreated', { tab: result.name });
  ctx.ui.toast(message, session.tr('app.name'));
  return { tab: result.name, message };
}

/** Reads and schedules a plan without writing anything: the sidebar's line before generating. */
export function previewGantt(ctx: AppContext, request: GanttRequest): PlanSummary {
  const session = openSession(ctx);
  return summarize(session, analyze(ctx, session, request).analysis);
}

/**
 * Generates (or updates in place) the Gantt tab of a plan tab. A plan that cannot be read or
 * scheduled throws one AppError naming every task and row at fault, and nothing is written.
 * The Gantt tab being replaced is read back first, and what was typed on it is kept (see
 * core/gantt/edits.ts); reading and writing share the document lock, so no other run of the add-on
 * redraws the tab in between.
 */
export function generateGantt(ctx: AppContext, request: GanttRequest): GenerateGanttResult {
  const session = openSession(ctx);
  const { analysis, planTab, planGrid, team, teamTab } = analyze(ctx, session, request);
  const { tab, created, built, layers } = ctx.workbook.withLock(() => {
    const previous = findGeneratedTab(ctx, 'gantt', { plan: planTab });
    const content = previous ? ctx.workbook.readTabContent(previous.name) : null;
    const existing: CellValue[][] = content ? content.values : [];
    const generated = generateGanttTab({
      analysis,
      team,
      lang: session.lang,
      calendar: chineseCalendar,
      teamTabName: teamTab ?? teamTabName(session.lang),
      planTabName: planTab,
      generatedAt: ctx.clock.nowText(),
      planGrid,
      existing,
      existingTab: previous?.name,
    });
    const spec = teamTab ? generated.spec : withoutTeamDropdowns(generated.spec);
    const planned = planGanttTab(ctx, session, spec, generated, previous ? { content: content as TabContent, tab: previous } : null);
    const written = ctx.workbook.writeTab(planned.spec, planned.update);
    ctx.workbook.activate(written.name);
    return { tab: written.name, created: written.created, built: generated, layers: layerSummary(planned.layers, written.oldVersion, session.tr) };
  });
  // A new Gantt tab joins the Today board; a regenerated one is followed already (as SOP tabs are).
  const board = created ? refreshTodayBoard(ctx) : null;
  const summary = summarize(session, built.analysis);
  const edits: GanttEditsSummary = { kept: built.edits.kept, keptRows: built.edits.keptRows.length, removed: built.edits.removed };
  const message = [
    session.tr('gantt.generated', { count: summary.tasks, start: summary.start, end: summary.end, owners: summary.owners }),
    ...(edits.kept ? [session.tr('gantt.kept', { count: edits.kept })] : []),
    ...(edits.keptRows ? [session.tr('gantt.keptRows', { count: edits.keptRows })] : []),
    ...(edits.removed.length ? [session.tr('gantt.removedTasks', { count: edits.removed.length, tasks: nameList(session, edits.removed) })] : []),
    ...layers,
    ...(board?.keptAside ? [board.keptAside] : []),
  ].join(' · ');
  ctx.ui.toast(message, session.tr('app.name'));
  return { tab, created, summary, edits, message };
}

function analyze(ctx: AppContext, session: Session, request: GanttRequest) {
  const planTab = typeof request?.planTab === 'string' ? request.planTab : '';
  if (!planTab) throw new AppError({ code: 'gantt.error.noPlanTab' });
  const info = ctx.workbook.findTab(planTab);
  if (!info) throw new AppError({ code: 'error.tabNotFound', params: { tab: planTab } });
  if (info.marker && info.marker.kind !== 'plan') throw new AppError({ code: 'gantt.error.notPlanTab', params: { tab: planTab } });
  const planGrid = ctx.workbook.readTab(planTab);
  const { team, teamTab } = readTeam(ctx);
  const workingDays = typeof request.workingDays === 'boolean' ? request.workingDays : session.settings.workingDays === 'working';
  // Every problem of the plan at once: a bad date or an unknown predecessor never hides a cycle.
  const analysis = analyzePlanGrid(planGrid, {
    tab: planTab,
    settings: { workingDays: workingDays ? 'working' : 'calendar', overloadThreshold: session.settings.overloadThreshold },
    team,
    calendar: chineseCalendar,
  });
  if (analysis.errors.length) throw new AppError(analysis.errors);
  return { analysis, planTab, planGrid, team, teamTab };
}

/** Names the toast can hold: the first few, then "…". */
const NAMES_IN_MESSAGE = 5;

function nameList(session: Session, names: string[]): string {
  const shown = names.slice(0, NAMES_IN_MESSAGE).join(session.lang === 'zh-CN' ? '、' : ', ');
  return names.length > NAMES_IN_MESSAGE ? `${shown}…` : shown;
}

function summarize(session: Session, analysis: GanttAnalysis): PlanSummary {
  let start = Infinity;
  let end = -Infinity;
  for (const task of analysis.tasks) {
    start = Math.min(start, task.start);
    end = Math.max(end, task.end);
  }
  const summary = {
    tasks: analysis.tasks.length,
    start: toIso(start),
    end: toIso(end),
    owners: analysis.workload.owners.length,
    workingDays: analysis.workingDays,
    warnings: analysis.warnings.map((problem) => formatProblem(problem, session.tr)),
  };
  return { ...summary, text: session.tr('gantt.summary', { count: summary.tasks, start: summary.start, end: summary.end, owners: summary.owners }) };
}

/**
 * Without a Team tab there is nothing for an owner dropdown to list, and a dropdown reading a
 * missing tab cannot be written in Sheets (nor opened cleanly in Excel): owners stay free text.
 */
function withoutTeamDropdowns(spec: TabSpec): TabSpec {
  return { ...spec, validations: (spec.validations ?? []).filter((validation) => validation.rule.type !== 'listFromRange') };
}
