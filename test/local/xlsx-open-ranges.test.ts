/**
 * Sheets reads "$A$2:$A" to the bottom of a tab; Excel and LibreOffice have no such reference. The
 * .xlsx writer closes open-ended ranges below the data of the tab they read (with room to add rows),
 * and the reader opens them again, so a calendar written and read back is the calendar that was made.
 */
import { closeOpenRanges, openRangeEnd, reopenRanges } from '../../src/local/xlsx-conventions';
import { readWorkbookTabs, writeXlsx } from '../../src/local/xlsx';
import { isFormulaCell, type TabSpec } from '../../src/core/tab/spec';
import ExcelJS from 'exceljs';

const thousand = () => 1000;

describe('closing and reopening open-ended ranges', () => {
  test('a range with its tab, quoted or not, with or without $, is closed; closed ranges and cells stay', () => {
    expect(closeOpenRanges("INDEX('活动清单'!$B$2:$B,1)", 'Cal', thousand)).toBe("INDEX('活动清单'!$B$2:$B$1000,1)");
    expect(closeOpenRanges('SUM(List!C2:C)+SUM(D3:D)', 'Cal', thousand)).toBe('SUM(List!C2:C1000)+SUM(D3:D1000)');
    expect(closeOpenRanges("'A''s list'!$A$2:$A$500&B2&$C$3", 'Cal', thousand)).toBe("'A''s list'!$A$2:$A$500&B2&$C$3");
    expect(closeOpenRanges('SUM(A2:AB)', 'Cal', thousand)).toBe('SUM(A2:AB1000)');
  });

  test('text in quotes is data: a range written inside a string is left as it is', () => {
    expect(closeOpenRanges('IF(A2:A="B2:B","x B2:B",1)', 'Cal', thousand)).toBe('IF(A2:A1000="B2:B","x B2:B",1)');
    expect(closeOpenRanges('"say ""A2:A"""&A2:A', 'Cal', thousand)).toBe('"say ""A2:A"""&A2:A1000');
  });

  test('each range closes below the tab it reads: its own tab, or the tab it names', () => {
    const rows: Record<string, number> = { Cal: 50, List: 1500 };
    const endOf = (tab: string) => openRangeEnd(rows[tab] ?? 0);
    expect(closeOpenRanges("'List'!$A$2:$A+B2:B", 'Cal', endOf)).toBe("'List'!$A$2:$A$10000+B2:B1000");
    expect(openRangeEnd(0)).toBe(1000);
    expect(openRangeEnd(800)).toBe(1000);
    expect(openRangeEnd(801)).toBe(10000);
    expect(openRangeEnd(2_000_000)).toBe(1048576);
  });

  test('reopening undoes closing, and leaves a range that ends on another row closed', () => {
    for (const formula of ["INDEX('活动清单'!$B$2:$B,1)", 'SUM(List!C2:C)+SUM(D3:D)', 'IF(A2:A="B2:B",1)']) {
      for (const rows of [0, 900, 20000]) expect(reopenRanges(closeOpenRanges(formula, 'Cal', () => openRangeEnd(rows)))).toBe(formula);
    }
    expect(reopenRanges('SUM(A2:A999)')).toBe('SUM(A2:A999)');
  });
});

describe('an .xlsx with open-ended formulas', () => {
  const list: TabSpec = {
    name: '活动清单',
    marker: { kind: 'plain', key: {} },
    columns: [{ key: 'a' }],
    headerRows: 1,
    rows: [['活动'], ...Array.from({ length: 1200 }, (_, i) => [`活动 ${i + 1}`])],
  };
  const reader: TabSpec = {
    name: 'Count',
    marker: { kind: 'plain', key: {} },
    columns: [{ key: 'a' }],
    headerRows: 1,
    rows: [[{ formula: "=COUNTA('活动清单'!$A$2:$A)", value: 1200 }]],
  };

  test('is written with a closed range that covers the whole list, and reads back open-ended', async () => {
    const buffer = await writeXlsx([list, reader]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet('Count')?.getCell('A1').formula).toBe("COUNTA('活动清单'!$A$2:$A$10000)");
    const back = (await readWorkbookTabs(buffer)).find((tab) => tab.spec.name === 'Count');
    const cell = back?.spec.rows[0][0];
    expect(isFormulaCell(cell) && cell.formula).toBe("=COUNTA('活动清单'!$A$2:$A)");
  });
});
