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

/** Where a source tab's columns are, read from its header; null when the tab no longer reads as one. */
export function dueSourceLayout(tab: DueSourceTab, grid: ReadonlyArray<ReadonlyArray<CellValue>>): DueSourceLayout | null {
  if (tab.source === 'sop') {
    const header = findSopHeader(grid as CellValue[][]);
    const { date, item } = header?.columns ?? {};
    if (!header || date === undefined || item === undefined) return null;
    return {
      ...tab,
      firstRow: header.row + 1,
      columns: {
        date,
        item,
        time: header.columns.time ?? null,
        owner: header.columns.owner ?? null,
        status: header.columns.status ?? null,
        progress: null,
      },
      endTitles: [],
      doneLabels: bothLanguages((lang) => statusLabel('done', lang)),
      droppedLabels: [...bothLanguages((lang) => statusLabel('cancelled', lang)), ...bothLanguages((lang) => statusLabel('removed', lang))],
    };
  }
  const header = findGanttHeader(grid);
  const { end, task } = header?.columns ?? {};
  if (!header || end === undefined || task === undefined) return null;
  return {
    ...tab,
    firstRow: header.headerRow + 1,
    columns: {
      date: end,
      item: task,
      time: null,
      owner: header.columns.owner ?? null,
      status: header.columns.status ?? null,
      progress: header.columns.progress ?? null,
    },
    endTitles: bothLanguages((lang) => t(lang, 'gantt.block.workload')),
    doneLabels: bothLanguages((lang) => t(lang, 'gantt.status.done')),
    droppedLabels: [],
  };
}

/** "Java引流5群 · 第12期", or the group (plan) alone. */
export function sourceLabel(tab: Pick<DueSourceTab, 'group' | 'cohort'>): string {
  return tab.cohort ? `${tab.group} · ${tab.cohort}` : tab.group;
}
