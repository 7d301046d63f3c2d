import type { Activity, ActivityType } from '../../../src/core/calendar/activities';
import { calendarMonth, calendarToJson } from '../../../src/core/calendar/grid';
import { toIso } from '../../../src/core/dates';
import { checkMonth, isAllGroups, type GroupPushCount } from '../../../src/core/calendar/warnings';
import { t } from '../../../src/core/i18n';
import { d, sampleActivities } from './sample';

let rows = 0;
function activity(type: ActivityType, start: string, end: string, extra: Partial<Activity> = {}): Activity {
  rows++;
  return { name: `活动${rows}`, type, typeText: type, start: d(start), end: d(end), owner: '', targetGroups: [], goal: '', status: null, ...extra };
}

/** Keeps the selling rhythm going so that only the warning under test shows. */
const weeklyClasses = (year: number, month: number): Activity[] =>
  [1, 8, 15, 22, 29].map((day) =>
    activity(
      'marketingClass',
      `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      { name: `周课${day}` },
    ),
  );

const check = (activities: Activity[], options: { month?: number; threshold?: number; pushes?: GroupPushCount[] } = {}) =>
  checkMonth({
    year: 2026,
    month: options.month ?? 12,
    activities,
    overloadThreshold: options.threshold ?? 3,
    pushesByGroupDay: options.pushes,
    lang: 'zh-CN',
  });

describe('warnings of a month', () => {
  test('the sample month has none', () => {
    expect(check(sampleActivities())).toEqual([]);
  });

  test('two marketing classes or promotions for the same group on one day clash, on the days they overlap', () => {
    const warnings = check([
      ...weeklyClasses(2026, 12),
      activity('marketingClass', '2026-12-09', '2026-12-09', { name: '直播A', targetGroups: ['Java引流5群'] }),
      activity('promotion', '2026-12-08', '2026-12-10', { name: '秒杀B', targetGroups: ['Java引流6群', 'Java引流5群'] }),
      // Not clashes: a camp, another group, a cancelled promotion.
      activity('camp', '2026-12-09', '2026-12-11', { targetGroups: ['Java引流5群'] }),
      activity('promotion', '2026-12-09', '2026-12-09', { targetGroups: ['Java引流7群'] }),
      activity('promotion', '2026-12-09', '2026-12-09', { targetGroups: ['Java引流5群'], status: 'cancelled' }),
    ]);
    expect(warnings.map((w) => [w.kind, w.params])).toEqual([
      ['groupClash', { start: '2026-12-09', end: '2026-12-09', group: 'Java引流5群', first: '直播A', second: '秒杀B' }],
    ]);
    expect(t('zh-CN', warnings[0].code, warnings[0].params)).toBe(
      '2026-12-09–2026-12-09「Java引流5群」同一天安排了两场营销课/促销活动：「直播A」和「秒杀B」。',
    );
  });

  test('a promotion for all groups clashes with a class for any one of them', () => {
    expect(isAllGroups('全部引流群')).toBe(true);
    expect(isAllGroups('All groups')).toBe(true);
    expect(isAllGroups('Java引流5群')).toBe(false);
    const warnings = check([
      ...weeklyClasses(2026, 12),
      activity('promotion', '2026-12-19', '2026-12-20', { name: '双旦拼团', targetGroups: ['全部引流群'] }),
      activity('marketingClass', '2026-12-20', '2026-12-20', { name: '直播C', targetGroups: ['Java引流7群'] }),
    ]);
    expect(warnings.map((w) => [w.kind, w.params.group, w.params.start])).toEqual([['groupClash', '全部引流群', '2026-12-20']]);
  });

  test('an owner with more activities on a day than the threshold, one warning per run of days', () => {
    const busy = (start: string, end: string) => activity('other', start, end, { owner: '林晓' });
    // Per day: 09 → 2, 10 → 4, 11 → 4, 12 → 1, 20 → 1.
    const list = [
      ...weeklyClasses(2026, 12),
      busy('2026-12-10', '2026-12-11'),
      busy('2026-12-10', '2026-12-11'),
      busy('2026-12-09', '2026-12-11'),
      busy('2026-12-10', '2026-12-12'),
      busy('2026-12-09', '2026-12-09'),
      busy('2026-12-20', '2026-12-20'),
      activity('other', '2026-12-20', '2026-12-20', { owner: '周舟' }),
    ];
    expect(check(list).map((w) => [w.kind, w.params])).toEqual([
      ['ownerOverload', { owner: '林晓', start: '2026-12-10', end: '2026-12-11', count: 4, threshold: 3 }],
    ]);
    expect(check(list, { threshold: 4 })).toEqual([]);
    expect(check(list, { threshold: 1 }).map((w) => [w.params.start, w.params.end, w.params.count])).toEqual([['2026-12-09', '2026-12-11', 4]]);
  });

  test('14 days or more without a marketing class or camp, counted inside the month and from its first day', () => {
    const gaps = (list: Activity[]) =>
      check(list)
        .filter((w) => w.kind === 'cadenceGap')
        .map((w) => [w.params.start, w.params.end, w.params.days]);
    // Camp 1–3, class 20: 4–19 is 16 quiet days; 21–31 is 11 (no warning).
    expect(gaps([activity('camp', '2026-12-01', '2026-12-03'), activity('marketingClass', '2026-12-20', '2026-12-20')])).toEqual([
      ['2026-12-04', '2026-12-19', 16],
    ]);
    // A class on the 15th only: 1–14 from the month start (exactly 14) and 16–31.
    expect(gaps([activity('marketingClass', '2026-12-15', '2026-12-15')])).toEqual([
      ['2026-12-01', '2026-12-14', 14],
      ['2026-12-16', '2026-12-31', 16],
    ]);
    // 13 quiet days are fine; promotions and surveys do not keep the rhythm.
    expect(
      gaps([
        activity('camp', '2026-12-01', '2026-12-03'),
        activity('marketingClass', '2026-12-17', '2026-12-17'),
        activity('marketingClass', '2026-12-31', '2026-12-31'),
      ]),
    ).toEqual([]);
    expect(gaps([activity('promotion', '2026-12-01', '2026-12-31'), activity('survey', '2026-12-01', '2026-12-31')])).toEqual([
      ['2026-12-01', '2026-12-31', 31],
    ]);
    // A camp that began in November covers the first days.
    expect(
      gaps([
        activity('camp', '2026-11-29', '2026-12-02'),
        activity('marketingClass', '2026-12-16', '2026-12-16'),
        activity('marketingClass', '2026-12-29', '2026-12-29'),
      ]),
    ).toEqual([]);
  });

  test('a camp on a legal holiday', () => {
    const warnings = check(
      [
        ...weeklyClasses(2026, 10),
        activity('camp', '2026-09-30', '2026-10-02', { name: '国庆营' }),
        activity('camp', '2026-10-08', '2026-10-10', { name: '节后营' }),
      ],
      { month: 10 },
    );
    expect(warnings.map((w) => [w.kind, w.params])).toEqual([['campOnHoliday', { name: '国庆营', holiday: '国庆节', start: '2026-10-01', end: '2026-10-02' }]]);
    const september = check([...weeklyClasses(2026, 9), activity('camp', '2026-09-24', '2026-09-26', { name: '中秋营' })], { month: 9 });
    expect(september.map((w) => [w.kind, w.params.holiday, w.params.start, w.params.end])).toEqual([['campOnHoliday', '中秋节', '2026-09-25', '2026-09-26']]);
  });

  test('group pushes above WeCom’s one per group per day; entries of one group and day add up; other months are ignored', () => {
    const warnings = check(weeklyClasses(2026, 12), {
      pushes: [
        { group: 'Java引流5群', date: d('2026-12-05'), count: 2 },
        { group: 'Java引流6群', date: d('2026-12-05'), count: 1 },
        { group: 'Java引流7群', date: d('2026-12-06'), count: 1 },
        { group: 'Java引流7群', date: d('2026-12-06'), count: 1 },
        { group: 'Java引流8群', date: d('2026-11-30'), count: 5 },
      ],
    });
    expect(warnings.map((w) => [w.kind, w.params])).toEqual([
      ['pushCap', { date: '2026-12-05', group: 'Java引流5群', count: 2, cap: 1 }],
      ['pushCap', { date: '2026-12-06', group: 'Java引流7群', count: 2, cap: 1 }],
    ]);
    expect(t('en', warnings[0].code, warnings[0].params)).toBe(
      '2026-12-05: 2 group pushes planned for "Java引流5群"; WeCom delivers at most 1 group push per customer group per day.',
    );
  });

  test('warnings come in date order and reach the calendar month and its JSON', () => {
    const calendar = calendarMonth({
      year: 2026,
      month: 12,
      weekStart: 'mon',
      lang: 'zh-CN',
      overloadThreshold: 1,
      activities: [
        activity('marketingClass', '2026-12-15', '2026-12-15', { owner: '赵老师' }),
        activity('survey', '2026-12-15', '2026-12-17', { owner: '赵老师' }),
      ],
      pushesByGroupDay: [{ group: 'A', date: d('2026-12-01'), count: 3 }],
    });
    expect(calendar.warnings.map((w) => [w.kind, toIso(w.start)])).toEqual([
      ['cadenceGap', '2026-12-01'],
      ['pushCap', '2026-12-01'],
      ['ownerOverload', '2026-12-15'],
      ['cadenceGap', '2026-12-16'],
    ]);
    const json = calendarToJson(calendar);
    expect(json.warnings[2]).toEqual({
      kind: 'ownerOverload',
      code: 'calendar.warning.ownerOverload',
      params: { owner: '赵老师', start: '2026-12-15', end: '2026-12-15', count: 2, threshold: 1 },
      message: '赵老师 在 2026-12-15–2026-12-15 每天最多有 2 个活动，超过提醒阈值 1。',
    });
  });
});

describe('a month of a year whose holiday schedule is not published', () => {
  const february2027 = () => calendarMonth({ year: 2027, month: 2, weekStart: 'mon', lang: 'zh-CN', activities: weeklyClasses(2027, 2) });

  test('February 2027 says so first, in both languages; December 2026 (published) does not', () => {
    const calendar = february2027();
    expect(calendar.warnings.map((w) => [w.kind, w.params])).toEqual([['unpublishedHolidays', { year: 2027 }]]);
    expect(t('zh-CN', calendar.warnings[0].code, calendar.warnings[0].params)).toBe(
      '2027 年的放假安排还没有公布：日历只标出了法定假日（元旦，除夕至正月初三，清明，劳动节 5月1–2日，端午，中秋，国庆 10月1–3日），调休上班和连休以国务院公布的安排为准。',
    );
    expect(t('en', calendar.warnings[0].code, calendar.warnings[0].params)).toMatch(
      /^The public-holiday schedule of 2027 is not published yet: only the statutory days off are marked/,
    );
    expect(check(weeklyClasses(2026, 12)).map((w) => w.kind)).not.toContain('unpublishedHolidays');
  });

  test('its statutory days are still marked: 除夕 and 春节 by name, 休 from 除夕 to 初三', () => {
    const days = february2027()
      .weeks.flat()
      .filter((day) => day.inMonth && (day.holiday || day.festivals.length > 0));
    expect(days.map((day) => [toIso(day.serial), day.festivals.join('、'), day.holiday ? day.holidayName : null])).toEqual([
      ['2027-02-05', '除夕', '春节'],
      ['2027-02-06', '春节', '春节'],
      ['2027-02-07', '', '春节'],
      ['2027-02-08', '', '春节'],
      ['2027-02-20', '元宵', null],
    ]);
  });

  test('a camp over 劳动节 2027 is still flagged as on a legal holiday', () => {
    const warnings = checkMonth({
      year: 2027,
      month: 5,
      activities: [...weeklyClasses(2027, 5), activity('camp', '2027-04-30', '2027-05-03', { name: '五一营' })],
      overloadThreshold: 3,
      lang: 'zh-CN',
    });
    expect(warnings.map((w) => [w.kind, w.params])).toEqual([
      ['unpublishedHolidays', { year: 2027 }],
      ['campOnHoliday', { name: '五一营', holiday: '劳动节', start: '2027-05-01', end: '2027-05-02' }],
    ]);
  });
});
