/**
 * The run-time side of the fake's conformance: every call made through the fake is checked against
 * the signatures in @types/google-apps-script (gas-signatures.ts), and the fake refuses what passes
 * Sheets' limits. Each kind of violation is caught here, with an error naming the call.
 */
import { FakeGas, installFakeGas } from './fake-spreadsheet';
import { callMisfit, gasSignatures, overloadText } from './gas-signatures';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Lets a test make a call the typings refuse, as untyped code (or a cast) would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = <T>(value: T): any => value;

describe('the signature table', () => {
  const overloads = (key: string): string[] => {
    const [api, method] = key.split('.');
    return (gasSignatures().interfaces.get(api)?.get(method) ?? []).map(overloadText);
  };

  test('reads overloads, argument counts and parameter types from the typings', () => {
    expect(overloads('Sheet.getRange')).toEqual([
      '(row: number, column: number)',
      '(row: number, column: number, numRows: number)',
      '(row: number, column: number, numRows: number, numColumns: number)',
      '(a1Notation: string)',
    ]);
    expect(overloads('Range.setValues')).toEqual(['(values: array-of-arrays)']);
    expect(overloads('Range.setFontWeights')).toEqual(['(fontWeights: array-of-arrays)']);
    expect(overloads('Range.setFontWeight')).toEqual(['(fontWeight: "normal" | "bold" | null)']);
    expect(overloads('Sheet.addDeveloperMetadata')).toContain('(key: string, value: string, visibility: DeveloperMetadataVisibility)');
    expect(overloads('Utilities.formatDate')).toEqual(['(date: Date, timeZone: string, format: string)']);
    expect(overloads('Spreadsheet.toast')).toContain('(msg: string, title: string, timeoutSeconds: number | null)');
    expect(overloads('Spreadsheet.insertSheet')).toContain('(sheetName: string, sheetIndex: number, options: object)');
    expect(overloads('Ui.showSidebar')).toEqual(['(userInterface: HtmlOutput)']);
    expect(overloads('DataValidationBuilder.requireValueInList')).toEqual(['(values: array)', '(values: array, showDropdown: boolean)']);
  });

  test('reads enums with their members, and what an interface extends', () => {
    const { enums, ancestors, interfaces } = gasSignatures();
    expect(enums.get('WrapStrategy')).toEqual(['WRAP', 'OVERFLOW', 'CLIP']);
    expect(enums.get('DeveloperMetadataVisibility')).toEqual(['DOCUMENT', 'PROJECT']);
    expect([...(ancestors.get('Blob') ?? [])]).toEqual(['BlobSource']);
    expect(interfaces.get('Blob')?.has('getAs')).toBe(true);
  });

  test('a method the typings lack is named as such', () => {
    expect(callMisfit('Range.setValuez', [], () => null)).toBe('Range.setValuez: not a method of Range in @types/google-apps-script');
  });
});

describe('every call through the fake is checked', () => {
  let fake: FakeGas;
  let sheet: Sheet;
  beforeEach(() => {
    fake = installFakeGas();
    sheet = fake.spreadsheet.getSheets()[0];
  });
  afterEach(() => fake.uninstall());

  test('is on by default under Jest', () => {
    expect(fake.checkCalls).toBe(true);
  });

  test('the argument count fits an overload', () => {
    expect(() => loose(sheet).getRange()).toThrow(/^Sheet\.getRange: 0 arguments; Apps Script takes \(row: number, column: number\) or /);
    expect(() => loose(sheet).getRange(1, 1, 1, 1, 1)).toThrow(/^Sheet\.getRange: 5 arguments/);
    expect(() => loose(sheet.getRange('A1')).setValues()).toThrow('Range.setValues: 0 arguments; Apps Script takes (values: array-of-arrays)');
  });

  test('primitive arguments have the right type', () => {
    expect(() => loose(sheet).setFrozenRows('2')).toThrow(
      'Sheet.setFrozenRows: no overload takes these arguments; (rows: number): argument 1 (rows) is string "2"',
    );
    expect(() => loose(sheet).getRange('A1', 2)).toThrow(/^Sheet\.getRange: no overload takes these arguments; .*argument 1 \(row\) is string "A1"/);
    expect(() => sheet.getRange(NaN, 1)).toThrow(/argument 1 \(row\) is NaN \(not a finite number\)/);
    expect(() => loose(sheet).hideColumns(1, true)).toThrow(/argument 2 \(numColumns\) is boolean true/);
    expect(() => loose(Utilities).formatDate('2026-01-01', 'UTC', 'yyyy')).toThrow(/^Utilities\.formatDate: .*argument 1 \(date\) is string "2026-01-01"/);
    expect(() => loose(sheet.getRange('A1')).setNumberFormat(null)).toThrow(/^Range\.setNumberFormat: .*argument 1 \(numberFormat\) is null/);
    expect(() => loose(sheet).getRange(1, undefined)).toThrow(/argument 2 \(column\) is undefined/);
    expect(() => loose(sheet.getRange('A1')).setValues([1, 2])).toThrow(/^Range\.setValues: .*argument 1 \(values\) is an array/);
    expect(() => loose(sheet).setFrozenRows(1)).not.toThrow();
  });

  test('enum and literal arguments are one of their values (the fake gives enum values as their names)', () => {
    expect(() => loose(sheet).addDeveloperMetadata('key', 'value', 'PUBLIC')).toThrow(
      'Sheet.addDeveloperMetadata: no overload takes these arguments; (key: string, value: string, visibility: DeveloperMetadataVisibility): argument 3 (visibility) is "PUBLIC" (not a DeveloperMetadataVisibility: DOCUMENT, PROJECT)',
    );
    expect(() => loose(SpreadsheetApp.getUi()).alert('title', 'message', 'OKAY')).toThrow(
      /^Ui\.alert: .*"OKAY" \(not a ButtonSet: OK, OK_CANCEL, YES_NO, YES_NO_CANCEL\)/,
    );
    expect(() => loose(sheet.createDeveloperMetadataFinder()).withLocationType(1)).toThrow(/argument 1 \(locationType\) is number 1/);
    expect(() => loose(sheet.getRange('A1')).setFontWeight('heavy')).toThrow(/^Range\.setFontWeight: .*"heavy" \(not one of "normal", "bold"\)/);
    sheet.addDeveloperMetadata('key', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    sheet.getRange('A1').setFontWeight('bold');
    SpreadsheetApp.getUi().alert('title', 'message', SpreadsheetApp.getUi().ButtonSet.OK);
  });

  test('object arguments are the Apps Script object the parameter names', () => {
    expect(() => loose(fake.spreadsheet).setActiveSheet(sheet.getRange('A1'))).toThrow(
      /^Spreadsheet\.setActiveSheet: .*argument 1 \(sheet\) is a Range, not a Sheet/,
    );
    expect(() => loose(SpreadsheetApp.newDataValidation()).requireValueInRange('A1:A3')).toThrow(/argument 1 \(range\) is string "A1:A3"/);
    fake.spreadsheet.setActiveSheet(sheet);
  });

  test('the one call the fake checks against another interface names itself', () => {
    expect(() => loose(sheet.newChart()).setTitle(5)).toThrow(/^EmbeddedChartBuilder\.setTitle: .*argument 1 \(chartTitle\) is number 5/);
  });

  test('checking can be turned off', () => {
    const unchecked = new FakeGas({ checkCalls: false });
    expect(() => loose(unchecked.spreadsheet.getSheets()[0]).setFrozenRows(true)).not.toThrow();
  });
});

describe("Sheets' rules and limits, naming the call", () => {
  let fake: FakeGas;
  let sheet: Sheet;
  beforeEach(() => {
    fake = installFakeGas();
    sheet = fake.spreadsheet.getSheets()[0];
  });
  afterEach(() => fake.uninstall());

  test("a matrix is the range's rows × columns, for every Range setter that takes one", () => {
    const range = sheet.getRange('A1:C3');
    const matrix = (rows: number, cols: number, value: unknown): unknown[][] => Array.from({ length: rows }, () => new Array<unknown>(cols).fill(value));
    expect(() => range.setValues(matrix(3, 2, 1))).toThrow(/^Range\.setValues: 3×2 matrix for a 3×3 range\. The number of columns in the data/);
    expect(() => range.setValues(matrix(2, 3, 1))).toThrow(/^Range\.setValues: 2×3 matrix for a 3×3 range\. The number of rows in the data/);
    expect(() =>
      range.setValues([
        [1, 2, 3],
        [1, 2],
        [1, 2, 3],
      ]),
    ).toThrow(/^Range\.setValues: 3×2 matrix for a 3×3 range/);

    // Every setter of the fake's Range whose parameter is a matrix in the typings.
    const { interfaces } = gasSignatures();
    const setters = [...(interfaces.get('Range') ?? [])]
      .filter(
        ([method, overloads]) =>
          typeof (range as unknown as Record<string, unknown>)[method] === 'function' &&
          overloads.some((o) => o.params[0]?.types[0]?.kind === 'array-of-arrays'),
      )
      .map(([method]) => method);
    expect(setters).toEqual(
      expect.arrayContaining(['setValues', 'setFormulas', 'setNotes', 'setNumberFormats', 'setBackgrounds', 'setFontColors', 'setFontWeights']),
    );
    const samples: Record<string, unknown> = {
      setFontSizes: 12,
      setWraps: true,
      setWrapStrategies: 'WRAP',
      setFontWeights: 'bold',
      setFontStyles: 'italic',
      setFontLines: 'underline',
      setHorizontalAlignments: 'center',
      setVerticalAlignments: 'middle',
      setTextStyles: SpreadsheetApp.newTextStyle().setBold(true).build(),
      setDataValidations: null,
    };
    for (const method of setters) {
      const call = (rows: number, cols: number): unknown => loose(range)[method](matrix(rows, cols, method in samples ? samples[method] : ''));
      expect(() => call(3, 2)).toThrow(`Range.${method}: 3×2 matrix for a 3×3 range`);
      expect(() => call(4, 3)).toThrow(`Range.${method}: 4×3 matrix for a 3×3 range`);
      expect(() => call(3, 3)).not.toThrow();
    }
  });

  test('ranges lie inside the sheet', () => {
    expect(() => sheet.getRange(1001, 1)).toThrow(/outside the dimensions/);
    expect(() => sheet.getRange('A1:AA1')).toThrow(/outside the dimensions/);
    expect(() => sheet.getRange(1, 1, 1, 27)).toThrow(/outside the dimensions/);
  });

  test('a sheet name has at most 100 characters, and is unique regardless of case', () => {
    const long = '长'.repeat(101);
    expect(() => fake.spreadsheet.insertSheet(long)).toThrow(/^Spreadsheet\.insertSheet: a sheet name has at most 100 characters; .* has 101/);
    expect(() => sheet.setName(long)).toThrow(/^Sheet\.setName: a sheet name has at most 100 characters/);
    fake.spreadsheet.insertSheet('长'.repeat(100));
    expect(() => fake.spreadsheet.insertSheet('SHEET1')).toThrow(/already exists/);
    const other = fake.spreadsheet.insertSheet('Other');
    expect(() => other.setName('sheet1')).toThrow(/already exists/);
    other.setName('OTHER');
  });

  test('a value, formula or note has at most 50,000 characters', () => {
    const cell = sheet.getRange('B2');
    const long = 'x'.repeat(50_001);
    expect(() => cell.setValue(long)).toThrow(
      /^Range\.setValue: B2 would hold 50001 characters\. Your input contains more than the maximum of 50000 characters/,
    );
    expect(() => cell.setValues([[long]])).toThrow(/^Range\.setValues: B2 would hold 50001/);
    expect(() => cell.setFormula(`=${long}`)).toThrow(/^Range\.setFormula: B2 would hold 50002/);
    expect(() => cell.setNote(long)).toThrow(/^Range\.setNote: B2 would hold 50001/);
    cell.setValue('x'.repeat(50_000));
    cell.setNote('x'.repeat(50_000));
  });

  test('a sheet has at most 18,278 columns', () => {
    sheet.deleteRows(2, 999);
    sheet.insertColumnsAfter(26, 18_278 - 26);
    expect(sheet.getMaxColumns()).toBe(18_278);
    expect(() => sheet.insertColumnsAfter(1, 1)).toThrow('Sheet.insertColumnsAfter: a sheet has at most 18278 columns; this would make 18279');
    expect(() => sheet.insertColumnBefore(1)).toThrow(/^Sheet\.insertColumnBefore: a sheet has at most 18278 columns/);
  });

  test('a spreadsheet holds at most 10,000,000 cells (lowered here to 30,000)', () => {
    fake.uninstall();
    fake = installFakeGas({ cellLimit: 30_000 });
    const first = fake.spreadsheet.getSheets()[0];
    expect(() => fake.spreadsheet.insertSheet('Second')).toThrow(/above the limit of 10000000 cells/);
    expect(() => first.insertRowsAfter(1000, 200)).toThrow(/above the limit/);
    first.insertRowsAfter(1000, 100);
  });
});
