// @time-zones: the fake makes Date objects the way Sheets does (build/test.mjs runs this suite under three time zones).
import vm from 'node:vm';
import fc from 'fast-check';
import { FakeGas, formatInZone, installFakeGas } from './fake-spreadsheet';

describe('the recording fake', () => {
  let fake: FakeGas;
  afterEach(() => fake?.uninstall());

  test('is installed on globalThis for a test and removed after', () => {
    expect('SpreadsheetApp' in globalThis).toBe(false);
    fake = installFakeGas();
    expect(
      SpreadsheetApp.getActiveSpreadsheet()
        .getSheets()
        .map((s) => s.getName()),
    ).toEqual(['Sheet1']);
    fake.uninstall();
    expect('SpreadsheetApp' in globalThis).toBe(false);
  });

  test('installs on another global object, e.g. a node:vm context', () => {
    const context = vm.createContext({});
    fake = new FakeGas().install(context);
    expect(vm.runInContext('SpreadsheetApp.getActive().getSheets()[0].getName()', context)).toBe('Sheet1');
    expect(fake.calls.map((call) => call.method)).toEqual(['SpreadsheetApp.getActive', 'Spreadsheet.getSheets', 'Sheet.getName']);
  });

  test('records every call through the objects it hands out, and none through inspect()', () => {
    fake = installFakeGas();
    const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1')!;
    sheet.getRange(1, 1, 2, 2).setValues([
      [1, 2],
      [3, 4],
    ]);
    expect(fake.callCount).toBe(4);
    expect(fake.calls[3]).toEqual({
      method: 'Range.setValues',
      args: [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    });
    expect(fake.inspect('Sheet1').getRange('A1:B2').getValues()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(fake.callCount).toBe(4);
    expect(sheet.getRange('A1').getSheet()).toBe(sheet); // one wrapper per object
  });

  test("models Sheets' parsing of written strings", () => {
    fake = installFakeGas();
    const column = SpreadsheetApp.getActive().getSheets()[0].getRange('A1:A8');
    column.setValues([["'=1+1"], ['=1+1'], ['001'], ['+86 138'], ['-'], ['2026-12-01'], ['TRUE'], ['群公告']]);
    expect(column.getFormulas().map((row) => row[0])).toEqual(['', '=1+1', '', '+86 138', '', '', '', '']);
    expect(column.getValues().map((row) => row[0])).toEqual(['=1+1', '', 1, '', '-', 46357, true, '群公告']);

    const text = SpreadsheetApp.getActive().getSheets()[0].getRange('B1:B2');
    text.setNumberFormat('@');
    text.setValues([['=1+1'], ["'x"]]);
    expect(text.getFormulas()).toEqual([[''], ['']]);
    expect(text.getValues()).toEqual([['=1+1'], ["'x"]]);
  });

  test('refuses what Sheets refuses', () => {
    fake = installFakeGas();
    const sheet = SpreadsheetApp.getActive().getSheets()[0];
    expect(() => sheet.getRange(1001, 1)).toThrow(/outside the dimensions/);
    expect(() => sheet.getRange(1, 1, 2, 1).setValues([[1]])).toThrow(/number of rows/);
    expect(() => sheet.getRange(1, 1).setValues([[new Date()]])).toThrow(/JS Date/);
    expect(() => SpreadsheetApp.getActive().insertSheet('sheet1')).toThrow(/already exists/);
    sheet.setFrozenRows(2);
    expect(() => sheet.deleteRows(3, 998)).toThrow(/non-frozen/);
    sheet.setFrozenRows(0);
    sheet.getRange('A1:B2').merge();
    expect(() => sheet.setFrozenRows(1)).toThrow(/merged/);
  });

  test('keeps merges and content in place when rows are inserted or deleted', () => {
    fake = installFakeGas();
    const sheet = SpreadsheetApp.getActive().getSheets()[0];
    sheet.getRange('A5').setValue('x');
    sheet.getRange('B4:B6').merge();
    sheet.insertRowsAfter(2, 3);
    expect(sheet.getRange('A8').getValue()).toBe('x');
    expect(
      sheet
        .getRange('A1:C20')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['B7:B9']);
    sheet.deleteRows(6, 2);
    expect(sheet.getRange('A6').getValue()).toBe('x');
    expect(
      sheet
        .getRange('A1:C20')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['B6:B7']);
    expect(sheet.getMaxRows()).toBe(1001);
  });

  test('gives formulas’ results when asked to compute them, across sheets and after each write; else blank', () => {
    for (const computeFormulas of [true, false]) {
      fake = installFakeGas({ sheetNames: ['数据', '汇总'], computeFormulas });
      const book = SpreadsheetApp.getActiveSpreadsheet();
      book
        .getSheetByName('数据')!
        .getRange(1, 1, 2, 1)
        .setValues([[2], [3]]);
      const sum = book.getSheetByName('汇总')!.getRange(1, 1, 1, 3);
      sum.setFormulas([["=SUM('数据'!A:A)", '=A1/0', '=DATE(2026,12,4)']]);
      sum.setNumberFormats([['0', '0', 'yyyy-mm-dd']]);
      const [total, error, day] = sum.getValues()[0];
      book.getSheetByName('数据')!.getRange(3, 1).setValue(5);
      if (computeFormulas) {
        expect([total, error, formatInZone(day as Date, 'Asia/Shanghai', 'yyyy-MM-dd')]).toEqual([5, '#DIV/0!', '2026-12-04']);
        expect(sum.getValues()[0][0]).toBe(10);
      } else {
        expect([total, error, day]).toEqual(['', '', '']);
      }
      fake.uninstall();
    }
  });

  test('formats dates in a named time zone whatever the process zone', () => {
    const instant = new Date(Date.UTC(2026, 11, 31, 20, 5, 9));
    expect(formatInZone(instant, 'Asia/Shanghai', 'yyyy-MM-dd HH:mm:ss')).toBe('2027-01-01 04:05:09');
    expect(formatInZone(instant, 'America/Los_Angeles', 'yyyy-MM-dd HH:mm')).toBe('2026-12-31 12:05');
  });

  test('serves HTML files and records sidebars and alerts', () => {
    fake = installFakeGas();
    fake.htmlFiles.set('sidebar', '<p>hi</p>');
    const html = HtmlService.createHtmlOutputFromFile('sidebar').append('<script></script>').setTitle('团队');
    SpreadsheetApp.getUi().showSidebar(html);
    const shown = fake.raw(fake.dialogs[0].content) as { getContent(): string; getTitle(): string };
    expect([shown.getContent(), shown.getTitle()]).toEqual(['<p>hi</p><script></script>', '团队']);
    expect(() => HtmlService.createHtmlOutputFromFile('missing')).toThrow(/No HTML file/);
  });

  test('locks can be made unavailable', () => {
    fake = installFakeGas();
    expect(LockService.getDocumentLock().tryLock(1)).toBe(true);
    fake.lockAvailable = false;
    expect(LockService.getScriptLock().tryLock(1)).toBe(false);
  });
});

describe('rows and columns move with everything on them', () => {
  let fake: FakeGas;
  let sheet: GoogleAppsScript.Spreadsheet.Sheet;
  beforeEach(() => {
    fake = installFakeGas();
    sheet = SpreadsheetApp.getActiveSheet();
  });
  afterEach(() => fake.uninstall());

  /** Rows 1..n of column A get "r1".."rn" and the note "note r1"…. */
  const tagRows = (n: number): void => {
    const tags = Array.from({ length: n }, (_, i) => `r${i + 1}`);
    sheet.getRange(1, 1, n, 1).setValues(tags.map((t) => [t]));
    sheet.getRange(1, 1, n, 1).setNotes(tags.map((t) => [`note ${t}`]));
  };
  const column = (range: string): unknown[] =>
    sheet
      .getRange(range)
      .getValues()
      .map((row) => row[0]);

  test('moving rows 5–6 before row 2 carries their values, notes, formats, heights and hidden state', () => {
    tagRows(8);
    sheet.getRange('B5').setFormula('=A5*2');
    sheet.getRange('A6:C6').setBackground('#fff2cc');
    sheet.getRange('C5').setNumberFormat('yyyy-mm-dd');
    sheet.setRowHeight(5, 40);
    sheet.hideRows(6);
    sheet.hideRows(3);

    sheet.moveRows(sheet.getRange('A5:A6'), 2);

    expect(column('A1:A8')).toEqual(['r1', 'r5', 'r6', 'r2', 'r3', 'r4', 'r7', 'r8']);
    expect(
      sheet
        .getRange('A1:A8')
        .getNotes()
        .map((row) => row[0]),
    ).toEqual(['note r1', 'note r5', 'note r6', 'note r2', 'note r3', 'note r4', 'note r7', 'note r8']);
    expect(sheet.getRange('B2').getFormula()).toBe('=A5*2'); // formulas are kept as written, not re-pointed
    expect(sheet.getRange('A3:C3').getBackgrounds()).toEqual([['#fff2cc', '#fff2cc', '#fff2cc']]);
    expect(sheet.getRange('C2').getNumberFormat()).toBe('yyyy-mm-dd');
    expect([1, 2, 3, 4, 5].map((r) => sheet.getRowHeight(r))).toEqual([21, 40, 21, 21, 21]);
    expect([1, 2, 3, 4, 5, 6, 7, 8].filter((r) => sheet.isRowHiddenByUser(r))).toEqual([3, 5]);
  });

  test("destinationIndex counts rows before the move, as in the reference's example (rows 1–2 to 5 become rows 3–4)", () => {
    tagRows(6);
    sheet.moveRows(sheet.getRange('A1:A2'), 5);
    expect(column('A1:A6')).toEqual(['r3', 'r4', 'r1', 'r2', 'r5', 'r6']);
    sheet.moveRows(sheet.getRange('C6'), 1); // any cell of the row selects the whole row
    expect(column('A1:A6')).toEqual(['r6', 'r3', 'r4', 'r1', 'r2', 'r5']);
    sheet.moveRows(sheet.getRange('A2:A3'), 2); // onto itself: nothing moves
    expect(column('A1:A6')).toEqual(['r6', 'r3', 'r4', 'r1', 'r2', 'r5']);
    expect(() => sheet.moveRows(sheet.getRange('A2:A4'), 3)).toThrow(/inside/);
    expect(() => sheet.moveRows(sheet.getRange('A2'), 1002)).toThrow(/outside the sheet/);
  });

  test('inserted rows are blank, unformatted and shown; the rows below keep their cells, validations and hidden state', () => {
    tagRows(4);
    const dropdown = SpreadsheetApp.newDataValidation().requireValueInList(['待办', '已完成']).build();
    sheet.getRange('B3').setDataValidation(dropdown).setBackground('#d9ead3');
    sheet.hideRows(3);

    sheet.insertRowsBefore(3, 2);
    sheet.insertRowAfter(1);
    sheet.insertRowBefore(1);

    expect(column('A1:A9')).toEqual(['', 'r1', '', 'r2', '', '', 'r3', 'r4', '']);
    expect(sheet.getRange('B7').getDataValidation()?.getCriteriaValues()).toEqual([['待办', '已完成'], true]);
    expect(sheet.getRange('B5:B7').getBackgrounds()).toEqual([['#ffffff'], ['#ffffff'], ['#d9ead3']]);
    expect([1, 2, 3, 4, 5, 6, 7, 8].filter((r) => sheet.isRowHiddenByUser(r))).toEqual([7]);
    expect(sheet.getMaxRows()).toBe(1004);
    expect(() => sheet.insertRowsBefore(0, 1)).toThrow(/out of range/);
  });

  test('deleting a row above a merge shifts it; deleting rows takes their hidden state and heights with them', () => {
    tagRows(6);
    sheet.getRange('B4:C5').merge();
    sheet.hideRows(2);
    sheet.hideRows(6);
    sheet.setRowHeight(6, 33);
    sheet.deleteRow(2);
    expect(
      sheet
        .getRange('A1:D10')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['B3:C4']);
    expect(column('A1:A5')).toEqual(['r1', 'r3', 'r4', 'r5', 'r6']);
    expect([1, 2, 3, 4, 5].filter((r) => sheet.isRowHiddenByUser(r))).toEqual([5]);
    expect(sheet.getRowHeight(5)).toBe(33);
  });

  test('a move may not split a merged cell or land inside one', () => {
    tagRows(8);
    sheet.getRange('B3:B5').merge();
    expect(() => sheet.moveRows(sheet.getRange('A4:A6'), 1)).toThrow(/merged cells B3:B5/);
    expect(() => sheet.moveRows(sheet.getRange('A7'), 4)).toThrow(/merged cells B3:B5/);
    sheet.moveRows(sheet.getRange('A3:A5'), 8);
    expect(
      sheet
        .getRange('A1:C10')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['B5:B7']);
  });

  test('conditional-format ranges grow when rows are inserted inside them, shift with rows above and follow moved rows', () => {
    tagRows(10);
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=$A2="r3"')
      .setBackground('#f4cccc')
      .setRanges([sheet.getRange('A2:C6'), sheet.getRange('E2:E3')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    const ranges = (): string[][] => sheet.getConditionalFormatRules().map((r) => r.getRanges().map((range) => range.getA1Notation()));

    sheet.insertRowsAfter(3, 2); // inside A2:C6, below E2:E3
    expect(ranges()).toEqual([['A2:C8', 'E2:E3']]);
    sheet.insertRowsBefore(2, 1); // above both
    expect(ranges()).toEqual([['A3:C9', 'E3:E4']]);
    sheet.deleteRows(4, 1);
    expect(ranges()).toEqual([['A3:C8', 'E3']]);
    sheet.moveRows(sheet.getRange('A10'), 5); // a row moved into the middle joins the range
    expect(ranges()).toEqual([['A3:C9', 'E3']]);
    sheet.moveRows(sheet.getRange('A5'), 12); // a row moved out of it leaves it
    expect(ranges()).toEqual([['A3:C8', 'E3']]);
    sheet.moveRows(sheet.getRange('A8'), 4); // its last row moved up inside it: the range stays
    expect(ranges()).toEqual([['A3:C8', 'E3']]);
    sheet.deleteRows(3, 1);
    expect(ranges()).toEqual([['A3:C7']]); // the rule keeps the ranges that are left
    sheet.moveRows(sheet.getRange('A2:A9'), 12); // a range inside the moved rows travels with them
    expect(ranges()).toEqual([['A5:C9']]);
    expect(sheet.getConditionalFormatRules()[0].getBooleanCondition()?.getCriteriaValues()).toEqual(['=$A2="r3"']); // formula text is not rewritten
  });

  test('frozen rows count the rows inserted or deleted among them', () => {
    sheet.setFrozenRows(2);
    sheet.insertRowAfter(1);
    expect(sheet.getFrozenRows()).toBe(3);
    sheet.insertRowAfter(3);
    expect(sheet.getFrozenRows()).toBe(3);
    sheet.deleteRows(2, 3);
    expect(sheet.getFrozenRows()).toBe(1);
  });

  test('columns travel too: values, widths, hidden state and merges follow inserts, deletes and moves', () => {
    sheet.getRange('A1:E1').setValues([['a', 'b', 'c', 'd', 'e']]);
    sheet.setColumnWidth(2, 250);
    sheet.hideColumns(3);
    sheet.getRange('D2:E2').merge();

    sheet.insertColumnsBefore(2, 2);
    expect(sheet.getRange('A1:G1').getValues()).toEqual([['a', '', '', 'b', 'c', 'd', 'e']]);
    expect([sheet.getColumnWidth(4), sheet.isColumnHiddenByUser(5), sheet.isColumnHiddenByUser(3)]).toEqual([250, true, false]);
    expect(
      sheet
        .getRange('A1:H5')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['F2:G2']);

    sheet.deleteColumn(2);
    sheet.moveColumns(sheet.getRange('D1'), 1); // c to the front
    expect(sheet.getRange('A1:F1').getValues()).toEqual([['c', 'a', '', 'b', 'd', 'e']]);
    expect([sheet.getColumnWidth(4), sheet.isColumnHiddenByUser(1)]).toEqual([250, true]);
    expect(
      sheet
        .getRange('A1:H5')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['E2:F2']);
    expect(() => sheet.moveColumns(sheet.getRange('E1'), 1)).toThrow(/merged cells E2:F2/);
  });

  test('dropdowns that read a range on a sheet follow that range when its rows move', () => {
    const team = fake.seedSheet('团队', [['姓名'], ['小王'], ['小李']]);
    const rule = SpreadsheetApp.newDataValidation().requireValueInRange(team.getRange('A2:A3')).build();
    sheet.getRange('B2:B3').setDataValidation(rule);
    team.insertRowsBefore(1, 2);
    const source = sheet.getRange('B3').getDataValidation()?.getCriteriaValues()[0] as GoogleAppsScript.Spreadsheet.Range;
    expect([source.getSheet().getName(), source.getA1Notation()]).toEqual(['团队', 'A4:A5']);
  });

  test('a dropdown whose source rows are all deleted points at #REF!, and later changes to that sheet still work', () => {
    const team = fake.seedSheet('团队', [['姓名'], ['小王'], ['小李'], ['']]);
    sheet.getRange('B2').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInRange(team.getRange('A2:A3')).build());
    team.deleteRows(2, 2);
    expect(sheet.getRange('B2').getDataValidation()?.getCriteriaValues()[0]).toBe('#REF!');
    const rows = team.getMaxRows();
    team.insertRowsAfter(2, 5);
    expect(team.getMaxRows()).toBe(rows + 5);
  });
});

describe('hidden rows, copies, hidden sheets, filters and metadata', () => {
  let fake: FakeGas;
  let sheet: GoogleAppsScript.Spreadsheet.Sheet;
  beforeEach(() => {
    fake = installFakeGas();
    sheet = SpreadsheetApp.getActiveSheet();
  });
  afterEach(() => fake.uninstall());

  const hiddenRows = (n: number, by: 'user' | 'filter' = 'user'): number[] =>
    Array.from({ length: n }, (_, i) => i + 1).filter((r) => (by === 'user' ? sheet.isRowHiddenByUser(r) : sheet.isRowHiddenByFilter(r)));

  test('rows a person hid stay hidden until shown, by index or by range', () => {
    sheet.hideRows(2, 3);
    sheet.hideRow(sheet.getRange('B7:C8'));
    expect(hiddenRows(10)).toEqual([2, 3, 4, 7, 8]);
    sheet.showRows(3);
    sheet.unhideRow(sheet.getRange('A8'));
    expect(hiddenRows(10)).toEqual([2, 4, 7]);
    expect(hiddenRows(10, 'filter')).toEqual([]);
    expect(() => sheet.hideRows(1000, 2)).toThrow(/out of range/);
  });

  test('a copy of a sheet is independent of the original, named "Copy of …", last in the tab order and without the metadata', () => {
    sheet.setName('SOP');
    sheet.addDeveloperMetadata('sop-planner', '{"kind":"sop"}');
    sheet.getRange('5:5').addDeveloperMetadata('row-id', 'A-1');
    sheet.getRange('A1:B2').setValues([
      ['事项', '状态'],
      ['开营', '待办'],
    ]);
    sheet.getRange('A2').setNote('保留');
    sheet.getRange('B2').setBackground('#d9ead3');
    sheet.getRange('A4:B4').merge();
    sheet.hideRows(3);
    sheet.setFrozenRows(1);
    sheet.setConditionalFormatRules([
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied('=$B2="已完成"')
        .setFontColor('#999999')
        .setRanges([sheet.getRange('A2:B9')])
        .build(),
    ]);
    sheet
      .getRange('A1:B9')
      .createFilter()
      .setColumnFilterCriteria(2, SpreadsheetApp.newFilterCriteria().setHiddenValues(['已完成']).build());
    SpreadsheetApp.getActive().insertSheet('其他');

    const copy = sheet.copyTo(SpreadsheetApp.getActive());

    expect(
      SpreadsheetApp.getActive()
        .getSheets()
        .map((s) => s.getName()),
    ).toEqual(['SOP', '其他', 'Copy of SOP']);
    expect(SpreadsheetApp.getActiveSheet().getName()).toBe('其他');
    expect(copy.getRange('A1:B2').getValues()).toEqual([
      ['事项', '状态'],
      ['开营', '待办'],
    ]);
    expect([copy.getRange('A2').getNote(), copy.getRange('B2').getBackground(), copy.isRowHiddenByUser(3), copy.getFrozenRows()]).toEqual([
      '保留',
      '#d9ead3',
      true,
      1,
    ]);
    expect(
      copy
        .getRange('A1:C9')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A4:B4']);
    const copiedRule = copy.getConditionalFormatRules()[0].getRanges()[0];
    expect([copiedRule.getSheet().getName(), copiedRule.getA1Notation()]).toEqual(['Copy of SOP', 'A2:B9']);
    expect(copy.getFilter()?.getColumnFilterCriteria(2)?.getHiddenValues()).toEqual(['已完成']);
    expect([copy.getDeveloperMetadata(), copy.createDeveloperMetadataFinder().find()]).toEqual([[], []]);
    expect(copy.getSheetId()).not.toBe(sheet.getSheetId());

    copy.getRange('A2').setValue('改了').setNote(null);
    copy.deleteRows(3, 2);
    copy.getFilter()?.remove();
    expect([sheet.getRange('A2').getValue(), sheet.getRange('A2').getNote(), sheet.isRowHiddenByUser(3), sheet.getFilter() !== null]).toEqual([
      '开营',
      '保留',
      true,
      true,
    ]);
    expect(
      sheet
        .getRange('A1:C9')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A4:B4']);
    expect(sheet.getDeveloperMetadata().map((m) => m.getValue())).toEqual(['{"kind":"sop"}']);

    expect(sheet.copyTo(SpreadsheetApp.getActive()).getName()).toBe('Copy of SOP 2');
  });

  test('insertSheet with a template starts as a copy of it, in every documented argument order', () => {
    sheet.getRange('A1').setValue('模板').setNote('说明');
    const book = SpreadsheetApp.getActive();
    const named = book.insertSheet('新表', 0, { template: sheet });
    const unnamed = book.insertSheet({ template: sheet });
    expect(book.getSheets().map((s) => s.getName())).toEqual(['新表', 'Sheet1', 'Sheet3']);
    expect([named.getRange('A1').getValue(), named.getRange('A1').getNote(), unnamed.getRange('A1').getValue()]).toEqual(['模板', '说明', '模板']);
  });

  test('a hidden sheet is still listed and can be shown again; the only visible sheet cannot be hidden', () => {
    const old = SpreadsheetApp.getActive().insertSheet('SOP (旧版 2026-12-03)');
    expect(old.hideSheet().isSheetHidden()).toBe(true);
    expect(
      SpreadsheetApp.getActive()
        .getSheets()
        .map((s) => [s.getName(), s.isSheetHidden()]),
    ).toEqual([
      ['Sheet1', false],
      ['SOP (旧版 2026-12-03)', true],
    ]);
    expect(() => sheet.hideSheet()).toThrow(/only visible sheet/);
    old.showSheet();
    sheet.hideSheet();
    expect([sheet.isSheetHidden(), old.isSheetHidden()]).toEqual([true, false]);
  });

  test('a filter hides rows whose status is 已完成 and follows the rows when they move', () => {
    sheet.getRange('A1:B6').setValues([
      ['事项', '状态'],
      ['开营', '已完成'],
      ['破冰', '待办'],
      ['直播', '已完成'],
      ['答疑', '进行中'],
      ['已完成', '已完成'], // the header never hides, whatever it says
    ]);
    sheet.getRange('B1').setValue('已完成');
    const filter = sheet.getRange('A1:B6').createFilter();
    filter.setColumnFilterCriteria(2, SpreadsheetApp.newFilterCriteria().setHiddenValues(['已完成']).build());
    expect(hiddenRows(8, 'filter')).toEqual([2, 4, 6]);
    expect(hiddenRows(8, 'user')).toEqual([]);

    sheet.getRange('B3').setValue('已完成');
    sheet.getRange('B2').setValue('待办');
    expect(hiddenRows(8, 'filter')).toEqual([3, 4, 6]);

    sheet.moveRows(sheet.getRange('A4'), 2);
    expect(sheet.getRange('A2:A4').getValues()).toEqual([['直播'], ['开营'], ['破冰']]);
    expect(hiddenRows(8, 'filter')).toEqual([2, 4, 6]);

    sheet.insertColumnBefore(1);
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('B1:C6');
    expect(sheet.getFilter()?.getColumnFilterCriteria(3)?.getHiddenValues()).toEqual(['已完成']);
    expect(hiddenRows(8, 'filter')).toEqual([2, 4, 6]);

    sheet.insertRowsAfter(3, 2);
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('B1:C8');
    expect(hiddenRows(10, 'filter')).toEqual([2, 6, 8]);

    expect(() => sheet.getRange('A1:A3').createFilter()).toThrow(/already has a filter/);
    expect(() => sheet.getFilter()?.setColumnFilterCriteria(5, null)).toThrow(/outside the filter's range B1:C8/);
    sheet.getFilter()?.remove();
    expect([sheet.getFilter(), hiddenRows(10, 'filter')]).toEqual([null, []]);
    expect(() => filter.remove()).toThrow(/removed/);
  });

  test('filter conditions show only the rows that meet them', () => {
    sheet.getRange('A1:B5').setValues([
      ['负责人', '人数'],
      ['林晓', 120],
      ['小王', 80],
      ['', 300],
      ['林晓', 40],
    ]);
    const filter = sheet.getRange('A1:B5').createFilter();
    filter.setColumnFilterCriteria(1, SpreadsheetApp.newFilterCriteria().whenTextEqualTo('林晓').build());
    expect(hiddenRows(5, 'filter')).toEqual([3, 4]);
    filter.setColumnFilterCriteria(2, SpreadsheetApp.newFilterCriteria().whenNumberGreaterThan(100).build());
    expect(hiddenRows(5, 'filter')).toEqual([3, 4, 5]);
    filter.removeColumnFilterCriteria(1).setColumnFilterCriteria(2, null);
    filter.setColumnFilterCriteria(1, SpreadsheetApp.newFilterCriteria().whenCellEmpty().build());
    expect(hiddenRows(5, 'filter')).toEqual([2, 3, 5]);
    const criteria = filter.getColumnFilterCriteria(1);
    expect([criteria?.getCriteriaType(), criteria?.getCriteriaValues(), criteria?.copy().whenTextContains('晓').build().getCriteriaValues()]).toEqual([
      'CELL_EMPTY',
      [],
      ['晓'],
    ]);
  });

  test("a tab's marker value can be updated, survives renames, and a row's metadata follows its row and goes with it", () => {
    sheet.addDeveloperMetadata('sop-planner', 'v1');
    const marker = SpreadsheetApp.getActive().createDeveloperMetadataFinder().withKey('sop-planner').find()[0];
    marker.setValue('v2');
    sheet.setName('改名了');
    expect(sheet.getDeveloperMetadata().map((m) => [m.getKey(), m.getValue(), m.getLocation().getSheet()?.getName()])).toEqual([
      ['sop-planner', 'v2', '改名了'],
    ]);

    sheet.getRange('3:3').addDeveloperMetadata('row-id', 'A-3');
    sheet.getRange('C:C').addDeveloperMetadata('column', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    expect(() => sheet.getRange('A3:B3').addDeveloperMetadata('row-id', 'x')).toThrow(/arbitrary ranges/);

    sheet.moveRows(sheet.getRange('A3'), 1);
    sheet.insertColumnsBefore(1, 2);
    const row = sheet.createDeveloperMetadataFinder().withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.ROW).find()[0];
    expect([row.getValue(), row.getLocation().getLocationType(), row.getLocation().getSheet(), row.getLocation().getRow()?.getA1Notation()]).toEqual([
      'A-3',
      'ROW',
      null,
      'A1:AB1',
    ]);
    expect(
      sheet
        .getRange('1:1')
        .getDeveloperMetadata()
        .map((m) => m.getKey()),
    ).toEqual(['row-id']);
    const column = sheet.createDeveloperMetadataFinder().withKey('column').find()[0];
    expect([column.getValue(), column.getVisibility(), column.getLocation().getColumn()?.getA1Notation()]).toEqual([null, 'PROJECT', 'E1:E1000']);
    expect(SpreadsheetApp.getActive().createDeveloperMetadataFinder().withId(row.getId()).find()).toEqual([row]);

    sheet.deleteRow(1);
    expect(sheet.createDeveloperMetadataFinder().withKey('row-id').find()).toEqual([]);
    marker.remove();
    expect(sheet.getDeveloperMetadata()).toEqual([]);
  });

  test('the new methods are recorded like the others, and inspect() stays unrecorded', () => {
    sheet.getRange('A1:A3').setValues([['状态'], ['已完成'], ['待办']]);
    fake.resetCalls();
    sheet.insertRowsBefore(2, 1);
    sheet.moveRows(sheet.getRange('A4'), 2);
    const criteria = SpreadsheetApp.newFilterCriteria().setHiddenValues(['已完成']).build();
    sheet.getRange('A1:A4').createFilter().setColumnFilterCriteria(1, criteria);
    sheet.isRowHiddenByFilter(3);
    sheet.copyTo(SpreadsheetApp.getActive()).hideSheet();
    expect(fake.calls.map((call) => call.method)).toEqual([
      'Sheet.insertRowsBefore',
      'Sheet.getRange',
      'Sheet.moveRows',
      'SpreadsheetApp.newFilterCriteria',
      'FilterCriteriaBuilder.setHiddenValues',
      'FilterCriteriaBuilder.build',
      'Sheet.getRange',
      'Range.createFilter',
      'Filter.setColumnFilterCriteria',
      'Sheet.isRowHiddenByFilter',
      'SpreadsheetApp.getActive',
      'Sheet.copyTo',
      'Sheet.hideSheet',
    ]);
    expect(fake.callsTo('Filter.setColumnFilterCriteria')[0].args).toEqual([1, criteria]);
    const raw = fake.inspect('Sheet1');
    raw.moveRows(raw.getRange('A4'), 2);
    expect([raw.isRowHiddenByFilter(2), raw.getFilter()?.getRange().getA1Notation(), fake.inspect('Copy of Sheet1').isSheetHidden()]).toEqual([
      true,
      'A1:A4',
      true,
    ]);
    expect(fake.callCount).toBe(13);
  });

  test('random inserts, deletes and moves of rows keep each tagged row together (value, note, hidden) in the order an array model predicts', () => {
    type Row = { tag: string; hidden: boolean } | null;
    const op = fc.record({ kind: fc.constantFrom('insert', 'delete', 'move'), a: fc.nat(), b: fc.nat(), c: fc.nat() });
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 2, maxLength: 12 }), fc.array(op, { maxLength: 12 }), (hidden, ops) => {
        const local = new FakeGas();
        const s = local.inspect('Sheet1');
        s.deleteRows(hidden.length + 1, s.getMaxRows() - hidden.length);
        let model: Row[] = hidden.map((h, i) => ({ tag: `t${i}`, hidden: h }));
        s.getRange(1, 1, model.length, 1).setValues(model.map((row) => [row?.tag]));
        s.getRange(1, 2, model.length, 1).setNotes(model.map((row) => [`n${row?.tag}`]));
        model.forEach((row, i) => row?.hidden && s.hideRows(i + 1));

        for (const { kind, a, b, c } of ops) {
          const n = model.length;
          if (kind === 'insert') {
            const after = a % (n + 1);
            const count = 1 + (b % 3);
            if (after === 0) s.insertRowsBefore(1, count);
            else if (count === 1 && c % 2 === 0) s.insertRowAfter(after);
            else s.insertRowsAfter(after, count);
            model = [...model.slice(0, after), ...new Array<Row>(count).fill(null), ...model.slice(after)];
          } else if (kind === 'delete' && n > 1) {
            const from = 1 + (a % n);
            const count = 1 + (b % Math.min(3, n - from + 1, n - 1));
            s.deleteRows(from, count);
            model = [...model.slice(0, from - 1), ...model.slice(from - 1 + count)];
          } else if (kind === 'move') {
            const from = 1 + (a % n);
            const count = 1 + (b % Math.min(3, n - from + 1));
            const to = 1 + (c % (n + 1));
            if (to > from && to < from + count) continue;
            s.moveRows(s.getRange(from, 3, count, 1), to);
            const block = model.slice(from - 1, from - 1 + count);
            const rest = [...model.slice(0, from - 1), ...model.slice(from - 1 + count)];
            const at = to <= from ? to - 1 : to - 1 - count;
            model = [...rest.slice(0, at), ...block, ...rest.slice(at)];
          }
        }

        expect(s.getMaxRows()).toBe(model.length);
        const values = s.getRange(1, 1, model.length, 2);
        expect(values.getValues().map((row) => row[0])).toEqual(model.map((row) => row?.tag ?? ''));
        expect(values.getNotes().map((row) => row[1])).toEqual(model.map((row) => (row ? `n${row.tag}` : '')));
        expect(model.map((_, i) => s.isRowHiddenByUser(i + 1))).toEqual(model.map((row) => row?.hidden ?? false));
      }),
      { numRuns: 100 },
    );
  });
});
