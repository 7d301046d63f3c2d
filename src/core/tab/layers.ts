/**
 * A generated tab has two layers: the add-on's cells and the user's. Regenerating rewrites only the
 * add-on's; everything a person added stays, travelling with its row.
 *
 * The add-on's cells are (a) its table: the header cells and data cells of the columns its schema
 * knows, in the rows it keeps in step (a row tab), and (b) its blocks: rectangles it owns (the SOP
 * summary, a calendar grid, the metrics table). Everything else belongs to the user: every column the
 * schema does not know, every row added by hand, every cell outside the table and the blocks, and
 * every note the add-on did not write — wherever it is.
 *
 * `planLayers` compares what the tab holds now (`TabContent`) with the freshly built spec and returns
 * what an adapter must do, in this order:
 *   1. keep a hidden, dated copy of the tab when something of the user's cannot stay (a block grew over
 *      it, someone typed inside a block, a row holding their cells is going) — the copy holds every
 *      cell as it was;
 *   2. clear the old blocks and the notes the add-on wrote in them (they are about to move with rows);
 *   3. add and remove the add-on's columns (never the user's);
 *   4. delete, move and insert whole rows, so that each kept row's cells go with it;
 *   5. write the add-on's cells: values, formats and notes (the user's notes on those cells merged in),
 *      styles only where the add-on owns them (headers, blocks, new rows, styled columns).
 * It also counts what happened, and checks the count: a user cell that is neither at its new place
 * nor in the old version is "lost", which must be 0.
 */
import { cellHasContent, contentSize, formulaAt, noteAt, valueAt, type TabContent } from './content';
import type { DrawnMemo, MarkerMemo } from './marker';
import { planRowOps, rowDestinations, type ColumnOp, type RowOp } from './row-ops';
import { isFormulaCell, type Cell, type CellValue, type RangeRef, type TabSpec } from './spec';

/** Lines of a note the add-on wrote start with one of these; the rest of a note is the user's. */
export const ADDON_NOTE_PREFIXES = ['【SOP助手】', '[SOP Planner]'] as const;

/** The user's part of a note: every line the add-on did not write. */
export function userPartOfNote(note: string): string {
  return note
    .split('\n')
    .filter((line) => !ADDON_NOTE_PREFIXES.some((prefix) => line.startsWith(prefix)))
    .join('\n')
    .trim();
}

/** A user's note and the add-on's lines, the user's first. */
export function combineNotes(user: string, addOn: string): string {
  if (!user) return addOn;
  if (!addOn) return user;
  return `${user}\n${addOn}`;
}

/** How the add-on's table lies in the tab as it is now (read with the tab's table schema). */
export interface OldTable {
  headerRow: number;
  /** 0-based column of each add-on column found, by key. */
  columns: Readonly<Record<string, number>>;
  /** The table's rows are [headerRow + 1, end). */
  end: number;
}

/** Where the add-on's table will be once updated. */
export interface TableLayout {
  headerRow: number;
  /** 0-based column of each add-on column, by key. */
  columns: Readonly<Record<string, number>>;
  /** One past the table's last column: the add-on's and the user's columns beside and between them. */
  right: number;
  /** Column changes, in old coordinates and in order, that bring the old tab to this layout. */
  columnOps: ColumnOp[];
  /** Columns the update adds (final coordinates): their widths are set like a new tab's. */
  addedColumns: number[];
}

/**
 * The layout of a table with `keys`, continuing the old tab's: the user's columns stay where they are,
 * an add-on column the tab lacks is inserted after the column of the key before it, and an add-on
 * column no longer wanted is removed. A new tab gets the keys in order from column 0.
 */
export function planTableLayout(keys: readonly string[], old: OldTable | null, options: { headerRow?: number; oldRight?: number } = {}): TableLayout {
  if (!old) {
    const columns: Record<string, number> = {};
    keys.forEach((key, i) => (columns[key] = i));
    return { headerRow: options.headerRow ?? 0, columns, right: keys.length, columnOps: [], addedColumns: [] };
  }
  const oldRight = Math.max(options.oldRight ?? 0, ...Object.values(old.columns).map((c) => c + 1));
  const columnOps: ColumnOp[] = [];
  // Remove retired add-on columns, right to left so indexes stay valid.
  const retired = Object.entries(old.columns)
    .filter(([key]) => !keys.includes(key))
    .map(([, col]) => col)
    .sort((a, b) => b - a);
  for (const col of retired) columnOps.push({ op: 'delete', at: col, count: 1 });
  const afterDeletes = (col: number): number => col - retired.filter((gone) => gone < col).length;
  let positions: Record<string, number> = {};
  for (const [key, col] of Object.entries(old.columns)) if (keys.includes(key)) positions[key] = afterDeletes(col);
  let width = oldRight - retired.length;
  // Insert missing ones after the column of the key before them (or before the first key found).
  const added: number[] = [];
  keys.forEach((key, index) => {
    if (positions[key] !== undefined) return;
    const before = keys
      .slice(0, index)
      .reverse()
      .find((k) => positions[k] !== undefined);
    const after = keys.slice(index + 1).find((k) => positions[k] !== undefined);
    const at = before !== undefined ? positions[before] + 1 : after !== undefined ? positions[after] : 0;
    columnOps.push({ op: 'insert', at, count: 1 });
    const shifted: Record<string, number> = {};
    for (const [k, c] of Object.entries(positions)) shifted[k] = c >= at ? c + 1 : c;
    positions = shifted;
    positions[key] = at;
    for (let i = 0; i < added.length; i++) if (added[i] >= at) added[i]++;
    added.push(at);
    width++;
  });
  const right = Math.max(width, ...Object.values(positions).map((c) => c + 1));
  return { headerRow: old.headerRow, columns: positions, right, columnOps: compactColumnOps(columnOps), addedColumns: added.sort((a, b) => a - b) };
}

/** Adjacent column insertions (or removals) as one operation each: a Gantt that gained 30 days adds them at once. */
function compactColumnOps(ops: ColumnOp[]): ColumnOp[] {
  const out: ColumnOp[] = [];
  for (const op of ops) {
    const last = out[out.length - 1];
    if (last && last.op === 'insert' && op.op === 'insert' && op.at === last.at + last.count) last.count += op.count;
    else if (last && last.op === 'delete' && op.op === 'delete' && op.at + op.count === last.at)
      out[out.length - 1] = { op: 'delete', at: op.at, count: last.count + op.count };
    else out.push({ ...op });
  }
  return out;
}

/** A rectangle of the final tab to write from the spec: values, number formats and notes, and/or styles. */
export interface RegionWrite {
  range: RangeRef;
  values: boolean;
  styles: boolean;
}

/** What an adapter does to bring an existing tab up to date, in this order. */
export interface TabUpdate {
  /** Copy the tab as it is now to a hidden tab of about this name first (null: no copy needed). */
  oldVersion: string | null;
  /** Rectangles of the old tab to empty (values, formats, styles, merges, validations — not notes) before anything moves. */
  clear: RangeRef[];
  /** Cells of the old tab whose note is the add-on's, to remove with the old blocks. */
  clearNotes: Array<{ row: number; col: number }>;
  columnOps: ColumnOp[];
  rowOps: RowOp[];
  writes: RegionWrite[];
  /** Fingerprints of the conditional-format rules the add-on wrote last time: replaced by the spec's. */
  oldRules: string[];
  /** Final columns the update added: their widths, formats and visibility come from the spec. */
  addedColumns: number[];
  /**
   * What the add-on set on the sheet when it last wrote it (frozen lines, tab colour, whether it merged
   * cells or inserted charts); null or absent when the tab does not say. An adapter need not set again
   * what is set already, nor look for merges or charts of the add-on's where it made none.
   */
  drawn?: DrawnMemo | null;
}

export interface LayerStats {
  /** Non-empty cells and notes of the user's that stay in the tab (with their row). */
  userCellsKept: number;
  /** User cells that could not stay where they were and are in the old version. */
  movedToOldVersion: number;
  /** Cells someone typed inside a block of the add-on's, kept in the old version. */
  editedBlockCells: number;
  /** User cells neither kept nor in the old version: 0 unless something is wrong. */
  lost: number;
}

export interface LayerInput {
  /** The freshly built tab, in final coordinates (its formulas and ranges use the final columns). */
  spec: TabSpec;
  table?: {
    layout: TableLayout;
    old: OldTable | null;
    /** For each data row of the spec (rows layout.headerRow + 1 …): the old row it continues, or null. */
    sources: ReadonlyArray<number | null>;
    /** Add-on columns whose data cells the add-on styles in every row (a colour swatch). */
    styledColumns?: readonly string[];
    /**
     * Add-on columns the add-on only ever fills with formulas or leaves blank (a weekday, the Gantt's
     * day cells): a plain value found in one was typed by someone, and goes to the old version.
     */
    formulaColumns?: readonly string[];
    /**
     * Add-on columns known by their place rather than their header (the Gantt's day columns, headed by
     * dates the add-on computes): a header someone typed over there cannot be kept and goes to the old
     * version. Any other header someone renamed keeps their name.
     */
    positionalColumns?: readonly string[];
  };
  /** The add-on's blocks outside the table, in final coordinates. */
  blocks: RangeRef[];
  /**
   * Where the blocks were in a tab written before the add-on remembered them (no memo): they are the
   * add-on's, cleared and rewritten, though edits inside them cannot be told apart.
   */
  legacyBlocks?: RangeRef[];
  /**
   * Cells inside a block whose typed content the feature reads and carries into the new spec itself
   * (the Gantt tab's task columns), told from a grid of values: they are left out of the blocks'
   * fingerprints, so an edit there is no reason to keep an old version.
   */
  carriedEdits?: (grid: ReadonlyArray<ReadonlyArray<CellValue>>) => (row: number, col: number) => boolean;
  /** Cells of the user's the feature itself replaces on request (edited texts given up for the template's): kept in the old version. */
  replacedUserCells?: number;
}

export interface LayerPlan {
  /** The spec to write: the user's notes on the add-on's cells merged in, their formulas kept. */
  spec: TabSpec;
  /** How to update the existing tab; null when there is none (write the whole spec). */
  update: TabUpdate | null;
  memo: MarkerMemo;
  stats: LayerStats;
}

/** When a tab was generated, as notes say it ("生成时间 2026-12-03 09:01"): the clock's nowText. */
const GENERATED_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g;

/**
 * A note's fingerprint, the time it names left out: a note saying when the tab was generated is the
 * same note a minute later, so regenerating does not rewrite the marker for it (one call) — and a
 * person who changed only that time changed nothing of theirs.
 */
export function noteFingerprint(note: string): string {
  return fingerprint(note.replace(GENERATED_TIME, '\u0003'));
}

/** Whether a note is the one whose fingerprint was remembered (taken with its time by versions before noteFingerprint). */
function isRememberedNote(note: string, print: string | undefined): boolean {
  return print !== undefined && (noteFingerprint(note) === print || fingerprint(note) === print);
}

/** FNV-1a over the text, as 6 base-36 digits: enough to notice an edit, small enough to keep per row. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0').slice(-6);
}

/**
 * A formula as comparable text: Sheets may drop quotes around a tab name that does not need them
 * and changes the case of function names, so quotes and case outside string literals are ignored.
 */
export function canonicalFormula(formula: string): string {
  return formula.replace(/"(?:[^"]|"")*"|[^"]+/g, (part) => (part.startsWith('"') ? part : part.replace(/['\s]/g, '').toUpperCase()));
}

/**
 * A formula's shape: canonical, with its cell references left out. A spreadsheet rewrites references
 * when rows or columns are inserted before them, so a block moved down by a row someone inserted
 * still has the shape it was written with.
 */
export function formulaShape(formula: string): string {
  return canonicalFormula(formula).replace(/\$?[A-Z]{1,3}\$?\d+|\$?[A-Z]{1,3}:\$?[A-Z]{1,3}(?![A-Z(])/g, '#');
}

/**
 * Fingerprint of a conditional-format rule, to tell the add-on's rules from a person's. Its cell
 * references are left out: a spreadsheet rewrites them when rows or columns are inserted before them.
 */
export function ruleFingerprint(formula: string): string {
  return fingerprint(formulaShape(formula));
}

function valueText(value: CellValue | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') return String(Math.round(value * 1e9) / 1e9);
  return typeof value === 'string' ? value.trim() : String(value);
}

/** One cell as written, for fingerprints: its formula's shape, else its value (notes are not part of it). */
function cellKey(formula: string, value: CellValue | undefined): string {
  return formula ? formulaShape(formula) : valueText(value);
}

function specCellKey(spec: TabSpec, row: number, col: number): string {
  const cell = spec.rows[row]?.[col];
  return isFormulaCell(cell) ? cellKey(cell.formula, null) : cellKey('', cell ?? null);
}

function contentCellKey(content: TabContent, row: number, col: number): string {
  const formula = formulaAt(content, row, col);
  return cellKey(formula, formula ? null : valueAt(content, row, col));
}

function rowPrint(cols: number, key: (c: number) => string): string {
  const cells: string[] = [];
  for (let c = 0; c < cols; c++) cells.push(key(c));
  return fingerprint(cells.join('\u0002'));
}

type CellTest = (row: number, col: number) => boolean;
const NOTHING_CARRIED: CellTest = () => false;

function inside(range: RangeRef, row: number, col: number): boolean {
  return row >= range.row && row < range.row + range.rows && col >= range.col && col < range.col + range.cols;
}

function notesOf(spec: TabSpec): Map<string, string> {
  const notes = new Map<string, string>();
  for (const note of spec.notes ?? []) notes.set(`${note.row},${note.col}`, note.text);
  return notes;
}

/** What the add-on remembers of a tab it writes: its blocks, their rows' fingerprints and notes, its header notes, its rules. */
function memoFor(spec: TabSpec, blocks: RangeRef[], table: LayerInput['table'], carried: CellTest): MarkerMemo {
  const memo: MarkerMemo = {};
  if (table) {
    const notes = notesOf(spec);
    const headerNotes: Record<string, string> = {};
    const headerCells: Record<string, string> = {};
    for (const [key, col] of Object.entries(table.layout.columns)) {
      const note = notes.get(`${table.layout.headerRow},${col}`);
      if (note) headerNotes[key] = noteFingerprint(note);
      headerCells[key] = fingerprint(specCellKey(spec, table.layout.headerRow, col));
    }
    if (Object.keys(headerNotes).length) memo.headerNotes = headerNotes;
    memo.headerCells = headerCells;
  }
  if (blocks.length) {
    memo.blocks = blocks.map((b) => [b.row, b.col, b.rows, b.cols]);
    memo.blockRows = blocks.flatMap((b) =>
      Array.from({ length: b.rows }, (_, r) => rowPrint(b.cols, (c) => (carried(b.row + r, b.col + c) ? '' : specCellKey(spec, b.row + r, b.col + c)))),
    );
    const notes: Array<[number, number, number, string]> = [];
    for (const note of spec.notes ?? []) {
      const index = blocks.findIndex((b) => inside(b, note.row, note.col));
      if (index >= 0) notes.push([index, note.row - blocks[index].row, note.col - blocks[index].col, noteFingerprint(note.text)]);
    }
    if (notes.length) memo.notes = notes;
  }
  const rules = (spec.conditionalFormats ?? []).map((rule) => ruleFingerprint(rule.formula));
  if (rules.length) memo.rules = [...new Set(rules)];
  memo.drawn = {
    frozenRows: spec.frozenRows ?? 0,
    frozenColumns: spec.frozenColumns ?? 0,
    tabColor: spec.tabColor ?? '',
    merges: (spec.merges ?? []).filter((m) => m.rows > 1 || m.cols > 1).map((m): [number, number, number, number] => [m.row, m.col, m.rows, m.cols]),
    charts: (spec.charts ?? []).length > 0,
  };
  return memo;
}

/** The name of the hidden copy kept when something cannot stay: "name · 旧版 12-03". */
export function oldVersionName(name: string, dateText: string, lang: 'zh-CN' | 'en'): string {
  const day = /^\d{4}-(\d{2})-(\d{2})/.exec(dateText);
  const stamp = day ? `${day[1]}-${day[2]}` : dateText;
  return lang === 'en' ? `${name} · old ${stamp}` : `${name} · 旧版 ${stamp}`;
}

/** Cell ids for memos: row × stride + column (Sheets has at most 18,278 columns). */
const CELL_ID_STRIDE = 32_768;

/** Rows searched past where a block's row was expected: rows a person inserted inside or above it. */
const BLOCK_SEARCH_ROWS = 60;

/** The add-on's old blocks as they are now in the tab. */
export interface LocatedBlocks {
  /** The cells of the blocks: rows found for each block, in runs. */
  ranges: RangeRef[];
  /** The rows of the blocks whose content is not what the add-on wrote: [sheet row, block column, columns]. */
  editedRows: Array<{ row: number; col: number; cols: number }>;
  /** Cells in the blocks where the note is still the one the add-on wrote (a person who rewrote it made it theirs). */
  notes: Array<{ row: number; col: number }>;
  /** Without fingerprints (a tab written before they were kept), every note in a block might be anyone's. */
  legacy: boolean;
}

/**
 * Where the add-on's old blocks are now. A person may have inserted or deleted rows inside or above a
 * block, or columns left of it, since it was written (people add rows to the SOP table above its
 * summary), so each block is found again by the fingerprints of its rows: its first row
 * where it was or nearby, each following row at or below where it is expected. Rows between found
 * rows were inserted by someone and are theirs. A row that cannot be found was edited: it is taken to
 * be where it should be. A block whose first rows are blank is found by its first row that is not
 * (a blank row looks like any other), and those blank rows are its own only while they are still
 * blank: one someone typed in is theirs. Without fingerprints (a tab written before they were kept),
 * `legacy` says where the blocks are.
 */
export function locateOldBlocks(
  content: TabContent,
  memo: MarkerMemo | undefined,
  legacy: readonly RangeRef[] = [],
  carried: CellTest = NOTHING_CARRIED,
): LocatedBlocks {
  if (!memo?.blocks) return { ranges: [...legacy], editedRows: [], notes: [], legacy: legacy.length > 0 };
  const prints = memo.blockRows ?? [];
  const size = contentSize(content);
  const ranges: RangeRef[] = [];
  const editedRows: LocatedBlocks['editedRows'] = [];
  const notes: LocatedBlocks['notes'] = [];
  let printIndex = 0;
  // The search below asks for the same cells and rows many times (up to 60 rows × every column for a
  // moved block, 60 rows for each edited row): each cell's key and each row's print is made once.
  const cellKeys = new Map<number, string>();
  const keyAt = (r: number, c: number): string => {
    const id = r * CELL_ID_STRIDE + c;
    let key = cellKeys.get(id);
    if (key === undefined) cellKeys.set(id, (key = carried(r, c) ? '' : contentCellKey(content, r, c)));
    return key;
  };
  memo.blocks.forEach(([row, col, rows, cols], blockIndex) => {
    const blockPrints = prints.slice(printIndex, printIndex + rows);
    printIndex += rows;
    const rowPrints = new Map<number, string>();
    const printAt = (r: number, c: number): string => {
      const id = r * CELL_ID_STRIDE + c;
      let print = rowPrints.get(id);
      if (print === undefined) rowPrints.set(id, (print = rowPrint(cols, (k) => keyAt(r, c + k))));
      return print;
    };
    // A blank row matches any other blank row, so a block's leading blank rows (the Gantt's row between
    // its tasks and its workload block) cannot say where the block is: it is found by its first row
    // that is not blank, and they are taken to lie just above it.
    const blank = rowPrint(cols, () => '');
    const lead = blockPrints.length ? leadingBlankRows(blockPrints, blank) : 0;
    const anchor = Math.min(lead, rows - 1);
    // The anchor row: where it was, else the nearest place with the same fingerprint — below (rows
    // inserted above the block) or above (rows deleted above it); an all-blank block stays where it was.
    let top = row;
    let left = col;
    if (blockPrints.length && lead < blockPrints.length && printAt(row + anchor, col) !== blockPrints[anchor]) {
      search: for (let distance = 0; distance <= BLOCK_SEARCH_ROWS; distance++) {
        for (const dr of distance === 0 ? [0] : [distance, -distance]) {
          const r = row + anchor + dr;
          if (r - anchor < 0) continue;
          for (let dc = 0; dc <= Math.max(size.cols, col); dc++) {
            for (const c of dc === 0 ? [col] : [col + dc, col - dc]) {
              if (c >= 0 && printAt(r, c) === blockPrints[anchor]) {
                [top, left] = [r - anchor, c];
                break search;
              }
            }
          }
        }
      }
    }
    // Each row of the block as it is now (null: a leading blank row someone typed in, which is theirs now).
    const found: Array<number | null> = [];
    let next = top;
    for (let i = 0; i < rows; i++) {
      if (i < lead && lead < blockPrints.length) {
        // A leading blank row is the add-on's while it stays blank: a row someone typed in is theirs
        // (on the Gantt tab, a row added by hand under the tasks), not an edit of the block.
        found.push(printAt(top + i, left) === blank ? top + i : null);
        next = top + i + 1;
        continue;
      }
      if (lead === blockPrints.length && lead > 0) {
        // An all-blank block (the cell a chart is anchored at) stays where it was. A row of it that is
        // not blank now is another block's that moved there, or was typed in: an edit of this block.
        const at = top + i;
        if (printAt(at, left) !== blank) {
          if (ranges.some((r) => inside(r, at, left))) {
            found.push(null);
            continue;
          }
          editedRows.push({ row: at, col: left, cols });
        }
        found.push(at);
        continue;
      }
      let at = -1;
      if (i < blockPrints.length) {
        const last = i === anchor ? next : Math.min(next + BLOCK_SEARCH_ROWS, Math.max(size.rows, next + 1) - 1);
        for (let r = next; r <= last; r++) {
          if (printAt(r, left) === blockPrints[i]) {
            at = r;
            break;
          }
        }
      }
      if (at < 0) {
        at = next;
        if (blockPrints.length) editedRows.push({ row: at, col: left, cols });
      }
      found.push(at);
      next = at + 1;
    }
    for (const [b, r, c, print] of memo.notes ?? []) {
      const at = found[r];
      if (b === blockIndex && at !== null && at !== undefined && isRememberedNote(noteAt(content, at, left + c), print)) notes.push({ row: at, col: left + c });
    }
    // The leading blank rows of a block that has others are not cleared: the add-on writes nothing
    // there but blanks, and a colour someone gave the row stays. (An all-blank block — the cell a
    // chart is anchored at — is cleared: that is how the add-on's chart is told from a person's.)
    const kept = lead < blockPrints.length ? lead : 0;
    for (const run of rowRuns(found.filter((r, i): r is number => r !== null && i >= kept))) ranges.push({ row: run.row, col: left, rows: run.rows, cols });
  });
  return { ranges, editedRows, notes, legacy: false };
}

/**
 * Plans the update of an existing tab (or the writing of a new one when `content` is null).
 * `oldVersion` names the hidden copy if one is needed.
 */
export function planLayers(input: LayerInput, content: TabContent | null, memo: MarkerMemo | undefined, oldVersion: string): LayerPlan {
  const { spec, table } = input;
  const specValues = input.carriedEdits ? spec.rows.map((line) => line.map((cell) => (isFormulaCell(cell) ? cell.value : (cell ?? null)))) : [];
  const memoOf = (blocks: RangeRef[]): MarkerMemo => memoFor(spec, blocks, table, input.carriedEdits ? input.carriedEdits(specValues) : NOTHING_CARRIED);
  const stats: LayerStats = { userCellsKept: 0, movedToOldVersion: 0, editedBlockCells: 0, lost: 0 };
  if (!content) return { spec, update: null, memo: memoOf(input.blocks), stats };

  const size = contentSize(content);
  const carriedOld = input.carriedEdits ? input.carriedEdits(content.values) : NOTHING_CARRIED;
  const located = locateOldBlocks(content, memo, input.legacyBlocks, carriedOld);
  const oldBlocks = located.ranges;
  const ourOldNotes = new Set(located.notes.map((n) => `${n.row},${n.col}`));
  const specNotes = notesOf(spec);
  // In blocks written before the add-on remembered its notes, a note it writes again (anywhere) is its own.
  const specNoteTexts = new Set(specNotes.values());
  const oldTable = table?.old ?? null;
  const oldAddOnColumns = new Set(oldTable ? Object.values(oldTable.columns) : []);
  const isOldTableCell = (row: number, col: number): boolean =>
    oldTable !== null && oldAddOnColumns.has(col) && row >= oldTable.headerRow && row < oldTable.end;
  const isOldBlockCell = (row: number, col: number): boolean => oldBlocks.some((b) => inside(b, row, col));
  const keyOfOldColumn = new Map(oldTable ? Object.entries(oldTable.columns).map(([key, col]) => [col, key]) : []);
  /**
   * A note on a header cell of the table is the add-on's when it is the one the add-on wrote there (its
   * fingerprint is remembered); one a person wrote or changed is theirs, whole. A tab written before
   * the add-on remembered them: the add-on's when the add-on writes one there again.
   */
  const isOurHeaderNote = (col: number, note: string, to: number | null, toCol: number | null): boolean => {
    const remembered = memo?.headerNotes;
    if (remembered) return isRememberedNote(note, remembered[keyOfOldColumn.get(col) ?? '']);
    return to !== null && toCol !== null && specNotes.has(`${to},${toCol}`);
  };

  // Where old rows and columns end up.
  const columnOps = table?.layout.columnOps ?? [];
  const rowOps: RowOp[] = table && oldTable ? planRowOps(oldTable.headerRow + 1, oldTable.end - oldTable.headerRow - 1, table.sources) : [];
  const rowTo = rowDestinations(rowOps, Math.max(size.rows, spec.rows.length));
  const colTo = rowDestinations(columnOps, Math.max(size.cols, table?.layout.right ?? 0) + 1);

  // The final add-on cells: the table's (header and data rows of add-on columns) and the blocks.
  const tableColumns = new Set(table ? Object.values(table.layout.columns) : []);
  const isNewTableCell = (row: number, col: number): boolean =>
    table !== undefined && tableColumns.has(col) && row >= table.layout.headerRow && row <= table.layout.headerRow + table.sources.length;
  const { blocks, leads } = yieldLeadingBlankRows(spec, input.blocks, content, (row, col) => {
    if (isOldBlockCell(row, col) || isOldTableCell(row, col)) return null;
    const to = rowTo[row];
    const toCol = colTo[col];
    return to === null || to === undefined || toCol === null || toCol === undefined ? null : { row: to, col: toCol };
  });
  const newMemo = memoOf(blocks);
  const isNewBlockCell = (row: number, col: number): boolean => blocks.some((b) => inside(b, row, col));

  // Cells typed inside a block: they would be overwritten or cleared, so the old version keeps them.
  // A row's fingerprint tells that something in it changed, not what: the cells counted are those
  // that differ from what the add-on writes there now.
  for (const edited of located.editedRows) {
    for (let c = edited.col; c < edited.col + edited.cols; c++) {
      if (carriedOld(edited.row, c)) continue;
      if (valueAt(content, edited.row, c) === null && formulaAt(content, edited.row, c) === '') continue;
      if (contentCellKey(content, edited.row, c) !== specCellKey(spec, edited.row, c)) stats.editedBlockCells++;
    }
  }
  // The table's own cells someone typed over: a header the add-on wrote differently, a value in a
  // column the add-on fills only with formulas. The add-on writes its own there again.
  const renamedHeaders = new Map<string, CellValue>();
  if (table && oldTable) {
    const printed = memo?.headerCells;
    for (const [key, col] of Object.entries(oldTable.columns)) {
      const now = contentCellKey(content, oldTable.headerRow, col);
      if (printed?.[key] === undefined || now === '' || fingerprint(now) === printed[key]) continue;
      if (table.positionalColumns?.includes(key)) stats.editedBlockCells++;
      else renamedHeaders.set(key, valueAt(content, oldTable.headerRow, col));
    }
    for (const key of table.formulaColumns ?? []) {
      const col = oldTable.columns[key];
      if (col === undefined) continue;
      for (let r = oldTable.headerRow + 1; r < oldTable.end; r++)
        if (formulaAt(content, r, col) === '' && valueAt(content, r, col) !== null) stats.editedBlockCells++;
    }
  }
  stats.movedToOldVersion += input.replacedUserCells ?? 0;
  let needsOldVersion = stats.editedBlockCells > 0 || stats.movedToOldVersion > 0;

  // Every other cell of the user's: where it goes, and whether it can stay there.
  const userNotes = new Map<string, string>();
  for (let r = 0; r < size.rows; r++) {
    for (let c = 0; c < size.cols; c++) {
      if (!cellHasContent(content, r, c)) continue;
      const to = rowTo[r];
      const toCol = colTo[c];
      const inBlock = isOldBlockCell(r, c);
      const inTable = isOldTableCell(r, c);
      const note = noteAt(content, r, c);
      let userNote = '';
      if (note) {
        if (inBlock) userNote = ourOldNotes.has(`${r},${c}`) || (located.legacy && specNoteTexts.has(note)) ? '' : note;
        else if (inTable && oldTable !== null && r === oldTable.headerRow) userNote = isOurHeaderNote(c, note, to, toCol ?? null) ? '' : note;
        else if (inTable) userNote = userPartOfNote(note);
        else userNote = note;
      }
      const userValue = !inBlock && !inTable && (valueAt(content, r, c) !== null || formulaAt(content, r, c) !== '');
      if (!userNote && !userValue) continue;
      const count = (userNote ? 1 : 0) + (userValue ? 1 : 0);
      if (to === null || toCol === null || toCol === undefined) {
        stats.movedToOldVersion += count;
        needsOldVersion = true;
        continue;
      }
      const landsOnAddOn = isNewBlockCell(to, toCol) || isNewTableCell(to, toCol);
      if (userValue && landsOnAddOn) {
        stats.movedToOldVersion += 1;
        needsOldVersion = true;
      } else if (userValue) stats.userCellsKept++;
      if (userNote) {
        if (landsOnAddOn) userNotes.set(`${to},${toCol}`, userNote);
        stats.userCellsKept++;
      }
    }
  }

  // The spec to write: user notes merged into the add-on's cells; a value the add-on carried over
  // from a cell that held a formula (someone's own formula in an add-on column) keeps the formula.
  const finalNotes = notesOf(spec);
  for (const [at, text] of userNotes) finalNotes.set(at, combineNotes(text, finalNotes.get(at) ?? ''));
  const rows: Cell[][] = spec.rows.map((line) => [...line]);
  for (const [key, text] of renamedHeaders) {
    const col = table?.layout.columns[key];
    if (table && col !== undefined) rows[table.layout.headerRow][col] = text;
  }
  if (table && oldTable) {
    const oldColOf = new Map<number, number>();
    for (const [key, col] of Object.entries(table.layout.columns)) if (oldTable.columns[key] !== undefined) oldColOf.set(col, oldTable.columns[key]);
    table.sources.forEach((source, i) => {
      if (source === null) return;
      const row = table.layout.headerRow + 1 + i;
      for (const [col, oldCol] of oldColOf) {
        const formula = formulaAt(content, source, oldCol);
        const cell = rows[row]?.[col];
        if (!formula || isFormulaCell(cell)) continue;
        if (valueText(cell ?? null) === valueText(valueAt(content, source, oldCol))) rows[row][col] = { formula, value: cell ?? null };
      }
    });
  }
  const merged: TabSpec = {
    ...spec,
    ...(spec.blocks ? { blocks: spec.blocks.map((b) => blocks[input.blocks.findIndex((i) => sameRange(i, b))] ?? b) } : {}),
    rows,
    notes: [...finalNotes].map(([at, text]) => {
      const [row, col] = at.split(',').map(Number);
      return { row, col, text };
    }),
  };

  // What to write: the table's header cells and data cells (in runs of adjacent add-on columns), new
  // rows with their styles, styled columns, then the blocks.
  const writes: RegionWrite[] = [];
  if (table) {
    const runs = columnRuns([...tableColumns]);
    const { headerRow } = table.layout;
    const data = table.sources.length;
    for (const run of runs) writes.push({ range: { row: headerRow, col: run.col, rows: 1, cols: run.cols }, values: true, styles: true });
    // Existing rows keep the look people gave them; new rows get the add-on's.
    const newRowRuns = rowRuns(table.sources.flatMap((s, i) => (s === null ? [headerRow + 1 + i] : [])));
    for (const run of runs) {
      if (data > 0) writes.push({ range: { row: headerRow + 1, col: run.col, rows: data, cols: run.cols }, values: true, styles: false });
      for (const rowsRun of newRowRuns)
        writes.push({ range: { row: rowsRun.row, col: run.col, rows: rowsRun.rows, cols: run.cols }, values: false, styles: true });
    }
    const styledColumns = (table.styledColumns ?? []).map((key) => table.layout.columns[key]).filter((c): c is number => c !== undefined);
    // Adjacent ones (a Gantt's day columns) in one rectangle: one write per style matrix, not one per column.
    for (const run of columnRuns([...new Set([...table.layout.addedColumns, ...styledColumns])])) {
      if (data > 0) writes.push({ range: { row: headerRow + 1, col: run.col, rows: data, cols: run.cols }, values: false, styles: true });
    }
  }
  blocks.forEach((block, i) => {
    // A block's leading blank rows get blanks only (their values join the rectangle above), never
    // styles: a colour someone gave the row stays.
    const lead = leads[i];
    if (lead > 0) writes.push({ range: { ...block, rows: lead }, values: true, styles: false });
    writes.push({ range: { ...block, row: block.row + lead, rows: block.rows - lead }, values: true, styles: true });
  });

  // Columns of the new blocks no old block reached: they get the widths a new tab would have.
  const oldRight = Math.max(0, ...oldBlocks.map((b) => b.col + b.cols), ...(oldTable ? [...oldAddOnColumns].map((c) => c + 1) : []));
  const blockColumns = new Set<number>();
  for (const block of blocks) for (let c = Math.max(block.col, oldRight); c < block.col + block.cols; c++) blockColumns.add(c);

  const update: TabUpdate = {
    oldVersion: needsOldVersion ? oldVersion : null,
    clear: oldBlocks,
    clearNotes: located.legacy
      ? oldBlocks.flatMap((b) => notesInside(content, b).filter((n) => specNoteTexts.has(noteAt(content, n.row, n.col))))
      : located.notes,
    columnOps,
    rowOps,
    writes,
    oldRules: memo?.rules ?? [],
    drawn: memo?.drawn ?? null,
    addedColumns: [...new Set([...(table?.layout.addedColumns ?? []), ...blockColumns])].sort((a, b) => a - b),
  };
  return { spec: merged, update, memo: newMemo, stats };
}

/**
 * The blocks to write, each giving up its first rows where they are blank and a cell of the user's
 * (a value or a formula; a note joins the add-on's cell) would land on one: the cell keeps its place,
 * and the block starts below it. `destination` says where an old cell goes, null for one of the
 * add-on's or one that is not kept. A blank row leading a block is written only to join the
 * block's rectangle to the one above it (the Gantt's tasks): it is never worth a person's cell.
 * `leads`: how many blank rows each block still starts with.
 */
function yieldLeadingBlankRows(
  spec: TabSpec,
  blocks: readonly RangeRef[],
  content: TabContent,
  destination: (row: number, col: number) => { row: number; col: number } | null,
): { blocks: RangeRef[]; leads: number[] } {
  const leads = blocks.map((block) => blankSpecRows(spec, block));
  if (leads.every((lead) => lead === 0)) return { blocks: [...blocks], leads };
  const cut = blocks.map(() => 0);
  const size = contentSize(content);
  for (let r = 0; r < size.rows; r++) {
    for (let c = 0; c < size.cols; c++) {
      if (valueAt(content, r, c) === null && formulaAt(content, r, c) === '') continue;
      const to = destination(r, c);
      if (!to) continue;
      blocks.forEach((block, i) => {
        const offset = to.row - block.row;
        if (offset >= 0 && offset < leads[i] && to.col >= block.col && to.col < block.col + block.cols) cut[i] = Math.max(cut[i], offset + 1);
      });
    }
  }
  return {
    blocks: blocks.map((block, i) => (cut[i] ? { ...block, row: block.row + cut[i], rows: block.rows - cut[i] } : block)),
    leads: leads.map((lead, i) => lead - cut[i]),
  };
}

/** How many of a block's first rows the spec leaves blank: no value, note, style or number format in its columns. */
function blankSpecRows(spec: TabSpec, block: RangeRef): number {
  const touches = (range: RangeRef, row: number): boolean =>
    row >= range.row && row < range.row + range.rows && range.col < block.col + block.cols && range.col + range.cols > block.col;
  let count = 0;
  for (; count < block.rows - 1; count++) {
    const row = block.row + count;
    const line = spec.rows[row] ?? [];
    let blank = true;
    for (let c = block.col; c < block.col + block.cols && blank; c++) {
      const cell = line[c];
      if (isFormulaCell(cell) || (cell !== null && cell !== undefined && cell !== '')) blank = false;
    }
    if (!blank) break;
    if ((spec.notes ?? []).some((note) => note.row === row && note.col >= block.col && note.col < block.col + block.cols)) break;
    if ((spec.styles ?? []).some((run) => touches(run.range, row)) || (spec.formats ?? []).some((run) => touches(run.range, row))) break;
    if ((spec.merges ?? []).some((merge) => touches(merge, row))) break;
  }
  return count;
}

function sameRange(a: RangeRef, b: RangeRef): boolean {
  return a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols;
}

/** How many of a block's first rows are blank (their fingerprint is that of a row of empty cells). */
function leadingBlankRows(prints: readonly string[], blank: string): number {
  let count = 0;
  while (count < prints.length && prints[count] === blank) count++;
  return count;
}

function notesInside(content: TabContent, range: RangeRef): Array<{ row: number; col: number }> {
  const found: Array<{ row: number; col: number }> = [];
  for (let r = range.row; r < range.row + range.rows; r++)
    for (let c = range.col; c < range.col + range.cols; c++) if (noteAt(content, r, c)) found.push({ row: r, col: c });
  return found;
}

function columnRuns(columns: number[]): Array<{ col: number; cols: number }> {
  const sorted = [...columns].sort((a, b) => a - b);
  const runs: Array<{ col: number; cols: number }> = [];
  for (const col of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.col + last.cols === col) last.cols++;
    else runs.push({ col, cols: 1 });
  }
  return runs;
}

function rowRuns(rows: number[]): Array<{ row: number; rows: number }> {
  const runs: Array<{ row: number; rows: number }> = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last.row + last.rows === row) last.rows++;
    else runs.push({ row, rows: 1 });
  }
  return runs;
}
