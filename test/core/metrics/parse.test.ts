import fc from 'fast-check';
import { AppError, formatError, isAppError } from '../../../src/core/errors';
import { catalogues, translator } from '../../../src/core/i18n';
import { computeMetrics, metricsToJson, parseMetricsGrid, buildMetricsTab } from '../../../src/core/metrics';
import { columnKeyOf, COLUMN_SYNONYMS } from '../../../src/core/metrics/synonyms';
import type { CellValue } from '../../../src/core/tab/spec';
import { fixture } from './grid';

function parseError(grid: CellValue[][], tab?: string): AppError {
  try {
    parseMetricsGrid(grid, { tab });
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('header synonyms', () => {
  test('every synonym of the issue names its key, whatever the case, spaces, full-width forms or unit', () => {
    for (const [key, synonyms] of Object.entries(COLUMN_SYNONYMS)) {
      for (const synonym of synonyms) {
        expect({ synonym, key: columnKeyOf(synonym) }).toEqual({ synonym, key });
        expect({ synonym, key: columnKeyOf(` ${synonym.toUpperCase()} `) }).toEqual({ synonym, key });
      }
    }
    expect(columnKeyOf('群人数（人）')).toBe('members');
    expect(columnKeyOf('成单人数(单)')).toBe('buyers');
    expect(columnKeyOf('ＧＭＶ')).toBe('revenue');
    expect(columnKeyOf('Members')).toBe('members');
    expect(columnKeyOf('群 人 数')).toBe('members');
  });

  test('a header ending with a synonym reads as it, but not a negated one nor a derived figure', () => {
    expect(columnKeyOf('公开课到课')).toBe('attendees');
    expect(columnKeyOf('未打开')).toBeNull();
    expect(columnKeyOf('单客成本')).toBeNull();
    expect(columnKeyOf('参与率')).toBeNull();
  });

  test('a duration is not a period: 周期(天) is left unrecognised', () => {
    expect(columnKeyOf('周期')).toBe('period');
    expect(columnKeyOf('周期(天)')).toBeNull();
  });
});

describe('parsing a pasted table', () => {
  test('the group funnel sample maps every column and reads four groups', () => {
    const table = parseMetricsGrid(fixture('group-funnel.tsv'), { tab: 'group-funnel.tsv' });
    expect(table.mapping.map((m) => [m.header, m.field])).toEqual([
      ['群名称', 'name'],
      ['群人数', 'members'],
      ['到课人数', 'attendees'],
      ['完课人数', 'completed'],
      ['意向表单', 'leads'],
      ['成单人数', 'buyers'],
      ['客单价', 'price'],
      ['投放成本', 'cost'],
    ]);
    expect(table.rows.map((r) => r.name)).toEqual(['Java引流1群', 'Java引流2群', 'Java引流3群', 'Java引流4群']);
    expect(table.rows[2].inputs).toMatchObject({ members: 250, attendees: 60, completed: 41, leads: 20, buyers: 3, price: 9200, cost: 5000, revenue: null });
    expect(table.rows[0].row).toBe(2);
    expect(table.extraColumns).toEqual([]);
    expect(table.skipped).toEqual([]);
  });

  test('the hybris QQ sample: 公开课到课 is the attendees, 周期(天) is kept as an extra column', () => {
    const table = parseMetricsGrid(fixture('hybris-qq.tsv'));
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0].name).toBe('hybris技术交流QQ群');
    expect(table.rows[0].inputs).toMatchObject({ members: 400, attendees: 96, buyers: 11, price: 5800 });
    expect(table.hasPeriod).toBe(false);
    expect(table.extraColumns).toEqual([{ column: 5, header: '周期(天)' }]);
    expect(table.rows[0].extras).toEqual(['30']);
  });

  test('title rows above the header and 合计/总计/小计/Total rows are skipped and reported', () => {
    const grid: CellValue[][] = [
      ['2026年11月 Java 引流群转化数据'],
      [null, null],
      ['群名称', '群人数', '到课人数'],
      ['1群', '100', '20'],
      ['合 计', '300', '50'],
      ['2群', '200', '30'],
      ['TOTAL', '300', '50'],
      ['小计：', '300', '50'],
      [null, '总计', '300'],
      [],
    ];
    const table = parseMetricsGrid(grid);
    expect(table.headerRow).toBe(3);
    expect(table.rows.map((r) => [r.row, r.name, r.inputs.members])).toEqual([
      [4, '1群', 100],
      [6, '2群', 200],
    ]);
    expect(table.skipped.map((s) => [s.row, s.reason])).toEqual([
      [1, 'title'],
      [5, 'total'],
      [7, 'total'],
      [8, 'total'],
      [9, 'total'],
    ]);
    expect(table.skipped[0].text).toBe('2026年11月 Java 引流群转化数据');
  });

  test('a repeated header row is skipped, not read as numbers', () => {
    const table = parseMetricsGrid([
      ['群名称', '群人数', '成单人数'],
      ['1群', 100, 2],
      ['群名称', '群人数', '成单人数'],
      ['2群', 50, 1],
    ]);
    expect(table.rows.map((r) => r.name)).toEqual(['1群', '2群']);
    expect(table.skipped).toEqual([{ row: 3, reason: 'header', text: '群名称 群人数 成单人数' }]);
  });

  test('unrecognised columns are kept with their values and reported; a second column for a taken input is kept too', () => {
    const table = parseMetricsGrid([
      ['群名称', '群主', '群人数', '到课人数', '直播到课'],
      ['1群', '小王', 100, 20, 25],
    ]);
    expect(table.mapping.map((m) => m.field)).toEqual(['name', 'members', 'attendees']);
    expect(table.extraColumns).toEqual([
      { column: 1, header: '群主' },
      { column: 4, header: '直播到课' },
    ]);
    expect(table.rows[0].extras).toEqual(['小王', 25]);
    expect(table.warnings).toEqual([{ code: 'metrics.warning.duplicateColumn', params: { column: 'E', header: '直播到课', field: 'attendees' } }]);
    expect(table.rows[0].inputs.attendees).toBe(20);
  });

  test('an exact synonym wins over an earlier column that only ends with one', () => {
    const table = parseMetricsGrid([
      ['群名称', '公开课到课', '到课人数', '群人数'],
      ['1群', 30, 20, 100],
    ]);
    expect(table.rows[0].inputs.attendees).toBe(20);
    expect(table.extraColumns.map((c) => c.header)).toEqual(['公开课到课']);
  });

  test('blank, "-", "—", "N/A" and "无" are missing; 0 is zero', () => {
    const table = parseMetricsGrid([
      ['群名称', '群人数', '到课人数', '成单人数', '投放成本', '意向'],
      ['1群', '100', '-', '0', 'N/A', '无'],
      ['2群', null, '—', '', 0, '3'],
    ]);
    expect(table.rows[0].inputs).toMatchObject({ members: 100, attendees: null, buyers: 0, cost: null, leads: null });
    expect(table.rows[1].inputs).toMatchObject({ members: null, attendees: null, buyers: null, cost: 0, leads: 3 });
  });

  test('万, full-width digits, units and currency are read', () => {
    const table = parseMetricsGrid([
      ['群名称', '群人数', '成交金额', '成单人数', '客单价'],
      ['大群', '１.２万人', '¥1.5万', '１１单', '￥5,800元'],
    ]);
    expect(table.rows[0].inputs).toMatchObject({ members: 12000, revenue: 15000, buyers: 11, price: 5800 });
  });

  test('a row without a name is named by its row number; a period column is read as text', () => {
    const table = parseMetricsGrid([
      ['期次', '群人数', '成单人数'],
      ['第12期', 100, 2],
      [46357, 80, 1],
    ]);
    expect(table.rows.map((r) => [r.name, r.period])).toEqual([
      ['#2', '第12期'],
      ['#3', '2026-12-01'],
    ]);
    expect(table.hasPeriod).toBe(true);
  });

  describe('unreadable cells', () => {
    const grid: CellValue[][] = [['社群转化表'], ['群名称', '群人数', '到课人数', '成单人数'], ['1群', '100', '六十', '2'], ['2群', '12%', '30', true]];

    test('every unreadable cell is collected into one error, and nothing is returned', () => {
      const error = parseError(grid, '群数据');
      expect(error.problems.map((p) => [p.code, p.location?.row, p.location?.column, p.location?.columnName, p.params?.value])).toEqual([
        ['metrics.error.unreadable', undefined, undefined, undefined, undefined],
        ['metrics.cell.notANumber', 3, 2, '到课人数', '六十'],
        ['metrics.cell.percentNotExpected', 4, 1, '群人数', '12%'],
        ['metrics.cell.boolean', 4, 3, '成单人数', 'true'],
      ]);
      expect(error.problems[0].params).toEqual({ count: 3 });
    });

    test('the report names row, column and header in Chinese', () => {
      const text = formatError(parseError(grid, '群数据'), translator('zh-CN'));
      const lines = text.split('\n');
      expect(lines[0]).toBe('「群数据」：有 3 个单元格无法读取，未写入任何内容。请改正后重试：');
      expect(lines[1]).toMatch(/^「群数据」 第 3 行 C 列（到课人数）：无法识别的数字“六十”/);
      expect(lines[2]).toBe('「群数据」 第 4 行 B 列（群人数）：“12%”是百分比，这一列应填人数或金额。');
      expect(lines[3]).toMatch(/^「群数据」 第 4 行 D 列（成单人数）：/);
    });

    test('the report names row, column and header in English', () => {
      const text = formatError(parseError(grid, 'Data'), translator('en'));
      const lines = text.split('\n');
      expect(lines[0]).toBe('Tab "Data": 3 cells could not be read; nothing was written. Correct them and try again:');
      expect(lines[1]).toMatch(/^Tab "Data", row 3, column C \(到课人数\): Cannot read "六十" as a number/);
      expect(lines[2]).toBe('Tab "Data", row 4, column B (群人数): "12%" is a percentage; this column expects a count or an amount.');
    });
  });

  test('a grid without a header, an empty grid and a header without rows are errors that say so', () => {
    expect(
      parseError([
        ['hello', 'world'],
        ['1', '2'],
      ]).problems[0].code,
    ).toBe('metrics.error.noHeader');
    expect(
      parseError([
        ['社群', '活动'],
        ['a', 'b'],
      ]).problems[0].code,
    ).toBe('metrics.error.noHeader');
    expect(parseError([]).problems[0].code).toBe('error.emptyInput');
    expect(parseError([[null, ''], ['  ']]).problems[0].code).toBe('error.emptyInput');
    expect(
      parseError([
        ['群名称', '群人数'],
        ['合计', 5],
      ]).problems[0].code,
    ).toBe('metrics.error.noRows');
  });
});

describe('counts that cannot be', () => {
  test('−5 members is refused with its row and column, instead of giving a participation rate of −60%', () => {
    const error = parseError(
      [
        ['群名称', '群人数', '到课人数'],
        ['1群', '-5', '3'],
      ],
      '群数据',
    );
    expect(error.problems[1]).toMatchObject({ code: 'metrics.cell.negative', location: { tab: '群数据', row: 2, column: 1, columnName: '群人数' } });
    expect(formatError(error, translator('zh-CN')).split('\n')[1]).toBe('「群数据」 第 2 行 B 列（群人数）：“-5”是负数：人数、金额和时长不能小于 0。');
    expect(formatError(error, translator('en')).split('\n')[1]).toBe(
      'Tab "群数据", row 2, column B (群人数): "-5" is negative: people, amounts and minutes cannot be less than 0.',
    );
  });

  test('3.5 members is refused, as people come whole; a price or a cost may have cents, and 1.2万 people is 12,000', () => {
    const error = parseError([
      ['群名称', '群人数', '成单人数', '客单价', '投放成本'],
      ['1群', 3.5, '1', '99.9', '1,200.50'],
      ['2群', '1.2万', '0.5', '5800', '0'],
    ]);
    expect(error.problems.slice(1).map((p) => [p.code, p.location?.row, p.location?.columnName, p.params?.value])).toEqual([
      ['metrics.cell.fractionalPeople', 2, '群人数', '3.5'],
      ['metrics.cell.fractionalPeople', 3, '成单人数', '0.5'],
    ]);
    expect(formatError(error, translator('zh-CN')).split('\n')[1]).toBe('第 2 行 B 列（群人数）：“3.5”不是整数：这一列是人数，应为 0、1、2… 这样的整数。');
    expect(
      parseMetricsGrid([
        ['群名称', '群人数', '客单价'],
        ['1群', '1.2万', '99.9'],
      ]).rows[0].inputs,
    ).toMatchObject({ members: 12000, price: 99.9 });
  });

  test('到课 above 群人数, 完课 above 到课 and 成单 above 群人数 are pointed out row by row, in the parse report, and still computed', () => {
    const table = parseMetricsGrid(
      [
        ['群名称', '群人数', '到课人数', '完课人数', '成单人数', '退款人数'],
        ['1群', 100, 120, 20, 2, 0],
        ['2群', 100, 50, 60, 120, 3],
        ['3群', 100, 50, 40, 2, 1],
      ],
      { tab: '群数据' },
    );
    expect(table.warnings.map((w) => [w.params?.row, w.params?.column, w.params?.header, w.params?.value, w.params?.wholeHeader, w.params?.whole])).toEqual([
      [2, 'C', '到课人数', 120, '群人数', 100],
      [3, 'D', '完课人数', 60, '到课人数', 50],
      [3, 'E', '成单人数', 120, '群人数', 100],
    ]);
    expect(table.warnings[0].location).toEqual({ tab: '群数据', row: 2, column: 2, columnName: '到课人数' });
    const tr = translator('zh-CN');
    expect(tr(table.warnings[0].code, table.warnings[0].params)).toBe(
      '第 2 行 C 列「到课人数」为 120，大于 B 列「群人数」的 100，这不可能：请核对这一行（已按所填数字计算）。',
    );
    expect(translator('en')(table.warnings[2].code, table.warnings[2].params)).toBe(
      'Row 3: column E ("成单人数") is 120, more than the 100 of column B ("群人数"), which cannot be: check this row (computed as typed).',
    );
    const result = computeMetrics(table);
    expect(result.rows[0].metrics.participationRate).toBe(1.2);
    expect(result.report.warnings).toHaveLength(3);
  });

  test('without a 到课 column, 完课 is compared with 群人数; 退款 with 成单, 复购 with 上期付费, 打开 with 送达', () => {
    const table = parseMetricsGrid([
      ['群名称', '群人数', '完课人数', '成单人数', '退款人数', '上期付费人数', '复购人数', '送达', '打开'],
      ['1群', 100, 101, 2, 3, 10, 11, 50, 51],
    ]);
    expect(table.warnings.map((w) => [w.params?.header, w.params?.wholeHeader])).toEqual([
      ['完课人数', '群人数'],
      ['退款人数', '成单人数'],
      ['复购人数', '上期付费人数'],
      ['打开', '送达'],
    ]);
  });
});

describe('buyers under other names', () => {
  test("成单数, 付款人数, 支付人数, 购买人数, 转化人数 and the seeds' traditional 成單人數 / 付費人數 all read as buyers", () => {
    for (const header of ['成单数', '付费人数', '付款人数', '支付人数', '购买人数', '转化人数', '成單人數', '付費人數', '購買人數']) {
      const table = parseMetricsGrid([
        ['群名称', '群人数', header],
        ['hybris技术交流QQ群', 400, 11],
      ]);
      expect({ header, buyers: table.rows[0].inputs.buyers }).toEqual({ header, buyers: 11 });
    }
    expect(columnKeyOf('群總人數')).toBe('members');
    expect(columnKeyOf('實際到課人數')).toBe('attendees');
  });

  test('下单人数 counts orders placed, paid or not: next to 付款人数, the paid ones are the buyers', () => {
    const table = parseMetricsGrid([
      ['群名称', '群人数', '下单人数', '付款人数'],
      ['1群', 400, 15, 11],
    ]);
    expect(table.rows[0].inputs.buyers).toBe(11);
    expect(table.extraColumns.map((c) => c.header)).toEqual(['下单人数']);
  });
});

describe('random grids', () => {
  const headerWords = [...Object.values(COLUMN_SYNONYMS).flat(), '合计', 'Total', '周期(天)', '群人数（人）', '公开课到课'];
  const cell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constantFrom(...headerWords),
    fc.string(),
    fc.constantFrom('-', '—', 'N/A', '无', '1.2万', '１２', '¥5,800', '23%', '1e400', '(12)', '3w'),
    fc.integer({ min: -1000, max: 100000 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  const anyGrid = fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 });
  // Grids that start with a real header, so that the rows under it get read and computed. Most
  // counts are whole and not negative, as in real exports; the others are refused, located.
  const numberish: fc.Arbitrary<CellValue> = fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 100000 }), weight: 40 },
    { arbitrary: fc.integer({ min: -1000, max: -1 }), weight: 1 },
    { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
    { arbitrary: fc.constantFrom(null, '-', '0', '1.2万', '１２', '¥5,800', '1e300', '合计', 'Java群'), weight: 3 },
  );
  const headedGrid = fc
    .tuple(fc.uniqueArray(fc.constantFrom(...headerWords), { minLength: 2, maxLength: 8 }), fc.array(fc.array(numberish, { maxLength: 8 }), { maxLength: 12 }))
    .map(([header, rows]) => [header as CellValue[], ...rows]);
  const grid = fc.oneof(anyGrid, headedGrid);

  function assertFinite(value: unknown, path: string): void {
    if (typeof value === 'number') expect({ path, finite: Number.isFinite(value) }).toEqual({ path, finite: true });
    else if (Array.isArray(value)) value.forEach((v, i) => assertFinite(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) assertFinite(v, `${path}.${k}`);
  }

  test('parsing and computing throw nothing but AppError and never give NaN or Infinity', () => {
    let computed = 0;
    fc.assert(
      fc.property(grid, (g) => {
        try {
          const result = computeMetrics(parseMetricsGrid(g, { tab: 'fuzz' }));
          computed++;
          assertFinite(metricsToJson(result), 'json');
          assertFinite(result.comparisons, 'comparisons');
          const tab = buildMetricsTab(result, 'zh-CN');
          assertFinite(tab.rows, 'tab');
        } catch (error) {
          if (!isAppError(error)) throw error;
          for (const problem of error.problems) expect(catalogues.en[problem.code]).toBeDefined();
          expect(formatError(error, translator('en'))).not.toBe('');
        }
      }),
      // 500 grids of junk cells (each parsed, computed and laid out as a tab: about 3 ms) exercise every
      // kind of cell the generator makes many times over; more than a fifth of them must get as far as computing.
      { numRuns: 500 },
    );
    expect(computed).toBeGreaterThan(100);
  }, 60_000);
});
