import * as fc from 'fast-check';
import { LegalHoliday, SolarTerm } from 'tyme4ts';
import {
  addWorkingDays,
  dayInfo,
  daysInRange,
  festivalsInRange,
  hasHolidaySchedule,
  isWorkingDay,
  LAST_SCHEDULE_YEAR,
  nextWorkingDay,
  solarTermsInRange,
  unpublishedScheduleYears,
} from '../../src/core/cn-calendar';
import { FESTIVALS, HOLIDAY_NAMES_EN, SOLAR_TERMS } from '../../src/core/cn-calendar/names';
import { fromIso, serialFromYmd, toIso, weekday, ymdFromSerial, type DaySerial } from '../../src/core/dates';

const day = (iso: string): DaySerial => {
  const serial = fromIso(iso);
  if (serial === null) throw new Error(`bad date in test: ${iso}`);
  return serial;
};
const isoRange = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let serial = day(from); serial <= day(to); serial++) days.push(toIso(serial));
  return days;
};
const isMonToFri = (serial: DaySerial) => weekday(serial) >= 1 && weekday(serial) <= 5;
const countWorkingDays = (from: DaySerial, to: DaySerial) => {
  let count = 0;
  for (let serial = from; serial <= to; serial++) if (isWorkingDay(serial)) count++;
  return count;
};

/** Days between 2000-01-01 and 2030-12-31: inside and beyond tyme4ts's holiday data. */
const anyDay = fc.integer({ min: serialFromYmd(2000, 1, 1), max: serialFromYmd(2030, 12, 31) });

describe('2026 legal holidays follow the State Council notice of 2025-11-04 (Xinhua)', () => {
  // The notice: 元旦 1/1–1/3, 1/4 (Sun) 上班; 春节 2/15–2/23, 2/14 (Sat) and 2/28 (Sat) 上班; 清明 4/4–4/6;
  // 劳动节 5/1–5/5, 5/9 (Sat) 上班; 端午 6/19–6/21; 中秋 9/25–9/27; 国庆 10/1–10/7, 9/20 (Sun) and 10/10 (Sat) 上班.
  const blocks: Array<{ zh: string; en: string; off: string[]; makeUp: string[] }> = [
    { zh: '元旦', en: "New Year's Day", off: isoRange('2026-01-01', '2026-01-03'), makeUp: ['2026-01-04'] },
    { zh: '春节', en: 'Spring Festival', off: isoRange('2026-02-15', '2026-02-23'), makeUp: ['2026-02-14', '2026-02-28'] },
    { zh: '清明节', en: 'Qingming Festival', off: isoRange('2026-04-04', '2026-04-06'), makeUp: [] },
    { zh: '劳动节', en: 'Labour Day', off: isoRange('2026-05-01', '2026-05-05'), makeUp: ['2026-05-09'] },
    { zh: '端午节', en: 'Dragon Boat Festival', off: isoRange('2026-06-19', '2026-06-21'), makeUp: [] },
    { zh: '中秋节', en: 'Mid-Autumn Festival', off: isoRange('2026-09-25', '2026-09-27'), makeUp: [] },
    { zh: '国庆节', en: 'National Day', off: isoRange('2026-10-01', '2026-10-07'), makeUp: ['2026-09-20', '2026-10-10'] },
  ];

  it.each(blocks)('$zh: days off are 休, make-up days are 班, both named in zh and en', ({ zh, en, off, makeUp }) => {
    for (const iso of off) {
      expect(dayInfo(day(iso), 'zh-CN')).toMatchObject({ holiday: true, makeUpWorkday: false, workingDay: false, holidayName: zh });
      expect(dayInfo(day(iso), 'en').holidayName).toBe(en);
    }
    for (const iso of makeUp) {
      expect(weekday(day(iso)) === 0 || weekday(day(iso)) === 6).toBe(true);
      expect(dayInfo(day(iso), 'zh-CN')).toMatchObject({ holiday: false, makeUpWorkday: true, workingDay: true, holidayName: zh });
      expect(dayInfo(day(iso), 'en').holidayName).toBe(en);
    }
  });

  it('has no other 休 or 班 day in 2026: 33 days off, 6 make-up workdays', () => {
    const year = daysInRange(day('2026-01-01'), day('2026-12-31'), 'zh-CN');
    const off = year.filter((d) => d.holiday).map((d) => toIso(d.serial));
    const makeUp = year.filter((d) => d.makeUpWorkday).map((d) => toIso(d.serial));
    expect(off).toEqual(blocks.flatMap((b) => b.off).sort());
    expect(makeUp).toEqual(blocks.flatMap((b) => b.makeUp).sort());
    expect(off).toHaveLength(33);
    expect(makeUp).toHaveLength(6);
    expect(year.filter((d) => !d.holiday && !d.makeUpWorkday).every((d) => d.holidayName === null)).toBe(true);
  });

  it('knows the schedules of 2002–2026 and says when a year has none', () => {
    for (let year = 2002; year <= 2026; year++) expect(hasHolidaySchedule(year)).toBe(true);
    // 2001 only holds the make-up days of 元旦 2002 (Dec 29–30), not its own holidays.
    expect(hasHolidaySchedule(2001)).toBe(false);
    expect(hasHolidaySchedule(1999)).toBe(false);
  });

  it('names a day where 国庆 and 中秋 share a holiday (2020-10-01, both festivals on the same day)', () => {
    expect(dayInfo(day('2020-10-01'), 'zh-CN')).toMatchObject({ holidayName: '国庆中秋', festivals: ['中秋', '国庆'], holiday: true });
    expect(dayInfo(day('2020-10-01'), 'en')).toMatchObject({
      holidayName: 'National Day & Mid-Autumn Festival',
      festivals: ['Mid-Autumn', 'National Day'],
    });
  });

  it('does not call an ordinary weekday that tyme4ts lists as 班 a make-up workday (2012-05-02, a Wednesday)', () => {
    expect(dayInfo(day('2012-05-02'), 'zh-CN')).toMatchObject({ makeUpWorkday: false, holiday: false, holidayName: null, workingDay: true });
  });

  it('has an English name for every holiday name tyme4ts knows', () => {
    for (const name of LegalHoliday.NAMES) expect(HOLIDAY_NAMES_EN[name]).toBeTruthy();
  });
});

describe('working days across 国庆 2026 and its 调休 Saturday 2026-10-10', () => {
  it('the holiday week is off, the make-up Saturday and Sunday 2026-09-20 are working days', () => {
    for (const iso of isoRange('2026-10-01', '2026-10-07')) expect(isWorkingDay(day(iso))).toBe(false);
    expect(isWorkingDay(day('2026-09-30'))).toBe(true);
    expect(isWorkingDay(day('2026-10-08'))).toBe(true);
    expect(isWorkingDay(day('2026-10-10'))).toBe(true);
    expect(isWorkingDay(day('2026-10-11'))).toBe(false);
    expect(isWorkingDay(day('2026-09-20'))).toBe(true);
    expect(isWorkingDay(day('2026-09-19'))).toBe(false);
  });

  it('a 3-working-day task from Wednesday 09-30 ends on 10-09; a 4-day task ends on the make-up Saturday', () => {
    expect(toIso(addWorkingDays(day('2026-09-30'), 1))).toBe('2026-09-30');
    expect(toIso(addWorkingDays(day('2026-09-30'), 3))).toBe('2026-10-09');
    expect(toIso(addWorkingDays(day('2026-09-30'), 4))).toBe('2026-10-10');
    expect(toIso(addWorkingDays(day('2026-09-30'), 5))).toBe('2026-10-12');
  });

  it('a span that starts on a holiday starts on the next working day', () => {
    expect(toIso(addWorkingDays(day('2026-10-01'), 1))).toBe('2026-10-08');
    expect(toIso(addWorkingDays(day('2026-10-03'), 2))).toBe('2026-10-09');
    expect(toIso(addWorkingDays(day('2026-10-11'), 1))).toBe('2026-10-12');
  });

  it('春节 2026: Friday 02-13, the make-up Saturday 02-14, then the nine days off', () => {
    expect(toIso(addWorkingDays(day('2026-02-13'), 2))).toBe('2026-02-14');
    expect(toIso(addWorkingDays(day('2026-02-13'), 3))).toBe('2026-02-24');
  });

  it('nextWorkingDay is strictly after the given day', () => {
    expect(toIso(nextWorkingDay(day('2026-09-30')))).toBe('2026-10-08');
    expect(toIso(nextWorkingDay(day('2026-10-09')))).toBe('2026-10-10');
    expect(toIso(nextWorkingDay(day('2026-10-10')))).toBe('2026-10-12');
    expect(toIso(nextWorkingDay(day('2026-09-19')))).toBe('2026-09-20');
  });

  it('refuses a span of no working days or of a fraction of one', () => {
    expect(() => addWorkingDays(day('2026-10-08'), 0)).toThrow(RangeError);
    expect(() => addWorkingDays(day('2026-10-08'), -2)).toThrow(RangeError);
    expect(() => addWorkingDays(day('2026-10-08'), 1.5)).toThrow(RangeError);
  });
});

describe('working-day rules hold on every day', () => {
  it('workingDay ⇔ (Mon–Fri and not a holiday) or a make-up workday, and isWorkingDay agrees', () => {
    fc.assert(
      fc.property(anyDay, (serial) => {
        const info = dayInfo(serial, 'zh-CN');
        const expected = (isMonToFri(serial) && !info.holiday) || info.makeUpWorkday;
        return info.workingDay === expected && isWorkingDay(serial) === expected;
      }),
      { numRuns: 3000 },
    );
  });

  it('a day is never both 休 and 班; 班 is a weekend day; only 休 and 班 days carry a holiday name', () => {
    fc.assert(
      fc.property(anyDay, (serial) => {
        const info = dayInfo(serial, 'en');
        if (info.holiday && info.makeUpWorkday) return false;
        if (info.makeUpWorkday && isMonToFri(serial)) return false;
        return (info.holidayName !== null) === (info.holiday || info.makeUpWorkday);
      }),
      { numRuns: 3000 },
    );
  });

  it('without a published schedule, working days are Mon–Fri except the statutory days off', () => {
    const unscheduled = fc.integer({ min: serialFromYmd(2027, 1, 1), max: serialFromYmd(2030, 12, 31) });
    fc.assert(
      fc.property(
        unscheduled,
        (serial) => hasHolidaySchedule(ymdFromSerial(serial).year) || isWorkingDay(serial) === (isMonToFri(serial) && !dayInfo(serial, 'zh-CN').holiday),
      ),
      { numRuns: 1000 },
    );
  });

  it('addWorkingDays ends on a working day and its span holds exactly N working days', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 60 }), (start, workingDays) => {
        const end = addWorkingDays(start, workingDays);
        return end >= start && isWorkingDay(end) && countWorkingDays(start, end) === workingDays;
      }),
      { numRuns: 1500 },
    );
  });

  it('nextWorkingDay skips only days that are not working days', () => {
    fc.assert(
      fc.property(anyDay, (serial) => {
        const next = nextWorkingDay(serial);
        return next > serial && isWorkingDay(next) && countWorkingDays(serial + 1, next) === 1;
      }),
      { numRuns: 1500 },
    );
  });
});

/**
 * An independent check of the solar-term dates: the Sun's apparent longitude from Meeus,
 * "Astronomical Algorithms" ch. 25 (low accuracy, about 0.01° ≈ 15 minutes), solved for each
 * multiple of 15° and read as a Beijing (UTC+8) date. ΔT is taken as 69 s (2020s).
 */
function meeusSolarTermDay(year: number, longitude: number): { serial: DaySerial; minutesFromMidnight: number } {
  const rad = Math.PI / 180;
  const apparentLongitude = (jde: number) => {
    const t = (jde - 2451545) / 36525;
    const meanLongitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
    const meanAnomaly = (357.52911 + 35999.05029 * t - 0.0001537 * t * t) * rad;
    const center =
      (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.sin(meanAnomaly) +
      (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly) +
      0.000289 * Math.sin(3 * meanAnomaly);
    const omega = (125.04 - 1934.136 * t) * rad;
    return meanLongitude + center - 0.00569 - 0.00478 * Math.sin(omega);
  };
  // Serial 0 (1899-12-30 00:00) is JD 2415018.5. 小寒 (285°) falls near Jan 6, each term ~15.2 days on.
  let jde = serialFromYmd(year, 1, 6) + 2415018.5 + (((longitude - 285 + 360) % 360) / 15) * 15.22;
  for (let i = 0; i < 50; i++) {
    const gap = ((((longitude - apparentLongitude(jde)) % 360) + 540) % 360) - 180;
    jde += (gap * 365.2422) / 360;
  }
  const beijing = jde - 69 / 86400 + 8 / 24 - 2415018.5;
  const serial = Math.floor(beijing);
  const fraction = beijing - serial;
  return { serial, minutesFromMidnight: Math.min(fraction, 1 - fraction) * 1440 };
}

describe('solar terms', () => {
  // 2026 and 2027, Beijing dates. Checked against the Meeus computation above; the first ten of 2026
  // also against chinesecalendaronline.com's 2026 table (e.g. 雨水 02-18 23:51, 清明 04-05 02:35), 冬至
  // 2026 against 紫金山天文台 (12-22 04:49) and 芒种 2026 (06-05 23:48, 24 min before midnight).
  const expected: Record<number, string[]> = {
    2026: [
      '01-05 小寒',
      '01-20 大寒',
      '02-04 立春',
      '02-18 雨水',
      '03-05 惊蛰',
      '03-20 春分',
      '04-05 清明',
      '04-20 谷雨',
      '05-05 立夏',
      '05-21 小满',
      '06-05 芒种',
      '06-21 夏至',
      '07-07 小暑',
      '07-23 大暑',
      '08-07 立秋',
      '08-23 处暑',
      '09-07 白露',
      '09-23 秋分',
      '10-08 寒露',
      '10-23 霜降',
      '11-07 立冬',
      '11-22 小雪',
      '12-07 大雪',
      '12-22 冬至',
    ],
    2027: [
      '01-05 小寒',
      '01-20 大寒',
      '02-04 立春',
      '02-19 雨水',
      '03-06 惊蛰',
      '03-21 春分',
      '04-05 清明',
      '04-20 谷雨',
      '05-06 立夏',
      '05-21 小满',
      '06-06 芒种',
      '06-21 夏至',
      '07-07 小暑',
      '07-23 大暑',
      '08-08 立秋',
      '08-23 处暑',
      '09-08 白露',
      '09-23 秋分',
      '10-08 寒露',
      '10-23 霜降',
      '11-07 立冬',
      '11-22 小雪',
      '12-07 大雪',
      '12-22 冬至',
    ],
  };

  it.each([2026, 2027])('%i: the 24 terms fall on their published days', (year) => {
    const found = solarTermsInRange(serialFromYmd(year, 1, 1), serialFromYmd(year, 12, 31), 'zh-CN');
    expect(found.map((t) => `${toIso(t.serial).slice(5)} ${t.name}`)).toEqual(expected[year]);
  });

  it('names 冬至 2026-12-22 and 小寒 2027-01-05 in both languages, and no term the day before', () => {
    expect(dayInfo(day('2026-12-22'), 'zh-CN').solarTerm).toBe('冬至');
    expect(dayInfo(day('2026-12-22'), 'en').solarTerm).toBe('Winter Solstice');
    expect(dayInfo(day('2027-01-05'), 'zh-CN').solarTerm).toBe('小寒');
    expect(dayInfo(day('2027-01-05'), 'en').solarTerm).toBe('Minor Cold');
    expect(dayInfo(day('2026-12-21'), 'zh-CN').solarTerm).toBeNull();
    expect(solarTermsInRange(day('2026-12-20'), day('2027-01-21'), 'en')).toEqual([
      { serial: day('2026-12-22'), name: 'Winter Solstice' },
      { serial: day('2027-01-05'), name: 'Minor Cold' },
      { serial: day('2027-01-20'), name: 'Major Cold' },
    ]);
  });

  it('agrees with the Meeus computation for every term of 2020–2030 not within 30 minutes of midnight', () => {
    let compared = 0;
    for (let year = 2020; year <= 2030; year++) {
      const found = solarTermsInRange(serialFromYmd(year, 1, 1), serialFromYmd(year, 12, 31), 'zh-CN');
      expect(found).toHaveLength(24);
      found.forEach((term, k) => {
        const meeus = meeusSolarTermDay(year, (285 + 15 * k) % 360);
        if (meeus.minutesFromMidnight < 30) return;
        compared++;
        expect(`${toIso(term.serial)} ${term.name}`).toBe(`${toIso(meeus.serial)} ${term.name}`);
      });
    }
    expect(compared).toBeGreaterThan(240);
  });

  it('every year from 1950 to 2100 has 24 terms, from 小寒 to 冬至 in order', () => {
    const inOrder = [...SOLAR_TERMS.slice(1), SOLAR_TERMS[0]].map(([zh]) => zh);
    for (let year = 1950; year <= 2100; year++) {
      const found = solarTermsInRange(serialFromYmd(year, 1, 1), serialFromYmd(year, 12, 31), 'zh-CN');
      expect(found.map((t) => t.name)).toEqual(inOrder);
    }
  });

  it('keeps the Chinese names in tyme4ts order, with an English name for each', () => {
    expect(SOLAR_TERMS.map(([zh]) => zh)).toEqual(SolarTerm.NAMES);
    expect(new Set(SOLAR_TERMS.map(([, en]) => en)).size).toBe(24);
  });
});

describe('festivals', () => {
  const festivalsOn = (iso: string, lang: 'zh-CN' | 'en' = 'zh-CN') => dayInfo(day(iso), lang).festivals;

  it('places the lunar festivals of 2026 and 2027', () => {
    // 春节 2026: the notice calls 02-15 腊月二十八 and 02-23 正月初七, so 正月初一 is 02-17.
    // New moons (Beijing) 2026-02-17, 06-15, 08-13, 09-11, 10-10 and 2027-02-06 (solar eclipses on
    // 2026-02-17, 2026-08-12 UTC and 2027-02-06) start the lunar months of these festivals.
    expect(festivalsOn('2026-02-17')).toEqual(['春节']);
    expect(festivalsOn('2026-03-03')).toEqual(['元宵']);
    expect(festivalsOn('2026-06-19')).toEqual(['端午']);
    expect(festivalsOn('2026-08-19')).toEqual(['七夕']);
    expect(festivalsOn('2026-09-25')).toEqual(['中秋']);
    expect(festivalsOn('2026-10-18')).toEqual(['重阳']);
    expect(festivalsOn('2027-02-06')).toEqual(['春节']);
    expect(festivalsOn('2027-02-20')).toEqual(['元宵']);
  });

  it('uses the regular lunar month after a leap month (七夕 2025-08-29, after 闰六月) and matches published dates', () => {
    expect(festivalsOn('2025-08-29')).toEqual(['七夕']);
    expect(festivalsOn('2024-08-10')).toEqual(['七夕']);
    expect(festivalsOn('2023-08-22')).toEqual(['七夕']);
    // Xinhua 2022-10-04: 重阳 fell on 10-04 in 2022 and falls on 10-01 in 2033.
    expect(festivalsOn('2022-10-04')).toEqual(['重阳']);
    // On a shared day festivals come in display order (重阳 before 国庆, as 中秋 before 国庆 in 2020).
    expect(festivalsOn('2033-10-01')).toEqual(['重阳', '国庆']);
  });

  it('puts 清明 on the solar-term day, beside the term itself', () => {
    expect(dayInfo(day('2026-04-05'), 'zh-CN')).toMatchObject({ solarTerm: '清明', festivals: ['清明'], holiday: true });
    expect(dayInfo(day('2026-04-05'), 'en')).toMatchObject({ solarTerm: 'Pure Brightness', festivals: ['Qingming'] });
  });

  it('marks the fixed-date festivals and shopping days in both languages', () => {
    const fixed: Array<[string, string, string]> = [
      ['2026-01-01', '元旦', "New Year's Day"],
      ['2026-05-20', '520', '520'],
      ['2026-06-18', '618', '618 Shopping Festival'],
      ['2026-10-01', '国庆', 'National Day'],
      ['2026-11-11', '双11', "Singles' Day 11.11"],
      ['2026-12-12', '双12', 'Double 12'],
    ];
    for (const [iso, zh, en] of fixed) {
      expect(festivalsOn(iso)).toEqual([zh]);
      expect(festivalsOn(iso, 'en')).toEqual([en]);
    }
    expect(festivalsOn('2026-12-13')).toEqual([]);
  });

  it('lists a range in date order with language-independent keys', () => {
    expect(festivalsInRange(day('2026-09-01'), day('2026-12-31'), 'en')).toEqual([
      { serial: day('2026-09-25'), name: 'Mid-Autumn', key: 'midAutumn' },
      { serial: day('2026-10-01'), name: 'National Day', key: 'nationalDay' },
      { serial: day('2026-10-18'), name: 'Double Ninth', key: 'doubleNinth' },
      { serial: day('2026-11-11'), name: "Singles' Day 11.11", key: 'singlesDay' },
      { serial: day('2026-12-12'), name: 'Double 12', key: 'double12' },
    ]);
    expect(festivalsInRange(day('2026-12-13'), day('2026-12-12'), 'en')).toEqual([]);
  });

  it('every festival falls exactly once in each year from 1950 to 2100', () => {
    for (let year = 1950; year <= 2100; year++) {
      const keys = festivalsInRange(serialFromYmd(year, 1, 1), serialFromYmd(year, 12, 31), 'en').map((f) => f.key);
      expect([...keys].sort()).toEqual(FESTIVALS.map((f) => f.key).sort());
    }
  });
});

describe('range helpers agree with dayInfo', () => {
  const range = fc.tuple(anyDay, fc.integer({ min: -3, max: 400 })).map(([start, length]) => ({ start, end: start + length }));

  it('daysInRange, solarTermsInRange and festivalsInRange list what dayInfo says, day by day', () => {
    fc.assert(
      fc.property(range, fc.constantFrom<'zh-CN' | 'en'>('zh-CN', 'en'), ({ start, end }, lang) => {
        const days = daysInRange(start, end, lang);
        expect(days.map((d) => d.serial)).toEqual(Array.from({ length: Math.max(0, end - start + 1) }, (_, i) => start + i));
        expect(days).toEqual(days.map((d) => dayInfo(d.serial, lang)));
        expect(solarTermsInRange(start, end, lang)).toEqual(days.filter((d) => d.solarTerm !== null).map((d) => ({ serial: d.serial, name: d.solarTerm })));
        expect(festivalsInRange(start, end, lang).map(({ serial, name }) => ({ serial, name }))).toEqual(
          days.flatMap((d) => d.festivals.map((name) => ({ serial: d.serial, name }))),
        );
      }),
      { numRuns: 150 },
    );
  });
});

describe('time-zone independence', () => {
  it('computes every year without constructing a JS Date', () => {
    let fresh: typeof import('../../src/core/cn-calendar') | undefined;
    jest.isolateModules(() => {
      fresh = require('../../src/core/cn-calendar');
    });
    const RealDate = globalThis.Date;
    const refuse = () => {
      throw new Error('the Chinese calendar constructed a Date');
    };
    globalThis.Date = new Proxy(RealDate, {
      construct: refuse,
      apply: refuse,
      get: (target, property) => (property === 'now' ? refuse : Reflect.get(target, property)),
    });
    try {
      const calendar = fresh!;
      for (const year of [2019, 2026, 2027]) {
        calendar.daysInRange(serialFromYmd(year, 1, 1), serialFromYmd(year, 12, 31), 'en');
        calendar.addWorkingDays(serialFromYmd(year, 9, 30), 10);
      }
    } finally {
      globalThis.Date = RealDate;
    }
  });
});

describe('2027 and later, before their holiday schedule is published', () => {
  const holidayOf = (iso: string) => {
    const info = dayInfo(day(iso), 'zh-CN');
    return info.holiday ? info.holidayName : null;
  };

  it('the tables end with the schedule of 2026, and a range reaching 2027 or 2028 names those years', () => {
    expect(LAST_SCHEDULE_YEAR).toBe(2026);
    expect(hasHolidaySchedule(2027)).toBe(false);
    expect(unpublishedScheduleYears(day('2026-12-01'), day('2026-12-31'))).toEqual([]);
    expect(unpublishedScheduleYears(day('2026-12-20'), day('2028-01-03'))).toEqual([2027, 2028]);
  });

  it('the statutory days of 2027 are off: 元旦, 除夕 to 初三, 清明, 5/1–5/2, 端午, 中秋, 10/1–10/3', () => {
    const off = daysInRange(day('2027-01-01'), day('2027-12-31'), 'zh-CN')
      .filter((info) => info.holiday)
      .map((info) => `${toIso(info.serial)} ${info.holidayName}`);
    expect(off).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
    // No 调休 is guessed: the weekdays around them stay working days until the schedule says otherwise.
    expect(isWorkingDay(day('2027-02-09'))).toBe(true);
    expect(daysInRange(day('2027-01-01'), day('2027-12-31'), 'zh-CN').some((info) => info.makeUpWorkday)).toBe(false);
    expect(addWorkingDays(day('2027-09-30'), 2)).toBe(day('2027-10-04'));
  });

  it('a statutory day keeps its first name when two fall together (中秋 2028-10-03 is in 国庆)', () => {
    expect(holidayOf('2028-10-03')).toBe('国庆节');
    expect(dayInfo(day('2028-10-03'), 'zh-CN').festivals).toEqual(['中秋']);
    expect(holidayOf('2100-01-01')).toBe('元旦');
    // Past the tables' last year the lunar dates are unknown, so no statutory day is marked either.
    expect(dayInfo(serialFromYmd(2101, 1, 1), 'zh-CN').holiday).toBe(false);
  });

  it('除夕 and 劳动节 are named on the day itself, in published years too', () => {
    expect(dayInfo(day('2026-02-16'), 'zh-CN')).toMatchObject({ festivals: ['除夕'], holiday: true, holidayName: '春节' });
    expect(dayInfo(day('2026-05-01'), 'zh-CN')).toMatchObject({ festivals: ['劳动节'], holiday: true, holidayName: '劳动节' });
    expect(dayInfo(day('2027-02-05'), 'en').festivals).toEqual(["Chinese New Year's Eve"]);
    expect(dayInfo(day('2027-05-01'), 'en').festivals).toEqual(['Labour Day']);
    // 除夕 is the last day of the 12th lunar month: the 29th in 2026 (02-16), the 30th in 2025 (01-28).
    expect(dayInfo(day('2025-01-28'), 'zh-CN').festivals).toEqual(['除夕']);
  });
});
