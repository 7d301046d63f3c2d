/** Tab names fitted to each target, and formulas that follow a tab to the name it got. */
import { renameSheetInFormula } from '../../../src/core/formula/parse';
import { renameTabReferences, sheetsTabName, xlsxSheetName } from '../../../src/core/tab/names';
import { quoteTabName, type TabSpec } from '../../../src/core/tab/spec';
import { MemoryWorkbook } from '../../../src/local/memory-workbook';

describe('naming tabs', () => {
  test('Sheets: counts up past taken names, ignoring letter case, and fits 100 characters', () => {
    expect(sheetsTabName('Team', [])).toBe('Team');
    expect(sheetsTabName('Team', ['team'])).toBe('Team (2)');
    expect(sheetsTabName('Team', ['Team', 'TEAM (2)'])).toBe('Team (3)');
    const long = '甘特图·'.repeat(30);
    expect(Array.from(sheetsTabName(long, []))).toHaveLength(100);
    const second = sheetsTabName(long, [sheetsTabName(long, [])]);
    expect(Array.from(second)).toHaveLength(100);
    expect(second.endsWith(' (2)')).toBe(true);
    // Sheets takes a slash; a name is never refused.
    expect(sheetsTabName('SOP·节气/节日促销', [])).toBe('SOP·节气/节日促销');
  });

  test('xlsx: no forbidden characters, no apostrophe at either end, 31 characters, not History', () => {
    expect(xlsxSheetName('a/b:c?', [])).toBe('a_b_c_');
    expect(xlsxSheetName("'quoted'", [])).toBe('quoted');
    expect(xlsxSheetName('History', [])).toBe('History_');
    expect(xlsxSheetName('', [])).toBe('Sheet_');
    expect(Array.from(xlsxSheetName('二〇二六年十二月社群运营活动日历（训练营、营销课、调研表单、促销活动）', []))).toHaveLength(31);
    expect(xlsxSheetName('A/B', ['a_b'])).toBe('A_B (2)');
  });
});

describe('formulas follow a renamed tab', () => {
  test('cells, conditional formats and dropdowns that read another tab use the name it got', () => {
    const spec: TabSpec = {
      name: '甘特图',
      marker: { kind: 'gantt', key: { plan: '推进表/12月' } },
      columns: [],
      headerRows: 1,
      rows: [[{ formula: "=INDEX('推进表/12月'!$B:$B,2)&'本表'!A1", value: 'x' }, "plain text mentioning '推进表/12月'!A1"]],
      conditionalFormats: [{ ranges: [{ row: 0, col: 0, rows: 1, cols: 1 }], formula: "=COUNTIF('推进表/12月'!$E:$E,$A1)>0", style: { bold: true } }],
      validations: [{ range: { row: 1, col: 0, rows: 5, cols: 1 }, rule: { type: 'listFromRange', tab: '推进表/12月', a1: 'A2:A' } }],
    };
    const renamed = renameTabReferences(spec, new Map([['推进表/12月', '推进表_12月']]));
    expect(renamed.rows[0][0]).toEqual({ formula: "=INDEX('推进表_12月'!$B:$B,2)&'本表'!A1", value: 'x' });
    expect(renamed.rows[0][1]).toBe(spec.rows[0][1]);
    expect(renamed.conditionalFormats?.[0].formula).toBe("=COUNTIF('推进表_12月'!$E:$E,$A1)>0");
    expect(renamed.validations?.[0].rule).toEqual({ type: 'listFromRange', tab: '推进表_12月', a1: 'A2:A' });
  });

  test('as a spreadsheet reads them: a plain name, any letter case, and not text inside quotes', () => {
    const spec: TabSpec = {
      name: '汇总',
      marker: { kind: 'gantt', key: { plan: 'Plan' } },
      columns: [],
      headerRows: 1,
      rows: [[{ formula: '=SUM(plan!B2:B9)+PLAN!C1&"Plan!A1"', value: 0 }]],
    };
    const renamed = renameTabReferences(spec, new Map([['Plan', '推进表 2']]));
    expect(renamed.rows[0][0]).toEqual({ formula: `=SUM('推进表 2'!B2:B9)+'推进表 2'!C1&"Plan!A1"`, value: 0 });
  });
});

describe('the local workbook follows a tab someone renames, as Sheets does', () => {
  test('formulas and links in other tabs name it anew, and those tabs count as changed', () => {
    const workbook = new MemoryWorkbook();
    workbook.addPlainTab('推进表', [['任务'], ['海报']]);
    workbook.addPlainTab('汇总', [[{ formula: "=COUNTA('推进表'!A:A)", value: 2 }, "#'推进表'!A2", '推进表 is text']]);
    workbook.markSaved();
    workbook.renameTab('推进表', '推进表·12月');
    expect(workbook.readTabContent('汇总').formulas[0][0]).toBe("=COUNTA('推进表·12月'!A:A)");
    expect(workbook.readTab('汇总')[0].slice(1)).toEqual(["#'推进表·12月'!A2", '推进表 is text']);
    expect([...workbook.changedTabs].sort()).toEqual(['推进表·12月', '汇总'].sort());
  });
});

describe('one formula, its references to a renamed tab rewritten', () => {
  const rename = (formula: string, from: string, to: string) => renameSheetInFormula(formula, from, to, quoteTabName);
  test('quoted and plain references, any case; text and other tabs stay', () => {
    expect(rename(`=INDEX('SOP·A群'!$B:$B,7)&"'SOP·A群'!"`, 'SOP·A群', '新名字')).toBe(`=INDEX('新名字'!$B:$B,7)&"'SOP·A群'!"`);
    expect(rename('=SUM(plan!A1:A3)+Plan!B1+other!C1', 'PLAN', "Tom's plan")).toBe("=SUM('Tom''s plan'!A1:A3)+'Tom''s plan'!B1+other!C1");
    expect(rename("=INDEX('Tom''s plan'!$A:$A,2)", "Tom's plan", 'p2')).toBe("=INDEX('p2'!$A:$A,2)");
    expect(rename('=A1+B1', 'A', 'B')).toBe('=A1+B1');
    expect(rename('not a formula', 'x', 'y')).toBe('not a formula');
    expect(rename('=SUM(', 'x', 'y')).toBe('=SUM(');
  });
});
