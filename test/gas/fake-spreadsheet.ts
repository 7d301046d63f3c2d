/**
 * A recording fake of the Apps Script services the add-on touches: SpreadsheetApp (Spreadsheet,
 * Sheet, Range, RangeList, data-validation and conditional-format builders, charts, developer
 * metadata, Ui), LockService, Utilities (formatDate, sleep), PropertiesService, Session and
 * HtmlService, and what reminders use: ScriptApp (time-driven triggers of each user and document,
 * granted scopes), UrlFetchApp (answered by a test's handler) and MailApp (mails recorded).
 *
 * It keeps real state (values, formulas, formats, styles, notes, validations, merges, rules, charts,
 * metadata, filters, frozen rows, row heights, column widths, hidden rows, columns and sheets…) so
 * a test reads back what was written, and it records every call made through the objects it hands
 * out (`calls`, `callCount`). Calls made on the raw objects returned by `inspect()` are not
 * recorded, so tests can look without changing counts. A formula reads back as '' unless the fake
 * is asked to compute formulas (FakeGasOptions.computeFormulas), for a test whose action reads
 * what Sheets computes (the Today board read back).
 *
 * It meters what an action costs in real Sheets: each call has a kind (read, write, handle, builder,
 * service; see call-kinds.ts), and `reads`, `writes`, `documentCalls` and `roundTrips` count them
 * (`costSummary()` gives all at once). Apps Script queues writes and sends them when a read needs the
 * document or on SpreadsheetApp.flush(), so a read or a flush after writes counts one round trip.
 *
 * It checks every call made through it against @types/google-apps-script at run time (gas-signatures.ts):
 * the method exists, an overload takes that many arguments, and primitive and enum arguments have
 * the right types (FakeGasOptions.checkCalls; on under Jest).
 *
 * Rows and columns can be inserted, deleted and moved, and everything on them travels with them:
 * cells (values, formulas, formats, notes, validations), hidden state, sizes, merges, frozen lines,
 * conditional-format ranges, the filter's range and criteria, row and column developer metadata,
 * and dropdown source ranges. Formulas, including those of conditional-format rules and dropdowns,
 * are kept as the text that was written: references inside them are not re-pointed, as Sheets would
 * do. Sheets can be copied (copyTo) and hidden. fake-conformance.test.ts checks every method
 * against @types/google-apps-script.
 *
 * Parsing of written strings follows Sheets' handling of typed input closely enough to catch the
 * mistakes that matter: "'" is a quote prefix (the rest is text), "=…" is a formula, numbers,
 * percentages, booleans and ISO dates are converted, and other text starting with + - @ is taken for
 * a formula (a parse error in Sheets). A cell formatted as plain text ("@") stores input verbatim.
 * Sheets' own rules that catch ordering mistakes are enforced: ranges must lie inside the sheet,
 * matrices must match the range, rows cannot be deleted down to the frozen ones, freezing cannot cut
 * a merge, tab names are unique regardless of case, and JS Date objects may not be written. So are
 * its limits: 10,000,000 cells per spreadsheet, 18,278 columns per sheet, 50,000 characters per
 * value, formula or note, and 100 characters per sheet name.
 */
// The typings' granular-consent additions (a global declaration file of src/gas, which has no module to import).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../src/gas/granular-consent.d.ts" />
import manifest from '../../appsscript.json';
import { serialFromYmd, ymdFromSerial } from '../../src/core/dates';
import { isError, WorkbookCalc, type Scalar } from '../../src/core/formula';
import type { Cell } from '../../src/core/tab/spec';
import { CallKind, callKind } from './call-kinds';
import { callMisfit } from './gas-signatures';

export interface RecordedCall {
  readonly method: string; // "Range.setValues", "SpreadsheetApp.flush"…
  readonly args: unknown[];
  readonly kind: CallKind;
}

/**
 * A recorded call. `kind` is a getter on the prototype, not an own property, so that a test that
 * compares a call with toEqual({ method, args }) still matches.
 */
class Call implements RecordedCall {
  constructor(
    readonly method: string,
    readonly args: unknown[],
  ) {}
  get kind(): CallKind {
    return callKind(this.method);
  }
}

/** What an action cost: see FakeGas.costSummary. */
export interface CostSummary {
  calls: number;
  reads: number;
  writes: number;
  documentCalls: number;
  roundTrips: number;
}

export interface FakeGasOptions {
  /** The spreadsheet's time zone (default Asia/Shanghai). */
  timeZone?: string;
  /** Session.getActiveUserLocale() (default zh_CN). */
  locale?: string;
  /** Names of the sheets the spreadsheet starts with (default one sheet, "Sheet1"). */
  sheetNames?: string[];
  /** Cells the spreadsheet may hold over all its sheets (Sheets: 10,000,000); tests lower it. */
  cellLimit?: number;
  /**
   * getValues gives a formula's result as Sheets computes it (the project's formula engine over every
   * sheet, today in the spreadsheet's time zone) rather than ''. Off by default: most tests count
   * calls and read no formula's value, and computing the workbook after each write takes time.
   */
  computeFormulas?: boolean;
  /**
   * Check each call made through the fake against @types/google-apps-script (gas-signatures.ts).
   * Default: on under Jest, off elsewhere (the bench loads the fake without the TypeScript compiler).
   */
  checkCalls?: boolean;
}

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const GLOBAL_NAMES = [
  'SpreadsheetApp',
  'LockService',
  'Utilities',
  'PropertiesService',
  'Session',
  'HtmlService',
  'ScriptApp',
  'UrlFetchApp',
  'MailApp',
] as const;
type GlobalName = (typeof GLOBAL_NAMES)[number];

const RAW = Symbol('fake-raw');
const NEW_SHEET_ROWS = 1000;
const NEW_SHEET_COLUMNS = 26;
const DEFAULT_COLUMN_WIDTH = 100;
/** Sheets' limit on the cells of a whole spreadsheet, blank ones included. */
const WORKBOOK_CELL_LIMIT = 10_000_000;
/** Sheets' limit on the columns of a sheet (column ZZZ). */
const COLUMN_LIMIT = 18_278;
/** Sheets' limit on the characters of one cell's value or formula, and of a note. */
const CELL_CHARACTER_LIMIT = 50_000;
/** Sheets' limit on the characters of a sheet name. */
const SHEET_NAME_LIMIT = 100;
/** The scopes appsscript.json declares: what a user can grant, and what ScriptApp may be asked about. */
const MANIFEST_SCOPES: readonly string[] = manifest.oauthScopes;

/**
 * Methods the fake offers that their interface lacks, each checked against another interface's
 * signature: the fake's one chart builder has the typed builders' setTitle (see Accepted in
 * fake-conformance.test.ts).
 */
export const SIGNATURE_OF: Readonly<Record<string, string>> = { 'EmbeddedChartBuilder.setTitle': 'EmbeddedColumnChartBuilder.setTitle' };

/** The environment: state shared by every fake object, the call log, and the globals to install. */
export class FakeGas {
  readonly calls: RecordedCall[] = [];
  /** See FakeGasOptions.checkCalls; a test may turn it off and on. */
  checkCalls: boolean;
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
  /** Each Utilities.sleep, in milliseconds (the fake does not wait). */
  readonly sleeps: number[] = [];
  /** The installable triggers of every user, in every document (ScriptApp shows each user their own). */
  readonly triggers: FakeTrigger[] = [];
  /**
   * The scopes the user has granted, of those appsscript.json declares (all of them, unless a test
   * takes one away, as a person may on Google's granular consent screen).
   */
  readonly grantedScopes = new Set<string>(MANIFEST_SCOPES);
  /** The scopes each ScriptApp.requireScopes asked for when some were missing (Apps Script shows the consent prompt and ends the run). */
  readonly consentPrompts: string[][] = [];
  /** Each request UrlFetchApp sent, normalized. */
  readonly fetches: FakeFetchRequest[] = [];
  /**
   * Answers UrlFetchApp's requests: a status and a body, or a thrown error for a network failure.
   * Default: 200 with an empty JSON object.
   */
  fetchHandler: (request: FakeFetchRequest) => { status: number; body: string } = () => ({ status: 200, body: '{}' });
  /** Each mail MailApp sent. */
  readonly mails: FakeMail[] = [];
  /**
   * Whether SpreadsheetApp.getActiveSpreadsheet() gives the spreadsheet (true: a menu, a sidebar call)
   * or null (false: how a time-driven trigger may run; Google does not document which).
   */
  hasActiveSpreadsheet = true;
  /** Recipients MailApp may still send to today (consumer accounts: 100 a day). */
  mailQuota = 100;
  readonly book: FakeSpreadsheet;
  nextId = 1;
  /** See FakeGasOptions.cellLimit. */
  cellLimit: number;

  /** See FakeGasOptions.computeFormulas. */
  readonly computeFormulas: boolean;
  /** Changes made to the cells (writes, seeds): the formulas' results are computed again after one. */
  private stateVersion = 0;
  private computed: { version: number; values: Map<string, Scalar[][]> } | null = null;
  private readonly proxies = new WeakMap<object, object>();
  private readCount = 0;
  private writeCount = 0;
  private roundTripCount = 0;
  /** Writes made since the last round trip, which Apps Script has queued and not sent yet. */
  private writesPending = false;
  /** The call being made through the proxy, which the fake's errors name ("Range.setValues"). */
  private activeCall: string | null = null;
  private readonly globals: Record<GlobalName, object>;
  private installedOn: Record<string, unknown> | null = null;
  private saved: { name: GlobalName; had: boolean; value: unknown }[] = [];

  constructor(options: FakeGasOptions = {}) {
    this.locale = options.locale ?? 'zh_CN';
    this.cellLimit = options.cellLimit ?? WORKBOOK_CELL_LIMIT;
    this.computeFormulas = options.computeFormulas ?? false;
    this.checkCalls = options.checkCalls ?? (typeof process !== 'undefined' && process.env.JEST_WORKER_ID !== undefined);
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
      ScriptApp: new FakeScriptApp(this),
      UrlFetchApp: new FakeUrlFetchApp(this),
      MailApp: new FakeMailApp(this),
    };
  }

  /** The spreadsheet as the code under test sees it (calls recorded). */
  get spreadsheet(): Spreadsheet {
    return this.expose(this.book) as unknown as Spreadsheet;
  }

  get callCount(): number {
    return this.calls.length;
  }

  /** Calls that asked the document since resetCalls(). */
  get reads(): number {
    return this.readCount;
  }

  /** Calls that changed the document since resetCalls(). */
  get writes(): number {
    return this.writeCount;
  }

  /** Reads and writes: the calls that reach the document (handles, builders and services do not). */
  get documentCalls(): number {
    return this.readCount + this.writeCount;
  }

  /**
   * Trips to the document to send queued writes: a read issued while writes are pending counts one,
   * and so does SpreadsheetApp.flush() with writes pending; either sends them all. Writes still
   * pending when the action ends are not counted (Apps Script sends them when the script returns).
   */
  get roundTrips(): number {
    return this.roundTripCount;
  }

  costSummary(): CostSummary {
    return { calls: this.calls.length, reads: this.readCount, writes: this.writeCount, documentCalls: this.documentCalls, roundTrips: this.roundTripCount };
  }

  /** Forgets the calls made so far and what they cost, queued writes included. */
  resetCalls(): void {
    this.calls.length = 0;
    this.readCount = 0;
    this.writeCount = 0;
    this.roundTripCount = 0;
    this.writesPending = false;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Puts the fake services (SpreadsheetApp, LockService, Utilities, PropertiesService, Session, HtmlService, ScriptApp, UrlFetchApp, MailApp) on target. */
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
    this.stateVersion++;
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

  /** After a change to the cells: formulas' results are computed again when next read. */
  cellsChanged(): void {
    this.stateVersion++;
  }

  /** What the formula of a cell (0-based) shows: computed over the whole workbook once per change. */
  formulaResult(sheet: FakeSheet, row: number, col: number): Value | null {
    if (this.computed?.version !== this.stateVersion) {
      const tabs = this.book.sheets.map((each) => ({
        name: each.getName(),
        cells: Array.from(each.rows, (line) =>
          Array.from(line ?? [], (cell): Cell => (cell?.formula !== undefined ? { formula: cell.formula, value: null } : (cell?.value ?? null))),
        ),
      }));
      const now = wallClock(Date.now(), this.book.timeZone);
      this.computed = { version: this.stateVersion, values: new WorkbookCalc(tabs, serialFromYmd(now.year, now.month, now.day)).recompute() };
    }
    const value = this.computed.values.get(sheet.getName())?.[row]?.[col] ?? null;
    return isError(value) ? value.code : value;
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

  /** An error for a call Sheets refuses, naming the call being made ("Range.setValues: …"). */
  violation(message: string): Error {
    return new Error(`${this.activeCall ?? 'fake'}: ${message}`);
  }

  /** Counts a call by its kind, and the round trip it makes when it needs queued writes sent. */
  private meter(method: string, kind: CallKind): void {
    if (kind === 'write') {
      this.stateVersion++;
      this.writeCount++;
      this.writesPending = true;
    } else if (kind === 'read' || method === 'SpreadsheetApp.flush') {
      if (kind === 'read') this.readCount++;
      if (this.writesPending) {
        this.roundTripCount++;
        this.writesPending = false;
      }
    }
  }

  /** The Apps Script interface a value stands for, when it is one of the fake's objects. */
  private readonly interfaceOf = (value: object): string | null => {
    const raw = this.raw(value);
    return raw instanceof FakeObject ? apiOf(raw) : null;
  };

  private recordingProxy(target: FakeObject): object {
    const api = apiOf(target);
    return new Proxy(target, {
      get: (object, prop) => {
        if (prop === RAW) return object;
        const member = Reflect.get(object, prop, object) as unknown;
        if (typeof member !== 'function' || typeof prop === 'symbol') return this.expose(member);
        // The fake's own plumbing ("_shows"), reached through a wrapper a test handed to a raw object
        // (e.g. criteria built through SpreadsheetApp, set on a filter through inspect()): not an Apps
        // Script call, so neither recorded nor checked.
        if (prop.startsWith('_')) return (member as (...a: unknown[]) => unknown).bind(object);
        // JavaScript's own (toString, hasOwnProperty…, e.g. from a test's String(range)) are not Apps Script calls either.
        if (member === (Object.prototype as unknown as Record<string, unknown>)[prop]) return member;
        const method = `${api}.${prop}`;
        return (...args: unknown[]) => {
          // Throws for a method not classified yet, checking or not: a new method gets a kind on purpose.
          const kind = callKind(method);
          if (this.checkCalls) {
            const misfit = callMisfit(SIGNATURE_OF[method] ?? method, args, this.interfaceOf);
            if (misfit !== null) throw new Error(SIGNATURE_OF[method] ? misfit.replace(SIGNATURE_OF[method], method) : misfit);
          }
          this.calls.push(new Call(method, args));
          this.meter(method, kind);
          const outer = this.activeCall;
          this.activeCall = method;
          try {
            const result = (member as (...a: unknown[]) => unknown).apply(
              object,
              args.map((arg) => this.raw(arg)),
            );
            return this.expose(result);
          } finally {
            this.activeCall = outer;
          }
        };
      },
    });
  }
}

/**
 * "Range" for a FakeRange: the Apps Script interface a fake class stands for. A bundler may rename a
 * class (esbuild makes FakeRange "_FakeRange" in the bench's bundle, "FakeRange2" on a clash), so the
 * name is read without those marks.
 */
function apiOf(fake: FakeObject): string {
  return fake.constructor.name.replace(/^_*Fake/, '').replace(/\d+$/, '');
}

/** Creates a fake and installs it on globalThis; call uninstall() when the test ends. */
export function installFakeGas(options?: FakeGasOptions): FakeGas {
  return new FakeGas(options).install();
}

/** The base of every object the fake hands out. */
export abstract class FakeObject {
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

  constructor(
    gas: FakeGas,
    public timeZone: string,
  ) {
    super(gas);
  }

  /**
   * Sheets refuses any change that would take the spreadsheet past its cell limit, with this message
   * (which names the real limit even when a test lowers it).
   */
  _checkRoom(extraCells: number): void {
    const cells = this.sheets.reduce((sum, sheet) => sum + sheet.maxRows * sheet.maxCols, 0);
    if (extraCells > 0 && cells + extraCells > this.gas.cellLimit) {
      throw new Error(`This action would increase the number of cells in the workbook above the limit of ${WORKBOOK_CELL_LIMIT} cells.`);
    }
  }

  /** A sheet's name is unique regardless of case; `renaming` is the sheet taking the name, which may keep its own. */
  _checkName(name: string, renaming: FakeSheet | null = null): void {
    const other = this._sheetNamed(name);
    if (!name || (other && other !== renaming)) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }

  /**
   * The length limit applies to names the script gives (insertSheet, setName). A copy's "Copy of …"
   * is Sheets' own name, and what Sheets does when that passes the limit is not documented.
   */
  _checkNameLength(name: string): void {
    if (name.length > SHEET_NAME_LIMIT) {
      throw this.gas.violation(`a sheet name has at most ${SHEET_NAME_LIMIT} characters; "${name.slice(0, 20)}…" has ${name.length}`);
    }
  }

  _sheetNamed(name: string): FakeSheet | null {
    return this.sheets.find((sheet) => sheet.name === name) ?? this.sheets.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase()) ?? null;
  }

  /** A new sheet; `cells` is what it will hold (a copy holds its source's), checked against the limit. */
  _addSheet(name: string, index: number, cells = NEW_SHEET_ROWS * NEW_SHEET_COLUMNS): FakeSheet {
    if (!name) throw new Error('fake: a sheet needs a name');
    this._checkName(name);
    this._checkRoom(cells);
    const sheet = new FakeSheet(this.gas, this, name, this.gas.nextId++);
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sheet);
    return sheet;
  }

  getId(): string {
    return this.id;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
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
  /** insertSheet([name], [index], [{ template }]) in any of the documented combinations. */
  insertSheet(first?: string | number | SheetOptions, second?: number | SheetOptions, third?: SheetOptions): FakeSheet {
    const args = [first, second, third].filter((arg) => arg !== undefined);
    let name = typeof args[0] === 'string' ? (args.shift() as string) : '';
    this._checkNameLength(name);
    const index = typeof args[0] === 'number' ? (args.shift() as number) : this.sheets.length;
    // Only top-level arguments are unwrapped by the recording proxy; the template sits in an object.
    const template = this.gas.raw((args[0] as SheetOptions | undefined)?.template);
    if (!name) {
      let n = this.sheets.length + 1;
      while (this._sheetNamed(`Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    const sheet = this._addSheet(name, index);
    if (template) sheet._copyFrom(template);
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
  /** Sheets always has an active sheet; a fake made with no sheets has none, and says so. */
  getActiveSheet(): FakeSheet {
    if (!this.active) throw new Error('fake: the spreadsheet has no sheets');
    return this.active;
  }
  setActiveSheet(sheet: FakeSheet, _restoreSelection?: boolean): FakeSheet {
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
    return new FakeDeveloperMetadataFinder(this.gas, () => this.sheets.flatMap((sheet) => [...sheet.metadata, ...sheet.lineMetadata]));
  }
}

interface SheetOptions {
  template?: FakeSheet;
}

interface Span {
  start: number;
  length: number;
}

type Dimension = 'rows' | 'columns';

/** A change to a sheet's rows or columns, in 1-based positions as they were before it. */
type LineChange =
  | { kind: 'insert'; after: number; count: number }
  | { kind: 'delete'; from: number; count: number }
  /** The lines from..from+count-1 end up just before what was line `to`, as Sheet.moveRows does. */
  | { kind: 'move'; from: number; count: number; to: number };

/** Where a line is after a change; null when it was deleted. */
function lineAfter(change: LineChange, line: number): number | null {
  if (change.kind === 'insert') return line > change.after ? line + change.count : line;
  const end = change.from + change.count;
  if (change.kind === 'delete') return line < change.from ? line : line >= end ? line - change.count : null;
  const inBlock = line >= change.from && line < end;
  if (change.to < change.from) {
    if (inBlock) return change.to + line - change.from;
    return line >= change.to && line < change.from ? line + change.count : line;
  }
  if (inBlock) return change.to - change.count + line - change.from;
  return line >= end && line < change.to ? line - change.count : line;
}

/** A span after inserting `count` lines after line `after` (1-based; 0 inserts before the first). */
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

/**
 * A span (a merge, a rule's or a filter's range) after a change. Lines inserted inside it join it
 * and deleted ones leave it. Under a move its rows that stay put stay in it; the moved rows are in
 * it afterwards when they land strictly inside it, or, if they all came from it, anywhere from its
 * first line to just after its last; otherwise they leave it. A span that lies inside the moved
 * block travels with it. (This is how a range should follow rows that people drag about; the
 * reference does not spell out Sheets' rule.)
 */
function spanAfter(change: LineChange, span: Span): Span | null {
  if (change.kind === 'insert') return spanAfterInsert(span, change.after, change.count);
  if (change.kind === 'delete') return spanAfterDelete(span, change.from, change.count);
  const end = span.start + span.length - 1;
  const blockEnd = change.from + change.count - 1;
  const fromSpan = change.from >= span.start && blockEnd <= end;
  const staysPut = (line: number): boolean => line < change.from || line > blockEnd;
  const allMoved = span.start >= change.from && end <= blockEnd;
  const joins = allMoved || (change.to > span.start && change.to <= end) || (fromSpan && change.to >= span.start && change.to <= end + 1);
  const kept: number[] = [];
  for (let line = span.start; line <= end; line++) if (joins || staysPut(line)) kept.push(lineAfter(change, line) as number);
  if (joins && !allMoved) kept.push(lineAfter(change, change.from) as number, lineAfter(change, blockEnd) as number);
  return { start: Math.min(...kept), length: Math.max(...kept) - Math.min(...kept) + 1 };
}

/** Frozen lines always start at line 1: lines inserted or deleted among them change their number. */
function frozenAfter(change: LineChange, frozen: number): number {
  if (frozen === 0) return 0;
  if (change.kind === 'insert') return change.after < frozen ? frozen + change.count : frozen;
  if (change.kind === 'delete') return frozen - Math.max(0, Math.min(frozen, change.from + change.count - 1) - change.from + 1);
  return frozen;
}

interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

function areaOf(range: FakeRange): Area {
  return { row: range.row, col: range.col, rows: range.numRows, cols: range.numCols };
}

function areaAfter(area: Area, dimension: Dimension, change: LineChange): Area | null {
  if (dimension === 'rows') {
    const span = spanAfter(change, { start: area.row, length: area.rows });
    return span && { ...area, row: span.start, rows: span.length };
  }
  const span = spanAfter(change, { start: area.col, length: area.cols });
  return span && { ...area, col: span.start, cols: span.length };
}

const DEFAULT_ROW_HEIGHT = 21;
const METADATA_VISIBILITIES = ['DOCUMENT', 'PROJECT'];

/**
 * addDeveloperMetadata(key), (key, visibility), (key, value), (key, value, visibility). The fake's
 * visibility enum values are the strings "DOCUMENT" and "PROJECT", so a two-argument call with one
 * of those strings is read as a visibility.
 */
function metadataArgs(valueOrVisibility?: string, visibility?: string): { value: string | null; visibility: string } {
  if (visibility !== undefined) return { value: valueOrVisibility ?? null, visibility };
  if (valueOrVisibility !== undefined && METADATA_VISIBILITIES.includes(valueOrVisibility)) return { value: null, visibility: valueOrVisibility };
  return { value: valueOrVisibility ?? null, visibility: 'DOCUMENT' };
}

export class FakeSheet extends FakeObject {
  rows: (CellState | undefined)[][] = [];
  /** Pixel height of each row, parallel to rows. */
  rowHeights: number[] = [];
  maxCols = NEW_SHEET_COLUMNS;
  columnWidths: number[] = new Array<number>(NEW_SHEET_COLUMNS).fill(DEFAULT_COLUMN_WIDTH);
  /** 1-based column numbers hidden with hideColumns. */
  hiddenColumns = new Set<number>();
  /** 1-based row numbers hidden with hideRows; the rows a filter hides are computed, not stored. */
  hiddenRows = new Set<number>();
  frozenRows = 0;
  frozenColumns = 0;
  merges: Area[] = [];
  rules: FakeConditionalFormatRule[] = [];
  charts: FakeEmbeddedChart[] = [];
  /** Developer metadata on the sheet itself. */
  metadata: FakeDeveloperMetadata[] = [];
  /** Developer metadata on one row or column of the sheet; it follows its row or column. */
  lineMetadata: FakeDeveloperMetadata[] = [];
  filter: FakeFilter | null = null;
  tabColor: string | null = null;
  hidden = false;

  constructor(
    gas: FakeGas,
    readonly book: FakeSpreadsheet,
    public name: string,
    readonly id: number,
  ) {
    super(gas);
    for (let r = 0; r < NEW_SHEET_ROWS; r++) {
      this.rows.push([]);
      this.rowHeights.push(DEFAULT_ROW_HEIGHT);
    }
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

  _rangeOf(area: Area): FakeRange {
    return new FakeRange(this.gas, this, area.row, area.col, area.rows, area.cols);
  }

  _ensureSize(rows: number, cols: number): void {
    if (this.maxRows < rows) this.insertRowsAfter(this.maxRows, rows - this.maxRows);
    if (this.maxCols < cols) this.insertColumnsAfter(this.maxCols, cols - this.maxCols);
  }

  _clearCells(what: { contents?: boolean; formats?: boolean; notes?: boolean; validations?: boolean }, area?: Area): void {
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

  _lastUsed(): { row: number; col: number } {
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

  _checkLines(dimension: Dimension, start: number, count: number, method: string): void {
    const lines = dimension === 'rows' ? this.maxRows : this.maxCols;
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 1 || count < 1 || start + count - 1 > lines) {
      throw new Error(`fake: ${method} out of range`);
    }
  }

  /**
   * Applies an insert, delete or move of rows or columns to everything the sheet keeps, so that
   * each thing travels with its row or column: cells (values, formulas as text, formats, notes,
   * validations), hidden state, heights and widths, merges, frozen lines, conditional-format
   * ranges, the filter's range and criteria, row and column metadata, and dropdown source ranges
   * on this sheet wherever they are used.
   */
  _restructure(dimension: Dimension, change: LineChange): void {
    const byRows = dimension === 'rows';
    const before = byRows ? this.maxRows : this.maxCols;
    const after = before + (change.kind === 'insert' ? change.count : change.kind === 'delete' ? -change.count : 0);
    const to = (line: number): number | null => lineAfter(change, line);
    const origin = new Array<number | null>(after).fill(null);
    for (let line = 1; line <= before; line++) {
      const at = to(line);
      if (at !== null) origin[at - 1] = line;
    }
    const remap = (lines: Set<number>): Set<number> => new Set([...lines].flatMap((line) => to(line) ?? []));

    if (byRows) {
      const rows = this.rows;
      const heights = this.rowHeights;
      this.rows = origin.map((line) => (line === null ? [] : rows[line - 1]));
      this.rowHeights = origin.map((line) => (line === null ? DEFAULT_ROW_HEIGHT : heights[line - 1]));
      this.hiddenRows = remap(this.hiddenRows);
      this.frozenRows = frozenAfter(change, this.frozenRows);
    } else {
      this.rows = this.rows.map((line) => {
        const moved: (CellState | undefined)[] = [];
        line.forEach((cell, c) => {
          const at = cell && to(c + 1);
          if (at) moved[at - 1] = cell;
        });
        return moved;
      });
      const widths = this.columnWidths;
      this.columnWidths = origin.map((line) => (line === null ? DEFAULT_COLUMN_WIDTH : widths[line - 1]));
      this.maxCols = after;
      this.hiddenColumns = remap(this.hiddenColumns);
      this.frozenColumns = frozenAfter(change, this.frozenColumns);
    }

    const moveArea = (area: Area): Area | null => areaAfter(area, dimension, change);
    this.merges = this.merges.flatMap((merge) => {
      const next = moveArea(merge);
      return next && (next.rows > 1 || next.cols > 1) ? [next] : [];
    });
    this.rules = this.rules.flatMap((rule) => {
      const ranges = rule.ranges.flatMap((range) => {
        const next = moveArea(areaOf(range));
        return next ? [this._rangeOf(next)] : [];
      });
      return ranges.length > 0 ? [new FakeConditionalFormatRule(this.gas, ranges, rule.condition)] : [];
    });
    if (this.filter) {
      const next = moveArea(this.filter.area);
      if (!next) this.filter = null;
      else {
        this.filter.area = next;
        if (!byRows)
          this.filter.criteria = new Map([...this.filter.criteria].flatMap(([col, criteria]) => (to(col) === null ? [] : [[to(col) as number, criteria]])));
      }
    }
    const place = byRows ? 'ROW' : 'COLUMN';
    this.lineMetadata = this.lineMetadata.filter((metadata) => {
      if (metadata.place.type !== place) return true;
      const at = to(metadata.place.line);
      if (at === null) return false;
      metadata.place.line = at;
      return true;
    });

    const sources = new Map<FakeDataValidation, FakeDataValidation>();
    const follow = (rule: FakeDataValidation): FakeDataValidation => {
      const source = rule.values[0];
      if (rule.criteria !== DATA_VALIDATION_CRITERIA.VALUE_IN_RANGE || !(source instanceof FakeRange) || source.sheet !== this) return rule;
      let next = sources.get(rule);
      if (!next) {
        const area = moveArea(areaOf(source));
        // Every row (or column) of the source deleted: as in Sheets, the rule is left pointing at #REF!.
        next = new FakeDataValidation(
          this.gas,
          rule.criteria,
          [area ? this._rangeOf(area) : '#REF!', ...rule.values.slice(1)],
          rule.allowInvalid,
          rule.helpText,
        );
        sources.set(rule, next);
      }
      return next;
    };
    for (const sheet of this.book.sheets) {
      for (const line of sheet.rows) for (const cell of line) if (cell?.validation) cell.validation = follow(cell.validation);
    }
  }

  _insert(dimension: Dimension, after: number, count: number, method: string): FakeSheet {
    const lines = dimension === 'rows' ? this.maxRows : this.maxCols;
    if (!Number.isInteger(after) || !Number.isInteger(count) || after < 0 || after > lines || count < 1) throw new Error(`fake: ${method} out of range`);
    if (dimension === 'columns' && lines + count > COLUMN_LIMIT) {
      throw this.gas.violation(`a sheet has at most ${COLUMN_LIMIT} columns; this would make ${lines + count}`);
    }
    this.book._checkRoom(count * (dimension === 'rows' ? this.maxCols : this.maxRows));
    this._restructure(dimension, { kind: 'insert', after, count });
    return this;
  }

  _move(dimension: Dimension, spec: FakeRange, to: number): void {
    if (spec.sheet !== this) throw new Error('fake: the range to move is on another sheet');
    const byRows = dimension === 'rows';
    const from = byRows ? spec.row : spec.col;
    const count = byRows ? spec.numRows : spec.numCols;
    const lines = byRows ? this.maxRows : this.maxCols;
    if (!Number.isInteger(to) || to < 1 || to > lines + 1) throw new Error(`fake: destinationIndex ${to} is outside the sheet`);
    if (to > from && to < from + count) throw new Error(`fake: destinationIndex ${to} lies inside the ${dimension} being moved`);
    if (to === from || to === from + count) return;
    for (const merge of this.merges) {
      const start = byRows ? merge.row : merge.col;
      const end = start + (byRows ? merge.rows : merge.cols) - 1;
      const inside = start >= from && end < from + count;
      const outside = end < from || start >= from + count;
      if ((!inside && !outside) || (outside && to > start && to <= end)) {
        throw new Error(`fake: moving these ${dimension} would break the merged cells ${this._rangeOf(merge).getA1Notation()}`);
      }
    }
    this._restructure(dimension, { kind: 'move', from, count, to });
  }

  /** Everything of source but its developer metadata, which is not documented to be copied. */
  _copyFrom(source: FakeSheet): void {
    this.rows = source.rows.map((line) => line.map((cell) => cell && { ...cell }));
    this.rowHeights = [...source.rowHeights];
    this.maxCols = source.maxCols;
    this.columnWidths = [...source.columnWidths];
    this.hiddenColumns = new Set(source.hiddenColumns);
    this.hiddenRows = new Set(source.hiddenRows);
    this.frozenRows = source.frozenRows;
    this.frozenColumns = source.frozenColumns;
    this.merges = source.merges.map((merge) => ({ ...merge }));
    const here = (range: FakeRange): FakeRange => (range.sheet === source ? this._rangeOf(areaOf(range)) : range);
    this.rules = source.rules.map((rule) => new FakeConditionalFormatRule(this.gas, rule.ranges.map(here), rule.condition));
    this.charts = source.charts.map(
      (chart) =>
        new FakeEmbeddedChart(
          this.gas,
          this.gas.nextId++,
          chart.chartType,
          chart.ranges.map(here),
          new Map(chart.options),
          chart.position && { ...chart.position },
          chart.numHeaders,
        ),
    );
    if (source.filter) {
      this.filter = new FakeFilter(this.gas, this, { ...source.filter.area });
      this.filter.criteria = new Map(source.filter.criteria);
    }
    this.tabColor = source.tabColor;
  }

  getName(): string {
    return this.name;
  }
  getSheetName(): string {
    return this.name;
  }
  setName(name: string): FakeSheet {
    this.book._checkNameLength(name);
    this.book._checkName(name, this);
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
    return this._lastUsed().row;
  }
  getLastColumn(): number {
    return this._lastUsed().col;
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
    return new FakeRangeList(
      this.gas,
      a1s.map((a1) => this.getRange(a1)),
    );
  }
  getDataRange(): FakeRange {
    const last = this._lastUsed();
    return new FakeRange(this.gas, this, 1, 1, Math.max(1, last.row), Math.max(1, last.col));
  }

  // Inserted rows and columns are blank, unformatted, shown and of default size. The Apps Script
  // reference does not say whether insertRowsAfter/Before copy a neighbour's formatting (the REST
  // API's InsertDimensionRequest has an inheritFromBefore flag for that, which Apps Script does not
  // expose), so the fake assumes they do not; code that needs a format on new rows must write it.
  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    if (afterPosition < 1) throw new Error('fake: insertRowsAfter out of range');
    return this._insert('rows', afterPosition, howMany, 'insertRowsAfter');
  }
  insertRowsBefore(beforePosition: number, howMany: number): FakeSheet {
    if (beforePosition > this.maxRows) throw new Error('fake: insertRowsBefore out of range');
    return this._insert('rows', beforePosition - 1, howMany, 'insertRowsBefore');
  }
  insertRowAfter(afterPosition: number): FakeSheet {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertRowBefore(beforePosition: number): FakeSheet {
    return this.insertRowsBefore(beforePosition, 1);
  }
  insertRows(rowIndex: number, numRows = 1): void {
    this.insertRowsBefore(rowIndex, numRows);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    if (afterPosition < 1) throw new Error('fake: insertColumnsAfter out of range');
    return this._insert('columns', afterPosition, howMany, 'insertColumnsAfter');
  }
  insertColumnsBefore(beforePosition: number, howMany: number): FakeSheet {
    if (beforePosition > this.maxCols) throw new Error('fake: insertColumnsBefore out of range');
    return this._insert('columns', beforePosition - 1, howMany, 'insertColumnsBefore');
  }
  insertColumnAfter(afterPosition: number): FakeSheet {
    return this.insertColumnsAfter(afterPosition, 1);
  }
  insertColumnBefore(beforePosition: number): FakeSheet {
    return this.insertColumnsBefore(beforePosition, 1);
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this.insertColumnsBefore(columnIndex, numColumns);
  }
  deleteRows(rowPosition: number, howMany: number): void {
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.maxRows) throw new Error('Those rows are out of bounds.');
    if (this.maxRows - howMany <= this.frozenRows) throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    this._restructure('rows', { kind: 'delete', from: rowPosition, count: howMany });
  }
  deleteRow(rowPosition: number): FakeSheet {
    this.deleteRows(rowPosition, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > this.maxCols) throw new Error('Those columns are out of bounds.');
    if (this.maxCols - howMany <= this.frozenColumns) throw new Error('Sorry, it is not possible to delete all non-frozen columns.');
    this._restructure('columns', { kind: 'delete', from: columnPosition, count: howMany });
  }
  deleteColumn(columnPosition: number): FakeSheet {
    this.deleteColumns(columnPosition, 1);
    return this;
  }
  /** destinationIndex counts rows before the move: the rows end up just before what was that row. */
  moveRows(rowSpec: FakeRange, destinationIndex: number): void {
    this._move('rows', rowSpec, destinationIndex);
  }
  moveColumns(columnSpec: FakeRange, destinationIndex: number): void {
    this._move('columns', columnSpec, destinationIndex);
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
  getColumnWidth(columnPosition: number): number {
    return this.columnWidths[columnPosition - 1];
  }
  setColumnWidth(columnPosition: number, width: number): FakeSheet {
    return this.setColumnWidths(columnPosition, 1, width);
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): FakeSheet {
    if (startColumn < 1 || numColumns < 1 || startColumn + numColumns - 1 > this.maxCols) throw new Error('fake: setColumnWidths out of range');
    for (let c = startColumn; c < startColumn + numColumns; c++) this.columnWidths[c - 1] = width;
    return this;
  }
  getRowHeight(rowPosition: number): number {
    this._checkLines('rows', rowPosition, 1, 'getRowHeight');
    return this.rowHeights[rowPosition - 1];
  }
  setRowHeight(rowPosition: number, height: number): FakeSheet {
    return this.setRowHeights(rowPosition, 1, height);
  }
  setRowHeights(startRow: number, numRows: number, height: number): FakeSheet {
    this._checkLines('rows', startRow, numRows, 'setRowHeights');
    for (let r = startRow; r < startRow + numRows; r++) this.rowHeights[r - 1] = height;
    return this;
  }
  setRowHeightsForced(startRow: number, numRows: number, height: number): FakeSheet {
    return this.setRowHeights(startRow, numRows, height);
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    if (columnIndex < 1 || numColumns < 1 || columnIndex + numColumns - 1 > this.maxCols) throw new Error('fake: hideColumns out of range');
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    if (columnIndex < 1 || numColumns < 1 || columnIndex + numColumns - 1 > this.maxCols) throw new Error('fake: showColumns out of range');
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.delete(c);
  }
  hideColumn(column: FakeRange): void {
    this.hideColumns(column.col, column.numCols);
  }
  unhideColumn(column: FakeRange): void {
    this.showColumns(column.col, column.numCols);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this.hiddenColumns.has(columnPosition);
  }
  hideRows(rowIndex: number, numRows = 1): void {
    this._checkLines('rows', rowIndex, numRows, 'hideRows');
    for (let r = rowIndex; r < rowIndex + numRows; r++) this.hiddenRows.add(r);
  }
  showRows(rowIndex: number, numRows = 1): void {
    this._checkLines('rows', rowIndex, numRows, 'showRows');
    for (let r = rowIndex; r < rowIndex + numRows; r++) this.hiddenRows.delete(r);
  }
  hideRow(row: FakeRange): void {
    this.hideRows(row.row, row.numRows);
  }
  unhideRow(row: FakeRange): void {
    this.showRows(row.row, row.numRows);
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return this.hiddenRows.has(rowPosition);
  }
  isRowHiddenByFilter(rowPosition: number): boolean {
    return this.filter?._hides(rowPosition) ?? false;
  }
  getFilter(): FakeFilter | null {
    return this.filter;
  }
  getTabColor(): string | null {
    return this.tabColor;
  }
  setTabColor(color: string | null): FakeSheet {
    this.tabColor = color;
    return this;
  }
  /**
   * A copy named "Copy of <name>", as the reference documents, placed after the last tab and not
   * activated. When that name is taken the fake appends " 2", " 3"… (Sheets de-duplicates the name;
   * the exact form is not documented). Developer metadata is not copied: the reference does not say
   * that it is, and a copy that carried a tab's marker would be taken for the tab itself.
   */
  copyTo(spreadsheet: FakeSpreadsheet): FakeSheet {
    if (spreadsheet !== this.book) throw new Error('fake: only copies into the same spreadsheet are modelled');
    let name = `Copy of ${this.name}`;
    for (let n = 2; spreadsheet._sheetNamed(name); n++) name = `Copy of ${this.name} ${n}`;
    const copy = spreadsheet._addSheet(name, spreadsheet.sheets.length, this.maxRows * this.maxCols);
    copy._copyFrom(this);
    return copy;
  }
  /** Sheets refuses to hide the only visible sheet. */
  hideSheet(): FakeSheet {
    if (!this.hidden && this.book.sheets.every((sheet) => sheet === this || sheet.hidden)) {
      throw new Error('fake: the only visible sheet cannot be hidden');
    }
    this.hidden = true;
    return this;
  }
  showSheet(): FakeSheet {
    this.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this.hidden;
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
  addDeveloperMetadata(key: string, valueOrVisibility?: string, visibility?: string): FakeSheet {
    const args = metadataArgs(valueOrVisibility, visibility);
    this.metadata.push(new FakeDeveloperMetadata(this.gas, this, key, args.value, args.visibility));
    return this;
  }
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    return [...this.metadata];
  }
  /** Metadata on the sheet and on its rows and columns, as the reference describes the sheet's scope. */
  createDeveloperMetadataFinder(): FakeDeveloperMetadataFinder {
    return new FakeDeveloperMetadataFinder(this.gas, () => [...this.metadata, ...this.lineMetadata]);
  }
}

/** "B3", "A1:C5", "A2:A" (to the last row), "A:C", "2:5" → 1-based row/col and size. */
function parseA1(a1: string, maxRows: number, maxCols: number): Area {
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

  /** `pick` gets each cell of the range with its 0-based row and column in the sheet. */
  _read<T>(pick: (cell: CellState | undefined, row: number, col: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const line = this.sheet.rows[this.row - 1 + r];
      const row: T[] = new Array(this.numCols);
      for (let c = 0; c < this.numCols; c++) row[c] = pick(line[this.col - 1 + c], this.row - 1 + r, this.col - 1 + c);
      out.push(row);
    }
    return out;
  }

  /**
   * Writes a matrix cell by cell. Sheets refuses a matrix that is not the range's shape (the message
   * names the call, then gives Sheets' own) and, when `text` is set (values, formulas, notes), a
   * string longer than a cell holds.
   */
  _write<T>(matrix: T[][], apply: (cell: CellState, value: T) => void, text = false): FakeRange {
    const shape = (rows: unknown, cols: unknown): string => `${String(rows)}×${String(cols)} matrix for a ${this.numRows}×${this.numCols} range`;
    if (!Array.isArray(matrix) || matrix.length !== this.numRows) {
      const width = Array.isArray(matrix) && Array.isArray(matrix[0]) ? matrix[0].length : '?';
      throw this.gas.violation(
        `${shape(Array.isArray(matrix) ? matrix.length : '?', width)}. The number of rows in the data does not match the number of rows in the range. The data has ${matrix?.length} but the range has ${this.numRows}.`,
      );
    }
    matrix.forEach((line, r) => {
      if (!Array.isArray(line) || line.length !== this.numCols) {
        throw this.gas.violation(
          `${shape(matrix.length, Array.isArray(line) ? line.length : '?')}. The number of columns in the data does not match the number of columns in the range. The data has ${line?.length} but the range has ${this.numCols}.`,
        );
      }
      line.forEach((value, c) => {
        if (text && typeof value === 'string' && value.length > CELL_CHARACTER_LIMIT) {
          throw this.gas.violation(
            `${a1Of(this.row + r, this.col + c)} would hold ${value.length} characters. Your input contains more than the maximum of ${CELL_CHARACTER_LIMIT} characters in a single cell.`,
          );
        }
        apply(this.sheet._cell(this.row + r, this.col + c, true), value);
      });
    });
    // Also for a test writing through inspect(), which is not metered.
    this.gas.cellsChanged();
    return this;
  }

  _fill<T>(value: T): T[][] {
    return Array.from({ length: this.numRows }, () => new Array<T>(this.numCols).fill(value));
  }

  _setOrReset(prop: Exclude<(typeof FORMAT_PROPS)[number], 'fontSize'>, resetTo?: string) {
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
    return this._read((cell, row, col) => {
      const value = cell?.formula !== undefined ? (this.gas.computeFormulas ? this.gas.formulaResult(this.sheet, row, col) : null) : cell?.value;
      if (value === undefined || value === null) return '';
      if (typeof value === 'number' && isDateTimeFormat(cell?.format)) return dateFromSerial(value, timeZone);
      return value;
    });
  }
  getValue(): unknown {
    return this.getValues()[0][0];
  }
  setValues(values: unknown[][]): FakeRange {
    return this._write(values, enterValue, true);
  }
  setValue(value: unknown): FakeRange {
    return this._write(this._fill(value), enterValue, true);
  }
  getFormulas(): string[][] {
    return this._read((cell) => cell?.formula ?? '');
  }
  getFormula(): string {
    return this.getFormulas()[0][0];
  }
  setFormula(formula: string): FakeRange {
    return this.setFormulas(this._fill(formula));
  }
  setFormulas(formulas: string[][]): FakeRange {
    return this._write(
      formulas,
      (cell, formula) => {
        delete cell.value;
        if (formula) cell.formula = formula;
        else delete cell.formula;
      },
      true,
    );
  }
  getNumberFormats(): string[][] {
    return this._read((cell) => cell?.format ?? DEFAULTS.format);
  }
  getNumberFormat(): string {
    return this.getNumberFormats()[0][0];
  }
  setNumberFormats(formats: string[][]): FakeRange {
    return this._write(formats, this._setOrReset('format'));
  }
  setNumberFormat(format: string): FakeRange {
    return this.setNumberFormats(this._fill(format));
  }
  getBackgrounds(): string[][] {
    return this._read((cell) => cell?.background ?? DEFAULTS.background);
  }
  getBackground(): string {
    return this.getBackgrounds()[0][0];
  }
  setBackgrounds(colors: (string | null)[][]): FakeRange {
    return this._write(colors, this._setOrReset('background'));
  }
  setBackground(color: string | null): FakeRange {
    return this.setBackgrounds(this._fill(color));
  }
  getFontColors(): string[][] {
    return this._read((cell) => cell?.fontColor ?? DEFAULTS.fontColor);
  }
  setFontColors(colors: (string | null)[][]): FakeRange {
    return this._write(colors, this._setOrReset('fontColor'));
  }
  setFontColor(color: string | null): FakeRange {
    return this.setFontColors(this._fill(color));
  }
  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    return this._read((cell) => (cell?.fontWeight ?? DEFAULTS.fontWeight) as GoogleAppsScript.Spreadsheet.FontWeight);
  }
  setFontWeights(weights: (string | null)[][]): FakeRange {
    return this._write(weights, this._setOrReset('fontWeight', 'normal'));
  }
  setFontWeight(weight: string | null): FakeRange {
    return this.setFontWeights(this._fill(weight));
  }
  getFontStyles(): GoogleAppsScript.Spreadsheet.FontStyle[][] {
    return this._read((cell) => (cell?.fontStyle ?? DEFAULTS.fontStyle) as GoogleAppsScript.Spreadsheet.FontStyle);
  }
  setFontStyles(styles: (string | null)[][]): FakeRange {
    return this._write(styles, this._setOrReset('fontStyle', 'normal'));
  }
  getFontLines(): GoogleAppsScript.Spreadsheet.FontLine[][] {
    return this._read((cell) => (cell?.fontLine ?? DEFAULTS.fontLine) as GoogleAppsScript.Spreadsheet.FontLine);
  }
  setFontLines(lines: (string | null)[][]): FakeRange {
    return this._write(lines, this._setOrReset('fontLine', 'none'));
  }
  getFontSizes(): number[][] {
    return this._read((cell) => cell?.fontSize ?? DEFAULTS.fontSize);
  }
  setFontSizes(sizes: number[][]): FakeRange {
    return this._write(sizes, (cell, size) => {
      if (size === DEFAULTS.fontSize) delete cell.fontSize;
      else cell.fontSize = size;
    });
  }
  getTextStyles(): FakeTextStyle[][] {
    return this._read((cell) => {
      const style = new FakeTextStyle(this.gas);
      style.foregroundColor = cell?.fontColor ?? DEFAULTS.fontColor;
      style.fontSize = cell?.fontSize ?? DEFAULTS.fontSize;
      style.bold = (cell?.fontWeight ?? DEFAULTS.fontWeight) === 'bold';
      style.italic = (cell?.fontStyle ?? DEFAULTS.fontStyle) === 'italic';
      style.strikethrough = (cell?.fontLine ?? DEFAULTS.fontLine) === 'line-through';
      return style;
    });
  }
  getTextStyle(): FakeTextStyle {
    return this.getTextStyles()[0][0];
  }
  /** Each property the style sets is written; one it leaves unset (null) stays as the cell has it. */
  setTextStyles(styles: FakeTextStyle[][]): FakeRange {
    return this._write(styles, (cell, style: FakeTextStyle) => {
      if (!(style instanceof FakeTextStyle)) throw this.gas.violation('needs TextStyle objects');
      if (style.foregroundColor !== null) this._setOrReset('fontColor', DEFAULTS.fontColor)(cell, style.foregroundColor);
      if (style.fontSize !== null) {
        if (style.fontSize === DEFAULTS.fontSize) delete cell.fontSize;
        else cell.fontSize = style.fontSize;
      }
      if (style.bold !== null) this._setOrReset('fontWeight', 'normal')(cell, style.bold ? 'bold' : 'normal');
      if (style.italic !== null) this._setOrReset('fontStyle', 'normal')(cell, style.italic ? 'italic' : 'normal');
      if (style.strikethrough !== null) this._setOrReset('fontLine', 'none')(cell, style.strikethrough ? 'line-through' : 'none');
    });
  }
  setTextStyle(style: FakeTextStyle): FakeRange {
    return this.setTextStyles(this._fill(style));
  }
  getWrapStrategies(): string[][] {
    return this._read((cell) => cell?.wrap ?? DEFAULTS.wrap);
  }
  setWrapStrategies(strategies: string[][]): FakeRange {
    for (const line of strategies) for (const s of line) if (!(s in WRAP_STRATEGY)) throw new Error(`fake: unknown wrap strategy ${String(s)}`);
    return this._write(strategies, this._setOrReset('wrap', 'OVERFLOW'));
  }
  getWraps(): boolean[][] {
    return this._read((cell) => cell?.wrap === 'WRAP');
  }
  setWraps(wraps: boolean[][]): FakeRange {
    return this._write(wraps, (cell, wrap) => {
      if (wrap) cell.wrap = 'WRAP';
      else delete cell.wrap;
    });
  }
  getHorizontalAlignments(): string[][] {
    return this._read((cell) => cell?.hAlign ?? DEFAULTS.hAlign);
  }
  setHorizontalAlignments(alignments: (string | null)[][]): FakeRange {
    return this._write(alignments, this._setOrReset('hAlign', 'normal'));
  }
  getVerticalAlignments(): string[][] {
    return this._read((cell) => cell?.vAlign ?? DEFAULTS.vAlign);
  }
  setVerticalAlignments(alignments: (string | null)[][]): FakeRange {
    return this._write(alignments, this._setOrReset('vAlign', 'bottom'));
  }
  getNotes(): string[][] {
    return this._read((cell) => cell?.note ?? DEFAULTS.note);
  }
  getNote(): string {
    return this.getNotes()[0][0];
  }
  setNotes(notes: (string | null)[][]): FakeRange {
    return this._write(
      notes,
      (cell, note) => {
        if (note) cell.note = note;
        else delete cell.note;
      },
      true,
    );
  }
  setNote(note: string | null): FakeRange {
    return this.setNotes(this._fill(note));
  }
  getDataValidations(): (FakeDataValidation | null)[][] {
    return this._read((cell) => cell?.validation ?? null);
  }
  getDataValidation(): FakeDataValidation | null {
    return this.getDataValidations()[0][0];
  }
  setDataValidation(rule: FakeDataValidation | null): FakeRange {
    return this._write(this._fill(rule), (cell, value) => {
      if (value) cell.validation = value;
      else delete cell.validation;
    });
  }
  setDataValidations(rules: (FakeDataValidation | null)[][]): FakeRange {
    return this._write(rules, (cell, value) => {
      if (value !== null && !(value instanceof FakeDataValidation)) throw this.gas.violation('needs DataValidation objects or null');
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
  _overlaps(m: Area): boolean {
    return m.row <= this.getLastRow() && m.row + m.rows - 1 >= this.row && m.col <= this.getLastColumn() && m.col + m.cols - 1 >= this.col;
  }
  merge(): FakeRange {
    if (this.numRows === 1 && this.numCols === 1) return this;
    this.sheet.merges = this.sheet.merges.filter((m) => !this._overlaps(m));
    this.sheet.merges.push({ row: this.row, col: this.col, rows: this.numRows, cols: this.numCols });
    return this;
  }
  breakApart(): FakeRange {
    this.sheet.merges = this.sheet.merges.filter((m) => !this._overlaps(m));
    return this;
  }
  isPartOfMerge(): boolean {
    return this.sheet.merges.some((m) => this._overlaps(m));
  }
  getMergedRanges(): FakeRange[] {
    return this.sheet.merges.filter((m) => this._overlaps(m)).map((m) => new FakeRange(this.gas, this.sheet, m.row, m.col, m.rows, m.cols));
  }
  /** A sheet has at most one filter; its first row is the header, which the filter never hides. */
  createFilter(): FakeFilter {
    if (this.sheet.filter) throw new Error("You can't create a filter in a sheet that already has a filter.");
    this.sheet.filter = new FakeFilter(this.gas, this.sheet, areaOf(this));
    return this.sheet.filter;
  }
  getFilter(): FakeFilter | null {
    return this.sheet.filter;
  }
  /** Sheets keeps range metadata only on one entire row or one entire column. */
  addDeveloperMetadata(key: string, valueOrVisibility?: string, visibility?: string): FakeRange {
    const place = this._metadataPlace();
    if (!place) {
      throw new Error(
        'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
      );
    }
    const args = metadataArgs(valueOrVisibility, visibility);
    this.sheet.lineMetadata.push(new FakeDeveloperMetadata(this.gas, this.sheet, key, args.value, args.visibility, place));
    return this;
  }
  /** The metadata whose location is exactly this range (one entire row or column). */
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    const place = this._metadataPlace();
    if (!place) return [];
    return this.sheet.lineMetadata.filter((m) => m.place.type === place.type && m.place.line === place.line);
  }
  _metadataPlace(): LinePlace | null {
    if (this.numRows === 1 && this.col === 1 && this.numCols === this.sheet.maxCols) return { type: 'ROW', line: this.row };
    if (this.numCols === 1 && this.row === 1 && this.numRows === this.sheet.maxRows) return { type: 'COLUMN', line: this.col };
    return null;
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

/** A text style as Sheets gives it: each property set, or null where the style leaves it as the cell has it. */
export class FakeTextStyle extends FakeObject {
  foregroundColor: string | null = null;
  fontSize: number | null = null;
  fontFamily: string | null = null;
  bold: boolean | null = null;
  italic: boolean | null = null;
  strikethrough: boolean | null = null;
  underline: boolean | null = null;

  getForegroundColor(): string | null {
    return this.foregroundColor;
  }
  getFontSize(): number | null {
    return this.fontSize;
  }
  getFontFamily(): string | null {
    return this.fontFamily;
  }
  isBold(): boolean | null {
    return this.bold;
  }
  isItalic(): boolean | null {
    return this.italic;
  }
  isStrikethrough(): boolean | null {
    return this.strikethrough;
  }
  isUnderline(): boolean | null {
    return this.underline;
  }
  copy(): FakeTextStyleBuilder {
    const builder = new FakeTextStyleBuilder(this.gas);
    Object.assign(builder.style, { ...this, gas: this.gas });
    return builder;
  }
}

export class FakeTextStyleBuilder extends FakeObject {
  readonly style = new FakeTextStyle(this.gas);

  setForegroundColor(color: string): FakeTextStyleBuilder {
    if (!/^#[0-9a-f]{6}$/i.test(color)) throw new Error(`fake: not a CSS colour: ${color}`);
    this.style.foregroundColor = color;
    return this;
  }
  setFontSize(size: number): FakeTextStyleBuilder {
    if (!Number.isInteger(size) || size < 1) throw new Error(`fake: not a font size: ${size}`);
    this.style.fontSize = size;
    return this;
  }
  setFontFamily(family: string): FakeTextStyleBuilder {
    this.style.fontFamily = family;
    return this;
  }
  setBold(bold: boolean): FakeTextStyleBuilder {
    this.style.bold = bold;
    return this;
  }
  setItalic(italic: boolean): FakeTextStyleBuilder {
    this.style.italic = italic;
    return this;
  }
  setStrikethrough(strikethrough: boolean): FakeTextStyleBuilder {
    this.style.strikethrough = strikethrough;
    return this;
  }
  setUnderline(underline: boolean): FakeTextStyleBuilder {
    this.style.underline = underline;
    return this;
  }
  build(): FakeTextStyle {
    const built = new FakeTextStyle(this.gas);
    Object.assign(built, { ...this.style, gas: this.gas });
    return built;
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

type LinePlace = { type: 'ROW' | 'COLUMN'; line: number };
type MetadataPlace = { type: 'SHEET' } | LinePlace;

export class FakeDeveloperMetadataLocation extends FakeObject {
  constructor(
    gas: FakeGas,
    readonly sheet: FakeSheet,
    readonly place: MetadataPlace,
  ) {
    super(gas);
  }
  getLocationType(): string {
    return this.place.type;
  }
  /** As documented, each getter answers only for its own location type and is null otherwise. */
  getSheet(): FakeSheet | null {
    return this.place.type === 'SHEET' ? this.sheet : null;
  }
  getRow(): FakeRange | null {
    return this.place.type === 'ROW' ? new FakeRange(this.gas, this.sheet, this.place.line, 1, 1, this.sheet.maxCols) : null;
  }
  getColumn(): FakeRange | null {
    return this.place.type === 'COLUMN' ? new FakeRange(this.gas, this.sheet, 1, this.place.line, this.sheet.maxRows, 1) : null;
  }
  getSpreadsheet(): null {
    return null;
  }
}

/**
 * Metadata on a sheet stays with the sheet through renames and moves; metadata on a row or column
 * follows it through inserts, deletes and moves and is deleted with it, as the Sheets API documents
 * for developer metadata. Spreadsheet-level metadata is not modelled.
 */
export class FakeDeveloperMetadata extends FakeObject {
  readonly id = this.gas.nextId++;

  constructor(
    gas: FakeGas,
    readonly sheet: FakeSheet,
    public key: string,
    public value: string | null,
    public visibility = 'DOCUMENT',
    readonly place: MetadataPlace = { type: 'SHEET' },
  ) {
    super(gas);
  }
  getId(): number {
    return this.id;
  }
  getKey(): string {
    return this.key;
  }
  setKey(key: string): FakeDeveloperMetadata {
    this.key = key;
    return this;
  }
  getValue(): string | null {
    return this.value;
  }
  setValue(value: string): FakeDeveloperMetadata {
    this.value = value;
    return this;
  }
  getVisibility(): string {
    return this.visibility;
  }
  setVisibility(visibility: string): FakeDeveloperMetadata {
    this.visibility = visibility;
    return this;
  }
  getLocation(): FakeDeveloperMetadataLocation {
    return new FakeDeveloperMetadataLocation(this.gas, this.sheet, this.place);
  }
  remove(): void {
    this.sheet.metadata = this.sheet.metadata.filter((m) => m !== this);
    this.sheet.lineMetadata = this.sheet.lineMetadata.filter((m) => m !== this);
  }
}

export class FakeDeveloperMetadataFinder extends FakeObject {
  private key: string | null = null;
  private value: string | null = null;
  private id: number | null = null;
  private locationType: string | null = null;
  private visibility: string | null = null;

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
  withId(id: number): FakeDeveloperMetadataFinder {
    this.id = id;
    return this;
  }
  withLocationType(locationType: string): FakeDeveloperMetadataFinder {
    if (!['SPREADSHEET', 'SHEET', 'ROW', 'COLUMN'].includes(locationType)) throw new Error(`fake: unknown location type ${String(locationType)}`);
    this.locationType = locationType;
    return this;
  }
  withVisibility(visibility: string): FakeDeveloperMetadataFinder {
    this.visibility = visibility;
    return this;
  }
  find(): FakeDeveloperMetadata[] {
    return this.source().filter(
      (m) =>
        (this.key === null || m.key === this.key) &&
        (this.value === null || m.value === this.value) &&
        (this.id === null || m.id === this.id) &&
        (this.locationType === null || m.place.type === this.locationType) &&
        (this.visibility === null || m.visibility === this.visibility),
    );
  }
}

// ───────────────────────────── filters ─────────────────────────────

interface FilterCondition {
  type: string;
  values: unknown[];
}

/** The text a filter compares: what the cell shows, for the values the fake keeps (formulas show as blank). */
function shownText(cell: CellState | undefined): string {
  const value = cell?.formula === undefined ? cell?.value : undefined;
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/**
 * Whether a condition shows a cell. Text conditions ignore case, like the filter menu's "Text
 * contains"; the reference does not document case handling, so this is the fake's assumption.
 */
function conditionShows(condition: FilterCondition, cell: CellState | undefined): boolean {
  const text = shownText(cell).toLowerCase();
  const arg = String(condition.values[0] ?? '').toLowerCase();
  const number = cell?.formula === undefined && typeof cell?.value === 'number' ? cell.value : null;
  const [low, high] = condition.values as number[];
  switch (condition.type) {
    case 'CELL_EMPTY':
      return text === '';
    case 'CELL_NOT_EMPTY':
      return text !== '';
    case 'TEXT_EQUAL_TO':
      return text === arg;
    case 'TEXT_CONTAINS':
      return text.includes(arg);
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.includes(arg);
    case 'TEXT_STARTS_WITH':
      return text.startsWith(arg);
    case 'TEXT_ENDS_WITH':
      return text.endsWith(arg);
    case 'NUMBER_EQUAL_TO':
      return number === low;
    case 'NUMBER_NOT_EQUAL_TO':
      return number !== low;
    case 'NUMBER_GREATER_THAN':
      return number !== null && number > low;
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return number !== null && number >= low;
    case 'NUMBER_LESS_THAN':
      return number !== null && number < low;
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return number !== null && number <= low;
    case 'NUMBER_BETWEEN':
      return number !== null && number >= Math.min(low, high) && number <= Math.max(low, high);
    case 'NUMBER_NOT_BETWEEN':
      return number === null || number < Math.min(low, high) || number > Math.max(low, high);
    default:
      throw new Error(`fake: filter condition ${condition.type} is not modelled`);
  }
}

const FILTER_CONDITIONS = [
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'TEXT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'NUMBER_EQUAL_TO',
  'NUMBER_NOT_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_BETWEEN',
  'NUMBER_NOT_BETWEEN',
];

export class FakeFilterCriteria extends FakeObject {
  constructor(
    gas: FakeGas,
    readonly hiddenValues: string[],
    readonly condition: FilterCondition | null,
  ) {
    super(gas);
  }
  getHiddenValues(): string[] {
    return [...this.hiddenValues];
  }
  /** Visible values are for pivot-table filters; the reference returns an empty array for others. */
  getVisibleValues(): string[] {
    return [];
  }
  getCriteriaType(): string | null {
    return this.condition?.type ?? null;
  }
  getCriteriaValues(): unknown[] {
    return [...(this.condition?.values ?? [])];
  }
  copy(): FakeFilterCriteriaBuilder {
    const builder = new FakeFilterCriteriaBuilder(this.gas);
    builder.hiddenValues = [...this.hiddenValues];
    builder.condition = this.condition && { type: this.condition.type, values: [...this.condition.values] };
    return builder;
  }
  _shows(cell: CellState | undefined): boolean {
    if (this.hiddenValues.includes(shownText(cell))) return false;
    return this.condition === null || conditionShows(this.condition, cell);
  }
}

export class FakeFilterCriteriaBuilder extends FakeObject {
  hiddenValues: string[] = [];
  condition: FilterCondition | null = null;

  _when(type: string, values: unknown[]): FakeFilterCriteriaBuilder {
    this.condition = { type, values };
    return this;
  }
  setHiddenValues(values: string[]): FakeFilterCriteriaBuilder {
    if (!Array.isArray(values) || values.some((v) => v === null || v === undefined)) throw new Error('fake: hidden values may not be null');
    this.hiddenValues = values.map(String);
    return this;
  }
  getHiddenValues(): string[] {
    return [...this.hiddenValues];
  }
  getVisibleValues(): string[] {
    return [];
  }
  getCriteriaType(): string | null {
    return this.condition?.type ?? null;
  }
  getCriteriaValues(): unknown[] {
    return [...(this.condition?.values ?? [])];
  }
  whenCellEmpty(): FakeFilterCriteriaBuilder {
    return this._when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): FakeFilterCriteriaBuilder {
    return this._when('CELL_NOT_EMPTY', []);
  }
  whenTextEqualTo(text: string): FakeFilterCriteriaBuilder {
    return this._when('TEXT_EQUAL_TO', [text]);
  }
  whenTextContains(text: string): FakeFilterCriteriaBuilder {
    return this._when('TEXT_CONTAINS', [text]);
  }
  whenTextDoesNotContain(text: string): FakeFilterCriteriaBuilder {
    return this._when('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  whenTextStartsWith(text: string): FakeFilterCriteriaBuilder {
    return this._when('TEXT_STARTS_WITH', [text]);
  }
  whenTextEndsWith(text: string): FakeFilterCriteriaBuilder {
    return this._when('TEXT_ENDS_WITH', [text]);
  }
  whenNumberEqualTo(number: number): FakeFilterCriteriaBuilder {
    return this._when('NUMBER_EQUAL_TO', [number]);
  }
  whenNumberNotEqualTo(number: number): FakeFilterCriteriaBuilder {
    return this._when('NUMBER_NOT_EQUAL_TO', [number]);
  }
  whenNumberGreaterThan(number: number): FakeFilterCriteriaBuilder {
    return this._when('NUMBER_GREATER_THAN', [number]);
  }
  whenNumberGreaterThanOrEqualTo(number: number): FakeFilterCriteriaBuilder {
    return this._when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }
  whenNumberLessThan(number: number): FakeFilterCriteriaBuilder {
    return this._when('NUMBER_LESS_THAN', [number]);
  }
  whenNumberLessThanOrEqualTo(number: number): FakeFilterCriteriaBuilder {
    return this._when('NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }
  whenNumberBetween(start: number, end: number): FakeFilterCriteriaBuilder {
    return this._when('NUMBER_BETWEEN', [start, end]);
  }
  whenNumberNotBetween(start: number, end: number): FakeFilterCriteriaBuilder {
    return this._when('NUMBER_NOT_BETWEEN', [start, end]);
  }
  withCriteria(criteria: string, args: unknown[]): FakeFilterCriteriaBuilder {
    if (!FILTER_CONDITIONS.includes(criteria)) throw new Error(`fake: filter condition ${String(criteria)} is not modelled`);
    return this._when(criteria, [...args]);
  }
  copy(): FakeFilterCriteriaBuilder {
    return this.build().copy();
  }
  build(): FakeFilterCriteria {
    return new FakeFilterCriteria(this.gas, [...this.hiddenValues], this.condition && { type: this.condition.type, values: [...this.condition.values] });
  }
}

/**
 * A sheet's filter. Its range follows row and column changes like any range, its criteria stay on
 * their columns, and the rows it hides are worked out from the criteria and the cells' current
 * values whenever asked, so they follow writes and moved rows. The first row of the range is its
 * header and is never hidden.
 */
export class FakeFilter extends FakeObject {
  /** Criteria by 1-based sheet column. */
  criteria = new Map<number, FakeFilterCriteria>();

  constructor(
    gas: FakeGas,
    readonly sheet: FakeSheet,
    public area: Area,
  ) {
    super(gas);
  }
  _live(): void {
    if (this.sheet.filter !== this) throw new Error('fake: this filter was removed');
  }
  _column(columnPosition: number): number {
    this._live();
    if (!Number.isInteger(columnPosition) || columnPosition < this.area.col || columnPosition >= this.area.col + this.area.cols) {
      throw new Error(`fake: column ${columnPosition} is outside the filter's range ${this.getRange().getA1Notation()}`);
    }
    return columnPosition;
  }
  _hides(rowPosition: number): boolean {
    if (rowPosition <= this.area.row || rowPosition >= this.area.row + this.area.rows) return false;
    for (const [col, criteria] of this.criteria) if (!criteria._shows(this.sheet._cell(rowPosition, col))) return true;
    return false;
  }
  getRange(): FakeRange {
    return this.sheet._rangeOf(this.area);
  }
  getColumnFilterCriteria(columnPosition: number): FakeFilterCriteria | null {
    return this.criteria.get(this._column(columnPosition)) ?? null;
  }
  setColumnFilterCriteria(columnPosition: number, filterCriteria: FakeFilterCriteria | null): FakeFilter {
    const col = this._column(columnPosition);
    if (filterCriteria === null) this.criteria.delete(col);
    else if (filterCriteria instanceof FakeFilterCriteria) this.criteria.set(col, filterCriteria);
    else throw new Error('fake: setColumnFilterCriteria needs a FilterCriteria');
    return this;
  }
  removeColumnFilterCriteria(columnPosition: number): FakeFilter {
    this.criteria.delete(this._column(columnPosition));
    return this;
  }
  remove(): void {
    this._live();
    this.sheet.filter = null;
  }
}

// ───────────────────────────── SpreadsheetApp, Ui ─────────────────────────────

export class FakeSpreadsheetApp extends FakeObject {
  readonly WrapStrategy = WRAP_STRATEGY;
  readonly DataValidationCriteria = DATA_VALIDATION_CRITERIA;
  readonly BooleanCriteria = Object.fromEntries([...FILTER_CONDITIONS, 'CUSTOM_FORMULA'].map((name) => [name, name]));
  readonly DeveloperMetadataLocationType = { SPREADSHEET: 'SPREADSHEET', SHEET: 'SHEET', ROW: 'ROW', COLUMN: 'COLUMN' };
  readonly DeveloperMetadataVisibility = { DOCUMENT: 'DOCUMENT', PROJECT: 'PROJECT' };

  getActive(): FakeSpreadsheet {
    return this.gas.book;
  }
  getActiveSpreadsheet(): FakeSpreadsheet | null {
    return this.gas.hasActiveSpreadsheet ? this.gas.book : null;
  }
  /** The one spreadsheet there is, by its id; opening by id needs the full spreadsheets scope, not currentonly. */
  openById(id: string): FakeSpreadsheet {
    needScope(this.gas, 'SpreadsheetApp.openById', 'https://www.googleapis.com/auth/spreadsheets');
    if (id !== this.gas.book.getId()) throw new Error(`Unexpected error while getting the method or property openById on object SpreadsheetApp.`);
    return this.gas.book;
  }
  getActiveSheet(): FakeSheet {
    return this.gas.book.getActiveSheet();
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
  newTextStyle(): FakeTextStyleBuilder {
    return new FakeTextStyleBuilder(this.gas);
  }
  newFilterCriteria(): FakeFilterCriteriaBuilder {
    return new FakeFilterCriteriaBuilder(this.gas);
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
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, pattern: string): string {
    if (Object.prototype.toString.call(date) !== '[object Date]') throw new Error('fake: formatDate needs a Date');
    return formatInZone(new Date(date.getTime()), timeZone, pattern);
  }
  sleep(milliseconds: number): void {
    // Apps Script's limit: "The maximum allowed value is 300000 (or 5 minutes)".
    if (!Number.isInteger(milliseconds) || milliseconds < 0 || milliseconds > 300_000)
      throw this.gas.violation(`${milliseconds} is not a wait of 0 to 300000 ms`);
    this.gas.sleeps.push(milliseconds);
  }
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

// ───────────────────────────── ScriptApp, UrlFetchApp, MailApp ─────────────────────────────

const SCRIPTAPP_SCOPE = 'https://www.googleapis.com/auth/script.scriptapp';
const EXTERNAL_REQUEST_SCOPE = 'https://www.googleapis.com/auth/script.external_request';
const SEND_MAIL_SCOPE = 'https://www.googleapis.com/auth/script.send_mail';

/**
 * Apps Script refuses a service the user has not granted the scope of, with this message (the one
 * it gives in the editor and in add-ons; a trigger's run stops there).
 */
function needScope(gas: FakeGas, method: string, scope: string): void {
  if (!gas.grantedScopes.has(scope)) throw new Error(`You do not have permission to call ${method}. Required permissions: ${scope}`);
}

/** Scopes a script may ask about: only those its manifest declares ("Scopes that are invalid or not required by the script lead to an error"). */
function checkDeclared(gas: FakeGas, scopes: readonly string[]): void {
  const undeclared = scopes.filter((scope) => !MANIFEST_SCOPES.includes(scope));
  if (undeclared.length > 0) throw gas.violation(`${undeclared.join(', ')} not declared in appsscript.json's oauthScopes`);
}

export class FakeAuthorizationInfo extends FakeObject {
  constructor(
    gas: FakeGas,
    /** The scopes asked about, and which of them are granted. */
    private readonly asked: readonly string[],
    private readonly granted: readonly string[],
  ) {
    super(gas);
  }
  getAuthorizationStatus(): string {
    return this.granted.length === this.asked.length ? 'NOT_REQUIRED' : 'REQUIRED';
  }
  /** The reference: "This method returns null if no authorization is required." */
  getAuthorizationUrl(): string | null {
    return this.getAuthorizationStatus() === 'REQUIRED' ? 'https://script.google.com/macros/d/fake-script/authorize' : null;
  }
  getAuthorizedScopes(): string[] {
    return [...this.granted];
  }
}

/** A time-driven trigger: the only kind the add-on installs. */
export class FakeTrigger extends FakeObject {
  constructor(
    gas: FakeGas,
    readonly uniqueId: string,
    readonly handler: string,
    /** The user who created it: triggers run as, and are seen by, their owner only. */
    readonly owner: string,
    /** The spreadsheet it was created in (an add-on's triggers belong to one document). */
    readonly documentId: string,
    readonly schedule: { everyDays: number | null; everyHours: number | null; atHour: number | null; nearMinute: number | null; timeZone: string | null },
  ) {
    super(gas);
  }
  getEventType(): string {
    return 'CLOCK';
  }
  getTriggerSource(): string {
    return 'CLOCK';
  }
  getHandlerFunction(): string {
    return this.handler;
  }
  getUniqueId(): string {
    return this.uniqueId;
  }
}

export class FakeClockTriggerBuilder extends FakeObject {
  private readonly schedule: FakeTrigger['schedule'] = { everyDays: null, everyHours: null, atHour: null, nearMinute: null, timeZone: null };
  constructor(
    gas: FakeGas,
    private readonly handler: string,
  ) {
    super(gas);
  }
  everyDays(n: number): FakeClockTriggerBuilder {
    if (!Number.isInteger(n) || n < 1) throw this.gas.violation(`${n} is not a number of days`);
    this.schedule.everyDays = n;
    return this;
  }
  everyHours(n: number): FakeClockTriggerBuilder {
    // The reference: "n must be 1, 2, 4, 6, 8 or 12".
    if (![1, 2, 4, 6, 8, 12].includes(n)) throw this.gas.violation(`${n} is not 1, 2, 4, 6, 8 or 12`);
    this.schedule.everyHours = n;
    return this;
  }
  atHour(hour: number): FakeClockTriggerBuilder {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw this.gas.violation(`${hour} is not an hour of 0 to 23`);
    this.schedule.atHour = hour;
    return this;
  }
  nearMinute(minute: number): FakeClockTriggerBuilder {
    if (!Number.isInteger(minute) || minute < 0 || minute > 59) throw this.gas.violation(`${minute} is not a minute of 0 to 59`);
    this.schedule.nearMinute = minute;
    return this;
  }
  inTimezone(timezone: string): FakeClockTriggerBuilder {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    } catch {
      throw this.gas.violation(`${timezone} is not a time zone`);
    }
    this.schedule.timeZone = timezone;
    return this;
  }
  create(): FakeTrigger {
    needScope(this.gas, 'ClockTriggerBuilder.create', SCRIPTAPP_SCOPE);
    const { everyDays, everyHours, atHour, nearMinute } = this.schedule;
    if ((everyDays === null) === (everyHours === null)) throw this.gas.violation('a clock trigger needs one of everyDays and everyHours');
    if (atHour !== null && everyDays === null) throw this.gas.violation('atHour needs everyDays');
    if (nearMinute !== null && atHour === null) throw this.gas.violation('nearMinute needs atHour');
    const owner = this.gas.userEmail;
    const documentId = this.gas.book.id;
    // Editor add-ons: "Each add-on can only have one trigger of each type, per user, per document".
    if (this.gas.triggers.some((t) => t.owner === owner && t.documentId === documentId)) {
      throw this.gas.violation('this user already has a time-driven trigger in this document (one of each type per user per document)');
    }
    const trigger = new FakeTrigger(this.gas, `trigger-${this.gas.nextId++}`, this.handler, owner, documentId, { ...this.schedule });
    this.gas.triggers.push(trigger);
    return trigger;
  }
}

export class FakeTriggerBuilder extends FakeObject {
  constructor(
    gas: FakeGas,
    private readonly handler: string,
  ) {
    super(gas);
  }
  timeBased(): FakeClockTriggerBuilder {
    return new FakeClockTriggerBuilder(this.gas, this.handler);
  }
}

export class FakeScriptApp extends FakeObject {
  readonly AuthMode = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' };
  readonly AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' };
  readonly EventType = {
    CLOCK: 'CLOCK',
    ON_OPEN: 'ON_OPEN',
    ON_EDIT: 'ON_EDIT',
    ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
    ON_CHANGE: 'ON_CHANGE',
    ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
  };
  readonly TriggerSource = { SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK', FORMS: 'FORMS', DOCUMENTS: 'DOCUMENTS', CALENDAR: 'CALENDAR' };

  getAuthorizationInfo(authMode: string, oAuthScopes?: string[]): FakeAuthorizationInfo {
    // The reference: "in almost all cases, the value for authMode should be ScriptApp.AuthMode.FULL,
    // since no other authorization mode requires that users grant authorization".
    if (authMode !== 'FULL') throw this.gas.violation(`ask about AuthMode.FULL, not ${authMode}`);
    const asked = oAuthScopes ?? MANIFEST_SCOPES;
    checkDeclared(this.gas, asked);
    return new FakeAuthorizationInfo(
      this.gas,
      asked,
      asked.filter((scope) => this.gas.grantedScopes.has(scope)),
    );
  }
  /** Ends the run with Google's consent prompt when a scope is missing (here: an error, and the prompt recorded). */
  requireScopes(authMode: string, oAuthScopes: string[]): void {
    if (authMode !== 'FULL') throw this.gas.violation(`ask about AuthMode.FULL, not ${authMode}`);
    checkDeclared(this.gas, oAuthScopes);
    const missing = oAuthScopes.filter((scope) => !this.gas.grantedScopes.has(scope));
    if (missing.length === 0) return;
    this.gas.consentPrompts.push(missing);
    throw new Error('Authorization is required to perform that action.');
  }
  newTrigger(functionName: string): FakeTriggerBuilder {
    needScope(this.gas, 'ScriptApp.newTrigger', SCRIPTAPP_SCOPE);
    if (!/^[A-Za-z_$][\w$]*$/.test(functionName)) throw this.gas.violation(`${JSON.stringify(functionName)} is not a function name`);
    return new FakeTriggerBuilder(this.gas, functionName);
  }
  /** This user's triggers of this script, in every document. */
  getProjectTriggers(): FakeTrigger[] {
    needScope(this.gas, 'ScriptApp.getProjectTriggers', SCRIPTAPP_SCOPE);
    return this.gas.triggers.filter((t) => t.owner === this.gas.userEmail);
  }
  /** This user's triggers of this script in one document (the typings take a document, a form or a spreadsheet). */
  getUserTriggers(document: object): FakeTrigger[] {
    needScope(this.gas, 'ScriptApp.getUserTriggers', SCRIPTAPP_SCOPE);
    if (!(document instanceof FakeSpreadsheet)) throw this.gas.violation('the fake has spreadsheets only');
    return this.gas.triggers.filter((t) => t.owner === this.gas.userEmail && t.documentId === document.id);
  }
  deleteTrigger(trigger: FakeTrigger): void {
    needScope(this.gas, 'ScriptApp.deleteTrigger', SCRIPTAPP_SCOPE);
    const index = this.gas.triggers.findIndex((t) => t.uniqueId === trigger.uniqueId && t.owner === this.gas.userEmail);
    if (index < 0) throw this.gas.violation(`no trigger ${trigger.uniqueId} of this user`);
    this.gas.triggers.splice(index, 1);
  }
}

/** A request as UrlFetchApp sent it. */
export interface FakeFetchRequest {
  url: string;
  method: string;
  contentType: string | null;
  payload: string | null;
  headers: Record<string, string>;
  muteHttpExceptions: boolean;
}

const FETCH_OPTIONS = new Set([
  'url',
  'method',
  'contentType',
  'headers',
  'payload',
  'muteHttpExceptions',
  'followRedirects',
  'validateHttpsCertificates',
  'useIntranet',
  'escaping',
]);

export class FakeHTTPResponse extends FakeObject {
  constructor(
    gas: FakeGas,
    private readonly status: number,
    private readonly body: string,
  ) {
    super(gas);
  }
  getResponseCode(): number {
    return this.status;
  }
  getContentText(_charset?: string): string {
    return this.body;
  }
}

export class FakeUrlFetchApp extends FakeObject {
  fetch(url: string, params: object = {}): FakeHTTPResponse {
    needScope(this.gas, 'UrlFetchApp.fetch', EXTERNAL_REQUEST_SCOPE);
    return this._send({ ...(params as Record<string, unknown>), url });
  }
  /** Sends every request (a network failure of any of them fails the whole call, as in Apps Script). */
  fetchAll(requests: (object | string)[]): FakeHTTPResponse[] {
    needScope(this.gas, 'UrlFetchApp.fetchAll', EXTERNAL_REQUEST_SCOPE);
    const answers: FakeHTTPResponse[] = [];
    let failure: unknown = null;
    for (const request of requests) {
      try {
        answers.push(this._send(typeof request === 'string' ? { url: request } : (request as Record<string, unknown>)));
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== null) throw failure;
    return answers;
  }

  _send(options: Record<string, unknown>): FakeHTTPResponse {
    const unknown = Object.keys(options).filter((key) => !FETCH_OPTIONS.has(key));
    if (unknown.length > 0) throw this.gas.violation(`unknown request options ${unknown.join(', ')}`);
    const { url, method = 'get', contentType = null, payload = null, headers = {}, muteHttpExceptions = false } = options;
    if (typeof url !== 'string' || !/^https?:\/\/[^\s/]+/.test(url)) throw new Error(`Invalid argument: ${String(url)}`);
    if (typeof method !== 'string' || !['get', 'delete', 'patch', 'post', 'put'].includes(method.toLowerCase()))
      throw this.gas.violation(`method ${String(method)}`);
    if (contentType !== null && typeof contentType !== 'string') throw this.gas.violation('contentType is not a string');
    if (payload !== null && typeof payload !== 'string') throw this.gas.violation('the fake takes a payload as a string');
    if (typeof muteHttpExceptions !== 'boolean') throw this.gas.violation('muteHttpExceptions is not a boolean');
    const request: FakeFetchRequest = {
      url,
      method: method.toLowerCase(),
      contentType,
      payload,
      headers: { ...(headers as Record<string, string>) },
      muteHttpExceptions,
    };
    this.gas.fetches.push(request);
    const { status, body } = this.gas.fetchHandler(request);
    if (status >= 400 && !muteHttpExceptions) {
      // Apps Script's own wording, which names the URL: muteHttpExceptions keeps it out of the script's hands.
      throw new Error(`Request failed for ${url} returned code ${status}. Truncated server response: ${body.slice(0, 100)}`);
    }
    return new FakeHTTPResponse(this.gas, status, body);
  }
}

/** A mail as MailApp sent it. */
export interface FakeMail {
  to: string;
  replyTo: string | null;
  subject: string;
  body: string;
  name: string | null;
  htmlBody: string | null;
}

export class FakeMailApp extends FakeObject {
  getRemainingDailyQuota(): number {
    needScope(this.gas, 'MailApp.getRemainingDailyQuota', SEND_MAIL_SCOPE);
    return this.gas.mailQuota;
  }
  /** The typings' four forms: (message), (recipient, subject, body), (recipient, subject, body, options), (to, replyTo, subject, body). */
  sendEmail(first: string | object, second?: string, third?: string, fourth?: string | object): void {
    needScope(this.gas, 'MailApp.sendEmail', SEND_MAIL_SCOPE);
    const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
    let mail: FakeMail;
    if (typeof first === 'object') {
      const message = first as Record<string, unknown>;
      mail = {
        to: text(message.to) ?? '',
        replyTo: text(message.replyTo),
        subject: text(message.subject) ?? '',
        body: text(message.body) ?? '',
        name: text(message.name),
        htmlBody: text(message.htmlBody),
      };
    } else if (typeof fourth === 'string') {
      mail = { to: first, replyTo: second ?? null, subject: third ?? '', body: fourth, name: null, htmlBody: null };
    } else {
      const options = (fourth ?? {}) as Record<string, unknown>;
      mail = { to: first, replyTo: null, subject: second ?? '', body: third ?? '', name: text(options.name), htmlBody: text(options.htmlBody) };
    }
    if (!/^[^\s@,]+@[^\s@,]+(,[^\s@,]+@[^\s@,]+)*$/.test(mail.to)) throw new Error(`Invalid email: ${mail.to}`);
    const recipients = mail.to.split(',').length;
    if (recipients > this.gas.mailQuota) throw new Error('Service invoked too many times for one day: email.');
    this.gas.mailQuota -= recipients;
    this.gas.mails.push(mail);
  }
}
