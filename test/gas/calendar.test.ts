// @time-zones: dates written to and read back from the fake of Sheets (build/test.mjs runs this suite under three time zones).
/** The monthly calendar in Sheets: the entry's global functions against the recording fake of Apps Script. */
import { serialFromYmd } from '../../src/core/dates';
import { GLOBALS } from '../../src/gas/main';
import { MARKER_KEY } from '../../src/gas/workbook';
import { FakeGas, installFakeGas } from './fake-spreadsheet';

const { draftMonth, generateCalendar, getCalendarState, refreshCalendars, saveTeam, showCalendarSidebar, createActivityList } = GLOBALS;

let fake: FakeGas;

afterEach(() => fake?.uninstall());

const TEAM = ['林晓', '周舟', '陈默', '王蕾', '赵老师'];
const HEADER = ['活动名称', '类型', '开始日期', '结束日期', '负责人', '目标社群', '目标'];
const TYPES = ['训练营', '营销课', '公开课', '调研表单', '促销活动', '日常产出', '其他'];
const FIRST = serialFromYmd(2026, 12, 1);

/** `n` activities over December: types and owners cycling, one to three days long. */
function seedList(n: number, name = '活动列表'): void {
  const values: (string | number | null)[][] = [HEADER];
  const formats: (string | null)[][] = [HEADER.map(() => null)];
  for (let i = 0; i < n; i++) {
    const start = FIRST + (i % 29);
    values.push([`活动${i + 1}`, TYPES[i % TYPES.length], start, start + (i % 3), TEAM[i % TEAM.length], `Java引流${(i % 4) + 1}群`, null]);
    formats.push([null, null, 'yyyy-mm-dd', 'yyyy-mm-dd', null, null, null]);
  }
  fake.seedSheet(name, values, formats);
}

function value<T>(response: unknown): T {
  const envelope = response as { ok: boolean; value: T; error?: unknown };
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

/** The WeCom push-cap warnings the December calendar tab shows. */
function decemberPushWarnings(): string[] {
  return fake
    .inspect('2026-12 活动日历')
    .getDataRange()
    .getValues()
    .flat()
    .map(String)
    .filter((text) => text.includes('企业微信每个客户群每天只能收到 1 条群发'));
}

function markers(kind: string): string[] {
  return fake.spreadsheet
    .createDeveloperMetadataFinder()
    .withKey(MARKER_KEY)
    .find()
    .filter((m) => JSON.parse(m.getValue() ?? '{}').kind === kind)
    .map((m) => m.getLocation().getSheet()!.getName());
}

describe('the monthly calendar in Sheets', () => {
  test('the menu opens the calendar sidebar page', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    fake.htmlFiles.set('sidebar-calendar', '<html><body><div id="app"></div></body></html>');
    showCalendarSidebar();
    const output = fake.dialogs.find((d) => d.kind === 'sidebar')!.content as { getContent(): string; getTitle(): string };
    expect(output.getTitle()).toBe('月度活动日历');
    expect(output.getContent()).toContain('window.__SOP_BOOT__={"page":"calendar","lang":"zh-CN","title":"月度活动日历","messages":{');
  });

  test('a pasted list becomes a marked, active calendar sheet of live formulas over it; the list is not touched', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    saveTeam(TEAM.map((name) => ({ name, role: 'operator' })));
    seedList(7);
    const listBefore = fake.inspect('活动列表').getDataRange().getValues();
    expect(value(getCalendarState())).toMatchObject({ lists: [{ name: '活动列表', ours: false }], defaultList: '活动列表' });

    const result = value<{ tabs: string[]; message: string }>(generateCalendar({ month: '2026-12' }));
    expect(result.tabs).toEqual(['2026-12 活动日历']);
    expect(markers('calendar')).toEqual(['2026-12 活动日历']);
    expect(fake.spreadsheet.getActiveSheet().getName()).toBe('2026-12 活动日历');
    expect(fake.toasts.map((t) => t.message)).toContain(result.message);
    const sheet = fake.inspect('2026-12 活动日历');
    expect(sheet.getFrozenRows()).toBe(2);
    // Week 1 starts Monday Nov 30; Tuesday Dec 1's first slot (row 5, column B) is 活动1.
    expect(sheet.getRange(3, 1, 1, 7).getValues()[0]).toEqual([30, 1, 2, 3, 4, 5, 6]);
    // Sheets computes the slots; the fake keeps the formulas, which read the pasted sheet's own columns.
    const slot = sheet.getRange(5, 2).getFormula();
    expect(slot).toMatch(/^=IFERROR\("【"&INDEX\('活动列表'!\$B\$2:\$B,SUMPRODUCT\(SMALL\(ROW\('活动列表'!\$A\$2:\$A\)/);
    expect(slot).toContain("('活动列表'!$C$2:$C<=DATE(2026,12,1))");
    expect(
      sheet
        .getRange(5, 1, 4, 7)
        .getFormulas()
        .flat()
        .every((formula) => formula.startsWith('=')),
    ).toBe(true);
    expect(sheet.getConditionalFormatRules()).toHaveLength(1 + 7);
    expect(fake.inspect('活动列表').getDataRange().getValues()).toEqual(listBefore);
  });

  test('group pushes planned in two SOP tabs of one group on the same day are warned about; the SOP tabs are read without asking their names', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    saveTeam(TEAM.map((name) => ({ name, role: 'operator' })));
    seedList(3);
    for (const cohort of ['第1期', '第2期']) value(GLOBALS.generateSop({ template: 'conversion-7d', anchor: '2026-12-14', groups: 'A群', cohort }));
    // A third group's tab whose days lie outside December is not read at all.
    value(GLOBALS.generateSop({ template: 'conversion-7d', anchor: '2027-03-01', groups: 'C群', cohort: '第1期' }));
    // The SOP tabs may not be asked their names (nor the March tab read at all): their markers say what a count needs.
    const sopSheets = ['SOP·A群·第1期', 'SOP·A群·第2期', 'SOP·C群·第1期'].map((name) => fake.inspect(name) as unknown as Record<string, unknown>);
    for (const sheet of sopSheets)
      sheet.getName = () => {
        throw new Error('an SOP tab was asked its name');
      };
    (sopSheets[2] as { getDataRange: unknown }).getDataRange = () => {
      throw new Error('an SOP tab of March was read for a December calendar');
    };
    value(generateCalendar({ month: '2026-12', list: '活动列表' }));
    for (const sheet of sopSheets) delete sheet.getName;
    delete sopSheets[2].getDataRange;
    const warnings = decemberPushWarnings();
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((text) => text.includes('「A群」计划群发 2 次'))).toBe(true);
  });

  test('SOP tabs’ pushes come from their markers (no SOP tab read); a person re-dating 群发 rows moves the warning once onEdit has run', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    saveTeam(TEAM.map((name) => ({ name, role: 'operator' })));
    seedList(3);
    for (const cohort of ['第1期', '第2期']) value(GLOBALS.generateSop({ template: 'conversion-7d', anchor: '2026-12-14', groups: 'A群', cohort }));
    const pushWarnings = (): string[] => {
      const sheets = ['SOP·A群·第1期', 'SOP·A群·第2期'].map((name) => fake.inspect(name) as unknown as Record<string, unknown>);
      for (const sheet of sheets)
        sheet.getDataRange = () => {
          throw new Error('an SOP tab was read: its marker keeps its pushes');
        };
      value(generateCalendar({ month: '2026-12', list: '活动列表' }));
      for (const sheet of sheets) delete sheet.getDataRange;
      return decemberPushWarnings();
    };
    const before = pushWarnings();
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((text) => text.includes('「A群」计划群发 2 次'))).toBe(true);

    // A person moves the 群发 row of each tab to Christmas, one cell at a time; Sheets runs onEdit after each.
    const book = SpreadsheetApp.getActiveSpreadsheet();
    let moved = 0;
    for (const name of ['SOP·A群·第1期', 'SOP·A群·第2期']) {
      const sheet = book.getSheetByName(name) as GoogleAppsScript.Spreadsheet.Sheet;
      const grid = sheet.getDataRange().getValues();
      const dateColumn = grid[0].indexOf('日期') + 1;
      grid.forEach((line, r) => {
        if (line[grid[0].indexOf('渠道')] !== '群发') return;
        const range = sheet.getRange(r + 1, dateColumn);
        range.setValue('2026-12-25');
        expect(GLOBALS.onEdit({ range })).toBe(true);
        moved++;
      });
    }
    expect(moved).toBeGreaterThan(1);
    // An edit elsewhere reads nothing but that tab's marker, and writes nothing.
    const elsewhere = book.getSheetByName('活动列表')?.getRange(1, 1);
    fake.resetCalls();
    expect(GLOBALS.onEdit({ range: elsewhere })).toBe(false);
    expect(fake.costSummary()).toMatchObject({ documentCalls: 3, roundTrips: 0 });
    // In a document where the add-on was never used, Sheets runs it in AuthMode.NONE: it touches nothing.
    fake.resetCalls();
    expect(GLOBALS.onEdit({ range: elsewhere, authMode: 'NONE' })).toBeNull();
    expect(fake.costSummary()).toMatchObject({ calls: 0 });

    expect(pushWarnings()).toEqual([`• 2026-12-25「A群」计划群发 ${moved} 次；企业微信每个客户群每天只能收到 1 条群发。`]);
  });

  test('Draft month asks before copying a pasted list; agreed, the copy gets the drafts and the pasted sheet stays', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    saveTeam(TEAM.map((name) => ({ name, role: 'operator' })));
    seedList(7);
    value(generateCalendar({ month: '2026-12' }));
    const listBefore = fake.inspect('活动列表').getDataRange().getValues();
    const asked = value<{ needsConversion: unknown }>(draftMonth({ month: '2026-12' }));
    expect(asked.needsConversion).toEqual({ tab: '活动列表', rows: 7, target: '活动清单' });
    expect(markers('activities')).toEqual([]);

    const done = value<{ listTab: string; calendars: string[]; drafts: unknown[] }>(draftMonth({ month: '2026-12', convert: true }));
    expect(done.listTab).toBe('活动清单');
    expect(markers('activities')).toEqual(['活动清单']);
    const list = fake.inspect('活动清单').getDataRange().getValues();
    expect(list).toHaveLength(1 + 7 + done.drafts.length);
    expect(list.slice(1, 8).map((row) => row[0])).toEqual(listBefore.slice(1).map((row) => row[0]));
    expect(list.slice(8).every((row) => row[7] === '草稿')).toBe(true);
    expect(fake.inspect('活动列表').getDataRange().getValues()).toEqual(listBefore);
    expect(fake.inspect('2026-12 活动日历').getRange(5, 2).getFormula()).toContain("'活动清单'!");
  });

  test('Refresh calendars regenerates each calendar from its list; without one it says so', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    seedList(3);
    refreshCalendars();
    expect(fake.toasts.map((t) => t.message)).toContain('还没有活动日历：请从“月度活动日历…”生成。');
    value(generateCalendar({ month: '2026-12', weekStart: 'sun' }));
    const warnings = () =>
      fake
        .inspect('2026-12 活动日历')
        .getDataRange()
        .getValues()
        .map((row) => row[0])
        .filter((v) => String(v).startsWith('• '));
    // 训练营 on the 1st, 营销课 on the 2nd–3rd, 公开课 on the 3rd–5th: nothing sells after the 3rd.
    expect(warnings()).toEqual(['• 2026-12-04–2026-12-31 连续 28 天没有营销课或训练营。']);
    fake
      .inspect('活动列表')
      .getRange(5, 1, 1, 3)
      .setValues([['新活动', '营销课', '2026-12-24']]);
    refreshCalendars();
    expect(fake.toasts.map((t) => t.message)).toContain('已刷新 1 个活动日历：2026-12 活动日历');
    expect(fake.inspect('2026-12 活动日历').getRange(2, 1).getValue()).toBe('周日');
    expect(warnings()).toEqual(['• 2026-12-04–2026-12-23 连续 20 天没有营销课或训练营。']);
  });

  test('a list with a bad date is refused with its row and column, and nothing is written', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    seedList(4);
    fake.inspect('活动列表').getRange(3, 3).setValue('下周二');
    fake.resetCalls();
    const refused = generateCalendar({ month: '2026-12' }) as { ok: false; error: { problems: Array<{ row: number; column: number }> } };
    expect(refused.ok).toBe(false);
    expect(refused.error.problems.map((p) => [p.row, p.column])).toEqual([[3, 2]]);
    expect(fake.calls.filter((c) => /^(Range|RangeList|Sheet|Spreadsheet)\.(set|insert|clear|delete|add)/.test(c.method))).toEqual([]);
    expect(fake.spreadsheet.getSheetByName('2026-12 活动日历')).toBeNull();
  });

  test('our empty list gets the owner dropdown from the Team sheet', () => {
    fake = installFakeGas({ locale: 'en_US' });
    saveTeam([{ name: 'Ann', role: 'operator' }]);
    expect(value(createActivityList())).toMatchObject({ tab: 'Activities', created: true });
    const owner = fake.inspect('Activities').getRange(2, 5).getDataValidation();
    expect((owner?.getCriteriaValues()[0] as GoogleAppsScript.Spreadsheet.Range).getSheet().getName()).toBe('Team');
  });

  test('the owner dropdown reads the whole Team sheet: with its blank rows deleted, and after the whole team is replaced by 250 people', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    saveTeam(TEAM.map((name) => ({ name, role: 'operator' })));
    // A tidy person deletes the Team sheet's empty rows below the five people.
    const team = fake.inspect('团队');
    team.deleteRows(TEAM.length + 2, team.getMaxRows() - TEAM.length - 1);
    expect(team.getMaxRows()).toBe(TEAM.length + 1);
    const listTab = value<{ tab: string; created: boolean }>(createActivityList()).tab;
    const source = fake.inspect(listTab).getRange(2, 5).getDataValidation()?.getCriteriaValues()[0] as GoogleAppsScript.Spreadsheet.Range;
    expect(source.getSheet().getName()).toBe('团队');
    expect(source.getValues().flat()).toEqual(TEAM);
    const drafted = value<{ listTab: string; drafts: unknown[] }>(draftMonth({ month: '2026-12', list: listTab }));
    expect(drafted.listTab).toBe(listTab);
    expect(drafted.drafts.length).toBeGreaterThan(0);

    // The team grows past 200; drafting again draws the list's dropdown over all of it.
    const big = Array.from({ length: 250 }, (_, i) => `成员${i + 1}`);
    value(saveTeam(big.map((name) => ({ name, role: 'operator' }))));
    value(draftMonth({ month: '2027-01', list: listTab }));
    const after = fake.inspect(listTab).getRange(2, 5).getDataValidation()?.getCriteriaValues()[0] as GoogleAppsScript.Spreadsheet.Range;
    expect(after.getValues().flat().filter(Boolean)).toEqual(big);
  });

  test('Apps Script calls per calendar tab do not grow with the activities (7 vs 700)', () => {
    const run = (n: number) => {
      fake = installFakeGas({ locale: 'zh_CN' });
      seedList(n);
      fake.resetCalls();
      value(generateCalendar({ month: '2026-12' }));
      // Utilities.formatDate turns each date read from the list into a day serial: local work, not a spreadsheet call.
      const calls = fake.calls.filter((call) => !call.method.startsWith('Utilities.')).length;
      const rows = fake.inspect('2026-12 活动日历').getMaxRows();
      fake.uninstall();
      return { calls, rows };
    };
    const small = run(7);
    const large = run(700);
    // 700 activities fill every day: ten slots a day and many more warning lines, in the same number of calls.
    expect(large.rows).toBeGreaterThan(small.rows);
    expect(large.calls).toBe(small.calls);
  });
});
