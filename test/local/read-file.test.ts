import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isAppError } from '../../src/core/errors';
import { parsePastedText, PASTE_LIMITS } from '../../src/core/metrics/paste';
import type { CellValue } from '../../src/core/tab/spec';
import { declaredUnpackedBytes, decodeText, FILE_LIMITS, parseDelimited, readGridFile } from '../../src/local/read-file';
import { writeXlsx } from '../../src/local/xlsx';
import { writeZip, type ZipEntry } from '../../src/local/zip-writer';
import { problemsOf } from '../support/problems';
import JSZip from 'jszip';

const fixture = (name: string): string => path.join(__dirname, 'fixtures', name);

async function problemCodes(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return isAppError(error) ? error.problems.map((p) => p.code) : [`not an AppError: ${String(error)}`];
}

describe('parseDelimited', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks (RFC 4180)', () => {
    const text = 'a,"b,c","say ""hi""","two\nlines"\r\n1,2,3,4\r\n';
    expect(parseDelimited(text, ',')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\nlines'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('keeps numbers and dates as the text they are', () => {
    expect(parseDelimited('群人数\t日期\n1,000\t2026-12-01\n', '\t')).toEqual([
      ['群人数', '日期'],
      ['1,000', '2026-12-01'],
    ]);
  });

  it('drops a BOM, accepts CRLF, LF and CR line ends', () => {
    expect(parseDelimited('\uFEFFx,y\r\n1,2\n3,4\r5,6', ',')).toEqual([
      ['x', 'y'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('makes empty fields null, pads short rows and drops trailing empty rows and columns', () => {
    expect(parseDelimited('a,,c,\n,\nd\n\n,,\n', ',')).toEqual([
      ['a', null, 'c'],
      [null, null, null],
      ['d', null, null],
    ]);
    expect(parseDelimited('', ',')).toEqual([]);
    expect(parseDelimited('\n\n', '\t')).toEqual([]);
  });

  it('treats a quote inside an unquoted field as a character', () => {
    expect(parseDelimited('5" screen,ok', ',')).toEqual([['5" screen', 'ok']]);
  });

  it('keeps text that looks like a formula as text', () => {
    expect(parseDelimited('=SUM(A1:A2)\t+86\t-\t@林晓', '\t')).toEqual([['=SUM(A1:A2)', '+86', '-', '@林晓']]);
  });

  it('detects the delimiter from the first line', () => {
    expect(parseDelimited('群名称\t备注\nJava1群\t有逗号,不分列', 'auto')).toEqual([
      ['群名称', '备注'],
      ['Java1群', '有逗号,不分列'],
    ]);
    expect(parseDelimited('群名称,备注\nJava1群,"a\tb"', 'auto')).toEqual([
      ['群名称', '备注'],
      ['Java1群', 'a\tb'],
    ]);
  });

  it('reads back any grid written with RFC 4180 quoting', () => {
    const field = fc.string({ unit: fc.constantFrom('a', '群', ' ', ',', '\t', '"', '\n', '\r\n', '=', '0') });
    const grid = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 6 });
    fc.assert(
      fc.property(grid, fc.constantFrom<'\t' | ','>('\t', ','), fc.constantFrom('\n', '\r\n'), (rows, delimiter, lineEnd) => {
        const quote = (value: string): string => (/[",\t\r\n]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value);
        const text = rows.map((row) => row.map(quote).join(delimiter)).join(lineEnd);
        expect(parseDelimited(text, delimiter)).toEqual(trimmed(rows));
      }),
      { numRuns: 100 },
    );
  });
});

/** The grid a reader should give for rows of text: '' is null; a rectangle without trailing blanks. */
function trimmed(rows: string[][]): CellValue[][] {
  const height = rows.reduce((h, row, r) => (row.some((v) => v !== '') ? r + 1 : h), 0);
  const width = rows.reduce((w, row) => row.reduce((rw, v, c) => (v !== '' ? Math.max(rw, c + 1) : rw), w), 0);
  return rows.slice(0, height).map((row) => Array.from({ length: width }, (_, c) => (row[c] === undefined || row[c] === '' ? null : row[c])));
}

describe('very large input is refused before it can exhaust memory', () => {
  it('a paste of more than 110,000,000 characters is refused before it is split, naming the limit', () => {
    const huge = 'A群\t1000\n'.repeat(Math.ceil(PASTE_LIMITS.characters / 8) + 1);
    expect(problemsOf(() => parsePastedText(huge))).toEqual([
      { code: 'error.pasteTooLarge', params: { characters: huge.length.toLocaleString('en-US'), limit: '110,000,000' } },
    ]);
  });

  it('a paste of more than 1,000,000 rows is refused, naming the limit; 1,000,000 rows are read', () => {
    expect(parseDelimited('1\n'.repeat(PASTE_LIMITS.rows), '\t')).toHaveLength(PASTE_LIMITS.rows);
    expect(problemsOf(() => parseDelimited('1\n'.repeat(PASTE_LIMITS.rows + 1), '\t'))).toEqual([
      { code: 'error.tooManyRows', params: { limit: '1,000,000' } },
    ]);
  });

  it('a 50 MB paste of a member list (860,000 rows) is read whole', () => {
    // The last 1,000 members of the list, 860 times: the parser keeps nothing from one row to the
    // next, so the rows need not all differ, and text of the same size is made in a fraction of the time.
    const member = (i: number) => `Java引流${i % 400}群\t用户${i}\twxid_${i}\t2026-11-04 20:28`;
    const block = Array.from({ length: 1_000 }, (_, i) => `\n${member(859_000 + i)}`).join('');
    const text = `群名称\t群昵称\t微信号\t入群时间${block.repeat(860)}`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(50_000_000);
    const grid = parsePastedText(text);
    expect(grid).toHaveLength(860_001);
    expect(grid[1]).toEqual(['Java引流200群', '用户859000', 'wxid_859000', '2026-11-04 20:28']);
    expect(grid[860_000]).toEqual(['Java引流399群', '用户859999', 'wxid_859999', '2026-11-04 20:28']);
  });

  it('a file over its limit is refused by its size, unread; a text file with too many rows names the file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'read-limits-'));
    try {
      const csv = path.join(dir, 'export.csv');
      await fs.writeFile(csv, '');
      await fs.truncate(csv, FILE_LIMITS.textBytes + 1);
      await expect(readGridFile(csv)).rejects.toMatchObject({
        problems: [{ code: 'error.fileTooLarge', params: { size: '100.0 MB', limit: '100 MB' }, location: { file: csv } }],
      });
      const xlsx = path.join(dir, 'book.xlsx');
      await fs.writeFile(xlsx, '');
      await fs.truncate(xlsx, 15 * 1024 * 1024);
      await expect(readGridFile(xlsx)).rejects.toMatchObject({ problems: [{ code: 'error.fileTooLarge', params: { size: '15 MB', limit: '10 MB' } }] });
      const rows = path.join(dir, 'rows.tsv');
      await fs.writeFile(rows, '1\n'.repeat(PASTE_LIMITS.rows + 1));
      await expect(readGridFile(rows)).rejects.toMatchObject({ problems: [{ code: 'error.tooManyRows', location: { file: rows } }] });
      expect(await problemCodes(readGridFile(dir + '/'))).toEqual(['error.unsupportedFile']);
      await fs.mkdir(path.join(dir, 'folder.tsv'));
      expect(await problemCodes(readGridFile(path.join(dir, 'folder.tsv')))).toEqual(['error.isFolder']);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a workbook that unpacks to more than can be read', () => {
  it('is refused by the sizes its zip declares, before anything is inflated, naming the file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'read-unpacked-'));
    try {
      // A real workbook with one sheet replaced by 210 MB of spaces: a few hundred KB on disk.
      const pkg = await JSZip.loadAsync(
        await writeXlsx([{ name: 'T', marker: { kind: 'plain', key: {} }, headerRows: 1, columns: [{ key: 'a', width: 80 }], rows: [['a']] }]),
      );
      const entries: ZipEntry[] = [];
      for (const file of Object.values(pkg.files)) {
        if (file.dir) continue;
        const bomb = file.name === 'xl/worksheets/sheet1.xml';
        entries.push({ name: file.name, content: bomb ? spaces(210) : await file.async('uint8array') });
      }
      const bytes = await writeZip(entries);
      expect(bytes.length).toBeLessThan(FILE_LIMITS.xlsxBytes);
      expect(declaredUnpackedBytes(bytes)).toBeGreaterThan(FILE_LIMITS.xlsxUnpackedBytes);
      const file = path.join(dir, 'bomb.xlsx');
      await fs.writeFile(file, bytes);
      await expect(readGridFile(file)).rejects.toMatchObject({
        problems: [{ code: 'error.workbookUnpacksTooLarge', params: { limit: '200 MB' }, location: { file } }],
      });
      // An ordinary workbook declares what it holds, and is read.
      const ordinary = await writeXlsx([
        { name: 'T', marker: { kind: 'plain', key: {} }, headerRows: 1, columns: [{ key: 'a', width: 80 }], rows: [['a'], [1]] },
      ]);
      expect(declaredUnpackedBytes(ordinary)).toBeGreaterThan(ordinary.length);
      expect(declaredUnpackedBytes(Buffer.from('not a zip'))).toBeNull();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

function* spaces(megabytes: number): Generator<Uint8Array> {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < megabytes; i++) yield chunk;
}

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM, UTF-16LE and GB18030', () => {
    expect(decodeText(Buffer.from('\uFEFF群人数', 'utf8'))).toBe('群人数');
    expect(decodeText(Buffer.from('群人数', 'utf8'))).toBe('群人数');
    expect(decodeText(Buffer.from([0xff, 0xfe, 0xa4, 0x7f, 0xba, 0x4e]))).toBe('群人');
    // "群人数" in GBK, as a Chinese Windows Excel saves a CSV.
    expect(decodeText(Buffer.from([0xc8, 0xba, 0xc8, 0xcb, 0xca, 0xfd]))).toBe('群人数');
  });
});

describe('readGridFile', () => {
  it('reads a TSV named after its file', async () => {
    const [team] = await readGridFile(fixture('team.tsv'));
    expect(team.name).toBe('team');
    expect(team.values[0]).toEqual(['姓名', '角色', '邮箱']);
    expect(team.values[1]).toEqual(['林晓', '社群运营', 'linxiao@example.com']);
    expect(team.values.every((row) => row.length === 3)).toBe(true);
  });

  it('reads a CSV with text amounts and dates left as text', async () => {
    const [orders] = await readGridFile(fixture('raw-orders.csv'));
    expect(orders.name).toBe('raw-orders');
    expect(orders.values[0]).toEqual(['订单号', '微信号', '商品', '实付金额', '支付时间', '订单状态']);
    expect(orders.values[1]).toEqual(['NO202611081000', 'wxid_85beuv7brd', 'JAVA全栈就业班', '9200', '2026-11-08 21:20', '已支付']);
  });

  it('reads an Excel-saved CSV: BOM, CRLF, quotes, line breaks in a cell, an empty last field', async () => {
    const [orders] = await readGridFile(fixture('orders-excel.csv'));
    expect(orders.values).toEqual([
      ['订单号', '客户', '备注', '金额'],
      ['NO1', '林晓', '含逗号, 和"引号"', '9200'],
      ['NO2', '周舟', '两行\r\n备注', null],
    ]);
  });

  it('reads a GBK CSV and a UTF-16 TSV', async () => {
    const [funnel] = await readGridFile(fixture('funnel-gbk.csv'));
    expect(funnel.values).toEqual([
      ['群名称', '群人数', '到课人数'],
      ['Java引流1群', '260', '61'],
      ['Java引流2群', '245', '55'],
    ]);
    const [team] = await readGridFile(fixture('team-utf16.tsv'));
    expect(team.values).toEqual([
      ['姓名', '角色'],
      ['林晓', '社群运营'],
    ]);
  });

  it('reads the visible sheets of an .xlsx, typed', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sop-read-file-'));
    try {
      const exported = await writeXlsx([
        {
          name: '群数据',
          marker: { kind: 'metrics', key: { source: '' } },
          columns: [{ key: 'day', format: 'date' }],
          headerRows: 1,
          rows: [
            ['日期', '群人数'],
            [46357, 260],
          ],
        },
        { name: '团队', marker: { kind: 'team', key: {} }, columns: [], headerRows: 1, rows: [['姓名'], ['林晓']] },
      ]);
      // A person hid a sheet of their own in Excel.
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(exported as unknown as ExcelJS.Buffer);
      workbook.addWorksheet('草稿', { state: 'hidden' }).getCell('A1').value = '不要读';
      const file = path.join(dir, 'export.xlsx');
      await workbook.xlsx.writeFile(file);
      expect(await readGridFile(file)).toEqual([
        {
          name: '群数据',
          values: [
            ['日期', '群人数'],
            [46357, 260],
          ],
        },
        { name: '团队', values: [['姓名'], ['林晓']] },
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('says which file it cannot find, and refuses file types it does not read', async () => {
    expect(await problemCodes(readGridFile(fixture('missing.csv')))).toEqual(['error.fileNotFound']);
    expect(await problemCodes(readGridFile(fixture('notes.txt')))).toEqual(['error.unsupportedFile']);
  });
});
