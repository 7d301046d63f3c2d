/**
 * Conversion metrics in one click: read a table of counts (the selection, a tab, or text pasted in
 * the sidebar) or three raw lists, compute, and write (or update) the 转化指标 / Metrics tab. Nothing
 * is written until every cell has been read; an unreadable paste comes back as one AppError listing
 * every cell.
 */
import { AppError, isAppError } from '../core/errors';
import type { Lang, MessageKey } from '../core/i18n';
import {
  buildMetricsTab,
  computeMetrics,
  computeRawMetrics,
  METRICS,
  parseMetricsGrid,
  parsePastedText,
  warningText,
  type MetricKey,
  type MetricsResult,
  type RawListKind,
} from '../core/metrics';
import { markerKeyOf } from '../core/tab/marker';
import { columnLetter, type CellValue } from '../core/tab/spec';
import type { MetricsSource, RawListSource, RawMetricsRequest } from '../core/metrics/request';
import type { StateRequest } from '../core/request';
import type { AppContext, TabInfo } from '../ports';
import { layerSummary, openSession, planGridTab, writeGeneratedTabs, type Session } from './session';

export type { MetricsSource, RawListSource, RawMetricsRequest };

/** The marker key of the metrics tab computed from pasted text. */
export const PASTE_SOURCE = 'paste';

export interface MetricsOutcome {
  tab: string;
  created: boolean;
  /** The metrics tab's marker key: the source tab's name, or "paste". */
  source: string;
  groups: number;
  /** The total row's metrics, null for a blank. */
  total: Record<MetricKey, number | null>;
  /** The result line and toast: "已计算 4 个群 · 活动参与率 23.2% · 写入「转化指标」". */
  message: string;
  /** The parse report's notes in the user's language: unrecognised columns, people not in the members list… */
  notes: string[];
}

export interface MetricsState {
  lang: Lang;
  /** Tabs a table can be read from (every tab but the metrics tabs). */
  tabs: string[];
  /** The tab the sidebar offers first: the active one, or the source of the active metrics tab. */
  activeTab: string | null;
  classMinutes: number;
  completionShare: number;
  /** False for the quick state a sidebar opens with: `tabs` is the active tab (or its source) only. */
  complete: boolean;
}

const isMetricsTab = (info: TabInfo | undefined): boolean => info?.marker?.kind === 'metrics';

/** The tab whose data a metrics tab was computed from, when it still exists. */
function sourceOf(findTab: (name: string) => TabInfo | null | undefined, info: TabInfo): string | null {
  const key = markerKeyOf(info.marker, 'metrics')?.source ?? '';
  const source = key ? findTab(key) : null;
  return source && !isMetricsTab(source) ? key : null;
}

export function getMetricsState(ctx: AppContext, request: Required<StateRequest> = { quick: false }): MetricsState {
  const session = openSession(ctx);
  const settings = { lang: session.lang, classMinutes: session.settings.classMinutes, completionShare: session.settings.completionShare };
  if (request.quick) {
    const active = ctx.workbook.activeTab();
    const activeTab = active ? (isMetricsTab(active) ? sourceOf((name) => ctx.workbook.findTab(name), active) : active.name) : null;
    return { ...settings, tabs: activeTab ? [activeTab] : [], activeTab, complete: false };
  }
  const tabs = ctx.workbook.listTabs();
  const activeName = ctx.workbook.activeTabName();
  const active = tabs.find((tab) => tab.name === activeName);
  return {
    ...settings,
    tabs: tabs.filter((tab) => !isMetricsTab(tab)).map((tab) => tab.name),
    activeTab: active ? (isMetricsTab(active) ? sourceOf((name) => tabs.find((tab) => tab.name === name), active) : active.name) : null,
    complete: true,
  };
}

interface Grid {
  values: CellValue[][];
  /** The marker key of the metrics tab. */
  key: string;
  /** How errors name where the data is (undefined for pasted text: rows are the paste's own). */
  where: string | undefined;
  /** Where a selection starts in its tab, so errors name the sheet's own rows and columns. */
  offset?: { rows: number; cols: number };
}

/** Runs a parse over a grid; problems found in a selection are moved to the sheet's own rows and columns. */
function locatedIn<T>(grid: Grid, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const offset = grid.offset;
    if (!offset || !isAppError(error)) throw error;
    throw new AppError(
      error.problems.map((p) =>
        p.location
          ? {
              ...p,
              location: {
                ...p.location,
                row: p.location.row === undefined ? undefined : p.location.row + offset.rows,
                column: p.location.column === undefined ? undefined : p.location.column + offset.cols,
              },
            }
          : p,
      ),
    );
  }
}

function tabGrid(ctx: AppContext, name: string | null): Grid {
  const info = name === null ? null : ctx.workbook.findTab(name);
  if (name === null || !info) throw new AppError({ code: name === null ? 'metrics.error.noSelection' : 'error.tabNotFound', params: { tab: name ?? '' } });
  if (isMetricsTab(info)) {
    const source = sourceOf((tabName) => ctx.workbook.findTab(tabName), info);
    if (source === null) throw new AppError({ code: 'metrics.error.onMetricsTab', params: { tab: info.name } });
    return tabGrid(ctx, source);
  }
  return { values: ctx.workbook.readTab(name), key: name, where: name };
}

function selectionGrid(ctx: AppContext): Grid | null {
  const selection = ctx.workbook.readSelection();
  if (!selection) return null;
  return {
    values: selection.values,
    key: selection.tab,
    where: selection.tab,
    offset: { rows: selection.top, cols: selection.left },
  };
}

function readSource(ctx: AppContext, source: MetricsSource): Grid {
  switch (source.kind) {
    case 'paste':
      return { values: parsePastedText(source.text ?? ''), key: PASTE_SOURCE, where: undefined };
    case 'selection': {
      const grid = selectionGrid(ctx);
      if (!grid) throw new AppError({ code: 'metrics.error.noSelection' });
      return grid;
    }
    case 'tab':
      return tabGrid(ctx, source.tab ?? ctx.workbook.activeTabName());
    case 'here': {
      const grid = selectionGrid(ctx);
      const onMetricsTab = grid !== null && isMetricsTab(ctx.workbook.findTab(grid.key) ?? undefined);
      return grid && !onMetricsTab ? grid : tabGrid(ctx, ctx.workbook.activeTabName());
    }
  }
}

/** A table of counts → the metrics tab. */
export function computeMetricsTab(ctx: AppContext, source: MetricsSource): MetricsOutcome {
  const session = openSession(ctx);
  const grid = readSource(ctx, source);
  const result = { ...computeMetrics(locatedIn(grid, () => parseMetricsGrid(grid.values, { tab: grid.where }))), source: grid.key };
  return writeMetrics(ctx, session, result);
}

/** Three lists (members required, attendance and orders optional) → the metrics tab, people counted once. */
export function computeRawMetricsTab(ctx: AppContext, request: RawMetricsRequest): MetricsOutcome {
  const session = openSession(ctx);
  const read = (list: RawListKind, source: RawListSource): Grid =>
    source.kind === 'paste'
      ? { values: parsePastedText(source.text ?? ''), key: PASTE_SOURCE, where: session.tr(`metrics.raw.list.${list}` as MessageKey) }
      : tabGrid(ctx, source.tab);
  const members = read('members', request.members);
  const attendance = request.attendance ? read('attendance', request.attendance) : null;
  const orders = request.orders ? read('orders', request.orders) : null;
  const used = [members, attendance, orders].filter((grid): grid is Grid => grid !== null);
  const result = computeRawMetrics(
    { members: members.values, attendance: attendance?.values, orders: orders?.values },
    {
      classMinutes: request.classMinutes ?? session.settings.classMinutes,
      completionShare: request.completionShare ?? session.settings.completionShare,
      source: [...new Set(used.map((grid) => grid.key))].join(' + '),
      tabs: { members: members.where, attendance: attendance?.where, orders: orders?.where },
    },
  );
  return writeMetrics(ctx, session, result);
}

/** The menu action: the selection or the active tab, without opening the sidebar. */
export function computeMetricsHere(ctx: AppContext): void {
  computeMetricsTab(ctx, { kind: 'here' });
}

/** 23.2%, 2.75%: up to two decimals, as people quote rates. */
export function percentText(share: number): string {
  return `${Math.round(share * 10000) / 100}%`;
}

const RATE_KEYS = METRICS.filter((def) => def.kind === 'rate').map((def) => def.key);

function writeMetrics(ctx: AppContext, session: Session, result: MetricsResult): MetricsOutcome {
  const { tr } = session;
  const spec = buildMetricsTab(result, session.lang, { bands: session.settings.benchmarkBands, generatedAt: ctx.clock.nowText() });
  const planned = planGridTab(ctx, session, spec);
  const [written] = writeGeneratedTabs(ctx, [planned]);
  const headlineKey = RATE_KEYS.find((key) => result.total.metrics[key] !== null);
  const headline = headlineKey
    ? tr('metrics.done.headline', {
        metric: tr(`metrics.metric.${headlineKey}` as MessageKey),
        value: percentText(result.total.metrics[headlineKey] as number),
      })
    : '';
  const message = [
    tr('metrics.done', { count: result.rows.length, headline, tab: written.name }),
    ...layerSummary(planned.layers, written.oldVersion, tr),
  ].join(' · ');
  ctx.ui.toast(message, tr('app.name'));
  const notes = [
    ...result.report.extraColumns.map((extra) => tr('metrics.warning.extraColumn', { column: columnLetter(extra.column), header: extra.header })),
    ...result.report.warnings.map((warning) => warningText(tr, warning)),
  ];
  return { tab: written.name, created: written.created, source: result.source, groups: result.rows.length, total: result.total.metrics, message, notes };
}
