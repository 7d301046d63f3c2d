/**
 * `calendar --ics` and `sop --ics`: calendar files from the command line, read back with ical.js, and refused paths.
 * The events' dates and times, converted from the spreadsheet's zone whatever the process's, are checked under every
 * zone by cli-zones.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli';
import { readXlsx } from '../../src/local/xlsx';
import { parseIcs } from '../support/ical';

const tmp = () => mkdtempSync(join(tmpdir(), 'sop-ics-cli-'));

describe('calendar --ics', () => {
  test('beside --json and --out: the JSON is printed, the workbook and the calendar file both written', async () => {
    const dir = tmp();
    const json = await cli('calendar', '--month', '2026-12', '--ics', join(dir, 'c.ics'), '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).month).toBe('2026-12');
    expect(existsSync(join(dir, 'c.ics'))).toBe(true);
    const out = await cli('calendar', '--month', '2026-12', '--ics', join(dir, 'd.ics'), '--out', join(dir, 'd.xlsx'));
    expect(out.code).toBe(0);
    expect(existsSync(join(dir, 'd.ics'))).toBe(true);
    expect((await readXlsx(readFileSync(join(dir, 'd.xlsx')))).map((tab) => tab.name)).toContain('2026-12 活动日历');
  });

  test('--ics with --draft is refused: drafts are not the plan yet', async () => {
    const file = join(tmp(), 'draft.ics');
    const result = await cli('calendar', '--draft', '--month', '2027-01', '--ics', file, '--lang', 'en');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('The option --ics cannot be used together with --draft.');
    expect(existsSync(file)).toBe(false);
  });

  test('a month without activities is refused, and no file is written', async () => {
    const file = join(tmp(), 'empty.ics');
    const result = await cli('calendar', '--month', '2030-01', '--ics', file, '--lang', 'zh');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('「活动列表」里没有 2030-01 的活动');
    expect(existsSync(file)).toBe(false);
  });
});

describe('sop --ics', () => {
  test('--update keeps the UIDs of a regenerated tab, so a re-import updates the events', async () => {
    const dir = tmp();
    const workbook = join(dir, 'sop.xlsx');
    const base = ['sop', '--template', 'camp-3d', '--group', 'Java引流5群', '--cohort', '第12期'];
    expect((await cli(...base, '--anchor', '2026-12-07', '--out', workbook, '--ics', join(dir, 'a.ics'))).code).toBe(0);
    expect((await cli(...base, '--anchor', '2026-12-09', '--update', workbook, '--ics', join(dir, 'b.ics'))).code).toBe(0);
    const [a, b] = ['a.ics', 'b.ics'].map((name) => parseIcs(readFileSync(join(dir, name), 'utf8')).events);
    expect(b.map((e) => e.uid)).toEqual(a.map((e) => e.uid));
    expect(b.map((e) => e.start)).not.toEqual(a.map((e) => e.start));
  });
});

describe('a bad --ics is refused before any work, in the user’s language', () => {
  test.each([
    ['a folder', 'zh', (dir: string) => dir, '--ics 指向的是文件夹'],
    ['a file in a folder that does not exist', 'en', (dir: string) => join(dir, 'missing', 'x.ics'), 'The folder of --ics'],
    ['an .xlsx name', 'en', (dir: string) => join(dir, 'calendar.xlsx'), 'does not end in .ics'],
    ['a .txt name', 'zh', (dir: string) => join(dir, 'calendar.txt'), '不以 .ics 结尾'],
  ])('%s (%s)', async (_what, lang, path, message) => {
    const dir = tmp();
    const result = await cli('calendar', '--month', '2026-12', '--ics', path(dir), '--lang', lang);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  test('--ics needs a value, and only calendar and sop take it', async () => {
    expect((await cli('calendar', '--month', '2026-12', '--ics', '--lang', 'en')).stderr).toContain('The option --ics needs a value: FILE.ics.');
    expect((await cli('gantt', '--ics', 'x.ics', '--lang', 'en')).stderr).toContain('gantt has no option --ics.');
  });

  test('the help lists it', async () => {
    expect((await cli('calendar', '--help', '--lang', 'en')).stdout).toContain('--ics FILE.ics');
    expect((await cli('sop', '--help', '--lang', 'zh')).stdout).toContain('--ics FILE.ics');
  });
});
