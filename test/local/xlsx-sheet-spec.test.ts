// @time-zones: date cells read from .xlsx files (build/test.mjs runs this suite under three time zones).
/**
 * A tab written to .xlsx and read back is the tab it was: values, formulas, number formats, styles,
 * notes, merges, dropdowns, hidden rows and columns, frozen panes — so that a tab a person decorated
 * keeps what they put on it when --update rewrites it.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { formatGrid, range, type TabSpec } from '../../src/core/tab/spec';
import { readWorkbookTabs, writeXlsx } from '../../src/local/xlsx';
import { cellFormatOf } from '../../src/local/xlsx-sheet-spec';
import { expectSameTab, generatedTab } from '../support/tab-round-trip';
import { itOnce, zonedRuns } from '../support/zones';

function tab(partial: Partial<TabSpec> & Pick<TabSpec, 'name' | 'rows'>): TabSpec {
  return { marker: { kind: 'sop', key: { group: 'A群', cohort: '' } }, columns: [], headerRows: 1, ...partial };
}

async function roundTrip(spec: TabSpec): Promise<TabSpec> {
  const tabs = await readWorkbookTabs(await writeXlsx([spec]));
  expect(tabs.map((t) => [t.spec.name, t.marker?.kind ?? null, t.visible])).toEqual([
    [spec.name, spec.marker.kind === 'plain' ? null : spec.marker.kind, true],
  ]);
  return tabs[0].spec;
}

describe('readWorkbookTabs gives back the tab writeXlsx wrote', () => {
  test('a decorated SOP-like tab: formats, colours, notes, merges, dropdowns, hidden rows and columns, frozen header, tab colour', async () => {
    const DEC_1 = 46357;
    const spec = tab({
      name: 'SOP·A群',
      columns: [
        { key: 'id', width: 80, hidden: true },
        { key: 'date', width: 96, format: 'date' },
        { key: 'item', width: 180 },
        { key: 'owner', width: 90 },
        { key: 'status', width: 90 },
        { key: 'done', format: 'checkbox' },
        { key: 'rate', format: 'percent' },
        { key: 'price', format: 'currency' },
      ],
      headerRows: 1,
      frozenRows: 1,
      frozenColumns: 2,
      rows: [
        ['ID', '日期', '事项', '执行人', '状态', '完成', '转化率', '客单价'],
        ['r1', DEC_1, '开营仪式', '林晓', '已完成', true, 0.232, 5800],
        ['r2', { formula: '=B2+1', value: DEC_1 + 1 }, '=直播预告', '周舟', '进行中', false, { formula: '=IFERROR(11/400,"")', value: 0.0275 }, 0],
        ['r3', DEC_1 + 2, '结营', '', '', false, null, null],
        ['营中', null, null, null, null, null, null, null],
      ],
      styles: [
        { range: range(0, 0, 1, 8), style: { bold: true, background: '#1f4e79', fontColor: '#ffffff', hAlign: 'center' } },
        { range: range(1, 4, 1, 1), style: { background: '#d9ead3', strikethrough: true, fontColor: '#999999' } },
        { range: range(2, 2, 1, 1), style: { italic: true, wrap: true, vAlign: 'top', fontSize: 14 } },
      ],
      formats: [{ range: range(3, 6, 1, 1), format: 'decimal' }],
      merges: [range(4, 0, 1, 8)],
      notes: [
        { row: 0, col: 0, text: '由社群SOP助手生成：28天大课。' },
        { row: 2, col: 4, text: '等周舟确认' },
      ],
      validations: [
        { range: range(1, 3, 3, 1), rule: { type: 'listFromRange', tab: '团队', a1: 'A2:A' } },
        { range: range(1, 4, 3, 1), rule: { type: 'list', values: ['未开始', '进行中', '已完成'], strict: true } },
        { range: range(1, 5, 3, 1), rule: { type: 'checkbox' } },
        { range: range(1, 2, 3, 1), rule: { type: 'list', values: ['开营, 第一天', '结营'] } },
      ],
      conditionalFormats: [{ ranges: [range(1, 0, 3, 8)], formula: '=$E2="已完成"', style: { fontColor: '#999999', strikethrough: true } }],
      hiddenRows: [3],
      tabColor: '#38761d',
    });
    const read = await roundTrip(spec);
    expectSameTab(read, spec);
    expect(read.validations).toEqual([
      { range: range(1, 2, 3, 1), rule: { type: 'list', values: ['开营, 第一天', '结营'] } },
      { range: range(1, 3, 3, 1), rule: { type: 'listFromRange', tab: '团队', a1: 'A2:A' } },
      { range: range(1, 4, 3, 1), rule: { type: 'list', values: ['未开始', '进行中', '已完成'], strict: true } },
      { range: range(1, 5, 3, 1), rule: { type: 'checkbox' } },
    ]);
    expect(read.conditionalFormats).toEqual([{ ranges: [range(1, 0, 3, 8)], formula: '=$E2="已完成"', style: { fontColor: '#999999', strikethrough: true } }]);
    expect(read.tabColor).toBe('#38761d');
    // The checkbox cells read as checkboxes again.
    expect(formatGrid(read, 4, 8)[1][5]).toBe('checkbox');
  });

  itOnce('rows a person hid are hidden in the file', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await writeXlsx([tab({ name: 'hidden', rows: [['a'], ['b'], ['c'], [null]], hiddenRows: [1, 3] })])) as unknown as ExcelJS.Buffer,
    );
    const sheet = workbook.getWorksheet('hidden')!;
    expect([1, 2, 3, 4].map((row) => sheet.getRow(row).hidden)).toEqual([false, true, false, true]);
  });

  itOnce('a dropdown or a conditional format a person put on whole columns covers the rows the tab has, at least 1000', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('整列');
    sheet.getCell('A1').value = '状态';
    (sheet as unknown as { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add('B1:B1048576', {
      type: 'list',
      allowBlank: true,
      formulae: ['"未开始,已完成"'],
      showErrorMessage: true,
    });
    sheet.addConditionalFormatting({ ref: 'C:C', rules: [{ type: 'expression', priority: 1, formulae: ['C1>1'], style: { font: { bold: true } } }] });
    const [read] = await readWorkbookTabs(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(read.spec.validations).toEqual([{ range: range(0, 1, 1000, 1), rule: { type: 'list', values: ['未开始', '已完成'], strict: true } }]);
    expect(read.spec.conditionalFormats).toEqual([{ ranges: [range(0, 2, 1000, 1)], formula: '=C1>1', style: { bold: true } }]);
  });

  itOnce('number formats from other programs are read as the kind of number they show, and a date stays a date', () => {
    expect(cellFormatOf('yyyy-mm-dd', true)).toBe('date');
    expect(cellFormatOf('m/d/yy', true)).toBe('date');
    expect(cellFormatOf('yyyy"年"m"月"d"日"', true)).toBe('date');
    expect(cellFormatOf('[$-804]aaaa', true)).toBe('date');
    expect(cellFormatOf('yyyy-mm-dd hh:mm', true)).toBe('date');
    expect(cellFormatOf('h:mm', true)).toBe('time');
    expect(cellFormatOf('[h]:mm:ss', false)).toBe('time');
    expect(cellFormatOf('0%', false)).toBe('percent');
    expect(cellFormatOf('0.00%', false)).toBe('percent');
    expect(cellFormatOf('"¥"#,##0.00', false)).toBe('currency');
    expect(cellFormatOf('0', false)).toBe('integer');
    expect(cellFormatOf('#,##0.00', false)).toBe('decimal');
    expect(cellFormatOf('@', false)).toBe('text');
    expect(cellFormatOf('General', false)).toBe('general');
    expect(cellFormatOf('0.00E+00', false)).toBe('general');
    expect(cellFormatOf(undefined, false)).toBe('general');
  });
});

describe('any tab of the kinds the features generate survives the round trip', () => {
  test('values, formulas, formats, styles, notes, merges, hidden rows and columns', async () => {
    await fc.assert(
      fc.asyncProperty(generatedTab, async (written) => {
        expectSameTab(await roundTrip(written), written);
      }),
      { numRuns: zonedRuns(60) },
    );
  });
});
