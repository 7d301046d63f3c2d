/** The local adapters of the ports: an in-memory workbook, settings and reminder setup in memory, a real clock, collected toasts. */
import { serialFromYmd, DaySerial } from '../core/dates';
import { fillFormulaValues } from '../core/formula/tab-values';
import { offsetAtWallClock } from '../core/ics/utc-offset';
import type { Settings } from '../core/settings';
import type { AppContext, Clock, Meter, SettingsStore, Ui } from '../ports';
import { MemoryWorkbook } from './memory-workbook';
import { createMemoryReminders, type MemoryReminders } from './reminders';

/** The spreadsheet time zone of the playground and CLI, as in appsscript.json. */
export const LOCAL_TIME_ZONE = 'Asia/Shanghai';

export class MemorySettingsStore implements SettingsStore {
  constructor(private stored: Partial<Settings> = {}) {}
  load(): Partial<Settings> {
    return { ...this.stored };
  }
  save(settings: Settings): void {
    this.stored = { ...settings };
  }
}

export class CollectingUi implements Ui {
  readonly messages: Array<{ kind: 'toast' | 'alert'; message: string; title?: string; at: number }> = [];
  toast(message: string, title?: string): void {
    this.messages.push({ kind: 'toast', message, title, at: Date.now() });
  }
  alert(message: string, title?: string): void {
    this.messages.push({ kind: 'alert', message, title, at: Date.now() });
  }
}

function wallClock(timeZone: string, at: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** Times actions; the local workbook is no spreadsheet, so there are no document calls to count. */
export class LocalMeter implements Meter {
  measure<T>(fn: () => T): { result: T; ms: number; calls: null } {
    const started = performance.now();
    const result = fn();
    return { result, ms: performance.now() - started, calls: null };
  }
}

/** The real clock in a time zone, or a fixed day (tests, reproducible demos). */
export class LocalClock implements Clock {
  constructor(
    private readonly fixed: DaySerial | null = null,
    private readonly zone = LOCAL_TIME_ZONE,
  ) {}
  today(): DaySerial {
    if (this.fixed !== null) return this.fixed;
    const p = wallClock(this.zone, new Date());
    return serialFromYmd(Number(p.year), Number(p.month), Number(p.day));
  }
  nowText(): string {
    const p = wallClock(this.zone, new Date());
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  }
  timeZone(): string {
    return this.zone;
  }
  offsetMinutes(day: DaySerial, minuteOfDay: number): number {
    return offsetAtWallClock(day, minuteOfDay, (ms) => {
      const at = Math.floor(ms / 60_000) * 60_000;
      const p = wallClock(this.zone, new Date(at));
      return Math.round((Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - at) / 60_000);
    });
  }
}

export interface LocalContext extends AppContext {
  workbook: MemoryWorkbook;
  ui: CollectingUi;
  settings: MemorySettingsStore;
  reminders: MemoryReminders;
}

export function createLocalContext(
  options: { workbook?: MemoryWorkbook; locale?: string; today?: DaySerial; settings?: Partial<Settings> } = {},
): LocalContext {
  const ctx: LocalContext = {
    workbook: options.workbook ?? new MemoryWorkbook(),
    ui: new CollectingUi(),
    clock: new LocalClock(options.today ?? null),
    settings: new MemorySettingsStore(options.settings),
    locale: options.locale ?? 'zh_CN',
    meter: new LocalMeter(),
    reminders: createMemoryReminders(),
  };
  // Like a spreadsheet, the workbook shows what its formulas compute: use cases read those values
  // and the .xlsx caches them. (The playground's preview engine recalculates on every change instead.)
  ctx.workbook.recalculate ??= () =>
    fillFormulaValues(
      ctx.workbook.tabs.map((tab) => tab.spec),
      ctx.clock.today(),
    );
  return ctx;
}
