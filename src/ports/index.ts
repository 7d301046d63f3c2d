/**
 * Ports: what the use cases need from the outside world. Adapters: src/gas (SpreadsheetApp,
 * PropertiesService, LockService) and src/local (in-memory workbook for the playground, CLI, tests).
 */
import type { DaySerial } from '../core/dates';
import type { ChatChannel } from '../core/remind/settings';
import type { OutgoingMail, OutgoingRequest } from '../core/remind/outgoing';
import type { Settings } from '../core/settings';
import type { TabContent } from '../core/tab/content';
import type { TabUpdate } from '../core/tab/layers';
import type { MarkerKey } from '../core/tab/marker';
import type { CellValue, TabMarker, TabSpec } from '../core/tab/spec';

export interface TabInfo {
  name: string;
  /** Set on tabs this add-on generated; null on every other tab. */
  marker: TabMarker | null;
  /** Hidden from the tab strip (old versions the add-on kept are). */
  hidden?: boolean;
}

export interface WriteResult {
  name: string; // the name the tab has now (may differ from spec.name: "团队 (2)")
  created: boolean;
  /** The hidden copy of the tab as it was, when the update needed one; null otherwise. */
  oldVersion: string | null;
}

export interface SheetSelection {
  tab: string;
  values: CellValue[][];
  top: number;
  left: number;
}

export interface Workbook {
  /** Every tab, in order. In Sheets this asks each tab its name: use markedTabs or findTab where they do. */
  listTabs(): TabInfo[];
  /**
   * The add-on's tabs whose marker `accept` takes (all of them without it), found by their
   * markers in one search, and only those taken are asked their names, so what it costs does not grow
   * with the other tabs.
   */
  markedTabs(accept?: (marker: TabMarker) => boolean): TabInfo[];
  /**
   * The markers of the add-on's tabs that `accept` takes, without their tabs' names: in Sheets one
   * metadata search, whatever the workbook holds. For what the markers alone say (groups, cohorts, templates).
   */
  tabMarkers(accept?: (marker: TabMarker) => boolean): TabMarker[];
  /**
   * The typed values (as readTab) of the add-on's tabs that `accept` takes, with their markers, read
   * without asking their names: for a use case that counts what the tabs hold and names no tab.
   */
  readMarkedTabs(accept: (marker: TabMarker) => boolean): Array<{ marker: TabMarker; values: CellValue[][] }>;
  /**
   * Replaces what the marker of the add-on's tab of that name says about it (TabMarker.about), leaving
   * its identity and memo; one write. For what changes while the tab's cells stay (an SOP tab edited by hand).
   */
  rememberAbout(name: string, about: MarkerKey): void;
  /** The tab of that name (regardless of case, as Sheets compares names) with its marker; null when there is none. */
  findTab(name: string): TabInfo | null;
  /** The typed values of a tab's data range (dates as day serials, times as day fractions). */
  readTab(name: string): CellValue[][];
  /** The first `rows` rows of readTab: enough to recognise a table by its header without reading a long tab. */
  readTabHead(name: string, rows: number): CellValue[][];
  /**
   * What a link to a cell of that tab starts with; an A1 reference ("L5") completes it. Sheets links by
   * the tab's id ("#gid=123&range="), so the link survives a rename; a file by its name ("#'Tab'!").
   */
  tabLinkPrefix(name: string): string;
  /**
   * The tab's web address, for a message that leaves the spreadsheet (a reminder in a work chat links
   * each item to its row): Sheets' URL with the tab's id; absent where the workbook has no address (a file).
   */
  tabUrl?(name: string): string | null;
  /**
   * The spreadsheet's id and the tab's sheet id (gid), from which the core builds the tab's PDF export
   * link (core/tab/print.ts); absent where the workbook is no Google spreadsheet (a file, the playground).
   */
  printTarget?(name: string): { spreadsheetId: string; sheetId: number };
  /** Values, formulas and notes of a tab: what the add-on compares before updating one of its tabs. */
  readTabContent(name: string): TabContent;
  /** The current selection when it spans more than one cell, else null; top/left: its first cell (0-based). */
  readSelection(): SheetSelection | null;
  activeTabName(): string | null;
  /** The active tab with its marker; null when none is known. In Sheets a few reads, whatever else the workbook holds. */
  activeTab(): TabInfo | null;
  /**
   * Writes a generated tab. The tab carrying spec.marker is updated in place — redrawn from the spec,
   * or, given an update planned from its content (core/tab/layers.ts), changed only where the add-on's
   * cells are, its rows moved whole; otherwise a new tab is created with spec.name, or "name (2)"… when
   * another tab already has that name. A tab without our marker is never overwritten.
   */
  writeTab(spec: TabSpec, update?: TabUpdate | null): WriteResult;
  /**
   * Makes sure the workbook can hold these tabs (the same spec objects writeTab then gets) before any
   * is written; throws AppError('error.workbookFull'), having changed nothing, when it cannot.
   */
  reserveRoom(tabs: ReadonlyArray<{ spec: TabSpec; update?: TabUpdate | null }>): void;
  activate(name: string): void;
  /**
   * Deletes a tab the add-on generated (it carries our marker); a tab without our marker is never
   * deleted (AppError 'error.notOurTab'). Only the self-test deletes tabs: those it made itself.
   */
  deleteTab(name: string): void;
  /** What a tab carries beyond its cells: its conditional-format rules and its cells with a dropdown or checkbox. */
  tabFeatures(name: string): TabFeatures;
  /** Runs fn while holding the document lock; throws AppError('error.busy') when it cannot be had. */
  withLock<T>(fn: () => T): T;
}

export interface TabFeatures {
  conditionalFormats: number;
  /** Cells with a data validation (dropdown, checkbox). */
  validatedCells: number;
}

/** Document calls an action made, as the host counts them. */
export interface DocumentCalls {
  reads: number;
  writes: number;
  /** Reads that had to wait for pending writes to reach the document. */
  roundTrips: number;
}

/** Times an action and counts the document calls it makes (the self-test's figures). */
export interface Meter {
  /** `calls` is null where the host has no spreadsheet to count calls on (the local workbook). */
  measure<T>(fn: () => T): { result: T; ms: number; calls: DocumentCalls | null };
}

export interface Ui {
  toast(message: string, title?: string): void;
  alert(message: string, title?: string): void;
  /**
   * Shows a sidebar page (app/boot.ts SidebarPage) in place of the open one, opened on `section`. Only
   * where the host shows sidebars itself (Sheets); the playground's page shows its own.
   */
  showSidebar?(page: string, section?: string): void;
}

export interface Clock {
  /** Today in the spreadsheet's time zone. */
  today(): DaySerial;
  /** Now as "YYYY-MM-DD HH:MM" in the spreadsheet's time zone (for notes saying when a tab was made). */
  nowText(): string;
  /** The spreadsheet's time zone, an IANA name such as "Asia/Shanghai" (calendar files name it). */
  timeZone(): string;
  /** Minutes east of UTC (480 in Shanghai) of the spreadsheet's time zone at a local day and minute of the day. */
  offsetMinutes(day: DaySerial, minuteOfDay: number): number;
}

export interface SettingsStore {
  load(): Partial<Settings>;
  save(settings: Settings): void;
}

/** Everything a use case may touch. */
export interface AppContext {
  workbook: Workbook;
  ui: Ui;
  clock: Clock;
  settings: SettingsStore;
  /** The user's locale, e.g. "zh_CN" or "en_US" (Session.getActiveUserLocale in Sheets). */
  locale: string;
  /** Present where the host can time and count calls (Sheets and the local hosts): the self-test uses it. */
  meter?: Meter;
  /** Where the host can keep a reminder setup and a daily trigger (Sheets; the local hosts keep them in memory). */
  reminders?: ReminderPorts;
  /**
   * The context a new server call starts with, sharing the meter: nothing the workbook or the clock
   * learnt in this one is known to it (Sheets). The self-test counts a sidebar's opening in one, as the
   * sidebar's own call would; absent where nothing is kept between calls.
   */
  anew?(): AppContext;
}

export interface ReminderPorts {
  store: ReminderStore;
  trigger: ReminderTrigger;
  scopes: ReminderScopes;
  /** Milliseconds since the epoch, for the platforms' signatures (the core keeps no clock of its own). */
  now(): number;
  /**
   * A sender for a person's own "send a test now", where the host can send while the person waits
   * (Sheets). Absent in the playground, which sends nothing; the CLI sends with its own (asynchronous) one.
   */
  sender?: (options: ReminderSenderOptions) => ReminderSender;
}

/**
 * Reminders (opt-in). What the use cases need to keep a person's reminder setup and its daily trigger;
 * the sending itself is done by the host (Apps Script: UrlFetchApp/MailApp; the CLI: Node's fetch),
 * from requests the core composed, so the use cases stay synchronous and pure of network code.
 */
export interface ReminderStore {
  /** The stored setup of the person running the script (Apps Script: user properties), as JSON text; null when none. */
  load(): string | null;
  save(json: string | null): void;
}

/** The daily time-driven trigger that sends reminders, of the person running the script, in this spreadsheet. */
export interface ReminderTrigger {
  /** The hour and minute it fires at (spreadsheet time zone), or null when there is none. */
  current(): { hour: number; minute: number } | null;
  /** Replaces any existing one with a trigger firing every day near hour:minute. */
  install(hour: number, minute: number): void;
  remove(): void;
}

/** The permissions reminders need beyond the add-on's two (triggers, external requests, mail). */
export interface ReminderScopes {
  /** The scopes still to be granted (empty when all are). */
  missing(): string[];
  /**
   * Asks for them (Apps Script: the script service's requireScopes, which stops the run and shows the consent
   * prompt when one is missing); returns normally when all are granted.
   */
  require(): void;
}

/** What the core composes for a reminder (core/remind/outgoing.ts): a webhook call, an email. */
export type { OutgoingMail, OutgoingRequest } from '../core/remind/outgoing';

/** The outcome of one request or mail: the HTTP status and the platform's own code/message when it sent one. */
export interface SendOutcome {
  ok: boolean;
  status: number | null;
  /** The platform's error text (or the network error), never the URL or a secret. */
  detail: string;
}

/** Sends what the core composed; implemented by each host (never called by the core). */
export interface ReminderSender {
  post(requests: readonly OutgoingRequest[]): SendOutcome[] | Promise<SendOutcome[]>;
  mail(mails: readonly OutgoingMail[]): SendOutcome[] | Promise<SendOutcome[]>;
}

/** How a host's sender is made (src/gas/reminders.ts, src/local/reminders.ts). */
export interface ReminderSenderOptions {
  /** Whose replies the posts get (core/remind/reply.ts reads each platform's fields); told by the webhook's address when absent. */
  channel?: ChatChannel;
  /** The least time between two posts to one webhook, in ms (the platform's rate limit: core/remind/chat.ts minIntervalMs). */
  spacingMs: number;
  /** The sender's name a mail shows (e.g. "社群SOP助手"). */
  senderName: string;
}
