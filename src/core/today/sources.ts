/**
 * The tabs the Today board gathers from, and where their columns are: every SOP tab (its rows) and
 * every Gantt tab (its tasks). A Gantt tab rather than its plan tab, because the Gantt tab holds every
 * task's scheduled dates in fixed columns (a plan may give only durations and predecessors), and its
 * task cells are live links to the plan, so an edit in either shows.
 *
 * The same layout drives both readings of "due": the board's formulas (board.ts) and the core's own
 * reading of the values (read.ts), so that the two cannot drift apart.
 */
import { LANGS, t } from '../i18n';
import { findGanttHeader } from '../gantt/columns';
import { findSopHeader } from '../sop/columns';
import { statusLabel } from '../sop/status';
import { aboutList } from '../tab/marker';
import type { CellValue } from '../tab/spec';
import type { DueSource } from './due';

/** A source tab as found by its marker. */
export interface DueSourceTab {
  source: DueSource;
  /** The tab's name now. */
  tab: string;
  /** SOP: the marker's group and cohort; Gantt: the plan tab's name and ''. */
  group: string;
  cohort: string;
}

/** 0-based columns of the cells the board reads; null where the tab has no such column. */
export interface DueColumns {
  date: number;
  item: number;
  time: number | null;
  owner: number | null;
  status: number | null;
  /** Gantt tabs: the progress column (100% counts as done). */
  progress: number | null;
}

export interface DueSourceLayout extends DueSourceTab {
  /** 0-based row of the first data row (below the header). */
  firstRow: number;
  columns: DueColumns;
  /**
   * Gantt tabs: the texts of the title that starts the block below the tasks (in either language).
   * The block lists the tasks again per owner, so the rows from that title down are not tasks.
   */
  endTitles: string[];
  /** Status texts that mean done, and (SOP) cancelled or removed: compared without case, as spreadsheets compare. */
  doneLabels: string[];
  droppedLabels: string[];
}

/** Dates the board takes: 2000-01-01 to 2100-12-31, the years the project reads dates in. */
export const FIRST_DUE_SERIAL = 36526;
export const LAST_DUE_SERIAL = 73415;

const bothLanguages = (text: (lang: (typeof LANGS)[number]) => string): string[] => [...new Set(LANGS.map(text))];

/** What a status text means on each kind of source: done, and (SOP) cancelled or removed. */
const SOP_DONE = bothLanguages((lang) => statusLabel('done', lang));
const SOP_DROPPED = [...bothLanguages((lang) => statusLabel('cancelled', lang)), ...bothLanguages((lang) => statusLabel('removed', lang))];
const GANTT_DONE = bothLanguages((lang) => t(lang, 'gantt.status.done'));
const GANTT_END_TITLES = bothLanguages((lang) => t(lang, 'gantt.block.workload'));

/** A source's layout from where its first data row and its columns are (found in its header, or in the board's formulas). */
export function sourceLayout(tab: DueSourceTab, firstRow: number, columns: DueColumns): DueSourceLayout {
  return tab.source === 'sop'
    ? { ...tab, firstRow, columns: { ...columns, progress: null }, endTitles: [], doneLabels: SOP_DONE, droppedLabels: SOP_DROPPED }
    : { ...tab, firstRow, columns: { ...columns, time: null }, endTitles: GANTT_END_TITLES, doneLabels: GANTT_DONE, droppedLabels: [] };
}

/** Where a source tab's columns are, read from its header; null when the tab no longer reads as one. */
export function dueSourceLayout(tab: DueSourceTab, grid: ReadonlyArray<ReadonlyArray<CellValue>>): DueSourceLayout | null {
  if (tab.source === 'sop') {
    const header = findSopHeader(grid as CellValue[][]);
    const { date, item } = header?.columns ?? {};
    if (!header || date === undefined || item === undefined) return null;
    const { time, owner, status } = header.columns;
    return sourceLayout(tab, header.row + 1, { date, item, time: time ?? null, owner: owner ?? null, status: status ?? null, progress: null });
  }
  const header = findGanttHeader(grid);
  const { end, task } = header?.columns ?? {};
  if (!header || end === undefined || task === undefined) return null;
  const { owner, status, progress } = header.columns;
  return sourceLayout(tab, header.headerRow + 1, {
    date: end,
    item: task,
    time: null,
    owner: owner ?? null,
    status: status ?? null,
    progress: progress ?? null,
  });
}

/** "Java引流5群 · 第12期", or the group (plan) alone. */
export function sourceLabel(tab: Pick<DueSourceTab, 'group' | 'cohort'>): string {
  return tab.cohort ? `${tab.group} · ${tab.cohort}` : tab.group;
}

/**
 * The sources a board follows, in order, as its marker keeps them (`about.sources`): what each one is
 * (an SOP tab's group and cohort, a Gantt tab's plan), for reading the board back (on-board.ts).
 */
export function describeSources(sources: ReadonlyArray<{ layout: DueSourceTab }>): string {
  return JSON.stringify(sources.map(({ layout }) => [layout.source, layout.group, layout.cohort]));
}

/** The sources `describeSources` kept (without their tab names, which the board's formulas hold); null when it is not one. */
export function describedSources(text: string | undefined): Array<Omit<DueSourceTab, 'tab'>> | null {
  const parsed = aboutList(text);
  if (!parsed) return null;
  const sources: Array<Omit<DueSourceTab, 'tab'>> = [];
  for (const entry of parsed) {
    if (!Array.isArray(entry) || entry.length !== 3 || !entry.every((part) => typeof part === 'string')) return null;
    const [source, group, cohort] = entry as string[];
    if (source !== 'sop' && source !== 'plan') return null;
    sources.push({ source, group, cohort });
  }
  return sources;
}
