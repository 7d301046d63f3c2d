/**
 * The Today board (今日看板) as a TabSpec: live formulas over every source tab, portable to Sheets,
 * LibreOffice and Excel alike (no FILTER, SORT, QUERY, LET or array formulas).
 *
 * How it stays live without array formulas: hidden mirror columns at the right hold one row per row
 * position of each source tab (INDEX('SOP…'!$B:$B, 7): a position, so a row added at the end of a
 * source is seen, and a deleted tab turns its rows blank through IFERROR). Each mirror row computes
 * its kind (open, done, dropped), a numeric sort key when it is open and due (executor, date, time)
 * and its rank among the due rows (COUNTIF: the keys below it, plus the equal keys above it, so ties
 * keep the sources' order). Visible line k finds the mirror row of rank k with MATCH and shows it.
 * TODAY() drives it, so the board follows the spreadsheet's time zone.
 *
 * Each formula carries the value the core reads from the same cells (read.ts), so the preview, the
 * .xlsx cache and the tests agree with what a spreadsheet computes.
 */
import { toIso, type DaySerial } from '../dates';
import { AppError } from '../errors';
import { translator, type Lang, type Translate } from '../i18n';
import type { WeekStart } from '../settings';
import { markerOf } from '../tab/marker';
import {
  a1,
  columnLetter,
  quoteTabName,
  range,
  type Cell,
  type CellValue,
  type ColumnSpec,
  type ConditionalFormatSpec,
  type FormatRun,
  type NoteSpec,
  type RangeRef,
  type StyleRun,
  type TabSpec,
} from '../tab/spec';
import type { DueItem } from './due';
import { countWork, dueItemsOf, minuteOf, orderDueItems, ownerRank, sameName, weekStartOf, type SourceRow, type WorkCounts } from './read';
import { describeSources, FIRST_DUE_SERIAL, LAST_DUE_SERIAL, sourceLabel, type DueSourceLayout } from './sources';

/** Row positions the board follows below each source's last row, for rows people add at the end. */
export const SPARE_SOURCE_ROWS = 50;
/** Mirror rows at most: every rank is a COUNTIF over them, so the work grows with their square. */
export const MAX_MIRROR_ROWS = 5000;
/** Lines shown at most; beyond, a line says how many more are due. */
export const MAX_LINES = 300;
/** Executors named in the summary at most (the sort key keeps its precision below that). */
export const MAX_EXECUTORS = 1000;

/** 0-based rows of the board. */
const TITLE_ROW = 0;
const INFO_ROW = 1;
const HINT_ROW = 2;
export const TODAY_HEADER_ROW = 3;
export const TODAY_FIRST_LINE_ROW = 4;

/** The visible line columns, left to right, then the hidden one holding each line's mirror row. */
export const LINE_COLUMNS = ['owner', 'date', 'time', 'group', 'item', 'status', 'overdueDays', 'position'] as const;
type LineColumn = (typeof LINE_COLUMNS)[number];
const LINE = Object.fromEntries(LINE_COLUMNS.map((key, i) => [key, i])) as Record<LineColumn, number>;
const LINE_WIDTHS: Record<LineColumn, number> = { owner: 84, date: 90, time: 56, group: 170, item: 240, status: 72, overdueDays: 72, position: 40 };

export const SUMMARY_COLUMNS = ['label', 'today', 'overdue', 'doneWeek', 'plannedWeek', 'doneRate'] as const;
type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];
const SUMMARY_FIRST_COL = LINE_COLUMNS.length + 1;
const SUMMARY = Object.fromEntries(SUMMARY_COLUMNS.map((key, i) => [key, SUMMARY_FIRST_COL + i])) as Record<SummaryColumn, number>;

export const MIRROR_COLUMNS = ['source', 'group', 'link', 'date', 'time', 'item', 'owner', 'status', 'kind', 'key', 'rank'] as const;
type MirrorColumn = (typeof MIRROR_COLUMNS)[number];
const MIRROR_FIRST_COL = SUMMARY_FIRST_COL + SUMMARY_COLUMNS.length + 1;
const MIRROR = Object.fromEntries(MIRROR_COLUMNS.map((key, i) => [key, MIRROR_FIRST_COL + i])) as Record<MirrorColumn, number>;

/** The cells of the info row the formulas read: today, the days ahead and the week's first day. */
const INFO = { todayLabel: 0, today: 1, daysAheadLabel: 2, daysAhead: 3, weekStartLabel: 4, weekStart: 5 } as const;

/** Dates in the sort key count from here (1 = 2000-01-01), times in minutes (1440 = no time). */
const DATE_BASE = FIRST_DUE_SERIAL - 1;
const DATE_SPAN = LAST_DUE_SERIAL - DATE_BASE + 1;
const MINUTES = 1441;
/** A row position no sheet reaches: the bound of a Gantt tab whose block below the tasks is gone. */
const NO_BOUND = 1_000_000;

const COLORS = {
  header: '#3c4043',
  headerText: '#ffffff',
  summaryHeader: '#e8eaed',
  overdue: '#f4c7c3',
  overdueText: '#a50e0e',
  today: '#fff2cc',
  muted: '#9aa0a6',
} as const;

/** One source tab as the board follows it: where its columns are, its rows as read, and how a link reaches a cell of it. */
export interface BoardSource {
  layout: DueSourceLayout;
  /** One per row position the board follows (the source's rows and SPARE_SOURCE_ROWS more). */
  rows: SourceRow[];
  /** What a link to one of its cells starts with: "#gid=123&range=" in Sheets, "#'Tab'!" in a file. */
  linkPrefix: string;
}

export interface TodayBoardInput {
  sources: BoardSource[];
  /** The Team tab's names in order, then other owners: the executors' order and the summary's lines. */
  executors: string[];
  today: DaySerial;
  daysAhead: number;
  weekStart: WeekStart;
  lang: Lang;
  /** "YYYY-MM-DD HH:MM", for the first-cell note. */
  generatedAt: string;
}

export interface TodayBoard {
  spec: TabSpec;
  /** The lines as the board shows them today, in its order. */
  items: DueItem[];
  /** Per executor (the summary's lines, unassigned last) and in total. */
  byOwner: Array<{ label: string; counts: WorkCounts }>;
  total: WorkCounts;
}

/** Row positions a source is followed over: its rows below the header (a Gantt's task rows) and spare ones. */
export function followedRows(layout: DueSourceLayout, gridRows: number, bound: number): number {
  const last = Math.min(gridRows, Number.isFinite(bound) ? bound - 1 : gridRows);
  return Math.max(0, last - layout.firstRow) + SPARE_SOURCE_ROWS;
}

/** A text formula literal. */
function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The executors the summary names: distinct (without case), none blank or named like the unassigned line, at most MAX_EXECUTORS. */
export function boardExecutors(names: readonly string[], unassigned: string): string[] {
  const list: string[] = [];
  for (const name of names) {
    if (name === '' || sameName(name, unassigned) || list.some((known) => sameName(known, name))) continue;
    list.push(name);
  }
  return list.slice(0, MAX_EXECUTORS);
}

interface MirrorEntry {
  source: number; // 1-based index of the source, 0 for the filler row of a board without sources
  position: number; // 0-based position within the source
  row: SourceRow | null;
}

export function buildTodayBoard(input: TodayBoardInput): TodayBoard {
  const { today, daysAhead, lang } = input;
  const tr = translator(lang);
  const unassigned = tr('today.unassigned');
  const executors = boardExecutors(input.executors, unassigned);
  const weekStart = weekStartOf(today, input.weekStart);
  const window = { today, daysAhead };

  const entries: MirrorEntry[] = input.sources.flatMap((source, s) => source.rows.map((row, position) => ({ source: s + 1, position, row })));
  if (entries.length > MAX_MIRROR_ROWS) throw new AppError({ code: 'today.error.tooLarge', params: { rows: entries.length, limit: MAX_MIRROR_ROWS } });
  // Ranges need a row: a board without sources keeps one blank mirror row.
  if (entries.length === 0) entries.push({ source: 0, position: 0, row: null });
  const mirrorRows = entries.length;
  const lines = Math.min(mirrorRows, MAX_LINES);

  // What the formulas compute today, from the same reading.
  const ownerLabel = (row: SourceRow): string => (row.owner === '' ? unassigned : row.owner);
  const keyOf = (row: SourceRow): number | null => {
    if (row.kind !== 'open' || row.date === null || row.date > today + daysAhead) return null;
    return (ownerRank(row.owner, executors, unassigned) * DATE_SPAN + row.date - DATE_BASE) * MINUTES + (minuteOf(row.time) ?? 1440);
  };
  const keys = entries.map((entry) => (entry.row ? keyOf(entry.row) : null));
  const ranked = keys.flatMap((key, index) => (key === null ? [] : [{ key, index }])).sort((a, b) => a.key - b.key || a.index - b.index);
  const rankOf = new Map(ranked.map((entry, i) => [entry.index, i + 1]));
  const items = orderDueItems(
    input.sources.flatMap((source) => dueItemsOf(source.layout, source.rows, window)),
    executors,
    unassigned,
  );

  const grid: Cell[][] = [];
  const put = (row: number, col: number, cell: Cell): void => {
    while (grid.length <= row) grid.push([]);
    const line = grid[row];
    while (line.length < col) line.push(null);
    line[col] = cell;
  };
  const styles: StyleRun[] = [];
  const formats: FormatRun[] = [];
  const notes: NoteSpec[] = [];

  // Title, the cells the formulas read, and how to use the board.
  put(TITLE_ROW, 0, tr('today.title'));
  styles.push({ range: range(TITLE_ROW, 0, 1, 1), style: { bold: true, fontSize: 14 } });
  put(INFO_ROW, INFO.todayLabel, tr('today.info.today'));
  put(INFO_ROW, INFO.today, { formula: '=TODAY()', value: today });
  put(INFO_ROW, INFO.daysAheadLabel, tr('today.info.daysAhead'));
  put(INFO_ROW, INFO.daysAhead, daysAhead);
  put(INFO_ROW, INFO.weekStartLabel, tr('today.info.weekStart'));
  put(INFO_ROW, INFO.weekStart, { formula: `=TODAY()-WEEKDAY(TODAY(),${input.weekStart === 'mon' ? 2 : 1})+1`, value: weekStart });
  formats.push({ range: range(INFO_ROW, INFO.today, 1, 1), format: 'date' }, { range: range(INFO_ROW, INFO.weekStart, 1, 1), format: 'date' });
  formats.push({ range: range(INFO_ROW, INFO.daysAhead, 1, 1), format: 'integer' });
  styles.push(
    ...[INFO.todayLabel, INFO.daysAheadLabel, INFO.weekStartLabel].map((col): StyleRun => ({
      range: range(INFO_ROW, col, 1, 1),
      style: { fontColor: COLORS.muted },
    })),
    { range: range(INFO_ROW, INFO.today, 1, 1), style: { bold: true, hAlign: 'left' } },
    { range: range(INFO_ROW, INFO.daysAhead, 1, 1), style: { hAlign: 'left' } },
    { range: range(INFO_ROW, INFO.weekStart, 1, 1), style: { hAlign: 'left' } },
  );
  put(HINT_ROW, 0, tr('today.hint'));
  styles.push({ range: range(HINT_ROW, 0, 1, 1), style: { italic: true, fontColor: COLORS.muted } });
  const todayCell = a1(INFO_ROW, INFO.today, true, true);
  const daysAheadCell = a1(INFO_ROW, INFO.daysAhead, true, true);
  const weekStartCell = a1(INFO_ROW, INFO.weekStart, true, true);

  // The hidden mirror: one row per row position of each source.
  const first = TODAY_FIRST_LINE_ROW;
  const last = first + mirrorRows - 1;
  const mirrorRange = (column: MirrorColumn): string => `${a1(first, MIRROR[column], true, true)}:${a1(last, MIRROR[column], true, true)}`;
  MIRROR_COLUMNS.forEach((column) => put(TODAY_HEADER_ROW, MIRROR[column], tr(`today.mirror.${column}`)));
  notes.push({ row: TODAY_HEADER_ROW, col: MIRROR.source, text: tr('today.note.mirror') });
  const summaryLabels = executors.length ? `${a1(first, SUMMARY.label, true, true)}:${a1(first + executors.length - 1, SUMMARY.label, true, true)}` : null;
  entries.forEach((entry, j) => {
    const r = first + j;
    const own = (column: MirrorColumn): string => a1(r, MIRROR[column], false, true);
    const row = entry.row;
    if (entry.source === 0 || !row) {
      put(r, MIRROR.source, 0);
      return;
    }
    const source = input.sources[entry.source - 1];
    const { layout } = source;
    const sheetRow = layout.firstRow + entry.position + 1;
    const at = (col: number): string => `INDEX(${quoteTabName(layout.tab)}!$${columnLetter(col)}:$${columnLetter(col)},${sheetRow})`;
    const { columns } = layout;
    put(r, MIRROR.source, entry.source);
    put(r, MIRROR.group, sourceLabel(layout));
    put(r, MIRROR.link, `${source.linkPrefix}${a1(sheetRow - 1, columns.status ?? columns.item)}`);

    const date = at(columns.date);
    const inRange = `ISNUMBER(${date}),${date}>=${FIRST_DUE_SERIAL},${date}<${LAST_DUE_SERIAL + 1}`;
    const column0 = `${quoteTabName(layout.tab)}!$A:$A`;
    const bound = layout.endTitles.reduceRight((rest, title) => `IFERROR(MATCH(${quoted(title)},${column0},0),${rest})`, String(NO_BOUND));
    const dateTest = layout.endTitles.length ? `AND(${sheetRow}<${bound},${inRange})` : `AND(${inRange})`;
    put(r, MIRROR.date, { formula: `=IFERROR(IF(${dateTest},INT(${date}),""),"")`, value: row.date ?? '' });
    if (columns.time !== null) {
      const time = at(columns.time);
      put(r, MIRROR.time, { formula: `=IFERROR(IF(ISNUMBER(${time}),${time},${time}&""),"")`, value: row.time });
    }
    put(r, MIRROR.item, { formula: `=IFERROR(${at(columns.item)}&"","")`, value: row.item });
    if (columns.owner !== null) {
      // Blank the same way whether the row is empty or beyond the sheet's last row (INDEX's error there differs by engine).
      const owner = `IFERROR(${at(columns.owner)}&"","")`;
      put(r, MIRROR.owner, { formula: `=IF(${owner}="",${quoted(unassigned)},${owner})`, value: ownerLabel(row) });
    } else {
      put(r, MIRROR.owner, unassigned);
    }
    if (columns.status !== null) put(r, MIRROR.status, { formula: `=IFERROR(${at(columns.status)}&"","")`, value: row.status });

    const status = own('status');
    const anyOf = (labels: string[]): string[] => labels.map((label) => `${status}=${quoted(label)}`);
    const progress = columns.progress === null ? null : `N(${at(columns.progress)})`;
    const doneTests = [...anyOf(layout.doneLabels), ...(progress ? [`IFERROR(IF(${progress}>1,${progress}/100,${progress})>=1,FALSE)`] : [])];
    const droppedTests = anyOf(layout.droppedLabels);
    const orOf = (tests: string[]): string => (tests.length ? `OR(${tests.join(',')})` : 'FALSE');
    put(r, MIRROR.kind, {
      formula: `=IF(OR(${own('date')}="",${own('item')}=""),"",IF(${orOf(doneTests)},"done",IF(${orOf(droppedTests)},"dropped","open")))`,
      value: row.kind ?? '',
    });

    const ownerCell = own('owner');
    const ownerIndex = summaryLabels
      ? `IF(${ownerCell}=${quoted(unassigned)},${executors.length + 2},IFERROR(MATCH(${ownerCell},${summaryLabels},0),${executors.length + 1}))`
      : `IF(${ownerCell}=${quoted(unassigned)},2,1)`;
    const time = own('time');
    const minute = `IF(ISNUMBER(${time}),MIN(1439,ROUND(MOD(${time},1)*1440,0)),1440)`;
    const dateCell = own('date');
    const key = keys[j];
    put(r, MIRROR.key, {
      formula: `=IF(${own('kind')}="open",IF(${dateCell}<=${todayCell}+${daysAheadCell},(${ownerIndex}*${DATE_SPAN}+${dateCell}-${DATE_BASE})*${MINUTES}+${minute},""),"")`,
      value: key ?? '',
    });
    const keyCell = own('key');
    put(r, MIRROR.rank, {
      formula: `=IF(${keyCell}="","",COUNTIF(${mirrorRange('key')},"<"&${keyCell})+COUNTIF(${a1(first, MIRROR.key, true, true)}:${keyCell},${keyCell}))`,
      value: rankOf.get(j) ?? '',
    });
  });

  // The visible lines: line k shows the mirror row ranked k.
  LINE_COLUMNS.forEach((column) => put(TODAY_HEADER_ROW, LINE[column], tr(`today.header.${column}`)));
  const dueCount = ranked.length;
  for (let k = 1; k <= lines; k++) {
    const r = first + k - 1;
    const entryIndex = ranked[k - 1]?.index;
    const entry = entryIndex === undefined ? null : entries[entryIndex];
    const row = entry?.row ?? null;
    const p = a1(r, LINE.position, false, true);
    const pick = (column: MirrorColumn): string => `INDEX(${mirrorRange(column)},${p})`;
    const shown = (formula: string, value: CellValue): Cell => ({ formula: `=IF(${p}="","",${formula})`, value: row ? value : '' });
    put(r, LINE.position, { formula: `=IFERROR(MATCH(${k},${mirrorRange('rank')},0),"")`, value: entryIndex === undefined ? '' : entryIndex + 1 });
    put(r, LINE.owner, shown(pick('owner'), row ? ownerLabel(row) : ''));
    put(r, LINE.date, shown(pick('date'), row?.date ?? ''));
    put(r, LINE.time, shown(`IF(ISNUMBER(${pick('time')}),${pick('time')},${pick('time')}&"")`, row?.time ?? ''));
    put(r, LINE.group, shown(pick('group'), entry && entry.source > 0 ? sourceLabel(input.sources[entry.source - 1].layout) : ''));
    put(r, LINE.item, shown(`HYPERLINK(${pick('link')},${pick('item')})`, row?.item ?? ''));
    put(r, LINE.status, shown(pick('status'), row?.status ?? ''));
    put(
      r,
      LINE.overdueDays,
      shown(`IF(${pick('date')}<${todayCell},${todayCell}-${pick('date')},"")`, row?.date != null && row.date < today ? today - row.date : ''),
    );
  }
  if (mirrorRows > lines) {
    const [before, after] = tr('today.more', { count: '\u0000' }).split('\u0000');
    const count = `COUNT(${mirrorRange('key')})`;
    put(first + lines, 0, {
      formula: `=IF(${count}>${lines},${quoted(before)}&(${count}-${lines})&${quoted(after)},"")`,
      value: dueCount > lines ? `${before}${dueCount - lines}${after}` : '',
    });
    styles.push({ range: range(first + lines, 0, 1, 1), style: { italic: true, fontColor: COLORS.overdueText } });
  }

  // The summary, right of the lines: per executor (the executors' order, unassigned last) and per source.
  const rows = entries.flatMap((entry) => (entry.row ? [{ ...entry, row: entry.row }] : []));
  const summary = buildSummary({
    tr,
    executors,
    unassigned,
    sources: input.sources,
    today,
    weekStart,
    mirrorRange,
    todayCell,
    weekStartCell,
    count: (pick) =>
      countWork(
        rows.filter((entry) => pick(entry.row, entry.source)).map((entry) => entry.row),
        today,
        weekStart,
        () => true,
      ),
  });
  for (const cell of summary.cells) put(cell.row, cell.col, cell.value);
  styles.push(...summary.styles);
  formats.push(...summary.formats);
  notes.push(...summary.notes);

  // Looks: the header, line formats, colours for overdue and today, an executor's later lines muted.
  const lineBlock = range(first, 0, lines, LINE.overdueDays + 1);
  styles.push(
    { range: range(TODAY_HEADER_ROW, 0, 1, LINE.overdueDays + 1), style: { bold: true, background: COLORS.header, fontColor: COLORS.headerText } },
    { range: range(TODAY_HEADER_ROW, MIRROR.source, 1, MIRROR_COLUMNS.length), style: { bold: true } },
  );
  formats.push(
    { range: range(first, LINE.date, lines, 1), format: 'date' },
    { range: range(first, LINE.time, lines, 1), format: 'time' },
    { range: range(first, LINE.overdueDays, lines, 1), format: 'integer' },
    { range: range(first, MIRROR.date, mirrorRows, 1), format: 'date' },
    { range: range(first, MIRROR.time, mirrorRows, 1), format: 'time' },
  );
  const lineRef = (column: LineColumn, absCol = true): string => a1(first, LINE[column], false, absCol);
  const conditionalFormats: ConditionalFormatSpec[] = [
    { ranges: [lineBlock], formula: `=ISNUMBER(${lineRef('overdueDays')})`, style: { background: COLORS.overdue, fontColor: COLORS.overdueText } },
    { ranges: [lineBlock], formula: `=AND(ISNUMBER(${lineRef('date')}),${lineRef('date')}=TODAY())`, style: { background: COLORS.today, bold: true } },
    {
      ranges: [range(first, LINE.owner, lines, 1)],
      formula: `=AND(${lineRef('owner')}<>"",${lineRef('owner')}=${a1(first - 1, LINE.owner, false, true)})`,
      style: { fontColor: COLORS.muted },
    },
    ...summary.conditionalFormats,
  ];

  const columns: ColumnSpec[] = [
    ...LINE_COLUMNS.map((key): ColumnSpec => ({ key, width: LINE_WIDTHS[key], hidden: key === 'position' })),
    { key: 'summaryGap', width: 24 },
    ...SUMMARY_COLUMNS.map((key): ColumnSpec => ({ key: `summary.${key}`, width: key === 'label' ? 150 : 72 })),
    { key: 'mirrorGap', width: 24 },
    ...MIRROR_COLUMNS.map((key): ColumnSpec => ({ key: `mirror.${key}`, width: 60, hidden: true })),
  ];
  const what = tr('today.note.what', { count: input.sources.length });
  notes.unshift({ row: TITLE_ROW, col: 0, text: tr('tab.note.generated', { what, time: input.generatedAt }) });

  const spec: TabSpec = {
    name: tr('today.tabName'),
    marker: { ...markerOf('today', {}), about: { today: toIso(today), daysAhead: String(daysAhead), sources: describeSources(input.sources) } },
    columns,
    rows: grid,
    headerRows: TODAY_FIRST_LINE_ROW,
    frozenRows: TODAY_FIRST_LINE_ROW,
    formats,
    styles,
    notes,
    conditionalFormats,
  };
  return { spec, items, byOwner: summary.byOwner, total: summary.total };
}

interface SummaryInput {
  tr: Translate;
  executors: string[];
  unassigned: string;
  sources: BoardSource[];
  today: DaySerial;
  weekStart: DaySerial;
  mirrorRange: (column: MirrorColumn) => string;
  todayCell: string;
  weekStartCell: string;
  /** The counts of the mirror's rows `pick` takes (with the 1-based index of their source). */
  count: (pick: (row: SourceRow, source: number) => boolean) => WorkCounts;
}

interface PlacedCell {
  row: number;
  col: number;
  value: Cell;
}

/**
 * Counts per executor and per source as COUNTIFS over the mirror, each with the count the core makes
 * the same way. Criteria on names are "="&name, so a name starting with < or > is compared, not read
 * as an operator.
 */
function buildSummary(input: SummaryInput) {
  const { tr, mirrorRange, todayCell, weekStartCell } = input;
  const cells: PlacedCell[] = [];
  const styles: StyleRun[] = [];
  const formats: FormatRun[] = [];
  const notes: NoteSpec[] = [];
  const overdueRanges: RangeRef[] = [];
  const put = (row: number, column: SummaryColumn, value: Cell): void => void cells.push({ row, col: SUMMARY[column], value });
  const ref = (row: number, column: SummaryColumn): string => a1(row, SUMMARY[column]);
  const [owner, kind, date, source] = [mirrorRange('owner'), mirrorRange('kind'), mirrorRange('date'), mirrorRange('source')];
  const inWeek = `${date},">="&${weekStartCell},${date},"<="&(${weekStartCell}+6)`;

  const header = (row: number, title: string): void => {
    put(row, 'label', title);
    for (const column of SUMMARY_COLUMNS.slice(1)) put(row, column, tr(`today.summary.${column as Exclude<SummaryColumn, 'label'>}`));
    styles.push({ range: range(row, SUMMARY.label, 1, SUMMARY_COLUMNS.length), style: { bold: true, background: COLORS.summaryHeader } });
  };
  /** One line of counts: `criteria` are COUNTIFS range/criterion pairs choosing its rows (empty for all). */
  const line = (row: number, label: string, criteria: string, counts: WorkCounts): void => {
    const where = criteria ? `${criteria},` : '';
    put(row, 'label', label);
    put(row, 'today', { formula: `=COUNTIFS(${where}${kind},"open",${date},${todayCell})`, value: counts.today });
    put(row, 'overdue', { formula: `=COUNTIFS(${where}${kind},"open",${date},"<"&${todayCell})`, value: counts.overdue });
    put(row, 'doneWeek', { formula: `=COUNTIFS(${where}${kind},"done",${inWeek})`, value: counts.doneThisWeek });
    put(row, 'plannedWeek', { formula: `=${ref(row, 'doneWeek')}+COUNTIFS(${where}${kind},"open",${inWeek})`, value: counts.plannedThisWeek });
    put(row, 'doneRate', {
      formula: `=IF(${ref(row, 'plannedWeek')}=0,"",${ref(row, 'doneWeek')}/${ref(row, 'plannedWeek')})`,
      value: counts.plannedThisWeek === 0 ? '' : counts.doneThisWeek / counts.plannedThisWeek,
    });
  };

  // The executors' lines start on the first line row: their labels are the list the sort key matches owners against.
  let row = TODAY_HEADER_ROW;
  header(row++, tr('today.summary.byOwner'));
  notes.push({ row: TODAY_HEADER_ROW, col: SUMMARY.label, text: tr('today.note.summary') });
  const firstOwnerRow = row;
  const byOwner: Array<{ label: string; counts: WorkCounts }> = [];
  for (const label of [...input.executors, input.unassigned]) {
    const counts = input.count((mirrorRow) => sameName(mirrorRow.owner === '' ? input.unassigned : mirrorRow.owner, label));
    line(row, label, `${owner},"="&${a1(row, SUMMARY.label, false, true)}`, counts);
    byOwner.push({ label, counts });
    row++;
  }
  const total = input.count(() => true);
  line(row, tr('today.summary.total'), '', total);
  styles.push({ range: range(row, SUMMARY.label, 1, SUMMARY_COLUMNS.length), style: { bold: true } });
  overdueRanges.push(range(firstOwnerRow, SUMMARY.overdue, row - firstOwnerRow + 1, 1));
  formats.push({ range: range(firstOwnerRow, SUMMARY.doneRate, row - firstOwnerRow + 1, 1), format: 'percentOneDecimal' });
  row += 2;

  if (input.sources.length) {
    header(row++, tr('today.summary.byGroup'));
    const firstGroupRow = row;
    input.sources.forEach((boardSource, s) => {
      line(
        row++,
        sourceLabel(boardSource.layout),
        `${source},${s + 1}`,
        input.count((_, index) => index === s + 1),
      );
    });
    overdueRanges.push(range(firstGroupRow, SUMMARY.overdue, row - firstGroupRow, 1));
    formats.push({ range: range(firstGroupRow, SUMMARY.doneRate, row - firstGroupRow, 1), format: 'percentOneDecimal' });
  }

  const conditionalFormats: ConditionalFormatSpec[] = [
    {
      ranges: overdueRanges,
      formula: `=${a1(overdueRanges[0].row, overdueRanges[0].col)}>0`,
      style: { background: COLORS.overdue, fontColor: COLORS.overdueText, bold: true },
    },
  ];
  return { cells, styles, formats, notes, conditionalFormats, byOwner, total };
}
