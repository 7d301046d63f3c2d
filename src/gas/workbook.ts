/** The Workbook port over a Google spreadsheet. */
import { AppError } from '../core/errors';
import { DaySerial, serialFromYmd } from '../core/dates';
import type { TabContent } from '../core/tab/content';
import type { TabUpdate } from '../core/tab/layers';
import { decodeMarker, encodeMarker, sameMarker } from '../core/tab/marker';
import type { CellValue, TabMarker, TabSpec } from '../core/tab/spec';
import type { SheetSelection, TabInfo, Workbook, WriteResult } from '../ports';
import { drawTab, planTab, updateTab } from './render-tab';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Developer-metadata key of the marker a generated tab carries; its value is JSON {kind, key}. */
export const MARKER_KEY = 'sop-planner';

const LOCK_TIMEOUT_MS = 10_000;

type Metadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

interface SheetEntry {
  sheet: Sheet;
  name: string;
  marker: TabMarker | null;
  /** The developer metadata holding the marker, to update what it remembers. */
  metadata: Metadata | null;
}

export class SheetsWorkbook implements Workbook {
  constructor(private readonly spreadsheet: Spreadsheet) {}

  listTabs(): TabInfo[] {
    return this.entries().map(({ sheet, name, marker }) => (sheet.isSheetHidden() ? { name, marker, hidden: true } : { name, marker }));
  }

  readTab(name: string): CellValue[][] {
    return this.typedValues(this.sheetNamed(name).getDataRange().getValues());
  }

  /** Values and formulas of the data range; notes of the whole grid (a note may sit on an empty cell). */
  readTabContent(name: string): TabContent {
    const sheet = this.sheetNamed(name);
    const data = sheet.getDataRange();
    return {
      values: this.typedValues(data.getValues()),
      formulas: data.getFormulas(),
      notes: sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns()).getNotes(),
    };
  }

  readSelection(): SheetSelection | null {
    const range = this.spreadsheet.getActiveRange();
    if (!range || range.getNumRows() * range.getNumColumns() < 2) return null;
    return { tab: range.getSheet().getName(), values: this.typedValues(range.getValues()), top: range.getRow() - 1, left: range.getColumn() - 1 };
  }

  activeTabName(): string | null {
    const sheet = this.spreadsheet.getActiveSheet();
    return sheet ? sheet.getName() : null;
  }

  writeTab(spec: TabSpec, update: TabUpdate | null = null): WriteResult {
    const entries = this.entries();
    const plan = planTab(spec, { spreadsheet: this.spreadsheet, resolveTab: (name) => findListSource(entries, name) });
    const own = entries.find((entry) => entry.marker !== null && sameMarker(entry.marker, spec.marker));
    if (own) {
      let oldVersion: string | null = null;
      if (update?.oldVersion) oldVersion = this.keepOldVersion(own.sheet, update.oldVersion, entries);
      // Found by its marker: the tab keeps the name it has now, which a person may have chosen.
      if (update) updateTab(own.sheet, plan, update);
      else drawTab(own.sheet, plan);
      own.metadata?.setValue(encodeMarker(spec.marker));
      return { name: own.name, created: false, oldVersion };
    }
    const name = freeName(spec.name, entries.map((entry) => entry.name));
    const sheet = this.spreadsheet.insertSheet(name, entries.length);
    sheet.addDeveloperMetadata(MARKER_KEY, encodeMarker(spec.marker));
    drawTab(sheet, plan);
    return { name, created: true, oldVersion: null };
  }

  /**
   * A hidden copy of the tab as it is now, with everything on it, made before an update that cannot
   * keep all of a person's cells in place. The copy is the user's: it carries no marker.
   */
  private keepOldVersion(sheet: Sheet, wanted: string, entries: SheetEntry[]): string {
    const name = freeName(wanted, entries.map((entry) => entry.name));
    const copy = sheet.copyTo(this.spreadsheet);
    for (const metadata of copy.getDeveloperMetadata()) if (metadata.getKey() === MARKER_KEY) metadata.remove();
    copy.setName(name);
    copy.hideSheet();
    return name;
  }

  activate(name: string): void {
    this.sheetNamed(name).activate();
  }

  withLock<T>(fn: () => T): T {
    const lock = LockService.getDocumentLock();
    if (!lock.tryLock(LOCK_TIMEOUT_MS)) throw new AppError({ code: 'error.busy' });
    try {
      return fn();
    } finally {
      // Writes are buffered; flushing while still holding the lock keeps another run from reading
      // a half-applied state. Even a failed run flushes, since its writes would land anyway.
      try {
        SpreadsheetApp.flush();
      } finally {
        lock.releaseLock();
      }
    }
  }

  /** Every sheet in tab order with its marker: one metadata search, whatever the number of sheets. */
  private entries(): SheetEntry[] {
    const markers = new Map<number, { marker: TabMarker; metadata: Metadata }>();
    for (const metadata of this.spreadsheet.createDeveloperMetadataFinder().withKey(MARKER_KEY).find()) {
      const sheet = metadata.getLocation().getSheet();
      const marker = decodeMarker(metadata.getValue());
      if (!sheet || !marker) continue;
      const id = sheet.getSheetId();
      if (!markers.has(id)) markers.set(id, { marker, metadata });
    }
    return this.spreadsheet.getSheets().map((sheet) => {
      const found = markers.get(sheet.getSheetId());
      return { sheet, name: sheet.getName(), marker: found?.marker ?? null, metadata: found?.metadata ?? null };
    });
  }

  private sheetNamed(name: string): Sheet {
    const sheet = this.spreadsheet.getSheetByName(name);
    if (!sheet) throw new AppError({ code: 'error.tabNotFound', params: { tab: name } });
    return sheet;
  }

  private typedValues(values: unknown[][]): CellValue[][] {
    let timeZone: string | null = null;
    return values.map((row) =>
      row.map((value): CellValue => {
        if (isDate(value)) return serialFromSheetDate(value, (timeZone ??= this.spreadsheet.getSpreadsheetTimeZone()));
        if (value === '' || value === null || value === undefined) return null;
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
        return String(value);
      }),
    );
  }
}

/** Sheets keeps tab names unique regardless of letter case. */
function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The wanted name, or "name (2)", "name (3)"… — the first no sheet has. */
export function freeName(wanted: string, taken: string[]): string {
  const isTaken = (name: string): boolean => taken.some((other) => sameName(other, name));
  if (!isTaken(wanted)) return wanted;
  let n = 2;
  while (isTaken(`${wanted} (${n})`)) n++;
  return `${wanted} (${n})`;
}

/**
 * The sheet a dropdown named `name` reads from: our own tab of that name, else our own tab that had
 * to be named "name (2)"… because a sheet of the user's holds the name, else that sheet.
 */
function findListSource(entries: SheetEntry[], name: string): Sheet | null {
  const ours = entries.filter((entry) => entry.marker !== null);
  const renamed = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+\\)$`, 'i');
  const found =
    ours.find((entry) => sameName(entry.name, name)) ??
    ours.find((entry) => renamed.test(entry.name)) ??
    entries.find((entry) => sameName(entry.name, name));
  return found ? found.sheet : null;
}

/** Dates may come from another realm (a bundle run in node:vm), so instanceof is not enough. */
function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * A date cell's value as a day serial, read as the wall-clock time in the spreadsheet's time zone,
 * so that the script's own time zone plays no part. A time of day keeps its fraction; a pure time
 * cell comes back from Sheets as a Date on 1899-12-30, i.e. serial 0 plus the fraction.
 */
export function serialFromSheetDate(date: Date, timeZone: string): DaySerial | null {
  const text = Utilities.formatDate(date, timeZone, 'yyyy-MM-dd HH:mm:ss');
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day, hours, minutes, seconds] = m.slice(1).map(Number);
  return serialFromYmd(year, month, day) + (hours * 3600 + minutes * 60 + seconds) / 86400;
}
