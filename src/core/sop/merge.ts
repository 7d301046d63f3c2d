/**
 * Regenerating an SOP tab without losing work. The existing tab is read back with the SOP schema
 * (headers in either language; columns it does not know are the user's and travel with their rows)
 * and merged with freshly generated rows. Each output row says which row of the tab it continues, so
 * the tab's rows are moved rather than rewritten and everything a person put on a row stays on it.
 *
 * - Rows are matched by ID. A matched row takes its date from the template and keeps what people
 *   typed: 状态, 完成截图/链接, 备注 and an owner picked by hand.
 * - Template texts (时间, 渠道, 事项, 具体事项, 话术, 素材) someone rewrote are kept. The hidden
 *   text-check column holds a fingerprint of each text as the generator wrote it; a cell that no
 *   longer matches it was edited. When the template's own text changed since, the row says so in a
 *   note on the cell; otherwise the note shows the template's text, so an edit is visible.
 * - Owner rule: the tab stores, in its "系统分配" column, the owner generation last put in each row.
 *   An owner that differs from it was typed by someone and is kept, whatever the team or the
 *   template now say (the stored value stays as it was, so the row keeps counting as hand-picked);
 *   an owner equal to it was assigned and follows the new generation. When the column is missing (it
 *   was deleted), any non-empty owner that differs from the new one is kept: nothing typed is lost,
 *   at the price of not following a team change for those rows.
 * - A row whose template row is gone is kept and marked 已移除 when anything was typed in it or
 *   anything of the user's is on it (a note, a column of theirs), and dropped only when untouched.
 * - Rows without a generated ID were added by hand and are kept as they are, right after the row
 *   they followed; the other rows are sorted by date, then time.
 */
import { formatTimeOfDay, parseDate, type DaySerial } from '../dates';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import type { TabContent } from '../tab/content';
import { fingerprint } from '../tab/layers';
import type { CellValue, RangeRef } from '../tab/spec';
import { readExistingTable, type ExistingRow, type ExistingTable } from '../table/existing';
import { AppError } from '../errors';
import { cellText, SOP_SCHEMA, SOP_TEXT_COLUMNS, type SopCells, type SopColumn, type SopTextColumn } from './columns';
import { compareByDateTime, weekdayLabel, type RowOrigin, type SopRow } from './generate';
import { parseStatus, statusLabel } from './status';
import { GENERATED_ID } from './template';

export interface MergeStats {
  /** Template rows that were not in the tab. */
  added: number;
  /** Matched rows whose date changed. */
  redated: number;
  /** Rows whose template row is gone, kept (已移除) because something was typed in them. */
  removedKept: number;
  /** Rows whose template row is gone, dropped because nothing was typed in them. */
  dropped: number;
  /** Rows matched by ID and carried over. */
  kept: number;
  /** Rows added by hand, kept. */
  manual: number;
  /** Template texts someone edited, kept. */
  textsKept: number;
  /** Of those, texts whose template text changed since (a note says what it is now). */
  templateChanged: number;
  /** Edited texts replaced by the template's new texts, as asked (they go to the old version). */
  textsReplaced: number;
  /** Dates someone changed by hand, kept (the template's date for the row has not moved since). */
  datesKept: number;
  /** Dates someone changed by hand that the template or the anchor has moved since: the new date is written, the old one is in the old version. */
  datesReplaced: number;
  /** Typed values that did not make it into the result (checked after merging; 0 unless a bug). */
  lost: number;
}

export interface MergeResult {
  rows: SopRow[];
  stats: MergeStats;
}

/** The SOP tab as it is now. */
export type ExistingSopTab = ExistingTable<SopColumn>;

type Cells = SopCells;

interface OldRow {
  cells: Cells;
  id: string;
  /** Its row in the tab (0-based). */
  row: number;
  userContent: boolean;
  /** Whether the tab has the column recording the owner generation last assigned. */
  knowsGeneratedOwner: boolean;
}

const text = cellText;

/**
 * Reads an SOP tab back. `blocks`: where the add-on's summary is (not the user's). An empty tab
 * reads as no table; a tab with content but no SOP header cannot be merged into and is an error.
 */
export function readSopTab(content: TabContent, blocks: readonly RangeRef[] = []): ExistingSopTab | null {
  const table = readExistingTable(content, SOP_SCHEMA, { ignore: ['weekday'], blocks });
  if (table) return table;
  if (content.values.every((line) => line.every((cell) => text(cell) === ''))) return null;
  throw new AppError({ code: 'sop.error.noSopHeader', location: { row: 1 } });
}

function oldRows(table: ExistingSopTab | null): OldRow[] {
  if (!table) return [];
  const knowsGeneratedOwner = table.header.columns.generatedOwner !== undefined;
  return table.rows.map((row: ExistingRow<SopColumn>) => ({
    cells: row.cells,
    id: text(row.cells.id),
    row: row.row,
    userContent: row.userContent,
    knowsGeneratedOwner,
  }));
}

/** An owner someone picked rather than the one generation assigned (see the rule above). */
function hasTypedOwner(row: OldRow, freshOwner: string | null): boolean {
  const owner = text(row.cells.owner);
  if (row.knowsGeneratedOwner) return owner !== text(row.cells.generatedOwner);
  return owner !== '' && freshOwner !== null && owner !== freshOwner;
}

/** A status someone set: anything but blank, 未开始 and the 已移除 that regeneration itself sets. */
function hasTypedStatus(row: OldRow): boolean {
  const status = parseStatus(text(row.cells.status));
  return text(row.cells.status) !== '' && status !== 'todo' && status !== 'removed';
}

/** A status in the tab's language when it is one we know; typed text stays as typed. */
function localizedStatus(raw: string, lang: Lang): string {
  const status = parseStatus(raw);
  return status ? statusLabel(status, lang) : raw;
}

function dateOf(value: CellValue | undefined): DaySerial | null {
  return value === undefined ? null : parseDate(value);
}

function timeOf(value: CellValue | undefined): string {
  if (typeof value === 'number' && value >= 0 && value < 1) return formatTimeOfDay(value);
  return text(value);
}

/** The text of a template-text cell as the row shows it. */
function textCell(cells: Cells, column: SopTextColumn): string {
  return column === 'time' ? timeOf(cells.time) : text(cells[column]);
}

/** What the hidden text-check column fingerprints: the template texts and the date. */
const PRINTED = [...SOP_TEXT_COLUMNS, 'date'] as const;
type Printed = (typeof PRINTED)[number];

/** The hidden text-check cell: "time=ab12cd item=… date=…", one fingerprint per text the generator wrote. */
export function encodeTextPrints(prints: Partial<Record<Printed, string>>): string {
  return PRINTED.filter((column) => prints[column] !== undefined)
    .map((column) => `${column}=${prints[column]}`)
    .join(' ');
}

export function decodeTextPrints(cell: CellValue | undefined): Partial<Record<Printed, string>> {
  const prints: Partial<Record<Printed, string>> = {};
  for (const part of text(cell).split(/\s+/)) {
    const [column, print] = part.split('=');
    if ((PRINTED as readonly string[]).includes(column) && print) prints[column as Printed] = print;
  }
  return prints;
}

function datePrint(date: DaySerial | null): string {
  return fingerprint(date === null ? '' : String(date));
}

/** The fingerprints of a freshly generated row's texts and date. */
export function freshTextPrints(row: Pick<SopRow, SopTextColumn | 'date'>): string {
  const prints: Partial<Record<Printed, string>> = { date: datePrint(row.date) };
  for (const column of SOP_TEXT_COLUMNS) prints[column] = fingerprint(row[column]);
  return encodeTextPrints(prints);
}

/** A row carried over from the tab as it was; its text fields mirror its cells. */
function carriedRow(before: OldRow, cells: Cells, origin: RowOrigin, lang: Lang): SopRow {
  const date = dateOf(cells.date);
  return {
    id: before.id,
    rowKey: '',
    date,
    weekday: date === null ? text(cells.weekday) : weekdayLabel(date, lang),
    time: timeOf(cells.time),
    phase: text(cells.phase),
    channel: text(cells.channel),
    item: text(cells.item),
    detail: text(cells.detail),
    script: text(cells.script),
    materials: text(cells.materials),
    role: null,
    owner: text(cells.owner),
    generatedOwner: text(cells.generatedOwner),
    status: text(cells.status),
    proof: text(cells.proof),
    note: text(cells.note),
    calendar: text(cells.calendar),
    origin,
    cells,
    source: before.row,
    generatedTexts: text(cells.generatedTexts),
  };
}

/**
 * The template texts of a matched row: what someone wrote stays, the rest follows the template.
 * `previous`: for a tab made before the text-check column existed, the texts generation would have
 * written then (the same template with the tab's old anchor), to tell an edit from an old date.
 */
function mergeTexts(before: OldRow, fresh: SopRow, previous: Partial<Record<SopTextColumn, string>> | undefined, stats: MergeStats, useTemplateTexts: boolean) {
  const stored = decodeTextPrints(before.cells.generatedTexts);
  const texts: Partial<Record<SopTextColumn, string>> = {};
  const prints: Partial<Record<Printed, string>> = {};
  const edited: NonNullable<SopRow['editedTexts']> = {};
  for (const column of SOP_TEXT_COLUMNS) {
    const now = textCell(before.cells, column);
    const freshText = fresh[column];
    const written = stored[column] ?? (previous?.[column] !== undefined ? fingerprint(previous[column] as string) : fingerprint(freshText));
    const isEdited = now !== freshText && fingerprint(now) !== written;
    if (!isEdited) {
      texts[column] = freshText;
      prints[column] = fingerprint(freshText);
      continue;
    }
    const changed = fingerprint(freshText) !== written;
    if (changed && useTemplateTexts) {
      texts[column] = freshText;
      prints[column] = fingerprint(freshText);
      stats.textsReplaced++;
      continue;
    }
    texts[column] = now;
    prints[column] = written;
    edited[column] = { template: freshText, changed };
    stats.textsKept++;
    if (changed) stats.templateChanged++;
  }
  // A date someone changed by hand stays while the template's date for the row is what it was; when the
  // template or the anchor moves the row, it takes the new date (the old one is kept in the old version).
  const oldDate = dateOf(before.cells.date);
  let date = fresh.date;
  prints.date = datePrint(fresh.date);
  if (stored.date !== undefined && datePrint(oldDate) !== stored.date && oldDate !== fresh.date) {
    if (datePrint(fresh.date) === stored.date) {
      date = oldDate;
      prints.date = stored.date;
      stats.datesKept++;
    } else stats.datesReplaced++;
  }
  return { texts, date, generatedTexts: encodeTextPrints(prints), edited };
}

export interface MergeOptions {
  /** For a tab without the text-check column: the texts generation would have written last time, by row ID. */
  previousTexts?: ReadonlyMap<string, Partial<Record<SopTextColumn, string>>>;
  /** Take the template's new text where it changed since someone edited the cell (the edit goes to the old version). */
  useTemplateTexts?: boolean;
}

export function mergeSop(existing: ExistingSopTab | null, fresh: SopRow[], lang: Lang, options: MergeOptions = {}): MergeResult {
  const old = oldRows(existing);
  const stats: MergeStats = {
    added: 0,
    redated: 0,
    removedKept: 0,
    dropped: 0,
    kept: 0,
    manual: 0,
    textsKept: 0,
    templateChanged: 0,
    textsReplaced: 0,
    datesKept: 0,
    datesReplaced: 0,
    lost: 0,
  };
  const freshIds = new Set(fresh.map((row) => row.id));

  // Generated rows by ID; a second row with the same ID (a copied row) counts as added by hand.
  const byId = new Map<string, OldRow>();
  const isManual = new Set<OldRow>();
  for (const row of old) {
    if (GENERATED_ID.test(row.id) && !byId.has(row.id)) byId.set(row.id, row);
    else isManual.add(row);
  }

  const output = new Map<OldRow, SopRow>();
  const scheduled: SopRow[] = fresh.map((row) => {
    const before = byId.get(row.id);
    if (!before) {
      stats.added++;
      return { ...row, source: null, generatedTexts: freshTextPrints(row) };
    }
    stats.kept++;
    const typedOwner = hasTypedOwner(before, row.owner);
    const status = text(before.cells.status);
    const { texts, date, generatedTexts, edited } = mergeTexts(before, row, options.previousTexts?.get(row.id), stats, options.useTemplateTexts === true);
    if (dateOf(before.cells.date) !== date) stats.redated++;
    const merged: SopRow = {
      ...row,
      ...texts,
      date,
      weekday: date === null ? row.weekday : weekdayLabel(date, lang),
      // A row that comes back after being marked removed is work to do again.
      status: status === '' || parseStatus(status) === 'removed' ? row.status : localizedStatus(status, lang),
      proof: text(before.cells.proof),
      note: text(before.cells.note),
      owner: typedOwner ? text(before.cells.owner) : row.owner,
      generatedOwner: typedOwner ? text(before.cells.generatedOwner) : row.owner,
      source: before.row,
      generatedTexts,
      editedTexts: edited,
    };
    output.set(before, merged);
    return merged;
  });

  for (const [id, before] of byId) {
    if (freshIds.has(id)) continue;
    const typed =
      hasTypedStatus(before) || text(before.cells.proof) !== '' || text(before.cells.note) !== '' || hasTypedOwner(before, null) || before.userContent;
    if (!typed) {
      stats.dropped++;
      continue;
    }
    stats.removedKept++;
    const previous = hasTypedStatus(before) ? t(lang, 'sop.removedWas', { status: text(before.cells.status) }) : '';
    const removed = statusLabel('removed', lang);
    const cells: Cells = { ...before.cells, status: removed, note: previous + text(before.cells.note) };
    const row = carriedRow(before, cells, 'removed', lang);
    output.set(before, row);
    scheduled.push(row);
  }
  scheduled.sort(compareByDateTime);

  // Rows added by hand follow the row they followed in the tab (the nearest one still there).
  const following = new Map<SopRow | null, SopRow[]>();
  let predecessor: SopRow | null = null;
  for (const row of old) {
    if (isManual.has(row)) {
      stats.manual++;
      const carried = carriedRow(row, row.cells, 'manual', lang);
      output.set(row, carried);
      following.set(predecessor, [...(following.get(predecessor) ?? []), carried]);
    } else {
      predecessor = output.get(row) ?? predecessor;
    }
  }
  const rows: SopRow[] = [...(following.get(null) ?? [])];
  for (const row of scheduled) rows.push(row, ...(following.get(row) ?? []));

  stats.lost = countLost(old, output, rows, isManual);
  return { rows, stats };
}

/**
 * The toast after regenerating: "+2 rows · 26 re-dated · 3 edited texts kept · 0 lost". `extra`: what
 * the update of the tab itself reports (the user's cells kept, an old version); `lost` adds the cells
 * the update could not keep to the rows' count.
 */
export function mergeSummaryLine(stats: MergeStats, lang: Lang, extra: string[] = [], lost = 0): string {
  const parts = [t(lang, 'sop.toast.merged', { added: stats.added, redated: stats.redated })];
  if (stats.textsKept) parts.push(t(lang, 'sop.toast.textsKept', { count: stats.textsKept }));
  if (stats.templateChanged) parts.push(t(lang, 'sop.toast.templateChanged', { count: stats.templateChanged }));
  if (stats.textsReplaced) parts.push(t(lang, 'sop.toast.textsReplaced', { count: stats.textsReplaced }));
  if (stats.datesKept) parts.push(t(lang, 'sop.toast.datesKept', { count: stats.datesKept }));
  if (stats.datesReplaced) parts.push(t(lang, 'sop.toast.datesReplaced', { count: stats.datesReplaced }));
  parts.push(...extra, t(lang, 'layers.lost', { count: stats.lost + lost }));
  return parts.join(' · ');
}

/**
 * Typed values of the old tab missing from the result: every status, proof, note and hand-picked
 * owner must still be in the row it belonged to (a status possibly translated, or moved into the
 * note of a removed row), every edited text must be kept, and every hand-made row must be there.
 */
function countLost(old: OldRow[], output: Map<OldRow, SopRow>, rows: SopRow[], isManual: Set<OldRow>): number {
  const present = new Set(rows);
  let lost = 0;
  for (const before of old) {
    const after = output.get(before);
    const typed: Array<[kind: 'status' | 'proof' | 'note' | 'owner', value: string]> = [];
    if (hasTypedStatus(before)) typed.push(['status', text(before.cells.status)]);
    if (text(before.cells.proof)) typed.push(['proof', text(before.cells.proof)]);
    if (text(before.cells.note)) typed.push(['note', text(before.cells.note)]);
    if (hasTypedOwner(before, null)) typed.push(['owner', text(before.cells.owner)]);
    if ((isManual.has(before) || before.userContent) && (!after || !present.has(after))) {
      lost += Math.max(1, typed.length);
      continue;
    }
    for (const [kind, value] of typed) {
      if (!after || !present.has(after)) lost++;
      else if (kind === 'status') {
        const kept = parseStatus(after.status) === parseStatus(value) && (parseStatus(value) !== null || after.status === value);
        if (!kept && !after.note.includes(value)) lost++;
      } else if (kind === 'note') {
        if (!after.note.endsWith(value)) lost++;
      } else if (after[kind] !== value) lost++;
    }
    if (after && present.has(after)) {
      for (const column of SOP_TEXT_COLUMNS) {
        const edited = after.editedTexts?.[column];
        if (edited && after[column] !== textCell(before.cells, column)) lost++;
      }
      // Replaced texts are not lost: planning the update keeps the tab as it was in an old version.
    }
  }
  return lost;
}
