import vm from 'node:vm';
import { FakeGas, formatInZone, installFakeGas } from './fake-spreadsheet';

describe('the recording fake', () => {
  let fake: FakeGas;
  afterEach(() => fake?.uninstall());

  test('is installed on globalThis for a test and removed after', () => {
    expect('SpreadsheetApp' in globalThis).toBe(false);
    fake = installFakeGas();
    expect(SpreadsheetApp.getActiveSpreadsheet().getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
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
    expect(fake.calls[3]).toEqual({ method: 'Range.setValues', args: [[[1, 2], [3, 4]]] });
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
    expect(sheet.getRange('A1:C20').getMergedRanges().map((r) => r.getA1Notation())).toEqual(['B7:B9']);
    sheet.deleteRows(6, 2);
    expect(sheet.getRange('A6').getValue()).toBe('x');
    expect(sheet.getRange('A1:C20').getMergedRanges().map((r) => r.getA1Notation())).toEqual(['B6:B7']);
    expect(sheet.getMaxRows()).toBe(1001);
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
