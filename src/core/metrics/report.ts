/** What reading a paste found besides the numbers: shown next to the metrics and in the CLI JSON. */
import type { ErrorLocation } from '../errors';
import type { MessageKey, MessageParams } from '../i18n';
import type { CellValue } from '../tab/spec';

/** The three lists of raw mode; absent for a pasted table of counts. */
export type RawListKind = 'members' | 'attendance' | 'orders';

export interface MappingEntry {
  list?: RawListKind;
  column: number; // 0-based column in the pasted grid
  header: string;
  field: string; // the input key (members, buyers…) or raw field (memberId, minutes…)
}

export type SkipReason = 'title' | 'total' | 'header';

export interface SkippedRow {
  list?: RawListKind;
  row: number; // 1-based row in the pasted grid
  reason: SkipReason;
  text: string;
}

export interface ExtraColumn {
  list?: RawListKind;
  column: number;
  header: string;
}

export interface Warning {
  code: MessageKey;
  params?: MessageParams;
  /** The cell a warning is about, when it is about one (its params name the row and column for the text). */
  location?: ErrorLocation;
}

export interface MetricsReport {
  mapping: MappingEntry[];
  skipped: SkippedRow[];
  extraColumns: ExtraColumn[];
  warnings: Warning[];
}

const SKIPPED_TEXT_LIMIT = 80;

/** A row's non-blank cells as one line, shortened, for the report. */
export function rowText(row: readonly CellValue[]): string {
  const text = row
    .filter((cell) => cell !== null && String(cell).trim() !== '')
    .map((cell) => String(cell).trim())
    .join(' ');
  return text.length > SKIPPED_TEXT_LIMIT ? `${text.slice(0, SKIPPED_TEXT_LIMIT - 1)}…` : text;
}
