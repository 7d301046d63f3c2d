import fc from 'fast-check';
import type { ActivityRow } from '../../../src/core/calendar/activities';
import {
  DEFAULT_RHYTHM,
  draftMonth,
  draftNotes,
  draftPreview,
  draftToJson,
  normalizeRhythm,
  parseWeekday,
  type Rhythm,
} from '../../../src/core/calendar/draft';
import { checkMonth, draftConflicts, isUnassigned } from '../../../src/core/calendar/warnings';
import { readTeamGrid, type Person } from '../../../src/core/team/team';
import { dayInfo } from '../../../src/core/cn-calendar';
import { firstOfMonth, lastOfMonth, toIso, type Weekday } from '../../../src/core/dates';
import { AppError } from '../../../src/core/errors';
import { d, sampleActivities, teamGrid } from './sample';

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
      '2026-10-01..2026-10-01 promotion 国庆福利日·定金膨胀',
      '2026-10-01..2026-10-04 dailyContent 朋友圈·行业前景（10-01–10-04）',
      '2026-10-01..2026-10-03 other 国庆定金用户·顾问1V1跟进',
      '2026-10-03..2026-10-03 marketingClass 寒露福利预热直播',
      '2026-10-05..2026-10-11 dailyContent 朋友圈·学员案例与就业战报（10-05–10-11）',
      '2026-10-08..2026-10-10 camp 10月第1期·3天训练营',
      '2026-10-08..2026-10-08 promotion 寒露限时抵扣券',
      '2026-10-08..2026-10-10 other 寒露领券用户·顾问1V1跟进',
      '2026-10-10..2026-10-10 marketingClass 寒露返场直播',
      '2026-10-12..2026-10-18 dailyContent 朋友圈·高薪内推与经验分享（10-12–10-18）',
      '2026-10-15..2026-10-17 camp 10月第2期·3天训练营',
      '2026-10-17..2026-10-17 marketingClass 重阳预热直播',
      '2026-10-18..2026-10-18 promotion 重阳福利日·定金膨胀',
      '2026-10-18..2026-10-20 other 重阳定金用户·顾问1V1跟进',
      '2026-10-19..2026-10-25 dailyContent 朋友圈·干货分享（10-19–10-25）',
      '2026-10-23..2026-10-23 promotion 霜降·9.9元体验课',
      '2026-10-23..2026-10-25 other 霜降体验课学员·顾问1V1跟进',
      '2026-10-24..2026-10-24 marketingClass 霜降返场直播',
      '2026-10-26..2026-10-31 dailyContent 朋友圈·行业前景（10-26–10-31）',
      '2026-10-29..2026-10-31 camp 10月第3期·3天训练营',
      '2026-10-31..2026-10-31 marketingClass 学习规划答疑直播 10-31',
    ]);
    expect(drafted.every((row) => row.status === 'draft')).toBe(true);
    // The rhythm's owners come first; with no team, every other draft is 未分配.
    expect(drafted.filter((row) => row.type === 'camp').map((row) => [row.owner, row.targetGroups])).toEqual([
      ['林晓', ['Java引流5群']],
      ['林晓', ['Java引流5群']],
      ['林晓', ['Java引流5群']],
    ]);
    expect(drafted.find((row) => row.type === 'promotion')?.owner).toBe('陈默');
    expect(drafted.find((row) => row.type === 'dailyContent')?.targetGroups).toEqual(['朋友圈']);
    expect(drafted.find((row) => row.type === 'marketingClass')?.owner).toBe('未分配');
    const warnings = checkMonth({
      year: 2026,
      month: 10,
      activities: drafted.map((row) => ({ ...row, typeText: row.type })),
      overloadThreshold: 3,
      lang: 'zh-CN',
    });
    expect(warnings.filter((w) => w.kind === 'campOnHoliday')).toEqual([]);
    // The Saturday class of 10-03 falls in the National Day holiday: said once, in the calendar's words.
    expect(warnings.filter((w) => w.kind === 'draftOnHoliday').map((w) => [w.params.name, w.params.dates, w.params.holiday])).toEqual([
      ['寒露福利预热直播', '2026-10-03', '国庆节'],
    ]);
  });

  test('the sample December: only what the list does not hold yet, and the list itself is untouched', () => {
    const existing = sampleActivities();
    const before = JSON.stringify(existing);
    const drafted = draftMonth({ year: 2026, month: 12, rhythm: DEFAULT_RHYTHM, existing, lang: 'zh-CN', weekStart: 'mon' });
    // Camps on the 1st and 15th, the Saturday classes of the 5th and 26th, the 双12 and 冬至 promotions
    // (and so their follow-ups) and the month-long 朋友圈 row are in the list already.
    expect(rows(drafted)).toEqual([
      '2026-12-07..2026-12-07 promotion 大雪限时抵扣券',
      '2026-12-07..2026-12-09 other 大雪领券用户·顾问1V1跟进',
      '2026-12-12..2026-12-12 marketingClass 双12直播专场',
      '2026-12-19..2026-12-19 marketingClass 冬至福利预热直播',
      '2026-12-29..2026-12-31 camp 12月第3期·3天训练营',
    ]);
    expect(JSON.stringify(existing)).toBe(before);
    const again = draftMonth({ year: 2026, month: 12, rhythm: DEFAULT_RHYTHM, existing: [...existing, ...drafted], lang: 'zh-CN', weekStart: 'mon' });
    expect(again).toEqual([]);
  });

  test('a row with the same name, even of another type or date, is not proposed again', () => {
    const existing: ActivityRow[] = [
      { name: '大雪限时抵扣券', type: 'other', start: d('2026-12-01'), end: d('2026-12-01'), owner: '', targetGroups: [], goal: '', status: 'cancelled' },
    ];
    const drafted = draftMonth({
      year: 2026,
      month: 12,
      rhythm: { ...DEFAULT_RHYTHM, campEveryWeeks: 0, weeklyLiveWeekday: null, dailyMoments: false },
      existing,
      lang: 'zh-CN',
      weekStart: 'mon',
    });
    // …and the follow-up of a promotion not proposed is not proposed either.
    expect(drafted.map((row) => row.name)).toEqual(['双12福利日·定金膨胀', '双12定金用户·顾问1V1跟进', '冬至福利日·定金膨胀', '冬至定金用户·顾问1V1跟进']);
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
      '3-day camp 1 · December',
      'Major Snow limited-time voucher',
      'Major Snow voucher takers · advisor 1:1 follow-up',
      'Double 12 deal day · deposit boost',
      'Double 12 deposit payers · advisor 1:1 follow-up',
      '3-day camp 2 · December',
      'Winter Solstice deal day · deposit boost',
      'Winter Solstice deposit payers · advisor 1:1 follow-up',
      '3-day camp 3 · December',
    ]);
    expect(draftToJson(drafted)[0]).toEqual({
      name: '3-day camp 1 · December',
      type: 'camp',
      start: '2026-12-01',
      end: '2026-12-03',
      owner: 'Unassigned',
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

describe('names an operator would write, and owners by role', () => {
  const team = readTeamGrid(teamGrid());
  const december = (rhythm: Partial<Rhythm>, people: ReadonlyArray<Pick<Person, 'name' | 'role'>> = team, lang: 'zh-CN' | 'en' = 'zh-CN') =>
    draftMonth({ year: 2026, month: 12, rhythm: { ...DEFAULT_RHYTHM, ...rhythm }, existing: [], lang, weekStart: 'mon', team: people });
  const owned = (list: ActivityRow[]) => list.map((row) => `${toIso(row.start)} ${row.name} · ${row.owner}`);

  test('Saturday classes are named for the festival or 节气 around them: warm-up, the day’s special, 元旦’s review', () => {
    const lives = december({ campEveryWeeks: 0, promoOnFestivals: false, dailyMoments: false });
    expect(owned(lives)).toEqual([
      '2026-12-05 大雪福利预热直播 · 赵老师',
      '2026-12-12 双12直播专场 · 赵老师',
      '2026-12-19 冬至福利预热直播 · 赵老师',
      '2026-12-26 元旦复盘分享会 · 赵老师',
    ]);
    // With no festival near, the week's topic in turn, dated (a name is proposed once per list).
    const january = draftMonth({
      year: 2027,
      month: 1,
      rhythm: { ...DEFAULT_RHYTHM, campEveryWeeks: 0, promoOnFestivals: false, dailyMoments: false },
      existing: [],
      lang: 'zh-CN',
      weekStart: 'mon',
      team,
    });
    expect(january.map((row) => row.name)).toEqual(['小寒福利预热直播', '学员转行案例分享会 01-09', '大寒福利预热直播', '大寒返场直播', '立春福利预热直播']);
    expect(december({ campEveryWeeks: 0, promoOnFestivals: false, dailyMoments: false }, team, 'en').map((row) => row.name)).toEqual([
      'Major Snow deals warm-up live class',
      'Double 12 live special',
      'Winter Solstice deals warm-up live class',
      "New Year's Day year-in-review sharing session",
    ]);
  });

  test('promotions sell a deposit, a voucher or a ¥9.9 trial that surfaces intent; the advisors follow up 1V1 from that evening, in turn', () => {
    const promotions = december({ campEveryWeeks: 0, weeklyLiveWeekday: null, dailyMoments: false });
    expect(promotions.map((row) => `${toIso(row.start)}..${toIso(row.end)} ${row.type} ${row.name} · ${row.owner}`)).toEqual([
      '2026-12-07..2026-12-07 promotion 大雪限时抵扣券 · 林晓',
      '2026-12-07..2026-12-09 other 大雪领券用户·顾问1V1跟进 · 陈默',
      '2026-12-12..2026-12-12 promotion 双12福利日·定金膨胀 · 周舟',
      '2026-12-12..2026-12-14 other 双12定金用户·顾问1V1跟进 · 王蕾',
      '2026-12-22..2026-12-22 promotion 冬至福利日·定金膨胀 · 林晓',
      '2026-12-22..2026-12-24 other 冬至定金用户·顾问1V1跟进 · 陈默',
    ]);
  });

  test('a camp goes to the 班主任, else the 社群运营; a role nobody has leaves 未分配 (Unassigned in English)', () => {
    const withHeadTeacher = [...team, { name: '吴老师', role: 'headTeacher' as const }];
    const camps = (people: ReadonlyArray<Pick<Person, 'name' | 'role'>>, lang: 'zh-CN' | 'en' = 'zh-CN') =>
      december({ weeklyLiveWeekday: null, promoOnFestivals: false, dailyMoments: false }, people, lang).map((row) => row.owner);
    expect(camps(withHeadTeacher)).toEqual(['吴老师', '吴老师', '吴老师']);
    expect(camps(team)).toEqual(['林晓', '周舟', '林晓']);
    const designersOnly = team.filter((person) => person.role === 'designer');
    expect(camps(designersOnly)).toEqual(['未分配', '未分配', '未分配']);
    expect(camps(designersOnly, 'en')).toEqual(['Unassigned', 'Unassigned', 'Unassigned']);
    // A team without advisors: the follow-ups wait for one.
    const noAdvisors = team.filter((person) => person.role !== 'advisor');
    const followUps = december({ campEveryWeeks: 0, weeklyLiveWeekday: null, dailyMoments: false }, noAdvisors).filter((row) => row.type === 'other');
    expect(followUps.map((row) => row.owner)).toEqual(['未分配', '未分配', '未分配']);
    expect(isUnassigned('未分配') && isUnassigned(' Unassigned ') && !isUnassigned('林晓')).toBe(true);
  });

  test('nobody is overloaded by 未分配: drafts without an owner are no one’s', () => {
    const drafted = draftMonth({ year: 2026, month: 12, rhythm: DEFAULT_RHYTHM, existing: [], lang: 'zh-CN', weekStart: 'mon' });
    const warnings = checkMonth({
      year: 2026,
      month: 12,
      activities: drafted.map((row) => ({ ...row, typeText: row.type })),
      overloadThreshold: 1,
      lang: 'zh-CN',
    });
    expect(warnings.filter((w) => w.kind === 'ownerOverload')).toEqual([]);
  });
});

describe('drafts on a promotion or a public holiday', () => {
  const row = (name: string, type: ActivityRow['type'], start: string, end = start, status: ActivityRow['status'] = 'draft'): ActivityRow => ({
    name,
    type,
    start: d(start),
    end: d(end),
    owner: '',
    targetGroups: [],
    goal: '',
    status,
  });

  test('a drafted class on the day of a promotion, and one in a legal holiday, are warned about; agreed rows and promotions are not', () => {
    const list = [
      row('双12限时拼团', 'promotion', '2026-12-10', '2026-12-12', 'planned'),
      row('取消的快闪群', 'promotion', '2026-12-19', '2026-12-19', 'cancelled'),
      row('双12直播专场', 'marketingClass', '2026-12-12'),
      row('周末直播', 'marketingClass', '2026-12-12', '2026-12-12', 'planned'),
      row('冬至福利预热直播', 'marketingClass', '2026-12-19'),
      row('双12福利日·定金膨胀', 'promotion', '2026-12-12'),
      row('国庆答疑直播', 'marketingClass', '2026-10-03'),
      row('国庆福利日·定金膨胀', 'promotion', '2026-10-01'),
      row('国庆定金用户·顾问1V1跟进', 'other', '2026-10-01', '2026-10-03'),
    ];
    const conflicts = draftConflicts(list, 'zh-CN');
    expect(conflicts.map(({ index, warning }) => [list[index].name, warning.kind, warning.params])).toEqual([
      ['双12直播专场', 'draftOnPromotion', { name: '双12直播专场', dates: '2026-12-12', promotions: '双12限时拼团、双12福利日·定金膨胀' }],
      ['国庆答疑直播', 'draftOnHoliday', { name: '国庆答疑直播', dates: '2026-10-03', holiday: '国庆节' }],
    ]);
    expect(draftConflicts(list, 'en').map(({ warning }) => warning.params.holiday ?? warning.params.promotions)).toEqual([
      '双12限时拼团, 双12福利日·定金膨胀',
      'National Day',
    ]);
  });

  test('the warning as a note on the draft’s row, in the add-on’s lines, and as a line of the sidebar’s preview, in both languages', () => {
    const existing = [row('双12限时拼团', 'promotion', '2026-12-10', '2026-12-12', null)];
    const drafts = [
      { ...row('双12直播专场', 'marketingClass', '2026-12-12'), owner: '赵老师' },
      row('12月第3期·3天训练营', 'camp', '2026-12-29', '2026-12-31'),
    ];
    expect(draftNotes([...existing, ...drafts], 'zh-CN')).toEqual([
      null,
      '【SOP助手】草稿「双12直播专场」（2026-12-12）当天已有促销「双12限时拼团」：两场会抢同一批人的注意力，换一天或并入促销。',
      null,
    ]);
    expect(draftNotes([...existing, ...drafts], 'en')[1]).toBe(
      '[SOP Planner] Draft "双12直播专场" (2026-12-12) falls on a day with the promotion "双12限时拼团": the two compete for the same people; move it or fold it into the promotion.',
    );
    expect(draftPreview(drafts, existing, 'zh-CN')).toEqual([
      {
        text: '12-12 草稿·【营销课】双12直播专场 · 赵老师',
        warnings: ['草稿「双12直播专场」（2026-12-12）当天已有促销「双12限时拼团」：两场会抢同一批人的注意力，换一天或并入促销。'],
      },
      { text: '12-29–12-31 草稿·【训练营】12月第3期·3天训练营', warnings: [] },
    ]);
    expect(draftPreview([row('国庆答疑直播', 'marketingClass', '2026-10-03')], [], 'en')).toEqual([
      {
        text: '10-03 Draft · [marketing class] 国庆答疑直播',
        warnings: [
          'Draft "国庆答疑直播" (2026-10-03) falls on a public holiday (National Day): fewer people attend and fewer colleagues are on duty; confirm before setting it to planned.',
        ],
      },
    ]);
  });

  test('the calendar’s warnings block says them for the days of its month', () => {
    const activities = [row('双12限时拼团', 'promotion', '2026-12-10', '2026-12-12', null), row('双12直播专场', 'marketingClass', '2026-12-12')].map((r) => ({
      ...r,
      typeText: r.type,
    }));
    const draftKinds = (month: number) =>
      checkMonth({ year: 2026, month, activities, overloadThreshold: 3, lang: 'zh-CN' })
        .map((w) => w.kind)
        .filter((kind) => kind.startsWith('draft'));
    expect(draftKinds(12)).toEqual(['draftOnPromotion']);
    expect(draftKinds(11)).toEqual([]);
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
