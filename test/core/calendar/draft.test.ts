import fc from 'fast-check';
import type { ActivityRow } from '../../../src/core/calendar/activities';
import { DEFAULT_RHYTHM, draftMonth, draftToJson, normalizeRhythm, parseWeekday, type Rhythm } from '../../../src/core/calendar/draft';
import { checkMonth } from '../../../src/core/calendar/warnings';
import { dayInfo } from '../../../src/core/cn-calendar';
import { firstOfMonth, lastOfMonth, toIso, type Weekday } from '../../../src/core/dates';
import { AppError } from '../../../src/core/errors';
import { d, sampleActivities } from './sample';

const octoberRhythm: Rhythm = {
  ...DEFAULT_RHYTHM,
  campEveryWeeks: 2,
  campWeekday: 4,
  campDays: 3,
  weeklyLiveWeekday: 6,
  owners: { camp: '林晓', promotion: '陈默' },
  targetGroups: ['Java引流5群'],
};
const rows = (list: ActivityRow[]) => list.map((row) => `${toIso(row.start)}..${toIso(row.end)} ${row.type} ${row.name}`);

describe('drafting a month', () => {
  test('October 2026: the Thursday camp of the 1st moves after National Day; terms, festivals, Saturdays and weekly 朋友圈', () => {
    const drafted = draftMonth({ year: 2026, month: 10, rhythm: octoberRhythm, existing: [], lang: 'zh-CN', weekStart: 'mon' });
    expect(rows(drafted)).toEqual([
      '2026-10-01..2026-10-01 promotion 国庆秒杀',
      '2026-10-01..2026-10-04 dailyContent 朋友圈·行业前景（10-01–10-04）',
      '2026-10-03..2026-10-03 marketingClass 营销直播课 10-03',
      '2026-10-05..2026-10-11 dailyContent 朋友圈·学员案例与就业战报（10-05–10-11）',
      '2026-10-08..2026-10-10 camp 10月训练营 第1期',
      '2026-10-08..2026-10-08 promotion 寒露秒杀',
      '2026-10-10..2026-10-10 marketingClass 营销直播课 10-10',
      '2026-10-12..2026-10-18 dailyContent 朋友圈·高薪内推与经验分享（10-12–10-18）',
      '2026-10-15..2026-10-17 camp 10月训练营 第2期',
      '2026-10-17..2026-10-17 marketingClass 营销直播课 10-17',
      '2026-10-18..2026-10-18 promotion 重阳秒杀',
      '2026-10-19..2026-10-25 dailyContent 朋友圈·干货分享（10-19–10-25）',
      '2026-10-23..2026-10-23 promotion 霜降秒杀',
      '2026-10-24..2026-10-24 marketingClass 营销直播课 10-24',
      '2026-10-26..2026-10-31 dailyContent 朋友圈·行业前景（10-26–10-31）',
      '2026-10-29..2026-10-31 camp 10月训练营 第3期',
      '2026-10-31..2026-10-31 marketingClass 营销直播课 10-31',
    ]);
    expect(drafted.every((row) => row.status === 'draft')).toBe(true);
    expect(drafted.filter((row) => row.type === 'camp').map((row) => [row.owner, row.targetGroups])).toEqual([
      ['林晓', ['Java引流5群']],
      ['林晓', ['Java引流5群']],
      ['林晓', ['Java引流5群']],
    ]);
    expect(drafted.find((row) => row.type === 'dailyContent')?.targetGroups).toEqual(['朋友圈']);
    expect(drafted.find((row) => row.type === 'marketingClass')?.owner).toBe('');
    const warnings = checkMonth({
      year: 2026,
      month: 10,
      activities: drafted.map((row) => ({ ...row, typeText: row.type })),
      overloadThreshold: 3,
      lang: 'zh-CN',
    });
    expect(warnings.filter((w) => w.kind === 'campOnHoliday')).toEqual([]);
  });

  test('the sample December: only what the list does not hold yet, and the list itself is untouched', () => {
    const existing = sampleActivities();
    const before = JSON.stringify(existing);
    const drafted = draftMonth({ year: 2026, month: 12, rhythm: DEFAULT_RHYTHM, existing, lang: 'zh-CN', weekStart: 'mon' });
    // Camps on the 1st and 15th, the Saturday classes of the 5th and 26th, the 双12 and 冬至 promotions
    // and the month-long 朋友圈 row are in the list already.
    expect(rows(drafted)).toEqual([
      '2026-12-07..2026-12-07 promotion 大雪秒杀',
      '2026-12-12..2026-12-12 marketingClass 营销直播课 12-12',
      '2026-12-19..2026-12-19 marketingClass 营销直播课 12-19',
      '2026-12-29..2026-12-31 camp 12月训练营 第3期',
    ]);
    expect(JSON.stringify(existing)).toBe(before);
    const again = draftMonth({ year: 2026, month: 12, rhythm: DEFAULT_RHYTHM, existing: [...existing, ...drafted], lang: 'zh-CN', weekStart: 'mon' });
    expect(again).toEqual([]);
  });

  test('a row with the same name, even of another type or date, is not proposed again', () => {
    const existing: ActivityRow[] = [
      { name: '大雪秒杀', type: 'other', start: d('2026-12-01'), end: d('2026-12-01'), owner: '', targetGroups: [], goal: '', status: 'cancelled' },
    ];
    const drafted = draftMonth({
      year: 2026,
      month: 12,
      rhythm: { ...DEFAULT_RHYTHM, campEveryWeeks: 0, weeklyLiveWeekday: null, dailyMoments: false },
      existing,
      lang: 'zh-CN',
      weekStart: 'mon',
    });
    expect(drafted.map((row) => row.name)).toEqual(['双12秒杀', '冬至秒杀']);
  });

  test('English names, and the CLI JSON', () => {
    const drafted = draftMonth({
      year: 2026,
      month: 12,
      rhythm: { ...DEFAULT_RHYTHM, weeklyLiveWeekday: null, dailyMoments: false },
      existing: [],
      lang: 'en',
      weekStart: 'sun',
    });
    expect(drafted.map((row) => row.name)).toEqual([
      'Camp 1 · December',
      'Major Snow flash sale',
      'Double 12 flash sale',
      'Camp 2 · December',
      'Winter Solstice flash sale',
      'Camp 3 · December',
    ]);
    expect(draftToJson(drafted)[0]).toEqual({
      name: 'Camp 1 · December',
      type: 'camp',
      start: '2026-12-01',
      end: '2026-12-03',
      owner: '',
      targetGroups: [],
      goal: '',
      status: 'draft',
    });
  });

  test('in any month and rhythm, no drafted camp covers a legal holiday, camps do not overlap, and drafting twice adds nothing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('mon' as const, 'sun' as const),
        (month, every, campWeekday, campDays, weekStart) => {
          const rhythm: Rhythm = { ...DEFAULT_RHYTHM, campEveryWeeks: every, campWeekday: campWeekday as Weekday, campDays };
          const drafted = draftMonth({ year: 2026, month, rhythm, existing: [], lang: 'zh-CN', weekStart });
          const camps = drafted.filter((row) => row.type === 'camp');
          for (const camp of camps) {
            expect(camp.end - camp.start + 1).toBe(campDays);
            for (let day = camp.start; day <= camp.end; day++)
              expect({ day: toIso(day), holiday: dayInfo(day, 'zh-CN').holiday }).toEqual({ day: toIso(day), holiday: false });
          }
          camps.forEach((camp, i) => i > 0 && expect(camp.start).toBeGreaterThan(camps[i - 1].end));
          expect(drafted.every((row) => row.start >= firstOfMonth(2026, month) && row.start <= lastOfMonth(2026, month))).toBe(true);
          expect(new Set(drafted.map((row) => row.name)).size).toBe(drafted.length);
          expect(draftMonth({ year: 2026, month, rhythm, existing: drafted, lang: 'zh-CN', weekStart })).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the rhythm', () => {
  test('flags arrive as text and are read; bad values are refused with the setting named', () => {
    expect(
      normalizeRhythm({ campEveryWeeks: '3', campWeekday: 'thu', campDays: '4', weeklyLiveWeekday: '周六', promoOnFestivals: 'false', dailyMoments: false }),
    ).toEqual({
      campEveryWeeks: 3,
      campWeekday: 4,
      campDays: 4,
      weeklyLiveWeekday: 6,
      promoOnFestivals: false,
      dailyMoments: false,
    });
    expect(normalizeRhythm({ weeklyLiveWeekday: 'none' }).weeklyLiveWeekday).toBeNull();
    expect(normalizeRhythm({})).toEqual(DEFAULT_RHYTHM);
    expect(() => normalizeRhythm({ campDays: 0 })).toThrow(AppError);
    expect(() => normalizeRhythm({ campWeekday: 'someday' })).toThrow(AppError);
    const problem = (() => {
      try {
        normalizeRhythm({ campEveryWeeks: '1.5' });
      } catch (error) {
        return (error as AppError).problems[0];
      }
      return null;
    })();
    expect(problem).toEqual({ code: 'calendar.error.rhythm', params: { name: 'campEveryWeeks', value: '1.5' } });
  });

  test('weekdays in English, Chinese or as numbers', () => {
    expect(['sun', 'Monday', 'TUE', '3', 4, '周五', '星期六', '周日', '礼拜天'].map(parseWeekday)).toEqual([0, 1, 2, 3, 4, 5, 6, 0, 0]);
    expect(['month', '7', 8, '周八', ''].map(parseWeekday)).toEqual([null, null, null, null, null]);
  });
});
