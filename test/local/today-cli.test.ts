/**
 * `today --workbook FILE.xlsx [--date DATE] [--days N] [--out FILE.xlsx | --update] [--json]` on a workbook the CLI made.
 * The days of due items, read from a workbook's date cells, are checked under every time zone by cli-zones.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWorkbookTabsFile } from '../../src/local/xlsx';
import { cli, dueWorkbook } from '../support/cli';

describe('cli today', () => {
  let file: string;
  beforeAll(async () => {
    file = await dueWorkbook('sop-today-cli-');
  });

  test('prints one line per due item, executors in the team’s order, overdue ones with their days', async () => {
    const result = await cli('today', '--workbook', file, '--date', '2026-12-04', '--lang', 'zh');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.some((line) => line.includes('逾期'))).toBe(true);
    expect(lines.some((line) => line.startsWith('周舟\t2026-12-04') && line.includes('用户调研问卷'))).toBe(true);
  });

  test('--json gives the items with ISO dates and times; --days widens the window', async () => {
    const one = JSON.parse((await cli('today', '--workbook', file, '--date', '2026-12-04', '--json')).stdout);
    const week = JSON.parse((await cli('today', '--workbook', file, '--date', '2026-12-04', '--days', '7', '--json')).stdout);
    expect(one).toMatchObject({ today: '2026-12-04', daysAhead: 1 });
    expect(week.daysAhead).toBe(7);
    expect(week.items.length).toBeGreaterThan(one.items.length);
    expect(one.items[0]).toEqual(
      expect.objectContaining({ source: expect.any(String), date: expect.stringMatching(/^2026-1[12]-\d\d$/), state: expect.any(String) }),
    );
  });

  test('--update writes the live board into the workbook; --out into a copy', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'sop-today-cli-')), 'copy.xlsx');
    const written = await cli('today', '--workbook', file, '--date', '2026-12-04', '--out', copy, '--lang', 'en');
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('Today board:');
    const tabs = await readWorkbookTabsFile(await readFile(copy), copy);
    const board = tabs.find((tab) => tab.marker?.kind === 'today');
    expect(board).toBeDefined();
    expect(JSON.stringify(board!.spec.rows)).toContain('HYPERLINK');

    expect((await cli('today', '--workbook', file, '--update')).code).toBe(0);
    const updated = await readWorkbookTabsFile(await readFile(file), file);
    expect(updated.filter((tab) => tab.marker?.kind === 'today')).toHaveLength(1);
  });

  test('bad options are refused by name, before anything is read', async () => {
    const days = await cli('today', '--workbook', file, '--days', '20', '--lang', 'en');
    expect(days.code).toBe(1);
    expect(days.stderr).toContain('--days');
    const both = await cli('today', '--workbook', file, '--out', join(tmpdir(), 'x.xlsx'), '--update', '--lang', 'en');
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('cannot be used together');
    expect((await cli('today', '--lang', 'en')).stderr).toContain('--workbook');
  });
});
