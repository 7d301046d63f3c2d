/** A column the add-on keeps for its own bookkeeping is hidden in Sheets, in the .xlsx and in the preview. */
import ExcelJS from 'exceljs';
import type { TabSpec } from '../../src/core/tab/spec';
import { renderHtmlPreviewForTest } from './hidden-columns-support';
import { renderIntoFake } from './count-calls';
import { writeXlsx } from '../../src/local/xlsx';

const spec: TabSpec = {
  name: 'SOP·测试',
  marker: { kind: 'sop', key: { group: 't', cohort: '' } },
  columns: [
    { key: 'id', width: 60 },
    { key: 'item', width: 200 },
    { key: 'auto', width: 80, hidden: true },
    { key: 'x', hidden: true },
  ],
  headerRows: 1,
  rows: [
    ['ID', '事项', '系统分配', 'x'],
    ['A-1', '开营', '林晓', 1],
  ],
};

test('Sheets: the hidden columns are hidden with one call per run, and regenerating shows the rest again', () => {
  const { fake, sheet } = renderIntoFake(spec);
  try {
    const raw = fake.inspect(sheet) as unknown as { hiddenColumns: Set<number> };
    expect([...raw.hiddenColumns].sort()).toEqual([3, 4]);
    expect(fake.callsTo('Sheet.hideColumns')).toHaveLength(1);
  } finally {
    fake.uninstall();
  }
});

test('xlsx: the column is hidden', async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await writeXlsx([spec])) as unknown as ExcelJS.Buffer);
  const sheet = book.getWorksheet('SOP·测试')!;
  expect([1, 2, 3, 4].map((c) => sheet.getColumn(c).hidden)).toEqual([false, false, true, true]);
});

test('preview: the column collapses', () => {
  const html = renderHtmlPreviewForTest(spec);
  expect(html.match(/visibility:collapse/g)).toHaveLength(2);
});
