/** The offset of a local time, from a zone's offset at instants: the rule both Clock adapters follow. */
import { fromIso, type DaySerial } from '../../../src/core/dates';
import { offsetAtWallClock } from '../../../src/core/ics/utc-offset';

const day = (iso: string): DaySerial => fromIso(iso) as DaySerial;
/** America/Los_Angeles in 2026: daylight time from 8 March 10:00Z to 1 November 09:00Z. */
const la = (ms: number): number => (ms >= Date.UTC(2026, 2, 8, 10) && ms < Date.UTC(2026, 10, 1, 9) ? -420 : -480);
/** Australia/Lord_Howe in April 2026: +11 until 5 April 02:00 local (15:00Z on the 4th), when clocks go back to 01:30 (+10:30). */
const lordHowe = (ms: number): number => (ms < Date.UTC(2026, 3, 4, 15) ? 660 : 630);

describe('the UTC offset of a local time', () => {
  test('a zone without daylight time has one offset, asking twice', () => {
    let probes = 0;
    const shanghai = () => (probes++, 480);
    expect(offsetAtWallClock(day('2026-12-07'), 20 * 60, shanghai)).toBe(480);
    expect(probes).toBe(2);
  });

  test.each([
    ['winter', '2026-01-15', 9 * 60, -480],
    ['summer', '2026-07-01', 9 * 60, -420],
    ['the minute before the clocks go forward', '2026-03-08', 1 * 60 + 59, -480],
    ['a minute that never happens (02:30): read with the offset before, so 03:30 PDT', '2026-03-08', 2 * 60 + 30, -480],
    ['after the clocks went forward', '2026-03-08', 3 * 60, -420],
    ['a minute that happens twice (01:30): the first, in daylight time', '2026-11-01', 1 * 60 + 30, -420],
    ['after the hour that happens twice', '2026-11-01', 2 * 60, -480],
  ])('Los Angeles, %s', (_what, iso, minute, offset) => {
    expect(offsetAtWallClock(day(iso), minute, la)).toBe(offset);
  });

  test('half-hour changes too (Lord Howe Island): 01:45 happens twice, the first is taken', () => {
    expect(offsetAtWallClock(day('2026-04-05'), 1 * 60 + 15, lordHowe)).toBe(660);
    expect(offsetAtWallClock(day('2026-04-05'), 1 * 60 + 45, lordHowe)).toBe(660);
    expect(offsetAtWallClock(day('2026-04-05'), 2 * 60, lordHowe)).toBe(630);
  });
});
