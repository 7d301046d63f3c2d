/**
 * Templates kept in the sheet: "Save as template" writes a "SOP模板·<name>" tab that people edit
 * like any sheet, and the picker reads such tabs back. Layout: a meta row (template ID, anchor date,
 * ID prefix), a header row, then one row per action.
 */
import { formatTimeOfDay, parseTimeOfDay, toHalfWidth } from '../dates';
import { AppError, type Problem } from '../errors';
import type { Lang, MessageKey, MessageParams } from '../i18n';
import { t } from '../i18n';
import { range, type Cell, type CellValue, type ColumnSpec, type TabSpec } from '../tab/spec';
import { normalizeHeader, parseRole, roleLabel, ROLES, type Role } from '../team/team';
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

const REQUIRED: TemplateColumn[] = ['offset', 'channel', 'item', 'role'];

const META = ['id', 'anchor', 'code'] as const;
type MetaField = (typeof META)[number];

const WIDTHS: Record<TemplateColumn, number> = {
  rowKey: 120,
  offset: 64,
  ...SHARED_COLUMN_WIDTHS,
  role: 84,
};

/** Rows below the last action that still get the dropdowns, for actions people add. */
const SPARE_ROWS = 100;

const BOTH: Lang[] = ['zh-CN', 'en'];

function templateHeader(key: TemplateColumn, lang: Lang): string {
  return t(lang, `sop.header.${key}`);
}

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
  const rows: Cell[][] = [meta, TEMPLATE_COLUMNS.map((key) => templateHeader(key, lang))];
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
  const columns: ColumnSpec[] = TEMPLATE_COLUMNS.map((key) => ({
    key,
    width: WIDTHS[key],
    format: key === 'offset' ? 'integer' : key === 'time' ? 'time' : 'text',
  }));
  return {
    name: templateTabName(template.name, lang),
    marker: { kind: 'sop-template', key: { template: template.id } },
    columns,
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
      { range: range(2, col('channel'), body, 1), rule: { type: 'list', values: CHANNELS.map((c) => channelLabel(c, lang)), strict: true } },
      { range: range(2, col('role'), body, 1), rule: { type: 'list', values: ROLES.map((r) => roleLabel(r, lang)), strict: true } },
    ],
    notes: [{ row: 0, col: 0, text: t(lang, 'sop.note.templateTab', { placeholders: PLACEHOLDER_NAMES[lang].map((n) => `{${n}}`).join(' ') }) }],
  };
}

function text(value: CellValue | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

function parseOffset(value: CellValue | undefined): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) <= 366 ? value : null;
  const m = /^([+-]?)(\d{1,3})$/.exec(toHalfWidth(text(value)).replace(/[\u2212\u2013]/g, '-'));
  if (!m) return null;
  const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  return Math.abs(n) <= 366 ? n : null;
}

function parseTime(value: CellValue | undefined): string | null {
  if (value === null || value === undefined || text(value) === '') return '';
  if (typeof value === 'number') return value >= 0 && value < 1 ? formatTimeOfDay(value) : null;
  const fraction = parseTimeOfDay(text(value));
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
  const headerNames = new Map<string, TemplateColumn>();
  for (const lang of BOTH) for (const key of TEMPLATE_COLUMNS) headerNames.set(normalizeHeader(templateHeader(key, lang)), key);
  const metaNames = new Map<string, MetaField>();
  for (const lang of BOTH) for (const field of META) metaNames.set(normalizeHeader(metaLabel(field, lang)), field);

  let headerRow = -1;
  const cols: Partial<Record<TemplateColumn, number>> = {};
  for (let r = 0; r < grid.length && headerRow < 0; r++) {
    const found: Partial<Record<TemplateColumn, number>> = {};
    grid[r].forEach((cell, c) => {
      const key = headerNames.get(normalizeHeader(cell));
      if (key && found[key] === undefined) found[key] = c;
    });
    if (REQUIRED.every((key) => found[key] !== undefined)) {
      headerRow = r;
      Object.assign(cols, found);
    }
  }
  if (headerRow < 0) throw new AppError({ code: 'sop.error.noTemplateHeader', location: { tab: tabName } });

  const problems: Problem[] = [];
  const problem = (code: MessageKey, params: MessageParams, row: number, column: number, columnName?: string): void => {
    problems.push({ code, params, location: { tab: tabName, row: row + 1, column, columnName } });
  };

  const meta: Partial<Record<MetaField, { value: CellValue; row: number; col: number }>> = {};
  for (let r = 0; r < headerRow; r++) {
    grid[r].forEach((cell, c) => {
      const field = metaNames.get(normalizeHeader(cell));
      if (field && !meta[field]) meta[field] = { value: grid[r][c + 1] ?? null, row: r, col: c + 1 };
    });
  }
  const id = text(meta.id?.value) || tabName;
  const anchorKind = parseAnchorKind(meta.anchor?.value);
  if (!anchorKind) {
    const expected = ANCHOR_KINDS.map((k) => anchorLabel(k, 'zh-CN') + '/' + anchorLabel(k, 'en')).join(', ');
    problem('sop.error.badAnchor', { value: text(meta.anchor?.value), expected }, meta.anchor?.row ?? 0, meta.anchor?.col ?? 1);
  }
  const typedCode = text(meta.code?.value).toUpperCase();
  const code = isValidCode(typedCode) ? typedCode : codeForTemplateId(id);

  const header = grid[headerRow];
  const columnName = (key: TemplateColumn): string => text(header[cols[key] ?? -1]);
  const cell = (line: CellValue[], key: TemplateColumn): CellValue | undefined => (cols[key] === undefined ? undefined : line[cols[key] as number]);
  const channels = CHANNELS.map((c) => channelLabel(c, 'zh-CN')).join('、') + ' / ' + CHANNELS.map((c) => channelLabel(c, 'en')).join(', ');
  const roles = ROLES.map((r) => roleLabel(r, 'zh-CN')).join('、') + ' / ' + ROLES.map((r) => roleLabel(r, 'en')).join(', ');

  const rows: TemplateRow[] = [];
  const explicitKeys = new Set<string>();
  for (let r = headerRow + 1; r < grid.length; r++) {
    const line = grid[r];
    if (TEMPLATE_COLUMNS.every((key) => text(cell(line, key)) === '')) continue;
    const bad = (code: MessageKey, key: TemplateColumn, params: MessageParams = {}): void =>
      problem(code, { value: text(cell(line, key)), ...params }, r, cols[key] ?? 0, columnName(key));

    const dayOffset = parseOffset(cell(line, 'offset'));
    if (dayOffset === null) bad('sop.error.badOffset', 'offset');
    const time = parseTime(cell(line, 'time'));
    if (time === null) bad('sop.error.badTime', 'time');
    const channel: Channel | null = parseChannel(cell(line, 'channel'));
    if (!channel) bad('sop.error.badChannel', 'channel', { expected: channels });
    const role: Role | null = parseRole(text(cell(line, 'role')));
    if (!role) bad('sop.error.badRole', 'role', { expected: roles });
    const item = text(cell(line, 'item'));
    if (!item) bad('sop.error.missingItem', 'item');
    const rowKey = text(cell(line, 'rowKey'));
    if (rowKey && explicitKeys.has(rowKey)) bad('sop.error.duplicateKey', 'rowKey');
    if (rowKey) explicitKeys.add(rowKey);

    if (dayOffset === null || time === null || !channel || !role || !item) continue;
    rows.push({
      rowKey,
      dayOffset,
      time,
      phase: text(cell(line, 'phase')),
      channel,
      item,
      detail: text(cell(line, 'detail')),
      script: text(cell(line, 'script')),
      materials: text(cell(line, 'materials')),
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
