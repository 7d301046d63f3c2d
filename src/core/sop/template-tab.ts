/**
 * Templates kept in the sheet: "Save as template" writes a "SOP模板·<name>" tab that people edit
 * like any sheet, and the picker reads such tabs back. Layout: a meta row (template ID, anchor date,
 * ID prefix), a header row, then one row per action.
 */
import { formatTimeOfDay, parseTimeOfDay, toHalfWidth } from '../dates';
import { AppError, type Problem } from '../errors';
import type { Lang, MessageKey, MessageParams } from '../i18n';
import { t } from '../i18n';
import { markerOf } from '../tab/marker';
import { printSetupFor } from '../tab/print';
import { range, type Cell, type CellValue, type TabSpec } from '../tab/spec';
import {
  cellText,
  columnDropdowns,
  columnSpecs,
  findHeader,
  headerCells,
  normalizeHeader,
  problemAt,
  readCell,
  tableRows,
  type CellReading,
  type ColumnDef,
  type TableSchema,
} from '../table/schema';
import { parseRole, roleLabel, ROLES, type Role } from '../team/team';
import { PLACEHOLDER_NAMES } from './placeholders';
import { SHARED_COLUMN_WIDTHS } from './columns';
import {
  ANCHOR_KINDS,
  anchorLabel,
  channelLabel,
  CHANNELS,
  codeForTemplateId,
  isValidCode,
  parseAnchorKind,
  parseChannel,
  type Channel,
  type SopTemplate,
  type TemplateRow,
} from './template';

export const TEMPLATE_COLUMNS = ['rowKey', 'offset', 'time', 'phase', 'channel', 'item', 'detail', 'script', 'materials', 'role'] as const;
export type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number];

const META = ['id', 'anchor', 'code'] as const;
type MetaField = (typeof META)[number];

/** Rows below the last action that still get the dropdowns, for actions people add. */
const SPARE_ROWS = 100;

const BOTH: Lang[] = ['zh-CN', 'en'];

const EXPECTED_CHANNELS = CHANNELS.map((c) => channelLabel(c, 'zh-CN')).join('、') + ' / ' + CHANNELS.map((c) => channelLabel(c, 'en')).join(', ');
const EXPECTED_ROLES = ROLES.map((r) => roleLabel(r, 'zh-CN')).join('、') + ' / ' + ROLES.map((r) => roleLabel(r, 'en')).join(', ');

/** A reader whose problems all name the value found, as the template tab's messages do. */
function reader<V>(parse: (cell: CellValue) => V | null, problem: { problem: MessageKey; params?: MessageParams }): (cell: CellValue) => CellReading<V> {
  return (cell) => {
    const value = parse(cell);
    return value === null ? { ...problem, params: { value: cellText(cell), ...problem.params } } : { value };
  };
}

const column = (key: TemplateColumn, def: Omit<ColumnDef, 'header'>): ColumnDef => ({ header: `sop.header.${key}`, format: 'text', ...def });

/**
 * A template tab's table, declared once: "Save as template" writes it, the picker reads it back. Its
 * header is the first row naming the day offset, channel, item and role columns, in either language.
 */
export const TEMPLATE_SCHEMA: TableSchema<TemplateColumn> = {
  order: TEMPLATE_COLUMNS,
  required: ['offset', 'channel', 'item', 'role'],
  columns: {
    rowKey: column('rowKey', { width: 120 }),
    offset: column('offset', { width: 64, format: 'integer', read: reader(parseOffset, { problem: 'sop.error.badOffset' }) }),
    time: column('time', { width: SHARED_COLUMN_WIDTHS.time, format: 'time', read: reader(parseTime, { problem: 'sop.error.badTime' }) }),
    phase: column('phase', { width: SHARED_COLUMN_WIDTHS.phase }),
    channel: column('channel', {
      width: SHARED_COLUMN_WIDTHS.channel,
      read: reader(parseChannel, { problem: 'sop.error.badChannel', params: { expected: EXPECTED_CHANNELS } }),
      dropdown: ({ lang }) => ({ type: 'list', values: CHANNELS.map((c) => channelLabel(c, lang)), strict: true }),
    }),
    item: column('item', { width: SHARED_COLUMN_WIDTHS.item, read: reader((cell) => cellText(cell) || null, { problem: 'sop.error.missingItem' }) }),
    detail: column('detail', { width: SHARED_COLUMN_WIDTHS.detail }),
    script: column('script', { width: SHARED_COLUMN_WIDTHS.script }),
    materials: column('materials', { width: SHARED_COLUMN_WIDTHS.materials }),
    role: column('role', {
      width: 84,
      read: reader((cell) => parseRole(cellText(cell)), { problem: 'sop.error.badRole', params: { expected: EXPECTED_ROLES } }),
      dropdown: ({ lang }) => ({ type: 'list', values: ROLES.map((r) => roleLabel(r, lang)), strict: true }),
    }),
  },
};

function metaLabel(field: MetaField, lang: Lang): string {
  return t(lang, `sop.template.meta.${field}`);
}

/** "SOP模板·28天大课" / "SOP template·28-day main course". */
export function templateTabName(name: string, lang: Lang): string {
  return t(lang, 'sop.templateTabName', { name });
}

export function buildTemplateTab(template: SopTemplate, lang: Lang): TabSpec {
  const width = TEMPLATE_COLUMNS.length;
  const col = (key: TemplateColumn): number => TEMPLATE_COLUMNS.indexOf(key);
  const meta: Cell[] = [
    metaLabel('id', lang),
    template.id,
    metaLabel('anchor', lang),
    anchorLabel(template.anchorKind, lang),
    metaLabel('code', lang),
    template.code,
  ];
  const rows: Cell[][] = [meta, headerCells(TEMPLATE_SCHEMA, TEMPLATE_COLUMNS, lang)];
  for (const row of template.rows) {
    rows.push([
      row.rowKey,
      row.dayOffset,
      row.time ? parseTimeOfDay(row.time) : null,
      row.phase || null,
      channelLabel(row.channel, lang),
      row.item,
      row.detail || null,
      row.script || null,
      row.materials || null,
      roleLabel(row.role, lang),
    ]);
  }
  const body = template.rows.length + SPARE_ROWS;
  return {
    name: templateTabName(template.name, lang),
    marker: markerOf('sop-template', { template: template.id }),
    columns: columnSpecs(TEMPLATE_SCHEMA, TEMPLATE_COLUMNS),
    rows,
    headerRows: 2,
    frozenRows: 2,
    styles: [
      { range: range(0, 0, 1, 6), style: { fontColor: '#5f6368' } },
      { range: range(0, 0, 1, 1), style: { bold: true } },
      { range: range(0, 2, 1, 1), style: { bold: true } },
      { range: range(0, 4, 1, 1), style: { bold: true } },
      { range: range(1, 0, 1, width), style: { background: '#3c4043', fontColor: '#ffffff', bold: true } },
      { range: range(2, 0, body, width), style: { vAlign: 'top' } },
      { range: range(2, col('detail'), body, 1), style: { wrap: true } },
      { range: range(2, col('script'), body, 1), style: { wrap: true } },
    ],
    validations: [
      { range: range(0, 3), rule: { type: 'list', values: ANCHOR_KINDS.map((k) => anchorLabel(k, lang)), strict: true } },
      ...columnDropdowns(TEMPLATE_SCHEMA, TEMPLATE_COLUMNS, col, { lang, teamTab: null }, { row: 2, rows: body }),
    ],
    notes: [{ row: 0, col: 0, text: t(lang, 'sop.note.templateTab', { placeholders: PLACEHOLDER_NAMES[lang].map((n) => `{${n}}`).join(' ') }) }],
    print: printSetupFor('sop-template', 2),
  };
}

function parseOffset(value: CellValue | undefined): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) <= 366 ? value : null;
  const m = /^([+-]?)(\d{1,3})$/.exec(toHalfWidth(cellText(value)).replace(/[\u2212\u2013]/g, '-'));
  if (!m) return null;
  const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  return Math.abs(n) <= 366 ? n : null;
}

function parseTime(value: CellValue | undefined): string | null {
  if (cellText(value) === '') return '';
  if (typeof value === 'number') return value >= 0 && value < 1 ? formatTimeOfDay(value) : null;
  const fraction = parseTimeOfDay(cellText(value));
  return fraction === null ? null : formatTimeOfDay(fraction);
}

/** The name part of "SOP模板·<name>" in either language; the whole tab name otherwise. */
function nameFromTabName(tabName: string): string {
  for (const lang of BOTH) {
    const prefix = templateTabName('', lang);
    if (tabName.startsWith(prefix) && tabName.length > prefix.length) return tabName.slice(prefix.length);
  }
  return tabName;
}

/**
 * Reads a template tab. Every malformed cell (day offset, time, channel, role, missing item,
 * repeated row key, unknown anchor) is reported at once, with its row and column.
 */
export function readTemplateTab(grid: CellValue[][], tabName: string): SopTemplate {
  const header = findHeader(grid, TEMPLATE_SCHEMA);
  if (!header) throw new AppError({ code: 'sop.error.noTemplateHeader', location: { tab: tabName } });

  const problems: Problem[] = [];
  const metaNames = new Map<string, MetaField>();
  for (const lang of BOTH) for (const field of META) metaNames.set(normalizeHeader(metaLabel(field, lang)), field);
  const meta: Partial<Record<MetaField, { value: CellValue; row: number; col: number }>> = {};
  for (let r = 0; r < header.row; r++) {
    grid[r].forEach((cell, c) => {
      const field = metaNames.get(normalizeHeader(cell));
      if (field && !meta[field]) meta[field] = { value: grid[r][c + 1] ?? null, row: r, col: c + 1 };
    });
  }
  const id = cellText(meta.id?.value) || tabName;
  const anchorKind = parseAnchorKind(meta.anchor?.value);
  if (!anchorKind) {
    const expected = ANCHOR_KINDS.map((k) => anchorLabel(k, 'zh-CN') + '/' + anchorLabel(k, 'en')).join(', ');
    problems.push({
      code: 'sop.error.badAnchor',
      params: { value: cellText(meta.anchor?.value), expected },
      location: { tab: tabName, row: (meta.anchor?.row ?? 0) + 1, column: meta.anchor?.col ?? 1 },
    });
  }
  const typedCode = cellText(meta.code?.value).toUpperCase();
  const code = isValidCode(typedCode) ? typedCode : codeForTemplateId(id);

  const rows: TemplateRow[] = [];
  const explicitKeys = new Set<string>();
  for (const row of tableRows(grid, TEMPLATE_SCHEMA, header)) {
    const read = <V>(key: TemplateColumn): V | undefined => readCell<TemplateColumn, V>(TEMPLATE_SCHEMA, header, row, key, problems, { tab: tabName });
    const dayOffset = read<number>('offset');
    const time = read<string>('time');
    const channel = read<Channel>('channel');
    const role = read<Role>('role');
    const item = read<string>('item');
    const rowKey = cellText(row.cells.rowKey);
    if (rowKey && explicitKeys.has(rowKey))
      problems.push(problemAt(TEMPLATE_SCHEMA, header, row.row, 'rowKey', 'sop.error.duplicateKey', { value: rowKey }, { tab: tabName }));
    if (rowKey) explicitKeys.add(rowKey);

    if (dayOffset === undefined || time === undefined || !channel || !role || !item) continue;
    rows.push({
      rowKey,
      dayOffset,
      time,
      phase: cellText(row.cells.phase),
      channel,
      item,
      detail: cellText(row.cells.detail),
      script: cellText(row.cells.script),
      materials: cellText(row.cells.materials),
      role,
    });
  }
  if (problems.length > 0 || !anchorKind) throw new AppError(problems);
  if (rows.length === 0) throw new AppError({ code: 'sop.error.emptyTemplate', location: { tab: tabName } });

  // Rows without a key get one from what they say ("d3-发布群公告"), numbered when two rows say the
  // same on the same day, and never equal to a key typed on another row.
  const usedKeys = new Set(explicitKeys);
  for (const row of rows) {
    if (row.rowKey) continue;
    const base = `d${row.dayOffset}-${row.item}`;
    let key = base;
    for (let n = 2; usedKeys.has(key); n++) key = `${base}#${n}`;
    usedKeys.add(key);
    row.rowKey = key;
  }

  const phases: string[] = [];
  for (const row of rows) if (row.phase && !phases.includes(row.phase)) phases.push(row.phase);
  return { id, name: nameFromTabName(tabName), code, anchorKind, phases, rows };
}
