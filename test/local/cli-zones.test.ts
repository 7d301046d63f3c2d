// @time-zones: dates that cross the edge of the process: .xlsx date cells, calendar files (build/test.mjs runs this suite under three time zones).
/**
 * The command line where its dates can depend on the process's time zone: the date cells of .xlsx
 * files (written by the CLI, typed in Excel, read back) and the times of calendar files, checked in
 * every zone build/test.mjs runs. The core reads dates given as text (the command line, .tsv files)
 * and cannot see the zone, so the rest of each command's suite (gantt-cli, calendar-cli, sop-cli,
 * ics-cli, today-cli) runs once. One suite, so each extra zone loads and warms up the CLI once.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { serialFromYmd } from '../../src/core/dates';
import { readXlsx } from '../../src/local/xlsx';
import { cli } from '../support/cli';
import { parseIcs, physicalLines } from '../support/ical';

const PLAN = join(__dirname, '../../demo/push-plan.tsv');
const TEAM = join(__dirname, '../../demo/team.tsv');
const TEAM_FILE = join(__dirname, 'fixtures', 'team.tsv');
const TAB = 'SOP·Java引流5群·第12期';

const tmp = () => mkdtempSync(join(tmpdir(), 'sop-cli-zones-'));

const sop = (anchor: string, ...options: string[]) =>
  cli('sop', '--template', 'conversion-7d', '--anchor', anchor, '--group', 'Java引流5群', '--cohort', '第12期', ...options, '--lang', 'zh');

/** The file without the lines that say when it was made: what must be equal in every time zone. */
const withoutStamp = (text: string) => text.replace(/^(DTSTAMP|SEQUENCE):.*\r\n/gm, '');

describe('gantt: plan dates in .xlsx cells', () => {
  test('--out writes the Team tab, the plan as a plain tab with typed dates, and the marked Gantt tab', async () => {
    const file = join(tmp(), 'plan.xlsx');
    const result = await cli('gantt', '--tasks', PLAN, '--team', TEAM, '--out', file, '--lang', 'zh');
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain('已生成甘特图 · 9 项任务 · 2026-12-01 → 2026-12-29 · 6 人');
    const tabs = await readXlsx(readFileSync(file));
    expect(tabs.map((t) => [t.name, t.marker?.kind ?? null])).toEqual([
      ['团队', 'team'],
      ['push-plan', null],
      ['甘特图·push-plan', 'gantt'],
    ]);
    const plan = tabs[1].values;
    expect(plan[1].slice(5, 9)).toEqual([serialFromYmd(2026, 12, 1), serialFromYmd(2026, 12, 2), null, 1]);
    const gantt = tabs[2].values;
    expect(gantt[3].slice(0, 4)).toEqual(['ID', '阶段', '事项', '负责人']);
    expect(gantt[4].slice(2, 4)).toEqual(['确定活动主题与目标', '林晓']);
  });

  test('dates typed in Excel into the plan are read as those days: --update --json prints them, --update redraws the Gantt, today lists the task due', async () => {
    const file = join(tmp(), 'plan.xlsx');
    expect((await cli('gantt', '--tasks', PLAN, '--team', TEAM, '--out', file, '--lang', 'zh')).code).toBe(0);

    // In Excel, the manager gives the first two tasks one or two more days: they now end on 12-04 and 12-05
    // (ExcelJS writes a Date as its UTC day).
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    book.getWorksheet('push-plan')!.getCell('G2').value = new Date(Date.UTC(2026, 11, 4));
    book.getWorksheet('push-plan')!.getCell('G3').value = new Date(Date.UTC(2026, 11, 5));
    await book.xlsx.writeFile(file);

    const json = await cli('gantt', '--update', file, '--plan', 'push-plan', '--json', '--lang', 'zh');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).tasks.slice(0, 2)).toMatchObject([
      { name: '确定活动主题与目标', start: '2026-12-01', end: '2026-12-04', days: 4 },
      { name: '用户调研问卷', start: '2026-12-02', end: '2026-12-05', days: 4 },
    ]);

    expect((await cli('gantt', '--update', file, '--lang', 'zh')).code).toBe(0);
    const tabs = await readXlsx(readFileSync(file));
    // The plan tab, which the run did not rewrite, keeps the dates Excel saved.
    expect(tabs.find((t) => t.name === 'push-plan')!.values[1].slice(5, 7)).toEqual([serialFromYmd(2026, 12, 1), serialFromYmd(2026, 12, 4)]);
    const gantt = tabs.find((t) => t.marker?.kind === 'gantt')!.values;
    expect(gantt[3].slice(5, 8)).toEqual(['开始日期', '结束日期', '工期(天)']);
    expect(gantt[4].slice(2, 8)).toEqual(['确定活动主题与目标', '林晓', '陈默;王蕾', serialFromYmd(2026, 12, 1), serialFromYmd(2026, 12, 4), 4]);

    // today reads the Gantt's date cells: the survey (60% done) is due on the day Excel gave it, the first task is done.
    const today = await cli('today', '--workbook', file, '--date', '2026-12-05', '--json');
    expect(today.code).toBe(0);
    expect(JSON.parse(today.stdout).items).toMatchObject([
      { source: 'plan', item: '用户调研问卷', owner: '周舟', date: '2026-12-05', state: 'today', daysOverdue: 0 },
      { source: 'plan', item: '海报与物料设计', date: '2026-12-06', state: 'upcoming' },
    ]);
  });
});

describe('calendar: activity dates in .xlsx cells', () => {
  test('--out: the list and a marked calendar tab whose slots are formulas over the list', async () => {
    const out = join(tmp(), 'december.xlsx');
    const result = await cli('calendar', '--month', '2026-12', '--out', out, '--lang', 'zh');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('已生成 2026-12 活动日历 · 8 项活动 · 0 条提醒');
    const tabs = await readXlsx(readFileSync(out));
    expect(tabs.map((tab) => [tab.name, tab.marker?.kind ?? null])).toEqual([
      ['活动列表', null],
      ['2026-12 活动日历', 'calendar'],
    ]);
    const calendar = tabs[1].values;
    expect(calendar[1]).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
    expect(calendar[4][5]).toBe('【营销课】高薪就业直播公开课 · 赵老师');
    // The list's dates are date cells that read back as the days of the sample file.
    expect(tabs[0].values[2].slice(0, 4)).toEqual(['高薪就业直播公开课', '营销课', serialFromYmd(2026, 12, 5), serialFromYmd(2026, 12, 5)]);
  });

  test('a date typed in Excel into the list is read as that day: --update moves the activity in the calendar', async () => {
    const book = join(tmp(), 'moved.xlsx');
    expect((await cli('calendar', '--month', '2026-12', '--out', book, '--lang', 'zh')).code).toBe(0);

    // In Excel, the live class moves from Saturday the 5th to Sunday the 6th (ExcelJS writes a Date as its UTC day).
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.readFile(book);
    const list = edited.getWorksheet('活动列表')!;
    list.getCell('C3').value = new Date(Date.UTC(2026, 11, 6));
    list.getCell('D3').value = new Date(Date.UTC(2026, 11, 6));
    await edited.xlsx.writeFile(book);

    const refreshed = await cli('calendar', '--update', book, '--lang', 'zh');
    expect(refreshed.code).toBe(0);
    expect(refreshed.stderr).toContain('2026-12 活动日历');
    const [read, calendar] = await readXlsx(readFileSync(book));
    expect(read.values[2].slice(2, 4)).toEqual([serialFromYmd(2026, 12, 6), serialFromYmd(2026, 12, 6)]);
    // The week of 11-30: Saturday the 5th has only the daily 朋友圈 row now, Sunday the 6th the live class.
    expect(calendar.values[2]).toEqual([30, 1, 2, 3, 4, 5, 6]);
    expect(calendar.values[4].slice(5)).toEqual(['【日常产出】朋友圈就业战报 · 周舟', '【营销课】高薪就业直播公开课 · 赵老师']);
  });
});

describe('sop --update: SOP dates in .xlsx cells', () => {
  test('the dates of an SOP tab Excel saved are read as their days: the same anchor moves no row, a new one moves every row, and a typed status stays', async () => {
    const file = join(tmp(), 'book.xlsx');
    // Anchored on 12-30, the seven days run into the new year.
    expect((await sop('2026-12-30', '--team', TEAM_FILE, '--out', file)).code).toBe(0);

    // In Excel, someone marks a row done (ExcelJS reads and writes every date cell as its UTC day).
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet(TAB)!;
    const id = String(sheet.getCell('A3').value);
    expect(sheet.getCell('B3').value).toEqual(new Date(Date.UTC(2026, 11, 30)));
    sheet.getCell('L3').value = '已完成';
    await book.xlsx.writeFile(file);

    const same = await sop('2026-12-30', '--update', file, '--out', file);
    expect(same.code).toBe(0);
    expect(same.stderr).toContain(`「${TAB}」+0 行 · 0 行改期 · 0 项丢失`);

    const moved = await sop('2027-01-01', '--update', file, '--out', file);
    expect(moved.code).toBe(0);
    expect(moved.stderr).toContain(`「${TAB}」+0 行 · 24 行改期 · 0 项丢失`);
    const tab = (await readXlsx(readFileSync(file))).find((t) => t.marker?.kind === 'sop')!;
    const header = tab.values[0].map(String);
    const row = tab.values.find((r) => r[0] === id)!;
    expect(row[header.indexOf('日期')]).toBe(serialFromYmd(2027, 1, 1));
    expect(row[header.indexOf('状态')]).toBe('已完成');
    expect(tab.values.filter((r) => r[0] === id)).toHaveLength(1);
  });
});

describe('calendar --ics: all-day events', () => {
  test('writes the month’s activities as all-day events, prints nothing on stdout, says what it wrote', async () => {
    const file = join(tmp(), 'december.ics');
    const result = await cli('calendar', '--month', '2026-12', '--ics', file, '--lang', 'zh');
    expect(result).toEqual({ code: 0, stdout: '', stderr: `已写入 ${file}（8 个日程）` });
    const text = readFileSync(file, 'utf8');
    const calendar = parseIcs(text);
    expect(calendar.properties).toMatchObject({ 'X-WR-CALNAME': '2026-12 活动 · 活动列表', 'X-WR-TIMEZONE': 'Asia/Shanghai' });
    expect(calendar.events.map((e) => [e.summary, e.start, e.end])).toContainEqual(['【营销课】高薪就业直播公开课', '2026-12-05', '2026-12-06']);
    expect(calendar.events.every((e) => e.allDay)).toBe(true);
    for (const line of physicalLines(text)) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  test('the same export twice: the same file but for when it was made (equal in every time zone this suite runs in)', async () => {
    const dir = tmp();
    await cli('calendar', '--month', '2026-12', '--ics', join(dir, 'a.ics'));
    await cli('calendar', '--month', '2026-12', '--ics', join(dir, 'b.ics'));
    const [a, b] = ['a.ics', 'b.ics'].map((name) => withoutStamp(readFileSync(join(dir, name), 'utf8')));
    expect(a).toBe(b);
    expect(a).toContain('DTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261204\r\n');
  });
});

describe('sop --ics: times in UTC', () => {
  test('writes the schedule: timed items in UTC from Shanghai with a reminder, rows in the order of the tab', async () => {
    const file = join(tmp(), 'sop.ics');
    const result = await cli(
      'sop',
      '--template',
      'live-class',
      '--anchor',
      '2026-12-10',
      '--team',
      TEAM_FILE,
      '--group',
      'Java引流5群',
      '--cohort',
      '第12期',
      '--ics',
      file,
      '--lang',
      'zh',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const calendar = parseIcs(readFileSync(file, 'utf8'));
    expect(result.stderr).toBe(`已写入 ${file}（${calendar.events.length} 个日程）`);
    expect(calendar.properties['X-WR-CALNAME']).toBe('SOP·Java引流5群·第12期');
    // The live day: the 20:00 class is 12:00 UTC.
    const live = calendar.events.find((e) => e.start === '2026-12-10T12:00:00Z');
    expect(live).toMatchObject({ end: '2026-12-10T12:30:00Z', alarms: ['-PT15M'], location: 'Java引流5群' });
    expect(calendar.events.every((e) => e.uid.endsWith('@sop-planner') && !e.allDay)).toBe(true);
  });
});
