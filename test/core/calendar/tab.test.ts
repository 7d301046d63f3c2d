import { DEFAULT_LIST_LAYOUT, DRAFT_STYLE, readActivityGrid, type Activity } from '../../../src/core/calendar/activities';
import { listFirstRow, slotFormula, slotTexts } from '../../../src/core/calendar/day-slots';
import { buildCalendarTab, buildQuarterTab, MAX_SLOTS, readCalendarSource, TYPE_COLORS, type CalendarTabInput } from '../../../src/core/calendar/tab';
import type { Lang } from '../../../src/core/i18n';
import { cellValue, isFormulaCell, styleGrid, type TabSpec } from '../../../src/core/tab/spec';
import { d, sampleActivities } from './sample';

const list = { tabName: '活动清单', layout: DEFAULT_LIST_LAYOUT, gridRows: 9 };

function tabFor(overrides: Partial<CalendarTabInput> = {}): TabSpec {
  return buildCalendarTab({
    year: 2026,
    month: 12,
    weekStart: 'mon',
    activities: sampleActivities(),
    list,
    lang: 'zh-CN',
    today: d('2026-11-20'),
    ...overrides,
  });
}

const values = (tab: TabSpec, row: number) => tab.rows[row].map((cell) => cellValue(cell));

describe('the calendar tab of December 2026', () => {
  const tab = tabFor();
  // Rows: title, weekday names, then 5 weeks of (day numbers, labels, 4 slots).
  const weekRow = (week: number) => 2 + week * 6;

  test('name, marker, frozen header, note', () => {
    expect(tab.name).toBe('2026-12 活动日历');
    expect(tab.marker).toEqual({ kind: 'calendar', key: { months: '2026-12' } });
    expect(tab.frozenRows).toBe(2);
    expect(tab.rows[0]).toEqual(['2026年12月 活动日历']);
    expect(tab.rows[1]).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
    expect(tab.notes?.[0].text).toContain('2026-11-20');
    expect(tab.notes?.[0].text).toContain('「活动清单」第 2 行往下的所有行');
  });

  test('weeks as blocks: day numbers, labels (节气, festivals), four activity slots', () => {
    expect(values(tab, weekRow(0))).toEqual([30, 1, 2, 3, 4, 5, 6]);
    expect(values(tab, weekRow(4))).toEqual([28, 29, 30, 31, 1, 2, 3]);
    expect(values(tab, weekRow(1) + 1)).toEqual(['大雪', null, null, null, null, '双12', null]);
    expect(values(tab, weekRow(3) + 1)[1]).toBe('冬至');
    // 2027 has no published schedule yet, but 元旦 is a statutory day off in any year.
    expect(values(tab, weekRow(4) + 1)[4]).toBe('元旦 休');
    // Tuesday December 15 (week 3, column 1): survey, camp, daily content, one free slot.
    expect([2, 3, 4, 5].map((k) => cellValue(tab.rows[weekRow(2) + k][1]))).toEqual([
      '【调研表单】学习需求调研表单 · 周舟',
      '【训练营】JAVA入门3天训练营(13期) · 林晓',
      '【日常产出】朋友圈就业战报 · 周舟',
      '',
    ]);
    // Grid, a blank row, the legend (2 rows), the source list, a blank row, the warnings (2 rows).
    expect(tab.rows.length).toBe(2 + 5 * 6 + 1 + 2 + 1 + 1 + 2);
  });

  test('every slot is a live formula over the list, with ranges of the list tab and the day as a DATE', () => {
    const cell = tab.rows[weekRow(2) + 2][1];
    expect(isFormulaCell(cell)).toBe(true);
    if (!isFormulaCell(cell)) return;
    expect(cell.formula).toBe('=' + slotFormula(list, d('2026-12-15'), 1, 4, 'zh-CN'));
    expect(cell.formula).toContain("'活动清单'!$C$2:$C<=DATE(2026,12,15)");
    expect(cell.formula).toContain('\'活动清单\'!$H$2:$H<>"已取消"');
    // A draft's slot starts with 草稿· (the status column says so, in either language), then 【type】.
    expect(cell.formula).toMatch(/^=IFERROR\(IF\(OR\(INDEX\('活动清单'!\$H\$2:\$H,SUMPRODUCT\(SMALL\(/);
    expect(cell.formula).toContain('="草稿",INDEX(');
    expect(cell.formula).toContain('="draft"),"草稿·","")&"【"&INDEX(\'活动清单\'!$B$2:$B,SUMPRODUCT(SMALL(');
    const all = tab.rows
      .flat()
      .filter(isFormulaCell)
      .map((c) => c.formula)
      .join('\n');
    expect(all).not.toMatch(/FILTER|TEXTJOIN|ARRAYFORMULA|AGGREGATE/);
    // The last slot of a day also counts the activities beyond it.
    const last = tab.rows[weekRow(2) + 5][1];
    expect(isFormulaCell(last) && last.formula.startsWith('=IF(SUMPRODUCT(')).toBe(true);
  });

  test('days outside the month grey, weekends tinted, holidays and 班 coloured', () => {
    const styles = styleGrid(tab, tab.rows.length, 7);
    expect(styles[weekRow(0)][0]).toMatchObject({ background: '#f1f3f4', fontColor: '#9aa0a6' });
    expect(styles[weekRow(0) + 3][0]).toMatchObject({ background: '#f1f3f4' });
    expect(styles[weekRow(0)][5].background).toBe('#f8f9fa');
    expect(styles[weekRow(0) + 4][6].background).toBe('#f8f9fa');
    expect(styles[weekRow(0)][1].background).toBeUndefined();
    expect(styles[weekRow(4)][4].background).toBe('#f1f3f4');

    const october = buildCalendarTab({ year: 2026, month: 10, weekStart: 'mon', activities: [], list, lang: 'zh-CN', today: d('2026-09-01') });
    // October 2026 starts on a Thursday: week 0 holds Sep 28 – Oct 4.
    expect(values(october, 3)).toEqual([null, null, null, '国庆 休', '休', '休', '休']);
    expect(values(october, 2 + 6 + 1)).toEqual(['休', '休', '休', '寒露', null, '班', null]);
    const octoberStyles = styleGrid(october, october.rows.length, 7);
    expect(octoberStyles[3][3]).toMatchObject({ fontColor: '#d93025', bold: true, background: '#fce8e6' });
    expect(octoberStyles[2 + 6 + 1][5]).toMatchObject({ fontColor: '#e37400', bold: true });
    expect(octoberStyles[2 + 6 + 1][3]).toMatchObject({ fontColor: '#188038' });
  });

  test('today is a conditional format on the day numbers of the month; the draft style, then type colours, are conditional formats on the slots', () => {
    const [today, draft, ...types] = tab.conditionalFormats ?? [];
    // Drafts first: the first rule that holds wins, and a draft's slot does not start with its type.
    expect(draft.formula).toBe('=LEFT(A5,3)="草稿·"');
    expect(draft.style).toEqual(DRAFT_STYLE);
    expect(draft.ranges).toEqual(types[0].ranges);
    expect(today.formula).toBe('=AND(B3=DAY(TODAY()),MONTH(TODAY())=12,YEAR(TODAY())=2026)');
    expect(today.ranges).toEqual([
      { row: 2, col: 1, rows: 1, cols: 6 },
      { row: 8, col: 0, rows: 1, cols: 7 },
      { row: 14, col: 0, rows: 1, cols: 7 },
      { row: 20, col: 0, rows: 1, cols: 7 },
      { row: 26, col: 0, rows: 1, cols: 4 },
    ]);
    expect(types.map((rule) => [rule.formula, rule.style.background])).toEqual([
      ['=OR(LEFT(A5,5)="【训练营】",LEFT(A5,6)="【camp】")', TYPE_COLORS.camp],
      ['=OR(LEFT(A5,5)="【营销课】",LEFT(A5,17)="【marketing class】")', TYPE_COLORS.marketingClass],
      ['=OR(LEFT(A5,5)="【公开课】",LEFT(A5,12)="【open class】")', TYPE_COLORS.openClass],
      ['=OR(LEFT(A5,6)="【调研表单】",LEFT(A5,8)="【survey】")', TYPE_COLORS.survey],
      ['=OR(LEFT(A5,6)="【促销活动】",LEFT(A5,11)="【promotion】")', TYPE_COLORS.promotion],
      ['=OR(LEFT(A5,6)="【日常产出】",LEFT(A5,15)="【daily content】")', TYPE_COLORS.dailyContent],
      ['=OR(LEFT(A5,4)="【其他】",LEFT(A5,7)="【other】")', TYPE_COLORS.other],
    ]);
    expect(types[0].ranges).toHaveLength(5);
    expect(types[0].ranges[0]).toEqual({ row: 4, col: 0, rows: 4, cols: 7 });
  });

  test('a list without a 状态 column holds no drafts: no draft rule, no draft sample in the legend', () => {
    const pasted = { ...list, layout: { ...list.layout, columns: { ...list.layout.columns, status: -1 } } };
    const plain = buildCalendarTab({
      year: 2026,
      month: 12,
      weekStart: 'mon',
      activities: sampleActivities(),
      list: pasted,
      lang: 'zh-CN',
      today: d('2026-11-23'),
    });
    expect((plain.conditionalFormats ?? []).some((rule) => rule.formula.includes('草稿'))).toBe(false);
    expect(plain.rows.find((row) => row[0] === '图例：活动格按类型着色')).toEqual(['图例：活动格按类型着色']);
  });

  test('the legend under the grid, then the warnings block', () => {
    const legendRow = tab.rows.findIndex((row) => row[0] === '图例：活动格按类型着色');
    expect(values(tab, legendRow + 1)).toEqual(['训练营', '营销课', '公开课', '调研表单', '促销活动', '日常产出', '其他']);
    const styles = styleGrid(tab, tab.rows.length, 7);
    // The draft sample at the right end of the legend's title row, in the draft style.
    expect(tab.rows[legendRow][6]).toBe('草稿·… 待确认（灰色斜体）');
    expect(styles[legendRow][6]).toMatchObject(DRAFT_STYLE);
    expect(styles[legendRow + 1][4].background).toBe(TYPE_COLORS.promotion);
    expect(tab.rows[legendRow + 2]).toEqual(['活动来源', '活动清单']);
    expect(tab.rows[tab.rows.length - 1]).toEqual(['没有发现问题。']);
    const crowded = tabFor({ overloadThreshold: 1 });
    // Only 周舟 has two activities on a day: the month-long 朋友圈 and the survey of the 14th–16th.
    expect(crowded.rows.slice(-2).map((row) => row[0])).toEqual([
      '提醒（按生成时的活动清单计算；修改清单后请刷新日历）',
      '• 周舟 在 2026-12-14–2026-12-16 每天最多有 2 个活动，超过提醒阈值 1。',
    ]);
  });

  test('in English, weeks from Sunday', () => {
    const en = tabFor({ lang: 'en', weekStart: 'sun', list: { ...list, tabName: 'Activities' } });
    expect(en.name).toBe('Calendar 2026-12');
    expect(en.rows[0]).toEqual(['Activity calendar · December 2026']);
    expect(en.rows[1]).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    expect(values(en, 2)).toEqual([29, 30, 1, 2, 3, 4, 5]);
    const styles = styleGrid(en, en.rows.length, 7);
    expect(styles[2 + 6][0].background).toBe('#f8f9fa');
    expect(styles[2 + 6][6].background).toBe('#f8f9fa');
    expect(styles[2 + 6][1].background).toBeUndefined();
    // The sample list is in Chinese: its type text shows as written.
    expect(cellValue(en.rows[4][2])).toBe('[训练营] JAVA入门3天训练营(12期) · 林晓');
    expect(values(en, 2 + 6 + 1)[1]).toBe('Major Snow');
  });
});

describe('reading back how a calendar tab was made', () => {
  test.each([
    ['zh-CN', 'mon'],
    ['en', 'sun'],
  ] as Array<[Lang, 'mon' | 'sun']>)('the list and the week start, from the values alone (%s, %s)', (lang, weekStart) => {
    const tab = tabFor({ lang, weekStart, list: { ...list, tabName: "Ann's 活动" } });
    expect(readCalendarSource(tab.rows.map((row) => row.map((cell) => cellValue(cell))))).toEqual({ listTab: "Ann's 活动", weekStart });
  });

  test('a tab that does not say gives nulls', () => {
    expect(readCalendarSource([['x'], ['y']])).toEqual({ listTab: null, weekStart: null });
  });
});

describe('slots', () => {
  const many = (n: number): Activity[] =>
    Array.from({ length: n }, (_, i) => ({
      name: `第${i + 1}场`,
      type: 'other',
      typeText: '其他',
      start: d('2026-12-10'),
      end: d('2026-12-10'),
      owner: '',
      targetGroups: [],
      goal: '',
      status: null,
    }));

  test('a busy month gets one free slot above its busiest day, up to the maximum; beyond it the last slot counts the rest', () => {
    const six = tabFor({ activities: many(6) });
    expect(six.rows.length).toBe(2 + 5 * (2 + 7) + 7);
    const crowded = tabFor({ activities: many(14) });
    expect(crowded.rows.length).toBe(2 + 5 * (2 + MAX_SLOTS) + 7);
    expect(slotTexts(many(14), MAX_SLOTS, 'zh-CN').slice(-2)).toEqual(['【其他】第9场', '…另有 5 项（见活动清单）']);
    expect(slotTexts(many(10), MAX_SLOTS, 'zh-CN').slice(-1)).toEqual(['【其他】第10场']);
    expect(slotTexts(many(11), MAX_SLOTS, 'en').slice(-1)).toEqual(['… 2 more (see the activity list)']);
  });

  test('the formulas read the list from below its header to the bottom of the tab, however long it grows', () => {
    expect(listFirstRow(list)).toBe(2);
    // Open-ended: a list tab with fewer rows than a fixed span, or one grown past it, is read whole.
    expect(slotFormula({ ...list, gridRows: 5000 }, d('2026-12-15'), 1, 4, 'zh-CN')).toContain("'活动清单'!$C$2:$C<=");
    const pasted = readActivityGrid([['我的排期'], ['状态', '开始日期', '活动名称', '类型'], ['', '2026-12-01', 'x', '其他']]);
    const formula = slotFormula({ tabName: "Ann's list", layout: pasted.layout, gridRows: 3 }, d('2026-12-01'), 1, 4, 'zh-CN');
    expect(formula).toContain("'Ann''s list'!$B$3:$B");
    // No end column: a row covers its start day only; no owner column: no owner in the text.
    expect(formula).toContain("('Ann''s list'!$B$3:$B=DATE(2026,12,1))");
    expect(formula).not.toContain('IF(INDEX(');
  });
});

describe('a quarter on one tab', () => {
  test('Q4 2026: October, November, December under one header, each with its heading and today rule', () => {
    const tab = buildQuarterTab({ year: 2026, quarter: 4, weekStart: 'mon', activities: sampleActivities(), list, lang: 'zh-CN', today: d('2026-09-30') });
    expect(tab.name).toBe('2026-Q4 活动日历');
    expect(tab.marker).toEqual({ kind: 'calendar', key: { months: '2026-Q4' } });
    expect(tab.rows[0]).toEqual(['2026年第4季度 活动日历']);
    const headings = tab.rows.map((row, r) => [r, row[0]]).filter(([, first]) => typeof first === 'string' && /^2026年\d+月$/.test(first as string));
    // October: 5 weeks, November: 6 weeks (starts on a Sunday), December: 5 weeks; 4 slots each except December's busier days.
    expect(headings).toEqual([
      [2, '2026年10月'],
      [3 + 5 * 6, '2026年11月'],
      [4 + 11 * 6, '2026年12月'],
    ]);
    const todayRules = (tab.conditionalFormats ?? []).filter((rule) => rule.formula.includes('TODAY()'));
    expect(todayRules.map((rule) => rule.formula.match(/MONTH\(TODAY\(\)\)=(\d+)/)?.[1])).toEqual(['10', '11', '12']);
    expect((tab.conditionalFormats ?? []).length).toBe(3 + 1 + 7);
  });

  test.each(['zh-CN', 'en'] as Lang[])('every generated text is JSON-safe and no cell text starts like a formula (%s)', (lang) => {
    const tab = tabFor({ lang });
    for (const cell of tab.rows.flat()) {
      const value = cellValue(cell);
      if (typeof value === 'string' && !isFormulaCell(cell)) expect(/^[=+\-@]/.test(value)).toBe(false);
    }
    expect(JSON.parse(JSON.stringify(tab))).toEqual(tab);
  });
});
