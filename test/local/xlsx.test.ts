// @time-zones: date cells written to and read from .xlsx files (build/test.mjs runs this suite under three time zones).
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isAppError } from '../../src/core/errors';
import { CellValue, TabSpec, range } from '../../src/core/tab/spec';
import { MARKER_SHEET, moveRelativeReferences, readXlsx, writeXlsx } from '../../src/local/xlsx';
import { LIBREOFFICE_TEST_TIMEOUT_MS, describeWithLibreOffice, pdfToPngs, pdfToPpms, readPpm, recalculateXlsx, xlsxToPdf } from '../support/libreoffice';
import { itOnce, zonedRuns } from '../support/zones';

/** 2026-12-01 and 2024-02-29 as Sheets and Excel count them (checked in a spreadsheet: =DATE(2026,12,1)*1). */
const DEC_1_2026 = 46357;
const FEB_29_2024 = 45351;

function tab(partial: Partial<TabSpec> & Pick<TabSpec, 'name' | 'rows'>): TabSpec {
  return { marker: { kind: 'metrics', key: { source: '' } }, columns: [], headerRows: 1, ...partial };
}

async function openWithExcelJS(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** What a reader should give back for a written grid: '' is blank, and trailing blanks are gone. */
function expectedGrid(rows: CellValue[][]): CellValue[][] {
  const normalised = rows.map((row) => row.map((value) => (value === '' ? null : value)));
  let height = 0;
  let width = 0;
  normalised.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value !== null) {
        height = Math.max(height, r + 1);
        width = Math.max(width, c + 1);
      }
    }),
  );
  return normalised.slice(0, height).map((row) => Array.from({ length: width }, (_, c) => row[c] ?? null));
}

const teamTab = tab({
  name: '团队',
  marker: { kind: 'team', key: {} },
  columns: [
    { key: 'name', width: 140 },
    { key: 'start', format: 'date' },
    { key: 'time', format: 'time' },
    { key: 'active', format: 'checkbox' },
  ],
  rows: [
    ['姓名', '入职日期', '值班时间', '在职'],
    ['林晓', DEC_1_2026, 20 / 24, true],
    ['周舟', FEB_29_2024 + 0.75, 8.5 / 24, false],
    ['陈默', null, null, true, null],
  ],
});

const sopTab = tab({
  name: "O'Brien 的群·第12期",
  marker: { kind: 'sop', key: { group: 'Java引流5群', cohort: '第12期' } },
  columns: [{ key: 'date', format: 'date' }, { key: 'item' }, { key: 'count', format: 'integer' }],
  rows: [
    ['日期', '事项', '人数'],
    [DEC_1_2026, '开营仪式', 232],
    [{ formula: '=A2+1', value: DEC_1_2026 + 1 }, '=直播预告', { formula: '=C2*2', value: 464 }],
  ],
});

const userTab = tab({ name: '我的草稿', marker: { kind: 'plain', key: {} }, rows: [['随手记', 1.5], [], [null, '末尾']] });

describe('writeXlsx → readXlsx', () => {
  it('gives back every tab in order with its values, day serials and markers', async () => {
    const tabs = await readXlsx(await writeXlsx([{ spec: teamTab, marker: teamTab.marker }, sopTab, { spec: userTab, marker: null }, userTab]));
    expect(tabs.map((t) => [t.name, t.marker])).toEqual([
      ['团队', { kind: 'team', key: {} }],
      ["O'Brien 的群·第12期", { kind: 'sop', key: { group: 'Java引流5群', cohort: '第12期' } }],
      ['我的草稿', null],
      ['我的草稿 (2)', null],
    ]);
    expect(tabs[0].values).toEqual([
      ['姓名', '入职日期', '值班时间', '在职'],
      ['林晓', 46357, 20 / 24, true],
      ['周舟', 45351.75, 8.5 / 24, false],
      ['陈默', null, null, true],
    ]);
    expect(tabs[1].values).toEqual([
      ['日期', '事项', '人数'],
      [46357, '开营仪式', 232],
      [46358, '=直播预告', 464],
    ]);
    expect(tabs[2].values).toEqual([
      ['随手记', 1.5],
      [null, null],
      [null, '末尾'],
    ]);
  });

  it('writes day serials as numbers with the date format, which ExcelJS reads as UTC midnight', async () => {
    const workbook = await openWithExcelJS(await writeXlsx([teamTab]));
    const cell = sheetOf(workbook, '团队').getCell('B2');
    expect(cell.numFmt).toBe('yyyy-mm-dd');
    expect((cell.value as Date).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect((sheetOf(workbook, '团队').getCell('B3').value as Date).toISOString()).toBe('2024-02-29T18:00:00.000Z');
    expect(sheetOf(workbook, '团队').getCell('C2').numFmt).toBe('hh:mm');
  });

  itOnce('keeps any grid of text, numbers and booleans', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '=', '+', '-', '@', '群', '人', '"', "'", ',', '\t', '\n', '<', '&', 'é', '😀') });
    const number = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0));
    const value: fc.Arbitrary<CellValue> = fc.oneof(fc.constant(null), text, number, fc.integer(), fc.boolean());
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(value, { maxLength: 6 }), { maxLength: 6 }), async (rows) => {
        const [read] = await readXlsx(await writeXlsx([tab({ name: 'grid', rows, headerRows: 0 })]));
        expect(read.values).toEqual(expectedGrid(rows));
      }),
      { numRuns: 40 },
    );
  });

  it('keeps any date and minute-precise date-time in a date column', async () => {
    const serial = fc.tuple(fc.integer({ min: 1, max: 2958465 }), fc.integer({ min: 0, max: 1439 })).map(([day, minute]) => day + minute / 1440);
    await fc.assert(
      fc.asyncProperty(fc.array(serial, { minLength: 1, maxLength: 8 }), async (serials) => {
        const rows = serials.map((s) => [s]);
        const [read] = await readXlsx(await writeXlsx([tab({ name: 'dates', rows, headerRows: 0, columns: [{ key: 'd', format: 'date' }] })]));
        expect(read.values).toEqual(rows);
      }),
      { numRuns: zonedRuns(30) },
    );
  });

  itOnce('refuses to write a workbook without tabs', async () => {
    const error = await writeXlsx([]).catch((e: unknown) => e);
    expect(isAppError(error) && error.problems.map((p) => p.code)).toEqual(['error.emptyInput']);
  });

  itOnce('gives tabs valid, distinct sheet names and keeps their markers', async () => {
    const longName = '二〇二六年十二月社群运营活动日历（训练营、营销课、调研表单）';
    const tabs = await readXlsx(
      await writeXlsx([
        tab({ name: 'a/b:c?', marker: { kind: 'plan', key: { number: '1' } }, rows: [['x']] }),
        tab({ name: 'A/B:C?', marker: { kind: 'plan', key: { number: '2' } }, rows: [['y']] }),
        tab({ name: longName, marker: { kind: 'calendar', key: { months: '2026-12' } }, rows: [['z']] }),
        tab({ name: MARKER_SHEET, rows: [['w']] }),
      ]),
    );
    expect(tabs.map((t) => t.name)).toEqual(['a_b_c_', 'A_B_C_ (2)', Array.from(longName).slice(0, 31).join(''), `${MARKER_SHEET} (2)`]);
    expect(tabs.map((t) => t.marker?.key)).toEqual([{ number: '1' }, { number: '2' }, { months: '2026-12' }, { source: '' }]);
    for (const name of tabs.map((t) => t.name)) expect(Array.from(name).length).toBeLessThanOrEqual(31);
  });

  itOnce('finds a generated tab again after a person renamed it in a spreadsheet program', async () => {
    const workbook = await openWithExcelJS(await writeXlsx([sopTab, userTab]));
    // What Excel and LibreOffice do on a rename: the sheet's name and every reference to it change.
    sheetOf(workbook, "O'Brien 的群·第12期").name = '第12期 (改)';
    const markers = sheetOf(workbook, MARKER_SHEET);
    expect(markers.getCell('D2').formula).toBe("ROW('O''Brien 的群·第12期'!$A$1)");
    markers.getCell('D2').value = { formula: "ROW('第12期 (改)'!$A$1)", result: 1 } as ExcelJS.CellFormulaValue;
    const tabs = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(tabs.map((t) => [t.name, t.marker])).toEqual([
      ['第12期 (改)', { kind: 'sop', key: { group: 'Java引流5群', cohort: '第12期' } }],
      ['我的草稿', null],
    ]);
  });

  itOnce('hides the marker sheet from people and opens on the first tab', async () => {
    const workbook = await openWithExcelJS(await writeXlsx([sopTab]));
    expect(sheetOf(workbook, MARKER_SHEET).state).toBe('veryHidden');
    expect(workbook.worksheets[0].name).toBe(sopTab.name);
  });
});

describe('readXlsx: workbooks made elsewhere', () => {
  async function readBuilt(build: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<CellValue[][]> {
    const workbook = new ExcelJS.Workbook();
    build(workbook.addWorksheet('导出'), workbook);
    const tabs = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(tabs.map((t) => [t.name, t.marker])).toEqual([['导出', null]]);
    return tabs[0].values;
  }

  itOnce('reads rich text and links as text, errors as their text, formulas as their cached result', async () => {
    const values = await readBuilt((sheet) => {
      sheet.getCell('A1').value = { richText: [{ text: '林', font: { bold: true } }, { text: '晓' }] };
      sheet.getCell('B1').value = { text: '截图', hyperlink: 'https://example.com/proof.png' };
      sheet.getCell('C1').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
      sheet.getCell('D1').value = { formula: 'B2/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
      sheet.getCell('E1').value = { formula: 'A2*2', result: 8 } as ExcelJS.CellFormulaValue;
      sheet.getCell('F1').value = { formula: 'A3', result: '文本' } as ExcelJS.CellFormulaValue;
      sheet.getCell('G1').value = { formula: 'NOW()' } as ExcelJS.CellFormulaValue;
    });
    expect(values).toEqual([['林晓', '截图', '#DIV/0!', '#DIV/0!', 8, '文本']]);
  });

  it('reads a cached 0 as 0, and a text or TRUE result in a date cell as itself (ExcelJS alone reads blank and dates)', async () => {
    const values = await readBuilt((sheet) => {
      sheet.getCell('A1').value = { formula: 'C2-C2', result: 0 } as ExcelJS.CellFormulaValue;
      sheet.getCell('B1').value = { formula: 'IF(C2="","未开始",C2)', result: '未开始' } as ExcelJS.CellFormulaValue;
      sheet.getCell('C1').value = { formula: 'ISBLANK(C2)', result: true } as ExcelJS.CellFormulaValue;
      sheet.getCell('D1').value = { formula: 'IF(C2="","",C2)', result: '' } as ExcelJS.CellFormulaValue;
      for (const address of ['B1', 'C1', 'D1']) sheet.getCell(address).numFmt = 'yyyy-mm-dd';
    });
    expect(values).toEqual([[0, '未开始', true]]);
  });

  itOnce('gives a merged cell its value once, in its first cell', async () => {
    const values = await readBuilt((sheet) => {
      sheet.getCell('A1').value = '营前';
      sheet.mergeCells('A1:C2');
      sheet.getCell('D2').value = 1;
    });
    expect(values).toEqual([
      ['营前', null, null, null],
      [null, null, null, 1],
    ]);
  });

  it('reads date cells as day serials, also from a 1904-based workbook', async () => {
    const dated = (sheet: ExcelJS.Worksheet, address: string, serial: number, numFmt: string): void => {
      sheet.getCell(address).value = serial;
      sheet.getCell(address).numFmt = numFmt;
    };
    expect(
      await readBuilt((sheet) => {
        dated(sheet, 'A1', 46357, 'yyyy/m/d');
        dated(sheet, 'B1', 46357 + 0.5, 'yyyy-mm-dd hh:mm');
        dated(sheet, 'C1', 0.75, 'h:mm');
      }),
    ).toEqual([[46357, 46357.5, 0.75]]);
    // In the 1904 system day 0 is 1904-01-01, day 1462 of the 1900 system.
    expect(
      await readBuilt((sheet, workbook) => {
        workbook.properties.date1904 = true;
        dated(sheet, 'A1', 46357 - 1462, 'yyyy-mm-dd');
      }),
    ).toEqual([[46357]]);
  });
});

describe('writeXlsx: text and formulas', () => {
  itOnce('writes text that looks like a formula as text, and formulas with their cached value', async () => {
    const spec = tab({
      name: 'guard',
      headerRows: 0,
      rows: [['=SUM(A1:A3)', '+86 138 0000 0000', '-', '@林晓', { formula: '=IFERROR(B2/C2,"")', value: 0.25 }, { formula: '=A1&"!"', value: null }]],
    });
    const sheet = sheetOf(await openWithExcelJS(await writeXlsx([spec])), 'guard');
    for (const address of ['A1', 'B1', 'C1', 'D1']) {
      expect(sheet.getCell(address).type).toBe(ExcelJS.ValueType.String);
      expect(sheet.getCell(address).formula).toBeUndefined();
    }
    expect(sheet.getCell('A1').value).toBe('=SUM(A1:A3)');
    expect(sheet.getCell('E1').type).toBe(ExcelJS.ValueType.Formula);
    expect(sheet.getCell('E1').formula).toBe('IFERROR(B2/C2,"")');
    expect(sheet.getCell('E1').result).toBe(0.25);
    expect(sheet.getCell('F1').formula).toBe('A1&"!"');
  });
});

describe('writeXlsx: layout and styles', () => {
  const styled = tab({
    name: '推进表',
    columns: [
      { key: 'task', width: 140 },
      { key: 'due', width: 91, format: 'date' },
      { key: 'rate', format: 'percent' },
    ],
    rows: [
      ['事项', '截止', '转化率'],
      ['建群', DEC_1_2026, 0.0275],
      ['开营', DEC_1_2026 + 7, 0.232],
    ],
    frozenRows: 1,
    frozenColumns: 1,
    styles: [
      { range: range(0, 0, 1, 3), style: { background: '#fff2cc', bold: true, hAlign: 'center', vAlign: 'middle' } },
      { range: range(1, 0, 1, 1), style: { fontColor: '#c00', italic: true, strikethrough: true, wrap: true, fontSize: 14 } },
      { range: range(5, 1, 1, 1), style: { background: '#d9ead3' } },
    ],
    formats: [{ range: range(2, 2, 1, 1), format: 'decimal' }],
    merges: [range(4, 0, 1, 3)],
    notes: [{ row: 0, col: 0, text: '由社群SOP助手生成：推进表' }],
    tabColor: '#4285f4',
  });

  itOnce('sets widths, frozen panes, number formats, fills, fonts, alignment, merges, notes and the tab colour', async () => {
    const sheet = sheetOf(await openWithExcelJS(await writeXlsx([styled])), '推进表');
    expect(sheet.getColumn(1).width).toBe(20);
    expect(sheet.getColumn(2).width).toBe(13);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(sheet.getCell('B2').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('C2').numFmt).toBe('0.0#%');
    expect(sheet.getCell('C3').numFmt).toBe('#,##0.00');
    // A header cell of a date column keeps the general format.
    expect(sheet.getCell('B1').numFmt ?? 'General').toBe('General');
    expect(sheet.getCell('A1').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } });
    expect(sheet.getCell('C1').font).toMatchObject({ bold: true });
    expect(sheet.getCell('C1').alignment).toMatchObject({ horizontal: 'center', vertical: 'middle' });
    expect(sheet.getCell('A2').font).toMatchObject({ color: { argb: 'FFCC0000' }, italic: true, strike: true, size: 14 });
    expect(sheet.getCell('A2').alignment).toMatchObject({ wrapText: true });
    expect(sheet.getCell('B6').fill).toMatchObject({ fgColor: { argb: 'FFD9EAD3' } });
    expect(sheet.getCell('C5').isMerged).toBe(true);
    expect(sheet.getCell('C5').master.address).toBe('A5');
    const note = sheet.getCell('A1').note;
    expect(typeof note === 'string' ? note : note.texts?.map((t) => t.text).join('')).toBe('由社群SOP助手生成：推进表');
    expect(sheet.properties.tabColor).toMatchObject({ argb: 'FF4285F4' });
  });
});

describe('writeXlsx: validations and conditional formats', () => {
  const plan = tab({
    name: '推进表',
    columns: [{ key: 'task' }, { key: 'owner' }, { key: 'status' }, { key: 'done', format: 'checkbox' }, { key: 'due', format: 'date' }, { key: 'channel' }],
    rows: [
      ['事项', '负责人', '状态', '完成', '截止', '渠道'],
      ['建群', '林晓', '未开始', false, DEC_1_2026, '社群'],
      ['开营', '周舟', '进行中', true, DEC_1_2026 + 7, '直播'],
    ],
    validations: [
      { range: range(1, 1, 2, 1), rule: { type: 'listFromRange', tab: '团队', a1: 'A2:A' } },
      { range: range(1, 2, 2, 1), rule: { type: 'list', values: ['未开始', '进行中', '已完成'], strict: true } },
      { range: range(1, 3, 2, 1), rule: { type: 'checkbox' } },
      { range: range(1, 5, 2, 1), rule: { type: 'list', values: ['社群, 群公告', '私聊 "一对一"'] } },
    ],
    conditionalFormats: [
      { ranges: [range(1, 4, 2, 1)], formula: '=AND($D2=FALSE,E2<TODAY())', style: { background: '#f4cccc', fontColor: '#990000', bold: true } },
      { ranges: [range(1, 0, 2, 1), range(1, 2, 2, 2)], formula: '=$D2=TRUE', style: { fontColor: '#999999', strikethrough: true } },
    ],
  });

  itOnce('writes dropdowns from a list, from another tab and for checkboxes', async () => {
    const workbook = await openWithExcelJS(await writeXlsx([plan]));
    const sheet = sheetOf(workbook, '推进表');
    expect(sheet.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ["'团队'!$A$2:$A$1000"] });
    expect(sheet.getCell('B2').dataValidation.showErrorMessage ?? false).toBe(false);
    expect(sheet.getCell('B3').dataValidation).toMatchObject({ type: 'list', formulae: ["'团队'!$A$2:$A$1000"] });
    expect(sheet.getCell('C3').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"未开始,进行中,已完成"'],
      showErrorMessage: true,
      errorStyle: 'stop',
    });
    expect(sheet.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: ['"TRUE,FALSE"'], showErrorMessage: true });
    expect(sheet.getCell('A2').dataValidation).toBeUndefined();
    expect(sheet.getCell('B4').dataValidation).toBeUndefined();
    // Values with commas or quotes cannot be written inline; they live in the hidden sheet.
    expect(sheet.getCell('F2').dataValidation).toMatchObject({ type: 'list', formulae: [`'${MARKER_SHEET}'!$F$1:$F$2`] });
    const markers = sheetOf(workbook, MARKER_SHEET);
    expect([markers.getCell('F1').value, markers.getCell('F2').value]).toEqual(['社群, 群公告', '私聊 "一对一"']);
  });

  itOnce('writes expression rules with their style, one rule per range, the formula moved to each range', async () => {
    const sheet = sheetOf(await openWithExcelJS(await writeXlsx([plan])), '推进表');
    const rules = (sheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    expect(rules.map((cf) => [cf.ref, cf.rules.map((rule) => [rule.type, (rule as ExcelJS.ExpressionRuleType).formulae, rule.priority])])).toEqual([
      ['E2:E3', [['expression', ['AND($D2=FALSE,E2<TODAY())'], 1]]],
      ['A2:A3', [['expression', ['$D2=TRUE'], 2]]],
      ['C2:D3', [['expression', ['$D2=TRUE'], 2]]],
    ]);
    expect(rules[0].rules[0].style).toMatchObject({
      fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFF4CCCC' } },
      font: { color: { argb: 'FF990000' }, bold: true },
    });
    expect(rules[1].rules[0].style).toMatchObject({ font: { color: { argb: 'FF999999' }, strike: true } });
  });
});

describe('moveRelativeReferences', () => {
  itOnce('moves relative rows and columns and leaves $ parts alone', () => {
    expect(moveRelativeReferences('A1+$B$2+C$3+$D4', 2, 1)).toBe('B3+$B$2+D$3+$D6');
    expect(moveRelativeReferences('Z1*2', 0, 1)).toBe('AA1*2');
    expect(moveRelativeReferences('SUM(A1:B2)', 1, 0)).toBe('SUM(A2:B3)');
  });

  itOnce('leaves text, function names and tab names alone', () => {
    expect(moveRelativeReferences('IF(A1="B2",1,0)', 1, 0)).toBe('IF(A2="B2",1,0)');
    expect(moveRelativeReferences('LOG10(A1)+ATAN2(B1,C1)', 1, 0)).toBe('LOG10(A2)+ATAN2(B2,C2)');
    expect(moveRelativeReferences("'Tab A1'!B2+Sheet1!C3", 1, 1)).toBe("'Tab A1'!C3+Sheet1!D4");
    expect(moveRelativeReferences('AND(TRUE,$A$1>0)', 3, 3)).toBe('AND(TRUE,$A$1>0)');
  });

  itOnce('turns a reference moved off the sheet into #REF!', () => {
    expect(moveRelativeReferences('B2+A2+$A1', -1, -1)).toBe('A1+#REF!+#REF!');
  });

  itOnce('moves whole-column references', () => {
    expect(moveRelativeReferences('COUNTIF(B:B,A1)>1', 0, 2)).toBe('COUNTIF(D:D,C1)>1');
    expect(moveRelativeReferences('COUNTIF($B:$B,A1)>1', 0, 2)).toBe('COUNTIF($B:$B,C1)>1');
  });
});

describeWithLibreOffice('exported workbooks in LibreOffice', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sop-xlsx-lo-'));
  });
  afterAll(async () => {
    // KEEP_E2E_OUTPUT=1 keeps the PDFs and page images to look at.
    if (!process.env.KEEP_E2E_OUTPUT) await fs.rm(dir, { recursive: true, force: true });
  });

  const funnel = tab({
    name: '转化',
    marker: { kind: 'metrics', key: { source: '12月' } },
    columns: [
      { key: 'group' },
      { key: 'buyers', format: 'integer' },
      { key: 'members', format: 'integer' },
      { key: 'ratio', format: 'decimal' },
      { key: 'text' },
    ],
    rows: [
      ['群', '成单', '群人数', '比值', '备注'],
      ['1群', 30, 3, { formula: '=B2/C2', value: 10 }, '=1+1'],
      ['2群', 4, 2, { formula: '=B3/C3', value: 2 }, '+86'],
      ['合计', { formula: '=SUM(B2:B3)', value: 34 }, { formula: '=SUM(C2:C3)', value: 5 }, { formula: '=B4/C4', value: 6.8 }],
    ],
    conditionalFormats: [{ ranges: [range(1, 3, 3, 1)], formula: '=D2>5', style: { background: '#ff0000' } }],
  });

  it(
    'recalculates the formulas after an input changed, keeps look-alike text as text and keeps the markers',
    async () => {
      const workbook = await openWithExcelJS(await writeXlsx([funnel]));
      // A person edits an input; the cached results still say what they said before.
      sheetOf(workbook, '转化').getCell('B3').value = 40;
      const edited = path.join(dir, 'edited.xlsx');
      await workbook.xlsx.writeFile(edited);
      const [stale] = await readXlsx(await fs.readFile(edited));
      expect(stale.values[2][3]).toBe(2);

      const [recalculated] = await readXlsx(await fs.readFile(await recalculateXlsx(edited)));
      expect(recalculated.name).toBe('转化');
      expect(recalculated.marker).toMatchObject({ kind: 'metrics', key: { source: '12月' } });
      expect(recalculated.values[1]).toEqual(['1群', 30, 3, 10, '=1+1']);
      expect(recalculated.values[2]).toEqual(['2群', 40, 2, 20, '+86']);
      expect(recalculated.values[3].slice(0, 4)).toEqual(['合计', 70, 5, 14]);
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );

  it(
    'paints the cells that conditional formats match',
    async () => {
      // Two large merged cells side by side, so their place on the printed page is known:
      // A1:A20 holds 10 (> 5: red), B1:B20 holds 2 (≤ 5: green, and never red).
      const layout = tab({
        name: 'layout',
        headerRows: 0,
        columns: [
          { key: 'high', width: 180 },
          { key: 'low', width: 180 },
        ],
        rows: [[{ formula: '=5*2', value: 10 }, 2]],
        merges: [range(0, 0, 20, 1), range(0, 1, 20, 1)],
        // At its size, with the default margins: a metrics tab would print landscape, scaled to the page's width.
        print: { orientation: 'portrait', fitToWidth: false, repeatRows: 0 },
        conditionalFormats: [
          { ranges: [range(0, 0, 20, 2)], formula: '=A1>5', style: { background: '#ff0000' } },
          { ranges: [range(0, 0, 20, 2)], formula: '=A1<=5', style: { background: '#00ff00' } },
        ],
      });
      const xlsxPath = path.join(dir, 'layout.xlsx');
      await fs.writeFile(xlsxPath, await writeXlsx([layout]));
      const pdf = await xlsxToPdf(xlsxPath, dir);
      const dpi = 50;
      const [page] = await pdfToPpms(pdf, path.join(dir, 'layout'), dpi);
      await pdfToPngs(pdf, path.join(dir, 'layout-view'), dpi);
      const image = readPpm(page);

      const channels = (color: string): number[] => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
      const isRed = (color: string): boolean => ((c) => c[0] > 200 && c[1] < 60 && c[2] < 60)(channels(color));
      const isGreen = (color: string): boolean => ((c) => c[0] < 60 && c[1] > 200 && c[2] < 60)(channels(color));
      const box = (matches: (color: string) => boolean): { left: number; top: number; right: number; bottom: number } => {
        const found = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
        for (let y = 0; y < image.height; y++) {
          for (let x = 0; x < image.width; x++) {
            if (!matches(image.colorAt(x, y))) continue;
            found.left = Math.min(found.left, x);
            found.top = Math.min(found.top, y);
            found.right = Math.max(found.right, x);
            found.bottom = Math.max(found.bottom, y);
          }
        }
        return found;
      };
      const red = box(isRed);
      const green = box(isGreen);

      // ExcelJS's default page margins are 0.7" left and 0.75" top; 20 default rows of 15 pt are
      // 300 pt. A column's printed width depends on the default font's digit width, which varies
      // with the fonts installed, so the test compares the two columns rather than trusting it.
      const inch = (inches: number): number => Math.round(inches * dpi);
      expect(Math.abs(red.left - inch(0.7))).toBeLessThanOrEqual(3);
      expect(Math.abs(red.top - inch(0.75))).toBeLessThanOrEqual(3);
      expect(Math.abs(red.bottom - red.top - inch(300 / 72)) / inch(300 / 72)).toBeLessThan(0.05);
      expect(red.right - red.left).toBeGreaterThan(inch((180 / 96) * 0.9));
      expect(Math.abs(green.left - red.right - 1)).toBeLessThanOrEqual(3);
      expect(Math.abs(green.top - red.top)).toBeLessThanOrEqual(2);
      expect(Math.abs(green.bottom - red.bottom)).toBeLessThanOrEqual(2);
      expect(Math.abs(green.right - green.left - (red.right - red.left))).toBeLessThanOrEqual(3);
      // The middle of each block, where no digit is drawn.
      const middle = Math.round((red.top + red.bottom) / 2);
      expect(isRed(image.colorAt(Math.round((red.left + red.right) / 2), middle))).toBe(true);
      expect(isGreen(image.colorAt(Math.round((green.left + green.right) / 2), middle))).toBe(true);
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );
});
