/**
 * The SOP tab's table, declared once: the tab writer, the merge that regenerates a tab and the
 * readers of SOP tabs (template identification, the calendar's push count) all use this schema, so
 * a column is named in one place. A column it does not know is a column of the user's.
 */
import type { Lang } from '../i18n';
import { t } from '../i18n';
import type { CellValue } from '../tab/spec';
import { findHeader, tableRows, type ColumnDef, type TableHeader, type TableSchema } from '../table/schema';

export { cellText } from '../table/schema';

export const SOP_COLUMNS = [
  'id',
  'date',
  'weekday',
  'time',
  'phase',
  'channel',
  'item',
  'detail',
  'script',
  'materials',
  'owner',
  'status',
  'proof',
  'note',
  'calendar',
  'generatedOwner',
  'generatedTexts',
] as const;
export type SopColumn = (typeof SOP_COLUMNS)[number];

/** Template texts a person may rewrite in a generated row; regenerating keeps what they wrote. */
export const SOP_TEXT_COLUMNS = ['time', 'channel', 'item', 'detail', 'script', 'materials'] as const;
export type SopTextColumn = (typeof SOP_TEXT_COLUMNS)[number];

/**
 * Widths (px) of the columns an SOP tab and a template tab share, so both read alike. Neighbours share
 * a width where a few pixels do not matter (time and weekday, phase and channel…): Sheets sets the
 * widths of adjacent columns of one width in one call, and a new tab costs a call per run.
 */
export const SHARED_COLUMN_WIDTHS = {
  time: 56,
  // Sheets' default width: a new tab's columns need no call to get it.
  phase: 100,
  channel: 100,
  item: 150,
  detail: 220,
  script: 340,
  materials: 130,
} as const;

const column = (key: SopColumn, def: Omit<ColumnDef, 'header'> = {}): ColumnDef => ({ header: `sop.header.${key}`, ...def });

/**
 * The proof and note columns' width, which the columns after them take too (the holiday column, whose
 * English names need the room, and the hidden bookkeeping columns), so that all of them take one call.
 */
const NOTE_WIDTH = 170;

export const SOP_SCHEMA: TableSchema<SopColumn> = {
  order: SOP_COLUMNS,
  required: ['id', 'date'],
  columns: {
    // The add-on's key for a row, not something people read: narrow, just wide enough for a built-in
    // template's IDs ("B28-K3F9Q") in the column's small font.
    id: column('id', { width: 72, format: 'text', synonyms: ['编号', '序号'] }),
    // Sheets' default width (100): a new tab's column needs no call to get it (a date needs ~75 px).
    date: column('date', { width: 100, format: 'date' }),
    // The weekday column holds formulas; a text format would show them as text when retyped.
    weekday: column('weekday', { width: SHARED_COLUMN_WIDTHS.time, format: 'general', synonyms: ['周', 'weekday'] }),
    time: column('time', { width: SHARED_COLUMN_WIDTHS.time, format: 'time' }),
    phase: column('phase', { width: SHARED_COLUMN_WIDTHS.phase, format: 'text' }),
    channel: column('channel', { width: SHARED_COLUMN_WIDTHS.channel, format: 'text', synonyms: ['触点', '渠道/触点'] }),
    item: column('item', { width: SHARED_COLUMN_WIDTHS.item, format: 'text' }),
    detail: column('detail', { width: SHARED_COLUMN_WIDTHS.detail, format: 'text' }),
    script: column('script', { width: SHARED_COLUMN_WIDTHS.script, format: 'text' }),
    materials: column('materials', { width: SHARED_COLUMN_WIDTHS.materials, format: 'text' }),
    // The default width too: names and status labels fit, and the dropdown's arrow has room.
    owner: column('owner', { width: 100, format: 'text', synonyms: ['负责人', '执行人'] }),
    status: column('status', { width: 100, format: 'text' }),
    proof: column('proof', { width: NOTE_WIDTH, format: 'text' }),
    note: column('note', { width: NOTE_WIDTH, format: 'text' }),
    calendar: column('calendar', { width: NOTE_WIDTH, format: 'text' }),
    // Bookkeeping for regeneration: hidden, yet there for anyone who unhides them.
    generatedOwner: column('generatedOwner', { width: NOTE_WIDTH, format: 'text', hidden: true }),
    generatedTexts: column('generatedTexts', { width: NOTE_WIDTH, format: 'text', hidden: true }),
  },
};

/** The columns of a tab: the calendar column only when holidays and solar terms are marked. */
export function sopColumns(markCalendar: boolean): SopColumn[] {
  return SOP_COLUMNS.filter((key) => markCalendar || key !== 'calendar');
}

export function sopHeader(key: SopColumn, lang: Lang): string {
  return t(lang, SOP_SCHEMA.columns[key].header);
}

export type SopHeader = TableHeader<SopColumn>;

/**
 * The header row of an SOP tab read back: the first row naming both the ID and the date column, in
 * either language. Null when there is none.
 */
export function findSopHeader(grid: CellValue[][]): SopHeader | null {
  return findHeader(grid, SOP_SCHEMA);
}

/** An SOP tab's cells by column. */
export type SopCells = Partial<Record<SopColumn, CellValue>>;

/**
 * The rows below an SOP header with at least one cell filled (the weekday, a formula, does not count),
 * each as its cells by column.
 */
export function sopTableRows(grid: CellValue[][], header: SopHeader): SopCells[] {
  return tableRows(grid, SOP_SCHEMA, header, ['weekday']).map((row) => row.cells);
}
