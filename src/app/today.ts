/**
 * The Today board (今日看板): one generated tab gathering, live, what is due across every SOP tab
 * and every Gantt tab. Generating it reads each source once (where its columns are, how many rows it
 * has, what is due today for the message); from then on its formulas follow the sources by
 * themselves. Generating an SOP tab or a Gantt tab refreshes the board when there is one, so a new
 * source joins it; a deleted source's lines go blank at once and leave it at the next generation.
 */
import { toIso, type DaySerial } from '../core/dates';
import { boardExecutors, buildTodayBoard, followedRows, type BoardSource, type TodayBoard } from '../core/today/board';
import type { DueItem } from '../core/today/due';
import { orderDueItems, readDueItems, readSourceRows, taskTableBound, type DueSourceGrid, type DueWindow } from '../core/today/read';
import { checkDaysAhead, type TodayRequest } from '../core/today/request';
import { dueSourceLayout, type DueSourceTab } from '../core/today/sources';
import { markerKeyOf, type TabMarker } from '../core/tab/marker';
import type { AppContext, WriteResult } from '../ports';
import type { LayerStats } from '../core/tab/layers';
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
  const items = readDueItems(sources, due);
  return orderDueItems(items, executorsOf(ctx, session, sources), session.tr('today.unassigned'));
}

/** The API: the due items for a sidebar (JSON-safe: dates are day serials). */
export function getTodayItems(ctx: AppContext, request: TodayRequest): TodayItems {
  const session = openSession(ctx);
  const today = ctx.clock.today();
  const daysAhead = request.daysAhead ?? session.settings.todayDaysAhead;
  return { today: toIso(today), daysAhead, items: collectDueItems(ctx, { today, daysAhead }) };
}

/** The Team tab's names in order, then the other owners in the order the sources name them. */
function executorsOf(ctx: AppContext, session: Session, sources: readonly DueSourceGrid[]): string[] {
  const owners = sources.flatMap(({ tab, grid }) => {
    const layout = dueSourceLayout(tab, grid);
    return layout ? readSourceRows(layout, grid).flatMap((row) => (row.kind === null ? [] : [row.owner])) : [];
  });
  return boardExecutors([...readTeam(ctx).team.map((person) => person.name), ...owners], session.tr('today.unassigned'));
}

/** The SOP tabs among the sources, with what was read of them. */
function sopGrids(sources: readonly DueSourceGrid[]): Array<{ tab: string; grid: DueSourceGrid['grid'] }> {
  return sources.flatMap(({ tab, grid }) => (tab.source === 'sop' ? [{ tab: tab.tab, grid }] : []));
}

function buildBoard(ctx: AppContext, session: Session, today: DaySerial, daysAhead: number): { board: TodayBoard; sources: number } {
  const sources = readDueSources(ctx);
  // Read anyway: a row deleted by hand (no onEdit for it) stops counting in the calendar's push warning.
  rememberReadSopRows(ctx, sopGrids(sources));
  const followed: BoardSource[] = sources.flatMap(({ tab, grid }) => {
    const layout = dueSourceLayout(tab, grid);
    if (!layout) return [];
    const rows = readSourceRows(layout, grid, followedRows(layout, grid.length, taskTableBound(layout, grid)));
    return [{ layout, rows, linkPrefix: ctx.workbook.tabLinkPrefix(tab.tab) }];
  });
  const board = buildTodayBoard({
    sources: followed,
    executors: executorsOf(ctx, session, sources),
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
  const message = [
    ...(sources ? [] : [session.tr('today.noSources')]),
    session.tr('today.done', { ...counts, sources, tab: written.name }),
    // What people added to the board that could not stay goes to a dated old version: said, and counted.
    ...layerSummary(layers, written.oldVersion, session.tr),
  ].join(' · ');
  return { tab: written.name, created: written.created, today: toIso(today), daysAhead, counts, sources, message };
}

/** Generates (or rewrites in place) the Today board and opens it. */
export function generateTodayBoard(ctx: AppContext, request: TodayRequest = {}): TodayBoardResult {
  const session = openSession(ctx);
  const today = ctx.clock.today();
  const daysAhead = request.daysAhead ?? session.settings.todayDaysAhead;
  const { board, sources } = buildBoard(ctx, session, today, daysAhead);
  const planned = planGridTab(ctx, session, board.spec);
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
 * After an SOP tab or a Gantt tab was written: the board, when there is one, is generated again so
 * that it follows the new source, with the look-ahead it was made with. The tab people are looking
 * at stays active, and nothing is said: the feature that ran says what it did.
 */
export function refreshTodayBoard(ctx: AppContext): TodayBoardResult | null {
  const existing = findGeneratedTab(ctx, 'today');
  if (!existing) return null;
  const session = openSession(ctx);
  const today = ctx.clock.today();
  const made = existing.marker?.about?.daysAhead;
  let daysAhead = session.settings.todayDaysAhead;
  if (made !== undefined) {
    try {
      daysAhead = checkDaysAhead(Number(made));
    } catch {
      // A marker from elsewhere: the setting decides.
    }
  }
  const { board, sources } = buildBoard(ctx, session, today, daysAhead);
  const planned = planGridTab(ctx, session, board.spec);
  const written = ctx.workbook.withLock(() => {
    ctx.workbook.reserveRoom([planned]);
    return ctx.workbook.writeTab(planned.spec, planned.update);
  });
  return resultOf(session, written, planned.layers, board, sources, today, daysAhead);
}
