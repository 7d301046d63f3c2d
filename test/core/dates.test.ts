import fc from 'fast-check';
import {
  addDays,
  daysInMonth,
  formatTimeOfDay,
  fromIso,
  isLeapYear,
  parseDate,
  parseMonth,
  parseTimeOfDay,
  readDate,
  readMonth,
  serialFromEpochMillis,
  serialFromYmd,
  toIso,
  weekday,
  ymdFromSerial,
} from '../../src/core/dates';

describe('day serials count days the way Sheets does', () => {
  test('known serials', () => {
    expect(serialFromYmd(1899, 12, 30)).toBe(0);
    expect(serialFromYmd(1900, 3, 1)).toBe(61);
    expect(serialFromYmd(2026, 12, 1)).toBe(46357);
    expect(toIso(46357)).toBe('2026-12-01');
    expect(serialFromYmd(2027, 1, 1) - serialFromYmd(2026, 12, 31)).toBe(1);
  });

  test('weekdays: 2026-12-01 is a Tuesday, 2026-10-10 a Saturday', () => {
    expect(weekday(serialFromYmd(2026, 12, 1))).toBe(2);
    expect(weekday(serialFromYmd(2026, 10, 10))).toBe(6);
    expect(weekday(serialFromYmd(2026, 11, 23))).toBe(1);
  });

  test('leap years and month lengths', () => {
    expect([isLeapYear(2024), isLeapYear(2026), isLeapYear(2000), isLeapYear(1900)]).toEqual([true, false, true, false]);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2027, 2)).toBe(28);
  });

  test('every serial round-trips through Y-M-D (and ISO, for the years dates are read in), and consecutive serials are consecutive days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 2958464 }), (serial) => {
        // 1900-01-01 … 9999-12-30
        const { year, month, day } = ymdFromSerial(serial);
        expect(serialFromYmd(year, month, day)).toBe(serial);
        expect(fromIso(toIso(serial))).toBe(year >= 2000 && year <= 2100 ? serial : null);
        const next = ymdFromSerial(addDays(serial, 1));
        const rolled = day === daysInMonth(year, month);
        expect(next.day).toBe(rolled ? 1 : day + 1);
        expect(weekday(serial + 1)).toBe((weekday(serial) + 1) % 7);
      }),
      { numRuns: 100 },
    );
  });
});

describe('reading pasted dates', () => {
  test.each([
    ['2026-12-01', '2026-12-01'],
    ['2026/12/1', '2026-12-01'],
    ['2026.12.01', '2026-12-01'],
    ['2026年12月1日', '2026-12-01'],
    ['２０２６－１２－０１', '2026-12-01'],
    ['20261201', '2026-12-01'],
    ['2026-11-04 20:28', '2026-11-04'],
  ])('%s', (text, iso) => {
    expect(toIso(parseDate(text)!)).toBe(iso);
  });

  test('serial numbers from date cells are accepted; nonsense is not', () => {
    expect(parseDate(46357)).toBe(46357);
    expect(parseDate(46357.75)).toBe(46357);
    for (const bad of ['2026-02-30', '2026-13-01', 'next Monday', '', '12/1', NaN, Infinity, -3, null, true]) expect(parseDate(bad)).toBeNull();
    expect(fromIso('2026-2-3')).toBeNull();
  });

  test('months and times of day', () => {
    expect(parseMonth('2026-12')).toEqual({ year: 2026, month: 12 });
    expect(parseMonth('2026-13')).toBeNull();
    for (const text of ['2026/12', '2026.12', '2026年12月', ' 2026-12 ', '２０２６年１２月']) expect(parseMonth(text)).toEqual({ year: 2026, month: 12 });
    expect(readMonth('1999-12')).toEqual({ problem: 'error.dateOutOfRange', params: { value: '1999-12', min: 2000, max: 2100 } });
    expect(readMonth('December')).toEqual({ problem: 'calendar.error.month', params: { value: 'December' } });
    expect(parseTimeOfDay('20:00')).toBeCloseTo(20 / 24);
    expect(parseTimeOfDay('８：３０')).toBeCloseTo(8.5 / 24);
    expect(parseTimeOfDay('24:00')).toBeNull();
    expect(formatTimeOfDay(parseTimeOfDay('07:05')!)).toBe('07:05');
  });

  test('an instant becomes the wall-clock day at a UTC offset, whatever the process time zone', () => {
    const instant = Date.UTC(2026, 11, 1, 17, 30); // 2026-12-01 17:30 UTC = 2026-12-02 01:30 in Shanghai
    expect(toIso(serialFromEpochMillis(instant, 480))).toBe('2026-12-02');
    expect(toIso(serialFromEpochMillis(instant, -480))).toBe('2026-12-01');
  });
});

describe('one reader for every date, with the years it takes', () => {
  test('2026-12-07, 2026/12/7, 2026.12.7, 2026年12月7日, an Excel serial and a Sheets day serial are the same day', () => {
    const day = serialFromYmd(2026, 12, 7);
    for (const input of ['2026-12-07', '2026/12/7', '2026.12.7', '2026年12月7日', '2026 年 12 月 7 日', '20261207', '2026-12-07T09:30', 46363, 46363.5]) {
      expect(readDate(input)).toEqual({ value: day });
    }
  });

  test('a year outside 2000–2100 is refused as out of range, naming the value as the person sees it', () => {
    expect(readDate('1999-12-31')).toEqual({ problem: 'error.dateOutOfRange', params: { value: '1999-12-31', min: 2000, max: 2100 } });
    expect(readDate('2101/1/1')).toEqual({ problem: 'error.dateOutOfRange', params: { value: '2101/1/1', min: 2000, max: 2100 } });
    // A count typed into a date column is a 1900 date: named by that date, not by the number.
    expect(readDate(45)).toEqual({ problem: 'error.dateOutOfRange', params: { value: '1900-02-13', min: 2000, max: 2100 } });
    expect(parseDate('1926-12-07')).toBeNull();
    expect(readDate('2000-01-01')).toEqual({ value: serialFromYmd(2000, 1, 1) });
    expect(readDate('2100-12-31')).toEqual({ value: serialFromYmd(2100, 12, 31) });
  });

  test('what is not a date is named as typed', () => {
    for (const input of ['next Monday', '12/7', '2026-02-30', ' 2026-13-01 ']) {
      expect(readDate(input)).toEqual({ problem: 'error.invalidDate', params: { value: input.trim() } });
    }
    expect(readDate(Infinity)).toEqual({ problem: 'error.invalidDate', params: { value: 'Infinity' } });
    expect(readDate(null)).toEqual({ problem: 'error.invalidDate', params: { value: '' } });
  });
});
