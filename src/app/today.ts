/**
 * The Today board (今日看板): one generated tab gathering, live, what is due across every SOP tab
 * and every Gantt tab. The first board reads each source once (where its columns are, how many rows
 * it has, what is due today for the message); from then on its formulas follow the sources by
 * themselves, and generating it again reads it rather than them: its formulas say where each source
 * is now and its hidden mirror what each one holds (core/today/on-board.ts), so only a tab it does
 * not follow yet, or one it may no longer follow whole, is read. Generating an SOP tab or a Gantt
 * tab refreshes the board when there is one, so a new source joins it; a deleted source's lines go
 * blank at once and leave it at the next generation.
 */
import { toIso, type DaySerial } from '../core/dates';
import { boardExecutors, buildTodayBoard, followedRows, type BoardSource, type TodayBoard } from '../core/today/board';
import type { DueItem } from '../core/today/due';
import { dueItemsOf, orderDueItems, readSourceRows, readSources, taskTableBound, type DueSourceGrid, type DueWindow, type SourceRow } from '../core/today/read';
import { checkDaysAhead, type TodayRequest } from '../core/today/request';
import { dueSourceLayout, type DueSourceTab } from '../core/today/sources';
import { followsStale, sourcesOnBoard, type SourceOnBoard } from '../core/today/on-board';
import { markerKeyOf, type TabMarker } from '../core/tab/marker';
import type { AppContext, TabInfo, WriteResult } from '../ports';
import type { LayerStats } from '../core/tab/layers';
import type { TabContent } from '../core/tab/content';
import { findGeneratedTab, layerSummary, openSession, planGridTab, readTeam, writeGeneratedTabs, type Session } from './session';
import { rememberReadSopRows } from './calendar';

export type { TodayRequest };

export interface TodayBoardResult {
  tab: string;
  created: boolean;
  /** The day the board's values were computed for (YYYY-MM-DD); the sheet itself follows TODAY(). */
  today: string;
  daysAhead: number;
  counts: { today: number; overdue: number; upcoming: number };
  /** Source tabs gathered. */
  sources: number;
  message: string;
  /**
   * When something a person put on the board could not stay and went to the board's old version:
   * the line saying so, for the feature whose new tab refreshed the board to add to its own message.
   */
  keptAside: string | null;
}

export interface TodayItems {
  today: string;
  daysAhead: number;
  /** In the board's order: by executor (the Team tab's order, others, nobody last), date, time. */
  items: DueItem[];
}

/** A source tab from its marker: an SOP tab (group, cohort) or a Gantt tab (its plan). */
function sourceOf(info: { name: string; marker: TabMarker | null }): DueSourceTab | null {
  const sop = markerKeyOf(info.marker, 'sop');
  if (sop) return { source: 'sop', tab: info.name, group: sop.group, cohort: sop.cohort };
  const gantt = markerKeyOf(info.marker, 'gantt');
  return gantt ? { source: 'plan', tab: info.name, group: gantt.plan, cohort: '' } : null;
}

/** Every SOP tab, then every Gantt tab, with its values: what the board and the reminders read. */
export function readDueSources(ctx: AppContext): DueSourceGrid[] {
  const found = ctx.workbook
    .markedTabs((marker) => marker.kind === 'sop' || marker.kind === 'gantt')
    .flatMap((info) => {
      const tab = sourceOf(info);
      return tab ? [tab] : [];
    });
  const ordered = [...found.filter((tab) => tab.source === 'sop'), ...found.filter((tab) => tab.source === 'plan')];
  return ordered.map((tab) => ({ tab, grid: ctx.workbook.readTab(tab.tab) }));
}

/**
 * What is due, as the board lists it: for reminders and for a sidebar. With `rememberSopRows` (the
 * daily reminders, which write anyway), the SOP tabs read bring their markers' push counts up to date.
 */
export function collectDueItems(ctx: AppContext, window?: Partial<DueWindow>, options: { rememberSopRows?: boolean } = {}): DueItem[] {
  const session = openSession(ctx);
  const due: DueWindow = { today: window?.today ?? ctx.clock.today(), daysAhead: window?.daysAhead ?? session.settings.todayDaysAhead };
  const sources = readDueSources(ctx);
  if (options.rememberSopRows) rememberReadSopRows(ctx, sopGrids(sources));
  const read = readSources(sources);
  const items = read.flatMap(({ layout, rows }) => dueItemsOf(layout, rows, due));
  return orderDueItems(items, executorsOf(ctx, session, read), session.tr('today.unassigned'));
}

/** The API: the due items for a sidebar (JSON-safe: dates are day serials). */
export function getTodayItems(ctx: AppContext, request: TodayRequest): TodayItems {
  const session = openSession(ctx);
  const today = ctx.clock.today();
  const daysAhead = request.daysAhead ?? session.settings.todayDaysAhead;
  return { today: toIso(today), daysAhead, items: collectDueItems(ctx, { today, daysAhead }) };
}

/** The Team tab's names in order, then the other owners: of every row that is work, in the sources' order. */
function executorsOf(ctx: AppContext, session: Session, sources: ReadonlyArray<{ rows: readonly SourceRow[] }>): string[] {
  const owners = sources.flatMap(({ rows }) => rows.flatMap((row) => (row.kind === null ? [] : [row.owner])));
  return boardExecutors([...readTeam(ctx).team.map((person) => person.name), ...owners], session.tr('today.unassigned'));
}

/** The SOP tabs among the sources, with what was read of them. */
function sopGrids(sources: readonly DueSourceGrid[]): Array<{ tab: string; grid: DueSourceGrid['grid'] }> {
  return sources.flatMap(({ tab, grid }) => (tab.source === 'sop' ? [{ tab: tab.tab, grid }] : []));
}

/** The board as it stands: its marker and what it holds (read once, for the sources and for keeping what people added). */
interface BoardRead {
  tab: TabInfo;
  content: TabContent;
}

function readBoard(ctx: AppContext): BoardRead | null {
  const tab = findGeneratedTab(ctx, 'today');
  return tab ? { tab, content: ctx.workbook.readTabContent(tab.name) } : null;
}

/**
 * The board's sources with their rows. Where there is a board that can be read back (on-board.ts),
 * the sources it follows come from it — its formulas know where each source is now, and its mirror
 * what each one holds now — and only the tabs it does not follow yet are read (a new SOP or Gantt
 * tab), with those it may no longer follow whole (followsStale: rows added below the spare ones,
 * rows inserted above the header). Otherwise every source tab is read, and the SOP tabs read bring
 * their markers' push counts up to date.
 */
function boardSources(ctx: AppContext, existing: BoardRead | null): BoardSource[] {
  const onBoard = existing ? sourcesStillOnBoard(ctx, existing) : null;
  if (!onBoard) return sourcesFromTabs(ctx);
  // A source read again that no longer reads as one (its header gone) leaves the board, as in a rebuild.
  const followedNow = onBoard.flatMap((source) => (followsStale(source) ? (readSource(ctx, source.tab, source.linkPrefix) ?? []) : [source]));
  // A source not on the board yet: its marker is not among the board's (only its tab is asked its name).
  const joining = ctx.workbook
    .markedTabs((marker) => {
      const tab = sourceOf({ name: '', marker });
      return tab !== null && !onBoard.some((known) => sameSource(known.tab, tab));
    })
    .flatMap((info) => {
      const tab = sourceOf(info);
      const read = tab ? readSource(ctx, tab) : null;
      return read ? [read] : [];
    });
  const all = [...followedNow, ...joining];
  return [...all.filter(({ layout }) => layout.source === 'sop'), ...all.filter(({ layout }) => layout.source === 'plan')];
}

/** Every source tab read whole: a first board, or one that cannot be read back. */
function sourcesFromTabs(ctx: AppContext): BoardSource[] {
  const sources = readDueSources(ctx);
  // Read anyway: a row deleted by hand (no onEdit for it) stops counting in the calendar's push warning.
  rememberReadSopRows(ctx, sopGrids(sources));
  return sources.flatMap(({ tab, grid }) => followedSource(ctx, tab, grid) ?? []);
}

/** A source tab read now, followed over its rows and spare ones; null when it no longer reads as one. */
function readSource(ctx: AppContext, tab: DueSourceTab, linkPrefix?: string): BoardSource | null {
  return followedSource(ctx, tab, ctx.workbook.readTab(tab.tab), linkPrefix);
}

function followedSource(ctx: AppContext, tab: DueSourceTab, grid: DueSourceGrid['grid'], linkPrefix?: string): BoardSource | null {
  const layout = dueSourceLayout(tab, grid);
  if (!layout) return null;
  const rows = readSourceRows(layout, grid, followedRows(layout, grid.length, taskTableBound(layout, grid)));
  return { layout, rows, linkPrefix: linkPrefix ?? ctx.workbook.tabLinkPrefix(tab.tab) };
}

const sameSource = (a: Omit<DueSourceTab, 'tab'>, b: Omit<DueSourceTab, 'tab'>): boolean =>
  a.source === b.source && a.group === b.group && a.cohort === b.cohort;

/**
 * The sources the board follows, read back from it (null when it cannot be), but for those whose tab
 * is gone: no marker of theirs left in the workbook (no tab names asked).
 */
function sourcesStillOnBoard(ctx: AppContext, board: BoardRead): SourceOnBoard[] | null {
  const present = ctx.workbook
    .tabMarkers((marker) => marker.kind === 'sop' || marker.kind === 'gantt')
    .flatMap((marker) => sourceOf({ name: '', marker }) ?? []);
  return sourcesOnBoard(board.content, board.tab.marker?.about, (what) => present.some((known) => sameSource(known, what)));
}

function buildBoard(
  ctx: AppContext,
  session: Session,
  existing: BoardRead | null,
  today: DaySerial,
  daysAhead: number,
): { board: TodayBoard; sources: number } {
  const followed = boardSources(ctx, existing);
  const board = buildTodayBoard({
    sources: followed,
    executors: executorsOf(ctx, session, followed),
    today,
    daysAhead,
    weekStart: session.settings.weekStart,
    lang: session.lang,
    generatedAt: ctx.clock.nowText(),
  });
  return { board, sources: followed.length };
}

function resultOf(
  session: Session,
  written: WriteResult,
  layers: LayerStats,
  board: TodayBoard,
  sources: number,
  today: DaySerial,
  daysAhead: number,
): TodayBoardResult {
  const counts = { today: 0, overdue: 0, upcoming: 0 };
  for (const item of board.items) counts[item.state === 'today' ? 'today' : item.state === 'overdue' ? 'overdue' : 'upcoming']++;
  // What people added to the board that could not stay goes to a dated old version: said, and counted.
  const kept = layerSummary(layers, written.oldVersion, session.tr);
  const message = [...(sources ? [] : [session.tr('today.noSources')]), session.tr('today.done', { ...counts, sources, tab: written.name }), ...kept].join(
    ' · ',
  );
  const keptAside = written.oldVersion ? session.tr('today.refreshedKeptAside', { tab: written.name, line: kept.join(' · ') }) : null;
  return { tab: written.name, created: written.created, today: toIso(today), daysAhead, counts, sources, message, keptAside };
}

/** Generates (or rewrites in place) the Today board and opens it. */
export function generateTodayBoard(ctx: AppContext, request: TodayRequest = {}): TodayBoardResult {
  const session = openSession(ctx);
  const today = ctx.clock.today();
  const daysAhead = request.daysAhead ?? session.settings.todayDaysAhead;
  const existing = readBoard(ctx);
  const { board, sources } = buildBoard(ctx, session, existing, today, daysAhead);
  const planned = planGridTab(ctx, session, board.spec, existing ? { read: existing } : {});
  const [written] = writeGeneratedTabs(ctx, [planned]);
  const result = resultOf(session, written, planned.layers, board, sources, today, daysAhead);
  ctx.ui.toast(result.message, session.tr('app.name'));
  return result;
}

/** The menu action. */
export function showTodayBoard(ctx: AppContext): TodayBoardResult {
  return generateTodayBoard(ctx, {});
}

/**
 * After an SOP tab or a Gantt tab was created (or the self-test's deleted): the board, when there is
 * one, is generated again so that it follows the new source (or lets the deleted go), with the
 * look-ahead it was made with. Only the new tab is read (see boardSources). The tab people are
 * looking at stays active, and nothing is said: the feature that ran says what it did — and adds
 * `keptAside` when something a person put on the board went to its old version.
 */
export function refreshTodayBoard(ctx: AppContext): TodayBoardResult | null {
  const existing = readBoard(ctx);
  if (!existing) return null;
  const session = openSession(ctx);
  const today = ctx.clock.today();
  const made = existing.tab.marker?.about?.daysAhead;
  let daysAhead = session.settings.todayDaysAhead;
  if (made !== undefined) {
    try {
      daysAhead = checkDaysAhead(Number(made));
    } catch {
      // A marker from elsewhere: the setting decides.
    }
  }
  const { board, sources } = buildBoard(ctx, session, existing, today, daysAhead);
  const planned = planGridTab(ctx, session, board.spec, { read: existing });
  const written = ctx.workbook.withLock(() => {
    ctx.workbook.reserveRoom([planned]);
    return ctx.workbook.writeTab(planned.spec, planned.update);
  });
  return resultOf(session, written, planned.layers, board, sources, today, daysAhead);
}
