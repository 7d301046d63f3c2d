import fc from 'fast-check';
import { buildMetricsTab, computeMetrics, computeRawMetrics, parseMetricsGrid } from '../../../src/core/metrics';
import type { MetricsResult } from '../../../src/core/metrics';
import { a1, cellValue, columnLetter, isFormulaCell, type CellValue, type TabSpec } from '../../../src/core/tab/spec';
import { withFormulaValues } from '../../../src/core/formula';
import { fixture } from './grid';

/** What a formula shows, as the core caches it: a blank result ("") is blank. */
const shown = (value: CellValue): CellValue => (value === '' ? null : value);

/** Every formula of the tab, evaluated like a spreadsheet would, shows the value the core computed for it. */
function expectFormulasAgree(spec: TabSpec): number {
  const [evaluated] = withFormulaValues([spec], 0);
  let checked = 0;
  spec.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!isFormulaCell(cell)) return;
      const value = shown(cellValue(evaluated.rows[r][c]));
      const cached = cell.value;
      const where = `${a1(r, c)} ${cell.formula}`;
      if (typeof cached === 'number' && typeof value === 'number') {
        expect({ where, close: Math.abs(value - cached) <= 1e-9 * Math.max(1, Math.abs(cached)) }).toEqual({ where, close: true });
      } else {
        expect({ where, value }).toEqual({ where, value: cached });
      }
      checked++;
    }),
  );
  return checked;
}

const header = (spec: TabSpec): string[] => spec.rows[0].map((cell) => String(cellValue(cell)));
const rowWith = (spec: TabSpec, first: string): number => spec.rows.findIndex((row) => cellValue(row[0]) === first);

describe('the metrics tab of the group funnel sample', () => {
  const result = computeMetrics(parseMetricsGrid(fixture('group-funnel.tsv'), { tab: 'group-funnel.tsv' }));
  const spec = buildMetricsTab(result, 'zh-CN', { generatedAt: '2026-11-20 10:00' });
  const col = (label: string): number => header(spec).indexOf(label);

  test('is named 转化指标, marked with its source, header frozen', () => {
    expect(spec.name).toBe('转化指标');
    expect(spec.marker).toEqual({ kind: 'metrics', key: { source: 'group-funnel.tsv' } });
    expect(spec.frozenRows).toBe(1);
    expect(spec.headerRows).toBe(1);
    expect(spec.notes?.[0]).toMatchObject({ row: 0, col: 0 });
    expect(spec.notes?.[0].text).toContain('group-funnel.tsv');
    expect(spec.notes?.[0].text).toContain('2026-11-20 10:00');
  });

  test('one row per group with its inputs as numbers, then the metrics its inputs allow', () => {
    expect(header(spec)).toEqual([
      '群名称',
      '群人数',
      '到课人数',
      '完课人数',
      '意向人数',
      '成单人数',
      '客单价',
      '投放成本',
      '活动参与率',
      '完课率',
      '意向率',
      '付费转化率',
      '到课转化率',
      '收入',
      'ROI',
      '单客成本',
      '获客成本',
    ]);
    expect(spec.rows.slice(1, 5).map((row) => row.slice(0, 8))).toEqual([
      ['Java引流1群', 260, 61, 40, 22, 3, 8800, 5200],
      ['Java引流2群', 245, 55, 37, 18, 2, 8800, 4900],
      ['Java引流3群', 250, 60, 41, 20, 3, 9200, 5000],
      ['Java引流4群', 245, 56, 35, 17, 2, 8800, 4900],
    ]);
    const cell = spec.rows[1][col('活动参与率')];
    expect(isFormulaCell(cell) && cell.formula).toBe('=IF(OR(C2="",B2="",B2=0),"",C2/B2)');
  });

  test('the total row pools with live formulas and shows 23.2%', () => {
    const total = spec.rows[5];
    expect(cellValue(total[0])).toBe('合计');
    const participation = total[col('活动参与率')];
    expect(isFormulaCell(participation) && participation.formula).toBe(
      '=IFERROR(SUMPRODUCT(ISNUMBER(C2:C5)*ISNUMBER(B2:B5),C2:C5)/SUMPRODUCT(ISNUMBER(C2:C5)*ISNUMBER(B2:B5),B2:B5),"")',
    );
    expect(cellValue(participation)).toBeCloseTo(0.232, 12);
    expect(cellValue(withFormulaValues([spec], 0)[0].rows[5][col('活动参与率')])).toBeCloseTo(0.232, 12);
    expect(cellValue(total[col('群人数')])).toBe(1000);
    expect(cellValue(total[col('客单价')])).toBeNull();
  });

  test("every formula, recalculated, equals the core's cached value", () => {
    expect(expectFormulasAgree(spec)).toBeGreaterThan(50);
  });

  test('the recalculation check catches a formula that disagrees with the core', () => {
    const broken: TabSpec = { ...spec, rows: spec.rows.map((row) => [...row]) };
    broken.rows[5][col('活动参与率')] = { formula: '=(C2/B2+C3/B3+C4/B4+C5/B5)/4', value: result.total.metrics.participationRate };
    expect(() => expectFormulasAgree(broken)).toThrow();
  });

  test('percent, currency and integer formats over the data and total rows', () => {
    const formatOf = (c: number) => spec.formats?.find((f) => f.range.col === c && f.range.row === 1);
    expect(formatOf(col('活动参与率'))).toMatchObject({ format: 'percent', range: { rows: 5 } });
    expect(formatOf(col('收入'))?.format).toBe('currency');
    expect(formatOf(col('客单价'))?.format).toBe('currency');
    expect(formatOf(col('群人数'))?.format).toBe('integer');
    expect(formatOf(col('ROI'))?.format).toBe('decimal');
  });

  test('benchmark colours: participation < 10% red, ≥ 20% green; conversion < 1% / ≥ 3%; completion < 30% / ≥ 60%', () => {
    const letter = (label: string) => columnLetter(col(label));
    const formulas = (spec.conditionalFormats ?? []).map((rule) => rule.formula);
    const p = letter('活动参与率');
    const v = letter('付费转化率');
    const c = letter('完课率');
    expect(formulas).toEqual([
      `=AND(ISNUMBER(${p}2),${p}2<0.1)`,
      `=AND(ISNUMBER(${p}2),${p}2>=0.2)`,
      `=AND(ISNUMBER(${v}2),${v}2<0.01)`,
      `=AND(ISNUMBER(${v}2),${v}2>=0.03)`,
      `=AND(ISNUMBER(${c}2),${c}2<0.3)`,
      `=AND(ISNUMBER(${c}2),${c}2>=0.6)`,
    ]);
    expect(spec.conditionalFormats?.[0].ranges).toEqual([{ row: 1, col: col('活动参与率'), rows: 5, cols: 1 }]);
    const custom = buildMetricsTab(result, 'zh-CN', { bands: [{ metric: 'participationRate', greenFrom: 0.25 }] });
    expect(custom.conditionalFormats?.map((rule) => rule.formula)).toEqual([`=AND(ISNUMBER(${p}2),${p}2>=0.25)`]);
  });

  test('a chart of the rates per group and a funnel 群人数 → 到课 → 完课 → 意向 → 成单 of the total', () => {
    const funnelTitle = rowWith(spec, '转化漏斗（合计）');
    expect(funnelTitle).toBeGreaterThan(5);
    const stages = spec.rows.slice(funnelTitle + 2, funnelTitle + 7).map((row) => [cellValue(row[0]), cellValue(row[1])]);
    expect(stages).toEqual([
      ['群人数', 1000],
      ['到课人数', 232],
      ['完课人数', 153],
      ['意向人数', 77],
      ['成单人数', 10],
    ]);
    expect(cellValue(spec.rows[funnelTitle + 3][2])).toBeCloseTo(0.232, 12);
    const [rates, funnel] = spec.charts ?? [];
    expect(rates.type).toBe('column');
    expect(rates.ranges).toHaveLength(1 + 5);
    expect(rates.ranges[0]).toEqual({ row: 0, col: 0, rows: 5, cols: 1 });
    expect(funnel.type).toBe('bar');
    expect(funnel.ranges[0]).toEqual({ row: funnelTitle + 1, col: 0, rows: 6, cols: 1 });
  });

  test('a parse report shows which column became which input', () => {
    const mapping = rowWith(spec, '列对应');
    expect(spec.rows.slice(mapping + 2, mapping + 4)).toEqual([
      ['A', '群名称', '群名称'],
      ['B', '群人数', '群人数'],
    ]);
    expect(rowWith(spec, '跳过的行')).toBeGreaterThan(mapping);
  });

  test('in English', () => {
    const en = buildMetricsTab(result, 'en');
    expect(en.name).toBe('Metrics');
    expect(header(en).slice(0, 3)).toEqual(['Group', 'Members', 'Attendees']);
    expect(rowWith(en, 'Total')).toBe(5);
    expect(rowWith(en, 'Funnel (total)')).toBeGreaterThan(5);
  });
});

describe('other tabs', () => {
  test('a paste with title rows, a 合计 row, gaps and an unknown column: report and formulas', () => {
    const result = computeMetrics(
      parseMetricsGrid(
        [
          ['11月社群数据'],
          ['群名称', '群人数', '到课人数', '成交金额', '成单人数', '群主'],
          ['1群', '1,000', '-', '¥12,000', '2', '小王'],
          ['2群', '500', '120', null, '0', '小李'],
          ['合计', '1500', '120', '12000', '2', null],
        ],
        { tab: '粘贴' },
      ),
    );
    const spec = buildMetricsTab(result, 'zh-CN');
    expect(header(spec)).toContain('平均客单价');
    expect(header(spec)[header(spec).length - 1]).toBe('群主');
    expect(spec.rows[1][spec.rows[1].length - 1]).toBe('小王');
    expectFormulasAgree(spec);
    const skipped = rowWith(spec, '跳过的行');
    expect(spec.rows.slice(skipped + 2, skipped + 4).map((row) => row.slice(0, 2))).toEqual([
      [1, '标题行'],
      [5, '合计行（已重新计算）'],
    ]);
    const extra = rowWith(spec, '未识别的列（已保留，不参与计算）');
    expect(spec.rows[extra + 2]).toEqual(['F', '群主']);
  });

  test('with periods, the comparison block holds live Δ and Δ% formulas', () => {
    const result = computeMetrics(
      parseMetricsGrid([
        ['群名称', '期次', '群人数', '成单人数'],
        ['Java群', '第2期', 500, 15],
        ['Java群', '第1期', 400, 8],
      ]),
    );
    const spec = buildMetricsTab(result, 'en');
    const title = rowWith(spec, 'Compared with the previous period');
    expect(title).toBeGreaterThan(0);
    expect(spec.rows[title + 1].slice(0, 5)).toEqual(['Group', 'Period', 'Previous period', 'Conversion rate Δ', 'Conversion rate Δ%']);
    expect(spec.rows[title + 2].slice(0, 3)).toEqual(['Java群', '第2期', '第1期']);
    const delta = spec.rows[title + 2][3];
    expect(isFormulaCell(delta) && delta.formula).toBe('=IF(OR(E2="",E3=""),"",E2-E3)');
    expect(cellValue(delta)).toBeCloseTo(0.03 - 0.02, 12);
    expectFormulasAgree(spec);
  });

  test('raw mode: the total row holds the distinct counts, not sums, with row formulas over them', () => {
    const result = computeRawMetrics(
      { members: fixture('raw-members.csv'), attendance: fixture('raw-attendance.csv'), orders: fixture('raw-orders.csv') },
      { source: 'raw' },
    );
    const spec = buildMetricsTab(result, 'zh-CN');
    const total = rowWith(spec, '合计（去重）');
    expect(total).toBe(3);
    const members = header(spec).indexOf('群人数');
    expect(spec.rows[total][members]).toBe(result.total.inputs.members);
    expect(result.total.inputs.members).toBeLessThan((result.rows[0].inputs.members ?? 0) + (result.rows[1].inputs.members ?? 0));
    expect(header(spec)).toEqual(expect.arrayContaining(['退款率', '平均客单价', '完课率']));
    expectFormulasAgree(spec);
    expect(spec.rows.some((row) => String(cellValue(row[0])).includes('不在成员名单中'))).toBe(true);
  });

  test("property: on random tables every formula of the tab evaluates to the core's value", () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.constant(null), fc.constant(0));
    const headers = [
      '群名称',
      '期次',
      '群人数',
      '到课人数',
      '完课人数',
      '意向',
      '成单人数',
      '客单价',
      '收入',
      '成本',
      '上期付费人数',
      '复购人数',
      '退款人数',
      '活跃人数',
      '送达',
      '打开',
      '入群',
      '退群',
    ];
    const table = fc
      .tuple(
        fc.subarray(headers.slice(2), { minLength: 2 }),
        fc.array(fc.tuple(fc.constantFrom('A群', 'B群'), fc.constantFrom('第1期', '第2期', '第3期'), fc.array(value, { minLength: 16, maxLength: 16 })), {
          minLength: 1,
          maxLength: 6,
        }),
      )
      .map(([inputs, rows]): CellValue[][] => [
        ['群名称', '期次', ...inputs],
        ...rows.map(([name, period, values]) => [name, period, ...values.slice(0, inputs.length)]),
      ]);
    fc.assert(
      fc.property(table, (grid) => {
        const result: MetricsResult = computeMetrics(parseMetricsGrid(grid));
        expectFormulasAgree(buildMetricsTab(result, 'en'));
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
