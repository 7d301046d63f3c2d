/** What every use case needs first: the settings, the language, and a way to write generated tabs. */
import { resolveLang, translator, Lang, Translate } from '../core/i18n';
import { normalizeSettings, Settings } from '../core/settings';
import { oldVersionName, planLayers, planTableLayout, type LayerInput, type LayerStats, type TableLayout, type TabUpdate } from '../core/tab/layers';
import { readExistingTable, type ExistingTable } from '../core/table/existing';
import type { TableSchema } from '../core/table/schema';
import { contentSize, type TabContent } from '../core/tab/content';
import { sameKey, sameMarker, type MarkedKind, type MarkerKeyOf } from '../core/tab/marker';
import { specExtent } from '../core/tab/spec';
import type { TabSpec } from '../core/tab/spec';
import { Person, readTeamGrid } from '../core/team/team';
import type { AppContext, TabInfo, WriteResult } from '../ports';

export interface Session {
  settings: Settings;
  lang: Lang;
  tr: Translate;
}

export function openSession(ctx: AppContext): Session {
  let settings: Settings;
  try {
    settings = normalizeSettings(ctx.settings.load());
  } catch {
    // A stored value that no longer validates must not lock the user out: fall back to defaults.
    settings = normalizeSettings({});
  }
  const lang = resolveLang(settings.language, ctx.locale);
  return { settings, lang, tr: translator(lang) };
}

/**
 * Rows read of a tab that might be a plan or an activity list, to recognise it by its header: a
 * pasted 20,000-row export is not read whole to find out that it is neither.
 */
export const CANDIDATE_HEAD_ROWS = 20;

/** The tab the add-on generated of that kind (and, given one, that identity), whatever it is named now. */
export function findGeneratedTab<K extends MarkedKind>(ctx: AppContext, kind: K, key?: MarkerKeyOf<K>): TabInfo | undefined {
  return ctx.workbook.markedTabs((marker) => marker.kind === kind && (key === undefined || sameKey(marker.key, key)))[0];
}

/** The team as the Team tab says now (empty when there is no Team tab yet). */
export function readTeam(ctx: AppContext): { team: Person[]; teamTab: string | null } {
  const tab = findGeneratedTab(ctx, 'team');
  if (!tab) return { team: [], teamTab: null };
  return { team: readTeamGrid(ctx.workbook.readTab(tab.name)), teamTab: tab.name };
}

/** The first-cell note of a generated tab: how it was made, so a colleague can reproduce it. */
export function generatedNote(ctx: AppContext, session: Session, what: string): string {
  return session.tr('tab.note.generated', { what, time: ctx.clock.nowText() });
}

/**
 * Writes generated tabs under the document lock and activates the last one. A tab given with an
 * update (planned by core/tab/layers.ts from what the tab holds) is updated in place, layer by layer.
 */
export function writeGeneratedTabs(ctx: AppContext, tabs: Array<TabSpec | { spec: TabSpec; update: TabUpdate | null }>): WriteResult[] {
  return ctx.workbook.withLock(() => {
    const writes = tabs.map((tab) => ('spec' in tab && 'update' in tab ? tab : { spec: tab as TabSpec, update: null }));
    // All or nothing: a workbook that cannot hold every tab gets none of them.
    ctx.workbook.reserveRoom(writes);
    const results = writes.map(({ spec, update }) => ctx.workbook.writeTab(spec, update));
    if (results.length) ctx.workbook.activate(results[results.length - 1].name);
    return results;
  });
}

/** A generated tab planned against what it holds now: what to write, how, and what it will do to the user's layer. */
export interface PlannedTab {
  spec: TabSpec;
  update: TabUpdate | null;
  layers: LayerStats;
}

/**
 * The last step of planning any generated tab: the layer plan against what the tab holds now (null
 * for a new tab), with what the add-on remembers of it stored in its marker, and the hidden copy, if
 * one is needed, named after the tab and today.
 */
export function planTab(ctx: AppContext, session: Session, input: LayerInput, existing: { tab: TabInfo; content: TabContent } | null): PlannedTab {
  const { spec } = input;
  const plan = planLayers(
    input,
    existing?.content ?? null,
    existing?.tab.marker?.memo,
    oldVersionName(existing?.tab.name ?? spec.name, ctx.clock.nowText(), session.lang),
  );
  return { spec: { ...plan.spec, marker: { ...spec.marker, memo: plan.memo } }, update: plan.update, layers: plan.stats };
}

/**
 * Plans the writing of a generated row tab (the Team tab, an activity list): the tab as it is now is
 * read back with its schema, the table is laid over its columns (the user's stay where they are) —
 * `keys` may depend on the tab as it is, for optional columns —, `build` makes the spec for that layout, and `sources` says which existing row each data row
 * continues — so rows move whole, with everything people put on them.
 */
export function planRowTab<Key extends string>(
  ctx: AppContext,
  session: Session,
  existing: TabInfo | undefined,
  schema: TableSchema<Key>,
  keys: readonly Key[] | ((table: ExistingTable<Key> | null) => readonly Key[]),
  build: (layout: TableLayout, table: ExistingTable<Key> | null) => TabSpec,
  sources: (table: ExistingTable<Key> | null) => Array<number | null>,
  options: { styledColumns?: readonly Key[] } = {},
): PlannedTab {
  const content = existing ? ctx.workbook.readTabContent(existing.name) : null;
  const table = content ? readExistingTable(content, schema) : null;
  // Optional columns (the Team tab's contacts) depend on what the tab has now.
  const wanted = typeof keys === 'function' ? keys(table) : keys;
  const layout = planTableLayout(wanted, table?.old ?? null, { oldRight: table?.right });
  const spec = build(layout, table);
  return planTab(
    ctx,
    session,
    { spec, table: { layout, old: table?.old ?? null, sources: sources(table), styledColumns: options.styledColumns }, blocks: spec.blocks ?? [] },
    existing && content ? { tab: existing, content } : null,
  );
}

/**
 * Plans the writing of a generated grid tab (a calendar, the metrics tab, a Gantt tab): the add-on
 * owns its blocks (by default the whole area the spec covers) and nothing else; what people typed or
 * noted around them stays where it is, and what a block would cover goes to the old version.
 * `carriedEdits`: the cells whose typed content the feature itself has carried into the spec.
 */
export function planGridTab(
  ctx: AppContext,
  session: Session,
  spec: TabSpec,
  options: { carriedEdits?: LayerInput['carriedEdits']; read?: { tab: TabInfo; content: TabContent } } = {},
): PlannedTab {
  const existing = options.read ? options.read.tab : ctx.workbook.markedTabs((marker) => sameMarker(marker, spec.marker))[0];
  const content = options.read ? options.read.content : existing ? ctx.workbook.readTabContent(existing.name) : null;
  // The add-on's blocks are what it writes, and the cell each chart is anchored at (how Sheets tells
  // the add-on's charts from a person's when they are replaced). The cells under the rest of a chart
  // stay the user's, as do the columns between the table and the chart.
  const extent = specExtent(spec, { chartAnchors: false });
  const anchors = (spec.charts ?? [])
    .map((chart) => ({ row: chart.anchor.row, col: chart.anchor.col, rows: 1, cols: 1 }))
    .filter((cell) => cell.row >= extent.rows || cell.col >= extent.cols);
  const blocks = spec.blocks ?? [{ row: 0, col: 0, rows: extent.rows, cols: extent.cols }, ...anchors];
  // A tab written before the add-on remembered its blocks: all it held was the add-on's then.
  const used = content ? contentSize(content) : null;
  const legacyBlocks = existing && !existing.marker?.memo?.blocks && used && used.rows > 0 ? [{ row: 0, col: 0, rows: used.rows, cols: used.cols }] : undefined;
  return planTab(
    ctx,
    session,
    { spec: { ...spec, blocks }, blocks, legacyBlocks, carriedEdits: options.carriedEdits },
    existing && content ? { tab: existing, content } : null,
  );
}

/** What an update did with the user's layer, for a result line: "12 of your cells kept · 2 … in the old version". */
export function layerSummary(stats: LayerStats, oldVersion: string | null, tr: Translate): string[] {
  const parts: string[] = [];
  if (stats.userCellsKept) parts.push(tr('layers.userKept', { count: stats.userCellsKept }));
  const moved = stats.movedToOldVersion + stats.editedBlockCells;
  if (oldVersion) parts.push(moved ? tr('layers.oldVersion', { count: moved, tab: oldVersion }) : tr('layers.oldVersionOnly', { tab: oldVersion }));
  return parts;
}
