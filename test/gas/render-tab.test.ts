import fc from 'fast-check';
import { AppError } from '../../src/core/errors';
import { Cell, TabSpec, range } from '../../src/core/tab/spec';
import { literalText, renderTab } from '../../src/gas/render-tab';
import { SHEETS_LIMITS } from '../../src/core/tab/limits';
import { countDocumentCalls, renderIntoFake } from './count-calls';
import { FakeEmbeddedChart, FakeGas } from './fake-spreadsheet';

/** An SOP-like tab: title and header rows, a date/text/owner/checkbox/formula row per day. */
function sopSpec(dataRows: number): TabSpec {
  const rows: Cell[][] = [['第12期 Java引流5群 SOP'], ['日期', '事项', '执行人', '完成', '进度']];
  for (let i = 0; i < dataRows; i++) {
    const sheetRow = i + 3;
    rows.push([46357 + i, `第${i + 1}天 群公告`, i % 2 ? '小王' : '小李', i % 3 === 0, { formula: `=IF(D${sheetRow},1,0)`, value: i % 3 === 0 ? 1 : 0 }]);
  }
  return {
    name: 'SOP·Java 5群',
    marker: { kind: 'sop', key: { group: 'Java引流5群', cohort: '第12期' } },
    columns: [
      { key: 'date', width: 110, format: 'date' },
      { key: 'item', width: 110, format: 'text' },
      { key: 'owner', width: 220 },
      { key: 'done', format: 'checkbox' },
      { key: 'progress' },
    ],
    rows,
    headerRows: 2,
    frozenRows: 2,
    frozenColumns: 1,
    formats: [{ range: range(2, 4, dataRows, 1), format: 'percent' }],
    styles: [
      { range: range(0, 0, 1, 5), style: { bold: true, fontSize: 14 } },
      { range: range(1, 0, 1, 5), style: { background: '#1a73e8', fontColor: '#ffffff', bold: true, hAlign: 'center', vAlign: 'middle' } },
      { range: range(2, 1, dataRows, 1), style: { wrap: true, italic: true } },
      { range: range(2, 4, dataRows, 1), style: { strikethrough: true, hAlign: 'right' } },
    ],
    merges: [range(0, 1, 1, 4)], // the title beside the frozen first column
    validations: [
      { range: range(2, 2, dataRows, 1), rule: { type: 'listFromRange', tab: '团队', a1: 'A2:A', strict: true } },
      { range: range(2, 3, dataRows, 1), rule: { type: 'checkbox' } },
      { range: range(2, 1, dataRows, 1), rule: { type: 'list', values: ['群公告', '朋友圈'] } },
    ],
    conditionalFormats: [
      { ranges: [range(2, 0, dataRows, 5)], formula: '=$D3=TRUE', style: { fontColor: '#9aa0a6', strikethrough: true } },
      { ranges: [range(2, 0, dataRows, 1), range(2, 2, dataRows, 1)], formula: '=$A3<TODAY()', style: { background: '#fce8e6', bold: true, italic: false } },
    ],
    notes: [{ row: 0, col: 0, text: '由社群SOP助手生成：模板 7天转化，开营日 2026-12-01。' }],
    charts: [{ type: 'bar', title: '进度', ranges: [range(1, 1, dataRows + 1, 1), range(1, 4, dataRows + 1, 1)], anchor: { row: 2, col: 6 }, width: 400 }],
    tabColor: '#34a853',
  };
}

describe('renderTab', () => {
  let fake: FakeGas | undefined;
  afterEach(() => fake?.uninstall());

  test('draws a tab of 10, 1,000 or 10,000 rows with the same number of document calls', () => {
    const small = countDocumentCalls(sopSpec(10));
    expect(countDocumentCalls(sopSpec(1_000))).toBe(small);
    expect(countDocumentCalls(sopSpec(10_000))).toBe(small);
    expect(small).toBeGreaterThan(0);
    // Values, formats, 4 of the 5 style matrices, notes, widths, the merge, 3 dropdowns, rules, chart, frozen lines, tab colour, and the reset.
    expect(small).toBeLessThan(45);
  });

  test('puts every value, format, style and note where the spec says', () => {
    ({ fake } = renderIntoFake(sopSpec(4)));
    const sheet = fake.inspect('SOP·Java 5群');
    // 2 header rows + 4 data rows; the chart anchored at column G widens the grid to 7 columns.
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([6, 7]);

    const all = sheet.getRange(1, 1, 6, 7);
    const formats = all.getNumberFormats();
    expect(formats[0][0]).toBe('General'); // header rows keep the general format
    expect(formats[1][1]).toBe('General');
    expect(formats[2][0]).toBe('yyyy-mm-dd');
    expect(formats[5][1]).toBe('@');
    expect(formats[3][4]).toBe('0.0#%'); // the format run
    expect(formats[2][5]).toBe('General'); // beyond the columns list

    expect(all.getFormulas()[2][4]).toBe('=IF(D3,1,0)');
    expect(all.getFormulas()[3][0]).toBe('');
    expect(sheet.getRange('B2:C3').getValues()).toEqual([
      ['事项', '执行人'],
      ['第1天 群公告', '小李'],
    ]);
    expect(sheet.getRange('D3:D4').getValues()).toEqual([[true], [false]]);

    const backgrounds = all.getBackgrounds();
    expect(backgrounds[1].slice(0, 5)).toEqual(Array(5).fill('#1a73e8'));
    expect(backgrounds[1][5]).toBe('#ffffff');
    expect(backgrounds[2][0]).toBe('#ffffff');
    expect(all.getFontColors()[1][2]).toBe('#ffffff');
    expect(all.getFontWeights()[0][0]).toBe('bold');
    expect(all.getFontWeights()[2][0]).toBe('normal');
    expect(all.getFontSizes()[0][4]).toBe(14);
    expect(all.getFontSizes()[2][4]).toBe(10);
    expect(all.getFontStyles()[4][1]).toBe('italic');
    expect(all.getFontStyles()[4][2]).toBe('normal');
    expect(all.getWrapStrategies()[4][1]).toBe('WRAP');
    expect(all.getWrapStrategies()[4][0]).toBe('OVERFLOW');
    expect(all.getFontLines()[3][4]).toBe('line-through');
    expect(all.getFontLines()[3][3]).toBe('none');
    expect(all.getHorizontalAlignments()[1][3]).toBe('center');
    expect(all.getHorizontalAlignments()[3][4]).toBe('right');
    expect(all.getVerticalAlignments()[1][0]).toBe('middle');

    expect(sheet.getRange('A1').getNote()).toBe('由社群SOP助手生成：模板 7天转化，开营日 2026-12-01。');
    expect(
      all
        .getNotes()
        .flat()
        .filter((note) => note !== ''),
    ).toHaveLength(1);

    expect([1, 2, 3, 4, 5, 6, 7].map((c) => sheet.getColumnWidth(c))).toEqual([110, 110, 220, 100, 100, 100, 100]);
    expect(fake.callsTo('Sheet.setColumnWidths')).toHaveLength(3); // runs: A–B, C, D–G

    expect(all.getMergedRanges().map((r) => r.getA1Notation())).toEqual(['B1:E1']);
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([2, 1]);
    expect(sheet.getTabColor()).toBe('#34a853');
  });

  test('sets one data validation per spec over all its rows', () => {
    ({ fake } = renderIntoFake(sopSpec(4)));
    const sheet = fake.inspect('SOP·Java 5群');
    // Three dropdowns in columns B, C and D over the same rows: one rectangle of rules.
    expect(fake.callsTo('Range.setDataValidation')).toHaveLength(0);
    expect(fake.callsTo('Range.setDataValidations')).toHaveLength(1);
    const rules = sheet.getRange(1, 1, 6, 7).getDataValidations();

    const owner = rules[2][2]!;
    expect(owner.getCriteriaType()).toBe('VALUE_IN_RANGE');
    const [source, dropdown] = owner.getCriteriaValues() as [GoogleAppsScript.Spreadsheet.Range, boolean];
    expect(source.getSheet().getName()).toBe('团队');
    expect(source.getA1Notation()).toBe('A2:A1000');
    expect(dropdown).toBe(true);
    expect(owner.getAllowInvalid()).toBe(false); // strict
    expect(rules.slice(2).every((row) => row[2] === owner)).toBe(true);

    const item = rules[5][1]!;
    expect(item.getCriteriaType()).toBe('VALUE_IN_LIST');
    expect(item.getCriteriaValues()).toEqual([['群公告', '朋友圈'], true]);
    expect(item.getAllowInvalid()).toBe(true);
    expect(rules[3][3]!.getCriteriaType()).toBe('CHECKBOX');

    expect(rules[0].concat(rules[1]).every((rule) => rule === null)).toBe(true);
    expect(rules.slice(2).every((row) => row[0] === null && row[4] === null)).toBe(true);
  });

  test('writes all conditional-format rules in one call, each with its ranges and style', () => {
    ({ fake } = renderIntoFake(sopSpec(4)));
    const sheet = fake.inspect('SOP·Java 5群');
    expect(fake.callsTo('Sheet.setConditionalFormatRules')).toHaveLength(1);
    const [done, overdue] = sheet.getConditionalFormatRules();
    expect(done.getRanges().map((r) => r.getA1Notation())).toEqual(['A3:E6']);
    expect(done.getBooleanCondition()!.getCriteriaValues()).toEqual(['=$D3=TRUE']);
    expect(done.getBooleanCondition()!.getStrikethrough()).toBe(true);
    expect(done.getBooleanCondition()!.getFontColor()).toBe('#9aa0a6');
    expect(done.getBooleanCondition()!.getBackground()).toBeNull();
    expect(overdue.getRanges().map((r) => r.getA1Notation())).toEqual(['A3:A6', 'C3:C6']);
    expect(overdue.getBooleanCondition()!.getBackground()).toBe('#fce8e6');
    expect(overdue.getBooleanCondition()!.getBold()).toBe(true);
    expect(overdue.getBooleanCondition()!.getItalic()).toBe(false);
  });

  test('inserts the spec charts at their anchors', () => {
    ({ fake } = renderIntoFake(sopSpec(4)));
    const charts = fake.inspect('SOP·Java 5群').getCharts() as unknown as FakeEmbeddedChart[];
    expect(charts).toHaveLength(1);
    const chart = charts[0];
    expect(chart.chartType).toBe('BAR');
    expect(chart.getRanges().map((r) => r.getA1Notation())).toEqual(['B2:B6', 'E2:E6']);
    expect(chart.getOptions().get('title')).toBe('进度');
    expect(chart.getOptions().get('width')).toBe(400);
    expect(chart.numHeaders).toBe(1);
    expect([chart.getContainerInfo().getAnchorRow(), chart.getContainerInfo().getAnchorColumn()]).toEqual([3, 7]);
  });

  test('redrawing a smaller spec leaves nothing of the previous one behind', () => {
    ({ fake } = renderIntoFake(sopSpec(30)));
    const small: TabSpec = {
      name: 'SOP·Java 5群',
      marker: { kind: 'sop', key: { group: 'x', cohort: '' } },
      columns: [{ key: 'a' }, { key: 'b' }],
      rows: [['事项', '=1+1']],
      headerRows: 1,
    };
    renderTab(fake.spreadsheet.getSheetByName('SOP·Java 5群')!, small, { spreadsheet: fake.spreadsheet });
    const sheet = fake.inspect('SOP·Java 5群');
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1, 2]);
    const all = sheet.getRange(1, 1, 1, 2);
    expect(all.getValues()).toEqual([['事项', '=1+1']]);
    expect(all.getFormulas()).toEqual([['', '']]);
    expect(all.getNotes()).toEqual([['', '']]);
    expect(all.getDataValidations()).toEqual([[null, null]]);
    expect(all.getBackgrounds()).toEqual([['#ffffff', '#ffffff']]);
    expect(all.getFontWeights()).toEqual([['normal', 'normal']]);
    expect(all.getMergedRanges()).toEqual([]);
    expect(sheet.getConditionalFormatRules()).toEqual([]);
    expect(sheet.getCharts()).toEqual([]);
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns(), sheet.getTabColor()]).toEqual([0, 0, null]);
    expect(sheet.getColumnWidth(1)).toBe(100);
  });

  test('a tab with only its frozen header keeps a free row and column below and beside it', () => {
    ({ fake } = renderIntoFake({
      name: '团队',
      marker: { kind: 'team', key: {} },
      columns: [{ key: 'name' }],
      rows: [['姓名']],
      headerRows: 1,
      frozenRows: 1,
      frozenColumns: 1,
    }));
    const sheet = fake.inspect('团队');
    expect([sheet.getMaxRows(), sheet.getMaxColumns(), sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([2, 2, 1, 1]);
  });

  test('never passes a JS Date to Apps Script', () => {
    ({ fake } = renderIntoFake(sopSpec(5)));
    const args = fake.calls.flatMap((call) => call.args).flatMap((arg) => (Array.isArray(arg) ? arg.flat(2) : [arg]));
    expect(args.some((arg) => arg instanceof Date)).toBe(false);
  });
});

describe('plain text stays text', () => {
  let fake: FakeGas | undefined;
  afterEach(() => fake?.uninstall());

  const tricky = ['=SUM(A1)', '+86 138 0000 0000', '-', '@张三', "'引号", '001', '2026-12-01', 'TRUE', '50%', '-5'];

  function textSpec(cells: Cell[], format: 'text' | 'general'): TabSpec {
    return { name: 'T', marker: { kind: 'metrics', key: { source: '' } }, columns: [{ key: 'v', format }], rows: cells.map((cell) => [cell]), headerRows: 0 };
  }

  test.each(['general', 'text'] as const)('in a %s column, a plain string is stored as that exact text and a FormulaCell as a formula', (format) => {
    const cells: Cell[] = [...tricky, { formula: '=SUM(A1)', value: 0 }];
    ({ fake } = renderIntoFake(textSpec(cells, format)));
    const column = fake.inspect('T').getRange(1, 1, cells.length, 1);
    expect(
      column
        .getValues()
        .slice(0, tricky.length)
        .map((row) => row[0]),
    ).toEqual(tricky);
    expect(column.getFormulas().map((row) => row[0])).toEqual([...tricky.map(() => ''), '=SUM(A1)']);
  });

  test('any string reads back unchanged and never becomes a formula', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom(...tricky), fc.stringMatching(/^[=+\-@'0-9][0-9a-z=+\-@ .,%/]*$/)), { minLength: 1, maxLength: 20 }),
        (texts) => {
          const local = renderIntoFake(textSpec(texts, 'general')).fake;
          try {
            const column = local.inspect('T').getRange(1, 1, texts.length, 1);
            expect(column.getValues().map((row) => row[0])).toEqual(texts);
            expect(column.getFormulas().every((row) => row[0] === '')).toBe(true);
          } finally {
            local.uninstall();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  test('ordinary text is written without a quote prefix', () => {
    expect(literalText('群公告')).toBe('群公告');
    expect(literalText('Day one')).toBe('Day one');
    expect(literalText('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(literalText('第1天')).toBe("'第1天");
  });
});

describe('size pre-flight', () => {
  let fake: FakeGas;
  beforeEach(() => {
    fake = new FakeGas({ sheetNames: ['Big'] }).install();
  });
  afterEach(() => fake.uninstall());

  function expectProblem(spec: TabSpec, code: string, params: Record<string, number>): void {
    const sheet = fake.spreadsheet.getSheetByName('Big')!;
    fake.resetCalls();
    let thrown: unknown;
    try {
      renderTab(sheet, spec, { spreadsheet: fake.spreadsheet });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).problems[0]).toMatchObject({ code, params });
    expect(fake.callCount).toBe(0);
  }

  test('more columns than a sheet can have is refused before any call', () => {
    const columns = Array.from({ length: SHEETS_LIMITS.columns + 1 }, (_, i) => ({ key: `c${i}` }));
    expectProblem({ name: 'Big', marker: { kind: 'metrics', key: { source: '' } }, columns, rows: [], headerRows: 0 }, 'error.tooManyColumns', {
      columns: 18_279,
      limit: 18_278,
    });
  });

  test('more cells than a spreadsheet can hold is refused before any call', () => {
    const spec: TabSpec = {
      name: 'Big',
      marker: { kind: 'metrics', key: { source: '' } },
      columns: [{ key: 'a' }, { key: 'b' }],
      rows: [],
      headerRows: 0,
      styles: [{ range: range(0, 0, 5_000_001, 2), style: { bold: true } }],
    };
    expectProblem(spec, 'error.tooLarge', { cells: 10_000_002, limit: 10_000_000 });
  });

  test('a merge across the frozen columns is refused before any call', () => {
    const spec: TabSpec = {
      name: 'Big',
      marker: { kind: 'sop', key: { group: '', cohort: '' } },
      columns: [{ key: 'a' }, { key: 'b' }],
      rows: [['标题']],
      headerRows: 1,
      frozenColumns: 1,
      merges: [range(0, 0, 1, 2)],
    };
    const sheet = fake.spreadsheet.getSheetByName('Big')!;
    fake.resetCalls();
    expect(() => renderTab(sheet, spec, { spreadsheet: fake.spreadsheet })).toThrow(/A1:B1 crosses the frozen/);
    expect(fake.callCount).toBe(0);
  });

  test('a dropdown reading from a missing tab is refused before anything is written', () => {
    const spec: TabSpec = {
      name: 'Big',
      marker: { kind: 'plan', key: { number: '' } },
      columns: [{ key: 'owner' }],
      rows: [['小王']],
      headerRows: 0,
      validations: [{ range: range(0, 0, 1, 1), rule: { type: 'listFromRange', tab: '团队', a1: 'A2:A' } }],
    };
    const sheet = fake.spreadsheet.getSheetByName('Big')!;
    fake.resetCalls();
    expect(() => renderTab(sheet, spec, { spreadsheet: fake.spreadsheet })).toThrow(AppError);
    expect(fake.calls.map((call) => call.method)).toEqual(['Spreadsheet.getSheetByName']);
  });
});
