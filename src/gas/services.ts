/** Apps Script adapters for the Ui, Clock and SettingsStore ports, and the context wiring them. */
import { isSidebarPage, sidebarBoot, sidebarFile, type SidebarPage } from '../app/boot';
import { DaySerial, fromIso } from '../core/dates';
import { offsetAtWallClock } from '../core/ics/utc-offset';
import { DEFAULT_SETTINGS, Settings } from '../core/settings';
import type { AppContext, Clock, SettingsStore, Ui } from '../ports';
import { SheetsMeter } from './meter';
import { createGasReminders } from './reminders';
import { SheetsWorkbook } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Document property holding the settings as one JSON object. */
export const SETTINGS_PROPERTY = 'sop-planner.settings';

const TOAST_SECONDS = 5;

export class SheetsUi implements Ui {
  constructor(private readonly spreadsheet: Spreadsheet) {}

  toast(message: string, title?: string): void {
    this.spreadsheet.toast(message, title ?? '', TOAST_SECONDS);
  }

  alert(message: string, title?: string): void {
    const ui = SpreadsheetApp.getUi();
    if (title) ui.alert(title, message, ui.ButtonSet.OK);
    else ui.alert(message);
  }

  showSidebar(page: string, section?: string): void {
    if (!isSidebarPage(page)) throw new Error(`No sidebar page ${page}`);
    showSidebarPage(createGasContext({ spreadsheet: this.spreadsheet }), page, section);
  }
}

/** Shows a page's built sidebar file with its boot data appended (the page's messages in the session's language). */
export function showSidebarPage(ctx: AppContext, page: SidebarPage, section?: string): void {
  const boot = sidebarBoot(ctx, page, section);
  const html = HtmlService.createHtmlOutputFromFile(sidebarFile(page))
    .append(`<script>window.__SOP_BOOT__=${JSON.stringify(boot).replace(/</g, '\\u003c')};</script>`)
    .setTitle(boot.title);
  SpreadsheetApp.getUi().showSidebar(html);
}

export class SheetsClock implements Clock {
  constructor(
    private readonly spreadsheet: Spreadsheet,
    private readonly now: () => Date = () => new Date(),
  ) {}

  today(): DaySerial {
    const serial = fromIso(this.format('yyyy-MM-dd'));
    if (serial === null) throw new Error('Utilities.formatDate returned an unreadable date');
    return serial;
  }

  nowText(): string {
    return this.format('yyyy-MM-dd HH:mm');
  }

  timeZone(): string {
    // The spreadsheet's time zone does not change during an action: asked for once.
    return (this.zone ??= this.spreadsheet.getSpreadsheetTimeZone());
  }

  offsetMinutes(day: DaySerial, minuteOfDay: number): number {
    return offsetAtWallClock(day, minuteOfDay, (ms) => {
      // A calendar file asks for every item's offset, and neighbouring items share their probes.
      let offset = this.offsets.get(ms);
      if (offset === undefined) {
        const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(Utilities.formatDate(new Date(ms), this.timeZone(), 'yyyy-MM-dd HH:mm'));
        if (!m) throw new Error('Utilities.formatDate returned an unreadable time');
        const [year, month, dayOfMonth, hours, minutes] = m.slice(1).map(Number);
        offset = Math.round((Date.UTC(year, month - 1, dayOfMonth, hours, minutes) - Math.floor(ms / 60_000) * 60_000) / 60_000);
        this.offsets.set(ms, offset);
      }
      return offset;
    });
  }

  private zone: string | null = null;
  private readonly offsets = new Map<number, number>();

  private format(pattern: string): string {
    return Utilities.formatDate(this.now(), this.timeZone(), pattern);
  }
}

/** Settings live with the document, so everyone editing it shares them. */
export class DocumentSettingsStore implements SettingsStore {
  load(): Partial<Settings> {
    const raw = PropertiesService.getDocumentProperties().getProperty(SETTINGS_PROPERTY);
    if (!raw) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return {};
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const stored = parsed as Record<string, unknown>;
    const settings: Record<string, unknown> = {};
    for (const key of Object.keys(DEFAULT_SETTINGS)) if (key in stored) settings[key] = stored[key];
    return settings as Partial<Settings>;
  }

  save(settings: Settings): void {
    PropertiesService.getDocumentProperties().setProperty(SETTINGS_PROPERTY, JSON.stringify(settings));
  }
}

/**
 * The ports over the active spreadsheet, for menu actions and sidebar calls (not for onOpen).
 * `metered`: the workbook's calls are counted and timed (the self-test); other actions run on the
 * spreadsheet itself, without the counting wrappers.
 */
export function createGasContext(options: { metered?: boolean; spreadsheet?: Spreadsheet; meter?: SheetsMeter } = {}): AppContext {
  // A trigger hands the spreadsheet it runs for (it may have no active one).
  const spreadsheet = options.spreadsheet ?? SpreadsheetApp.getActiveSpreadsheet();
  const meter = options.meter ?? (options.metered ? new SheetsMeter() : undefined);
  const clock = new SheetsClock(spreadsheet);
  const book = meter ? meter.wrap(spreadsheet) : spreadsheet;
  let locale: string | undefined;
  return {
    // The workbook turns Sheets' dates into day serials in the time zone the clock has asked for already.
    workbook: new SheetsWorkbook(book, () => clock.timeZone()),
    ui: new SheetsUi(spreadsheet),
    clock,
    settings: new DocumentSettingsStore(),
    // Asked once, when a use case first reads it: an edit trigger (AuthMode.LIMITED) never does.
    get locale(): string {
      locale ??= Session.getActiveUserLocale();
      return locale;
    },
    ...(meter ? { meter } : {}),
    // Built without a call: only a use case that asks reads the person's setup, trigger or scopes.
    reminders: createGasReminders(book, () => clock.timeZone()),
    anew: () => createGasContext({ spreadsheet, ...(meter ? { meter } : {}) }),
  };
}
