import fc from 'fast-check';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, type Activity } from '../../../src/core/calendar/activities';
import { calendarMonth, calendarToJson, dayMarks, monthGrid } from '../../../src/core/calendar/grid';
import { dayInfo, solarTermsInRange } from '../../../src/core/cn-calendar';
import { daysInMonth, firstOfMonth, lastOfMonth, toIso, weekday } from '../../../src/core/dates';
import { d, sampleActivities } from './sample';

describe('month grids', () => {
  // First day shown and number of weeks, worked out by hand from a wall calendar of 2026.
  const cases: Array<[string, string, 'mon' | 'sun', string, number]> = [
    ['Monday', '2026-06', 'mon', '2026-06-01', 5],
    ['Monday', '2026-06', 'sun', '2026-05-31', 5],
    ['Tuesday', '2026-09', 'mon', '2026-08-31', 5],
    ['Tuesday', '2026-09', 'sun', '2026-08-30', 5],
    ['Wednesday', '2026-04', 'mon', '2026-03-30', 5],
    ['Wednesday', '2026-04', 'sun', '2026-03-29', 5],
    ['Thursday', '2026-01', 'mon', '2025-12-29', 5],
    ['Thursday', '2026-01', 'sun', '2025-12-28', 5],
    ['Friday', '2026-05', 'mon', '2026-04-27', 5],
    ['Friday', '2026-05', 'sun', '2026-04-26', 6],
    ['Saturday', '2026-08', 'mon', '2026-07-27', 6],
    ['Saturday', '2026-08', 'sun', '2026-07-26', 6],
    ['Sunday', '2026-03', 'mon', '2026-02-23', 6],
    ['Sunday', '2026-03', 'sun', '2026-03-01', 5],
    // February: common 2026 (starts on a Sunday), common 2027 (Monday), leap 2028 (Tuesday).
    ['Sunday, common February', '2026-02', 'mon', '2026-01-26', 5],
    ['Sunday, common February', '2026-02', 'sun', '2026-02-01', 4],
    ['Monday, common February', '2027-02', 'mon', '2027-02-01', 4],
    ['Monday, common February', '2027-02', 'sun', '2027-01-31', 5],
    ['Tuesday, leap February', '2028-02', 'mon', '2028-01-31', 5],
    ['Tuesday, leap February', '2028-02', 'sun', '2028-01-30', 5],
  ];

  test.each(cases)('a month starting on %s (%s, weeks from %s) starts the grid on %s with %i weeks', (_, month, weekStart, firstShown, weeks) => {
    const [year, m] = month.split('-').map(Number);
    const grid = monthGrid(year, m, weekStart);
    expect(toIso(grid[0][0])).toBe(firstShown);
    expect(grid).toHaveLength(weeks);
  });

  test('February has 29 days in leap years only', () => {
    const days = (year: number) =>
      monthGrid(year, 2, 'mon')
        .flat()
        .filter((s) => s >= firstOfMonth(year, 2) && s <= lastOfMonth(year, 2)).length;
    expect([days(2024), days(2026), days(2028), days(2100), days(2000)]).toEqual([29, 28, 29, 28, 29]);
  });

  test('any month: whole weeks from the week start, every day of the month once, no spare week', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('mon' as const, 'sun' as const),
        (year, month, weekStart) => {
          const grid = monthGrid(year, month, weekStart);
          const days = grid.flat();
          expect(grid.every((week) => week.length === 7)).toBe(true);
          expect(days.every((day, i) => i === 0 || day === days[i - 1] + 1)).toBe(true);
          expect(weekday(days[0])).toBe(weekStart === 'mon' ? 1 : 0);
          expect(grid[0]).toContain(firstOfMonth(year, month));
          expect(grid[grid.length - 1]).toContain(lastOfMonth(year, month));
          expect(days.filter((day) => day >= firstOfMonth(year, month) && day <= lastOfMonth(year, month))).toHaveLength(daysInMonth(year, month));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('the Chinese calendar on the grid', () => {
  const dayOf = (iso: string, weekStart: 'mon' | 'sun' = 'mon') => {
    const [year, month] = iso.split('-').map(Number);
    const calendar = calendarMonth({ year, month, weekStart, activities: [], lang: 'zh-CN' });
    const day = calendar.weeks.flat().find((x) => x.serial === d(iso));
    if (!day) throw new Error(`${iso} is not on the grid`);
    return day;
  };

  test('National Day 2026: October 1–7 off, Saturday October 10 a make-up workday, 寒露 on the 8th', () => {
    for (let day = 1; day <= 7; day++) expect(dayOf(`2026-10-0${day}`).holiday).toBe(true);
    expect(dayOf('2026-10-08')).toMatchObject({ holiday: false, makeUpWorkday: false, solarTerm: '寒露' });
    expect(dayOf('2026-10-10')).toMatchObject({ holiday: false, makeUpWorkday: true });
    expect(dayOf('2026-10-01').festivals).toEqual(['国庆']);
  });

  test('other 2026 legal holidays and 调休 days', () => {
    expect(dayOf('2026-01-01').holiday).toBe(true);
    expect(dayOf('2026-01-04').makeUpWorkday).toBe(true);
    expect(dayOf('2026-02-17')).toMatchObject({ holiday: true, holidayName: '春节' });
    expect(dayOf('2026-02-28').makeUpWorkday).toBe(true);
    expect(dayOf('2026-05-01').holiday).toBe(true);
    expect(dayOf('2026-05-09').makeUpWorkday).toBe(true);
    expect(dayOf('2026-09-20', 'sun').makeUpWorkday).toBe(true);
    expect(dayOf('2026-09-25')).toMatchObject({ holiday: true, festivals: ['中秋'] });
  });

  test('December 2026 and January 2027: 大雪, 双12, 冬至, 元旦, 小寒, 大寒', () => {
    expect(dayOf('2026-12-07').solarTerm).toBe('大雪');
    expect(dayOf('2026-12-12').festivals).toEqual(['双12']);
    expect(dayOf('2026-12-22').solarTerm).toBe('冬至');
    expect(dayOf('2027-01-01').festivals).toEqual(['元旦']);
    expect(dayOf('2027-01-05').solarTerm).toBe('小寒');
    expect(dayOf('2027-01-20').solarTerm).toBe('大寒');
    // The library carries the State Council schedule up to 2026 only: New Year's Day 2027 is not yet a day off.
    expect(dayOf('2027-01-01').holiday).toBe(dayInfo(d('2027-01-01'), 'zh-CN').holiday);
  });

  test('every solar term of 2026 and 2027 shows on its day of its month, once', () => {
    const terms = solarTermsInRange(d('2026-01-01'), d('2027-12-31'), 'zh-CN');
    expect(terms).toHaveLength(48);
    for (const term of terms) {
      const calendar = calendarMonth({
        year: Number(toIso(term.serial).slice(0, 4)),
        month: Number(toIso(term.serial).slice(5, 7)),
        weekStart: 'mon',
        activities: [],
        lang: 'zh-CN',
      });
      const marked = calendar.weeks.flat().filter((day) => day.inMonth && day.solarTerm === term.name);
      expect(marked.map((day) => toIso(day.serial))).toEqual([toIso(term.serial)]);
    }
    const known = ['2026-02-04 立春', '2026-03-20 春分', '2026-04-05 清明', '2026-06-21 夏至', '2026-09-23 秋分', '2027-02-04 立春', '2027-06-21 夏至'];
    for (const line of known) {
      const [iso, name] = line.split(' ');
      expect(dayOf(iso).solarTerm).toBe(name);
    }
  });

  test('清明 is both a term and a festival and is named once', () => {
    expect(dayMarks(dayOf('2026-04-05'))).toEqual(['清明']);
  });

  test('names follow the language', () => {
    const calendar = calendarMonth({ year: 2026, month: 12, weekStart: 'mon', activities: [], lang: 'en' });
    const day22 = calendar.weeks.flat().find((day) => day.serial === d('2026-12-22'));
    expect(day22?.solarTerm).toBe('Winter Solstice');
  });
});

describe('the sample month, December 2026', () => {
  const calendar = () => calendarMonth({ year: 2026, month: 12, weekStart: 'mon', activities: sampleActivities(), lang: 'zh-CN' });
  const namesOn = (iso: string) =>
    calendar()
      .weeks.flat()
      .find((day) => day.serial === d(iso))
      ?.activities.map((a) => a.name);

  test('activities land on the days they cover, in list order', () => {
    expect(namesOn('2026-11-30')).toEqual([]);
    expect(namesOn('2026-12-01')).toEqual(['JAVA入门3天训练营(12期)', '朋友圈就业战报']);
    expect(namesOn('2026-12-04')).toEqual(['朋友圈就业战报']);
    expect(namesOn('2026-12-05')).toEqual(['高薪就业直播公开课', '朋友圈就业战报']);
    expect(namesOn('2026-12-12')).toEqual(['双12限时拼团', '朋友圈就业战报']);
    expect(namesOn('2026-12-15')).toEqual(['学习需求调研表单', 'JAVA入门3天训练营(13期)', '朋友圈就业战报']);
    expect(namesOn('2026-12-22')).toEqual(['冬至秒杀快闪群', '朋友圈就业战报']);
    expect(namesOn('2026-12-31')).toEqual(['朋友圈就业战报']);
    expect(namesOn('2027-01-01')).toEqual([]);
  });

  test('the CLI JSON has the shape of the issue', () => {
    const json = calendarToJson(calendar());
    expect(json.month).toBe('2026-12');
    expect(json.weeks).toHaveLength(5);
    expect(json.weeks[0][0]).toEqual({
      date: '2026-11-30',
      inMonth: false,
      solarTerm: null,
      festival: null,
      holiday: false,
      makeUpWorkday: false,
      activities: [],
    });
    const day22 = json.weeks.flat().find((day) => day.date === '2026-12-22');
    expect(day22).toEqual({
      date: '2026-12-22',
      inMonth: true,
      solarTerm: '冬至',
      festival: null,
      holiday: false,
      makeUpWorkday: false,
      activities: [
        { name: '冬至秒杀快闪群', type: 'promotion', owner: '王蕾' },
        { name: '朋友圈就业战报', type: 'dailyContent', owner: '周舟' },
      ],
    });
    expect(json.weeks[4][4]).toMatchObject({ date: '2027-01-01', inMonth: false, festival: '元旦' });
    expect(json.warnings).toEqual([]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  test('festivals of one day are joined with 、', () => {
    // 2020-10-01 was both 国庆 and 中秋; the calendar module lists them in its display order.
    const json = calendarToJson(calendarMonth({ year: 2020, month: 10, weekStart: 'mon', activities: [], lang: 'zh-CN' }));
    expect(json.weeks.flat().find((day) => day.date === '2020-10-01')?.festival).toBe('中秋、国庆');
  });

  test('the output does not depend on the process time zone', () => {
    const original = process.env.TZ;
    const outputs: string[] = [];
    try {
      for (const zone of ['Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = zone;
        outputs.push(JSON.stringify(calendarToJson(calendar())));
      }
    } finally {
      process.env.TZ = original;
    }
    expect(new Set(outputs).size).toBe(1);
  });
});

describe('placing activities', () => {
  const activity = fc.record({
    startOffset: fc.integer({ min: -20, max: 45 }),
    length: fc.integer({ min: 0, max: 12 }),
    type: fc.constantFrom(...ACTIVITY_TYPES),
    status: fc.option(fc.constantFrom(...ACTIVITY_STATUSES), { nil: null }),
  });

  test('every activity appears on exactly the days it covers (cancelled ones on none), in list order', () => {
    fc.assert(
      fc.property(
        fc.array(activity, { maxLength: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('mon' as const, 'sun' as const),
        (specs, month, weekStart) => {
          const first = firstOfMonth(2026, month);
          const activities: Activity[] = specs.map((spec, i) => ({
            name: `a${i}`,
            type: spec.type,
            typeText: spec.type,
            start: first + spec.startOffset,
            end: first + spec.startOffset + spec.length,
            owner: '',
            targetGroups: [],
            goal: '',
            status: spec.status,
          }));
          const days = calendarMonth({ year: 2026, month, weekStart, activities, lang: 'zh-CN' }).weeks.flat();
          for (const a of activities) {
            const shownOn = days.filter((day) => day.activities.includes(a)).map((day) => day.serial);
            const expected = a.status === 'cancelled' ? [] : days.map((day) => day.serial).filter((s) => s >= a.start && s <= a.end);
            expect(shownOn).toEqual(expected);
          }
          for (const day of days) {
            const order = day.activities.map((a) => activities.indexOf(a));
            expect(order).toEqual([...order].sort((x, y) => x - y));
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
