/**
 * Regenerating an SOP tab without losing work. The existing tab is read back (headers in either
 * language) and merged with freshly generated rows:
 *
 * - Rows are matched by ID. A matched row takes its date, time and texts from the template and keeps
 *   what people typed: 状态, 完成截图/链接, 备注 and an owner picked by hand.
 * - Owner rule: the tab stores, in its "系统分配" column, the owner generation last put in each row.
 *   An owner that differs from it was typed by someone and is kept, whatever the team or the
 *   template now say (the stored value stays as it was, so the row keeps counting as hand-picked);
 *   an owner equal to it was assigned and follows the new generation. When the column is missing (it
 *   was deleted), any non-empty owner that differs from the new one is kept: nothing typed is lost,
 *   at the price of not following a team change for those rows.
 * - A row whose template row is gone is kept and marked 已移除 when anything was typed in it (its
 *   earlier status goes to the front of its note), and dropped when untouched.
 * - Rows without a generated ID were added by hand and are kept as they are, right after the row
 *   they followed; the other rows are sorted by date, then time.
 */
import { formatTimeOfDay, parseDate, type DaySerial } from '../dates';
import { AppError } from '../errors';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import type { CellValue } from '../tab/spec';
import { cellText, findSopHeader, sopTableRows, type SopCells } from './columns';
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
  /** Typed values that did not make it into the result (checked after merging; 0 unless a bug). */
  lost: number;
}

export interface MergeResult {
  rows: SopRow[];
  stats: MergeStats;
}

type Cells = SopCells;

interface ExistingRow {
  cells: Cells;
  id: string;
  /** Whether the tab has the column recording the owner generation last assigned. */
  knowsGeneratedOwner: boolean;
}

const text = cellText;

function readExisting(grid: CellValue[][]): ExistingRow[] {
  const header = findSopHeader(grid);
  if (!header) {
    if (grid.every((line) => line.every((cell) => text(cell) === ''))) return [];
    throw new AppError({ code: 'sop.error.noSopHeader', location: { row: 1 } });
  }
  const knowsGeneratedOwner = header.columns.generatedOwner !== undefined;
  return sopTableRows(grid, header).map((cells) => ({ cells, id: text(cells.id), knowsGeneratedOwner }));
}

/** An owner someone picked rather than the one generation assigned (see the rule above). */
function hasTypedOwner(row: ExistingRow, freshOwner: string | null): boolean {
  const owner = text(row.cells.owner);
  if (row.knowsGeneratedOwner) return owner !== text(row.cells.generatedOwner);
  return owner !== '' && freshOwner !== null && owner !== freshOwner;
}

/** A status someone set: anything but blank, 未开始 and the 已移除 that regeneration itself sets. */
function hasTypedStatus(row: ExistingRow): boolean {
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

/** A row carried over from the tab as it was; its text fields mirror its cells. */
function carriedRow(cells: Cells, id: string, origin: RowOrigin, lang: Lang): SopRow {
  const date = dateOf(cells.date);
  return {
    id,
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
  };
}

export function mergeSop(existing: CellValue[][], fresh: SopRow[], lang: Lang): MergeResult {
  const old = readExisting(existing);
  const stats: MergeStats = { added: 0, redated: 0, removedKept: 0, dropped: 0, kept: 0, manual: 0, lost: 0 };
  const freshIds = new Set(fresh.map((row) => row.id));

  // Generated rows by ID; a second row with the same ID (a copied row) counts as added by hand.
  const byId = new Map<string, ExistingRow>();
  const isManual = new Set<ExistingRow>();
  for (const row of old) {
    if (GENERATED_ID.test(row.id) && !byId.has(row.id)) byId.set(row.id, row);
    else isManual.add(row);
  }

  const output = new Map<ExistingRow, SopRow>();
  const scheduled: SopRow[] = fresh.map((row) => {
    const before = byId.get(row.id);
    if (!before) {
      stats.added++;
      return row;
    }
    stats.kept++;
    if (dateOf(before.cells.date) !== row.date) stats.redated++;
    const typedOwner = hasTypedOwner(before, row.owner);
    const status = text(before.cells.status);
    const merged: SopRow = {
      ...row,
      // A row that comes back after being marked removed is work to do again.
      status: status === '' || parseStatus(status) === 'removed' ? row.status : localizedStatus(status, lang),
      proof: text(before.cells.proof),
      note: text(before.cells.note),
      owner: typedOwner ? text(before.cells.owner) : row.owner,
      generatedOwner: typedOwner ? text(before.cells.generatedOwner) : row.owner,
    };
    output.set(before, merged);
    return merged;
  });

  for (const [id, before] of byId) {
    if (freshIds.has(id)) continue;
    const typed = hasTypedStatus(before) || text(before.cells.proof) !== '' || text(before.cells.note) !== '' || hasTypedOwner(before, null);
    if (!typed) {
      stats.dropped++;
      continue;
    }
    stats.removedKept++;
    const previous = hasTypedStatus(before) ? t(lang, 'sop.removedWas', { status: text(before.cells.status) }) : '';
    const removed = statusLabel('removed', lang);
    const cells: Cells = { ...before.cells, status: removed, note: previous + text(before.cells.note) };
    const row = carriedRow(cells, id, 'removed', lang);
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
      const carried = carriedRow(row.cells, row.id, 'manual', lang);
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

/** The toast after regenerating: "+2 rows · 26 re-dated · 0 lost" / "+2 行 · 26 行改期 · 0 项丢失". */
export function mergeSummaryLine(stats: MergeStats, lang: Lang): string {
  return t(lang, 'sop.toast.merged', { added: stats.added, redated: stats.redated, lost: stats.lost });
}

/**
 * Typed values of the old tab missing from the result: every status, proof, note and hand-picked
 * owner must still be in the row it belonged to (a status possibly translated, or moved into the
 * note of a removed row), and every hand-made row must be there.
 */
function countLost(old: ExistingRow[], output: Map<ExistingRow, SopRow>, rows: SopRow[], isManual: Set<ExistingRow>): number {
  const present = new Set(rows);
  let lost = 0;
  for (const before of old) {
    const after = output.get(before);
    const typed: Array<[kind: 'status' | 'proof' | 'note' | 'owner', value: string]> = [];
    if (hasTypedStatus(before)) typed.push(['status', text(before.cells.status)]);
    if (text(before.cells.proof)) typed.push(['proof', text(before.cells.proof)]);
    if (text(before.cells.note)) typed.push(['note', text(before.cells.note)]);
    if (hasTypedOwner(before, null)) typed.push(['owner', text(before.cells.owner)]);
    if (isManual.has(before) && (!after || !present.has(after))) {
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
  }
  return lost;
}
