/**
 * A recording fake of the Apps Script services the add-on touches: SpreadsheetApp (Spreadsheet,
 * Sheet, Range, RangeList, data-validation and conditional-format builders, charts, developer
 * metadata, Ui), LockService, Utilities.formatDate, PropertiesService, Session and HtmlService.
 *
 * It keeps real state (values, formulas, formats, styles, notes, validations, merges, rules, charts,
 * metadata, frozen rows, column widths…) so a test reads back what was written, and it records
 * every call made through the objects it hands out (`calls`, `callCount`). Calls made on the raw
 * objects returned by `inspect()` are not recorded, so tests can look without changing counts.
 *
 * Parsing of written strings follows Sheets' handling of typed input closely enough to catch the
 * mistakes that matter: "'" is a quote prefix (the rest is text), "=…" is a formula, numbers,
 * percentages, booleans and ISO dates are converted, and other text starting with + - @ is taken for
 * a formula (a parse error in Sheets). A cell formatted as plain text ("@") stores input verbatim.
 * Sheets' own rules that catch ordering mistakes are enforced: ranges must lie inside the sheet,
 * matrices must match the range, rows cannot be deleted down to the frozen ones, freezing cannot cut
 * a merge, tab names are unique regardless of case, and JS Date objects may not be written.
 */
import { serialFromYmd, ymdFromSerial } from '../../src/core/dates';

export interface RecordedCall {
  method: string; // "Range.setValues", "SpreadsheetApp.flush"…
  args: unknown[];
}

export interface FakeGasOptions {
  /** The spreadsheet's time zone (default Asia/Shanghai). */
  timeZone?: string;
  /** Session.getActiveUserLocale() (default zh_CN). */
  locale?: string;
  /** Names of the sheets the spreadsheet starts with (default one sheet, "Sheet1"). */
  sheetNames?: string[];
}

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const GLOBAL_NAMES = ['SpreadsheetApp', 'LockService', 'Utilities', 'PropertiesService', 'Session', 'HtmlService'] as const;
type GlobalName = (typeof GLOBAL_NAMES)[number];

const RAW = Symbol('fake-raw');
const NEW_SHEET_ROWS = 1000;
const NEW_SHEET_COLUMNS = 26;
const DEFAULT_COLUMN_WIDTH = 100;

/** The environment: state shared by every fake object, the call log, and the globals to install. */
export class FakeGas {
  readonly calls: RecordedCall[] = [];
  /** Whether LockService locks can be had; false simulates another run holding the lock. */
  lockAvailable = true;
  locale: string;
  scriptTimeZone = 'Asia/Shanghai';
  userEmail = 'operator@example.com';
  readonly toasts: { message: string; title: string; timeoutSeconds: number | null }[] = [];
  readonly alerts: { title: string | null; message: string }[] = [];
  readonly menus: FakeMenu[] = [];
  readonly dialogs: { kind: 'sidebar' | 'modal'; content: unknown; title: string | null }[] = [];
  readonly documentProperties = new Map<string, string>();
  readonly userProperties = new Map<string, string>();
  readonly scriptProperties = new Map<string, string>();
  /** Files HtmlService.createHtmlOutputFromFile can open, by name (e.g. the built sidebar). */
  readonly htmlFiles = new Map<string, string>();
  readonly book: FakeSpreadsheet;
  nextId = 1;

  private readonly proxies = new WeakMap<object, object>();
  private readonly globals: Record<GlobalName, object>;
  private installedOn: Record<string, unknown> | null = null;
  private saved: { name: GlobalName; had: boolean; value: unknown }[] = [];

  constructor(options: FakeGasOptions = {}) {
    this.locale = options.locale ?? 'zh_CN';
    this.book = new FakeSpreadsheet(this, options.timeZone ?? 'Asia/Shanghai');
    for (const name of options.sheetNames ?? ['Sheet1']) this.book._addSheet(name, this.book.sheets.length);
    this.book.active = this.book.sheets[0] ?? null;
    this.globals = {
      SpreadsheetApp: new FakeSpreadsheetApp(this),
      LockService: new FakeLockService(this),
      Utilities: new FakeUtilities(this),
      PropertiesService: new FakePropertiesService(this),
      Session: new FakeSession(this),
      HtmlService: new FakeHtmlService(this),
    };
  }

  /** The spreadsheet as the code under test sees it (calls recorded). */
  get spreadsheet(): Spreadsheet {
    return this.expose(this.book) as unknown as Spreadsheet;
  }

  get callCount(): number {
    return this.calls.length;
  }

  resetCalls(): void {
    this.calls.length = 0;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Puts SpreadsheetApp, LockService, Utilities, PropertiesService, Session and HtmlService on target. */
  install(target: object = globalThis): this {
    if (this.installedOn) throw new Error('fake: already installed');
    const host = target as Record<string, unknown>;
    this.saved = GLOBAL_NAMES.map((name) => ({ name, had: name in host, value: host[name] }));
    for (const name of GLOBAL_NAMES) host[name] = this.expose(this.globals[name]);
    this.installedOn = host;
    return this;
  }

  uninstall(): void {
    const host = this.installedOn;
    if (!host) return;
    for (const { name, had, value } of this.saved) {
      if (had) host[name] = value;
      else delete host[name];
    }
    this.installedOn = null;
  }

  /** A sheet's raw fake: the same methods, not recorded. Throws when there is no such sheet. */
  inspect(sheet: string | Sheet): Sheet {
    const raw = typeof sheet === 'string' ? this.book._sheetNamed(sheet) : (this.raw(sheet) as unknown as FakeSheet);
    if (!raw) throw new Error(`fake: no sheet named ${String(sheet)}`);
    return raw as unknown as Sheet;
  }

  /**
   * Adds a sheet holding the given values as Sheets would store them (no parsing; a string starting
   * with "=" is a formula), with optional number formats per cell (e.g. a date format on serials).
   */
  seedSheet(name: string, values: (string | number | boolean | null)[][], formats?: (string | null)[][]): Sheet {
    const sheet = this.book._addSheet(name, this.book.sheets.length);
    const width = Math.max(1, ...values.map((row) => row.length));
    sheet._ensureSize(values.length, width);
    values.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value === null || value === '') return;
        const cell = sheet._cell(r + 1, c + 1, true);
        if (typeof value === 'string' && value.startsWith('=')) cell.formula = value;
        else cell.value = value;
      }),
    );
    formats?.forEach((row, r) =>
      row.forEach((format, c) => {
        if (format !== null) sheet._cell(r + 1, c + 1, true).format = format;
      }),
    );
    return this.expose(sheet) as unknown as Sheet;
  }

  /** Wraps a fake object so that calls through it are recorded; the same wrapper every time. */
  expose<T>(value: T): T {
    if (value instanceof FakeObject) {
      let proxy = this.proxies.get(value);
      if (!proxy) {
        proxy = this.recordingProxy(value);
        this.proxies.set(value, proxy);
      }
      return proxy as T;
    }
    if (Array.isArray(value) && value.some((item) => item instanceof FakeObject)) return value.map((item) => this.expose(item)) as T;
    return value;
  }

  /** The raw fake behind a wrapper (or the value itself). */
  raw<T>(value: T): T {
    if (value !== null && typeof value === 'object') {
      const raw = (value as { [RAW]?: T })[RAW];
      if (raw !== undefined) return raw;
      if (Array.isArray(value) && value.some((item) => item !== null && typeof item === 'object' && (item as { [RAW]?: unknown })[RAW])) {
        return value.map((item) => this.raw(item)) as T;
      }
    }
    return value;
  }

  private recordingProxy(target: FakeObject): object {
    const api = target.constructor.name.replace(/^Fake/, '');
    return new Proxy(target, {
      get: (object, prop) => {
        if (prop === RAW) return object;
        const member = Reflect.get(object, prop, object) as unknown;
        if (typeof member !== 'function' || typeof prop === 'symbol') return this.expose(member);
        return (...args: unknown[]) => {
          this.calls.push({ method: `${api}.${prop}`, args });
          const result = (member as (...a: unknown[]) => unknown).apply(object, args.map((arg) => this.raw(arg)));
          return this.expose(result);
        };
      },
    });
  }
}

/** Creates a fake and installs it on globalThis; call uninstall() when the test ends. */
export function installFakeGas(options?: FakeGasOptions): FakeGas {
  return new FakeGas(options).install();
}

abstract class FakeObject {
  constructor(readonly gas: FakeGas) {}
}

// ───────────────────────────── cells ─────────────────────────────

type Value = string | number | boolean;

interface CellState {
  value?: Value;
  formula?: string;
  format?: string;
  background?: string;
  fontColor?: string;
  fontWeight?: string;
  fontStyle?: string;
  fontLine?: string;
  fontSize?: number;
  wrap?: string;
  hAlign?: string;
  vAlign?: string;
  note?: string;
  validation?: FakeDataValidation;
}

const FORMAT_PROPS = ['format', 'background', 'fontColor', 'fontWeight', 'fontStyle', 'fontLine', 'fontSize', 'wrap', 'hAlign', 'vAlign'] as const;

const DEFAULTS = {
  format: 'General',
  background: '#ffffff',
  fontColor: '#000000',
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontLine: 'none',
  fontSize: 10,
  wrap: 'OVERFLOW',
  hAlign: 'general',
  vAlign: 'bottom',
  note: '',
};

/** What Sheets makes of a written value; mutates the cell. */
function enterValue(cell: CellState, input: unknown): void {
  delete cell.value;
  delete cell.formula;
  if (input === null || input === undefined || input === '') return;
  if (Object.prototype.toString.call(input) === '[object Date]') {
    throw new Error('fake: a JS Date was written; write a day serial with a date format instead');
  }
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new Error(`fake: cannot write ${input}`);
    cell.value = input;
    return;
  }
  if (typeof input === 'boolean') {
    cell.value = input;
    return;
  }
  const text = String(input);
  if (cell.format === '@') {
    cell.value = text;
    return;
  }
  if (text.startsWith("'")) {
    cell.value = text.slice(1);
    return;
  }
  if (text.startsWith('=') && text.length > 1) {
    cell.formula = text;
    return;
  }
  const parsed = parseTyped(text);
  if (parsed !== undefined) cell.value = parsed;
  else if (/^[+\-@]/.test(text) && text.length > 1) cell.formula = text;
  else cell.value = text;
}

/** Numbers (with thousands separators), percentages, booleans and ISO dates, as Sheets reads them. */
function parseTyped(text: string): Value | undefined {
  const trimmed = text.trim();
  if (/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(trimmed)) return Number(trimmed.replace(/,/g, ''));
  if (/^[+-]?\d+(\.\d+)?%$/.test(trimmed)) return Number(trimmed.slice(0, -1)) / 100;
  if (/^true$/i.test(trimmed)) return true;
  if (/^false$/i.test(trimmed)) return false;
  const date = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(trimmed);
  if (date) return serialFromYmd(Number(date[1]), Number(date[2]), Number(date[3]));
  return undefined;
}

/** Whether a number format shows a date or a time (letters outside quoted literals). */
function isDateTimeFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return /[ydhs]/i.test(bare) && !/general/i.test(bare);
}

// ───────────────────────────── time zones ─────────────────────────────

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: number, timeZone: string): WallClock {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the wall clock in timeZone shows the given time. */
function instantOf(w: WallClock, timeZone: string): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const first = offsetAt(asUtc, timeZone);
  const second = offsetAt(asUtc - first, timeZone);
  return asUtc - second;
}

/** A date cell's value as Sheets returns it: the wall-clock time in the spreadsheet's time zone. */
function dateFromSerial(serial: number, timeZone: string): Date {
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86400);
  if (seconds >= 86400) {
    days += 1;
    seconds -= 86400;
  }
  const { year, month, day } = ymdFromSerial(days);
  const wall = { year, month, day, hour: Math.floor(seconds / 3600), minute: Math.floor((seconds % 3600) / 60), second: seconds % 60 };
  return new Date(instantOf(wall, timeZone));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** SimpleDateFormat's yyyy MM dd HH mm ss; other characters are copied. */
export function formatInZone(date: Date, timeZone: string, pattern: string): string {
  const w = wallClock(date.getTime(), timeZone);
  const tokens: Record<string, string> = { yyyy: pad(w.year, 4), MM: pad(w.month), dd: pad(w.day), HH: pad(w.hour), mm: pad(w.minute), ss: pad(w.second) };
  return pattern.replace(/yyyy|MM|dd|HH|mm|ss/g, (token) => tokens[token]);
}

// ───────────────────────────── spreadsheet ─────────────────────────────

export class FakeSpreadsheet extends FakeObject {
  readonly sheets: FakeSheet[] = [];
  active: FakeSheet | null = null;
  activeRange: FakeRange | null = null;
  readonly id = 'fake-spreadsheet';

  constructor(gas: FakeGas, public timeZone: string) {
    super(gas);
  }

  _sheetNamed(name: string): FakeSheet | null {
    return this.sheets.find((sheet) => sheet.name === name) ?? this.sheets.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase()) ?? null;
  }

  _addSheet(name: string, index: number): FakeSheet {
    if (!name) throw new Error('fake: a sheet needs a name');
    if (this._sheetNamed(name)) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const sheet = new FakeSheet(this.gas, this, name, this.gas.nextId++);
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sheet);
    return sheet;
  }

  getId(): string {
    return this.id;
  }
  getName(): string {
    return 'Fake spreadsheet';
  }
  getSheets(): FakeSheet[] {
    return [...this.sheets];
  }
  getNumSheets(): number {
    return this.sheets.length;
  }
  getSheetByName(name: string): FakeSheet | null {
    return this._sheetNamed(name);
  }
  getSheetById(id: number): FakeSheet | null {
    return this.sheets.find((sheet) => sheet.id === id) ?? null;
  }
  insertSheet(nameOrIndex?: string | number, maybeIndex?: number): FakeSheet {
    let name = typeof nameOrIndex === 'string' ? nameOrIndex : '';
    const index = typeof nameOrIndex === 'number' ? nameOrIndex : maybeIndex ?? this.sheets.length;
    if (!name) {
      let n = this.sheets.length + 1;
      while (this._sheetNamed(`Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    const sheet = this._addSheet(name, index);
    this.active = sheet;
    this.activeRange = null;
    return sheet;
  }
  deleteSheet(sheet: FakeSheet): void {
    const index = this.sheets.indexOf(sheet);
    if (index < 0) throw new Error('fake: that sheet is not in this spreadsheet');
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.sheets.splice(index, 1);
    if (this.active === sheet) this.active = this.sheets[0];
    if (this.activeRange?.sheet === sheet) this.activeRange = null;
  }
  getActiveSheet(): FakeSheet | null {
    return this.active;
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.active = sheet;
    this.activeRange = null;
    return sheet;
  }
  getActiveRange(): FakeRange | null {
    return this.activeRange;
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }
  setSpreadsheetTimeZone(timeZone: string): void {
    this.timeZone = timeZone;
  }
  toast(message: string, title?: string, timeoutSeconds?: number | null): void {
    this.gas.toasts.push({ message, title: title ?? '', timeoutSeconds: timeoutSeconds ?? null });
  }
  createDeveloperMetadataFinder(): FakeDeveloperMetadataFinder {
    return new FakeDeveloperMetadataFinder(this.gas, () => this.sheets.flatMap((sheet) => sheet.metadata));
  }
}

interface Span {
  start: number;
  length: number;
}

/** A span after inserting `count` lines after line `after` (1-based). */
function spanAfterInsert(span: Span, after: number, count: number): Span {
  if (span.start > after) return { start: span.start + count, length: span.length };
  if (span.start + span.length - 1 > after) return { start: span.start, length: span.length + count };
  return span;
}

/** A span after deleting `count` lines from line `from`; null when nothing of it is left. */
function spanAfterDelete(span: Span, from: number, count: number): Span | null {
  const end = span.start + span.length - 1;
  const cutEnd = from + count - 1;
  const keptBefore = Math.max(0, Math.min(end, from - 1) - span.start + 1);
  const keptAfter = Math.max(0, end - Math.max(cutEnd, span.start - 1));
  const length = keptBefore + keptAfter;
  if (length === 0) return null;
  return { start: span.start < from ? span.start : Math.max(from, span.start - count), length };
}

interface Merge {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export class FakeSheet extends FakeObject {
  rows: (CellState | undefined)[][] = [];
  maxCols = NEW_SHEET_COLUMNS;
  columnWidths: number[] = new Array<number>(NEW_SHEET_COLUMNS).fill(DEFAULT_COLUMN_WIDTH);
  /** 1-based column numbers hidden with hideColumns. */
  hiddenColumns = new Set<number>();
  frozenRows = 0;
  frozenColumns = 0;
  merges: Merge[] = [];
  rules: FakeConditionalFormatRule[] = [];
  charts: FakeEmbeddedChart[] = [];
  metadata: FakeDeveloperMetadata[] = [];
  tabColor: string | null = null;

  constructor(
    gas: FakeGas,
    readonly book: FakeSpreadsheet,
    public name: string,
    readonly id: number,
  ) {
    super(gas);
    for (let r = 0; r < NEW_SHEET_ROWS; r++) this.rows.push([]);
  }

  get maxRows(): number {
    return this.rows.length;
  }

  _cell(row: number, col: number, create: true): CellState;
  _cell(row: number, col: number, create?: false): CellState | undefined;
  _cell(row: number, col: number, create = false): CellState | undefined {
    const line = this.rows[row - 1];
    let cell = line[col - 1];
    if (!cell && create) {
      cell = {};
      line[col - 1] = cell;
    }
    return cell;
  }

  _ensureSize(rows: number, cols: number): void {
    if (this.maxRows < rows) this.insertRowsAfter(this.maxRows, rows - this.maxRows);
    if (this.maxCols < cols) this.insertColumnsAfter(this.maxCols, cols - this.maxCols);
  }

  _clearCells(what: { contents?: boolean; formats?: boolean; notes?: boolean; validations?: boolean }, area?: Merge): void {
    const rowEnd = area ? area.row + area.rows - 1 : this.maxRows;
    const colEnd = area ? area.col + area.cols - 1 : this.maxCols;
    for (let r = area?.row ?? 1; r <= rowEnd; r++) {
      const line = this.rows[r - 1];
      for (let c = area?.col ?? 1; c <= colEnd; c++) {
        const cell = line[c - 1];
        if (!cell) continue;
        if (what.contents) {
          delete cell.value;
          delete cell.formula;
        }
        if (what.formats) for (const prop of FORMAT_PROPS) delete cell[prop];
        if (what.notes) delete cell.note;
        if (what.validations) delete cell.validation;
      }
    }
  }

  private lastUsed(): { row: number; col: number } {
    let row = 0;
    let col = 0;
    this.rows.forEach((line, r) =>
      line.forEach((cell, c) => {
        if (cell && (cell.formula !== undefined || cell.value !== undefined)) {
          row = Math.max(row, r + 1);
          col = Math.max(col, c + 1);
        }
      }),
    );
    return { row, col };
  }

  getName(): string {
    return this.name;
  }
  setName(name: string): FakeSheet {
    const other = this.book._sheetNamed(name);
    if (!name || (other && other !== this)) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this.name = name;
    return this;
  }
  getSheetId(): number {
    return this.id;
  }
  getIndex(): number {
    return this.book.sheets.indexOf(this) + 1;
  }
  getParent(): FakeSpreadsheet {
    return this.book;
  }
  activate(): FakeSheet {
    this.book.active = this;
    this.book.activeRange = new FakeRange(this.gas, this, 1, 1, 1, 1);
    return this;
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxCols;
  }
  getLastRow(): number {
    return this.lastUsed().row;
  }
  getLastColumn(): number {
    return this.lastUsed().col;
  }
  getRange(rowOrA1: number | string, col?: number, numRows = 1, numCols = 1): FakeRange {
    if (typeof rowOrA1 === 'string') {
      const r = parseA1(rowOrA1, this.maxRows, this.maxCols);
      return new FakeRange(this.gas, this, r.row, r.col, r.rows, r.cols);
    }
    if (col === undefined) throw new Error('fake: getRange(row) needs a column');
    return new FakeRange(this.gas, this, rowOrA1, col, numRows, numCols);
  }
  getRangeList(a1s: string[]): FakeRangeList {
    return new FakeRangeList(this.gas, a1s.map((a1) => this.getRange(a1)));
  }
  getDataRange(): FakeRange {
    const last = this.lastUsed();
    return new FakeRange(this.gas, this, 1, 1, Math.max(1, last.row), Math.max(1, last.col));
  }
  insertRowsAfter(after: number, count: number): FakeSheet {
    if (after < 1 || after > this.maxRows || count < 1) throw new Error('fake: insertRowsAfter out of range');
    const added: (CellState | undefined)[][] = [];
    for (let i = 0; i < count; i++) added.push([]);
    this.rows.splice(after, 0, ...added);
    this.merges = this.merges.map((m) => {
      const span = spanAfterInsert({ start: m.row, length: m.rows }, after, count);
      return { ...m, row: span.start, rows: span.length };
    });
    return this;
  }
  insertColumnsAfter(after: number, count: number): FakeSheet {
    if (after < 1 || after > this.maxCols || count < 1) throw new Error('fake: insertColumnsAfter out of range');
    for (const line of this.rows) if (line.length > after) line.splice(after, 0, ...new Array<undefined>(count));
    this.columnWidths.splice(after, 0, ...new Array<number>(count).fill(DEFAULT_COLUMN_WIDTH));
    this.maxCols += count;
    this.merges = this.merges.map((m) => {
      const span = spanAfterInsert({ start: m.col, length: m.cols }, after, count);
      return { ...m, col: span.start, cols: span.length };
    });
    return this;
  }
  deleteRows(from: number, count: number): void {
    if (from < 1 || count < 1 || from + count - 1 > this.maxRows) throw new Error('Those rows are out of bounds.');
    if (this.maxRows - count <= this.frozenRows) throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    this.rows.splice(from - 1, count);
    this.merges = this.merges.flatMap((m) => {
      const span = spanAfterDelete({ start: m.row, length: m.rows }, from, count);
      return span && (span.length > 1 || m.cols > 1) ? [{ ...m, row: span.start, rows: span.length }] : [];
    });
  }
  deleteColumns(from: number, count: number): void {
    if (from < 1 || count < 1 || from + count - 1 > this.maxCols) throw new Error('Those columns are out of bounds.');
    if (this.maxCols - count <= this.frozenColumns) throw new Error('Sorry, it is not possible to delete all non-frozen columns.');
    for (const line of this.rows) line.splice(from - 1, count);
    this.columnWidths.splice(from - 1, count);
    this.maxCols -= count;
    this.merges = this.merges.flatMap((m) => {
      const span = spanAfterDelete({ start: m.col, length: m.cols }, from, count);
      return span && (span.length > 1 || m.rows > 1) ? [{ ...m, col: span.start, cols: span.length }] : [];
    });
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): FakeSheet {
    const some = options && (options.contentsOnly || options.formatOnly);
    this._clearCells({ contents: !some || options?.contentsOnly, formats: !some || options?.formatOnly });
    return this;
  }
  clearContents(): FakeSheet {
    this._clearCells({ contents: true });
    return this;
  }
  clearFormats(): FakeSheet {
    this._clearCells({ formats: true });
    return this;
  }
  clearNotes(): FakeSheet {
    this._clearCells({ notes: true });
    return this;
  }
  clearConditionalFormatRules(): void {
    this.rules = [];
  }
  getFrozenRows(): number {
    return this.frozenRows;
  }
  getFrozenColumns(): number {
    return this.frozenColumns;
  }
  setFrozenRows(rows: number): void {
    if (rows < 0 || rows >= this.maxRows) throw new Error("You can't freeze all visible rows on the sheet.");
    if (this.merges.some((m) => m.row <= rows && m.row + m.rows - 1 > rows)) {
      throw new Error("You can't freeze rows which contain only part of a merged cell.");
    }
    this.frozenRows = rows;
  }
  setFrozenColumns(columns: number): void {
    if (columns < 0 || columns >= this.maxCols) throw new Error("You can't freeze all visible columns on the sheet.");
    if (this.merges.some((m) => m.col <= columns && m.col + m.cols - 1 > columns)) {
      throw new Error("You can't freeze columns which contain only part of a merged cell.");
    }
    this.frozenColumns = columns;
  }
  getColumnWidth(column: number): number {
    return this.columnWidths[column - 1];
  }
  setColumnWidth(column: number, width: number): FakeSheet {
    return this.setColumnWidths(column, 1, width);
  }
  setColumnWidths(start: number, count: number, width: number): FakeSheet {
    if (start < 1 || count < 1 || start + count - 1 > this.maxCols) throw new Error('fake: setColumnWidths out of range');
    for (let c = start; c < start + count; c++) this.columnWidths[c - 1] = width;
    return this;
  }
  hideColumns(start: number, count = 1): void {
    if (start < 1 || count < 1 || start + count - 1 > this.maxCols) throw new Error('fake: hideColumns out of range');
    for (let c = start; c < start + count; c++) this.hiddenColumns.add(c);
  }
  showColumns(start: number, count = 1): void {
    if (start < 1 || count < 1 || start + count - 1 > this.maxCols) throw new Error('fake: showColumns out of range');
    for (let c = start; c < start + count; c++) this.hiddenColumns.delete(c);
  }
  isColumnHiddenByUser(column: number): boolean {
    return this.hiddenColumns.has(column);
  }
  getTabColor(): string | null {
    return this.tabColor;
  }
  setTabColor(color: string | null): FakeSheet {
    this.tabColor = color;
    return this;
  }
  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    return [...this.rules];
  }
  setConditionalFormatRules(rules: FakeConditionalFormatRule[]): void {
    for (const rule of rules) {
      if (rule.ranges.length === 0) throw new Error('fake: a conditional format rule needs ranges');
      if (rule.ranges.some((range) => range.sheet !== this)) throw new Error('fake: a rule range is on another sheet');
    }
    this.rules = [...rules];
  }
  newChart(): FakeEmbeddedChartBuilder {
    return new FakeEmbeddedChartBuilder(this.gas, this);
  }
  insertChart(chart: FakeEmbeddedChart): void {
    if (!chart.position) throw new Error('fake: a chart needs a position');
    if (chart.position.row > this.maxRows || chart.position.col > this.maxCols) throw new Error('fake: chart anchor outside the sheet');
    this.charts.push(chart);
  }
  removeChart(chart: FakeEmbeddedChart): void {
    const index = this.charts.indexOf(chart);
    if (index < 0) throw new Error('fake: that chart is not on this sheet');
    this.charts.splice(index, 1);
  }
  getCharts(): FakeEmbeddedChart[] {
    return [...this.charts];
  }
  addDeveloperMetadata(key: string, value?: string): FakeSheet {
    this.metadata.push(new FakeDeveloperMetadata(this.gas, this, key, value ?? null));
    return this;
  }
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    return [...this.metadata];
  }
  createDeveloperMetadataFinder(): FakeDeveloperMetadataFinder {
    return new FakeDeveloperMetadataFinder(this.gas, () => this.metadata);
  }
}

/** "B3", "A1:C5", "A2:A" (to the last row), "A:C", "2:5" → 1-based row/col and size. */
function parseA1(a1: string, maxRows: number, maxCols: number): Merge {
  const bare = a1.includes('!') ? a1.slice(a1.lastIndexOf('!') + 1) : a1;
  const m = /^([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?$/i.exec(bare.replace(/\$/g, ''));
  if (!m || (!m[1] && !m[2])) throw new Error(`Range not found: ${a1}`);
  const letters = (s: string): number => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const row = m[2] ? Number(m[2]) : 1;
  const col = m[1] ? letters(m[1]) : 1;
  if (m[3] === undefined && m[4] === undefined) {
    if (!m[1] || !m[2]) throw new Error(`Range not found: ${a1}`);
    return { row, col, rows: 1, cols: 1 };
  }
  const endRow = m[4] ? Number(m[4]) : maxRows;
  const endCol = m[3] ? letters(m[3]) : maxCols;
  return { row, col, rows: endRow - row + 1, cols: endCol - col + 1 };
}

function a1Of(row: number, col: number): string {
  let n = col;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${row}`;
}

export class FakeRange extends FakeObject {
  constructor(
    gas: FakeGas,
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly col: number,
    readonly numRows: number,
    readonly numCols: number,
  ) {
    super(gas);
    const whole = [row, col, numRows, numCols].every((n) => Number.isInteger(n));
    if (!whole || row < 1 || col < 1 || numRows < 1 || numCols < 1 || row + numRows - 1 > sheet.maxRows || col + numCols - 1 > sheet.maxCols) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
  }

  private read<T>(pick: (cell: CellState | undefined) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const line = this.sheet.rows[this.row - 1 + r];
      const row: T[] = new Array(this.numCols);
      for (let c = 0; c < this.numCols; c++) row[c] = pick(line[this.col - 1 + c]);
      out.push(row);
    }
    return out;
  }

  private write<T>(matrix: T[][], apply: (cell: CellState, value: T) => void): FakeRange {
    if (!Array.isArray(matrix) || matrix.length !== this.numRows) {
      throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${matrix?.length} but the range has ${this.numRows}.`);
    }
    matrix.forEach((line, r) => {
      if (!Array.isArray(line) || line.length !== this.numCols) {
        throw new Error(`The number of columns in the data does not match the number of columns in the range. The data has ${line?.length} but the range has ${this.numCols}.`);
      }
      line.forEach((value, c) => apply(this.sheet._cell(this.row + r, this.col + c, true), value));
    });
    return this;
  }

  private fill<T>(value: T): T[][] {
    return Array.from({ length: this.numRows }, () => new Array<T>(this.numCols).fill(value));
  }

  private setOrReset(prop: Exclude<(typeof FORMAT_PROPS)[number], 'fontSize'>, resetTo?: string) {
    return (cell: CellState, value: string | null): void => {
      if (value === null || value === undefined || value === resetTo) delete cell[prop];
      else cell[prop] = String(value);
    };
  }

  getSheet(): FakeSheet {
    return this.sheet;
  }
  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.col;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numCols;
  }
  getLastRow(): number {
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    return this.col + this.numCols - 1;
  }
  getA1Notation(): string {
    const start = a1Of(this.row, this.col);
    return this.numRows === 1 && this.numCols === 1 ? start : `${start}:${a1Of(this.getLastRow(), this.getLastColumn())}`;
  }
  activate(): FakeRange {
    this.sheet.book.active = this.sheet;
    this.sheet.book.activeRange = this;
    return this;
  }

  getValues(): unknown[][] {
    const timeZone = this.sheet.book.timeZone;
    return this.read((cell) => {
      if (!cell || cell.formula !== undefined || cell.value === undefined) return '';
      if (typeof cell.value === 'number' && isDateTimeFormat(cell.format)) return dateFromSerial(cell.value, timeZone);
      return cell.value;
    });
  }
  getValue(): unknown {
    return this.getValues()[0][0];
  }
  setValues(values: unknown[][]): FakeRange {
    return this.write(values, enterValue);
  }
  setValue(value: unknown): FakeRange {
    return this.write(this.fill(value), enterValue);
  }
  getFormulas(): string[][] {
    return this.read((cell) => cell?.formula ?? '');
  }
  getFormula(): string {
    return this.getFormulas()[0][0];
  }
  setFormulas(formulas: string[][]): FakeRange {
    return this.write(formulas, (cell, formula) => {
      delete cell.value;
      if (formula) cell.formula = formula;
      else delete cell.formula;
    });
  }
  getNumberFormats(): string[][] {
    return this.read((cell) => cell?.format ?? DEFAULTS.format);
  }
  setNumberFormats(formats: string[][]): FakeRange {
    return this.write(formats, this.setOrReset('format'));
  }
  setNumberFormat(format: string): FakeRange {
    return this.setNumberFormats(this.fill(format));
  }
  getBackgrounds(): string[][] {
    return this.read((cell) => cell?.background ?? DEFAULTS.background);
  }
  setBackgrounds(colors: (string | null)[][]): FakeRange {
    return this.write(colors, this.setOrReset('background'));
  }
  setBackground(color: string | null): FakeRange {
    return this.setBackgrounds(this.fill(color));
  }
  getFontColors(): string[][] {
    return this.read((cell) => cell?.fontColor ?? DEFAULTS.fontColor);
  }
  setFontColors(colors: (string | null)[][]): FakeRange {
    return this.write(colors, this.setOrReset('fontColor'));
  }
  setFontColor(color: string | null): FakeRange {
    return this.setFontColors(this.fill(color));
  }
  getFontWeights(): string[][] {
    return this.read((cell) => cell?.fontWeight ?? DEFAULTS.fontWeight);
  }
  setFontWeights(weights: (string | null)[][]): FakeRange {
    return this.write(weights, this.setOrReset('fontWeight', 'normal'));
  }
  setFontWeight(weight: string | null): FakeRange {
    return this.setFontWeights(this.fill(weight));
  }
  getFontStyles(): string[][] {
    return this.read((cell) => cell?.fontStyle ?? DEFAULTS.fontStyle);
  }
  setFontStyles(styles: (string | null)[][]): FakeRange {
    return this.write(styles, this.setOrReset('fontStyle', 'normal'));
  }
  getFontLines(): string[][] {
    return this.read((cell) => cell?.fontLine ?? DEFAULTS.fontLine);
  }
  setFontLines(lines: (string | null)[][]): FakeRange {
    return this.write(lines, this.setOrReset('fontLine', 'none'));
  }
  getFontSizes(): number[][] {
    return this.read((cell) => cell?.fontSize ?? DEFAULTS.fontSize);
  }
  setFontSizes(sizes: number[][]): FakeRange {
    return this.write(sizes, (cell, size) => {
      if (size === DEFAULTS.fontSize) delete cell.fontSize;
      else cell.fontSize = size;
    });
  }
  getWrapStrategies(): string[][] {
    return this.read((cell) => cell?.wrap ?? DEFAULTS.wrap);
  }
  setWrapStrategies(strategies: string[][]): FakeRange {
    for (const line of strategies) for (const s of line) if (!(s in WRAP_STRATEGY)) throw new Error(`fake: unknown wrap strategy ${String(s)}`);
    return this.write(strategies, this.setOrReset('wrap', 'OVERFLOW'));
  }
  getWraps(): boolean[][] {
    return this.read((cell) => cell?.wrap === 'WRAP');
  }
  setWraps(wraps: boolean[][]): FakeRange {
    return this.write(wraps, (cell, wrap) => {
      if (wrap) cell.wrap = 'WRAP';
      else delete cell.wrap;
    });
  }
  getHorizontalAlignments(): string[][] {
    return this.read((cell) => cell?.hAlign ?? DEFAULTS.hAlign);
  }
  setHorizontalAlignments(alignments: (string | null)[][]): FakeRange {
    return this.write(alignments, this.setOrReset('hAlign', 'normal'));
  }
  getVerticalAlignments(): string[][] {
    return this.read((cell) => cell?.vAlign ?? DEFAULTS.vAlign);
  }
  setVerticalAlignments(alignments: (string | null)[][]): FakeRange {
    return this.write(alignments, this.setOrReset('vAlign', 'bottom'));
  }
  getNotes(): string[][] {
    return this.read((cell) => cell?.note ?? DEFAULTS.note);
  }
  getNote(): string {
    return this.getNotes()[0][0];
  }
  setNotes(notes: (string | null)[][]): FakeRange {
    return this.write(notes, (cell, note) => {
      if (note) cell.note = note;
      else delete cell.note;
    });
  }
  setNote(note: string | null): FakeRange {
    return this.setNotes(this.fill(note));
  }
  getDataValidations(): (FakeDataValidation | null)[][] {
    return this.read((cell) => cell?.validation ?? null);
  }
  getDataValidation(): FakeDataValidation | null {
    return this.getDataValidations()[0][0];
  }
  setDataValidation(rule: FakeDataValidation | null): FakeRange {
    return this.write(this.fill(rule), (cell, value) => {
      if (value) cell.validation = value;
      else delete cell.validation;
    });
  }
  clearDataValidations(): FakeRange {
    return this.setDataValidation(null);
  }
  clear(options?: { commentsOnly?: boolean; contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean }): FakeRange {
    const area = { row: this.row, col: this.col, rows: this.numRows, cols: this.numCols };
    if (!options) {
      this.sheet._clearCells({ contents: true, formats: true }, area);
      return this;
    }
    const some = options.commentsOnly || options.contentsOnly || options.formatOnly || options.validationsOnly;
    this.sheet._clearCells(
      {
        contents: !some || options.contentsOnly,
        formats: !some || options.formatOnly,
        notes: !some || options.commentsOnly,
        validations: !some || options.validationsOnly,
      },
      area,
    );
    return this;
  }
  clearContent(): FakeRange {
    return this.clear({ contentsOnly: true });
  }
  clearFormat(): FakeRange {
    return this.clear({ formatOnly: true });
  }
  clearNote(): FakeRange {
    return this.clear({ commentsOnly: true });
  }
  private overlaps(m: Merge): boolean {
    return m.row <= this.getLastRow() && m.row + m.rows - 1 >= this.row && m.col <= this.getLastColumn() && m.col + m.cols - 1 >= this.col;
  }
  merge(): FakeRange {
    if (this.numRows === 1 && this.numCols === 1) return this;
    this.sheet.merges = this.sheet.merges.filter((m) => !this.overlaps(m));
    this.sheet.merges.push({ row: this.row, col: this.col, rows: this.numRows, cols: this.numCols });
    return this;
  }
  breakApart(): FakeRange {
    this.sheet.merges = this.sheet.merges.filter((m) => !this.overlaps(m));
    return this;
  }
  isPartOfMerge(): boolean {
    return this.sheet.merges.some((m) => this.overlaps(m));
  }
  getMergedRanges(): FakeRange[] {
    return this.sheet.merges.filter((m) => this.overlaps(m)).map((m) => new FakeRange(this.gas, this.sheet, m.row, m.col, m.rows, m.cols));
  }
}

export class FakeRangeList extends FakeObject {
  constructor(
    gas: FakeGas,
    readonly ranges: FakeRange[],
  ) {
    super(gas);
  }
  getRanges(): FakeRange[] {
    return [...this.ranges];
  }
  breakApart(): FakeRangeList {
    this.ranges.forEach((range) => range.breakApart());
    return this;
  }
  clear(options?: { commentsOnly?: boolean; contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean }): FakeRangeList {
    this.ranges.forEach((range) => range.clear(options));
    return this;
  }
  clearDataValidations(): FakeRangeList {
    this.ranges.forEach((range) => range.clearDataValidations());
    return this;
  }
  setBackground(color: string | null): FakeRangeList {
    this.ranges.forEach((range) => range.setBackground(color));
    return this;
  }
  setFontColor(color: string | null): FakeRangeList {
    this.ranges.forEach((range) => range.setFontColor(color));
    return this;
  }
  setFontWeight(weight: string | null): FakeRangeList {
    this.ranges.forEach((range) => range.setFontWeight(weight));
    return this;
  }
  setNumberFormat(format: string): FakeRangeList {
    this.ranges.forEach((range) => range.setNumberFormat(format));
    return this;
  }
  setValue(value: unknown): FakeRangeList {
    this.ranges.forEach((range) => range.setValue(value));
    return this;
  }
  setDataValidation(rule: FakeDataValidation | null): FakeRangeList {
    this.ranges.forEach((range) => range.setDataValidation(rule));
    return this;
  }
}

// ───────────────────────────── builders ─────────────────────────────

const WRAP_STRATEGY = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' } as const;
const DATA_VALIDATION_CRITERIA = {
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  CHECKBOX: 'CHECKBOX',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
} as const;

export class FakeDataValidation extends FakeObject {
  constructor(
    gas: FakeGas,
    readonly criteria: string,
    readonly values: unknown[],
    readonly allowInvalid: boolean,
    readonly helpText: string,
  ) {
    super(gas);
  }
  getCriteriaType(): string {
    return this.criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this.values];
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
  getHelpText(): string {
    return this.helpText;
  }
  copy(): FakeDataValidationBuilder {
    const builder = new FakeDataValidationBuilder(this.gas);
    builder.criteria = this.criteria;
    builder.values = [...this.values];
    builder.allowInvalid = this.allowInvalid;
    builder.helpText = this.helpText;
    return builder;
  }
}

export class FakeDataValidationBuilder extends FakeObject {
  criteria: string | null = null;
  values: unknown[] = [];
  allowInvalid = true;
  helpText = '';

  requireValueInList(values: string[], showDropdown = true): FakeDataValidationBuilder {
    if (!Array.isArray(values) || values.length === 0) throw new Error('fake: requireValueInList needs values');
    this.criteria = DATA_VALIDATION_CRITERIA.VALUE_IN_LIST;
    this.values = [[...values], showDropdown];
    return this;
  }
  requireValueInRange(range: FakeRange, showDropdown = true): FakeDataValidationBuilder {
    if (!(range instanceof FakeRange)) throw new Error('fake: requireValueInRange needs a Range');
    this.criteria = DATA_VALIDATION_CRITERIA.VALUE_IN_RANGE;
    this.values = [range, showDropdown];
    return this;
  }
  requireCheckbox(...values: unknown[]): FakeDataValidationBuilder {
    this.criteria = DATA_VALIDATION_CRITERIA.CHECKBOX;
    this.values = values;
    return this;
  }
  requireFormulaSatisfied(formula: string): FakeDataValidationBuilder {
    this.criteria = DATA_VALIDATION_CRITERIA.CUSTOM_FORMULA;
    this.values = [formula];
    return this;
  }
  setAllowInvalid(allow: boolean): FakeDataValidationBuilder {
    this.allowInvalid = allow;
    return this;
  }
  setHelpText(text: string): FakeDataValidationBuilder {
    this.helpText = text;
    return this;
  }
  build(): FakeDataValidation {
    if (!this.criteria) throw new Error('fake: a data validation needs criteria');
    return new FakeDataValidation(this.gas, this.criteria, [...this.values], this.allowInvalid, this.helpText);
  }
}

interface ConditionFormat {
  background?: string | null;
  fontColor?: string | null;
  bold?: boolean | null;
  italic?: boolean | null;
  strikethrough?: boolean | null;
  underline?: boolean | null;
}

export class FakeBooleanCondition extends FakeObject {
  constructor(
    gas: FakeGas,
    readonly criteria: string,
    readonly values: unknown[],
    readonly format: ConditionFormat,
  ) {
    super(gas);
  }
  getCriteriaType(): string {
    return this.criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this.values];
  }
  getBackground(): string | null {
    return this.format.background ?? null;
  }
  getFontColor(): string | null {
    return this.format.fontColor ?? null;
  }
  getBold(): boolean | null {
    return this.format.bold ?? null;
  }
  getItalic(): boolean | null {
    return this.format.italic ?? null;
  }
  getStrikethrough(): boolean | null {
    return this.format.strikethrough ?? null;
  }
  getUnderline(): boolean | null {
    return this.format.underline ?? null;
  }
}

export class FakeConditionalFormatRule extends FakeObject {
  constructor(
    gas: FakeGas,
    readonly ranges: FakeRange[],
    readonly condition: FakeBooleanCondition,
  ) {
    super(gas);
  }
  getRanges(): FakeRange[] {
    return [...this.ranges];
  }
  getBooleanCondition(): FakeBooleanCondition {
    return this.condition;
  }
  getGradientCondition(): null {
    return null;
  }
}

export class FakeConditionalFormatRuleBuilder extends FakeObject {
  private criteria: string | null = null;
  private values: unknown[] = [];
  private format: ConditionFormat = {};
  private ranges: FakeRange[] = [];

  whenFormulaSatisfied(formula: string): FakeConditionalFormatRuleBuilder {
    if (typeof formula !== 'string' || !formula.startsWith('=')) throw new Error(`fake: a custom formula must start with "=": ${formula}`);
    this.criteria = 'CUSTOM_FORMULA';
    this.values = [formula];
    return this;
  }
  setBackground(color: string | null): FakeConditionalFormatRuleBuilder {
    this.format.background = color;
    return this;
  }
  setFontColor(color: string | null): FakeConditionalFormatRuleBuilder {
    this.format.fontColor = color;
    return this;
  }
  setBold(bold: boolean | null): FakeConditionalFormatRuleBuilder {
    this.format.bold = bold;
    return this;
  }
  setItalic(italic: boolean | null): FakeConditionalFormatRuleBuilder {
    this.format.italic = italic;
    return this;
  }
  setStrikethrough(strikethrough: boolean | null): FakeConditionalFormatRuleBuilder {
    this.format.strikethrough = strikethrough;
    return this;
  }
  setUnderline(underline: boolean | null): FakeConditionalFormatRuleBuilder {
    this.format.underline = underline;
    return this;
  }
  setRanges(ranges: FakeRange[]): FakeConditionalFormatRuleBuilder {
    if (!ranges.every((range) => range instanceof FakeRange)) throw new Error('fake: setRanges needs Ranges');
    this.ranges = [...ranges];
    return this;
  }
  build(): FakeConditionalFormatRule {
    if (!this.criteria) throw new Error('fake: a conditional format rule needs a condition');
    return new FakeConditionalFormatRule(this.gas, [...this.ranges], new FakeBooleanCondition(this.gas, this.criteria, [...this.values], { ...this.format }));
  }
}

interface ChartPosition {
  row: number;
  col: number;
  offsetX: number;
  offsetY: number;
}

export class FakeEmbeddedChart extends FakeObject {
  constructor(
    gas: FakeGas,
    readonly chartId: number,
    readonly chartType: string,
    readonly ranges: FakeRange[],
    readonly options: Map<string, unknown>,
    readonly position: ChartPosition | null,
    readonly numHeaders: number,
  ) {
    super(gas);
  }
  getChartId(): number {
    return this.chartId;
  }
  getRanges(): FakeRange[] {
    return [...this.ranges];
  }
  getOptions(): { get(option: string): unknown } {
    return { get: (option: string) => this.options.get(option) ?? null };
  }
  getContainerInfo(): { getAnchorRow(): number; getAnchorColumn(): number; getOffsetX(): number; getOffsetY(): number } {
    const p = this.position ?? { row: 1, col: 1, offsetX: 0, offsetY: 0 };
    return { getAnchorRow: () => p.row, getAnchorColumn: () => p.col, getOffsetX: () => p.offsetX, getOffsetY: () => p.offsetY };
  }
}

export class FakeEmbeddedChartBuilder extends FakeObject {
  private chartType = 'COLUMN';
  private ranges: FakeRange[] = [];
  private options = new Map<string, unknown>();
  private position: ChartPosition | null = null;
  private numHeaders = -1;

  constructor(
    gas: FakeGas,
    readonly sheet: FakeSheet,
  ) {
    super(gas);
  }
  asColumnChart(): FakeEmbeddedChartBuilder {
    return this.setChartType('COLUMN');
  }
  asBarChart(): FakeEmbeddedChartBuilder {
    return this.setChartType('BAR');
  }
  asLineChart(): FakeEmbeddedChartBuilder {
    return this.setChartType('LINE');
  }
  asPieChart(): FakeEmbeddedChartBuilder {
    return this.setChartType('PIE');
  }
  asAreaChart(): FakeEmbeddedChartBuilder {
    return this.setChartType('AREA');
  }
  setChartType(type: string): FakeEmbeddedChartBuilder {
    this.chartType = type;
    return this;
  }
  getChartType(): string {
    return this.chartType;
  }
  addRange(range: FakeRange): FakeEmbeddedChartBuilder {
    if (!(range instanceof FakeRange)) throw new Error('fake: addRange needs a Range');
    this.ranges.push(range);
    return this;
  }
  clearRanges(): FakeEmbeddedChartBuilder {
    this.ranges = [];
    return this;
  }
  getRanges(): FakeRange[] {
    return [...this.ranges];
  }
  setOption(option: string, value: unknown): FakeEmbeddedChartBuilder {
    this.options.set(option, value);
    return this;
  }
  setTitle(title: string): FakeEmbeddedChartBuilder {
    return this.setOption('title', title);
  }
  setPosition(row: number, col: number, offsetX: number, offsetY: number): FakeEmbeddedChartBuilder {
    this.position = { row, col, offsetX, offsetY };
    return this;
  }
  setNumHeaders(headers: number): FakeEmbeddedChartBuilder {
    this.numHeaders = headers;
    return this;
  }
  build(): FakeEmbeddedChart {
    return new FakeEmbeddedChart(this.gas, this.gas.nextId++, this.chartType, [...this.ranges], new Map(this.options), this.position, this.numHeaders);
  }
}

// ───────────────────────────── developer metadata ─────────────────────────────

export class FakeDeveloperMetadataLocation extends FakeObject {
  constructor(
    gas: FakeGas,
    readonly sheet: FakeSheet,
  ) {
    super(gas);
  }
  getLocationType(): string {
    return 'SHEET';
  }
  getSheet(): FakeSheet {
    return this.sheet;
  }
}

export class FakeDeveloperMetadata extends FakeObject {
  constructor(
    gas: FakeGas,
    readonly sheet: FakeSheet,
    readonly key: string,
    public value: string | null,
  ) {
    super(gas);
  }
  getKey(): string {
    return this.key;
  }
  getValue(): string | null {
    return this.value;
  }
  setValue(value: string): FakeDeveloperMetadata {
    this.value = value;
    return this;
  }
  getVisibility(): string {
    return 'DOCUMENT';
  }
  getLocation(): FakeDeveloperMetadataLocation {
    return new FakeDeveloperMetadataLocation(this.gas, this.sheet);
  }
  remove(): void {
    this.sheet.metadata = this.sheet.metadata.filter((m) => m !== this);
  }
}

export class FakeDeveloperMetadataFinder extends FakeObject {
  private key: string | null = null;
  private value: string | null = null;

  constructor(
    gas: FakeGas,
    private readonly source: () => FakeDeveloperMetadata[],
  ) {
    super(gas);
  }
  withKey(key: string): FakeDeveloperMetadataFinder {
    this.key = key;
    return this;
  }
  withValue(value: string): FakeDeveloperMetadataFinder {
    this.value = value;
    return this;
  }
  withLocationType(type: string): FakeDeveloperMetadataFinder {
    if (type !== 'SHEET') throw new Error('fake: only sheet metadata is modelled');
    return this;
  }
  find(): FakeDeveloperMetadata[] {
    return this.source().filter((m) => (this.key === null || m.key === this.key) && (this.value === null || m.value === this.value));
  }
}

// ───────────────────────────── SpreadsheetApp, Ui ─────────────────────────────

export class FakeSpreadsheetApp extends FakeObject {
  readonly WrapStrategy = WRAP_STRATEGY;
  readonly DataValidationCriteria = DATA_VALIDATION_CRITERIA;
  readonly BooleanCriteria = { CUSTOM_FORMULA: 'CUSTOM_FORMULA' };
  readonly DeveloperMetadataLocationType = { SPREADSHEET: 'SPREADSHEET', SHEET: 'SHEET', ROW: 'ROW', COLUMN: 'COLUMN' };
  readonly DeveloperMetadataVisibility = { DOCUMENT: 'DOCUMENT', PROJECT: 'PROJECT' };

  getActive(): FakeSpreadsheet {
    return this.gas.book;
  }
  getActiveSpreadsheet(): FakeSpreadsheet {
    return this.gas.book;
  }
  getActiveSheet(): FakeSheet | null {
    return this.gas.book.active;
  }
  getActiveRange(): FakeRange | null {
    return this.gas.book.activeRange;
  }
  getUi(): FakeUi {
    return new FakeUi(this.gas);
  }
  flush(): void {}
  newDataValidation(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder(this.gas);
  }
  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this.gas);
  }
}

export class FakeMenu extends FakeObject {
  readonly items: ({ caption: string; functionName: string } | 'separator' | FakeMenu)[] = [];
  constructor(
    gas: FakeGas,
    readonly caption: string,
  ) {
    super(gas);
  }
  addItem(caption: string, functionName: string): FakeMenu {
    this.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): FakeMenu {
    this.items.push('separator');
    return this;
  }
  addSubMenu(menu: FakeMenu): FakeMenu {
    this.items.push(menu);
    return this;
  }
  addToUi(): void {
    this.gas.menus.push(this);
  }
}

export class FakeUi extends FakeObject {
  readonly ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };
  readonly Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };

  alert(first: string, second?: string, third?: string): string {
    const titled = third !== undefined;
    this.gas.alerts.push({ title: titled ? first : null, message: titled ? String(second) : first });
    return 'OK';
  }
  createAddonMenu(): FakeMenu {
    return new FakeMenu(this.gas, '(add-on)');
  }
  createMenu(caption: string): FakeMenu {
    return new FakeMenu(this.gas, caption);
  }
  showSidebar(content: unknown): void {
    this.gas.dialogs.push({ kind: 'sidebar', content, title: null });
  }
  showModalDialog(content: unknown, title: string): void {
    this.gas.dialogs.push({ kind: 'modal', content, title });
  }
}

// ───────────────────────────── other services ─────────────────────────────

export class FakeLock extends FakeObject {
  held = false;
  tryLock(_timeoutMillis: number): boolean {
    if (!this.gas.lockAvailable) return false;
    this.held = true;
    return true;
  }
  waitLock(timeoutMillis: number): void {
    if (!this.tryLock(timeoutMillis)) throw new Error('Lock timeout: another process was holding the lock for too long.');
  }
  hasLock(): boolean {
    return this.held;
  }
  releaseLock(): void {
    this.held = false;
  }
}

export class FakeLockService extends FakeObject {
  private readonly documentLock = new FakeLock(this.gas);
  private readonly scriptLock = new FakeLock(this.gas);
  private readonly userLock = new FakeLock(this.gas);
  getDocumentLock(): FakeLock {
    return this.documentLock;
  }
  getScriptLock(): FakeLock {
    return this.scriptLock;
  }
  getUserLock(): FakeLock {
    return this.userLock;
  }
}

export class FakeUtilities extends FakeObject {
  formatDate(date: Date, timeZone: string, pattern: string): string {
    if (Object.prototype.toString.call(date) !== '[object Date]') throw new Error('fake: formatDate needs a Date');
    return formatInZone(date, timeZone, pattern);
  }
  sleep(_millis: number): void {}
}

export class FakeProperties extends FakeObject {
  constructor(
    gas: FakeGas,
    private readonly store: Map<string, string>,
  ) {
    super(gas);
  }
  getProperty(key: string): string | null {
    return this.store.get(key) ?? null;
  }
  setProperty(key: string, value: string): FakeProperties {
    this.store.set(key, String(value));
    return this;
  }
  deleteProperty(key: string): FakeProperties {
    this.store.delete(key);
    return this;
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store);
  }
  setProperties(properties: Record<string, string>, deleteAllOthers = false): FakeProperties {
    if (deleteAllOthers) this.store.clear();
    for (const [key, value] of Object.entries(properties)) this.store.set(key, String(value));
    return this;
  }
  getKeys(): string[] {
    return [...this.store.keys()];
  }
  deleteAllProperties(): FakeProperties {
    this.store.clear();
    return this;
  }
}

export class FakePropertiesService extends FakeObject {
  getDocumentProperties(): FakeProperties {
    return new FakeProperties(this.gas, this.gas.documentProperties);
  }
  getUserProperties(): FakeProperties {
    return new FakeProperties(this.gas, this.gas.userProperties);
  }
  getScriptProperties(): FakeProperties {
    return new FakeProperties(this.gas, this.gas.scriptProperties);
  }
}

export class FakeUser extends FakeObject {
  getEmail(): string {
    return this.gas.userEmail;
  }
}

export class FakeSession extends FakeObject {
  getActiveUserLocale(): string {
    return this.gas.locale;
  }
  getScriptTimeZone(): string {
    return this.gas.scriptTimeZone;
  }
  getActiveUser(): FakeUser {
    return new FakeUser(this.gas);
  }
  getEffectiveUser(): FakeUser {
    return new FakeUser(this.gas);
  }
}

export class FakeHtmlOutput extends FakeObject {
  title = '';
  width: number | null = null;
  height: number | null = null;
  constructor(
    gas: FakeGas,
    public content: string,
  ) {
    super(gas);
  }
  append(html: string): FakeHtmlOutput {
    this.content += html;
    return this;
  }
  getContent(): string {
    return this.content;
  }
  setTitle(title: string): FakeHtmlOutput {
    this.title = title;
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setWidth(width: number): FakeHtmlOutput {
    this.width = width;
    return this;
  }
  setHeight(height: number): FakeHtmlOutput {
    this.height = height;
    return this;
  }
}

export class FakeHtmlService extends FakeObject {
  createHtmlOutput(html = ''): FakeHtmlOutput {
    return new FakeHtmlOutput(this.gas, html);
  }
  createHtmlOutputFromFile(name: string): FakeHtmlOutput {
    const content = this.gas.htmlFiles.get(name);
    if (content === undefined) throw new Error(`No HTML file named ${name} was found.`);
    return new FakeHtmlOutput(this.gas, content);
  }
}
