/**
 * SOP schedules (社群SOP排期): the sidebar's state, the line before generating, generating one tab
 * per group (regenerating in place without losing what people typed), and saving a template as a tab
 * people edit in the sheet.
 *
 * A template is referred to by a `ref`: a built-in template's id ("big-class-28d"), or "tab:" and
 * the name of a template tab ("tab:SOP模板·28天大课"), so a saved copy of a built-in template, which
 * keeps the built-in's id, is never mistaken for it.
 */
import { addDays, readDate, toIso, type DaySerial } from '../core/dates';
import { AppError, formatProblem, isAppError, type Problem } from '../core/errors';
import { t, type Lang, type MessageKey } from '../core/i18n';
import { generateSop, previewLine, previewSummary, type SopRow } from '../core/sop/generate';
import { identifySopRows, identifySopTab, templateFromSopTab } from '../core/sop/identify';
import { mergeSop, mergeSummaryLine, readSopTab, type ExistingSopTab as SopTable, type MergeStats } from '../core/sop/merge';
import { SOP_TEXT_COLUMNS, sopColumns, type SopTextColumn } from '../core/sop/columns';
import type { TabContent } from '../core/tab/content';
import { locateOldBlocks, planTableLayout, type LayerStats, type TabUpdate } from '../core/tab/layers';
import { buildSopTab, sopTabName, summaryPointerParts } from '../core/sop/tab';
import { anchorLabel, codeForTemplateId, offsetInWords, templateSpan, type AnchorKind, type SopTemplate } from '../core/sop/template';
import { buildTemplateTab, readTemplateTab, templateTabName } from '../core/sop/template-tab';
import { builtInTemplate, builtInTemplates } from '../core/sop/templates';
import type { SaveTemplateRequest, SopRequest } from '../core/sop/request';
import type { StateRequest } from '../core/request';
import { markerKeyOf, markerOf, sameMarker } from '../core/tab/marker';
import type { CellValue, RangeRef, TabMarker, TabSpec } from '../core/tab/spec';
import { peopleWithRole, roleLabel, ROLES, type Person, type Role } from '../core/team/team';
import { splitList } from '../core/text/split-list';
import type { AppContext, TabInfo } from '../ports';
import { layerSummary, openSession, planTab, readTeam, writeGeneratedTabs, type Session } from './session';
import { refreshTodayBoard } from './today';

export type { SaveTemplateRequest, SopRequest };

/** More groups than this at once is more likely a paste gone wrong than a plan. */
export const MAX_GROUPS = 30;
/** Sheets allows 100 characters in a tab name; "SOP·" and the cohort need room too. */
const MAX_NAME_LENGTH = 40;
const TAB_REF_PREFIX = 'tab:';

export interface SopTemplateChoice {
  ref: string;
  id: string;
  name: string;
  source: 'builtIn' | 'sheet';
  /** The template tab's name; null for a built-in template. */
  tab: string | null;
  anchorKind: AnchorKind;
  /** 开营日 / 直播日 / 建群日 / 活动日, in the user's language. */
  anchorLabel: string;
  /** The roles the template's rows are assigned to, in Team-tab order. */
  roles: Role[];
  rows: number;
  /** "60 个动作 · 开营前7天 → 开营后第20天" ("60 actions · 7 days before camp start → day 20 after camp start"). */
  info: string;
  /** For a template tab that cannot be read: each problem, naming its row and column. Empty otherwise. */
  errors: string[];
}

export interface SopRoleChoice {
  key: Role;
  label: string;
  /** The people of the role on the Team tab, in order: the default owner (or turns, with several groups). */
  people: string[];
}

export interface ExistingSopTab {
  tab: string;
  group: string;
  cohort: string;
  /** The template its row IDs come from; null when none of the listed templates matches. */
  templateRef: string | null;
  /** The anchor date its rows imply (ISO); null when it cannot be told. */
  anchor: string | null;
  /** "28天大课 · 开营日 2026-12-14". */
  line: string;
}

export interface SopState {
  lang: Lang;
  templates: SopTemplateChoice[];
  roles: SopRoleChoice[];
  /** Everyone on the Team tab, for the owner selects. */
  people: string[];
  teamTab: string | null;
  sopTabs: ExistingSopTab[];
  /** The active tab when it is an SOP tab: the sidebar starts from its settings. */
  activeSopTab: string | null;
  /**
   * The template the sidebar starts from: the active template tab (the one just saved, or the one
   * being edited), or the template of the active SOP tab (the one just generated); null otherwise.
   */
  startTemplate: string | null;
  /** A week from today (ISO): SOPs are prepared one to two weeks ahead. */
  suggestedAnchor: string;
  /**
   * False for the quick state a sidebar opens with: of the tabs, only the active one is described (the
   * SOP tab or template tab it is, and the template tab it was made from); the second call lists them all.
   */
  complete: boolean;
}

export type SopField = 'template' | 'anchor' | 'groups' | 'cohort';

export interface SopPreview {
  /** "28 行 · 2026-12-07 → 2027-01-03 · 3 位执行人"; "" when the form has problems. */
  line: string;
  /** The tabs that generating would write, in group order. */
  tabs: string[];
  /** Those of them that exist already and would be updated in place. */
  updates: string[];
  warnings: string[];
  /** What is wrong with each field, in the user's language (nothing when the form is fine). */
  problems: Partial<Record<SopField, string>>;
}

export interface SopTabOutcome {
  tab: string;
  created: boolean;
  rows: number;
  /** "28 行" for a new tab, "+2 行 · 26 行改期 · 0 项丢失" for an updated one. */
  line: string;
}

export interface GenerateSopResult {
  tabs: SopTabOutcome[];
  message: string;
  warnings: string[];
}

export interface SaveTemplateResult {
  tab: string;
  ref: string;
  message: string;
}

interface LoadedTemplate {
  choice: SopTemplateChoice;
  /** null when the template tab cannot be read. */
  template: SopTemplate | null;
  problems: Problem[];
}

interface FieldProblem {
  field: SopField;
  problem: Problem;
}

interface Form {
  template: SopTemplate;
  anchor: DaySerial;
  groups: string[];
  cohort: string;
  assignments: Partial<Record<Role, string>>;
  markCalendar: boolean;
}

export function getSopState(ctx: AppContext, request: Required<StateRequest> = { quick: false }): SopState {
  const session = openSession(ctx);
  const { team, teamTab } = readTeam(ctx);
  if (request.quick) {
    // The active tab only: the template tab it is, or the SOP tab it is (with the template tab it came from).
    const active = ctx.workbook.activeTab();
    const fromTemplate = markerKeyOf(active?.marker, 'sop') ? active?.marker?.about?.template : undefined;
    const custom = fromTemplate && !builtInTemplates(session.lang).some((t) => t.id === fromTemplate) ? fromTemplate : null;
    let templates = loadTemplates(ctx, session, active && isTemplateTab(active) ? [active] : []);
    if (custom) {
      // The template tab saved with that id; one whose id cell was edited since is found among all of them.
      const saved = (accept: (marker: TabMarker) => boolean) => loadTemplates(ctx, session, ctx.workbook.markedTabs(accept));
      templates = saved((marker) => markerKeyOf(marker, 'sop-template')?.template === custom);
      if (!templates.some((t) => t.template?.id === custom)) templates = saved((marker) => marker.kind === 'sop-template');
    }
    const sopTabs = active ? existingSopTabs(ctx, session, templates, [active]) : [];
    return sopState(ctx, session, { team, teamTab, templates, sopTabs, active: active?.name ?? null, complete: false });
  }
  const tabs = ctx.workbook.listTabs();
  const templates = loadTemplates(ctx, session, tabs);
  const sopTabs = existingSopTabs(ctx, session, templates, tabs);
  return sopState(ctx, session, { team, teamTab, templates, sopTabs, active: ctx.workbook.activeTabName(), complete: true });
}

function sopState(
  ctx: AppContext,
  session: Session,
  read: { team: Person[]; teamTab: string | null; templates: LoadedTemplate[]; sopTabs: ExistingSopTab[]; active: string | null; complete: boolean },
): SopState {
  const { team, templates, sopTabs, active } = read;
  const activeTemplateTab = templates.find((t) => t.choice.tab !== null && t.choice.tab === active);
  return {
    lang: session.lang,
    templates: templates.map((t) => t.choice),
    roles: ROLES.map((key) => ({ key, label: roleLabel(key, session.lang), people: peopleWithRole(team, key).map((p) => p.name) })),
    people: team.map((p) => p.name),
    teamTab: read.teamTab,
    sopTabs,
    activeSopTab: sopTabs.some((t) => t.tab === active) ? active : null,
    startTemplate: activeTemplateTab?.choice.ref ?? sopTabs.find((t) => t.tab === active)?.templateRef ?? null,
    suggestedAnchor: toIso(addDays(ctx.clock.today(), 7)),
    complete: read.complete,
  };
}

/** The SOP tabs among `tabs`, each with the template and anchor it was made from (its marker says; an older tab is read). */
function existingSopTabs(ctx: AppContext, session: Session, templates: LoadedTemplate[], tabs: TabInfo[]): ExistingSopTab[] {
  const valid = templates.filter((t): t is LoadedTemplate & { template: SopTemplate } => t.template !== null);
  // A saved copy keeps its built-in's IDs; a tab generated from either is credited to the built-in.
  const byTemplate = valid.map((t) => t.template);
  return tabs
    .flatMap((tab) => {
      const key = markerKeyOf(tab.marker, 'sop');
      return key ? [{ tab, key }] : [];
    })
    .map(({ tab, key: { group, cohort } }): ExistingSopTab => {
      // The marker says what the tab was made from; a tab written before it did is read and recognised by its rows.
      const about = tab.marker?.about;
      const remembered = about?.template ? valid.find((t) => t.template.id === about.template) : undefined;
      const identity = remembered ? null : identifySopTab(ctx.workbook.readTab(tab.name), byTemplate);
      const found = remembered ?? valid.find((t) => t.template === identity?.template);
      const anchor = remembered ? (about?.anchor ?? null) : identity?.anchor == null ? null : toIso(identity.anchor);
      const line = found
        ? session.tr('sop.sidebar.existingLine', { template: found.choice.name, anchorLabel: found.choice.anchorLabel, anchor: anchor ?? '—' })
        : session.tr('sop.sidebar.unknownTemplate');
      return { tab: tab.name, group, cohort, templateRef: found ? found.choice.ref : null, anchor, line };
    });
}

/** The line before generating, and what is wrong with the form. Reads the team and at most one template tab; writes nothing. */
export function previewSop(ctx: AppContext, request: SopRequest): SopPreview {
  const session = openSession(ctx);
  const { team } = readTeam(ctx);
  const { form, problems } = readForm(ctx, session, request);
  if (!form) {
    const byField: Partial<Record<SopField, string>> = {};
    for (const { field, problem } of problems) {
      const text = formatProblem(problem, session.tr);
      byField[field] = byField[field] ? `${byField[field]}\n${text}` : text;
    }
    return { line: '', tabs: [], updates: [], warnings: [], problems: byField };
  }
  const rows: SopRow[] = [];
  let warnings: Problem[] = [];
  form.groups.forEach((group, groupIndex) => {
    const generation = generateSop({ ...generateOptions(form, team, session.lang), group, groupIndex });
    rows.push(...generation.rows);
    if (groupIndex === 0) warnings = generation.warnings;
  });
  const tabs = form.groups.map((group) => sopTabName(group, form.cohort, session.lang));
  const wanted = form.groups.map((group) => markerOf('sop', { group, cohort: form.cohort }));
  const existing = ctx.workbook.markedTabs((marker) => wanted.some((one) => sameMarker(marker, one)));
  const updates = form.groups.flatMap((group) => {
    const tab = existing.find((t) => t.marker !== null && sameMarker(t.marker, markerOf('sop', { group, cohort: form.cohort })));
    return tab ? [tab.name] : [];
  });
  let line = previewLine(previewSummary(rows), session.lang);
  if (form.groups.length > 1) line += ` · ${session.tr('sop.preview.tabs', { count: form.groups.length })}`;
  return { line, tabs, updates, warnings: warnings.map((w) => formatProblem(w, session.tr)), problems: {} };
}

/** What generating would write, built and merged but not written (the CLI's --json prints it). */
export interface SopPlan {
  template: SopTemplate;
  anchor: DaySerial;
  tabs: PlannedSopTab[];
  warnings: string[];
}

interface PlannedSopTab {
  spec: TabSpec;
  group: string;
  rows: SopRow[];
  /** How to update the existing tab; null for a new tab. */
  update: TabUpdate | null;
  /** What regenerating an existing tab changes; null for a new tab. */
  merge: MergeStats | null;
  layers: LayerStats;
}

/**
 * One SOP tab per group. A group whose tab exists (same group and cohort) is merged with it, so
 * typed statuses, proofs, notes, hand-picked owners and hand-added rows survive. Writes nothing:
 * every tab is built before anything is written, so a problem anywhere leaves the workbook as it was.
 */
export function planSop(ctx: AppContext, request: SopRequest): SopPlan {
  const session = openSession(ctx);
  const { team, teamTab } = readTeam(ctx);
  const { form, problems } = readForm(ctx, session, request);
  if (!form) throw new AppError(problems.map((p) => p.problem));
  // Only this run's tabs are asked their names, however many SOP tabs the workbook has.
  const wanted = form.groups.map((group) => markerOf('sop', { group, cohort: form.cohort }));
  const existingTabs = ctx.workbook.markedTabs((marker) => wanted.some((one) => sameMarker(marker, one)));
  const ownerNames = [...new Set([...Object.values(form.assignments), ...team.map((p) => p.name)])].filter((n): n is string => !!n);
  const today = ctx.clock.today();
  const generatedAt = ctx.clock.nowText();
  let warnings: Problem[] = [];

  const tabs = form.groups.map((group, groupIndex): PlannedSopTab => {
    const options = { ...generateOptions(form, team, session.lang), group, groupIndex };
    const generation = generateSop(options);
    if (groupIndex === 0) warnings = generation.warnings;
    const existing = existingTabs.find((tab) => tab.marker !== null && sameMarker(tab.marker, markerOf('sop', { group, cohort: form.cohort })));
    const old = existing ? readExistingSopTab(ctx, existing) : null;
    let rows = generation.rows;
    let merge: MergeStats | null = null;
    if (old) {
      const merged = mergeSop(old.table, rows, session.lang, {
        previousTexts: old.table ? previousTexts(old.table, options) : undefined,
        useTemplateTexts: request.useTemplateTexts === true,
      });
      rows = merged.rows;
      merge = merged.stats;
    }
    const layout = planTableLayout(sopColumns(form.markCalendar), old?.table?.old ?? null, { oldRight: old?.table?.right });
    const spec = buildSopTab({
      rows,
      group,
      cohort: form.cohort,
      template: form.template,
      anchor: form.anchor,
      lang: session.lang,
      teamTabName: teamTab,
      ownerNames,
      markCalendar: form.markCalendar,
      today,
      generatedAt,
      layout,
    });
    const planned = planTab(
      ctx,
      session,
      {
        spec,
        table: { layout, old: old?.table?.old ?? null, sources: rows.map((row) => row.source ?? null), formulaColumns: ['weekday'] },
        blocks: spec.blocks ?? [],
        legacyBlocks: old?.legacyBlocks,
        replacedUserCells: merge ? merge.textsReplaced + merge.datesReplaced : 0,
      },
      existing && old ? { tab: existing, content: old.content } : null,
    );
    return { ...planned, group, rows, merge };
  });
  return { template: form.template, anchor: form.anchor, tabs, warnings: warnings.map((w) => formatProblem(w, session.tr)) };
}

/**
 * An SOP tab of ours as it is now: its content, its table read with the SOP schema, and — for a tab
 * written before the add-on remembered where its summary is — where that summary was. A tab whose
 * table cannot be read is named in the error, and nothing is written.
 */
function readExistingSopTab(ctx: AppContext, tab: TabInfo) {
  const content = ctx.workbook.readTabContent(tab.name);
  const legacyBlocks = tab.marker?.memo?.blocks ? undefined : legacySummaryBlock(content);
  const blocks = locateOldBlocks(content, tab.marker?.memo, legacyBlocks).ranges;
  try {
    return { content, table: readSopTab(content, blocks), legacyBlocks };
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw new AppError(error.problems.map((p) => ({ ...p, location: { ...p.location, tab: tab.name } })));
  }
}

/**
 * For a tab made before the text-check column existed: the texts generation wrote then, found by
 * generating the same template with the anchor the tab's rows imply, so that a script whose date
 * moved with the anchor is not taken for an edit.
 */
function previousTexts(table: SopTable, options: Parameters<typeof generateSop>[0]): Map<string, Partial<Record<SopTextColumn, string>>> | undefined {
  if (table.header.columns.generatedTexts !== undefined) return undefined;
  const anchor = identifySopRows(
    table.rows.map((row) => row.cells),
    [options.template],
  ).anchor;
  if (anchor === null) return undefined;
  const previous = new Map<string, Partial<Record<SopTextColumn, string>>>();
  for (const row of generateSop({ ...options, anchor }).rows) {
    const texts: Partial<Record<SopTextColumn, string>> = {};
    for (const column of SOP_TEXT_COLUMNS) texts[column] = row[column];
    previous.set(row.id, texts);
  }
  return previous;
}

/**
 * Where the summary of an SOP tab written before the add-on remembered it lies: five columns from the
 * cell titled 按阶段 / 按执行人 (either language) down to its last filled row. Older tabs have it in
 * row 1, right of the table; later ones below the table, under the header-row cell that points to it
 * (汇总 ↓ 在第 N 行), which is the add-on's too.
 */
function legacySummaryBlock(content: TabContent): RangeRef[] | undefined {
  const langs: Lang[] = ['zh-CN', 'en'];
  const titles = langs.flatMap((lang) => [t(lang, 'sop.summary.byPhase'), t(lang, 'sop.summary.byOwner')]);
  const pointers = langs.map((lang) => summaryPointerParts(lang)[0]);
  const header = content.values[0] ?? [];
  const isTitle = (cell: CellValue | undefined): boolean => titles.includes(String(cell ?? ''));
  const inRowOne = header.findIndex(isTitle);
  const pointed = header.findIndex((cell) => typeof cell === 'string' && pointers.some((start) => cell.startsWith(start)));
  const col = inRowOne >= 0 ? inRowOne : pointed;
  if (col < 0) return undefined;
  const top = inRowOne >= 0 ? 0 : content.values.findIndex((line, r) => r > 0 && isTitle(line[col]));
  if (top < 0) return undefined;
  let rows = 1;
  content.values.forEach((line, r) => {
    if (r >= top && line.slice(col, col + 5).some((cell) => cell !== null && cell !== '')) rows = r - top + 1;
  });
  const summary = { row: top, col, rows, cols: 5 };
  return top > 0 ? [{ row: 0, col, rows: 1, cols: 5 }, summary] : [summary];
}

/** Generates (or updates in place) one SOP tab per group, and says what changed in a toast. */
export function generateSopTabs(ctx: AppContext, request: SopRequest): GenerateSopResult {
  const session = openSession(ctx);
  const plan = planSop(ctx, request);
  if (plan.tabs.length > 1) ctx.ui.toast(session.tr('sop.generating', { count: plan.tabs.length }), session.tr('app.name'));
  const results = writeGeneratedTabs(ctx, plan.tabs);
  // A new SOP tab joins the Today board (only it is read: the board says what it follows). A
  // regenerated one is on it already: the board follows its rows by position, with room to spare.
  const board = results.some((result) => result.created) ? refreshTodayBoard(ctx) : null;
  const outcomes: SopTabOutcome[] = results.map((result, i) => {
    const planned = plan.tabs[i];
    const line = planned.merge
      ? mergeSummaryLine(planned.merge, session.lang, layerSummary(planned.layers, result.oldVersion, session.tr), planned.layers.lost)
      : session.tr('sop.count.rows.other', { count: planned.rows.length });
    return { tab: result.name, created: result.created, rows: planned.rows.length, line };
  });
  const message = [
    ...outcomes.map((o) =>
      o.created ? session.tr('sop.generated.new', { tab: o.tab, rows: o.rows }) : session.tr('sop.generated.merged', { tab: o.tab, line: o.line }),
    ),
    ...(board?.keptAside ? [board.keptAside] : []),
  ].join(session.tr('sop.generated.join'));
  ctx.ui.toast(message, session.tr('app.name'));
  return { tabs: outcomes, message, warnings: plan.warnings };
}

/**
 * Writes a template tab "SOP模板·<name>" people then edit in the sheet: a copy of the chosen template,
 * or the rows of an SOP tab as they stand (day offsets from its anchor date). An existing template
 * tab is never written over: the copy gets an id of its own (and keeps the ID prefix, so tabs
 * generated from it keep their row IDs).
 */
export function saveSopTemplate(ctx: AppContext, request: SaveTemplateRequest): SaveTemplateResult {
  const session = openSession(ctx);
  const tabs = ctx.workbook.listTabs();
  const source = request?.fromTab
    ? templateFromTab(ctx, session, tabs, request.fromTab, request.anchor)
    : resolveTemplate(ctx, session, (name) => tabs.find((t) => t.name === name) ?? null, request?.template ?? '');
  const takenIds = new Set(tabs.flatMap((tab) => markerKeyOf(tab.marker, 'sop-template')?.template ?? []));
  let id = source.id;
  for (let n = 2; takenIds.has(id); n++) id = `${source.id}-${n}`;
  const [result] = writeGeneratedTabs(ctx, [buildTemplateTab({ ...source, id }, session.lang)]);
  const message = session.tr('sop.templateSaved', { tab: result.name });
  ctx.ui.toast(message, session.tr('app.name'));
  return { tab: result.name, ref: TAB_REF_PREFIX + result.name, message };
}

function generateOptions(form: Form, team: Person[], lang: Lang) {
  return {
    template: form.template,
    anchor: form.anchor,
    cohort: form.cohort,
    team,
    assignments: form.assignments,
    lang,
    markCalendar: form.markCalendar,
  };
}

/** Template tabs: ours, and tabs named like one (a template tab duplicated in Sheets loses our marker). */
function isTemplateTab(tab: TabInfo): boolean {
  if (tab.marker) return tab.marker.kind === 'sop-template';
  return (['zh-CN', 'en'] as Lang[]).some((lang) => {
    const prefix = templateTabName('', lang);
    return tab.name.startsWith(prefix) && tab.name.length > prefix.length;
  });
}

function choiceOf(session: Session, template: SopTemplate, source: SopTemplateChoice['source'], tab: string | null): SopTemplateChoice {
  const { first, last } = templateSpan(template);
  const label = anchorLabel(template.anchorKind, session.lang);
  return {
    ref: tab === null ? template.id : TAB_REF_PREFIX + tab,
    id: template.id,
    name: template.name,
    source,
    tab,
    anchorKind: template.anchorKind,
    anchorLabel: label,
    roles: ROLES.filter((role) => template.rows.some((row) => row.role === role)),
    rows: template.rows.length,
    info: session.tr('sop.sidebar.templateInfo', {
      rows: template.rows.length,
      first: offsetInWords(first, template.anchorKind, session.lang),
      last: offsetInWords(last, template.anchorKind, session.lang),
    }),
    errors: [],
  };
}

function loadTemplateTab(ctx: AppContext, session: Session, tab: string): LoadedTemplate {
  try {
    const template = readTemplateTab(ctx.workbook.readTab(tab), tab);
    return { choice: choiceOf(session, template, 'sheet', tab), template, problems: [] };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const broken: SopTemplate = { id: tab, name: tab, code: 'T', anchorKind: 'campStart', phases: [], rows: [] };
    const choice = { ...choiceOf(session, broken, 'sheet', tab), info: '', errors: error.problems.map((p) => formatProblem(p, session.tr)) };
    return { choice, template: null, problems: error.problems };
  }
}

function loadTemplates(ctx: AppContext, session: Session, tabs: TabInfo[]): LoadedTemplate[] {
  const builtIns = builtInTemplates(session.lang).map((template) => ({ choice: choiceOf(session, template, 'builtIn', null), template, problems: [] }));
  return [...builtIns, ...tabs.filter(isTemplateTab).map((tab) => loadTemplateTab(ctx, session, tab.name))];
}

/** The template a ref names; AppError when it names none, or a template tab that cannot be read (with its problems). */
function resolveTemplate(ctx: AppContext, session: Session, findTab: (name: string) => TabInfo | null, ref: string): SopTemplate {
  if (ref.startsWith(TAB_REF_PREFIX)) {
    const name = ref.slice(TAB_REF_PREFIX.length);
    const tab = findTab(name);
    if (!tab || !isTemplateTab(tab)) throw new AppError({ code: 'error.tabNotFound', params: { tab: name } });
    const loaded = loadTemplateTab(ctx, session, name);
    if (!loaded.template) throw new AppError([{ code: 'sop.error.brokenTemplate', params: { tab: name } }, ...loaded.problems]);
    return loaded.template;
  }
  return builtInTemplate(ref, session.lang);
}

function templateFromTab(ctx: AppContext, session: Session, tabs: TabInfo[], tabName: string, anchorText: string | undefined): SopTemplate {
  const tab = tabs.find((t) => t.name === tabName);
  if (!tab) throw new AppError({ code: 'error.tabNotFound', params: { tab: tabName } });
  const key = markerKeyOf(tab.marker, 'sop');
  if (!key) throw new AppError({ code: 'sop.error.notSopTab', params: { tab: tabName } });
  const grid = ctx.workbook.readTab(tabName);
  const known = loadTemplates(ctx, session, tabs).flatMap((t) => (t.template ? [t.template] : []));
  const identity = identifySopTab(grid, known);
  let anchor = identity.anchor ?? null;
  if (anchor === null && anchorText) {
    const reading = readDate(anchorText);
    if (!('value' in reading)) throw new AppError({ code: reading.problem, params: reading.params });
    anchor = reading.value;
  }
  if (anchor === null) {
    const label = anchorLabel(identity.template?.anchorKind ?? 'campStart', session.lang);
    throw new AppError({ code: 'sop.error.noAnchor', params: { anchorLabel: label } });
  }
  const { group, cohort } = key;
  const base = identity.template;
  const name = cohort ? `${group}·${cohort}` : group;
  const id = base ? base.id : `sop-${group}`;
  return templateFromSopTab(grid, {
    id,
    name,
    code: base ? base.code : codeForTemplateId(id),
    anchor,
    base,
    team: readTeam(ctx).team,
    group,
    cohort,
    lang: session.lang,
  });
}

/**
 * A group or cohort name longer than a tab name can show. Any character is fine: each target fits the
 * tab name to its own rules (core/tab/names.ts), so 节气/节日促销 is a group like any other.
 */
function badNameProblem(value: string): Problem | null {
  if (Array.from(value).length > MAX_NAME_LENGTH) {
    return { code: 'sop.error.badName', params: { value, max: MAX_NAME_LENGTH } };
  }
  return null;
}

/** The form read and checked: every problem at once, by field. */
function readForm(ctx: AppContext, session: Session, request: SopRequest): { form: Form | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const add = (field: SopField, code: MessageKey, params?: Problem['params']): void => {
    problems.push({ field, problem: { code, params } });
  };
  const input = request ?? ({} as SopRequest);

  let template: SopTemplate | null = null;
  try {
    template = resolveTemplate(ctx, session, (name) => ctx.workbook.findTab(name), String(input.template ?? ''));
  } catch (error) {
    if (!isAppError(error)) throw error;
    for (const problem of error.problems) problems.push({ field: 'template', problem });
  }

  const anchorText = String(input.anchor ?? '').trim();
  // The date as any table reads it (2026-12-07, 2026/12/7, 2026年12月7日…), within 2000–2100.
  const anchorReading = readDate(anchorText);
  const anchor = 'value' in anchorReading ? anchorReading.value : null;
  if (!anchorText) add('anchor', 'sop.error.noAnchor', { anchorLabel: anchorLabel(template?.anchorKind ?? 'campStart', session.lang) });
  else if (!('value' in anchorReading)) add('anchor', anchorReading.problem, anchorReading.params);

  const groups = splitList(input.groups);
  if (groups.length === 0) add('groups', 'sop.error.noGroups');
  if (groups.length > MAX_GROUPS) add('groups', 'sop.error.tooManyGroups', { max: MAX_GROUPS, count: groups.length });
  const seen = new Set<string>();
  for (const group of groups) {
    const bad = badNameProblem(group);
    if (bad) problems.push({ field: 'groups', problem: bad });
    if (seen.has(group)) add('groups', 'sop.error.duplicateGroup', { value: group });
    seen.add(group);
  }

  const cohort = String(input.cohort ?? '').trim();
  const badCohort = cohort ? badNameProblem(cohort) : null;
  if (badCohort) problems.push({ field: 'cohort', problem: badCohort });

  const assignments: Partial<Record<Role, string>> = {};
  for (const role of ROLES) {
    const person = input.assignments?.[role];
    if (typeof person === 'string' && person.trim()) assignments[role] = person.trim();
  }

  if (problems.length > 0 || !template || anchor === null) return { form: null, problems };
  return { form: { template, anchor, groups, cohort, assignments, markCalendar: input.markCalendar === true }, problems };
}
