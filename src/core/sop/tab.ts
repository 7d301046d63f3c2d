/**
 * The SOP tab as a TabSpec: the schedule table, its dropdowns and live conditional formats, and a
 * summary block of formulas.
 *
 * The summary sits to the right of the table, one blank column away, and below it, one blank row
 * away: in rows of its own, whose heights are the summary's (beside the table it would share each
 * row with a wrapped script several lines tall). Its columns hold no table cell, so readers of the
 * table never take its lines for rows and its whole-column references ($E:$E) never reach into its
 * own cells; rows people append below the table go in the blank row and the rows beside the
 * summary, and regenerating moves the summary below them. The frozen header row says where it is.
 */
import { sopRowsAbout } from '../calendar/pushes';
import { parseTimeOfDay, toIso, type DaySerial } from '../dates';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import {
  a1,
  cellValue,
  columnLetter,
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
  type ValidationSpec,
} from '../tab/spec';
import { planTableLayout, type TableLayout } from '../tab/layers';
import { markerOf } from '../tab/marker';
import { printSetupFor } from '../tab/print';
import { ownerDropdown } from '../team/tab';
import { columnSpecs } from '../table/schema';
import { SOP_SCHEMA, SOP_TEXT_COLUMNS, sopColumns, sopHeader, type SopColumn } from './columns';
import { freshTextPrints } from './merge';
import type { SopRow } from './generate';
import { statusLabel, STATUSES } from './status';
import { anchorLabel, type SopTemplate } from './template';

export interface SopTabOptions {
  rows: SopRow[];
  group: string;
  cohort: string;
  template: SopTemplate;
  anchor: DaySerial;
  lang: Lang;
  /** The Team tab's name for the owner dropdown; null when there is none (a list of names is used). */
  teamTabName: string | null;
  /** Names for the owner dropdown when there is no Team tab (the rows' owners are added). */
  ownerNames?: string[];
  markCalendar: boolean;
  /** Today in the spreadsheet's time zone: the summary's overdue counts are cached for this day. */
  today: DaySerial;
  /** "YYYY-MM-DD HH:MM", for the note saying when the tab was made. */
  generatedAt: string;
  /**
   * Where the table's columns are: an existing tab's layout (with the user's columns between and beside
   * them), or by default a new tab's (the columns in order from A).
   */
  layout?: TableLayout;
}

/** Rows below the table that still get dropdowns and conditional formats, for rows people append. */
const SPARE_ROWS = 200;

/** Light backgrounds for phase bands, readable behind dark text; phases take them in order. */
export const PHASE_COLORS = ['#e8f0fe', '#e6f4ea', '#fef7e0', '#fce8e6', '#f3e8fd', '#e4f7fb'] as const;

const HEADER_STYLE = { background: '#3c4043', fontColor: '#ffffff', bold: true, vAlign: 'middle' } as const;
const MUTED = '#9aa0a6';
/**
 * The add-on's bookkeeping: the row ID, its key for a row (regeneration matches rows by it), and the
 * hidden columns beside it. The ID stays first, where other code and people's habits look for it, but
 * reads like a margin, not like the row's first fact.
 */
const BOOKKEEPING_STYLE = { fontColor: '#80868b', fontSize: 9 } as const;

const SUMMARY_COLUMNS = ['label', 'rows', 'done', 'doneRate', 'overdue'] as const;
/** Every done % of the tab shows one decimal, so the figures line up. */
const RATE_FORMAT = 'percentOneDecimal';

/** "SOP·Java引流5群·第12期", or "SOP·Java引流5群" without a cohort. */
export function sopTabName(group: string, cohort: string, lang: Lang): string {
  return cohort ? t(lang, 'sop.tabName', { group, cohort }) : t(lang, 'sop.tabNameNoCohort', { group });
}

/**
 * The header-row text pointing to the summary, around its row number: ["汇总 ↓ 在第 ", " 行"]. The
 * tab's formula joins them with ROW(); an old tab's summary is found again by the first.
 */
export function summaryPointerParts(lang: Lang): [string, string] {
  const [before, after] = t(lang, 'sop.summary.pointer', { row: '\u0000' }).split('\u0000');
  return [before, after];
}

/** The summary's texts longer than this are cut in the notes that show a template's text. */
const NOTE_TEXT_LIMIT = 300;

/** A text formula literal: "已完成" → "\"已完成\"". */
function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

export function buildSopTab(options: SopTabOptions): TabSpec {
  const { rows, group, cohort, template, anchor, lang, markCalendar, today } = options;
  const keys = sopColumns(markCalendar);
  const layout = options.layout ?? planTableLayout(keys, null);
  const colOf = (key: SopColumn): number => layout.columns[key];
  const letter = (key: SopColumn): string => columnLetter(colOf(key));
  const tableWidth = layout.right;
  const dataRows = rows.length;
  const formattedRows = dataRows + SPARE_ROWS;
  const label = (status: (typeof STATUSES)[number]): string => statusLabel(status, lang);
  const [done, cancelled, removed] = [label('done'), label('cancelled'), label('removed')];

  // CHOOSE over fixed names rather than TEXT(date,"ddd"), whose result depends on the spreadsheet's locale.
  const weekdayNames = ([0, 1, 2, 3, 4, 5, 6] as const).map((d) => quoted(t(lang, `sop.weekday.${d}`))).join(',');
  const weekdayFormula = (sheetRow: number): string => {
    const date = `$${letter('date')}${sheetRow}`;
    return `=IF(ISNUMBER(${date}),CHOOSE(WEEKDAY(${date}),${weekdayNames}),"")`;
  };

  const place = (cells: Array<[SopColumn, Cell]>): Cell[] => {
    const line: Cell[] = new Array<Cell>(tableWidth).fill(null);
    for (const [key, cell] of cells) line[colOf(key)] = cell;
    return line;
  };
  const grid: Cell[][] = [place(keys.map((key) => [key, sopHeader(key, lang)]))];
  rows.forEach((row, index) => grid.push(place(keys.map((key) => [key, tableCell(row, key, index + 2)]))));

  function tableCell(row: SopRow, key: SopColumn, sheetRow: number): Cell {
    const dateValue = row.cells ? row.cells.date : row.date;
    if (key === 'weekday') {
      if (typeof dateValue === 'number') return { formula: weekdayFormula(sheetRow), value: row.weekday };
      return row.cells ? (row.cells.weekday ?? null) : null;
    }
    if (row.cells) return key === 'id' ? row.id || (row.cells.id ?? null) : (row.cells[key] ?? null);
    switch (key) {
      case 'date':
        return row.date;
      case 'time':
        // A time someone rewrote as words ("晚饭后") stays words.
        return row.time ? (parseTimeOfDay(row.time) ?? row.time) : null;
      case 'generatedTexts':
        return row.generatedTexts ?? freshTextPrints(row);
      default:
        return textOrBlank(row[key]);
    }
  }

  // Static looks are column-wide; everything that depends on a row's data is a conditional format, so
  // regenerating never has to repaint existing rows (and never paints over colours people chose).
  const styles: StyleRun[] = [
    ...keys.map((key): StyleRun => ({ range: range(0, colOf(key), 1, 1), style: HEADER_STYLE })),
    ...keys.map((key): StyleRun => ({ range: range(1, colOf(key), formattedRows, 1), style: { vAlign: 'top' } })),
    { range: range(1, colOf('detail'), formattedRows, 1), style: { wrap: true } },
    { range: range(1, colOf('script'), formattedRows, 1), style: { wrap: true } },
    ...(['id', 'generatedOwner', 'generatedTexts'] as const).map((key): StyleRun => ({
      range: range(1, colOf(key), formattedRows, 1),
      style: BOOKKEEPING_STYLE,
    })),
  ];

  const statusRange = range(1, colOf('status'), formattedRows, 1);
  const ownerRange = range(1, colOf('owner'), formattedRows, 1);
  const owners = options.teamTabName ? [] : ownerList(options.ownerNames ?? [], rows);
  const validations: ValidationSpec[] = [{ range: statusRange, rule: { type: 'list', values: STATUSES.map(label), strict: true } }];
  // With no Team tab and nobody named yet there is nothing to list (Sheets refuses an empty list): owners are typed.
  if (options.teamTabName) validations.push({ range: ownerRange, rule: ownerDropdown(options.teamTabName) });
  else if (owners.length > 0) validations.push({ range: ownerRange, rule: { type: 'list', values: owners, strict: false } });

  // A row's state (today, overdue, done, its phase) marks the whole row but the ID column, which would
  // otherwise turn bold and coloured with it and lead the row instead of the date and the item.
  const idCol = colOf('id');
  const body = [range(1, 0, formattedRows, idCol), range(1, idCol + 1, formattedRows, tableWidth - idCol - 1)].filter((part) => part.cols > 0);
  const date = `$${letter('date')}2`;
  const status = `$${letter('status')}2`;
  const conditionalFormats: ConditionalFormatSpec[] = [
    { ranges: body, formula: `=${status}=${quoted(done)}`, style: { fontColor: MUTED, background: '#f1f3f4' } },
    { ranges: body, formula: `=OR(${status}=${quoted(cancelled)},${status}=${quoted(removed)})`, style: { fontColor: MUTED, strikethrough: true } },
    {
      ranges: body,
      formula: `=AND(ISNUMBER(${date}),${date}<TODAY(),${status}<>${quoted(done)},${status}<>${quoted(cancelled)},${status}<>${quoted(removed)})`,
      style: { background: '#f4c7c3', fontColor: '#a50e0e' },
    },
    { ranges: body, formula: `=${date}=TODAY()`, style: { background: '#fff2cc', bold: true } },
    ...phaseBands(template.phases, rows, `$${letter('phase')}2`, body),
  ];

  // Below the last row, one blank row away (the header is row 0).
  const summaryTop = dataRows + 2;
  const summary = buildSummary({
    rows,
    phases: template.phases,
    lang,
    today,
    startRow: summaryTop,
    startCol: tableWidth + 1,
    letter,
    done,
    cancelled,
    removed,
  });
  for (const cell of summary.cells) {
    while (grid.length <= cell.row) grid.push([]);
    const line = grid[cell.row];
    while (line.length < cell.col) line.push(null);
    line[cell.col] = cell.value;
  }

  const columns: ColumnSpec[] = Array.from({ length: tableWidth }, (_, c): ColumnSpec => ({ key: `user${c}` }));
  columnSpecs(SOP_SCHEMA, keys).forEach((column, i) => (columns[colOf(keys[i])] = column));
  columns.push({ key: 'summaryGap', width: 24, format: 'general' });
  // The label column at the default width (no call on a new tab); the figures narrow.
  for (const key of SUMMARY_COLUMNS) columns.push({ key: `summary.${key}`, width: key === 'label' ? 100 : 72, format: 'general' });

  const what = t(lang, 'sop.note.what', {
    template: template.name,
    id: template.id,
    anchorLabel: anchorLabel(template.anchorKind, lang),
    anchor: toIso(anchor),
    group,
    cohort,
  });
  const notes: NoteSpec[] = [
    { row: 0, col: colOf('id'), text: `${t(lang, 'tab.note.generated', { what, time: options.generatedAt })}\n${t(lang, 'sop.note.regenerate')}` },
    { row: 0, col: colOf('generatedOwner'), text: t(lang, 'sop.note.generatedOwner') },
    { row: 0, col: colOf('generatedTexts'), text: t(lang, 'sop.note.generatedTexts') },
    ...editedTextNotes(rows, colOf, lang),
    ...summary.notes,
  ];

  // The days the tab's rows cover and its group pushes, as written: a calendar need not read the tab.
  const rowsAbout = sopRowsAbout(
    group,
    grid.map((line) => line.map(cellValue)),
  );
  return {
    name: sopTabName(group, cohort, lang),
    marker: { ...markerOf('sop', { group, cohort }), about: { template: template.id, anchor: toIso(anchor), ...rowsAbout } },
    columns,
    rows: grid,
    headerRows: 1,
    frozenRows: 1,
    formats: summary.formats,
    styles: [...styles, ...summary.styles],
    validations,
    conditionalFormats,
    notes,
    blocks: [summary.pointer, summary.block],
    // The table and its summary are wider than a page: landscape, scaled to the page's width.
    print: printSetupFor('sop', 1),
  };
}

/** A note on each template text someone edited: the template's text, or what it says now. */
function editedTextNotes(rows: SopRow[], colOf: (key: SopColumn) => number, lang: Lang): NoteSpec[] {
  const notes: NoteSpec[] = [];
  rows.forEach((row, index) => {
    for (const column of SOP_TEXT_COLUMNS) {
      const edited = row.editedTexts?.[column];
      if (!edited) continue;
      const shown =
        Array.from(edited.template).length > NOTE_TEXT_LIMIT ? `${Array.from(edited.template).slice(0, NOTE_TEXT_LIMIT).join('')}…` : edited.template;
      notes.push({
        row: index + 1,
        col: colOf(column),
        text: t(lang, edited.changed ? 'sop.note.templateChanged' : 'sop.note.edited', { text: shown || '—' }),
      });
    }
  });
  return notes;
}

function textOrBlank(value: unknown): CellValue {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * A light band per phase, as conditional formats on the phase column, so a row moved, added by hand
 * or re-phased takes its band without the tab being repainted. Last in the list: today, overdue and
 * done win over them.
 */
function phaseBands(phases: string[], rows: SopRow[], phaseCell: string, body: RangeRef[]): ConditionalFormatSpec[] {
  const used = new Set(rows.map((row) => row.phase));
  return phases.flatMap((phase, index) =>
    phase && used.has(phase)
      ? [{ ranges: body, formula: `=${phaseCell}=${quoted(phase)}`, style: { background: PHASE_COLORS[index % PHASE_COLORS.length] } }]
      : [],
  );
}

function ownerList(names: string[], rows: SopRow[]): string[] {
  const list: string[] = [];
  for (const name of [...names, ...rows.map((r) => r.owner)]) if (name && !list.includes(name)) list.push(name);
  return list;
}

interface SummaryInput {
  rows: SopRow[];
  phases: string[];
  lang: Lang;
  today: DaySerial;
  /** The sheet row of the summary's first line (0-based); its pointer sits in the header row. */
  startRow: number;
  startCol: number;
  letter: (key: SopColumn) => string;
  done: string;
  cancelled: string;
  removed: string;
}

interface PlacedCell {
  row: number;
  col: number;
  value: Cell;
}

/** Whether a row counts as work to do (not cancelled, not removed), as the COUNTIFS criteria decide. */
function isActive(row: SopRow, input: SummaryInput): boolean {
  return row.status !== input.cancelled && row.status !== input.removed;
}

function isOverdue(row: SopRow, input: SummaryInput): boolean {
  return row.date !== null && row.date < input.today && row.status !== input.done && isActive(row, input);
}

interface Counts {
  counted: number;
  done: number;
  overdue: number;
}

/**
 * Rows, done, done % and overdue per phase (with a total) and per owner (the rows nobody owns last),
 * as COUNTIFS over the status, phase, owner, item and date columns, each carrying the count the core
 * makes the same way.
 */
function buildSummary(input: SummaryInput): {
  cells: PlacedCell[];
  formats: FormatRun[];
  styles: StyleRun[];
  notes: NoteSpec[];
  block: RangeRef;
  pointer: RangeRef;
} {
  const { rows, lang, startRow, startCol, letter } = input;
  const cells: PlacedCell[] = [];
  const formats: FormatRun[] = [];
  const styles: StyleRun[] = [];
  const notes: NoteSpec[] = [];
  const col = (i: number): number => startCol + i;
  const ref = (row: number, i: number): string => a1(row, col(i));
  const whole = (key: SopColumn): string => `$${letter(key)}:$${letter(key)}`;
  const status = whole('status');
  const active = `${status},${quoted('<>' + input.cancelled)},${status},${quoted('<>' + input.removed)}`;
  const put = (row: number, i: number, value: Cell): void => {
    cells.push({ row, col: col(i), value });
  };

  const header = (row: number, titleKey: 'sop.summary.byPhase' | 'sop.summary.byOwner'): void => {
    const titles = [
      t(lang, titleKey),
      t(lang, 'sop.summary.rows'),
      t(lang, 'sop.summary.done'),
      t(lang, 'sop.summary.doneRate'),
      t(lang, 'sop.summary.overdue'),
    ];
    titles.forEach((title, i) => put(row, i, title));
    styles.push({ range: range(row, col(0), 1, SUMMARY_COLUMNS.length), style: { bold: true, background: '#e8eaed' } });
    notes.push({ row, col: col(1), text: t(lang, 'sop.note.summaryRows') });
  };

  const rateCell = (row: number, counts: Counts): Cell => ({
    formula: `=IF(${ref(row, 1)}=0,"",${ref(row, 2)}/${ref(row, 1)})`,
    value: counts.counted === 0 ? '' : counts.done / counts.counted,
  });

  /**
   * One line of counts for the rows that `criterion` (COUNTIFS range/criterion pairs) picks, which are
   * `mine` in the core.
   */
  const countLine = (row: number, labelText: string, criterion: string, mine: SopRow[]): Counts => {
    const counts: Counts = {
      counted: mine.filter((r) => isActive(r, input)).length,
      done: mine.filter((r) => r.status === input.done).length,
      overdue: mine.filter((r) => isOverdue(r, input)).length,
    };
    put(row, 0, labelText);
    put(row, 1, { formula: `=COUNTIFS(${criterion},${active})`, value: counts.counted });
    put(row, 2, { formula: `=COUNTIFS(${criterion},${status},${quoted(input.done)})`, value: counts.done });
    put(row, 3, rateCell(row, counts));
    put(row, 4, {
      formula: `=COUNTIFS(${criterion},${whole('date')},"<"&TODAY(),${status},${quoted('<>' + input.done)},${active})`,
      value: counts.overdue,
    });
    return counts;
  };
  /**
   * The line of the rows whose `column` equals the label in the line's first cell. The criterion is
   * "="&label so that a label starting with < or > is compared, not read as an operator.
   */
  const labelLine = (row: number, labelText: string, column: SopColumn): Counts =>
    countLine(
      row,
      labelText,
      `${whole(column)},"="&${a1(row, col(0), false, true)}`,
      rows.filter((r) => r[column] === labelText),
    );

  // In the frozen header row, above the summary's columns: where it starts, kept right by ROW() when
  // people insert or delete rows above it.
  const [before, after] = summaryPointerParts(lang);
  put(0, 0, {
    formula: `=${quoted(before)}&ROW(${ref(startRow, 0)})&${quoted(after)}`,
    value: t(lang, 'sop.summary.pointer', { row: startRow + 1 }),
  });
  // Plain text: a style of its own would cost a call more each time the tab is written.
  const pointer = range(0, startCol, 1, SUMMARY_COLUMNS.length);

  let row = startRow;
  const phases = orderedDistinct([...input.phases, ...rows.map((r) => r.phase)]);
  if (phases.length > 0) {
    header(row++, 'sop.summary.byPhase');
    const first = row;
    const total: Counts = { counted: 0, done: 0, overdue: 0 };
    for (const phase of phases) {
      const counts = labelLine(row++, phase, 'phase');
      total.counted += counts.counted;
      total.done += counts.done;
      total.overdue += counts.overdue;
    }
    const sum = (i: number, value: number): Cell => ({ formula: `=SUM(${ref(first, i)}:${ref(row - 1, i)})`, value });
    put(row, 0, t(lang, 'sop.summary.total'));
    put(row, 1, sum(1, total.counted));
    put(row, 2, sum(2, total.done));
    put(row, 3, rateCell(row, total));
    put(row, 4, sum(4, total.overdue));
    styles.push({ range: range(row, col(0), 1, SUMMARY_COLUMNS.length), style: { bold: true } });
    formats.push({ range: range(first, col(3), row - first + 1, 1), format: RATE_FORMAT });
    row += 2;
  }

  if (rows.length > 0) {
    header(row++, 'sop.summary.byOwner');
    const first = row;
    for (const owner of orderedDistinct(rows.map((r) => r.owner))) labelLine(row++, owner, 'owner');
    // Rows nobody owns yet, last, always there so that clearing an owner shows at once. A row is one
    // with an item, since the whole-column ranges also reach the empty rows below the table. The item
    // comes first: LibreOffice stops at the end of the first range's data, which must not be the owners'
    // (trailing rows without an owner would go uncounted).
    countLine(
      row++,
      t(lang, 'sop.summary.unassigned'),
      `${whole('item')},"<>",${whole('owner')},""`,
      rows.filter((r) => r.owner === '' && r.item !== ''),
    );
    formats.push({ range: range(first, col(3), row - first, 1), format: RATE_FORMAT });
  }
  // The block the summary owns: as wide as its columns, as tall as its last line (at least one row).
  const height = cells.reduce((h, cell) => Math.max(h, cell.row + 1), startRow + 1) - startRow;
  const block = range(startRow, startCol, height, SUMMARY_COLUMNS.length);
  // Never wrapped, so a row a person appends beside it is not made taller by it.
  styles.push({ range: block, style: { wrap: false } });
  return { cells, formats, styles, notes, block, pointer };
}

function orderedDistinct(values: string[]): string[] {
  const out: string[] = [];
  for (const value of values) if (value && !out.includes(value)) out.push(value);
  return out;
}
