// @time-zones: the local clock says today in its own time zone, whatever the process's (build/test.mjs runs this suite under three time zones).
/** The playground's and the CLI's clock: today and the time in the time zone it is given, never the process's. */
import { fromIso } from '../../src/core/dates';
import { LocalClock } from '../../src/local/context';

afterEach(() => jest.useRealTimers());

describe('the local clock', () => {
  test.each([
    ['2026-12-31T16:30:00Z', 'Asia/Shanghai', '2027-01-01', '2027-01-01 00:30'],
    ['2026-12-31T16:30:00Z', 'America/Los_Angeles', '2026-12-31', '2026-12-31 08:30'],
    ['2026-12-31T16:30:00Z', 'UTC', '2026-12-31', '2026-12-31 16:30'],
    // The night the clocks in Los Angeles go back: 01:30 comes twice; both are the same day.
    ['2026-11-01T09:30:00Z', 'America/Los_Angeles', '2026-11-01', '2026-11-01 01:30'],
  ])('at %s in %s it is %s (%s)', (instant, zone, day, time) => {
    jest.useFakeTimers({ now: new Date(instant) });
    const clock = new LocalClock(null, zone);
    expect(clock.today()).toBe(fromIso(day));
    expect(clock.nowText()).toBe(time);
  });

  test('a fixed day stays fixed', () => {
    jest.useFakeTimers({ now: new Date('2026-12-31T23:59:00Z') });
    expect(new LocalClock(fromIso('2026-11-23')).today()).toBe(fromIso('2026-11-23'));
  });
});

describe('the local clock’s UTC offsets, for calendar files', () => {
  test.each([
    ['Asia/Shanghai', '2026-07-01', 9 * 60, 480],
    ['Asia/Shanghai', '2026-12-07', 20 * 60, 480],
    ['America/Los_Angeles', '2026-01-15', 9 * 60, -480],
    ['America/Los_Angeles', '2026-07-01', 9 * 60, -420],
    // 02:30 never happens that night: read with the offset before (03:30 PDT); 01:30 in November happens twice: the first.
    ['America/Los_Angeles', '2026-03-08', 2 * 60 + 30, -480],
    ['America/Los_Angeles', '2026-11-01', 1 * 60 + 30, -420],
    ['America/Los_Angeles', '2026-11-01', 2 * 60, -480],
    ['UTC', '2026-07-01', 0, 0],
    ['Asia/Kolkata', '2026-07-01', 12 * 60, 330],
  ])('%s on %s at minute %i is %i minutes east of UTC', (zone, day, minute, offset) => {
    const clock = new LocalClock(fromIso('2026-11-23'), zone);
    expect(clock.timeZone()).toBe(zone);
    expect(clock.offsetMinutes(fromIso(day)!, minute)).toBe(offset);
  });

  test('the playground’s and the CLI’s clock is in the spreadsheet time zone of appsscript.json', () => {
    expect(new LocalClock().timeZone()).toBe('Asia/Shanghai');
  });
});

/** Set by test/support/time-zone-environment.js when build/test.mjs runs this suite in a time zone of its own. */
declare const SOP_TIME_ZONE: string | undefined;

describe('the time zone of this run', () => {
  // Offsets on 1 July 2026 (daylight time in Los Angeles), in minutes as Date gives them.
  const JULY_OFFSETS: Record<string, number> = { 'Asia/Shanghai': -480, 'America/Los_Angeles': 420, UTC: 0 };
  const zone = typeof SOP_TIME_ZONE === 'string' ? SOP_TIME_ZONE : process.env.TZ;

  test('is the one the run asked for, in Date, Intl and the environment of the programs a test starts', () => {
    if (!zone || !(zone in JULY_OFFSETS)) return;
    expect(new Date(2026, 6, 1).getTimezoneOffset()).toBe(JULY_OFFSETS[zone]);
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toMatch(zone === 'UTC' ? /^(UTC|Etc\/UTC)$/ : zone);
    expect(process.env.TZ).toBe(zone);
  });
});
