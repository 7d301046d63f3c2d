/** What a spreadsheet can hold, checked once for every adapter. */
import { checkTabSize, SHEETS_LIMITS, tabGridSize } from '../../../src/core/tab/limits';
import { range, type TabSpec } from '../../../src/core/tab/spec';
import { problemsOf } from '../../support/problems';

const spec = (over: Partial<TabSpec> = {}): TabSpec => ({
  name: '指标',
  marker: { kind: 'metrics', key: { source: '' } },
  columns: [{ key: 'a' }, { key: 'b' }],
  rows: [['群', '人数']],
  headerRows: 1,
  ...over,
});

describe('the size of a tab', () => {
  test('covers every range the tab formats or notes, and one row and column past the frozen ones', () => {
    expect(tabGridSize(spec())).toEqual({ rows: 1, cols: 2 });
    expect(tabGridSize(spec({ notes: [{ row: 9, col: 4, text: '说明' }] }))).toEqual({ rows: 10, cols: 5 });
    expect(tabGridSize(spec({ frozenRows: 1, frozenColumns: 2 }))).toEqual({ rows: 2, cols: 3 });
  });

  test('a tab wider than column ZZZ is refused, naming the tab and the limit', () => {
    const wide = spec({ styles: [{ range: range(0, 0, 1, SHEETS_LIMITS.columns + 1), style: { bold: true } }] });
    expect(problemsOf(() => checkTabSize(wide))).toEqual([
      {
        code: 'error.tooManyColumns',
        params: { columns: 18_279, limit: 18_278 },
        location: { tab: '指标' },
      },
    ]);
    const widest = spec({ styles: [{ range: range(0, 0, 1, SHEETS_LIMITS.columns), style: { bold: true } }] });
    expect(checkTabSize(widest)).toEqual({ rows: 1, cols: 18_278 });
  });

  test('a tab of more cells than a spreadsheet holds is refused; exactly the limit fits', () => {
    const at = (rows: number) => spec({ styles: [{ range: range(0, 0, rows, 2), style: { bold: true } }] });
    expect(checkTabSize(at(5_000_000))).toEqual({ rows: 5_000_000, cols: 2 });
    expect(problemsOf(() => checkTabSize(at(5_000_001)))).toMatchObject([{ code: 'error.tooLarge', params: { cells: 10_000_002, limit: 10_000_000 } }]);
  });
});
