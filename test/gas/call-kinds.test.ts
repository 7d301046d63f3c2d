/** The kinds of Apps Script calls (call-kinds.ts) and how the fake meters reads, writes and round trips. */
import { CallKind, callKind, classifiedMethods } from './call-kinds';
import * as F from './fake-spreadsheet';
import { gasSignatures } from './gas-signatures';

/** The fake's classes and the methods each defines on its prototypes ("_" plumbing left out). */
function fakeMethods(): string[] {
  const fakes = Object.entries(F).filter(
    (entry): entry is [string, new (...args: never[]) => F.FakeObject] =>
      /^Fake[A-Z]/.test(entry[0]) && typeof entry[1] === 'function' && entry[1].prototype instanceof F.FakeObject,
  );
  return fakes.flatMap(([name, cls]) => {
    const methods = new Set<string>();
    for (let proto = cls.prototype as object; proto !== F.FakeObject.prototype; proto = Object.getPrototypeOf(proto) as object) {
      for (const method of Object.getOwnPropertyNames(proto)) {
        if (method !== 'constructor' && !method.startsWith('_') && typeof Object.getOwnPropertyDescriptor(proto, method)?.value === 'function')
          methods.add(method);
      }
    }
    return [...methods].map((method) => `${name.replace(/^Fake/, '')}.${method}`);
  });
}

describe('call kinds', () => {
  test('every method the fake defines has a kind', () => {
    const methods = fakeMethods();
    expect(methods.length).toBeGreaterThan(200);
    const unclassified = methods.filter((method) => {
      try {
        callKind(method);
        return false;
      } catch {
        return true;
      }
    });
    expect(unclassified).toEqual([]);
  });

  test('an unknown method throws, so that a new one is classified on purpose', () => {
    expect(() => callKind('Range.setValuez')).toThrow('Range.setValuez: no call kind; classify it in test/gas/call-kinds.ts');
    expect(() => callKind('setValues')).toThrow(/no call kind/);
  });

  test('every classified method is a method of its Apps Script interface', () => {
    const { interfaces } = gasSignatures();
    const unknown = classifiedMethods().filter((key) => {
      const [api, method] = (F.SIGNATURE_OF[key] ?? key).split('.');
      return !interfaces.get(api)?.has(method);
    });
    expect(unknown).toEqual([]);
  });

  test.each<[string, CallKind]>([
    ['Sheet.getRange', 'handle'],
    ['Sheet.getRangeList', 'handle'],
    ['Range.offset', 'handle'],
    ['Range.getCell', 'handle'],
    ['Range.getSheet', 'handle'],
    ['SpreadsheetApp.getActiveSpreadsheet', 'handle'],
    ['SpreadsheetApp.getUi', 'handle'],
    ['DeveloperMetadata.getLocation', 'handle'],
    ['SpreadsheetApp.newConditionalFormatRule', 'builder'],
    ['SpreadsheetApp.newDataValidation', 'builder'],
    ['SpreadsheetApp.newFilterCriteria', 'builder'],
    ['SpreadsheetApp.newTextStyle', 'builder'],
    ['DataValidationBuilder.requireValueInList', 'builder'],
    ['BooleanCondition.getBackground', 'builder'],
    ['FilterCriteria.getHiddenValues', 'builder'],
    ['ConditionalFormatRule.getRanges', 'builder'],
    ['Sheet.newChart', 'builder'],
    ['EmbeddedChartBuilder.build', 'builder'],
    ['Lock.tryLock', 'service'],
    ['Utilities.formatDate', 'service'],
    ['Properties.getProperty', 'service'],
    ['Session.getActiveUserLocale', 'service'],
    ['HtmlService.createHtmlOutput', 'service'],
    ['Ui.alert', 'service'],
    ['Menu.addItem', 'service'],
    ['SpreadsheetApp.flush', 'service'],
    ['Range.setValues', 'write'],
    ['Sheet.insertRowsAfter', 'write'],
    ['Sheet.deleteRows', 'write'],
    ['Range.clear', 'write'],
    ['Sheet.copyTo', 'write'],
    ['Sheet.hideSheet', 'write'],
    ['Sheet.showSheet', 'write'],
    ['Sheet.activate', 'write'],
    ['Spreadsheet.setActiveSheet', 'write'],
    ['Sheet.addDeveloperMetadata', 'write'],
    ['DeveloperMetadata.setValue', 'write'],
    ['DeveloperMetadata.remove', 'write'],
    ['Range.merge', 'write'],
    ['Range.breakApart', 'write'],
    ['Sheet.autoResizeColumns', 'write'],
    ['Range.createFilter', 'write'],
    ['Filter.setColumnFilterCriteria', 'write'],
    ['Filter.remove', 'write'],
    ['Sheet.insertChart', 'write'],
    ['Sheet.updateChart', 'write'],
    ['Sheet.removeChart', 'write'],
    ['Spreadsheet.getSheets', 'read'],
    ['Spreadsheet.getSheetByName', 'read'],
    ['Sheet.getDataRange', 'read'],
    ['Sheet.getMaxRows', 'read'],
    ['Sheet.getLastRow', 'read'],
    ['Sheet.getName', 'read'],
    ['Sheet.getSheetId', 'read'],
    ['Sheet.isSheetHidden', 'read'],
    ['DeveloperMetadataFinder.find', 'read'],
    ['Sheet.getConditionalFormatRules', 'read'],
    ['Range.getDataValidations', 'read'],
    ['Range.getValues', 'read'],
    ['Range.getFormulas', 'read'],
    ['Range.getNotes', 'read'],
    ['Range.getNumberFormats', 'read'],
    ['Filter.getRange', 'read'],
    ['Sheet.getCharts', 'read'],
  ])('%s is a %s', (method, kind) => {
    expect(callKind(method)).toBe(kind);
  });
});

describe('metering', () => {
  let fake: F.FakeGas;
  let sheet: GoogleAppsScript.Spreadsheet.Sheet;
  let range: GoogleAppsScript.Spreadsheet.Range;
  beforeEach(() => {
    fake = F.installFakeGas();
    sheet = fake.spreadsheet.getSheets()[0];
    range = sheet.getRange('A1:B2');
    fake.resetCalls();
  });
  afterEach(() => fake.uninstall());

  const write = (): unknown => range.setBackground('#ff0000');
  const read = (): unknown => range.getValues();
  const flush = (): void => SpreadsheetApp.flush();

  test.each<[string, (() => unknown)[], number]>([
    ['write, write, read', [write, write, read], 1],
    ['read, read', [read, read], 0],
    ['write, flush, read', [write, flush, read], 1],
    ['write, flush, flush', [write, flush, flush], 1],
    ['flush alone', [flush], 0],
    ['write, read, write, read', [write, read, write, read], 2],
    ['write, read, read', [write, read, read], 1],
    ['writes left pending at the end', [read, write, write], 0],
  ])('%s: round trips', (_, steps, roundTrips) => {
    for (const step of steps) step();
    expect(fake.roundTrips).toBe(roundTrips);
  });

  test('handles, builders and services neither count as document calls nor send queued writes', () => {
    write();
    sheet.getRange('C3');
    SpreadsheetApp.newDataValidation().requireCheckbox().build();
    Utilities.formatDate(new Date(0), 'UTC', 'yyyy');
    LockService.getDocumentLock().tryLock(10);
    expect(fake.costSummary()).toEqual({ calls: 8, reads: 0, writes: 1, documentCalls: 1, roundTrips: 0 });
    read();
    expect(fake.costSummary()).toEqual({ calls: 9, reads: 1, writes: 1, documentCalls: 2, roundTrips: 1 });
  });

  test('resetCalls forgets calls, counts and queued writes', () => {
    write();
    read();
    write();
    expect(fake.costSummary()).toEqual({ calls: 3, reads: 1, writes: 2, documentCalls: 3, roundTrips: 1 });
    fake.resetCalls();
    expect(fake.costSummary()).toEqual({ calls: 0, reads: 0, writes: 0, documentCalls: 0, roundTrips: 0 });
    read();
    expect(fake.roundTrips).toBe(0);
    expect([fake.reads, fake.writes, fake.documentCalls]).toEqual([1, 0, 1]);
  });

  test('each recorded call has its kind, and still compares equal to { method, args }', () => {
    write();
    read();
    flush();
    expect(fake.calls.map((call) => [call.method, call.kind])).toEqual([
      ['Range.setBackground', 'write'],
      ['Range.getValues', 'read'],
      ['SpreadsheetApp.flush', 'service'],
    ]);
    expect(fake.calls[0]).toEqual({ method: 'Range.setBackground', args: ['#ff0000'] });
    expect(fake.callsTo('Range.getValues')).toHaveLength(1);
    expect(fake.callCount).toBe(3);
  });

  test("JavaScript's own methods are not Apps Script calls: neither recorded nor classified", () => {
    expect(String(range)).toBe('[object Object]');
    expect(range.toString()).toBe('[object Object]');
    expect(fake.callCount).toBe(0);
  });

  test('calls on raw objects (inspect) are neither recorded nor metered', () => {
    write();
    fake.inspect(sheet).getRange('A1').getValues();
    expect(fake.costSummary()).toEqual({ calls: 1, reads: 0, writes: 1, documentCalls: 1, roundTrips: 0 });
  });
});
