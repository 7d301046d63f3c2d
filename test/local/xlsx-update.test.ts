/**
 * Regenerating into a user's .xlsx rewrites only the add-on's changed tabs and keeps every other sheet as it was.
 * (A workbook's date cells read back as their days under every time zone: cli-zones.test.ts.)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { saveTeam } from '../../src/app/team';
import { createDemoContext } from '../../src/local/demo';
import { createLocalContext } from '../../src/local/context';
import { loadWorkbook, saveWorkbook } from '../../src/local/cli/io';
import { readXlsx } from '../../src/local/xlsx';

test('updating a workbook in place keeps the user’s own sheets, styles and order, and our markers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sop-update-'));
  const original = join(dir, 'book.xlsx');
  await saveWorkbook(createDemoContext(), original);

  // The user adds a sheet of their own in Excel, with a colour and a formula.
  const edited = new ExcelJS.Workbook();
  await edited.xlsx.readFile(original);
  const mine = edited.addWorksheet('我的笔记');
  mine.getCell('A1').value = '备忘';
  mine.getCell('A1').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  mine.getCell('B1').value = { formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue;
  await edited.xlsx.writeFile(original);

  const { workbook, bytes } = await loadWorkbook(original);
  const ctx = createLocalContext({ workbook });
  saveTeam(ctx, [{ name: '新同事', role: 'assistant' }]);
  expect([...workbook.changedTabs]).toEqual(['团队']);
  const updated = join(dir, 'updated.xlsx');
  await saveWorkbook(ctx, updated, bytes);

  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(updated);
  expect(book.worksheets.filter((s) => s.state === 'visible').map((s) => s.name)).toEqual([
    '团队',
    '活动列表',
    '推进表',
    '群数据',
    // The demo's history for 复盘.
    '各期数据',
    'SOP·Java引流5群·第9期',
    'SOP·Java引流5群·第10期',
    'SOP·Java引流5群·第11期',
    '我的笔记',
  ]);
  expect(book.getWorksheet('团队')!.getCell('A2').value).toBe('新同事');
  expect(book.getWorksheet('团队')!.getCell('A3').value).toBeNull();
  const note = book.getWorksheet('我的笔记')!;
  expect((note.getCell('A1').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFFF00');
  expect((note.getCell('B1').value as ExcelJS.CellFormulaValue).formula).toBe('1+1');
  // A pasted tab that was not touched keeps its date format.
  expect(book.getWorksheet('活动列表')!.getCell('C2').numFmt).toBe('yyyy-mm-dd');
  const tabs = await readXlsx(readFileSync(updated));
  expect(tabs.filter((t) => t.marker).map((t) => [t.name, t.marker!.kind])).toEqual([
    ['团队', 'team'],
    ['SOP·Java引流5群·第9期', 'sop'],
    ['SOP·Java引流5群·第10期', 'sop'],
    ['SOP·Java引流5群·第11期', 'sop'],
  ]);

  // Saving again from the updated file still finds our tab by its marker and updates it in place.
  writeFileSync(original, readFileSync(updated));
  const again = await loadWorkbook(original);
  const ctx2 = createLocalContext({ workbook: again.workbook });
  expect(
    saveTeam(ctx2, [
      { name: '新同事', role: 'assistant' },
      { name: '另一位', role: 'designer' },
    ]).tab,
  ).toBe('团队');
  expect(again.workbook.listTabs().filter((t) => t.marker?.kind === 'team')).toHaveLength(1);
});
