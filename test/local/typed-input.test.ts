import { serialFromYmd } from '../../src/core/dates';
import { range, type TabSpec } from '../../src/core/tab/spec';
import { cellFormatAt, dataInput, typedCellInput, typedInput } from '../../src/local/typed-input';

const TODAY = serialFromYmd(2026, 12, 4);

describe('typing into a cell, as Sheets reads it', () => {
  test('a typed date in an automatic cell becomes a day and the cell is formatted as a date', () => {
    for (const text of ['2026-12-31', '2026/12/31', '2026.12.31', '2026年12月31日', ' 2026-12-31 ']) {
      expect(typedCellInput(text, 'general', TODAY)).toEqual({ cell: serialFromYmd(2026, 12, 31), format: 'date' });
    }
  });

  test('a date typed into a date cell is a day and the cell keeps its format', () => {
    expect(typedCellInput('2026/12/31', 'date', TODAY)).toEqual({ cell: serialFromYmd(2026, 12, 31) });
  });

  test('a month and day without a year is a date of this year', () => {
    expect(typedCellInput('12/31', 'general', TODAY)).toEqual({ cell: serialFromYmd(2026, 12, 31), format: 'date' });
    expect(typedCellInput('1/5', 'date', TODAY)).toEqual({ cell: serialFromYmd(2026, 1, 5) });
    expect(typedCellInput('12月31日', 'general', TODAY)).toEqual({ cell: serialFromYmd(2026, 12, 31), format: 'date' });
    // "12-31" reads as a date only where the cell is one; elsewhere it may be a score or a range.
    expect(typedCellInput('12-31', 'date', TODAY)).toEqual({ cell: serialFromYmd(2026, 12, 31) });
    expect(typedCellInput('12-31', 'general', TODAY)).toEqual({ cell: '12-31' });
  });

  test('a day that does not exist stays text', () => {
    expect(typedCellInput('2/30', 'date', TODAY)).toEqual({ cell: '2/30' });
    expect(typedCellInput('2026-02-30', 'general', TODAY)).toEqual({ cell: '2026-02-30' });
  });

  test('a number typed into a date cell stays the number typed', () => {
    expect(typedCellInput('45', 'date', TODAY)).toEqual({ cell: 45 });
    expect(typedCellInput('20261207', 'general', TODAY)).toEqual({ cell: 20261207 });
  });

  test('a text cell keeps whatever is typed as text, a formula too', () => {
    expect(typedCellInput('2026-12-31', 'text', TODAY)).toEqual({ cell: '2026-12-31' });
    expect(typedCellInput('=SUM(A1:A3)', 'text', TODAY)).toEqual({ cell: '=SUM(A1:A3)' });
    expect(typedCellInput('', 'text', TODAY)).toEqual({ cell: null });
  });

  test('an apostrophe keeps a date as text', () => {
    expect(typedCellInput("'2026-12-31", 'general', TODAY)).toEqual({ cell: '2026-12-31' });
    expect(typedCellInput("'12/31", 'date', TODAY)).toEqual({ cell: '12/31' });
  });

  test('formulas, numbers, percentages and booleans are read as before', () => {
    expect(typedCellInput('=1+1', 'percent', TODAY)).toEqual({ cell: { formula: '=1+1', value: null } });
    expect(typedCellInput('75%', 'percent', TODAY)).toEqual({ cell: 0.75 });
    expect(typedCellInput('1,234', 'general', TODAY)).toEqual({ cell: 1234 });
    expect(typedCellInput('true', 'general', TODAY)).toEqual({ cell: true });
    expect(typedInput('')).toBeNull();
  });

  test('text that looks like a formula read from a file stays text', () => {
    expect(dataInput('=HYPERLINK("x")')).toBe('=HYPERLINK("x")');
    expect(dataInput('2026-12-31')).toBe(serialFromYmd(2026, 12, 31));
  });
});

describe('the number format of one cell', () => {
  const spec: TabSpec = {
    name: 't',
    marker: { kind: 'plain', key: {} },
    columns: [{ key: 'a', format: 'date' }, { key: 'b' }],
    headerRows: 1,
    rows: [],
    formats: [
      { range: range(3, 1), format: 'percent' },
      { range: range(5, 0), format: 'text' },
    ],
  };

  test('is the column’s below the header, automatic in the header, and the last format run over it', () => {
    expect(cellFormatAt(spec, 0, 0)).toBe('general');
    expect(cellFormatAt(spec, 2, 0)).toBe('date');
    expect(cellFormatAt(spec, 5, 0)).toBe('text');
    expect(cellFormatAt(spec, 3, 1)).toBe('percent');
    expect(cellFormatAt(spec, 4, 1)).toBe('general');
  });
});
