/** The Workbook port over a Google spreadsheet. */
import { AppError } from '../core/errors';
import type { TabContent } from '../core/tab/content';
import type { TabUpdate } from '../core/tab/layers';
import { decodeMarker, encodeMarker, sameMarker, type MarkerKey } from '../core/tab/marker';
import { checkTabSize, SHEETS_LIMITS, type GridSize } from '../core/tab/limits';
import { sameTabName, sheetsTabName } from '../core/tab/names';
import type { CellValue, TabMarker, TabSpec } from '../core/tab/spec';
import type { SheetSelection, TabFeatures, TabInfo, Workbook, WriteResult } from '../ports';
import { drawTab, fitSheet, NEW_SHEET_SIZE, planTab, readBeforeUpdate, sizeAfterUpdate, updateTab, type ReadBeforeUpdate } from './render-tab';
import { SheetDates } from './sheet-dates';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Developer-metadata key of the marker a generated tab carries; its value is JSON {kind, key}. */
export const MARKER_KEY = 'sop-planner';

const LOCK_TIMEOUT_MS = 10_000;

type Metadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

/** A sheet found by our marker; its name is asked only when needed. */
interface MarkedSheet {
  sheet: Sheet;
  marker: TabMarker;
  /** The developer metadata holding the marker (null for a tab made in this action): to update what it remembers. */
  metadata: Metadata | null;
  name: string | null;
}

interface SheetEntry {
  sheet: Sheet;
  name: string;
  /** True for the old versions this class hid during the action; other sheets are not asked. */
  hidden: boolean;
  marker: TabMarker | null;
  /** The developer metadata holding the marker, to update what it remembers. */
  metadata: Metadata | null;
}

/** Where a tab will be written, made ready by reserveRoom. */
interface Reservation {
  spec: TabSpec;
  sheet: Sheet;
  name: string;
  created: boolean;
  metadata: Metadata | null;
  oldVersion: string | null;
  /** Its rows and columns once reserved (the room taken for growth is given back until it is written). */
  size: GridSize;
  /** An existing tab's charts and rules, read before anything was written (updateTab's early reads). */
  readBefore?: ReadBeforeUpdate;
}

/** The cell limit as Sheets writes it in its refusal, grouped or not ("…above the limit of 10000000 cells.", "10,000,000"). */
const CELL_LIMIT_IN_MESSAGE = new RegExp(String(SHEETS_LIMITS.cells).replace(/\B(?=(\d{3})+$)/g, '[,.\\s\\u00a0]?'));

/** Sheets' refusal to go past its limit of cells in a whole file. */
function isCellLimitError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return CELL_LIMIT_IN_MESSAGE.test(message);
}

export class SheetsWorkbook implements Workbook {
  /** Tabs made ready by reserveRoom and not written yet, by their spec. */
  private readonly reservations = new Map<TabSpec, Reservation>();
  /**
   * What this action learnt of the spreadsheet (a use case runs inside one server call, under the
   * document lock), kept up to date as it adds, copies, hides and marks sheets, so that nothing is
   * asked twice: the markers (one metadata search), the sheets by name (one lookup each), and — only
   * when something needs every tab — the whole list, which asks every sheet its name.
   */
  private markerList: MarkedSheet[] | null = null;
  private readonly sheetsByName = new Map<string, Sheet | null>();
  /** Sizes read before this action wrote to the sheet (readTabContent's), for reserving room without asking again. */
  private readonly sizesRead = new Map<Sheet, GridSize>();
  private listed: SheetEntry[] | null = null;
  /** Sheet ids asked for links (an id never changes, so each is asked once). */
  private readonly sheetIds = new Map<Sheet, number>();
  /** The spreadsheet's address, asked once (null until asked). */
  private url: string | null = null;
  private sheetCount: number | null = null;
  private sheetDates: SheetDates | null = null;
  /** The sheet this action made the active one (inserting a sheet activates it), null when not known. */
  private activeSheet: Sheet | null = null;

  /** `timeZone`: the spreadsheet's time zone when someone has asked for it already (the clock); else the workbook asks. */
  constructor(
    private readonly spreadsheet: Spreadsheet,
    private readonly timeZone: () => string = () => spreadsheet.getSpreadsheetTimeZone(),
  ) {}

  listTabs(): TabInfo[] {
    return this.entries().map(({ name, marker, hidden }) => (hidden ? { name, marker, hidden: true } : { name, marker }));
  }

  markedTabs(accept: (marker: TabMarker) => boolean = () => true): TabInfo[] {
    if (this.listed) return this.listTabs().filter((info) => info.marker !== null && accept(info.marker));
    const seen = new Set<string>();
    return this.markers().flatMap((entry) => {
      if (!accept(entry.marker)) return [];
      const name = this.nameOf(entry);
      if (seen.has(name.toLowerCase())) return [];
      seen.add(name.toLowerCase());
      return [{ name, marker: entry.marker }];
    });
  }

  tabMarkers(accept: (marker: TabMarker) => boolean = () => true): TabMarker[] {
    return this.markers()
      .map((entry) => entry.marker)
      .filter(accept);
  }

  /** Two reads a tab (its data range, its values), none for its name. */
  readMarkedTabs(accept: (marker: TabMarker) => boolean): Array<{ marker: TabMarker; values: CellValue[][] }> {
    return this.markers()
      .filter((entry) => accept(entry.marker))
      .map((entry) => ({ marker: entry.marker, values: this.typedValues(entry.sheet.getDataRange().getValues()) }));
  }

  /**
   * One write: the marker's metadata gets its new value (found with the search made already, or among
   * the sheet's own metadata — also for a tab this action created, whose entry has none yet).
   */
  rememberAbout(name: string, about: MarkerKey): void {
    const sheet = this.lookUp(name);
    if (!sheet) throw new AppError({ code: 'error.tabNotFound', params: { tab: name } });
    const entry = this.markerOfSheet(sheet, name);
    if (entry && !entry.metadata) entry.metadata = sheet.getDeveloperMetadata().find((metadata) => metadata.getKey() === MARKER_KEY) ?? null;
    if (!entry?.metadata) throw new AppError({ code: 'error.notOurTab', params: { tab: name } });
    const marker: TabMarker = { ...entry.marker, about: { ...about } };
    entry.metadata.setValue(encodeMarker(marker));
    entry.marker = marker;
  }

  findTab(name: string): TabInfo | null {
    if (this.listed) return this.listTabs().find((info) => sameTabName(info.name, name)) ?? null;
    const sheet = this.lookUp(name);
    if (!sheet) return null;
    // The name as Sheets spells it (the lookup ignores case) is asked only when a caller reads it:
    // most callers want to know that the tab exists and what its marker says.
    let spelt: string | null = null;
    return {
      get name(): string {
        spelt ??= sheet.getName();
        return spelt;
      },
      marker: this.markerOfSheet(sheet, name)?.marker ?? null,
    };
  }

  readTab(name: string): CellValue[][] {
    return this.typedValues(this.sheetNamed(name).getDataRange().getValues());
  }

  readTabHead(name: string, rows: number): CellValue[][] {
    const sheet = this.sheetNamed(name);
    const data = sheet.getDataRange();
    return this.typedValues(sheet.getRange(1, 1, Math.min(rows, data.getNumRows()), data.getNumColumns()).getValues());
  }

  tabLinkPrefix(name: string): string {
    return `#gid=${this.sheetIdOf(name)}&range=`;
  }

  /** The tab's web address ("https://docs.google.com/spreadsheets/d/…/edit#gid=123"): a reminder links each item to it. */
  tabUrl(name: string): string | null {
    this.url ??= this.spreadsheet.getUrl();
    return this.url ? `${this.url.replace(/#.*$/, '')}#gid=${this.sheetIdOf(name)}` : null;
  }

  /** The ids of a tab's PDF export link (core/tab/print.ts), asked when someone wants to print it. */
  printTarget(name: string): { spreadsheetId: string; sheetId: number } {
    return { spreadsheetId: this.spreadsheet.getId(), sheetId: this.sheetIdOf(name) };
  }

  /** A sheet's id, asked once per action: the links of a board or a reminder name each tab many times. */
  private sheetIdOf(name: string): number {
    const sheet = this.sheetNamed(name);
    let id = this.sheetIds.get(sheet);
    if (id === undefined) {
      id = sheet.getSheetId();
      this.sheetIds.set(sheet, id);
    }
    return id;
  }

  /**
   * Values and formulas of the data range; notes of the whole grid (a note may sit on an empty cell).
   * All three are read over the whole grid, whose size is asked anyway (the notes need it, and so
   * does making room), and the values and formulas cut to the data range here: asking Sheets for
   * the data range would be one more read.
   */
  readTabContent(name: string): TabContent {
    const sheet = this.sheetNamed(name);
    const size = { rows: sheet.getMaxRows(), cols: sheet.getMaxColumns() };
    this.sizesRead.set(sheet, size);
    const whole = sheet.getRange(1, 1, size.rows, size.cols);
    const values = whole.getValues();
    const formulas = whole.getFormulas();
    const used = usedExtent(values, formulas);
    const cut = <T>(grid: T[][]): T[][] => grid.slice(0, used.rows).map((row) => row.slice(0, used.cols));
    return { values: this.typedValues(cut(values)), formulas: cut(formulas), notes: whole.getNotes() };
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

  /** The active sheet, its name and its own marker: three reads, however many tabs and markers there are. */
  activeTab(): TabInfo | null {
    const sheet = this.spreadsheet.getActiveSheet();
    if (!sheet) return null;
    const name = sheet.getName();
    if (!this.sheetsByName.has(name.toLowerCase())) this.sheetsByName.set(name.toLowerCase(), sheet);
    return { name, marker: this.markerOfSheet(sheet, name)?.marker ?? null };
  }

  /**
   * Makes room for `tabs` before any of them is written, so that an action the spreadsheet cannot
   * hold changes nothing. Sheets counts every cell of every sheet against its limit, and reading the
   * size of each sheet would cost calls in proportion to the workbook; instead the room is taken the
   * way writing will take it: new tabs are inserted at their final size (writeTab draws into them),
   * hidden old versions are copied now, and growing tabs get their rows and columns added, then
   * removed again once everything fits. When Sheets refuses, all of that is undone and the action is
   * refused with the limit named.
   */
  reserveRoom(tabs: ReadonlyArray<{ spec: TabSpec; update?: TabUpdate | null }>): void {
    this.reserve(tabs);
  }

  private reserve(tabs: ReadonlyArray<{ spec: TabSpec; update?: TabUpdate | null }>): void {
    const made: Reservation[] = [];
    const copies: Array<{ sheet: Sheet; name: string }> = [];
    const undo: Array<() => void> = [];
    // Names given in this run count as taken before Sheets knows them.
    const given = new Set<string>();
    const taken = (name: string): boolean => given.has(name.toLowerCase()) || this.lookUp(name) !== null;
    const ownOf = (spec: TabSpec): MarkedSheet | undefined => this.markers().find((entry) => sameMarker(entry.marker, spec.marker));
    try {
      // Every size is read in one go: the existing tabs' before anything is written, the new tabs'
      // once all are inserted. A size read right after a write waits for it to reach the document
      // (a round trip), which per tab would make a 30-group run cost 30 of them.
      // So are the charts and rules an update compares (the room reserved below is a write).
      const ownSizes = new Map<TabSpec, GridSize>();
      const readsBefore = new Map<TabSpec, ReadBeforeUpdate>();
      for (const { spec, update = null } of tabs) {
        const own = ownOf(spec);
        if (!own) continue;
        ownSizes.set(spec, this.sizesRead.get(own.sheet) ?? { rows: own.sheet.getMaxRows(), cols: own.sheet.getMaxColumns() });
        if (update) readsBefore.set(spec, readBeforeUpdate(own.sheet, spec, update));
      }
      // The hidden copies' names are found before anything is written: finding one asks Sheets whether it is taken.
      const oldVersionNames = new Map<TabSpec, string>();
      for (const { spec, update = null } of tabs) {
        if (!ownOf(spec) || !update?.oldVersion) continue;
        const name = sheetsTabName(update.oldVersion, taken);
        given.add(name.toLowerCase());
        oldVersionNames.set(spec, name);
      }
      const fresh = tabs.filter(({ spec }) => !ownOf(spec));
      const first = fresh.length ? this.numSheets() : 0;
      const inserted: Reservation[] = [];
      for (const { spec } of fresh) {
        const size = checkTabSize(spec);
        const { sheet, name } = this.insertNamed(spec.name, given, first + inserted.length);
        given.add(name.toLowerCase());
        inserted.push({ spec, sheet, name, created: true, metadata: null, oldVersion: null, size });
        made.push(inserted[inserted.length - 1]);
        sheet.addDeveloperMetadata(MARKER_KEY, encodeMarker(spec.marker));
      }
      // A new sheet is blank at Sheets' default size, 1000 rows by 26 columns, so it is fitted (rows and
      // columns, so a long narrow tab does not hold 26 columns of blanks) without being measured: a size
      // read right after the inserts would wait for them (a round trip).
      for (const r of inserted) fitSheet(r.sheet, r.size, NEW_SHEET_SIZE);
      // "The new sheet becomes the active sheet" (Spreadsheet.insertSheet): the last one inserted is.
      if (inserted.length) this.activeSheet = inserted[inserted.length - 1].sheet;
      for (const { spec, update = null } of tabs) {
        const own = ownOf(spec);
        if (!own) continue;
        const size = checkTabSize(spec);
        let oldVersion: string | null = null;
        const copyName = oldVersionNames.get(spec);
        if (copyName) {
          const copy = this.keepOldVersion(own.sheet, copyName);
          oldVersion = copy.name;
          copies.push(copy);
        }
        const now = ownSizes.get(spec) as GridSize;
        made.push({
          spec,
          sheet: own.sheet,
          name: this.nameOf(own),
          created: false,
          metadata: own.metadata,
          oldVersion,
          size: now,
          readBefore: readsBefore.get(spec),
        });
        const after = update ? sizeAfterUpdate(now, spec, update, size) : size;
        // Rows first, then columns, as writing grows the sheet: the room needed on the way is the same.
        if (after.rows > now.rows) {
          own.sheet.insertRowsAfter(now.rows, after.rows - now.rows);
          undo.push(() => own.sheet.deleteRows(now.rows + 1, after.rows - now.rows));
        }
        if (after.cols > now.cols) {
          own.sheet.insertColumnsAfter(now.cols, after.cols - now.cols);
          undo.push(() => own.sheet.deleteColumns(now.cols + 1, after.cols - now.cols));
        }
      }
    } catch (error) {
      for (const step of undo.reverse()) step();
      this.activeSheet = null;
      for (const sheet of [...copies.map((c) => c.sheet), ...made.filter((r) => r.created).map((r) => r.sheet)]) this.spreadsheet.deleteSheet(sheet);
      if (isCellLimitError(error)) throw new AppError({ code: 'error.workbookFull' });
      throw error;
    }
    for (const step of undo.reverse()) step();
    // From here on the sheets change size: a size read before is no longer theirs.
    this.sizesRead.clear();
    for (const reservation of made) this.reservations.set(reservation.spec, reservation);
    // What this action knows now: the new tabs with their markers, the hidden copies (the user's: no marker).
    const added = made.filter((r) => r.created);
    for (const r of added) {
      this.markers().push({ sheet: r.sheet, metadata: null, marker: r.spec.marker, name: r.name });
      this.sheetsByName.set(r.name.toLowerCase(), r.sheet);
    }
    for (const copy of copies) this.sheetsByName.set(copy.name.toLowerCase(), copy.sheet);
    if (this.sheetCount !== null) this.sheetCount += added.length + copies.length;
    if (this.listed) {
      this.listed.push(...added.map((r): SheetEntry => ({ sheet: r.sheet, name: r.name, hidden: false, marker: r.spec.marker, metadata: null })));
      this.listed.push(...copies.map((c): SheetEntry => ({ sheet: c.sheet, name: c.name, hidden: true, marker: null, metadata: null })));
    }
  }

  writeTab(spec: TabSpec, update: TabUpdate | null = null): WriteResult {
    // Everything that can refuse the tab is checked before anything is written.
    const plan = planTab(spec, { spreadsheet: this.spreadsheet, resolveTab: (name) => this.listSource(name) });
    if (!this.reservations.has(spec)) this.reserve([{ spec, update }]);
    const reservation = this.reservations.get(spec) as Reservation;
    this.reservations.delete(spec);
    if (reservation.created) {
      drawTab(reservation.sheet, plan, { fresh: true });
      return { name: reservation.name, created: true, oldVersion: null };
    }
    // Found by its marker: the tab keeps the name it has now, which a person may have chosen.
    if (update) updateTab(reservation.sheet, plan, update, reservation.size, reservation.readBefore);
    else drawTab(reservation.sheet, plan);
    // What the marker remembers is written when it changed (a metadata's value came with the search).
    const marker = encodeMarker(spec.marker);
    if (reservation.metadata && reservation.metadata.getValue() !== marker) reservation.metadata.setValue(marker);
    // By name: Apps Script may hand out a different object for the same sheet (getSheets, a metadata's location).
    for (const entry of [...this.markers(), ...(this.listed ?? [])]) {
      if (entry.sheet === reservation.sheet || (entry.name !== null && sameTabName(entry.name, reservation.name))) entry.marker = spec.marker;
    }
    return { name: reservation.name, created: false, oldVersion: reservation.oldVersion };
  }

  /**
   * Inserts a sheet under the wanted name (fitted to Sheets' rules), or under the first free
   * "name (2)", "name (3)"… when a sheet holds it. Sheets refuses a name in use, so the wanted name is
   * tried without asking whether it is taken (asking is a read per name); the names are asked about
   * only when Sheets refuses it. `given`: names given in this run, taken before Sheets knows them.
   */
  private insertNamed(wanted: string, given: Set<string>, index: number): { sheet: Sheet; name: string } {
    const known = (name: string): boolean => given.has(name.toLowerCase()) || (this.sheetsByName.get(name.toLowerCase()) ?? null) !== null;
    const first = sheetsTabName(wanted, known);
    try {
      return { sheet: this.spreadsheet.insertSheet(first, index), name: first };
    } catch (error) {
      // Refused: by a sheet of that name (then the next free name), or for another reason (then that).
      this.sheetsByName.delete(first.toLowerCase());
      if (!this.lookUp(first)) throw error;
      const name = sheetsTabName(wanted, (candidate) => given.has(candidate.toLowerCase()) || this.lookUp(candidate) !== null);
      return { sheet: this.spreadsheet.insertSheet(name, index), name };
    }
  }

  /**
   * A hidden copy of the tab as it is now, with everything on it, made before an update that cannot
   * keep all of a person's cells in place. The copy is the user's: it carries no marker.
   */
  private keepOldVersion(sheet: Sheet, name: string): { sheet: Sheet; name: string } {
    const copy = sheet.copyTo(this.spreadsheet);
    for (const metadata of copy.getDeveloperMetadata()) if (metadata.getKey() === MARKER_KEY) metadata.remove();
    copy.setName(name);
    copy.hideSheet();
    return { sheet: copy, name };
  }

  deleteTab(name: string): void {
    const entries = this.entries();
    const entry = entries.find((e) => sameTabName(e.name, name));
    if (!entry) throw new AppError({ code: 'error.tabNotFound', params: { tab: name } });
    if (!entry.marker) throw new AppError({ code: 'error.notOurTab', params: { tab: entry.name } });
    this.spreadsheet.deleteSheet(entry.sheet);
    if (entry.sheet === this.activeSheet) this.activeSheet = null;
    entries.splice(entries.indexOf(entry), 1);
    const marked = this.markers().findIndex((m) => m.sheet === entry.sheet || (m.name !== null && sameTabName(m.name, entry.name)));
    if (marked >= 0) this.markers().splice(marked, 1);
    this.sheetsByName.set(entry.name.toLowerCase(), null);
    if (this.sheetCount !== null) this.sheetCount--;
  }

  tabFeatures(name: string): TabFeatures {
    const sheet = this.sheetNamed(name);
    let validatedCells = 0;
    for (const row of sheet.getDataRange().getDataValidations()) for (const rule of row) if (rule) validatedCells++;
    return { conditionalFormats: sheet.getConditionalFormatRules().length, validatedCells };
  }

  activate(name: string): void {
    const sheet = this.sheetNamed(name);
    // A sheet this action inserted last is the active one already.
    if (sheet === this.activeSheet) return;
    sheet.activate();
    this.activeSheet = sheet;
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

  /** The sheets carrying our marker, in the order the search gives them: one search per action. */
  private markers(): MarkedSheet[] {
    if (!this.markerList) {
      this.markerList = [];
      for (const metadata of this.spreadsheet.createDeveloperMetadataFinder().withKey(MARKER_KEY).find()) {
        const marker = decodeMarker(metadata.getValue());
        const sheet = marker ? metadata.getLocation().getSheet() : null;
        if (sheet && marker) this.markerList.push({ sheet, metadata, marker, name: null });
      }
    }
    return this.markerList;
  }

  /** A marked sheet's name, asked once. */
  private nameOf(entry: MarkedSheet): string {
    if (entry.name === null) {
      entry.name = entry.sheet.getName();
      this.sheetsByName.set(entry.name.toLowerCase(), entry.sheet);
    }
    return entry.name;
  }

  /** The marker of a sheet found by name: known when its marked entry was named already, else read from the sheet itself. */
  private markerOfSheet(sheet: Sheet, name: string): MarkedSheet | null {
    // Only a search made already can tell it (a marked sheet whose name was asked): no search for it.
    const named = this.markerList?.find((entry) => entry.name !== null && sameTabName(entry.name, name));
    if (named) return named;
    // Its own metadata: one read, rather than asking every marked sheet its name.
    const own = sheet.getDeveloperMetadata().find((metadata) => metadata.getKey() === MARKER_KEY);
    const marker = own ? decodeMarker(own.getValue()) : null;
    return marker ? { sheet, metadata: own ?? null, marker, name } : null;
  }

  /** The sheet of that name (Sheets ignores case), looked up once per action. */
  private lookUp(name: string): Sheet | null {
    const key = name.toLowerCase();
    if (!this.sheetsByName.has(key)) {
      const listed = this.listed?.find((entry) => sameTabName(entry.name, name));
      this.sheetsByName.set(key, this.listed ? (listed?.sheet ?? null) : this.spreadsheet.getSheetByName(name));
    }
    return this.sheetsByName.get(key) ?? null;
  }

  private numSheets(): number {
    this.sheetCount ??= this.listed ? this.listed.length : this.spreadsheet.getNumSheets();
    return this.sheetCount;
  }

  /**
   * The sheet a dropdown reads from: our tab of that name (the app names the tab it found by its
   * marker, so this is the usual case: at most two reads), else the rule of findListSource over every tab.
   */
  private listSource(name: string): Sheet | null {
    const sheet = this.lookUp(name);
    if (sheet && this.markerOfSheet(sheet, name)) return sheet;
    return findListSource(this.entries(), name);
  }

  /** Every sheet in tab order with its marker: asks each sheet its name; listed once per action, only when needed. */
  private entries(): SheetEntry[] {
    if (!this.listed) {
      const byName = new Map<string, MarkedSheet>();
      for (const entry of this.markers()) {
        const name = this.nameOf(entry);
        if (!byName.has(name)) byName.set(name, entry);
      }
      this.listed = this.spreadsheet.getSheets().map((sheet) => {
        const name = sheet.getName();
        const found = byName.get(name);
        return { sheet, name, hidden: false, marker: found?.marker ?? null, metadata: found?.metadata ?? null };
      });
      this.sheetCount = this.listed.length;
      for (const entry of this.listed) this.sheetsByName.set(entry.name.toLowerCase(), entry.sheet);
    }
    return this.listed;
  }

  private sheetNamed(name: string): Sheet {
    const sheet = this.lookUp(name);
    if (!sheet) throw new AppError({ code: 'error.tabNotFound', params: { tab: name } });
    return sheet;
  }

  private typedValues(values: unknown[][]): CellValue[][] {
    return values.map((row) =>
      row.map((value): CellValue => {
        if (isDate(value)) return this.dates().serial(value);
        if (value === '' || value === null || value === undefined) return null;
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
        return String(value);
      }),
    );
  }

  /** The converter of date cells, made on the first date read (it asks for the spreadsheet's time zone once). */
  private dates(): SheetDates {
    this.sheetDates ??= new SheetDates(this.timeZone());
    return this.sheetDates;
  }
}

/**
 * The sheet a dropdown named `name` reads from: our own tab of that name, else our own tab that had
 * to be named "name (2)"… because a sheet of the user's holds the name, else that sheet.
 */
function findListSource(entries: SheetEntry[], name: string): Sheet | null {
  const ours = entries.filter((entry) => entry.marker !== null);
  const renamed = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+\\)$`, 'i');
  const found =
    ours.find((entry) => sameTabName(entry.name, name)) ??
    ours.find((entry) => renamed.test(entry.name)) ??
    entries.find((entry) => sameTabName(entry.name, name));
  return found ? found.sheet : null;
}

/**
 * The rows and columns of the data range (Sheet.getDataRange): up to the last row and column holding
 * a value or a formula, at least one cell.
 */
function usedExtent(values: unknown[][], formulas: string[][]): GridSize {
  let rows = 0;
  let cols = 0;
  values.forEach((line, r) => {
    for (let c = line.length - 1; c >= 0; c--) {
      const value = line[c];
      if ((value !== '' && value !== null && value !== undefined) || (formulas[r]?.[c] ?? '') !== '') {
        rows = r + 1;
        cols = Math.max(cols, c + 1);
        break;
      }
    }
  });
  return { rows: Math.max(rows, 1), cols: Math.max(cols, 1) };
}

/** Dates may come from another realm (a bundle run in node:vm), so instanceof is not enough. */
function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}
