// @time-zones: date cells become day serials by the spreadsheet's time zone, never the process's (build/test.mjs runs this suite under three time zones).
/**
 * Date cells become day serials with a few questions to Utilities.formatDate per month of dates,
 * not one per cell, and give exactly what asking for every cell gives — across daylight-saving
 * changes, in zones with half-hour offsets, and for times of day (Dates on 1899-12-30, local mean time).
 */
import fc from 'fast-check';
import { serialFromYmd } from '../../src/core/dates';
import { SheetDates } from '../../src/gas/sheet-dates';
import { formatInZone } from './fake-spreadsheet';

const ZONES = ['Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'America/St_Johns', 'UTC'];

/** The Date Sheets hands over for a cell showing `serial` in `zone` (the wall clock → the instant). */
function dateFromSerial(serial: number, zone: string): Date {
  const wallMs = Math.round((serial - 25569) * 86400_000);
  let instant = wallMs;
  for (let i = 0; i < 3; i++) {
    const [y, mo, d, h, mi, s] = formatInZone(new Date(instant), zone, 'yyyy-MM-dd HH:mm:ss').split(/[- :]/).map(Number);
    instant += wallMs - Date.UTC(y, mo - 1, d, h, mi, s);
  }
  return new Date(instant);
}

/** The conversion one cell at a time: the wall clock as formatDate gives it. */
function exactSerial(date: Date, zone: string): number {
  const [y, mo, d, h, mi, s] = formatInZone(date, zone, 'yyyy-MM-dd HH:mm:ss').split(/[- :]/).map(Number);
  return serialFromYmd(y, mo, d) + (h * 3600 + mi * 60 + s) / 86400;
}

describe('date cells as day serials', () => {
  test('a date, a date with a time and a time of day read as they show, in every zone', () => {
    for (const zone of ZONES) {
      const dates = new SheetDates(zone, formatInZone);
      const christmas = serialFromYmd(2026, 12, 25);
      expect(dates.serial(dateFromSerial(christmas, zone))).toBe(christmas);
      expect(dates.serial(dateFromSerial(christmas + 0.75, zone))).toBeCloseTo(christmas + 0.75, 9);
      // A time-of-day cell: 09:30 on Sheets' day zero.
      expect(dates.serial(dateFromSerial(0.3958333333333333, zone))).toBeCloseTo(0.3958333333333333, 9);
    }
  });

  test('the same as asking for every cell, for any dates between 1900 and 2100 (daylight saving included)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(fc.integer({ min: serialFromYmd(1900, 1, 1) * 1440, max: serialFromYmd(2100, 1, 1) * 1440 }), { minLength: 1, maxLength: 40 }),
        (zone, minutes) => {
          const dates = new SheetDates(zone, formatInZone);
          for (const minute of minutes) {
            const date = dateFromSerial(minute / 1440, zone);
            expect(dates.serial(date)).toBeCloseTo(exactSerial(date, zone), 9);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('around the changes of Los Angeles’s clocks, minute by minute', () => {
    const zone = 'America/Los_Angeles';
    const dates = new SheetDates(zone, formatInZone);
    // 2026-03-08 02:00 → 03:00 and 2026-11-01 02:00 → 01:00, local time.
    for (const start of [Date.UTC(2026, 2, 8, 8), Date.UTC(2026, 10, 1, 7)]) {
      for (let t = start; t < start + 4 * 3600_000; t += 60_000) expect(dates.serial(new Date(t))).toBeCloseTo(exactSerial(new Date(t), zone), 9);
    }
  });

  test('a 2,800-row tab of dates over two months costs a handful of probes, not one per cell', () => {
    for (const zone of ZONES) {
      const dates = new SheetDates(zone, formatInZone);
      const first = serialFromYmd(2026, 10, 20);
      for (let i = 0; i < 2800; i++) dates.serial(dateFromSerial(first + (i % 60), zone));
      // Three probes per month (October to December), and a search in a month whose offset changes.
      expect([zone, dates.probes <= 3 * 3 + 2 * 18]).toEqual([zone, true]);
    }
  });
});
