import type { Problem } from '../../../src/core/errors';
import type { CellValue } from '../../../src/core/tab/spec';
import { columnDropdowns, columnNamed, findHeader, headerName, normalizeHeader, readCell, tableRows, type TableSchema } from '../../../src/core/table/schema';

type Key = 'name' | 'members' | 'attendees' | 'cost' | 'period';

/** A pasted table of group numbers, as a feature would declare it. */
const PASTED: TableSchema<Key> = {
  order: ['name', 'period', 'members', 'attendees', 'cost'],
  required: [],
  header: { minColumns: 2, anyOf: ['members', 'attendees', 'cost'], units: true, suffixes: { except: ['单客成本'] } },
  columns: {
    name: { header: 'metrics.input.name', synonyms: ['群名称', '社群', '活动'], holdsText: true },
    period: { header: 'metrics.input.period', synonyms: ['期次', '周期'], holdsText: true },
    members: {
      header: 'metrics.input.members',
      synonyms: ['群人数'],
      read: (cell) => (typeof cell === 'number' ? { value: cell } : { problem: 'metrics.cell.notANumber', params: { value: String(cell) } }),
    },
    attendees: { header: 'metrics.input.attendees', synonyms: ['到课人数', '到课'] },
    cost: { header: 'metrics.input.cost', synonyms: ['成本'], dropdown: ({ lang }) => ({ type: 'list', values: [lang], strict: false }) },
  },
};

/** A tab the add-on writes: its header names every required column. */
const WRITTEN: TableSchema<'name' | 'members'> = {
  order: ['name', 'members'],
  required: ['name', 'members'],
  columns: { name: { header: 'metrics.input.name' }, members: { header: 'metrics.input.members' } },
};

describe('how headers are compared', () => {
  test('without case, spaces, full-width forms or the marks people put around names', () => {
    expect(['群 人 数', 'ＧＭＶ', '*群人数', '成员_ID', '日期：', 'E-mail'].map(normalizeHeader)).toEqual([
      '群人数',
      'gmv',
      '群人数',
      '成员id',
      '日期',
      'email',
    ]);
    expect(headerName('群人数（人）')).toEqual({ name: '群人数', unit: '人' });
    expect(headerName('(备注)')).toEqual({ name: '(备注)', unit: null });
  });

  test('a unit names no text column: 周期(天) is a duration, 群人数(人) is still the members', () => {
    expect(columnNamed(PASTED, '群人数（人）')).toBe('members');
    expect(columnNamed(PASTED, '周期')).toBe('period');
    expect(columnNamed(PASTED, '周期(天)')).toBeNull();
    // Without units in its rule, a schema reads the bracket as part of the name.
    expect(columnNamed(WRITTEN, '群人数（人）')).toBeNull();
  });

  test('a header ending with a column’s name is that column, unless negated or a derived figure', () => {
    expect(columnNamed(PASTED, '公开课到课')).toBe('attendees');
    expect(columnNamed(PASTED, '未到课')).toBeNull();
    expect(columnNamed(PASTED, '单客成本')).toBeNull();
    expect(columnNamed(WRITTEN, '本群群名称')).toBeNull();
  });
});

describe('finding the header of a pasted table', () => {
  test('title rows are skipped: the header names two columns, one of them a number column', () => {
    const grid: CellValue[][] = [
      ['2026年11月 转化数据'],
      ['社群', '活动'],
      ['群名称', '群主', '公开课到课', '到课人数', '群人数(人)', '直播到课'],
      ['1群', '小王', 30, 20, 100, 25],
    ];
    const header = findHeader(grid, PASTED)!;
    expect(header.row).toBe(2);
    // An exact name wins over an earlier column that only ends with one; later ones are the user's.
    expect(header.columns).toEqual({ name: 0, attendees: 3, members: 4 });
    expect(header.userColumns).toEqual([1, 2, 5]);
    expect(header.repeated).toEqual([
      { column: 2, key: 'attendees' },
      { column: 5, key: 'attendees' },
    ]);
    expect(header.labels).toEqual(['群名称', '群主', '公开课到课', '到课人数', '群人数(人)', '直播到课']);
  });

  test('a tab the add-on wrote is found by its required columns, in either language', () => {
    expect(findHeader([['Members', 'Group']], WRITTEN)?.columns).toEqual({ name: 1, members: 0 });
    expect(findHeader([['群名称', '到课人数']], WRITTEN)).toBeNull();
  });
});

describe('reading cells', () => {
  test('a problem is located at its row and column and named as the table names the column, with the caller’s parameters', () => {
    const grid: CellValue[][] = [
      ['社群', '群 人 数'],
      ['1群', 100],
      ['2群', '很多'],
    ];
    const header = findHeader(grid, PASTED)!;
    const problems: Problem[] = [];
    const values = tableRows(grid, PASTED, header).map((row) =>
      readCell<Key, number>(PASTED, header, row, 'members', problems, { tab: '群数据', params: { group: String(row.cells.name) } }),
    );
    expect(values).toEqual([100, undefined]);
    expect(problems).toEqual([
      { code: 'metrics.cell.notANumber', params: { group: '2群', value: '很多' }, location: { tab: '群数据', row: 3, column: 1, columnName: '群 人 数' } },
    ]);
  });

  test('dropdowns come from the columns that declare one, where the layout puts them', () => {
    const specs = columnDropdowns(PASTED, PASTED.order, (key) => PASTED.order.indexOf(key) + 2, { lang: 'en', teamTab: null }, { row: 1, rows: 50 });
    expect(specs).toEqual([{ range: { row: 1, col: 6, rows: 50, cols: 1 }, rule: { type: 'list', values: ['en'], strict: false } }]);
  });
});
