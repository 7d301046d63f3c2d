/**
 * The monthly activity list (月度活动排期): reading it from a grid the user filled or pasted, and the
 * list tab the sidebar creates. The calendar tab reads the same tab with formulas, so the column
 * layout found here travels with the activities (ActivityListLayout).
 */
import { parseDate, toIso, type DaySerial } from '../dates';
import { AppError, type Problem } from '../errors';
import { t, type Lang, type MessageKey } from '../i18n';
import { a1, range, type Cell, type CellValue, type TabSpec, type ValidationSpec } from '../tab/spec';
import { ownerDropdown } from '../team/tab';
import { normalizeHeader } from '../team/team';

export const ACTIVITY_TYPES = ['camp', 'marketingClass', 'openClass', 'survey', 'promotion', 'dailyContent', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_STATUSES = ['draft', 'planned', 'inProgress', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

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

const REQUIRED_FIELDS: ActivityField[] = ['name', 'type', 'start'];

const HEADER_SYNONYMS: Record<ActivityField, string[]> = {
  name: ['活动名称', '活动名', '活动', '名称', 'name', 'activity', 'activity name'],
  type: ['类型', '活动类型', 'type', 'activity type'],
  start: ['开始日期', '开始', '开始时间', '日期', 'start', 'start date', 'date'],
  end: ['结束日期', '结束', '结束时间', 'end', 'end date'],
  owner: ['负责人', '执行人', 'owner'],
  targetGroups: ['目标社群', '社群', '目标群', 'target groups', 'target group', 'groups'],
  goal: ['目标', 'goal', 'target'],
  status: ['状态', 'status'],
};

const TYPE_ALIASES: Record<string, ActivityType> = {
  低价训练营: 'camp', 营销直播课: 'marketingClass', 直播课: 'marketingClass', 直播公开课: 'openClass',
  调研: 'survey', 表单: 'survey', 问卷: 'survey', 社群表单: 'survey', 促销: 'promotion', 秒杀: 'promotion',
  拼团: 'promotion', 快闪群: 'promotion', 日常: 'dailyContent', 朋友圈: 'dailyContent', 社群种草: 'dailyContent',
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

/** 目标社群 may list several groups: "Java引流5群;Java引流6群", "A群、B群", "A, B". */
export function splitGroups(text: unknown): string[] {
  return String(text ?? '')
    .split(/[;,、；，\n]/)
    .map((group) => group.trim())
    .filter((group) => group !== '');
}

/** Whether a grid looks like an activity list: a header naming at least the name, type and start columns. */
export function looksLikeActivityList(grid: CellValue[][]): boolean {
  const layout = findActivityLayout(grid);
  return layout !== null && REQUIRED_FIELDS.every((field) => layout.columns[field] >= 0);
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
  for (let row = 0; row < grid.length; row++) {
    const columns = {} as Record<ActivityField, number>;
    for (const field of ACTIVITY_FIELDS) columns[field] = -1;
    let known = 0;
    (grid[row] ?? []).forEach((cell, col) => {
      const header = normalizeHeader(cell);
      const field = ACTIVITY_FIELDS.find((f) => HEADER_SYNONYMS[f].some((s) => normalizeHeader(s) === header));
      if (field && columns[field] < 0) {
        columns[field] = col;
        known++;
      }
    });
    if (known >= 2) return { headerRow: row, columns };
  }
  return null;
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
  const layout = findActivityLayout(grid);
  if (!layout) throw new AppError({ code: 'calendar.error.noHeader', location: tab ? { tab } : undefined });
  const missing = REQUIRED_FIELDS.filter((field) => layout.columns[field] < 0);
  if (missing.length) {
    throw new AppError(
      missing.map((field) => ({
        code: 'calendar.error.missingColumn' as MessageKey,
        params: { column: headerLabel(field, lang) },
        location: { tab, row: layout.headerRow + 1 },
      })),
    );
  }

  const problems: Problem[] = [];
  const activities: Activity[] = [];
  const header = grid[layout.headerRow];
  for (let row = layout.headerRow + 1; row < grid.length; row++) {
    const cells = grid[row] ?? [];
    const cell = (field: ActivityField): CellValue => (layout.columns[field] >= 0 ? cells[layout.columns[field]] ?? null : null);
    const text = (field: ActivityField): string => String(cell(field) ?? '').trim();
    if (ACTIVITY_FIELDS.every((field) => text(field) === '')) continue;
    const problem = (field: ActivityField, code: MessageKey, params?: Problem['params']): void => {
      const column = layout.columns[field];
      problems.push({ code, params, location: { tab, row: row + 1, column, columnName: String(header[column] ?? '').trim() } });
    };

    const name = text('name');
    if (!name) problem('name', 'calendar.error.nameMissing');

    const typeText = text('type');
    const type = parseActivityType(typeText);
    if (!typeText) problem('type', 'calendar.error.typeMissing');
    else if (!type) {
      problem('type', 'calendar.error.typeUnknown', {
        value: typeText,
        expected: ACTIVITY_TYPES.map((tp) => typeLabel(tp, lang)).join(t(lang, 'calendar.joiner')),
      });
    }

    const start = readDate(cell('start'));
    if (text('start') === '') problem('start', 'calendar.error.startMissing');
    else if (start === null) problem('start', 'error.invalidDate', { value: text('start') });

    let end = start;
    if (text('end') !== '') {
      end = readDate(cell('end'));
      if (end === null) problem('end', 'error.invalidDate', { value: text('end') });
      else if (start !== null && end < start) problem('end', 'calendar.error.endBeforeStart', { start: toIso(start), end: toIso(end) });
    }

    let status: ActivityStatus | null = null;
    if (text('status') !== '') {
      status = parseActivityStatus(text('status'));
      if (!status) {
        problem('status', 'calendar.error.statusUnknown', {
          value: text('status'),
          expected: ACTIVITY_STATUSES.map((s) => statusLabel(s, lang)).join(t(lang, 'calendar.joiner')),
        });
      }
    }

    if (name && type && start !== null && end !== null && end >= start) {
      activities.push({
        name,
        type,
        typeText,
        start,
        end,
        owner: text('owner'),
        targetGroups: splitGroups(cell('targetGroups')),
        goal: text('goal'),
        status,
      });
    }
  }
  if (problems.length) throw new AppError(problems);
  return { activities, layout };
}

/** Day serials from a date cell (fractions of a day dropped) or any date text parseDate reads. */
function readDate(value: CellValue): DaySerial | null {
  return parseDate(typeof value === 'string' ? value.trim() : value);
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

const COLUMN_WIDTHS: Record<ActivityField, number> = {
  name: 240, type: 100, start: 100, end: 100, owner: 90, targetGroups: 180, goal: 140, status: 80,
};

export interface ActivityListTabOptions {
  /**
   * The rows the tab holds now, header included, as read: kept exactly as they are, the new rows
   * going below them in the same column layout. Without it the tab is new: our header, then the rows.
   */
  existing?: CellValue[][];
  /** The tab's current name, so regenerating a renamed list keeps its name (and the calendars' formulas). */
  name?: string;
  /** The marker key; '' for the list the sidebar creates. */
  key?: string;
}

/**
 * The activity list tab the sidebar creates: headers, type / owner / status dropdowns (the owner
 * dropdown is the one every generated tab uses, over the Team tab's names; none without a Team tab), date formats on the date
 * columns, drafts in grey italics and cancelled rows struck through (conditional formats, so they
 * follow edits). Regenerated with `existing`, it keeps every row it had and appends `rows`.
 */
export function buildActivityListTab(lang: Lang, teamTabName: string | null, rows: ActivityRow[] = [], options: ActivityListTabOptions = {}): TabSpec {
  const existing = options.existing;
  const layout = (existing && findActivityLayout(existing)) || DEFAULT_LIST_LAYOUT;
  const head: Cell[][] = existing ? existing.map((cells) => [...cells]) : [ACTIVITY_FIELDS.map((field) => headerLabel(field, lang))];
  const body: Cell[][] = rows.map((row) => activityRowCells(row, lang, layout));
  const allRows = [...head, ...body];
  const columns = layout.columns;
  const top = layout.headerRow + 1;
  const dataRows = Math.max(LIST_CAPACITY_ROWS, allRows.length - top + 100);
  const fieldAt = (col: number): ActivityField | undefined => ACTIVITY_FIELDS.find((field) => columns[field] === col);
  const width = Math.max(ACTIVITY_FIELDS.length, ...allRows.map((cells) => cells.length), ...ACTIVITY_FIELDS.map((field) => columns[field] + 1));
  const labelsOf = (status: ActivityStatus): string[] => [statusLabel(status, 'zh-CN'), statusLabel(status, 'en')];
  const statusIs = (status: ActivityStatus): string =>
    `=OR(${labelsOf(status).map((label) => `${a1(top, columns.status, false, true)}="${label}"`).join(',')})`;
  const validations: ValidationSpec[] = [];
  if (columns.type >= 0) {
    validations.push({ range: range(top, columns.type, dataRows), rule: { type: 'list', values: ACTIVITY_TYPES.map((tp) => typeLabel(tp, lang)), strict: true } });
  }
  if (columns.owner >= 0 && teamTabName !== null) validations.push({ range: range(top, columns.owner, dataRows), rule: ownerDropdown(teamTabName) });
  if (columns.status >= 0) {
    validations.push({ range: range(top, columns.status, dataRows), rule: { type: 'list', values: ACTIVITY_STATUSES.map((s) => statusLabel(s, lang)), strict: true } });
  }
  const dataRange = [range(top, 0, dataRows, width)];
  // The prepared rows are part of the grid, blank, as a sheet shows them: people type into them.
  const blankRows: Cell[][] = Array.from({ length: Math.max(0, top + dataRows - allRows.length) }, () => []);
  return {
    name: options.name ?? t(lang, 'calendar.listTabName'),
    marker: { kind: 'activities', key: { list: options.key ?? '' } },
    columns: Array.from({ length: width }, (_, col) => {
      const field = fieldAt(col);
      if (!field) return { key: `extra${col + 1}`, width: 120, format: 'general' as const };
      return { key: field, width: COLUMN_WIDTHS[field], format: field === 'start' || field === 'end' ? ('date' as const) : ('text' as const) };
    }),
    rows: [...allRows, ...blankRows],
    headerRows: top,
    frozenRows: top,
    frozenColumns: columns.name === 0 ? 1 : 0,
    styles: [{ range: range(layout.headerRow, 0, 1, width), style: { bold: true, background: '#e8eaed' } }],
    validations,
    conditionalFormats:
      columns.status >= 0
        ? [
            { ranges: dataRange, formula: statusIs('draft'), style: { italic: true, fontColor: '#80868b' } },
            { ranges: dataRange, formula: statusIs('cancelled'), style: { strikethrough: true, fontColor: '#9aa0a6' } },
          ]
        : [],
    notes: [{ row: layout.headerRow, col: 0, text: t(lang, 'calendar.listNote') }],
  };
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
  const convert = (cells: CellValue[]): CellValue[] => [
    ...ACTIVITY_FIELDS.map((field) => (layout.columns[field] >= 0 ? cells[layout.columns[field]] ?? null : null)),
    ...extras.map((col) => cells[col] ?? null),
  ];
  return [
    [...ACTIVITY_FIELDS.map((field) => headerLabel(field, lang)), ...extras.map((col) => header[col] ?? null)],
    ...grid.slice(layout.headerRow + 1).map(convert),
  ];
}
