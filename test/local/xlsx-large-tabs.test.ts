/** Long tabs of values written straight into the sheet XML read back as they were written, whoever reads them. */
import ExcelJS from 'exceljs';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CellValue, TabSpec } from '../../src/core/tab/spec';
import { readWorkbookTabs, readXlsx, writeXlsx } from '../../src/local/xlsx';
import { LARGE_TAB_ROWS, splitLargeTab } from '../../src/local/xlsx-large-tabs';
import { LIBREOFFICE_TEST_TIMEOUT_MS, describeWithLibreOffice, recalculateXlsx } from '../support/libreoffice';

/** 2026-12-01 as Sheets and Excel count it. */
const DEC_1_2026 = 46357;

/** Text people's exports hold that a writer could spoil: formula look-alikes, spaces, markup, breaks. */
const AWKWARD_TEXT = ['=1+1', '+86 138 0000 0000', '-', '@所有人', ' 前后有空格 ', 'a & b <c> "d" \'e\'', '两行\n文字', '0012', '1.2万', 'x\u0001y'];

/** A member list as the CLI puts it in a workbook (see MemoryWorkbook.addPlainTab), with a date and an amount column. */
function memberList(rows: number): TabSpec {
  const values: CellValue[][] = [['群名称', '微信号', '入群日期', '金额', '已付', '备注']];
  for (let i = 0; i < rows; i++) {
    values.push([
      `Java引流${i % 400}群`,
      `wxid_${i}`,
      DEC_1_2026 + (i % 30),
      i % 7 === 0 ? null : i % 5 === 0 ? -12.5 : i * 3,
      i % 3 === 0,
      AWKWARD_TEXT[i % AWKWARD_TEXT.length],
    ]);
  }
  return {
    name: '群成员',
    marker: { kind: 'plain', key: {} },
    columns: [
      { key: 'group', width: 140 },
      { key: 'id' },
      { key: 'joined', format: 'date' },
      { key: 'amount', format: 'decimal' },
      { key: 'paid' },
      { key: 'note', width: 200 },
    ],
    headerRows: 1,
    frozenRows: 1,
    rows: values,
    styles: [{ range: { row: 0, col: 0, rows: 1, cols: 6 }, style: { bold: true, background: '#d9ead3' } }],
  };
}

/** The grid a reader gives for what was written: XML cannot hold control characters, so they are gone. */
function readable(rows: CellValue[][]): CellValue[][] {
  return rows.map((row) => row.map((value) => (typeof value === 'string' ? value.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '') : value)));
}

const ROWS = LARGE_TAB_ROWS + 2_000;

describe('a tab longer than LARGE_TAB_ROWS', () => {
  let written: Buffer;
  const list = memberList(ROWS);
  const metrics: TabSpec = {
    name: '转化指标',
    marker: { kind: 'metrics', key: { source: '群成员' } },
    columns: [{ key: 'group' }, { key: 'members', format: 'integer' }],
    headerRows: 1,
    rows: [
      ['群', '群人数'],
      ['合计', { formula: "=COUNTA('群成员'!B2:B)", value: ROWS }],
    ],
  };
  beforeAll(async () => {
    written = await writeXlsx([list, metrics]);
  });

  it('is split into the head ExcelJS draws and the rows written as values', () => {
    expect(splitLargeTab(list)?.head.rows).toEqual([list.rows[0]]);
    expect(splitLargeTab(list)?.body).toMatchObject({ from: 1, width: 6 });
  });

  it('reads back value for value: text stays text, numbers and booleans keep their type, blanks stay blank', async () => {
    const [members, read] = await readXlsx(written);
    expect(members.name).toBe('群成员');
    expect(members.values).toHaveLength(ROWS + 1);
    expect(members.values).toEqual(readable(list.rows as CellValue[][]));
    // The generated tab beside it keeps its marker and its formula's cached result.
    expect(read.marker).toMatchObject({ kind: 'metrics', key: { source: '群成员' } });
    expect(read.values[1]).toEqual(['合计', ROWS]);
  });

  it('keeps the header look, the frozen row, the column widths and the column formats on every row', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(written as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('群成员');
    if (!sheet) throw new Error('no sheet 群成员');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBe(20);
    for (const row of [2, 5_000, ROWS + 1]) {
      expect(sheet.getCell(row, 3).numFmt).toBe('yyyy-mm-dd');
      expect(sheet.getCell(row, 4).numFmt).toBe('#,##0.00');
      expect(sheet.getCell(row, 1).numFmt).toBeUndefined();
    }
    expect(sheet.getCell(ROWS + 1, 6).value).toBe(readable(list.rows as CellValue[][])[ROWS][5]);
    // An open-ended range over the list closes below all its rows, not below its head (row 1,000).
    expect((workbook.getWorksheet('转化指标')?.getCell('B2').value as ExcelJS.CellFormulaValue).formula).toBe("COUNTA('群成员'!B2:B100000)");
  });

  it('reads back as the tab it was, formats and all', async () => {
    const [members] = await readWorkbookTabs(written);
    expect(members.spec.columns.map((column) => column.format ?? 'general')).toEqual(['general', 'general', 'date', 'decimal', 'general', 'general']);
    expect(members.spec.frozenRows).toBe(1);
  });
});

describe('what stays with ExcelJS', () => {
  const list = memberList(LARGE_TAB_ROWS + 10);

  it('a short tab, or one with a formula, a style, a note or a dropdown below its head, is drawn whole', () => {
    expect(splitLargeTab(memberList(LARGE_TAB_ROWS - 1))).toBeNull();
    const withFormula = { ...list, rows: [...list.rows.slice(0, 500), [{ formula: '=1+1', value: 2 }], ...list.rows.slice(500)] };
    expect(splitLargeTab(withFormula)).toBeNull();
    expect(splitLargeTab({ ...list, styles: [{ range: { row: 0, col: 0, rows: list.rows.length, cols: 1 }, style: { bold: true } }] })).toBeNull();
    expect(splitLargeTab({ ...list, notes: [{ row: 5_000, col: 0, text: '备注' }] })).toBeNull();
    expect(splitLargeTab({ ...list, validations: [{ range: { row: 1, col: 4, rows: 1, cols: 1 }, rule: { type: 'checkbox' } }] })).toBeNull();
  });

  it('a note or a merge in the head is drawn by ExcelJS with the head', () => {
    expect(splitLargeTab({ ...list, notes: [{ row: 2, col: 0, text: '备注' }] })?.body.from).toBe(3);
    expect(splitLargeTab({ ...list, merges: [{ row: 0, col: 0, rows: 5, cols: 2 }] })?.head.rows).toHaveLength(5);
  });
});

describeWithLibreOffice('a long tab in LibreOffice', () => {
  it(
    'opens, and reads back value for value after LibreOffice saved it again',
    async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sop-large-tab-lo-'));
      try {
        const list = memberList(ROWS);
        const file = path.join(dir, 'members.xlsx');
        await fs.writeFile(file, await writeXlsx([list]));
        const [members] = await readXlsx(await fs.readFile(await recalculateXlsx(file)));
        expect(members.values).toHaveLength(ROWS + 1);
        expect(members.values).toEqual(readable(list.rows as CellValue[][]));
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );
});
