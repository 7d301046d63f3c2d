/**
 * The playground's picture of a tab: a TabSpec and its computed values drawn as an HTML <table>
 * that looks like Google Sheets (column letters, row numbers, frozen header, number formats,
 * styles, conditional formats, merges, notes, dropdown and checkbox cells). Every text that comes
 * from a sheet is escaped; colours are checked before they reach a style attribute. The page script
 * edits cells through the data-* attributes (data-r/data-c, data-options, data-checkbox, data-raw).
 */
import type { Lang } from '../core/i18n';
import {
  CellFormat,
  CellStyle,
  NUMBER_FORMATS,
  TabSpec,
  ValidationRule,
  columnLetter,
  formatGrid,
  gridWidth,
  isFormulaCell,
  styleGrid,
} from '../core/tab/spec';
import type { ConditionalStyle } from '../core/formula/workbook-calc';
import { WorkbookCalc } from '../core/formula/workbook-calc';
import { formatNumber } from '../core/formula/number-format';
import { Scalar, isError, numberToText } from '../core/formula/values';

export interface PreviewOptions {
  lang: Lang;
  /** Adds what the page needs to edit cells (data-raw: the formula or the value as typed). */
  editable: boolean;
  /** The tab's name in the calculator when the workbook gave it another name than spec.name ("团队 (2)"). */
  sheetName?: string;
  /** Blank rows drawn below the data, as a spreadsheet shows them, so people can add rows. */
  spareRows?: number;
}

/** Computed values of the tab; with a WorkbookCalc, conditional formats and range dropdowns are resolved too. */
export type PreviewSource = WorkbookCalc | ReadonlyArray<ReadonlyArray<Scalar>>;

const ROW_HEADER_WIDTH = 46;
const DEFAULT_COLUMN_WIDTH = 100;

const NEEDS_ESCAPE = /[&<>"']/;

/** Text for element content and for attribute values in double quotes. */
export function escapeHtml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Attribute values also keep their line breaks (a note's title). */
function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/\n/g, '&#10;');
}

/** Only plain colours reach CSS: #rgb, #rrggbb, #rrggbbaa or a colour name. */
function safeColor(color: string | undefined): string | undefined {
  return color !== undefined && /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$/.test(color) ? color : undefined;
}

/** "Automatic" number display: up to 10 decimals, as Sheets shows unformatted numbers in a default-width column. */
function automaticNumber(value: number): string {
  if (Number.isInteger(value) || Math.abs(value) >= 1e15 || Math.abs(value) < 1e-10) return numberToText(value);
  return numberToText(Number(value.toFixed(10)));
}

/** The text a cell shows for its value and format (checkboxes are drawn separately). */
export function displayText(value: Scalar, format: CellFormat): string {
  if (value === null) return '';
  if (isError(value)) return value.code;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (format === 'general' || format === 'text' || format === 'checkbox') return automaticNumber(value);
  return formatNumber(value, NUMBER_FORMATS[format]);
}

type CellValidation = { kind: 'list'; optionsAttribute: string } | { kind: 'checkbox' };

function listOptions(rule: ValidationRule, source: PreviewSource): string[] | undefined {
  if (rule.type === 'list') return rule.values;
  if (rule.type !== 'listFromRange' || !(source instanceof WorkbookCalc)) return undefined;
  const rows = source.rangeValues(rule.tab, rule.a1);
  if (!rows) return undefined;
  const seen = new Set<string>();
  for (const row of rows) {
    for (const value of row) {
      if (value === null || isError(value)) continue;
      const text = displayText(value, 'general');
      if (text !== '') seen.add(text);
    }
  }
  return [...seen];
}

function validationGrid(spec: TabSpec, source: PreviewSource, height: number, width: number): (CellValidation | undefined)[] {
  const grid: (CellValidation | undefined)[] = new Array(height * width);
  for (const validation of spec.validations ?? []) {
    let info: CellValidation | undefined;
    if (validation.rule.type === 'checkbox') {
      info = { kind: 'checkbox' };
    } else {
      const options = listOptions(validation.rule, source);
      if (options) info = { kind: 'list', optionsAttribute: escapeHtml(JSON.stringify(options)) };
    }
    if (!info) continue;
    const { row, col, rows, cols } = validation.range;
    for (let r = Math.max(0, row); r < Math.min(row + rows, height); r++) {
      for (let c = Math.max(0, col); c < Math.min(col + cols, width); c++) grid[r * width + c] = info;
    }
  }
  return grid;
}

interface MergeInfo {
  /** rowspan/colspan at each merge's top-left cell. */
  spans: Map<number, { rows: number; cols: number }>;
  covered: Uint8Array;
}

function mergeInfo(spec: TabSpec, height: number, width: number): MergeInfo {
  const spans = new Map<number, { rows: number; cols: number }>();
  const covered = new Uint8Array(height * width);
  for (const merge of spec.merges ?? []) {
    const top = Math.max(0, merge.row);
    const left = Math.max(0, merge.col);
    const rows = Math.min(merge.row + merge.rows, height) - top;
    const cols = Math.min(merge.col + merge.cols, width) - left;
    if (rows <= 0 || cols <= 0 || (rows === 1 && cols === 1) || covered[top * width + left]) continue;
    spans.set(top * width + left, { rows, cols });
    for (let r = top; r < top + rows; r++) for (let c = left; c < left + cols; c++) if (r !== top || c !== left) covered[r * width + c] = 1;
  }
  return { spans, covered };
}

/** Rows that stay on top: the header and frozen rows, stretched so that no merge is cut by the edge. */
function stickyRowCount(spec: TabSpec, height: number): number {
  let sticky = Math.min(height, Math.max(spec.headerRows, spec.frozenRows ?? 0));
  for (const merge of spec.merges ?? []) {
    if (merge.row < sticky && merge.row + merge.rows > sticky) sticky = Math.min(height, merge.row + merge.rows);
  }
  return sticky;
}

/** Inline CSS of a cell; alignment only when it differs from the default for the value (set by a class). */
function cellCss(style: CellStyle, conditional: ConditionalStyle | undefined): string {
  let css = '';
  const background = safeColor(conditional?.background ?? style.background);
  const color = safeColor(conditional?.fontColor ?? style.fontColor);
  if (background) css += `background:${background};`;
  if (color) css += `color:${color};`;
  if (conditional?.bold ?? style.bold) css += 'font-weight:bold;';
  if (conditional?.italic ?? style.italic) css += 'font-style:italic;';
  if (conditional?.strikethrough ?? style.strikethrough) css += 'text-decoration:line-through;';
  if (style.hAlign === 'left' || style.hAlign === 'center' || style.hAlign === 'right') css += `text-align:${style.hAlign};`;
  if (style.vAlign === 'top' || style.vAlign === 'middle' || style.vAlign === 'bottom') css += `vertical-align:${style.vAlign};`;
  if (style.fontSize && Number.isFinite(style.fontSize)) css += `font-size:${Math.round((style.fontSize * 4) / 3)}px;`;
  return css;
}

/** About how wide a text is drawn in Arial 13px (10pt) or the cell's font size: wide for CJK, narrow otherwise. */
function textWidth(text: string, fontSize: number | undefined): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) > 0x2e7f ? 13 : 7.5;
  return fontSize && Number.isFinite(fontSize) ? (width * fontSize) / 10 : width;
}

/** The HTML <table> of a tab; see the module comment for what it carries. */
export function renderTabHtml(spec: TabSpec, source: PreviewSource, opts: PreviewOptions): string {
  const sheetName = opts.sheetName ?? spec.name;
  const calc = source instanceof WorkbookCalc && source.hasSheet(sheetName) ? source : null;
  const values: ReadonlyArray<ReadonlyArray<Scalar>> = calc
    ? calc.values(sheetName)
    : source instanceof WorkbookCalc
      ? spec.rows.map((row) => row.map((cell) => (isFormulaCell(cell) ? cell.value : cell)))
      : source;
  const conditional = calc ? calc.conditionalStyles(sheetName) : [];

  let height = Math.max(spec.rows.length, values.length);
  let width = gridWidth(spec);
  for (const row of values) if (row.length > width) width = row.length;
  height += opts.spareRows ?? 0;
  if (height === 0) height = 1;
  if (width === 0) width = 1;

  const formats = formatGrid(spec, height, width);
  const styles = styleGrid(spec, height, width);
  const validations = validationGrid(spec, source, height, width);
  const merges = mergeInfo(spec, height, width);
  const notes = new Map<number, string>();
  for (const note of spec.notes ?? []) if (note.row < height && note.col < width) notes.set(note.row * width + note.col, note.text);
  const stickyRows = stickyRowCount(spec, height);
  const frozenColumns = Math.min(width, spec.frozenColumns ?? 0);

  const widths: number[] = [];
  for (let c = 0; c < width; c++) widths.push(spec.columns[c]?.hidden ? 0 : Math.max(20, Math.round(spec.columns[c]?.width ?? DEFAULT_COLUMN_WIDTH)));
  const lefts: number[] = [];
  let offset = ROW_HEADER_WIDTH;
  for (let c = 0; c < frozenColumns; c++) {
    lefts.push(offset);
    offset += widths[c];
  }
  const totalWidth = widths.reduce((sum, w) => sum + w, ROW_HEADER_WIDTH);

  let html =
    `<table class="sp-sheet${opts.editable ? ' sp-editable' : ''}" lang="${escapeHtml(opts.lang)}" data-tab="${escapeHtml(sheetName)}" style="width:${totalWidth}px">` +
    `<colgroup><col style="width:${ROW_HEADER_WIDTH}px">`;
  // A hidden column collapses, as Sheets hides it.
  widths.forEach((w, c) => (html += spec.columns[c]?.hidden ? '<col style="width:0;visibility:collapse">' : `<col style="width:${w}px">`));
  html += '</colgroup><thead><tr class="sp-letters"><th class="sp-corner"></th>';
  for (let c = 0; c < width; c++) {
    const frozen = c < frozenColumns ? ` class="sp-fc${c === frozenColumns - 1 ? ' sp-fc-last' : ''}" style="left:${lefts[c]}px"` : '';
    html += `<th data-c="${c}"${frozen}>${columnLetter(c)}</th>`;
  }
  html += '</tr>';

  /**
   * How far a cell's text runs over the empty cells to its right, as Sheets lets unwrapped, left-aligned
   * text spill: up to the first cell with a value (a formula's "" too), a merge, a dropdown, a checkbox or
   * a note. Text in a frozen column runs on over the scrolling columns and stays with its cell, so a
   * legend beside a frozen table is read whole. 0 when the text fits its own cell.
   */
  const spillWidth = (text: string, style: CellStyle, r: number, c: number): number => {
    // A hidden column is not drawn, nor is its text: it never runs over the visible columns.
    if (spec.columns[c]?.hidden) return 0;
    if (style.wrap || (style.hAlign !== undefined && style.hAlign !== 'left') || text.includes('\n')) return 0;
    const needed = textWidth(text, style.fontSize) - (widths[c] - 6);
    if (needed <= 0) return 0;
    const rowValues = values[r] ?? [];
    const specRow = spec.rows[r] ?? [];
    let spill = 0;
    for (let n = c + 1; n < width && spill < needed; n++) {
      const index = r * width + n;
      const blank = (rowValues[n] ?? null) === null && !isFormulaCell(specRow[n]);
      if (!blank || merges.covered[index] || merges.spans.has(index) || validations[index] || notes.has(index) || formats[r][n] === 'checkbox') break;
      // Text runs on over a hidden column (nothing is drawn there) into the visible ones after it.
      if (!spec.columns[n]?.hidden) spill += widths[n];
    }
    return spill;
  };

  const hiddenRows = new Set(spec.hiddenRows ?? []);
  for (let r = 0; r < height; r++) {
    if (r === stickyRows) html += '</thead><tbody>';
    const rowValues = values[r] ?? [];
    const specRow = spec.rows[r] ?? [];
    // A row someone hid is not drawn; the row numbers skip it, as in Sheets.
    if (hiddenRows.has(r)) continue;
    const rowClass = [r === stickyRows - 1 ? 'sp-fr-last' : '', hiddenRows.has(r + 1) ? 'sp-before-hidden' : ''].filter(Boolean).join(' ');
    html += `<tr data-r="${r}"${rowClass ? ` class="${rowClass}"` : ''}><th class="sp-row">${r + 1}</th>`;
    for (let c = 0; c < width; c++) {
      const index = r * width + c;
      if (merges.covered[index]) continue;
      const value: Scalar = rowValues[c] ?? null;
      const format = formats[r][c];
      const validation = validations[index];
      const isCheckbox = validation?.kind === 'checkbox' || format === 'checkbox';
      let classes = '';
      let attributes = '';
      let text: string;
      if (isCheckbox && (typeof value === 'boolean' || value === null)) {
        text = value === true ? '☑' : '☐';
        classes += ' sp-cb';
      } else if (typeof value === 'number') {
        text = displayText(value, format);
        classes += ' sp-n';
      } else {
        text = typeof value === 'string' ? escapeHtml(value) : displayText(value, format);
        if (typeof value === 'boolean' || isError(value)) classes += ' sp-c';
      }
      if (isCheckbox) attributes += ` data-checkbox data-checked="${value === true}"`;
      if (isError(value)) classes += ' sp-err';
      if (validation?.kind === 'list') {
        classes += ' sp-dd';
        attributes += ` data-options="${validation.optionsAttribute}"`;
      }
      const style = styles[r][c];
      if (style.wrap) classes += ' sp-wrap';
      const note = notes.get(index);
      if (note !== undefined) {
        classes += ' sp-note';
        attributes += ` title="${escapeAttribute(note)}"`;
      }
      const span = merges.spans.get(index);
      if (span) {
        if (span.rows > 1) attributes += ` rowspan="${span.rows}"`;
        if (span.cols > 1) attributes += ` colspan="${span.cols}"`;
      }
      if (opts.editable) {
        const cell = specRow[c];
        if (isFormulaCell(cell)) attributes += ` data-raw="${escapeHtml(cell.formula)}"`;
        else if (typeof value === 'number' && format !== 'date' && format !== 'time' && text !== numberToText(value))
          attributes += ` data-raw="${numberToText(value)}"`;
      }
      const spill = typeof value === 'string' && !isCheckbox && !validation && !span ? spillWidth(value, style, r, c) : 0;
      if (spill > 0) {
        classes += ' sp-spill';
        text = `<div class="sp-over" style="width:${widths[c] + spill - 6}px">${text}</div>`;
      }
      let css = cellCss(style, conditional[r]?.[c]);
      if (c < frozenColumns) {
        classes += c === frozenColumns - 1 ? ' sp-fc sp-fc-last' : ' sp-fc';
        css += `left:${lefts[c]}px;`;
      }
      html += `<td data-r="${r}" data-c="${c}"${classes ? ` class="${classes.slice(1)}"` : ''}${css ? ` style="${css}"` : ''}${attributes}>${text}</td>`;
    }
    html += '</tr>';
  }
  return html + (stickyRows >= height ? '</thead></table>' : '</tbody></table>');
}

/** Styles for the preview table: Google Sheets' look (13px Arial, light grid, grey headers). */
export const previewCss = `
.sp-sheet { border-collapse: separate; border-spacing: 0; table-layout: fixed; font: 13px Arial, "PingFang SC", "Microsoft YaHei", sans-serif; color: #000; background: #fff; }
.sp-sheet td, .sp-sheet th { height: 21px; padding: 0 3px; border-right: 1px solid #e2e3e3; border-bottom: 1px solid #e2e3e3; overflow: hidden; white-space: pre; text-overflow: clip; vertical-align: bottom; background: #fff; box-sizing: border-box; }
.sp-sheet th { background: #f8f9fa; color: #5f6368; font-weight: normal; font-size: 11px; text-align: center; vertical-align: middle; border-color: #c0c0c0; }
.sp-sheet thead { position: sticky; top: 0; z-index: 3; }
.sp-sheet .sp-row { position: sticky; left: 0; z-index: 2; }
.sp-sheet .sp-corner { position: sticky; left: 0; z-index: 4; }
.sp-sheet .sp-n { text-align: right; }
.sp-sheet .sp-c, .sp-sheet .sp-cb { text-align: center; }
.sp-sheet .sp-wrap { white-space: pre-wrap; overflow-wrap: anywhere; }
.sp-sheet td.sp-spill { overflow: visible; }
.sp-sheet td.sp-fc.sp-spill { z-index: 2; }
.sp-sheet .sp-over { position: relative; overflow: hidden; white-space: pre; pointer-events: none; }
.sp-sheet .sp-note, .sp-sheet .sp-dd { position: relative; }
.sp-sheet tr.sp-before-hidden > th.sp-row { box-shadow: inset 0 -3px 0 #9aa0a6; }
.sp-sheet .sp-dd { padding-right: 14px; }
.sp-sheet .sp-note::after { content: ""; position: absolute; top: 0; right: 0; border-style: solid; border-width: 0 6px 6px 0; border-color: transparent #000 transparent transparent; }
.sp-sheet .sp-fc { position: sticky; z-index: 1; }
.sp-sheet .sp-fc-last { border-right: 2px solid #bdc1c6; }
.sp-sheet .sp-fr-last > td, .sp-sheet .sp-fr-last > th { border-bottom: 2px solid #bdc1c6; }
.sp-sheet .sp-dd::after { content: "\\25BE"; position: absolute; right: 3px; bottom: 0; color: #5f6368; }
.sp-sheet .sp-cb { font-size: 15px; line-height: 1; vertical-align: middle; }
.sp-sheet .sp-err { color: #c5221f; }
/* As in Sheets only the selected cell is outlined, never the one under the pointer. */
.sp-sheet.sp-editable td { cursor: cell; }
.sp-sheet.sp-editable .sp-cb { cursor: pointer; }
.sp-sheet.sp-editable td.sp-sel { box-shadow: inset 0 0 0 2px #1a73e8; }
`;
