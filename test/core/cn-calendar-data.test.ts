/**
 * The generated tables of src/core/cn-calendar against tyme4ts, which computes them: the committed
 * file must be what the generator writes today, and every day the module answers for must agree with
 * tyme4ts asked directly (independently of the encoding). Outside the tables the module says so.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import * as fc from 'fast-check';
import { LegalHoliday, LunarDay, SolarTerm } from 'tyme4ts';
import { dayInfo, festivalsInRange, hasCalendarData, hasHolidaySchedule, isWorkingDay, solarTermsInRange } from '../../src/core/cn-calendar';
import { FIRST_YEAR, LAST_YEAR } from '../../src/core/cn-calendar/data.generated';
import { FESTIVALS, SOLAR_TERMS } from '../../src/core/cn-calendar/names';
import { daysInMonth, serialFromYmd, toIso, weekday, type DaySerial } from '../../src/core/dates';

const root = join(__dirname, '../..');
const moduleDir = join(root, 'src/core/cn-calendar');
const isMonToFri = (serial: DaySerial) => weekday(serial) >= 1 && weekday(serial) <= 5;
const yearStart = (year: number) => serialFromYmd(year, 1, 1);
const yearEnd = (year: number) => serialFromYmd(year, 12, 31);
const tableYears = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
const gregorianKeys = FESTIVALS.filter((f) => f.date.kind === 'gregorian').map((f) => f.key);

describe('the generated tables', () => {
  it('are what build/gen-cn-calendar.mjs writes from the installed tyme4ts (else run npm run gen:calendar)', () => {
    const generated = execFileSync(process.execPath, [join(root, 'build/gen-cn-calendar.mjs'), '--stdout'], { cwd: root, encoding: 'utf8' });
    const committed = readFileSync(join(moduleDir, 'data.generated.ts'), 'utf8');
    expect(committed).toBe(generated);
  });

  it('cover at least the years the calendar tests walk (1950–2100) from the first year dates.ts accepts', () => {
    expect(FIRST_YEAR).toBe(1900);
    expect(LAST_YEAR).toBeGreaterThanOrEqual(2100);
  });

  it('are all the module uses: no source file imports tyme4ts, and its bundle holds no package', async () => {
    for (const file of readdirSync(moduleDir)) {
      expect(`${file}: ${/['"]tyme4ts['"]/.test(readFileSync(join(moduleDir, file), 'utf8'))}`).toBe(`${file}: false`);
    }
    const result = await build({
      entryPoints: [join(moduleDir, 'index.ts')],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      logLevel: 'silent',
    });
    expect(Object.keys(result.metafile.inputs).filter((input) => input.includes('node_modules'))).toEqual([]);
  });
});

describe(`every year of ${FIRST_YEAR}–${LAST_YEAR} agrees with tyme4ts`, () => {
  it('solar terms: the days tyme4ts gives, with their names', () => {
    for (const year of tableYears) {
      const expected: string[] = [];
      // SolarTerm.fromIndex(year, 0) is 冬至 of year - 1; 25 steps reach 冬至 of `year`.
      for (let step = 0; step <= 24; step++) {
        const term = SolarTerm.fromIndex(year, 0).next(step);
        const day = term.getSolarDay();
        if (day.getYear() === year) expected.push(`${toIso(serialFromYmd(year, day.getMonth(), day.getDay()))} ${term.getName()}`);
      }
      const found = solarTermsInRange(yearStart(year), yearEnd(year), 'zh-CN').map((t) => `${toIso(t.serial)} ${t.name}`);
      expect(found).toEqual(expected);
    }
  });

  it('lunar festivals: the Gregorian day of each lunar date', () => {
    const lunar = FESTIVALS.filter((f) => f.date.kind === 'lunar');
    for (const year of tableYears) {
      const expected: string[] = [];
      for (const festival of lunar) {
        if (festival.date.kind !== 'lunar') continue;
        for (const lunarYear of [year - 1, year]) {
          const day = LunarDay.fromYmd(lunarYear, festival.date.month, festival.date.day).getSolarDay();
          if (day.getYear() === year) expected.push(`${toIso(serialFromYmd(year, day.getMonth(), day.getDay()))} ${festival.key}`);
        }
      }
      const found = festivalsInRange(yearStart(year), yearEnd(year), 'en')
        .filter((f) => lunar.some((l) => l.key === f.key))
        .map((f) => `${toIso(f.serial)} ${f.key}`);
      expect(found).toEqual(expected.sort());
    }
  });

  it('legal holidays: every day of every year tyme4ts has records for, the statutory days after the last of them, and Mon–Fri before', () => {
    // LegalHoliday.DATA is a run of 13-character records, each starting with its yyyymmdd.
    const records = LegalHoliday.DATA.match(/.{13}/g) ?? [];
    const scheduleYears = new Set(records.map((record) => Number(record.slice(0, 4))));
    expect(scheduleYears.size).toBeGreaterThanOrEqual(26);
    const lastScheduleYear = Math.max(...scheduleYears);
    const checkedYears = new Set([...tableYears, ...scheduleYears]);
    let namedDays = 0;
    for (const year of checkedYears) {
      let daysOff = 0;
      const statutory = year > lastScheduleYear ? statutoryDaysOff(year) : new Map<string, string>();
      for (let month = 1; month <= 12; month++) {
        for (let dayOfMonth = 1; dayOfMonth <= daysInMonth(year, month); dayOfMonth++) {
          const serial = serialFromYmd(year, month, dayOfMonth);
          const entry = scheduleYears.has(year) ? LegalHoliday.fromYmd(year, month, dayOfMonth) : null;
          // An ordinary weekday tyme4ts lists as 班 (2012-05-02) is not a make-up workday.
          const named = entry && !(entry.isWork() && isMonToFri(serial)) ? entry : null;
          if (named) namedDays++;
          if (named && !named.isWork()) daysOff++;
          const info = dayInfo(serial, 'zh-CN');
          const statutoryName = statutory.get(toIso(serial)) ?? null;
          const expected = {
            holiday: (named !== null && !named.isWork()) || statutoryName !== null,
            makeUpWorkday: named !== null && named.isWork(),
            holidayName: named ? named.getName() : statutoryName,
            workingDay: named ? named.isWork() : isMonToFri(serial) && statutoryName === null,
          };
          const actual = { holiday: info.holiday, makeUpWorkday: info.makeUpWorkday, holidayName: info.holidayName, workingDay: info.workingDay };
          if (JSON.stringify(actual) !== JSON.stringify(expected)) expect({ day: toIso(serial), ...actual }).toEqual({ day: toIso(serial), ...expected });
        }
      }
      // A year has a schedule when it has days off: 2001 holds only the make-up days of 元旦 2002.
      expect(`${year} ${hasHolidaySchedule(year)}`).toBe(`${year} ${daysOff > 0}`);
    }
    expect(namedDays).toBeGreaterThan(26 * 30);
  });
});

/**
 * The statutory days off of a year without a schedule, worked out with tyme4ts directly: 元旦, 春节 from
 * 除夕 (the day before 正月初一) to 初三, 清明, 5/1–5/2, 端午, 国庆 10/1–10/3 and 中秋; a day keeps its first name.
 */
function statutoryDaysOff(year: number): Map<string, string> {
  const days = new Map<string, string>();
  const add = (name: string, first: DaySerial, count: number) => {
    for (let offset = 0; offset < count; offset++) if (!days.has(toIso(first + offset))) days.set(toIso(first + offset), name);
  };
  const lunar = (month: number, dayOfMonth: number) => {
    const solar = LunarDay.fromYmd(year, month, dayOfMonth).getSolarDay();
    return serialFromYmd(solar.getYear(), solar.getMonth(), solar.getDay());
  };
  const qingming = SolarTerm.fromName(year, '清明').getSolarDay();
  add('元旦', serialFromYmd(year, 1, 1), 1);
  add('春节', lunar(1, 1) - 1, 4);
  add('清明节', serialFromYmd(qingming.getYear(), qingming.getMonth(), qingming.getDay()), 1);
  add('劳动节', serialFromYmd(year, 5, 1), 2);
  add('端午节', lunar(5, 5), 1);
  add('国庆节', serialFromYmd(year, 10, 1), 3);
  add('中秋节', lunar(8, 15), 1);
  return days;
}

describe('outside the tables', () => {
  const outsideDay = fc.oneof(
    fc.integer({ min: serialFromYmd(1800, 1, 1), max: yearEnd(FIRST_YEAR - 1) }),
    fc.integer({ min: yearStart(LAST_YEAR + 1), max: serialFromYmd(2300, 12, 31) }),
  );

  it('hasCalendarData says which years are known', () => {
    expect(hasCalendarData(FIRST_YEAR)).toBe(true);
    expect(hasCalendarData(2026)).toBe(true);
    expect(hasCalendarData(LAST_YEAR)).toBe(true);
    expect(hasCalendarData(FIRST_YEAR - 1)).toBe(false);
    expect(hasCalendarData(LAST_YEAR + 1)).toBe(false);
    expect(hasCalendarData(2026.5)).toBe(false);
    expect(hasHolidaySchedule(LAST_YEAR + 1)).toBe(false);
    expect(hasHolidaySchedule(FIRST_YEAR - 1)).toBe(false);
  });

  it('a day has no solar term, only the fixed-date festivals, no holiday, and works Mon–Fri', () => {
    fc.assert(
      fc.property(outsideDay, (serial) => {
        const info = dayInfo(serial, 'zh-CN');
        expect(info).toMatchObject({ solarTerm: null, holiday: false, makeUpWorkday: false, holidayName: null, workingDay: isMonToFri(serial) });
        expect(isWorkingDay(serial)).toBe(isMonToFri(serial));
      }),
      { numRuns: 2000 },
    );
    const year = LAST_YEAR + 1;
    expect(solarTermsInRange(yearStart(year), yearEnd(year), 'en')).toEqual([]);
    expect(festivalsInRange(yearStart(year), yearEnd(year), 'en').map((f) => f.key)).toEqual(gregorianKeys);
    expect(dayInfo(serialFromYmd(year, 10, 1), 'zh-CN').festivals).toEqual(['国庆']);
  });

  it('ranges across the edges keep the known side', () => {
    expect(solarTermsInRange(serialFromYmd(LAST_YEAR, 12, 1), serialFromYmd(LAST_YEAR + 1, 1, 31), 'zh-CN').map((t) => t.name)).toEqual([
      SOLAR_TERMS[23][0],
      SOLAR_TERMS[0][0],
    ]);
    expect(solarTermsInRange(serialFromYmd(FIRST_YEAR - 1, 12, 1), serialFromYmd(FIRST_YEAR, 1, 31), 'zh-CN').map((t) => t.name)).toEqual([
      SOLAR_TERMS[1][0],
      SOLAR_TERMS[2][0],
    ]);
  });

  it('answers for any serial, however far, without throwing', () => {
    for (const serial of [-800_000, -1, 0, 0.5, serialFromYmd(9999, 12, 31), serialFromYmd(12000, 6, 1)]) {
      expect(dayInfo(serial, 'en').solarTerm).toBeNull();
      expect(typeof isWorkingDay(serial)).toBe('boolean');
    }
  });
});
