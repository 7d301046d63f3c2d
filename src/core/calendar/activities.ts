/**
 * The monthly activity list (月度活动排期), declared once as ACTIVITY_SCHEMA: reading it from a grid
 * the user filled or pasted, and the list tab the sidebar creates and Draft month updates. The
 * calendar tab reads the same tab with formulas, so the column layout found here travels with the
 * activities (ActivityListLayout).
 */
import { readDate, toIso, type DaySerial } from '../dates';
import { AppError, type Problem } from '../errors';
import { t, type Lang, type MessageKey } from '../i18n';
import { planTableLayout, type OldTable, type TableLayout } from '../tab/layers';
import { markerOf, type MarkerKeyOf } from '../tab/marker';
import { printSetupFor } from '../tab/print';
import { a1, range, type Cell, type CellValue, type ColumnSpec, type TabSpec } from '../tab/spec';
import {
  cellText,
  columnDropdowns,
  columnSpecs,
  findHeader,
  normalizeHeader,
  problemAt,
  readCell,
  tableRows,
  type CellReading,
  type TableHeader,
  type TableSchema,
} from '../table/schema';
import { ownerDropdown } from '../team/tab';
import { splitList } from '../text/split-list';

export const ACTIVITY_TYPES = ['camp', 'marketingClass', 'openClass', 'survey', 'promotion', 'dailyContent', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_STATUSES = ['draft', 'planned', 'inProgress', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/**
 * How a draft looks, in the list and in the calendar alike: grey italics on a light grey ground, set
 * apart from the pastel type colours of agreed activities. (The TabSpec has no dashed borders; a
 * conditional format can set only colours and the font.)
 */
export const DRAFT_STYLE = { italic: true, fontColor: '#80868b', background: '#f5f5f5' } as const;

/** One row of the activity list, as the core writes it (drafts, the list tab). */
export interface ActivityRow {
  name: string;
  type: ActivityType;
  start: DaySerial;
  /** Equal to `start` for a one-day activity (a blank 结束日期 reads as one day). */
  end: DaySerial;
  owner: string;
  targetGroups: string[];
  goal: string;
  /** null when the status cell is blank. */
  status: ActivityStatus | null;
}

/** A row read from the list. */
export interface Activity extends ActivityRow {
  /** The type as written in the list; the live calendar formula shows this very text. */
  typeText: string;
}

export const ACTIVITY_FIELDS = ['name', 'type', 'start', 'end', 'owner', 'targetGroups', 'goal', 'status'] as const;
export type ActivityField = (typeof ACTIVITY_FIELDS)[number];

/** Where the list's header and columns are, 0-based; a column absent from a pasted list is -1. */
export interface ActivityListLayout {
  headerRow: number;
  columns: Record<ActivityField, number>;
}

/** The layout of the list tab that buildActivityListTab writes: header on row 1, fields in order. */
export const DEFAULT_LIST_LAYOUT: ActivityListLayout = {
  headerRow: 0,
  columns: { name: 0, type: 1, start: 2, end: 3, owner: 4, targetGroups: 5, goal: 6, status: 7 },
};

/** Data rows the list tab prepares (dropdowns, date formats) and the calendar formulas read at least. */
export const LIST_CAPACITY_ROWS = 500;

const TYPE_ALIASES: Record<string, ActivityType> = {
  低价训练营: 'camp',
  营销直播课: 'marketingClass',
  直播课: 'marketingClass',
  直播公开课: 'openClass',
  调研: 'survey',
  表单: 'survey',
  问卷: 'survey',
  社群表单: 'survey',
  促销: 'promotion',
  秒杀: 'promotion',
  拼团: 'promotion',
  快闪群: 'promotion',
  日常: 'dailyContent',
  朋友圈: 'dailyContent',
  社群种草: 'dailyContent',
  其它: 'other',
};

export function typeLabel(type: ActivityType, lang: Lang): string {
  return t(lang, `calendar.type.${type}`);
}

export function statusLabel(status: ActivityStatus, lang: Lang): string {
  return t(lang, `calendar.status.${status}`);
}

export function headerLabel(field: ActivityField, lang: Lang): string {
  return t(lang, `calendar.header.${field}`);
}

/** A type from its label in either language, its key or a common alias; null when unknown. */
export function parseActivityType(text: unknown): ActivityType | null {
  const wanted = normalizeHeader(text);
  if (!wanted) return null;
  for (const type of ACTIVITY_TYPES) {
    if (wanted === type.toLowerCase()) return type;
    if (wanted === normalizeHeader(typeLabel(type, 'zh-CN')) || wanted === normalizeHeader(typeLabel(type, 'en'))) return type;
  }
  return TYPE_ALIASES[wanted] ?? null;
}

/**
 * A status from its label in either language or its key; null when unknown. Only these exact words
 * are taken, because the live calendar formula recognises a cancelled row by its label.
 */
export function parseActivityStatus(text: unknown): ActivityStatus | null {
  const wanted = normalizeHeader(text);
  for (const status of ACTIVITY_STATUSES) {
    if (wanted === status.toLowerCase()) return status;
    if (wanted === normalizeHeader(statusLabel(status, 'zh-CN')) || wanted === normalizeHeader(statusLabel(status, 'en'))) return status;
  }
  return null;
}

/** Columns a list cannot be read without; a pasted list missing one is refused, naming it. */
const REQUIRED_FIELDS: ActivityField[] = ['name', 'type', 'start'];

function joined(labels: string[], lang: Lang): string {
  return labels.join(t(lang, 'calendar.joiner'));
}

/**
 * The activity list's table, declared once: the list tab is written from it, and our list, a pasted
 * list (in either language, under title rows) and a copy of one are read with it. Its header is the
 * first row naming two of its columns, so a list missing a needed column is told what it lacks rather
 * than that it has no header.
 */
export const ACTIVITY_SCHEMA: TableSchema<ActivityField> = {
  order: ACTIVITY_FIELDS,
  required: [],
  header: { minColumns: 2 },
  columns: {
    name: {
      header: 'calendar.header.name',
      synonyms: ['活动名称', '活动名', '活动', '名称', 'name', 'activity', 'activity name'],
      width: 240,
      format: 'text',
      read: (cell) => (cellText(cell) ? { value: cellText(cell) } : { problem: 'calendar.error.nameMissing' }),
    },
    type: {
      header: 'calendar.header.type',
      synonyms: ['类型', '活动类型', 'type', 'activity type'],
      width: 100,
      format: 'text',
      read: (cell, { lang }): CellReading<ActivityType> => {
        const text = cellText(cell);
        if (!text) return { problem: 'calendar.error.typeMissing' };
        const type = parseActivityType(text);
        if (type) return { value: type };
        return {
          problem: 'calendar.error.typeUnknown',
          params: {
            value: text,
            expected: joined(
              ACTIVITY_TYPES.map((tp) => typeLabel(tp, lang)),
              lang,
            ),
          },
        };
      },
      dropdown: ({ lang }) => ({ type: 'list', values: ACTIVITY_TYPES.map((tp) => typeLabel(tp, lang)), strict: true }),
    },
    start: {
      header: 'calendar.header.start',
      synonyms: ['开始日期', '开始', '开始时间', '日期', 'start', 'start date', 'date'],
      width: 100,
      format: 'date',
      read: (cell) => (cellText(cell) === '' ? { problem: 'calendar.error.startMissing' } : readDate(cell)),
    },
    end: {
      header: 'calendar.header.end',
      synonyms: ['结束日期', '结束', '结束时间', 'end', 'end date'],
      width: 100,
      format: 'date',
      // A blank end is a one-day activity.
      read: (cell): CellReading<DaySerial | null> => (cellText(cell) === '' ? { value: null } : readDate(cell)),
    },
    owner: {
      header: 'calendar.header.owner',
      synonyms: ['负责人', '执行人', 'owner'],
      width: 90,
      format: 'text',
      dropdown: ({ teamTab }) => (teamTab === null ? null : ownerDropdown(teamTab)),
    },
    targetGroups: {
      header: 'calendar.header.targetGroups',
      synonyms: ['目标社群', '社群', '目标群', 'target groups', 'target group', 'groups'],
      width: 180,
      format: 'text',
      read: (cell) => ({ value: splitList(cell) }),
    },
    goal: { header: 'calendar.header.goal', synonyms: ['目标', 'goal', 'target'], width: 140, format: 'text' },
    status: {
      header: 'calendar.header.status',
      synonyms: ['状态', 'status'],
      width: 80,
      format: 'text',
      read: (cell, { lang }): CellReading<ActivityStatus | null> => {
        const text = cellText(cell);
        if (!text) return { value: null };
        const status = parseActivityStatus(text);
        if (status) return { value: status };
        return {
          problem: 'calendar.error.statusUnknown',
          params: {
            value: text,
            expected: joined(
              ACTIVITY_STATUSES.map((st) => statusLabel(st, lang)),
              lang,
            ),
          },
        };
      },
      dropdown: ({ lang }) => ({ type: 'list', values: ACTIVITY_STATUSES.map((st) => statusLabel(st, lang)), strict: true }),
    },
  },
};

/** Where a list's header and columns are, as read with the schema. */
function layoutOf(header: TableHeader<ActivityField>): ActivityListLayout {
  const columns = {} as Record<ActivityField, number>;
  for (const field of ACTIVITY_FIELDS) columns[field] = header.columns[field] ?? -1;
  return { headerRow: header.row, columns };
}

/** Whether a grid looks like an activity list: a header naming at least the name, type and start columns. */
export function looksLikeActivityList(grid: CellValue[][]): boolean {
  const header = findHeader(grid, ACTIVITY_SCHEMA);
  return header !== null && REQUIRED_FIELDS.every((field) => header.columns[field] !== undefined);
}

/** Whether an activity that is not cancelled covers the day (both ends included). */
export function coversDay(activity: ActivityRow, day: DaySerial): boolean {
  return activity.status !== 'cancelled' && activity.start <= day && day <= activity.end;
}

/** The activities on a day, in list order — the order the calendar shows them in. */
export function activitiesOn<T extends ActivityRow>(activities: readonly T[], day: DaySerial): T[] {
  return activities.filter((activity) => coversDay(activity, day));
}

/**
 * Where a list's header and columns are: the first row naming at least two known columns (in either
 * language, or a synonym); null when no row does.
 */
export function findActivityLayout(grid: CellValue[][]): ActivityListLayout | null {
  const header = findHeader(grid, ACTIVITY_SCHEMA);
  return header && layoutOf(header);
}

/**
 * The language a list was made in, from its header labels (the add-on wrote them in that language);
 * null when they are neither. A list keeps its language: its strict type and status dropdowns, and
 * the drafts added to it, must spell what its rows already hold, whatever the session's language.
 */
export function activityListLang(grid: CellValue[][], layout: ActivityListLayout): Lang | null {
  const header = grid[layout.headerRow] ?? [];
  const votes = { 'zh-CN': 0, en: 0 };
  for (const field of ACTIVITY_FIELDS) {
    const col = layout.columns[field];
    if (col < 0) continue;
    const text = normalizeHeader(header[col]);
    if (text === normalizeHeader(headerLabel(field, 'zh-CN'))) votes['zh-CN']++;
    else if (text === normalizeHeader(headerLabel(field, 'en'))) votes.en++;
  }
  if (votes['zh-CN'] === votes.en) return null;
  return votes['zh-CN'] > votes.en ? 'zh-CN' : 'en';
}

export interface ReadActivitiesOptions {
  /** Named in error locations. */
  tab?: string;
  /** Language of the parameters put into errors (column names, expected values). */
  lang?: Lang;
}

export interface ActivityList {
  activities: Activity[];
  layout: ActivityListLayout;
}

/**
 * Reads an activity list grid (dates as day serials or text). The header is the first row naming
 * at least two known columns; title rows above it are skipped, blank rows ignored. Every problem of
 * the grid is collected and thrown together, with its row and column, so nothing is written from a
 * list that has a mistake anywhere.
 */
export function readActivityGrid(grid: CellValue[][], options: ReadActivitiesOptions = {}): ActivityList {
  const lang = options.lang ?? 'zh-CN';
  const tab = options.tab;
  const header = findHeader(grid, ACTIVITY_SCHEMA);
  if (!header) throw new AppError({ code: 'calendar.error.noHeader', location: tab ? { tab } : undefined });
  const missing = REQUIRED_FIELDS.filter((field) => header.columns[field] === undefined);
  if (missing.length) {
    throw new AppError(
      missing.map((field) => ({
        code: 'calendar.error.missingColumn' as MessageKey,
        params: { column: headerLabel(field, lang) },
        location: { tab, row: header.row + 1 },
      })),
    );
  }

  const problems: Problem[] = [];
  const activities: Activity[] = [];
  for (const row of tableRows(grid, ACTIVITY_SCHEMA, header)) {
    const read = <V>(field: ActivityField): V | undefined => readCell<ActivityField, V>(ACTIVITY_SCHEMA, header, row, field, problems, { tab, lang });
    const name = read<string>('name');
    const type = read<ActivityType>('type');
    const start = read<DaySerial>('start');
    const end = read<DaySerial | null>('end');
    if (start !== undefined && end !== undefined && end !== null && end < start) {
      problems.push(problemAt(ACTIVITY_SCHEMA, header, row.row, 'end', 'calendar.error.endBeforeStart', { start: toIso(start), end: toIso(end) }, { tab }));
    }
    const status = read<ActivityStatus | null>('status');
    if (name === undefined || type === undefined || start === undefined || end === undefined || status === undefined) continue;
    if (end !== null && end < start) continue;
    activities.push({
      name,
      type,
      typeText: cellText(row.cells.type),
      start,
      end: end ?? start,
      owner: read<string>('owner') ?? '',
      targetGroups: read<string[]>('targetGroups') ?? [],
      goal: read<string>('goal') ?? '',
      status,
    });
  }
  if (problems.length) throw new AppError(problems);
  return { activities, layout: layoutOf(header) };
}

/**
 * The 0-based grid rows readActivityGrid read its activities from, in the same order (every filled row
 * under the header is an activity of a list that reads without problems).
 */
export function activityGridRows(grid: CellValue[][]): number[] {
  const header = findHeader(grid, ACTIVITY_SCHEMA);
  return header ? tableRows(grid, ACTIVITY_SCHEMA, header).map((row) => row.row) : [];
}

/** The cells of one row in a list's own column order (for appending drafts to a pasted list). */
export function activityRowCells(row: ActivityRow, lang: Lang, layout: ActivityListLayout = DEFAULT_LIST_LAYOUT): CellValue[] {
  const values: Record<ActivityField, CellValue> = {
    name: row.name,
    type: typeLabel(row.type, lang),
    start: row.start,
    end: row.end,
    owner: row.owner,
    targetGroups: row.targetGroups.join(t(lang, 'calendar.joiner')),
    goal: row.goal,
    status: row.status ? statusLabel(row.status, lang) : null,
  };
  const width = Math.max(...ACTIVITY_FIELDS.map((field) => layout.columns[field])) + 1;
  const cells: CellValue[] = new Array(width).fill(null);
  for (const field of ACTIVITY_FIELDS) if (layout.columns[field] >= 0) cells[layout.columns[field]] = values[field];
  return cells;
}

export interface ActivityListTabOptions {
  /**
   * Where the list's columns are: an existing list tab's layout (the user's columns between and beside
   * them stay the user's), or by default a new tab's.
   */
  layout?: TableLayout;
  /**
   * The lines the tab keeps above the new rows, in the layout's columns: the header line, then the
   * list's rows exactly as they are (aliases, text dates, blank rows between). A blank header cell of
   * one of the list's columns gets our header. Without it the tab starts with our header.
   */
  kept?: CellValue[][];
  /** The tab's current name, so regenerating a renamed list keeps its name (and the calendars' formulas). */
  name?: string;
  /** Which list the tab is (activityListKey); by default the list the sidebar creates. */
  key?: MarkerKeyOf<'activities'>;
  /** Notes on the name cell of the body's lines (the kept lines, then `rows`), in order; null for none. */
  rowNotes?: ReadonlyArray<string | null>;
}

/**
 * The identity of an activity list tab: our list, the one the sidebar creates (copiedFrom null), or
 * the copy of a pasted list made while our list exists, named after the pasted tab so that each
 * pasted tab is copied once.
 */
export function activityListKey(copiedFrom: string | null): MarkerKeyOf<'activities'> {
  return { list: copiedFrom === null ? '' : `from:${copiedFrom}` };
}

/**
 * The activity list tab: headers, type / owner / status dropdowns (the owner dropdown is the one every
 * generated tab uses, over the Team tab's names; none without a Team tab), date formats on the date
 * columns, drafts in grey italics and cancelled rows struck through (conditional formats, so they
 * follow edits). The kept lines come first, then `rows`, in the columns of `layout`.
 */
export function buildActivityListTab(lang: Lang, teamTabName: string | null, rows: ActivityRow[] = [], options: ActivityListTabOptions = {}): TabSpec {
  const layout = options.layout ?? planTableLayout(ACTIVITY_FIELDS, null);
  const col = (field: ActivityField): number => layout.columns[field];
  const top = layout.headerRow + 1;
  const [headerLine, ...keptRows] = options.kept ?? [[]];
  const header: CellValue[] = [...headerLine];
  for (const field of ACTIVITY_FIELDS) if (cellText(header[col(field)]) === '') header[col(field)] = headerLabel(field, lang);
  const placed = {
    headerRow: layout.headerRow,
    columns: Object.fromEntries(ACTIVITY_FIELDS.map((field) => [field, col(field)])) as Record<ActivityField, number>,
  };
  const body: Cell[][] = [...keptRows.map((cells) => [...cells]), ...rows.map((row) => activityRowCells(row, lang, placed))];
  const allRows: Cell[][] = [...Array.from({ length: layout.headerRow }, (): Cell[] => []), header, ...body];
  const width = Math.max(layout.right, ...allRows.map((cells) => cells.length));
  const dataRows = Math.max(LIST_CAPACITY_ROWS, body.length + 100);
  const labelsOf = (status: ActivityStatus): string[] => [statusLabel(status, 'zh-CN'), statusLabel(status, 'en')];
  const statusIs = (status: ActivityStatus): string =>
    `=OR(${labelsOf(status)
      .map((label) => `${a1(top, col('status'), false, true)}="${label}"`)
      .join(',')})`;
  const dataRange = [range(top, 0, dataRows, width)];
  const columns: ColumnSpec[] = Array.from({ length: width }, (_, c) => ({ key: `user${c}`, width: 120, format: 'general' as const }));
  columnSpecs(ACTIVITY_SCHEMA, ACTIVITY_FIELDS).forEach((column, i) => (columns[col(ACTIVITY_FIELDS[i])] = column));
  // The prepared rows are part of the grid, blank, as a sheet shows them: people type into them.
  const blankRows: Cell[][] = Array.from({ length: Math.max(0, top + dataRows - allRows.length) }, () => []);
  return {
    name: options.name ?? t(lang, 'calendar.listTabName'),
    marker: markerOf('activities', options.key ?? activityListKey(null)),
    columns,
    rows: [...allRows, ...blankRows],
    headerRows: top,
    frozenRows: top,
    frozenColumns: col('name') === 0 ? 1 : 0,
    styles: [{ range: range(layout.headerRow, 0, 1, width), style: { bold: true, background: '#e8eaed' } }],
    validations: columnDropdowns(ACTIVITY_SCHEMA, ACTIVITY_FIELDS, col, { lang, teamTab: teamTabName }, { row: top, rows: dataRows }),
    conditionalFormats: [
      { ranges: dataRange, formula: statusIs('draft'), style: { ...DRAFT_STYLE } },
      { ranges: dataRange, formula: statusIs('cancelled'), style: { strikethrough: true, fontColor: '#9aa0a6' } },
    ],
    notes: [
      { row: layout.headerRow, col: col('name'), text: t(lang, 'calendar.listNote') },
      ...(options.rowNotes ?? []).flatMap((text, i) => (text ? [{ row: top + i, col: col('name'), text }] : [])),
    ],
    print: printSetupFor('activities', top),
  };
}

/**
 * The lines of a list tab as it is now that buildActivityListTab keeps, moved into `layout`'s
 * columns: the header line, then every row of the old table (blank ones between included, so each
 * keeps its place). Only the list's own columns are carried: the user's stay where they are.
 */
export function keptListLines(grid: CellValue[][], old: OldTable, layout: TableLayout): CellValue[][] {
  const lines: CellValue[][] = [];
  for (let r = old.headerRow; r < old.end; r++) {
    const line: CellValue[] = new Array(layout.right).fill(null);
    for (const field of ACTIVITY_FIELDS) {
      const from = old.columns[field];
      if (from !== undefined) line[layout.columns[field]] = grid[r]?.[from] ?? null;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * A pasted list copied into our list's layout (for Draft month, which needs a list it may rewrite):
 * our header, then every row below the pasted header with each known column's cell moved to our
 * column for it, exactly as it was; columns we do not know follow ours, under their own header.
 * Title rows above the pasted header are left out. The pasted tab itself is not touched.
 */
export function convertPastedList(grid: CellValue[][], lang: Lang): CellValue[][] {
  const layout = findActivityLayout(grid);
  if (!layout) throw new AppError({ code: 'calendar.error.noHeader' });
  const known = new Set(ACTIVITY_FIELDS.map((field) => layout.columns[field]).filter((col) => col >= 0));
  const header = grid[layout.headerRow] ?? [];
  const width = grid.reduce((w, cells) => Math.max(w, cells.length), 0);
  const extras = Array.from({ length: width }, (_, col) => col).filter((col) => !known.has(col));
  // The list's type and status cells have strict dropdowns in the session's language: a type or a
  // status recognised in either language (or by an alias) is copied as that language's label.
  const inLang = (field: ActivityField, value: CellValue): CellValue => {
    if (field === 'type') {
      const type = parseActivityType(value);
      return type ? typeLabel(type, lang) : value;
    }
    if (field === 'status') {
      const status = parseActivityStatus(value);
      return status ? statusLabel(status, lang) : value;
    }
    return value;
  };
  const convert = (cells: CellValue[]): CellValue[] => [
    ...ACTIVITY_FIELDS.map((field) => (layout.columns[field] >= 0 ? inLang(field, cells[layout.columns[field]] ?? null) : null)),
    ...extras.map((col) => cells[col] ?? null),
  ];
  return [
    [...ACTIVITY_FIELDS.map((field) => headerLabel(field, lang)), ...extras.map((col) => header[col] ?? null)],
    ...grid.slice(layout.headerRow + 1).map(convert),
  ];
}
