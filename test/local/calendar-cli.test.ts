/**
 * `calendar` on the command line: JSON, .xlsx, drafts, updating a workbook in place, and readable failures.
 * Dates in text (the command line, .tsv files) are read by the core, which cannot see the process's time zone; the date
 * cells of .xlsx files, which can, are checked under every zone by cli-zones.test.ts.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli';
import { readXlsx } from '../../src/local/xlsx';

const dir = mkdtempSync(join(tmpdir(), 'sop-calendar-cli-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

interface Day {
  date: string;
  inMonth: boolean;
  solarTerm: string | null;
  festival: string | null;
  holiday: boolean;
  makeUpWorkday: boolean;
  activities: Array<{ name: string; type: string; owner: string }>;
}

const dayOf = (json: { weeks: Day[][] }, date: string): Day => json.weeks.flat().find((day) => day.date === date)!;

describe('calendar --month', () => {
  test('--json: the demo list’s December, weeks from Monday, in the documented shape', async () => {
    const result = await cli('calendar', '--month', '2026-12', '--json', '--lang', 'zh');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['month', 'weeks', 'warnings']);
    expect(json.month).toBe('2026-12');
    expect(json.weeks).toHaveLength(5);
    expect(json.weeks.every((week: Day[]) => week.length === 7)).toBe(true);
    expect(json.weeks[0][0]).toEqual({
      date: '2026-11-30',
      inMonth: false,
      solarTerm: null,
      festival: null,
      holiday: false,
      makeUpWorkday: false,
      activities: [],
    });
    // From the sample file: the live class on the 5th, next to the month-long 朋友圈 row.
    expect(dayOf(json, '2026-12-05').activities).toEqual([
      { name: '高薪就业直播公开课', type: 'marketingClass', owner: '赵老师' },
      { name: '朋友圈就业战报', type: 'dailyContent', owner: '周舟' },
    ]);
    expect(dayOf(json, '2026-12-07').solarTerm).toBe('大雪');
    expect(dayOf(json, '2026-12-12').festival).toBe('双12');
    expect(json.warnings).toEqual([]);
  });

  test('--activities a .tsv in English with its own column order, and --week-start sun', async () => {
    const list = file('plan.tsv', 'Start\tName\tType\tOwner\tEnd\n2026-12-02\tLive Q&A\tmarketing class\tAnn\t\n2026-12-08\tCamp 1\tcamp\tBo\t2026-12-10\n');
    const result = await cli('calendar', '--month', '2026-12', '--activities', list, '--week-start', 'sun', '--json', '--lang', 'en');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.weeks[0][0].date).toBe('2026-11-29');
    expect(dayOf(json, '2026-12-02').activities).toEqual([{ name: 'Live Q&A', type: 'marketingClass', owner: 'Ann' }]);
    expect(dayOf(json, '2026-12-09').activities).toEqual([{ name: 'Camp 1', type: 'camp', owner: 'Bo' }]);
    // Nothing sells from the 11th to the 31st: a 21-day gap.
    expect(json.warnings.map((w: { kind: string; params: unknown }) => [w.kind, w.params])).toEqual([
      ['cadenceGap', { start: '2026-12-11', end: '2026-12-31', days: 21 }],
    ]);
  });

  test('mistakes exit 1 with a readable message and print nothing', async () => {
    expect(await cli('calendar', '--month', '2026-13', '--json', '--lang', 'en')).toEqual({
      code: 1,
      stdout: '',
      stderr: '--month: Cannot read the month "2026-13"; write it like 2026-12.',
    });
    expect(await cli('calendar', '--json', '--lang', 'en')).toEqual({ code: 1, stdout: '', stderr: 'Missing option --month YYYY-MM.' });
    const missing = await cli('calendar', '--month', '2026-12', '--activities', join(dir, 'nope.tsv'), '--lang', 'zh');
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('nope.tsv');
    const bad = file('bad.tsv', '活动名称\t类型\t开始日期\n直播\t营销课\t12月5日\n调研\t团购\t2026-12-06\n');
    const unreadable = await cli('calendar', '--month', '2026-12', '--activities', bad, '--json', '--lang', 'zh');
    expect(unreadable.code).toBe(1);
    expect(unreadable.stdout).toBe('');
    expect(unreadable.stderr.split('\n')).toEqual([
      '「bad」 第 2 行 C 列（开始日期）：无法识别的日期“12月5日”，请用 2026-12-01 这样的格式。',
      '「bad」 第 3 行 B 列（类型）：无法识别的类型“团购”，应为：训练营、营销课、公开课、调研表单、促销活动、日常产出、其他。',
    ]);
    expect((await cli('calendar', '--month', '2026-12', '--week-start', 'tue', '--json', '--lang', 'en')).stderr).toBe(
      'The week start must be mon or sun, not "tue".',
    );
  });
});

describe('dates and months read the same way everywhere', () => {
  test('--month takes 2026/12 and 2026年12月 as 2026-12; a year outside 2000–2100 is refused naming the value', async () => {
    const expected = JSON.parse((await cli('calendar', '--month', '2026-12', '--json', '--lang', 'zh')).stdout);
    for (const month of ['2026/12', '2026年12月', '2026.12']) {
      const result = await cli('calendar', '--month', month, '--json', '--lang', 'zh');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(expected);
    }
    expect(await cli('calendar', '--month', '1999-12', '--json', '--lang', 'en')).toEqual({
      code: 1,
      stdout: '',
      stderr: '--month: The date "1999-12" is out of range: the year must be from 2000 to 2100.',
    });
  });

  test('an activity list takes 2026/12/5, 2026.12.6 and 2026年12月7日; a date outside 2000–2100 is named with its row and column', async () => {
    const list = file('forms.tsv', '活动名称\t类型\t开始日期\t结束日期\n直播\t营销课\t2026/12/5\t\n调研\t调研表单\t2026.12.6\t2026年12月7日\n');
    const json = JSON.parse((await cli('calendar', '--month', '2026-12', '--activities', list, '--json', '--lang', 'zh')).stdout);
    expect(dayOf(json, '2026-12-05').activities.map((a: { name: string }) => a.name)).toEqual(['直播']);
    expect(dayOf(json, '2026-12-07').activities.map((a: { name: string }) => a.name)).toEqual(['调研']);
    const old = file('old.tsv', '活动名称\t类型\t开始日期\t结束日期\n直播\t营销课\t1926-12-05\t\n调研\t调研表单\t2026-12-06\t2206-12-07\n');
    const refused = await cli('calendar', '--month', '2026-12', '--activities', old, '--json', '--lang', 'en');
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr.split('\n')).toEqual([
      'Tab "old", row 2, column C (开始日期): The date "1926-12-05" is out of range: the year must be from 2000 to 2100.',
      'Tab "old", row 3, column D (结束日期): The date "2206-12-07" is out of range: the year must be from 2000 to 2100.',
    ]);
  });
});

describe('calendar --draft', () => {
  test('--json prints the proposals; what the list already covers is not proposed again', async () => {
    const result = await cli(
      'calendar',
      '--draft',
      '--month',
      '2026-12',
      '--camp-every',
      '0',
      '--live-weekday',
      'none',
      '--promos',
      'yes',
      '--moments',
      'no',
      '--json',
      '--lang',
      'zh',
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // 大雪 (12-07) gets a promotion that sells a step (a voucher), followed by the advisors' 1V1 for three
    // days; 双12 and 冬至 are covered by the list's own promotions. The CLI's workbook has no team: 未分配.
    expect(JSON.parse(result.stdout)).toEqual([
      { name: '大雪限时抵扣券', type: 'promotion', start: '2026-12-07', end: '2026-12-07', owner: '未分配', targetGroups: [], goal: '', status: 'draft' },
      { name: '大雪领券用户·顾问1V1跟进', type: 'other', start: '2026-12-07', end: '2026-12-09', owner: '未分配', targetGroups: [], goal: '', status: 'draft' },
    ]);
  });

  test('a weekly live class on Saturdays for two groups; every proposal is a draft', async () => {
    const result = await cli(
      'calendar',
      '--draft',
      '--month',
      '2027-01',
      '--camp-every',
      '0',
      '--live-weekday',
      'sat',
      '--promos',
      'no',
      '--moments',
      'no',
      '--groups',
      'A群;B群',
      '--json',
      '--lang',
      'zh',
    );
    const rows = JSON.parse(result.stdout);
    expect(rows.map((row: { start: string }) => row.start)).toEqual(['2027-01-02', '2027-01-09', '2027-01-16', '2027-01-23', '2027-01-30']);
    expect(
      rows.every(
        (row: { type: string; status: string; targetGroups: string[] }) =>
          row.type === 'marketingClass' && row.status === 'draft' && row.targetGroups.join() === 'A群,B群',
      ),
    ).toBe(true);
  });

  test('--out writes the list copied with the drafts appended, and the refreshed calendar', async () => {
    const out = join(dir, 'drafted.xlsx');
    const result = await cli('calendar', '--draft', '--month', '2026-12', '--out', out, '--lang', 'zh');
    expect(result.code).toBe(0);
    const tabs = await readXlsx(readFileSync(out));
    expect(tabs.map((tab) => [tab.name, tab.marker?.kind ?? null])).toEqual([
      ['活动列表', null],
      ['活动清单', 'activities'],
      ['2026-12 活动日历', 'calendar'],
    ]);
    const list = tabs[1].values;
    expect(list.slice(1, 9).map((row) => row[0])).toEqual(tabs[0].values.slice(1).map((row) => row[0]));
    expect(list.slice(9).every((row) => row[7] === '草稿')).toBe(true);
  });

  test('a bad rhythm flag names the setting', async () => {
    const result = await cli('calendar', '--draft', '--month', '2026-12', '--camp-days', '40', '--json', '--lang', 'en');
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'Invalid value for the rhythm setting "campDays": 40.' });
  });

  test('every bad rhythm flag is named at once, not only the first', async () => {
    const result = await cli(
      'calendar',
      '--draft',
      '--month',
      '2026-12',
      '--camp-days',
      '40',
      '--camp-weekday',
      'someday',
      '--promos',
      'maybe',
      '--json',
      '--lang',
      'en',
    );
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr.split('\n')).toEqual([
      'Invalid value for the rhythm setting "campDays": 40.',
      'Invalid value for the rhythm setting "campWeekday": someday.',
      'Invalid value for the rhythm setting "promoOnFestivals": maybe.',
    ]);
  });
});

describe('calendar --update', () => {
  // The demo workbook (which has no calendar), written once; each test updates a copy of its own.
  let demo: string;
  beforeAll(async () => {
    demo = join(dir, 'demo.xlsx');
    expect((await cli('demo', '--out', demo, '--lang', 'zh')).code).toBe(0);
  });

  test('adds the month’s calendar from the workbook’s own list; after the list is edited in Excel, --update alone refreshes it in place', async () => {
    const book = join(dir, 'added.xlsx');
    copyFileSync(demo, book);
    const added = await cli('calendar', '--update', book, '--month', '2026-12', '--lang', 'zh');
    expect(added.code).toBe(0);
    expect(added.stderr).toContain('已生成 2026-12 活动日历 · 8 项活动 · 0 条提醒');
    const calendarOf = async () => (await readXlsx(readFileSync(book))).find((tab) => tab.marker?.kind === 'calendar')!;
    expect((await calendarOf()).values[4][5]).toBe('【营销课】高薪就业直播公开课 · 赵老师');

    // In Excel, someone renames the live class in the list.
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.readFile(book);
    edited.getWorksheet('活动列表')!.getCell('A3').value = '就业直播课';
    await edited.xlsx.writeFile(book);

    const refreshed = await cli('calendar', '--update', book, '--lang', 'zh');
    expect(refreshed.code).toBe(0);
    expect(refreshed.stderr).toContain('2026-12 活动日历');
    const tabs = await readXlsx(readFileSync(book));
    expect(tabs.map((tab) => [tab.name, tab.marker?.kind ?? null])).toEqual([
      ['团队', 'team'],
      ['活动列表', null],
      ['推进表', null],
      ['群数据', null],
      // The demo's history for 复盘: the cohorts' results (pasted) and three past cohorts' SOP tabs.
      ['各期数据', null],
      ['SOP·Java引流5群·第9期', 'sop'],
      ['SOP·Java引流5群·第10期', 'sop'],
      ['SOP·Java引流5群·第11期', 'sop'],
      ['2026-12 活动日历', 'calendar'],
    ]);
    expect((await calendarOf()).values[4][5]).toBe('【营销课】就业直播课 · 赵老师');
  });

  test('a workbook without calendars is left as it was; a second list from --activities is refused', async () => {
    const book = join(dir, 'plain.xlsx');
    copyFileSync(demo, book);
    const before = readFileSync(book);
    const none = await cli('calendar', '--update', book, '--lang', 'en');
    expect(none.code).toBe(0);
    expect(readFileSync(book).equals(before)).toBe(true);
    const list = file('list.tsv', '活动名称\t类型\t开始日期\n直播\t营销课\t2026-12-05\n');
    const refused = await cli('calendar', '--update', book, '--activities', list, '--month', '2026-12', '--lang', 'en');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('The option --activities cannot be used together with --update.');
    expect(readFileSync(book).equals(before)).toBe(true);
  });
});
