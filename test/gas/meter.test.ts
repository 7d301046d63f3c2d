/** The self-test's meter in Sheets: what it counts as reads, writes and round trips, and that Apps Script never sees its wrappers. */
import { raw, SheetsMeter } from '../../src/gas/meter';
import { installFakeGas, type FakeGas } from './fake-spreadsheet';

let fake: FakeGas;
afterEach(() => fake.uninstall());

describe('the meter', () => {
  test('counts reads and writes on the spreadsheet, its sheets, ranges and metadata searches; handles and coordinates are free', () => {
    fake = installFakeGas({ sheetNames: ['A'] });
    const meter = new SheetsMeter();
    const spreadsheet = meter.wrap(fake.spreadsheet);
    const { calls, result } = meter.measure(() => {
      const sheet = spreadsheet.getSheetByName('A')!; // read
      const range = sheet.getRange(1, 1, 2, 2); // handle
      range.getNumRows(); // a coordinate
      range.setValues([
        [1, 2],
        [3, 4],
      ]); // write
      const values = range.getValues(); // read, after a write: a round trip
      spreadsheet.createDeveloperMetadataFinder().withKey('x').find(); // one read
      sheet.setFrozenRows(1); // write, still pending at the end: the closing flush is a round trip
      return values;
    });
    expect(result).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(calls).toEqual({ reads: 3, writes: 2, roundTrips: 2 });
  });

  test('hands Apps Script the objects themselves, never its wrappers', () => {
    fake = installFakeGas({ sheetNames: ['A', 'B'] });
    const meter = new SheetsMeter();
    const sheet = meter.wrap(fake.spreadsheet).getSheetByName('A')!;
    const range = sheet.getRange('A1:A3');
    expect(raw(range)).not.toBe(range);
    expect(raw([range])[0]).toBe(raw(range));
    // A wrapper passed to a wrapped call arrives unwrapped: the fake would refuse a foreign object.
    sheet.moveRows(sheet.getRange(2, 1, 1, 1), 1);
    const rule = SpreadsheetApp.newDataValidation().requireValueInRange(raw(range), true).build();
    sheet.getRange('B1').setDataValidation(rule);
    expect(fake.inspect('A').getRange('B1').getDataValidation()).not.toBeNull();
  });
});
