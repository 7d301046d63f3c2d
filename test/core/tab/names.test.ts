/** Tab names fitted to each target, and formulas that follow a tab to the name it got. */
import { renameTabReferences, sheetsTabName, xlsxSheetName } from '../../../src/core/tab/names';
import type { TabSpec } from '../../../src/core/tab/spec';

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
});
