/**
 * Monthly activity calendar (issue 5): the activity list tab, calendar tabs for a month, several
 * months or a quarter read live from a list (ours or a pasted one), the warnings block with group
 * pushes counted from the SOP tabs, Draft month, and Refresh.
 *
 * Lists. Our list tab (marker 'activities') is updated in place, layer by layer: its rows keep their
 * places with everything people put on them (their own columns, notes, hidden rows, colours), the
 * add-on's cells of them are written back as read, and drafts are inserted below. A pasted list is
 * never written to (the Workbook port never overwrites a tab that is not ours), so Draft month on it
 * first copies its rows into our list tab — after the user agreed (`convert`) — and appends there;
 * the calendars that read the pasted tab then read the copy. The pasted tab stays exactly as it was.
 *
 * Calendars. A calendar tab says which list it reads (its "活动来源" row) and its week start (its
 * weekday header): Refresh reads both back and regenerates each calendar from its own list.
 */
import {
  ACTIVITY_FIELDS,
  ACTIVITY_SCHEMA,
  activityGridRows,
  activityListKey,
  activityListLang,
  buildActivityListTab,
  convertPastedList,
  findActivityLayout,
  keptListLines,
  looksLikeActivityList,
  readActivityGrid,
  type Activity,
  type ActivityList,
  type ActivityRow,
} from '../core/calendar/activities';
import type { ActivityListRef } from '../core/calendar/day-slots';
import {
  draftMonth as proposeDrafts,
  draftNotes,
  draftPreview,
  draftToJson,
  normalizeRhythm,
  DEFAULT_RHYTHM,
  type DraftJsonRow,
  type DraftPreviewLine,
  type Rhythm,
} from '../core/calendar/draft';
import { addMonths, calendarMonth, calendarToJson, monthKey, parseMonthKey, type CalendarJson } from '../core/calendar/grid';
import { addUpPushes, countGroupPushes, markerPushes, sameSopRows, sopRowsAbout } from '../core/calendar/pushes';
import type { StateRequest } from '../core/request';
import type { CalendarSpan, DraftMonthInput, GenerateCalendarInput } from '../core/calendar/request';
import { buildCalendarTab, buildQuarterTab, calendarPeriodKey, readCalendarPeriodKey, readCalendarSource, type CalendarPeriod } from '../core/calendar/tab';
import type { GroupPushCount } from '../core/calendar/warnings';
import { firstOfMonth, fromIso, lastOfMonth, ymdFromSerial, type DaySerial } from '../core/dates';
import { AppError } from '../core/errors';
import type { Lang } from '../core/i18n';
import type { WeekStart } from '../core/settings';
import { sheetsTabName } from '../core/tab/names';
import { markerKeyOf, markerOf, sameMarker, type MarkerKeyOf } from '../core/tab/marker';
import type { CellValue, TabMarker, TabSpec } from '../core/tab/spec';
import { readExistingTable } from '../core/table/existing';
import type { AppContext, TabInfo } from '../ports';
import {
  CANDIDATE_HEAD_ROWS,
  findGeneratedTab,
  layerSummary,
  openSession,
  planGridTab,
  planRowTab,
  readTeam,
  writeGeneratedTabs,
  type PlannedTab,
  type Session,
} from './session';

export type { CalendarSpan, DraftMonthInput, GenerateCalendarInput };

export interface ActivityListInfo {
  name: string;
  /** Our list tab (may be appended to) rather than a pasted one (read only). */
  ours: boolean;
}

export interface CalendarState {
  lang: Lang;
  /** Next month after the 20th, else this month ("2026-12"). */
  defaultMonth: string;
  weekStart: WeekStart;
  lists: ActivityListInfo[];
  /** Our list if there is one, else the first pasted list; null when there is none. */
  defaultList: string | null;
  calendars: Array<{ name: string; key: string }>;
  rhythm: Rhythm;
  /** False for the quick state a sidebar opens with: our list and the active tab only, no calendars listed. */
  complete: boolean;
}

export interface GenerateCalendarResult {
  tabs: string[];
  /** "2026-12", or "2026-Q4" for a quarter. */
  keys: string[];
  activities: number;
  warnings: number;
  message: string;
}

export interface DraftMonthResult {
  /** Set (and nothing written) when the list is a pasted tab and `convert` was not given. */
  needsConversion: { tab: string; rows: number; target: string } | null;
  drafts: DraftJsonRow[];
  /** The drafts as the sidebar lists them, each with its warnings (a promotion or a public holiday on its days). */
  preview: DraftPreviewLine[];
  /** The list the drafts went to; null when nothing was written. */
  listTab: string | null;
  calendars: string[];
  message: string;
}

/** Every list in the workbook, ours first, then pasted tabs whose header names an activity list. */
export function findActivityLists(ctx: AppContext): ActivityListInfo[] {
  const tabs = ctx.workbook.listTabs();
  const ours = tabs.filter((tab) => tab.marker?.kind === 'activities').map((tab) => ({ name: tab.name, ours: true }));
  const pasted = tabs
    .filter((tab) => tab.marker === null && looksLikeActivityList(ctx.workbook.readTabHead(tab.name, CANDIDATE_HEAD_ROWS)))
    .map((tab) => ({ name: tab.name, ours: false }));
  return [...ours, ...pasted];
}

export function getCalendarState(ctx: AppContext, request: Required<StateRequest> = { quick: false }): CalendarState {
  const session = openSession(ctx);
  const lists = request.quick ? quickActivityLists(ctx) : findActivityLists(ctx);
  const today = ymdFromSerial(ctx.clock.today());
  const next = today.day > 20 ? addMonths(today.year, today.month, 1) : today;
  return {
    lang: session.lang,
    defaultMonth: monthKey(next.year, next.month),
    weekStart: session.settings.weekStart,
    lists,
    defaultList: lists[0]?.name ?? null,
    calendars: request.quick
      ? []
      : ctx.workbook
          .markedTabs((marker) => marker.kind === 'calendar')
          .flatMap((tab) => {
            const key = markerKeyOf(tab.marker, 'calendar');
            return key ? [{ name: tab.name, key: key.months }] : [];
          }),
    rhythm: { ...DEFAULT_RHYTHM },
    complete: !request.quick,
  };
}

/** Our list, and the active tab when it is a pasted list: what the sidebar opens with, without listing every tab. */
function quickActivityLists(ctx: AppContext): ActivityListInfo[] {
  const ours = ctx.workbook.markedTabs((marker) => marker.kind === 'activities').map((tab) => ({ name: tab.name, ours: true }));
  const active = ctx.workbook.activeTab();
  const pasted = active && active.marker === null && looksLikeActivityList(ctx.workbook.readTabHead(active.name, CANDIDATE_HEAD_ROWS));
  return pasted ? [...ours, { name: active.name, ours: false }] : ours;
}

export interface CreateListResult {
  tab: string;
  created: boolean;
  message: string;
}

/** Creates our activity list tab (headers, dropdowns), or opens it when it exists: it is never emptied. */
export function createActivityList(ctx: AppContext): CreateListResult {
  const session = openSession(ctx);
  const existing = findGeneratedTab(ctx, 'activities', activityListKey(null));
  if (existing) {
    ctx.workbook.activate(existing.name);
    const message = session.tr('calendar.listExists', { tab: existing.name });
    ctx.ui.toast(message, session.tr('app.name'));
    return { tab: existing.name, created: false, message };
  }
  const [result] = writeGeneratedTabs(ctx, [buildActivityListTab(session.lang, readTeam(ctx).teamTab)]);
  const message = session.tr('calendar.listCreated', { tab: result.name });
  ctx.ui.toast(message, session.tr('app.name'));
  return { tab: result.name, created: true, message };
}

/** What one calendar tab is: a month or a quarter, from which list, which week start. */
interface CalendarPlan {
  year: number;
  months: number[];
  quarter: 1 | 2 | 3 | 4 | null;
  weekStart: WeekStart;
  list: string;
}

interface ReadList extends ActivityList {
  ref: ActivityListRef;
}

/** Reads lists at most once per run; a list with a mistake anywhere stops the run before any write. */
class ListReader {
  private readonly cache = new Map<string, ReadList>();
  constructor(
    private readonly ctx: AppContext,
    private readonly session: Session,
  ) {}

  read(name: string): ReadList {
    const cached = this.cache.get(name);
    if (cached) return cached;
    if (!this.ctx.workbook.findTab(name)) throw new AppError({ code: 'error.tabNotFound', params: { tab: name } });
    const grid = this.ctx.workbook.readTab(name);
    const read = fromGrid(name, grid, this.session.lang);
    this.cache.set(name, read);
    return read;
  }
}

function fromGrid(name: string, grid: CellValue[][], lang: Lang): ReadList {
  const list = readActivityGrid(grid, { tab: name, lang });
  return { ...list, ref: { tabName: name, layout: list.layout, gridRows: grid.length } };
}

function defaultList(ctx: AppContext): string {
  const first = findActivityLists(ctx)[0];
  if (!first) throw new AppError({ code: 'calendar.error.noList' });
  return first.name;
}

function checkWeekStart(value: unknown, session: Session): WeekStart {
  if (value === undefined || value === null || value === '') return session.settings.weekStart;
  if (value !== 'mon' && value !== 'sun') throw new AppError({ code: 'calendar.error.weekStart', params: { value: String(value) } });
  return value;
}

function plansFor(input: GenerateCalendarInput, session: Session, list: string): CalendarPlan[] {
  const { year, month } = parseMonthKey(input.month);
  const weekStart = checkWeekStart(input.weekStart, session);
  const span = input.span ?? 'month';
  if (span === 'quarter') {
    const quarter = Math.ceil(month / 3) as 1 | 2 | 3 | 4;
    const first = (quarter - 1) * 3 + 1;
    return [{ year, months: [first, first + 1, first + 2], quarter, weekStart, list }];
  }
  const count = span === 'months' ? Number(input.count ?? 3) : 1;
  if (!Number.isInteger(count) || count < 1 || count > 12) throw new AppError({ code: 'calendar.error.monthCount', params: { value: String(input.count) } });
  return Array.from({ length: count }, (_, i) => {
    const next = addMonths(year, month, i);
    return { year: next.year, months: [next.month], quarter: null, weekStart, list };
  });
}

/** The plan of an existing calendar tab, from its marker key and what it says about itself. */
function planOfTab(ctx: AppContext, session: Session, tab: TabInfo, fallbackList: () => string): CalendarPlan | null {
  const key = markerKeyOf(tab.marker, 'calendar');
  const period = key && readCalendarPeriodKey(key);
  if (!period) return null;
  const source = readCalendarSource(ctx.workbook.readTab(tab.name));
  const list = source.listTab && ctx.workbook.findTab(source.listTab) ? source.listTab : fallbackList();
  const weekStart = source.weekStart ?? session.settings.weekStart;
  if ('quarter' in period) {
    const first = (period.quarter - 1) * 3 + 1;
    return { year: period.year, months: [first, first + 1, first + 2], quarter: period.quarter, weekStart, list };
  }
  return { year: period.year, months: [period.month], quarter: null, weekStart, list };
}

/** The month or the quarter a plan draws. */
function periodOf(plan: CalendarPlan): CalendarPeriod {
  return plan.quarter ? { year: plan.year, quarter: plan.quarter } : { year: plan.year, month: plan.months[0] };
}

/**
 * Planned group pushes from the SOP tabs (marker 'sop'), for the WeCom cap warning. Given the days a
 * run shows, an SOP tab whose marker says its rows lie wholly outside them is not read: a workbook
 * keeps the tabs of past cohorts, and this month's calendar need not read them all. An SOP tab's
 * marker keeps its pushes per day (core/calendar/pushes.ts, `sopRowsAbout`: written with the tab,
 * brought up to date when someone edits it, `rememberSopRows`), so only a tab written by an earlier
 * version, whose marker keeps none, is read — without asking its name.
 */
export function readGroupPushes(ctx: AppContext, shown?: { first: DaySerial; last: DaySerial }): GroupPushCount[] {
  const overlaps = (marker: TabMarker): boolean => {
    const first = marker.about?.first ? fromIso(marker.about.first) : null;
    const last = marker.about?.last ? fromIso(marker.about.last) : null;
    return !shown || first === null || last === null || (first <= shown.last && last >= shown.first);
  };
  const shownSop = (marker: TabMarker): boolean => marker.kind === 'sop' && overlaps(marker);
  // Each marker's kept counts, parsed once: they are taken, and tell which tabs need reading.
  const keptOf = new Map<TabMarker, GroupPushCount[] | null>();
  const keptPushes = (marker: TabMarker): GroupPushCount[] | null => {
    if (!keptOf.has(marker)) keptOf.set(marker, markerPushes(marker, groupOf(marker)));
    return keptOf.get(marker) ?? null;
  };
  const kept = ctx.workbook.tabMarkers(shownSop).flatMap((marker) => keptPushes(marker) ?? []);
  const unkept = ctx.workbook.readMarkedTabs((marker) => shownSop(marker) && keptPushes(marker) === null);
  const read = countGroupPushes(unkept.map(({ marker, values }) => ({ name: '', group: groupOf(marker), grid: values })));
  return addUpPushes([...kept, ...read]);
}

/** The group an SOP tab's marker names. */
function groupOf(marker: TabMarker): string {
  return markerKeyOf(marker, 'sop')?.group ?? '';
}

/**
 * SOP tabs an action has read anyway (a Today board built from its sources, the daily reminders):
 * each marker is brought up to date as rememberSopRows does — a row deleted by hand fires no onEdit,
 * and a collaborator without the add-on runs none — writing only where the rows changed. Returns how
 * many it rewrote.
 */
export function rememberReadSopRows(ctx: AppContext, read: ReadonlyArray<{ tab: string; grid: ReadonlyArray<ReadonlyArray<CellValue>> }>): number {
  let rewritten = 0;
  for (const { tab, grid } of read) if (rememberRows(ctx, tab, () => grid)) rewritten++;
  return rewritten;
}

/**
 * After a person edited an SOP tab (Sheets' onEdit, the playground's typing): its marker's days and
 * group pushes are counted again from the tab as it now is, and the marker rewritten when they
 * changed, so the next calendar counts a re-dated or added 群发 row without reading the tab. Returns
 * whether it rewrote the marker. Any other tab: nothing is read beyond its marker.
 */
export function rememberSopRows(ctx: AppContext, tab: string): boolean {
  return rememberRows(ctx, tab, () => ctx.workbook.readTab(tab));
}

/**
 * Rewrites the marker of an SOP tab when its rows (`grid`, asked only for an SOP tab) now say other
 * days or pushes; whether it did. Any other tab: false.
 */
function rememberRows(ctx: AppContext, tab: string, grid: () => ReadonlyArray<ReadonlyArray<CellValue>>): boolean {
  const marker = ctx.workbook.findTab(tab)?.marker;
  if (marker?.kind !== 'sop') return false;
  const about = sopRowsAbout(groupOf(marker), grid());
  if (sameSopRows(marker.about, about)) return false;
  const { first: _first, last: _last, pushes: _pushes, ...made } = marker.about ?? {};
  ctx.workbook.rememberAbout(tab, { ...made, ...about });
  return true;
}

interface BuiltCalendar {
  spec: TabSpec;
  key: string;
  activities: number;
  warnings: number;
}

function buildCalendar(ctx: AppContext, session: Session, plan: CalendarPlan, list: ReadList, pushes: GroupPushCount[]): BuiltCalendar {
  const base = {
    year: plan.year,
    weekStart: plan.weekStart,
    activities: list.activities,
    list: list.ref,
    lang: session.lang,
    today: ctx.clock.today(),
    overloadThreshold: session.settings.overloadThreshold,
    pushesByGroupDay: pushes,
  };
  const spec = plan.quarter ? buildQuarterTab({ ...base, quarter: plan.quarter }) : buildCalendarTab({ ...base, month: plan.months[0] });
  const first = firstOfMonth(plan.year, plan.months[0]);
  const last = lastOfMonth(plan.year, plan.months[plan.months.length - 1]);
  let warnings = 0;
  for (const month of plan.months) warnings += calendarMonth({ ...base, month }).warnings.length;
  return { spec, key: calendarPeriodKey(periodOf(plan)).months, activities: countIn(list.activities, first, last), warnings };
}

/** Activities of the period that show on the calendar (cancelled ones do not). */
function countIn(activities: Activity[], first: number, last: number): number {
  return activities.filter((activity) => activity.status !== 'cancelled' && activity.start <= last && activity.end >= first).length;
}

/** Generates (or regenerates) the calendar tab(s) of a month, several months or a quarter. */
export function generateCalendar(ctx: AppContext, input: GenerateCalendarInput): GenerateCalendarResult {
  const session = openSession(ctx);
  // The month is checked before anything is read, so a typo is reported as such.
  parseMonthKey(input.month);
  const listName = input.list || defaultList(ctx);
  const plans = plansFor(input, session, listName);
  const list = new ListReader(ctx, session).read(listName);
  const pushes = readGroupPushes(ctx, daysShown(plans));
  const built = plans.map((plan) => buildCalendar(ctx, session, plan, list, pushes));
  const planned = built.map((b) => planGridTab(ctx, session, b.spec));
  const results = writeGeneratedTabs(ctx, planned);
  const keys = built.map((b) => b.key);
  const activities = plans.length === 1 ? built[0].activities : countAcross(list.activities, plans);
  const warnings = built.reduce((sum, b) => sum + b.warnings, 0);
  const message = [
    session.tr('calendar.generated', { months: keys.join(session.tr('calendar.joiner')), activities, warnings }),
    ...results.flatMap((result, i) => layerSummary(planned[i].layers, result.oldVersion, session.tr)),
  ].join(' · ');
  ctx.ui.toast(message, session.tr('app.name'));
  return { tabs: results.map((r) => r.name), keys, activities, warnings, message };
}

/** The days from the first month of the plans to the last (a calendar shows only its own month's days). */
function daysShown(plans: readonly CalendarPlan[]): { first: DaySerial; last: DaySerial } {
  const firsts = plans.map((plan) => firstOfMonth(plan.year, Math.min(...plan.months)));
  const lasts = plans.map((plan) => lastOfMonth(plan.year, Math.max(...plan.months)));
  return { first: Math.min(...firsts), last: Math.max(...lasts) };
}

function countAcross(activities: Activity[], plans: CalendarPlan[]): number {
  const first = plans[0];
  const last = plans[plans.length - 1];
  return countIn(activities, firstOfMonth(first.year, first.months[0]), lastOfMonth(last.year, last.months[last.months.length - 1]));
}

/** The calendar's data as `calendar --json` prints it, from a list in the workbook. */
export function calendarJson(ctx: AppContext, input: { month: string; weekStart?: WeekStart; list?: string }): CalendarJson {
  const session = openSession(ctx);
  const { year, month } = parseMonthKey(input.month);
  const weekStart = checkWeekStart(input.weekStart, session);
  const list = new ListReader(ctx, session).read(input.list || defaultList(ctx));
  const calendar = calendarMonth({
    year,
    month,
    weekStart,
    activities: list.activities,
    lang: session.lang,
    overloadThreshold: session.settings.overloadThreshold,
    pushesByGroupDay: readGroupPushes(ctx, { first: firstOfMonth(year, month), last: lastOfMonth(year, month) }),
  });
  return calendarToJson(calendar);
}

export interface RefreshResult {
  tabs: string[];
  message: string;
}

/**
 * Regenerates every calendar tab from its own list (or the default list when that tab is gone), with
 * today's warnings and group pushes. Every list is read before anything is written.
 */
export function refreshCalendars(ctx: AppContext): RefreshResult {
  const session = openSession(ctx);
  const calendars = ctx.workbook.markedTabs((marker) => marker.kind === 'calendar');
  let fallback: string | null = null;
  const fallbackList = (): string => (fallback ??= defaultList(ctx));
  const plans = calendars.map((tab) => planOfTab(ctx, session, tab, fallbackList)).filter((plan): plan is CalendarPlan => plan !== null);
  if (!plans.length) {
    const message = session.tr('calendar.refreshedNone');
    ctx.ui.toast(message, session.tr('app.name'));
    return { tabs: [], message };
  }
  const reader = new ListReader(ctx, session);
  const pushes = readGroupPushes(ctx, daysShown(plans));
  const planned = plans.map((plan) => planGridTab(ctx, session, buildCalendar(ctx, session, plan, reader.read(plan.list), pushes).spec));
  const results = writeGeneratedTabs(ctx, planned);
  const tabs = results.map((r) => r.name);
  const message = [
    session.tr('calendar.refreshed', { count: tabs.length, tabs: tabs.join(session.tr('calendar.joiner')) }),
    ...results.flatMap((result, i) => layerSummary(planned[i].layers, result.oldVersion, session.tr)),
  ].join(' · ');
  ctx.ui.toast(message, session.tr('app.name'));
  return { tabs, message };
}

/**
 * Draft month: appends the rhythm's proposals (status 草稿) to the activity list — never changing
 * a row it has — then regenerates the calendars that read that list, and the month's calendar.
 * Without any list, our list tab is created to hold the drafts. A pasted list is first copied into
 * our list tab, only with `convert` (the sidebar asks); without it nothing is written.
 */
export function draftMonth(ctx: AppContext, input: DraftMonthInput): DraftMonthResult {
  const session = openSession(ctx);
  const { tr, lang } = session;
  const { year, month } = parseMonthKey(input.month);
  const rhythm = normalizeRhythm(input.rhythm ?? {});
  const weekStart = checkWeekStart(input.weekStart, session);
  // Looking for lists reads every tab that might be one: only when the request names none.
  const listName = input.list || findActivityLists(ctx)[0]?.name || null;
  const source = listName === null ? null : ctx.workbook.findTab(listName);
  if (listName !== null && !source) throw new AppError({ code: 'error.tabNotFound', params: { tab: listName } });
  if (source && source.marker !== null && source.marker.kind !== 'activities') {
    throw new AppError({ code: 'calendar.error.notAList', params: { tab: source.name } });
  }

  const grid = source ? ctx.workbook.readTab(source.name) : null;
  const read = grid && source ? fromGrid(source.name, grid, lang) : null;
  const existing = read?.activities ?? [];
  const listRows = { activities: existing, rows: grid ? activityGridRows(grid) : [], headerRow: read?.layout.headerRow ?? 0 };
  const drafts = proposeDrafts({ year, month, rhythm, existing, lang, weekStart, team: readTeam(ctx).team });
  const preview = draftPreview(drafts, existing, lang);
  const key = monthKey(year, month);
  const ours = !source || source.marker !== null;
  if (!drafts.length) {
    const message = tr('calendar.draftedNone', { month: key, tab: listName ?? tr('calendar.listTabName') });
    return { needsConversion: null, drafts: [], preview: [], listTab: null, calendars: [], message };
  }

  let planned: PlannedTab;
  if (ours) {
    planned = planListTab(ctx, session, drafts, listRows, source ? { tab: source, grid: grid ?? [] } : { copy: null, key: activityListKey(null) });
  } else {
    const pasted = source as TabInfo;
    const rows = existing.length;
    const target = conversionTarget(ctx.workbook.listTabs(), pasted.name, session);
    if (!input.convert) {
      const message = tr('calendar.needsConversion', { tab: pasted.name, rows, target: target.name });
      return { needsConversion: { tab: pasted.name, rows, target: target.name }, drafts: draftToJson(drafts), preview, listTab: null, calendars: [], message };
    }
    planned = planListTab(ctx, session, drafts, listRows, { copy: convertPastedList(grid ?? [], lang), key: target.key });
  }

  const pushes = readGroupPushes(ctx);
  // The calendars to regenerate: those reading the list (or the pasted tab it was copied from), plus this month's.
  const calendarTabs = ctx.workbook.markedTabs((marker) => marker.kind === 'calendar');
  const { written, calendars, layers } = ctx.workbook.withLock(() => {
    const written = ctx.workbook.writeTab(planned.spec, planned.update);
    // Read back as it now is: the user's columns may sit between ours, and the calendars read it there.
    const list = fromGrid(written.name, ctx.workbook.readTab(written.name), lang);
    const plans: CalendarPlan[] = [];
    for (const tab of calendarTabs) {
      const plan = planOfTab(ctx, session, tab, () => written.name);
      if (plan && (plan.list === listName || plan.list === written.name)) plans.push({ ...plan, list: written.name });
    }
    const covered = plans.some((plan) => plan.year === year && plan.months.includes(month));
    const monthTab = calendarPeriodKey({ year, month });
    if (!covered && !calendarTabs.some((tab) => markerKeyOf(tab.marker, 'calendar')?.months === monthTab.months))
      plans.push({ year, months: [month], quarter: null, weekStart, list: written.name });
    const layers = layerSummary(planned.layers, written.oldVersion, tr);
    const results = plans.map((plan) => {
      const calendar = planGridTab(ctx, session, buildCalendar(ctx, session, plan, list, pushes).spec);
      const result = ctx.workbook.writeTab(calendar.spec, calendar.update);
      layers.push(...layerSummary(calendar.layers, result.oldVersion, tr));
      return result;
    });
    const active = results.find((_, i) => plans[i].months.includes(month) && plans[i].year === year) ?? results[results.length - 1];
    if (active) ctx.workbook.activate(active.name);
    return { written, calendars: results.map((r) => r.name), layers };
  });
  const listTab = written.name;

  let message = [tr('calendar.drafted', { tab: listTab, count: drafts.length, calendars: calendars.join(tr('calendar.joiner')) }), ...layers].join(' · ');
  if (!ours) message = `${tr('calendar.converted', { from: listName ?? '', rows: existing.length, tab: listTab })}\n${message}`;
  ctx.ui.toast(message, tr('app.name'));
  return { needsConversion: null, drafts: draftToJson(drafts), preview, listTab, calendars, message };
}

/**
 * Plans the writing of our list tab with the drafts below its rows. An existing tab's rows keep their
 * rows in the sheet, in order (blank ones between too), so the user's columns, notes, hidden rows and
 * colours stay with their activity. A new tab starts with the lines of `copy` (a pasted list in our
 * layout), else with our header. Every draft of the list, old or new, that lands on a promotion or a
 * public holiday gets a note saying so (`existing`: the list's activities as read, the grid row of
 * each, and the grid row of its header).
 */
function planListTab(
  ctx: AppContext,
  session: Session,
  drafts: ActivityRow[],
  existing: { activities: readonly Activity[]; rows: readonly number[]; headerRow: number },
  target: { tab: TabInfo; grid: CellValue[][] } | { copy: CellValue[][] | null; key: MarkerKeyOf<'activities'> },
): PlannedTab {
  const teamTab = readTeam(ctx).teamTab;
  const tab = 'tab' in target ? target.tab : undefined;
  const grid = 'tab' in target ? target.grid : [];
  const copy = 'copy' in target ? target.copy : null;
  const key = 'key' in target ? target.key : (markerKeyOf(tab?.marker, 'activities') ?? activityListKey(null));
  // Read with the schema planRowTab reads the tab with, so the lines kept are the rows it moves.
  const table = tab ? readExistingTable({ values: grid, formulas: [], notes: [] }, ACTIVITY_SCHEMA) : null;
  const layout = tab ? findActivityLayout(grid) : null;
  const listLang = (layout && activityListLang(grid, layout)) ?? session.lang;
  // Both kept forms (an existing tab's lines, a pasted list's copy) hold the list's rows from the line
  // under its header on, each where it was: a row read from grid row r is body line r - header - 1.
  const notes = draftNotes([...existing.activities, ...drafts], listLang);
  const rowNotes = (keptLines: number): Array<string | null> => {
    const lines = new Array<string | null>(keptLines + drafts.length).fill(null);
    existing.activities.forEach((_, i) => {
      const line = (existing.rows[i] ?? -1) - existing.headerRow - 1;
      if (notes[i] && line >= 0 && line < keptLines) lines[line] = notes[i];
    });
    drafts.forEach((_, i) => (lines[keptLines + i] = notes[existing.activities.length + i]));
    return lines;
  };
  return planRowTab(
    ctx,
    session,
    tab,
    ACTIVITY_SCHEMA,
    ACTIVITY_FIELDS,
    (layout) => {
      const kept = table ? keptListLines(grid, table.old, layout) : (copy ?? undefined);
      return buildActivityListTab(listLang, teamTab, drafts, {
        layout,
        kept,
        name: tab?.name,
        key,
        rowNotes: rowNotes(Math.max(0, (kept?.length ?? 1) - 1)),
      });
    },
    (read) => {
      const rows = read
        ? Array.from({ length: read.old.end - read.old.headerRow - 1 }, (_, i): number | null => read.old.headerRow + 1 + i)
        : new Array<null>(Math.max(0, (copy?.length ?? 1) - 1)).fill(null);
      return [...rows, ...drafts.map(() => null)];
    },
  );
}

/**
 * The list tab a pasted list is copied into: our list tab when there is none yet, else one keyed by
 * the pasted tab's name (activityListKey). Copying the same pasted tab twice would overwrite the first copy's
 * edits, so that is refused.
 */
function conversionTarget(tabs: TabInfo[], pastedName: string, session: Session): { key: MarkerKeyOf<'activities'>; name: string } {
  const ours = (key: MarkerKeyOf<'activities'>) => tabs.find((tab) => tab.marker !== null && sameMarker(tab.marker, markerOf('activities', key)));
  const key = ours(activityListKey(null)) ? activityListKey(pastedName) : activityListKey(null);
  const copy = ours(activityListKey(pastedName));
  if (copy) throw new AppError({ code: 'calendar.error.alreadyConverted', params: { from: pastedName, tab: copy.name } });
  const wanted = session.tr('calendar.listTabName');
  return {
    key,
    name: sheetsTabName(
      wanted,
      tabs.map((tab) => tab.name),
    ),
  };
}
