/**
 * Date cells as day serials. Sheets hands a date cell to Apps Script as a Date: the instant at which
 * the spreadsheet's time zone shows the cell's wall-clock date and time. The day serial is that wall
 * clock counted in days from 1899-12-30, whatever the script's own time zone.
 *
 * Asking Utilities.formatDate for the wall clock of every cell costs one service call per cell
 * (8,402 to read back a 2,800-row SOP tab). The offset of a time zone changes only a few times a
 * year, so it is asked for once per stretch of time in which it holds: three probes per calendar
 * month a tab's dates fall in, a binary search (about 15 probes) for each half-month with a
 * change of offset (daylight saving time), and each date is then converted by arithmetic.
 *
 * Before 1970 a zone may have kept local mean time, with offsets in seconds (Shanghai: +08:05:43),
 * and a time-of-day cell comes back as a Date on 1899-12-30: those are converted one by one, each
 * distinct instant once.
 */
import { serialFromYmd, type DaySerial } from '../core/dates';

const MINUTE_MS = 60_000;
/** Day serial of 1970-01-01, the epoch of Date. */
const EPOCH_SERIAL = 25_569;
const ARITHMETIC_FROM = Date.UTC(1970, 0, 1);

/** A stretch of time [from, to) in which the zone's offset stays `offsetMs` (wall clock = instant + offset). */
interface Span {
  from: number;
  to: number;
  offsetMs: number;
}

/** The wall clock of an instant in a time zone, as Utilities.formatDate gives it. */
export type WallClockFormatter = (date: Date, timeZone: string, pattern: string) => string;

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export class SheetDates {
  private readonly spans: Span[] = [];
  private readonly exact = new Map<number, DaySerial | null>();
  /** How many times the formatter was asked (for the bench and the tests). */
  probes = 0;

  constructor(
    private readonly timeZone: string,
    private readonly format: WallClockFormatter = (date, zone, pattern) => Utilities.formatDate(date, zone, pattern),
  ) {}

  /** The day serial of a date cell's value; a time of day keeps its fraction (whole seconds). */
  serial(date: Date): DaySerial | null {
    const ms = date.getTime();
    if (!Number.isFinite(ms)) return null;
    if (ms < ARITHMETIC_FROM) {
      if (!this.exact.has(ms)) this.exact.set(ms, this.serialOfWallClock(date));
      return this.exact.get(ms) as DaySerial | null;
    }
    const offsetMs = this.offsetAt(ms);
    if (offsetMs === null) return this.serialOfWallClock(date);
    const wallSeconds = Math.floor((ms + offsetMs) / 1000);
    const days = Math.floor(wallSeconds / 86_400);
    return EPOCH_SERIAL + days + (wallSeconds - days * 86_400) / 86_400;
  }

  private offsetAt(ms: number): number | null {
    for (const span of this.spans) if (ms >= span.from && ms < span.to) return span.offsetMs;
    const at = new Date(ms);
    const from = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
    const to = Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
    const middle = from + Math.floor((to - from) / 2 / MINUTE_MS) * MINUTE_MS;
    const [first, mid, last] = [from, middle, to - MINUTE_MS].map((t) => this.probe(t));
    if (first === null || mid === null || last === null) return null;
    // At most one change of offset is looked for in each half of the month (a zone changes a few times a year).
    let spanStart = from;
    let offset = first;
    for (const [low, high, next] of [
      [from, middle, mid],
      [middle, to - MINUTE_MS, last],
    ]) {
      if (next === offset) continue;
      const change = this.findChange(low, high, offset);
      if (change === null) return null;
      this.spans.push({ from: spanStart, to: change, offsetMs: offset });
      [spanStart, offset] = [change, next];
    }
    this.spans.push({ from: spanStart, to, offsetMs: offset });
    for (const span of this.spans) if (ms >= span.from && ms < span.to) return span.offsetMs;
    return null;
  }

  /** The first minute in (low, high] whose offset differs from `before` (offsets change on whole minutes). */
  private findChange(low: number, high: number, before: number): number | null {
    let lo = low;
    let hi = high;
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      const offset = this.probe(mid);
      if (offset === null) return null;
      if (offset === before) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  /** The zone's offset at an instant (a whole minute), from its wall clock. */
  private probe(ms: number): number | null {
    const wall = this.wallClock(new Date(ms));
    if (!wall) return null;
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hours, wall.minutes, wall.seconds) - ms;
  }

  private serialOfWallClock(date: Date): DaySerial | null {
    const wall = this.wallClock(date);
    if (!wall) return null;
    return serialFromYmd(wall.year, wall.month, wall.day) + (wall.hours * 3600 + wall.minutes * 60 + wall.seconds) / 86_400;
  }

  private wallClock(date: Date): { year: number; month: number; day: number; hours: number; minutes: number; seconds: number } | null {
    this.probes++;
    const m = WALL_CLOCK.exec(this.format(date, this.timeZone, 'yyyy-MM-dd HH:mm:ss'));
    if (!m) return null;
    const [year, month, day, hours, minutes, seconds] = m.slice(1).map(Number);
    return { year, month, day, hours, minutes, seconds };
  }
}
