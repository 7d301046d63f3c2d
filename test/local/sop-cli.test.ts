/**
 * `sop` and `templates` on the command line: JSON, a workbook, and regenerating into a workbook in place.
 * Dates in text (the command line, .tsv files) are read by the core, which cannot see the process's time zone; the date
 * cells of .xlsx files, which can, are checked under every zone by cli-zones.test.ts.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { addDays, fromIso, toIso, type DaySerial } from '../../src/core/dates';
import { rowIds } from '../../src/core/sop/template';
import { builtInTemplate } from '../../src/core/sop/templates';
import { cli } from '../support/cli';
import { readXlsx } from '../../src/local/xlsx';

const TEAM_FILE = join(__dirname, 'fixtures', 'team.tsv');

const tmp = () => mkdtempSync(join(tmpdir(), 'sop-cli-'));

describe('sop on the command line', () => {
  test('--json prints the schedule in the documented shape, dates from the anchor', async () => {
    const result = await cli(
      'sop',
      '--template',
      'conversion-7d',
      '--anchor',
      '2026-12-30',
      '--team',
      TEAM_FILE,
      '--group',
      'Java引流5群',
      '--cohort',
      '第12期',
      '--json',
      '--lang',
      'zh',
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['template', 'anchor', 'rows']);
    expect(json.template).toBe('conversion-7d');
    expect(json.anchor).toBe('2026-12-30');
    const template = builtInTemplate('conversion-7d', 'zh-CN');
    expect(json.rows).toHaveLength(template.rows.length);
    expect(Object.keys(json.rows[0])).toEqual(['id', 'date', 'time', 'phase', 'channel', 'item', 'detail', 'script', 'materials', 'role', 'owner', 'status']);
    // Each row lands on anchor + its template offset, across the year end.
    const ids = rowIds(template);
    const offsetById = new Map(template.rows.map((r) => [ids.get(r.rowKey), r.dayOffset]));
    for (const row of json.rows) expect(row.date).toBe(toIso(addDays(fromIso('2026-12-30') as DaySerial, offsetById.get(row.id)!)));
    expect(json.rows.map((r: { date: string }) => r.date)).toContain('2027-01-05');
    expect(json.rows.every((r: { status: string }) => r.status === '未开始')).toBe(true);
    expect(json.rows.some((r: { role: string; owner: string }) => r.role === 'operator' && r.owner !== '')).toBe(true);
    expect(result.stderr).not.toContain('{');
  });

  test('templates --json lists ids, names and spans', async () => {
    const result = await cli('templates', '--json', '--lang', 'en');
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout) as Array<{ id: string; name: string; span: { first: number; last: number; days: number } }>;
    expect(list.map((t) => t.id)).toEqual(['conversion-7d', 'big-class-28d', 'camp-3d', 'live-class', 'promo-flash', 'moments-daily', 'retention-monthly']);
    expect(list.find((t) => t.id === 'big-class-28d')).toMatchObject({ name: '28-day main course', span: { first: -7, last: 20, days: 28 } });
    // Spans in words, as the sidebar says them, not as signed offsets.
    expect((await cli('templates', '--lang', 'zh')).stdout).toContain('big-class-28d  28天大课  开营前7天 → 开营后第20天（28 天');
    expect((await cli('templates', '--lang', 'en')).stdout).toContain(
      'conversion-7d  7-day lead-group conversion  day of group creation → day 6 after group creation (7 days',
    );
  });

  test('--out writes a workbook whose SOP tab has the headers, the ID column headed exactly ID, and dropdowns on owner and status', async () => {
    const file = join(tmp(), 'sop.xlsx');
    const result = await cli(
      'sop',
      '--template',
      'big-class-28d',
      '--anchor',
      '2026-12-14',
      '--team',
      TEAM_FILE,
      '--group',
      'Java引流5群',
      '--cohort',
      '第12期',
      '--out',
      file,
      '--lang',
      'zh',
    );
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain('「SOP·Java引流5群·第12期」已生成 60 行');
    const tabs = await readXlsx(readFileSync(file));
    const sop = tabs.find((t) => t.marker?.kind === 'sop')!;
    expect(sop.name).toBe('SOP·Java引流5群·第12期');
    expect(sop.values[0].slice(0, 14)).toEqual([
      'ID',
      '日期',
      '星期',
      '时间',
      '阶段',
      '渠道',
      '事项',
      '具体事项',
      '话术',
      '素材',
      '执行人',
      '状态',
      '完成截图/链接',
      '备注',
    ]);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('SOP·Java引流5群·第12期')!;
    const owner = sheet.getCell('K2').dataValidation;
    const status = sheet.getCell('L2').dataValidation;
    expect(owner).toMatchObject({ type: 'list' });
    expect(String(owner.formulae?.[0])).toMatch(/团队/);
    expect(status).toMatchObject({ type: 'list' });
    expect(String(status.formulae?.[0])).toContain('已完成');
    expect(sheet.getCell('K40').dataValidation).toMatchObject({ type: 'list' });
    // The auto-assigned column is hidden.
    const header = sop.values[0].map(String);
    expect(sheet.getColumn(header.indexOf('系统分配') + 1).hidden).toBe(true);
  });

  test('--update F --out F regenerates in place: a typed status survives the anchor move, and another sheet is kept', async () => {
    const dir = tmp();
    const file = join(dir, 'book.xlsx');
    await cli(
      'sop',
      '--template',
      'big-class-28d',
      '--anchor',
      '2026-12-14',
      '--team',
      TEAM_FILE,
      '--group',
      'Java引流5群',
      '--cohort',
      '第12期',
      '--out',
      file,
      '--lang',
      'zh',
    );

    // In Excel, someone marks a row done and adds a sheet of their own.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('SOP·Java引流5群·第12期')!;
    const id = String(sheet.getCell('A5').value);
    const date = sheet.getCell('B5').value as Date;
    sheet.getCell('L5').value = '已完成';
    sheet.getCell('M5').value = 'https://example.com/proof.png';
    book.addWorksheet('我的笔记').getCell('A1').value = '别动我';
    await book.xlsx.writeFile(file);
    const before = join(dir, 'before.xlsx');
    copyFileSync(file, before);

    const result = await cli(
      'sop',
      '--template',
      'big-class-28d',
      '--anchor',
      '2026-12-16',
      '--group',
      'Java引流5群',
      '--cohort',
      '第12期',
      '--update',
      file,
      '--out',
      file,
      '--lang',
      'zh',
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('「SOP·Java引流5群·第12期」+0 行 · 60 行改期 · 0 项丢失');

    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(file);
    expect(after.worksheets.filter((s) => s.state === 'visible').map((s) => s.name)).toEqual(['团队', 'SOP·Java引流5群·第12期', '我的笔记']);
    expect(after.getWorksheet('我的笔记')!.getCell('A1').value).toBe('别动我');
    const tab = (await readXlsx(readFileSync(file))).find((t) => t.marker?.kind === 'sop')!;
    const row = tab.values.find((r) => r[0] === id)!;
    const header = tab.values[0].map(String);
    expect(row[header.indexOf('状态')]).toBe('已完成');
    expect(row[header.indexOf('完成截图/链接')]).toBe('https://example.com/proof.png');
    const movedBy = (row[header.indexOf('日期')] as number) - (Math.round(date.getTime() / 86400000) + 25569);
    expect(movedBy).toBe(2);
    expect(tab.values.filter((r) => r[0] === id)).toHaveLength(1);

    // --update with --json prints the merged schedule and writes nothing.
    const json = await cli(
      'sop',
      '--template',
      'big-class-28d',
      '--anchor',
      '2026-12-18',
      '--group',
      'Java引流5群',
      '--cohort',
      '第12期',
      '--update',
      file,
      '--json',
      '--lang',
      'zh',
    );
    const printed = JSON.parse(json.stdout) as { rows: Array<{ id: string; status: string }> };
    expect(printed.rows.find((r) => r.id === id)!.status).toBe('已完成');
  });

  test('--update keeps a column, a note, a highlight and a hidden row someone added to the SOP sheet in Excel, each with its row', async () => {
    const dir = tmp();
    const file = join(dir, 'book.xlsx');
    await cli(
      'sop',
      '--template',
      'conversion-7d',
      '--anchor',
      '2026-12-14',
      '--team',
      TEAM_FILE,
      '--group',
      'Java引流5群',
      '--cohort',
      '第12期',
      '--out',
      file,
      '--lang',
      'zh',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('SOP·Java引流5群·第12期')!;
    const ids = [4, 9].map((row) => String(sheet.getCell(row, 1).value));
    // A 复盘 column after 备注 (N): ExcelJS moves the cells right, as Excel does.
    sheet.spliceColumns(15, 0, ['复盘']);
    sheet.getCell(4, 15).value = '到课率偏低';
    sheet.getCell(9, 7).note = '讲师确认过了';
    sheet.getCell(9, 7).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    sheet.getRow(4).hidden = true;
    await book.xlsx.writeFile(file);

    const result = await cli(
      'sop',
      '--template',
      'conversion-7d',
      '--anchor',
      '2026-12-17',
      '--group',
      'Java引流5群',
      '--cohort',
      '第12期',
      '--update',
      file,
      '--lang',
      'zh',
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/你加的 \d+ 处内容随行保留 · 0 项丢失/);

    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(file);
    const updated = after.getWorksheet('SOP·Java引流5群·第12期')!;
    // A formula cell (the pointer to the summary) reads as what it shows.
    const shown = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' && 'result' in v ? String(v.result) : String(v));
    const header = (updated.getRow(1).values as unknown[]).map(shown);
    const rowOf = (id: string) => {
      for (let r = 2; r <= updated.rowCount; r++) if (String(updated.getCell(r, 1).value) === id) return r;
      throw new Error(`no row ${id}`);
    };
    expect(header.indexOf('复盘')).toBeGreaterThan(header.indexOf('备注'));
    expect(updated.getCell(rowOf(ids[0]), header.indexOf('复盘')).value).toBe('到课率偏低');
    expect(updated.getRow(rowOf(ids[0])).hidden).toBe(true);
    const noted = updated.getCell(rowOf(ids[1]), header.indexOf('事项'));
    expect(typeof noted.note === 'string' ? noted.note : JSON.stringify(noted.note)).toContain('讲师确认过了');
    expect((noted.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFFF00');
    // The summary: right of the user's column, below the table, where the header row says.
    const summaryCol = header.findIndex((text) => (text ?? '').startsWith('汇总 ↓'));
    expect(summaryCol).toBeGreaterThan(header.indexOf('复盘'));
    const summaryRow = Number(/第 (\d+) 行/.exec(header[summaryCol])?.[1]);
    expect(shown(updated.getCell(summaryRow, summaryCol).value)).toBe('按阶段');
    expect(summaryRow).toBeGreaterThan(Math.max(...ids.map(rowOf)));
  });

  test('mistakes exit with 1 and say what to do, writing nothing', async () => {
    const file = join(tmp(), 'never.xlsx');
    expect(await cli('sop', '--anchor', '2026-12-14', '--lang', 'en')).toMatchObject({ code: 1, stderr: 'Missing option --template ID.' });
    const bad = await cli('sop', '--template', 'big-class-28d', '--anchor', '2026-02-30', '--out', file, '--lang', 'en');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('--anchor: Cannot read the date "2026-02-30"; use a form such as 2026-12-01.');
    const unknown = await cli('sop', '--template', 'nope', '--anchor', '2026-12-14', '--json', '--lang', 'zh');
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('没有 ID 为“nope”的模板');
    expect(() => readFileSync(file)).toThrow();
  });
});

describe('sop options refused clearly', () => {
  test('an unknown template lists the valid IDs, and says nothing about groups', async () => {
    const result = await cli('sop', '--template', 'nope', '--anchor', '2026-12-14', '--lang', 'en');
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr.split('\n')).toEqual([
      'There is no template with the ID "nope".',
      'Template IDs: conversion-7d, big-class-28d, camp-3d, live-class, promo-flash, moments-daily, retention-monthly.',
    ]);
  });

  test('--anchor takes 2026/12/7, 2026.12.7 and 2026年12月7日 as 2026-12-07', async () => {
    const schedule = async (anchor: string) =>
      JSON.parse((await cli('sop', '--template', 'live-class', '--anchor', anchor, '--group', 'A群', '--json', '--lang', 'zh')).stdout);
    const expected = await schedule('2026-12-07');
    expect(expected.anchor).toBe('2026-12-07');
    for (const anchor of ['2026/12/7', '2026.12.7', '2026年12月7日', '２０２６－１２－０７']) expect(await schedule(anchor)).toEqual(expected);
  });

  test('an anchor outside 2000–2100 is refused naming the value, together with every other mistake', async () => {
    const result = await cli('sop', '--template', 'nope', '--anchor', '1926-12-07', '--group', 'A群;B群', '--lang', 'en');
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr.split('\n')).toEqual([
      '--anchor: The date "1926-12-07" is out of range: the year must be from 2000 to 2100.',
      'There is no template with the ID "nope".',
      'Template IDs: conversion-7d, big-class-28d, camp-3d, live-class, promo-flash, moments-daily, retention-monthly.',
      'Invalid value "A群;B群" for --group: one group name.',
    ]);
  });
});

describe('a refused run writes nothing', () => {
  test('an empty, header-less or binary --team file is refused naming the file, and the workbook stays byte-identical', async () => {
    const dir = tmp();
    const book = join(dir, 'book.xlsx');
    expect(
      (await cli('sop', '--template', 'conversion-7d', '--anchor', '2026-12-07', '--team', TEAM_FILE, '--group', 'A群', '--out', book, '--lang', 'zh')).code,
    ).toBe(0);
    const before = readFileSync(book);
    const empty = join(dir, 'empty.tsv');
    const headerOnly = join(dir, 'header.tsv');
    const binary = join(dir, 'binary.tsv');
    writeFileSync(empty, '');
    writeFileSync(headerOnly, '姓名\t角色\n');
    writeFileSync(binary, Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256)));
    const expected = [
      [empty, '没有找到团队表头'],
      [headerOnly, '表头下面没有任何成员'],
      [binary, '没有找到团队表头'],
    ];
    for (const [file, message] of expected) {
      const result = await cli(
        'sop',
        '--template',
        'conversion-7d',
        '--anchor',
        '2026-12-09',
        '--team',
        file,
        '--group',
        'A群',
        '--update',
        book,
        '--lang',
        'zh',
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`文件「${file}」`);
      expect(result.stderr).toContain(message);
      expect(readFileSync(book).equals(before)).toBe(true);
    }
  });

  test('a file that is not a workbook is refused with its name, and nothing is written', async () => {
    const dir = tmp();
    const book = join(dir, 'not-a-workbook.xlsx');
    writeFileSync(book, 'plain text, not a zip');
    const result = await cli('sop', '--template', 'conversion-7d', '--anchor', '2026-12-09', '--group', 'A群', '--update', book, '--lang', 'en');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Cannot read the file "${book}": it is not an .xlsx workbook that can be opened. Nothing was written.`);
    expect(readFileSync(book, 'utf8')).toBe('plain text, not a zip');
  });
});
