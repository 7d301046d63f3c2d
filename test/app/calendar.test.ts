/** Monthly activity calendar through the use cases, on the demo workbook and hand-made ones. */
import { callApi, runEditTriggers } from '../../src/app/api';
import { createActivityList, draftMonth, generateCalendar, getCalendarState, refreshCalendars } from '../../src/app/calendar';
import { MENU, menuCommand } from '../../src/app/menu';
import { generateTodayBoard } from '../../src/app/today';
import { sopRowsAbout } from '../../src/core/calendar/pushes';
import { serialFromYmd } from '../../src/core/dates';
import { cellValue, isFormulaCell, type CellValue } from '../../src/core/tab/spec';
import { createLocalContext, type LocalContext } from '../../src/local/context';
import { createDemoContext } from '../../src/local/demo';
import { PreviewEngine } from '../../src/local/preview-engine';
import { errorOf } from '../support/problems';

const today = serialFromYmd(2026, 11, 23);
const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day);

function demo(options: Parameters<typeof createDemoContext>[0] = {}): LocalContext {
  return createDemoContext({ today, ...options });
}

/** Where a day's slots are: rows under the day number in its week block (title, weekday row, then blocks). */
function slotsOf(grid: CellValue[][], day: number): string[] {
  for (let r = 2; r < grid.length; r++) {
    const c = grid[r].indexOf(day);
    if (c < 0 || typeof grid[r + 1]?.[c] === 'number') continue;
    const slots: string[] = [];
    for (let k = r + 2; k < grid.length && typeof grid[k][c] !== 'number' && grid[k].some((v) => v !== null); k++) slots.push(String(grid[k][c] ?? ''));
    return slots.filter((text) => text !== '');
  }
  throw new Error(`day ${day} not found`);
}

function snapshot(ctx: LocalContext) {
  return JSON.stringify(ctx.workbook.tabs.map((tab) => [tab.spec.name, tab.marker, tab.spec.rows]));
}

describe('the calendar from the demo’s pasted 活动列表', () => {
  test('December 2026: one marked, active tab whose slot formulas read 活动列表 in its own layout', () => {
    const ctx = demo();
    const result = generateCalendar(ctx, { month: '2026-12' });
    expect(result).toEqual({
      tabs: ['2026-12 活动日历'],
      keys: ['2026-12'],
      activities: 8,
      warnings: 0,
      message: '已生成 2026-12 活动日历 · 8 项活动 · 0 条提醒',
    });
    expect(ctx.workbook.activeTabName()).toBe('2026-12 活动日历');
    expect(ctx.workbook.listTabs().find((tab) => tab.name === '2026-12 活动日历')?.marker).toMatchObject({ kind: 'calendar', key: { months: '2026-12' } });
    expect(ctx.ui.messages.map((m) => m.message)).toEqual([result.message]);

    const grid = ctx.workbook.readTab('2026-12 活动日历');
    // Read off the sample file by hand: Dec 5 has the live class and the month-long 朋友圈 row.
    expect(slotsOf(grid, 5)).toEqual(['【营销课】高薪就业直播公开课 · 赵老师', '【日常产出】朋友圈就业战报 · 周舟']);
    expect(slotsOf(grid, 22)).toEqual(['【促销活动】冬至秒杀快闪群 · 王蕾', '【日常产出】朋友圈就业战报 · 周舟']);
    expect(grid.find((row) => row[0] === '活动来源')).toEqual(['活动来源', '活动列表', null, null, null, null, null]);

    const formulas = ctx.workbook.tab('2026-12 活动日历').spec.rows.flat().filter(isFormulaCell);
    expect(formulas).toHaveLength(5 * 7 * 4);
    // 活动列表: A 活动名称, B 类型, C 开始日期, D 结束日期, E 负责人 — and no 状态 column.
    expect(formulas[0].formula).toContain("INDEX('活动列表'!$B$2:$B,");
    expect(formulas[0].formula).toContain("('活动列表'!$D$2:$D>=DATE(2026,11,30))");
    expect(formulas[0].formula).toContain("INDEX('活动列表'!$E$2:$E,");
    expect(formulas[0].formula).not.toContain('已取消');
  });

  test('the playground’s formula engine computes every slot exactly as the core wrote it', () => {
    const ctx = demo();
    generateCalendar(ctx, { month: '2026-12' });
    const cached = ctx.workbook.tab('2026-12 活动日历').spec.rows.map((row) => row.map((cell) => cellValue(cell)));
    new PreviewEngine(ctx).recalculate();
    const live = ctx.workbook.tab('2026-12 活动日历').spec.rows.map((row) => row.map((cell) => cellValue(cell)));
    expect(live).toEqual(cached);
  });

  test('an activity added to the list shows in the calendar after the engine recalculates, without regenerating', () => {
    const ctx = demo();
    generateCalendar(ctx, { month: '2026-12' });
    const engine = new PreviewEngine(ctx);
    ctx.workbook.onChange = () => engine.recalculate();
    ctx.workbook.setCell('活动列表', 9, 0, '圣诞快闪群');
    ctx.workbook.setCell('活动列表', 9, 1, '促销活动');
    ctx.workbook.setCell('活动列表', 9, 2, d(2026, 12, 24));
    ctx.workbook.setCell('活动列表', 9, 4, '王蕾');
    expect(slotsOf(ctx.workbook.readTab('2026-12 活动日历'), 24)).toEqual(['【日常产出】朋友圈就业战报 · 周舟', '【促销活动】圣诞快闪群 · 王蕾']);
  });

  test('a quarter on one tab, and several months one tab each', () => {
    const ctx = demo();
    const quarter = generateCalendar(ctx, { month: '2026-11', span: 'quarter' });
    expect(quarter).toMatchObject({ tabs: ['2026-Q4 活动日历'], keys: ['2026-Q4'], activities: 8 });
    const grid = ctx.workbook.readTab('2026-Q4 活动日历');
    expect(grid.map((row) => row[0]).filter((v) => typeof v === 'string' && /^2026年\d+月$/.test(v))).toEqual(['2026年10月', '2026年11月', '2026年12月']);
    // December is the third month: its day 5 shows the live class.
    const december = grid.findIndex((row) => row[0] === '2026年12月');
    expect(slotsOf(grid.slice(december - 2), 5)[0]).toBe('【营销课】高薪就业直播公开课 · 赵老师');

    const months = generateCalendar(ctx, { month: '2026-12', span: 'months', count: 3 });
    expect(months.tabs).toEqual(['2026-12 活动日历', '2027-01 活动日历', '2027-02 活动日历']);
    // January and February have no activity at all: each gets the whole-month gap warning.
    expect(months.message).toBe('已生成 2026-12、2027-01、2027-02 活动日历 · 8 项活动 · 4 条提醒');
    expect(ctx.workbook.activeTabName()).toBe('2027-02 活动日历');
  });

  test('weeks from Sunday and English, on request', () => {
    const ctx = demo({ locale: 'en_US' });
    const result = generateCalendar(ctx, { month: '2026-12', weekStart: 'sun' });
    expect(result.message).toBe('Generated the 2026-12 calendar · 8 activities · 0 warnings');
    const grid = ctx.workbook.readTab('Calendar 2026-12');
    expect(grid[1]).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    expect(grid[2]).toEqual([29, 30, 1, 2, 3, 4, 5]);
    expect(slotsOf(grid, 5)[0]).toBe('[营销课] 高薪就业直播公开课 · 赵老师');
  });
});

describe('the warnings block', () => {
  test('group pushes above WeCom’s cap, counted from an SOP-like tab of the month', () => {
    const ctx = demo();
    ctx.workbook.addTab(
      'SOP·Java引流5群',
      [
        ['ID', '日期', '渠道', '事项', '状态'],
        ['D1-1', d(2026, 12, 1), '群发', '开营提醒', '未开始'],
        ['D1-2', d(2026, 12, 1), '群发', '晚间直播提醒', null],
        ['D2-1', d(2026, 12, 2), '群发', '作业提醒', null],
        ['D2-2', d(2026, 12, 2), '社群', '群内答疑', null],
      ],
      { kind: 'sop', key: { group: 'Java引流5群', cohort: '第12期' } },
    );
    const result = generateCalendar(ctx, { month: '2026-12' });
    expect(result.warnings).toBe(1);
    const lines = ctx.workbook
      .readTab(result.tabs[0])
      .map((row) => row[0])
      .filter((v) => typeof v === 'string' && v.startsWith('• '));
    expect(lines).toEqual(['• 2026-12-01「Java引流5群」计划群发 2 次；企业微信每个客户群每天只能收到 1 条群发。']);
  });

  test('an SOP tab whose marker says its rows lie outside the month is not read; one without that is', () => {
    const ctx = demo();
    const rows = [
      ['ID', '日期', '渠道', '事项', '状态'],
      ['D1-1', d(2026, 12, 1), '群发', '开营提醒', '未开始'],
      ['D1-2', d(2026, 12, 1), '群发', '晚间直播提醒', null],
    ];
    const marker = (group: string, about?: Record<string, string>) => ({ kind: 'sop' as const, key: { group, cohort: '第1期' }, ...(about ? { about } : {}) });
    // A past cohort's tab (its marker says September); its rows are what the test reads if it is read.
    ctx.workbook.addTab('SOP·旧群', rows, marker('旧群', { template: 'live-class', anchor: '2026-09-07', first: '2026-09-01', last: '2026-09-30' }));
    ctx.workbook.addTab('SOP·老标记群', rows, marker('老标记群'));
    ctx.workbook.addTab('SOP·本月群', rows, marker('本月群', { template: 'live-class', anchor: '2026-12-01', first: '2026-11-25', last: '2026-12-20' }));
    const read: string[] = [];
    const readTab = ctx.workbook.readTab.bind(ctx.workbook);
    ctx.workbook.readTab = (name: string) => (read.push(name), readTab(name));
    const result = generateCalendar(ctx, { month: '2026-12' });
    expect(read.filter((name) => name.startsWith('SOP·')).sort()).toEqual(['SOP·本月群', 'SOP·老标记群']);
    expect(result.warnings).toBe(2);
  });

  test('an SOP tab’s marker keeps its pushes: the calendar reads no SOP tab, and a typed re-dating counts once the edit triggers ran', () => {
    const ctx = demo();
    for (const cohort of ['第1期', '第2期']) {
      const response = callApi(ctx, 'generateSop', [{ template: 'conversion-7d', anchor: '2026-12-14', groups: 'A群', cohort }]);
      expect(response.ok).toBe(true);
    }
    const read: string[] = [];
    const readTab = ctx.workbook.readTab.bind(ctx.workbook);
    ctx.workbook.readTab = (name: string) => (read.push(name), readTab(name));
    const warningLines = (): string[] =>
      readTab(generateCalendar(ctx, { month: '2026-12' }).tabs[0])
        .map((row) => row[0])
        .filter((v): v is string => typeof v === 'string' && v.includes('条群发'));
    expect(warningLines()).toHaveLength(1);
    expect(read.filter((name) => name.startsWith('SOP·'))).toEqual([]);

    // The 第2期 tab's 群发 row typed to another day: until the edit triggers run, the marker says the old day.
    const tab = 'SOP·A群·第2期';
    const grid = readTab(tab);
    const row = grid.findIndex((line) => line[grid[0].indexOf('渠道')] === '群发');
    ctx.workbook.setCell(tab, row, grid[0].indexOf('日期'), d(2026, 12, 25));
    expect(warningLines()).toHaveLength(1);
    runEditTriggers(ctx, tab);
    expect(warningLines()).toEqual([]);
    // An earlier version's tab (its marker keeps no pushes) is read, and counts.
    const { pushes: _pushes, ...about } = ctx.workbook.tab(tab).marker?.about ?? {};
    ctx.workbook.rememberAbout(tab, about);
    ctx.workbook.setCell(tab, row, grid[0].indexOf('日期'), grid[row][grid[0].indexOf('日期')]);
    read.length = 0;
    expect(warningLines()).toHaveLength(1);
    expect(read.filter((name) => name.startsWith('SOP·'))).toEqual([tab]);
  });

  test('regenerating an SOP tab keeps in its marker the 群发 rows as the tab holds them: one re-dated by hand, one a person added', () => {
    const ctx = demo();
    const generate = () =>
      expect(callApi(ctx, 'generateSop', [{ template: 'conversion-7d', anchor: '2026-12-14', groups: 'A群', cohort: '第1期' }]).ok).toBe(true);
    generate();
    const tab = 'SOP·A群·第1期';
    const grid = ctx.workbook.readTab(tab);
    const column = (header: string) => grid[0].indexOf(header);
    const row = grid.findIndex((line) => line[column('渠道')] === '群发');
    ctx.workbook.setCell(tab, row, column('日期'), d(2026, 12, 25));
    ctx.workbook.setCell(tab, grid.length, column('日期'), d(2026, 12, 26));
    ctx.workbook.setCell(tab, grid.length, column('渠道'), '群发');
    ctx.workbook.setCell(tab, grid.length, column('事项'), '我加的提醒');
    generate();
    expect(ctx.workbook.tab(tab).marker?.about).toMatchObject({ last: '2026-12-26', pushes: '[["2026-12-25",1],["2026-12-26",1]]' });
    expect(ctx.workbook.tab(tab).marker?.about).toMatchObject(sopRowsAbout('A群', ctx.workbook.readTab(tab)));
  });

  test('a 群发 row deleted by hand (no onEdit fires for that) stops counting once the Today board has read the tab', () => {
    const ctx = demo();
    for (const cohort of ['第1期', '第2期'])
      expect(callApi(ctx, 'generateSop', [{ template: 'conversion-7d', anchor: '2026-12-14', groups: 'A群', cohort }]).ok).toBe(true);
    const warnings = () => generateCalendar(ctx, { month: '2026-12' }).warnings;
    const before = warnings();
    const tab = 'SOP·A群·第2期';
    const grid = ctx.workbook.readTab(tab);
    ctx.workbook.deleteRows(
      tab,
      grid.findIndex((line) => line[grid[0].indexOf('渠道')] === '群发'),
    );
    expect(warnings()).toBe(before);
    generateTodayBoard(ctx, {});
    expect(warnings()).toBe(before - 1);
  });

  test('an owner above the overload threshold of the settings', () => {
    const ctx = demo({ settings: { overloadThreshold: 1 } });
    expect(generateCalendar(ctx, { month: '2026-12' }).warnings).toBe(1);
  });
});

describe('the activity list tab', () => {
  test('created once with the Team tab’s owner dropdown; asked again, it opens the list and keeps what was typed', () => {
    const ctx = demo();
    const created = createActivityList(ctx);
    expect(created).toEqual({ tab: '活动清单', created: true, message: '已新建「活动清单」：每行填一个活动，再点“生成日历”。' });
    const spec = ctx.workbook.tab('活动清单').spec;
    expect(spec.validations?.find((v) => v.range.col === 4)?.rule).toMatchObject({ type: 'listFromRange', tab: '团队' });
    ctx.workbook.setCell('活动清单', 1, 0, '我的活动');
    ctx.workbook.activate('团队');
    expect(createActivityList(ctx)).toMatchObject({ tab: '活动清单', created: false });
    expect(ctx.workbook.readTab('活动清单')[1][0]).toBe('我的活动');
    expect(ctx.workbook.activeTabName()).toBe('活动清单');
  });

  test('without a Team tab the list has no owner dropdown; a foreign tab named 活动清单 is left alone', () => {
    const ctx = createLocalContext({ today });
    ctx.workbook.addPlainTab('活动清单', [['我的笔记']]);
    expect(createActivityList(ctx).tab).toBe('活动清单 (2)');
    expect(ctx.workbook.readTab('活动清单')).toEqual([['我的笔记']]);
    expect(ctx.workbook.tab('活动清单 (2)').spec.validations?.map((v) => v.range.col)).toEqual([1, 7]);
  });

  test('the sidebar’s state: lists (ours first), calendars, default month after the 20th, settings’ week start', () => {
    const ctx = demo({ settings: { weekStart: 'sun' } });
    expect(getCalendarState(ctx)).toMatchObject({
      defaultMonth: '2026-12',
      weekStart: 'sun',
      lists: [{ name: '活动列表', ours: false }],
      defaultList: '活动列表',
      calendars: [],
    });
    createActivityList(ctx);
    generateCalendar(ctx, { month: '2026-12', list: '活动列表' });
    const state = getCalendarState(ctx);
    expect(state.lists).toEqual([
      { name: '活动清单', ours: true },
      { name: '活动列表', ours: false },
    ]);
    expect(state.defaultList).toBe('活动清单');
    expect(state.calendars).toEqual([{ name: '2026-12 活动日历', key: '2026-12' }]);
    expect(getCalendarState(demo({ today: serialFromYmd(2026, 11, 20) })).defaultMonth).toBe('2026-11');
    expect(getCalendarState(demo({ today: serialFromYmd(2026, 12, 31) })).defaultMonth).toBe('2027-01');
  });
});

describe('Draft month', () => {
  /** Every type and status cell of a list tab is one its strict dropdown takes. */
  function dropdownsHold(ctx: LocalContext, tab: string): void {
    const spec = ctx.workbook.tab(tab).spec;
    const strict = (spec.validations ?? []).filter((v) => v.rule.type === 'list' && v.rule.strict);
    expect(strict.length).toBeGreaterThanOrEqual(2);
    for (const { range, rule } of strict) {
      if (rule.type !== 'list') continue;
      for (let r = range.row; r < Math.min(range.row + range.rows, spec.rows.length); r++) {
        const value = cellValue(spec.rows[r]?.[range.col] ?? null);
        if (value !== null && value !== '') expect(rule.values).toContain(value);
      }
    }
  }

  test('in an English session a Chinese pasted list is copied with English types; a Chinese list of ours stays Chinese', () => {
    const zh = demo();
    const en = createLocalContext({ workbook: zh.workbook, locale: 'en_US', today });
    const copied = draftMonth(en, { month: '2026-12', convert: true });
    dropdownsHold(en, copied.listTab as string);
    expect(
      en.workbook
        .readTab(copied.listTab as string)
        .slice(1, 4)
        .map((row) => row[1]),
    ).toEqual(['camp', 'marketing class', 'promotion']);

    // Our list made in Chinese, drafted from an English session: drafts and dropdowns stay Chinese.
    const other = demo();
    const ours = draftMonth(other, { month: '2026-12', convert: true });
    const english = createLocalContext({ workbook: other.workbook, locale: 'en_US', today });
    draftMonth(english, { month: '2027-01' });
    dropdownsHold(english, ours.listTab as string);
    const types = english.workbook
      .readTab(ours.listTab as string)
      .slice(1)
      .map((row) => row[1]);
    expect(types.every((type) => /[\u4e00-\u9fff]/.test(String(type)))).toBe(true);
  });

  test('on the pasted list: asks first and writes nothing; agreed, copies the rows into 活动清单, appends 草稿 rows, points the calendar there', () => {
    const ctx = demo();
    generateCalendar(ctx, { month: '2026-12' });
    const pasted = ctx.workbook.readTab('活动列表');
    const before = snapshot(ctx);
    const asked = draftMonth(ctx, { month: '2026-12' });
    expect(asked.needsConversion).toEqual({ tab: '活动列表', rows: 8, target: '活动清单' });
    expect(asked.drafts.length).toBeGreaterThan(0);
    expect(snapshot(ctx)).toBe(before);

    const done = draftMonth(ctx, { month: '2026-12', convert: true });
    expect(done.listTab).toBe('活动清单');
    expect(done.calendars).toEqual(['2026-12 活动日历']);
    expect(ctx.workbook.readTab('活动列表')).toEqual(pasted);
    const list = ctx.workbook.readTab('活动清单');
    expect(list[0]).toEqual(['活动名称', '类型', '开始日期', '结束日期', '负责人', '目标社群', '目标', '状态']);
    // The eight pasted rows, cell for cell, in our column order (the sample has no 状态 column).
    expect(list.slice(1, 9)).toEqual(pasted.slice(1).map((row) => [...row.slice(0, 7), null]));
    const drafts = list.slice(9);
    expect(drafts).toHaveLength(done.drafts.length);
    expect(drafts.every((row) => row[7] === '草稿')).toBe(true);
    // 大雪 (Dec 7) gets a voucher promotion run by the team's 社群运营, and the 顾问's follow-up after it;
    // the camps every other Tuesday skip what the list already has.
    expect(drafts.map((row) => [row[0], row[4]])).toEqual(
      expect.arrayContaining([
        ['大雪限时抵扣券', '林晓'],
        ['大雪领券用户·顾问1V1跟进', '陈默'],
        ['双12直播专场', '赵老师'],
      ]),
    );
    expect(done.message).toBe(`已把「活动列表」的 8 行复制到「活动清单」。\n已在「活动清单」追加 ${drafts.length} 条草稿 · 已刷新 2026-12 活动日历`);

    const calendar = ctx.workbook.readTab('2026-12 活动日历');
    expect(calendar.find((row) => row[0] === '活动来源')?.[1]).toBe('活动清单');
    expect(slotsOf(calendar, 7)).toContain('草稿·【促销活动】大雪限时抵扣券 · 林晓');
    expect(slotsOf(calendar, 5)).toContain('【营销课】高薪就业直播公开课 · 赵老师');
    expect(ctx.workbook.activeTabName()).toBe('2026-12 活动日历');
  });

  test('on our list: existing rows never change, drafting twice proposes nothing new, another rhythm only appends', () => {
    const ctx = demo();
    createActivityList(ctx);
    const typed: CellValue[][] = [
      ['JAVA训练营(14期)', '低价训练营', '2026/12/08', null, '林晓', 'A群;B群', '到课率≥40%', '计划中'],
      ['周末直播', '营销课', d(2026, 12, 12), d(2026, 12, 12), '赵老师', null, null, null],
    ];
    typed.forEach((row, r) => row.forEach((value, c) => value !== null && ctx.workbook.setCell('活动清单', r + 1, c, value)));
    const first = draftMonth(ctx, { month: '2026-12', rhythm: { dailyMoments: false } });
    expect(first.needsConversion).toBeNull();
    const after = ctx.workbook.readTab('活动清单');
    expect(after.slice(1, 3)).toEqual(typed);
    // The 12-12 live class is already there (same type, same day): not proposed again.
    expect(after.slice(3).map((row) => row[0])).not.toContain('双12直播专场');
    expect(after.slice(3).map((row) => row[0])).toContain('大雪福利预热直播');

    const again = draftMonth(ctx, { month: '2026-12', rhythm: { dailyMoments: false } });
    expect(again).toMatchObject({ drafts: [], listTab: null, message: '2026-12 的节奏已经都在「活动清单」里了，没有新的草稿。' });
    expect(ctx.workbook.readTab('活动清单')).toEqual(after);

    draftMonth(ctx, { month: '2026-12', rhythm: { campEveryWeeks: 0, weeklyLiveWeekday: 'none', promoOnFestivals: false, dailyMoments: true } });
    const third = ctx.workbook.readTab('活动清单');
    expect(third.slice(0, after.length)).toEqual(after);
    expect(third.slice(after.length).every((row) => row[1] === '日常产出' && row[7] === '草稿')).toBe(true);
    expect(
      ctx.workbook
        .listTabs()
        .filter((tab) => tab.marker?.kind === 'calendar')
        .map((tab) => tab.marker?.key),
    ).toEqual([{ months: '2026-12' }]);
  });

  test('with no list at all, the drafts go into a new 活动清单 and the month’s calendar is made', () => {
    const ctx = createLocalContext({ today });
    const result = draftMonth(ctx, { month: '2027-01', rhythm: { campWeekday: '周二', weeklyLiveWeekday: 'sat' } });
    expect(result.listTab).toBe('活动清单');
    expect(result.calendars).toEqual(['2027-01 活动日历']);
    // January 1 is 元旦 (a legal holiday): no camp starts on it.
    const camps = result.drafts.filter((row) => row.type === 'camp');
    expect(camps.length).toBeGreaterThan(0);
    expect(camps.every((row) => row.start !== '2027-01-01')).toBe(true);
  });

  test('with no Team tab every draft says 未分配, which no overload warning counts as a person', () => {
    const ctx = createLocalContext({ today });
    const result = draftMonth(ctx, { month: '2026-12' });
    expect(result.drafts.length).toBeGreaterThan(10);
    expect(result.drafts.every((row) => row.owner === '未分配')).toBe(true);
    const calendar = ctx.workbook.readTab('2026-12 活动日历');
    expect(calendar.flat().some((cell) => typeof cell === 'string' && cell.includes('未分配 在'))).toBe(false);
  });

  test('a draft on a day of a promotion: a warning line in the preview, a note on its row, a line in the calendar’s warnings', () => {
    const ctx = demo();
    const done = draftMonth(ctx, { month: '2026-12', convert: true, rhythm: { campEveryWeeks: 0, dailyMoments: false } });
    // 双12直播专场 (Saturday 12-12) lands on the list's 双12限时拼团 (12-10–12-12).
    const warning = '草稿「双12直播专场」（2026-12-12）当天已有促销「双12限时拼团」：两场会抢同一批人的注意力，换一天或并入促销。';
    const live = done.preview.find((line) => line.text.includes('双12直播专场'));
    expect(live).toEqual({ text: '12-12 草稿·【营销课】双12直播专场 · 赵老师', warnings: [warning] });
    expect(done.preview.find((line) => line.text.includes('大雪限时抵扣券'))?.warnings).toEqual([]);

    const list = ctx.workbook.readTab('活动清单');
    const row = list.findIndex((cells) => cells[0] === '双12直播专场');
    const notes = ctx.workbook.tab('活动清单').spec.notes ?? [];
    expect(notes.find((note) => note.row === row && note.col === 0)?.text).toBe(`【SOP助手】${warning}`);
    // Only drafts with something to warn about get a note (and the header its own).
    expect(notes.filter((note) => note.row > 0).map((note) => list[note.row][0])).toEqual(['双12直播专场']);

    const calendar = ctx.workbook.readTab('2026-12 活动日历');
    expect(calendar.map((cells) => cells[0])).toContain(`• ${warning}`);
  });

  test('drafts show as drafts: grey italics in the list, a 草稿· slot in the calendar styled apart from the types', () => {
    const ctx = demo();
    draftMonth(ctx, { month: '2026-12', convert: true });
    const list = ctx.workbook.tab('活动清单').spec;
    const draftRule = list.conditionalFormats?.find((rule) => rule.formula.includes('草稿'));
    expect(draftRule?.style).toEqual({ italic: true, fontColor: '#80868b', background: '#f5f5f5' });
    const calendar = ctx.workbook.tab('2026-12 活动日历').spec;
    const [first] = calendar.conditionalFormats?.filter((rule) => !rule.formula.includes('TODAY()')) ?? [];
    expect(first).toMatchObject({ formula: '=LEFT(A5,3)="草稿·"', style: { italic: true, fontColor: '#80868b', background: '#f5f5f5' } });
    // The legend's title row shows the draft style too.
    const legend = calendar.rows.findIndex((cells) => cells[0] === '图例：活动格按类型着色');
    expect(calendar.rows[legend][6]).toBe('草稿·… 待确认（灰色斜体）');
    // The playground's engine computes the draft slots as the core wrote them.
    const cached = calendar.rows.map((row) => row.map((cell) => cellValue(cell)));
    new PreviewEngine(ctx).recalculate();
    const live = ctx.workbook.tab('2026-12 活动日历').spec.rows.map((row) => row.map((cell) => cellValue(cell)));
    expect(live).toEqual(cached);
    expect(slotsOf(live, 7)).toContain('草稿·【促销活动】大雪限时抵扣券 · 林晓');
  });

  test('a bad rhythm or month is refused before anything is written', () => {
    const ctx = demo();
    const before = snapshot(ctx);
    expect(errorOf(() => draftMonth(ctx, { month: '2026-12', rhythm: { campDays: 40 }, convert: true })).problems[0].code).toBe('calendar.error.rhythm');
    expect(errorOf(() => draftMonth(ctx, { month: '2026-13' })).problems[0].code).toBe('calendar.error.month');
    expect(snapshot(ctx)).toBe(before);
  });
});

describe('Refresh calendars', () => {
  test('regenerates every calendar from its own list with its week start, with today’s warnings', () => {
    const ctx = demo();
    createActivityList(ctx);
    ctx.workbook.setCell('活动清单', 1, 0, '一月训练营');
    ctx.workbook.setCell('活动清单', 1, 1, '训练营');
    ctx.workbook.setCell('活动清单', 1, 2, d(2027, 1, 5));
    ctx.workbook.setCell('活动清单', 1, 3, d(2027, 1, 7));
    generateCalendar(ctx, { month: '2026-12', list: '活动列表', weekStart: 'sun' });
    generateCalendar(ctx, { month: '2027-01', list: '活动清单' });
    generateCalendar(ctx, { month: '2026-10', span: 'quarter', list: '活动列表' });
    // A pasted row with a clash: a second promotion for 全部引流群 on 双12.
    ctx.workbook.setCell('活动列表', 9, 0, '双12秒杀');
    ctx.workbook.setCell('活动列表', 9, 1, '促销活动');
    ctx.workbook.setCell('活动列表', 9, 2, d(2026, 12, 12));
    ctx.workbook.setCell('活动列表', 9, 5, '全部引流群');

    const result = refreshCalendars(ctx);
    expect(result).toEqual({
      tabs: ['2026-12 活动日历', '2027-01 活动日历', '2026-Q4 活动日历'],
      message: '已刷新 3 个活动日历：2026-12 活动日历、2027-01 活动日历、2026-Q4 活动日历',
    });
    const december = ctx.workbook.readTab('2026-12 活动日历');
    expect(december[1][0]).toBe('周日');
    expect(december.find((row) => row[0] === '活动来源')?.[1]).toBe('活动列表');
    expect(december.some((row) => typeof row[0] === 'string' && row[0].includes('双12秒杀'))).toBe(true);
    const january = ctx.workbook.readTab('2027-01 活动日历');
    expect(january[1][0]).toBe('周一');
    expect(slotsOf(january, 6)).toEqual(['【训练营】一月训练营']);
  });

  test('with no calendar it says so; it is a menu action', () => {
    const ctx = demo();
    expect(refreshCalendars(ctx).message).toBe('还没有活动日历：请从“月度活动日历…”生成。');
    const item = menuCommand('refreshCalendars');
    expect(item !== undefined && 'action' in item).toBe(true);
    expect(MENU).toContainEqual({ label: 'calendar.menu.sidebar', fn: 'showCalendarSidebar', page: 'calendar' });
  });
});

describe('mistakes write nothing', () => {
  test('a list with a bad date and an unknown type: every problem with its row and column, in the envelope', () => {
    const ctx = demo();
    ctx.workbook.setCell('活动列表', 3, 2, '12月某天');
    ctx.workbook.setCell('活动列表', 5, 1, '团购');
    const before = snapshot(ctx);
    const response = callApi(ctx, 'generateCalendar', [{ month: '2026-12' }]);
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error.problems.map((p) => [p.row, p.column])).toEqual([
      [4, 2],
      [6, 1],
    ]);
    expect(response.error.problems[0].text).toBe('「活动列表」 第 4 行 C 列（开始日期）：无法识别的日期“12月某天”，请用 2026-12-01 这样的格式。');
    expect(snapshot(ctx)).toBe(before);
  });

  test('a bad month, week start or count, a missing list tab, a workbook without any list', () => {
    const ctx = demo({ locale: 'en_US' });
    const before = snapshot(ctx);
    expect(callApi(ctx, 'generateCalendar', [{ month: '2026-13' }])).toMatchObject({
      ok: false,
      error: { message: 'Cannot read the month "2026-13"; write it like 2026-12.' },
    });
    expect(errorOf(() => generateCalendar(ctx, { month: '2026-12', weekStart: 'tue' as never })).problems[0].code).toBe('calendar.error.weekStart');
    expect(errorOf(() => generateCalendar(ctx, { month: '2026-12', span: 'months', count: 13 })).problems[0].code).toBe('calendar.error.monthCount');
    expect(errorOf(() => generateCalendar(ctx, { month: '2026-12', list: 'Nope' })).problems[0]).toMatchObject({
      code: 'error.tabNotFound',
      params: { tab: 'Nope' },
    });
    expect(errorOf(() => generateCalendar(ctx, { month: '2026-12', list: 'Group funnel' })).problems[0].code).toBe('calendar.error.noHeader');
    expect(snapshot(ctx)).toBe(before);
    expect(errorOf(() => generateCalendar(createLocalContext(), { month: '2026-12' })).problems[0].code).toBe('calendar.error.noList');
  });

  test('a busy document: nothing is written', () => {
    const ctx = demo();
    const before = snapshot(ctx);
    const response = ctx.workbook.withLock(() => callApi(ctx, 'generateCalendar', [{ month: '2026-12' }]));
    expect(response).toMatchObject({ ok: false, error: { message: '另一个操作正在写入此表格，请稍后再试。' } });
    expect(snapshot(ctx)).toBe(before);
  });
});
