import { serialFromYmd } from '../../../src/core/dates';
import { Cell, ConditionalFormatSpec, range } from '../../../src/core/tab/spec';
import { FormulaError, WorkbookCalc } from '../../../src/core/formula';
import type { Scalar } from '../../../src/core/formula';

const TODAY = serialFromYmd(2026, 12, 1);
const f = (formula: string): Cell => ({ formula, value: null });
const code = (value: Scalar): string | undefined => (value instanceof FormulaError ? value.code : undefined);

describe('recomputing a workbook', () => {
  test('formulas that refer forwards, backwards and across tabs all get their values', () => {
    const calc = new WorkbookCalc(
      [
        { name: '指标', cells: [[f('=B1*2'), f("=SUM('群数据'!B:B)"), f('=A1+1')]] },
        {
          name: '群数据',
          cells: [
            ['群', '人数'],
            ['A', f('=C2*10')],
            ['B', 5],
          ].map((row, i) => (i === 1 ? [...row, 3] : row)),
        },
      ],
      TODAY,
    );
    const values = calc.recompute();
    expect(values.get('群数据')![1]).toEqual(['A', 30, 3]);
    expect(values.get('指标')![0]).toEqual([70, 35, 71]);
  });

  test('a 10,000-row chain of running totals computes without overflowing the stack, in either direction', () => {
    const n = 10000;
    const down: Cell[][] = [[1]];
    for (let r = 1; r < n; r++) down.push([f(`=A${r}+1`)]);
    const up: Cell[][] = [];
    for (let r = 0; r < n - 1; r++) up.push([f(`=A${r + 2}+1`)]);
    up.push([1]);
    const values = new WorkbookCalc(
      [
        { name: 'Down', cells: down },
        { name: 'Up', cells: up },
      ],
      TODAY,
    ).recompute();
    expect(values.get('Down')![n - 1][0]).toBe(n);
    expect(values.get('Up')![0][0]).toBe(n);
  });

  test('circular references are #REF!, and so is whatever uses them; other cells are unharmed', () => {
    const calc = new WorkbookCalc(
      [{ name: 'S', cells: [[f('=B1+1'), f('=A1+1'), f('=A1*2'), 5, f('=D1*2')], [f('=SUM(A2:A3)'), f('=IFERROR(B2,0)'), null, null, f('=E1')], [1]] }],
      TODAY,
    );
    const [first, second] = calc.values('S');
    expect(code(first[0])).toBe('#REF!');
    expect(code(first[1])).toBe('#REF!');
    expect(code(first[2])).toBe('#REF!'); // depends on the loop
    expect(first[4]).toBe(10);
    expect(code(second[0])).toBe('#REF!'); // the sum includes itself
    expect(code(second[1])).toBe('#REF!'); // refers to itself
    expect((first[0] as FormulaError).reason).toMatch(/Circular/);
    expect(second[4]).toBe(10);
  });

  test('editing a cell recomputes what depends on it, including TODAY() when the day changes', () => {
    const calc = new WorkbookCalc([{ name: 'S', cells: [[2, 3, f('=A1*B1'), f('=TODAY()-A1')]] }], TODAY);
    expect(calc.values('S')[0]).toEqual([2, 3, 6, TODAY - 2]);
    calc.setCell('S', 0, 0, 10);
    expect(calc.values('S')[0]).toEqual([10, 3, 30, TODAY - 10]);
    calc.setCell('S', 2, 1, f('=C1+1')); // grows the sheet
    expect(calc.value('S', 2, 1)).toBe(31);
    calc.today = TODAY + 1;
    expect(calc.value('S', 0, 3)).toBe(TODAY - 9);
  });

  test('formula cells carry their own cached values, which are ignored and recomputed', () => {
    const calc = new WorkbookCalc([{ name: 'S', cells: [[4, { formula: '=A1*2', value: 999 }]] }], TODAY);
    expect(calc.value('S', 0, 1)).toBe(8);
  });

  test('a sheet can be replaced and removed; references to a removed sheet become #REF!', () => {
    const calc = new WorkbookCalc(
      [
        { name: 'A', cells: [[f('=B!A1')]] },
        { name: 'B', cells: [[1]] },
      ],
      TODAY,
    );
    expect(calc.value('A', 0, 0)).toBe(1);
    calc.setSheet({ name: 'B', cells: [[7]] });
    expect(calc.value('A', 0, 0)).toBe(7);
    calc.removeSheet('B');
    expect(code(calc.value('A', 0, 0))).toBe('#REF!');
  });

  test('rangeValues reads a range of any sheet, as dropdowns from a range need', () => {
    const calc = new WorkbookCalc([{ name: '团队', cells: [['姓名'], ['小王'], ['小李']] }], TODAY);
    expect(calc.rangeValues('团队', 'A2:A')).toEqual([['小王'], ['小李']]);
    expect(calc.rangeValues('团队', "'Nope'!A1:A2")).toBeUndefined();
    expect(calc.rangeValues('团队', "'团队'!A1:A2")).toEqual([['姓名'], ['小王']]);
    expect(calc.rangeValues('团队', 'not a range')).toBeUndefined();
  });

  test('copies of one formula down a column share one parse but keep their own references', () => {
    const rows: Cell[][] = [];
    for (let r = 0; r < 50; r++) rows.push([r, r * 2, f(`=A${r + 1}+B${r + 1}+$A$1+COUNTIF($A$1:$A$50,"<"&A${r + 1})+ROW()`)]);
    const values = new WorkbookCalc([{ name: 'S', cells: rows }], TODAY).values('S');
    for (let r = 0; r < 50; r++) expect(values[r][2]).toBe(r + 2 * r + 0 + r + (r + 1));
  });

  test('formulas with the same shape but different text in quotes are not confused', () => {
    const cells = [
      [f('="A1"&C1'), f('="B2"&C1'), 'x'],
      [f('="A1"&C2'), f('="A2"&C1'), 'y'],
    ];
    const values = new WorkbookCalc([{ name: 'S', cells }], TODAY).values('S');
    expect(values[0]).toEqual(['A1x', 'B2x', 'x']);
    expect(values[1]).toEqual(['A1y', 'A2x', 'y']);
  });
});

describe('conditional formats', () => {
  // A Gantt-like tab: dates across row 1 from column D, task start/end in B/C.
  const start = serialFromYmd(2026, 11, 30);
  const header: Cell[] = ['任务', '开始', '结束', ...Array.from({ length: 5 }, (_, i) => start + i)];
  const cells: Cell[][] = [
    header,
    ['海报', start, start + 1, null, null, null, null, null],
    ['直播', start + 2, start + 4, null, null, null, null, null],
    ['复盘', start + 1, start + 1, null, null, null, null, null],
  ];
  const bar: ConditionalFormatSpec = { ranges: [range(1, 3, 3, 5)], formula: '=AND(D$1>=$B2,D$1<=$C2)', style: { background: '#4285f4' } };
  const today: ConditionalFormatSpec = { ranges: [range(0, 3, 4, 5)], formula: '=D$1=TODAY()', style: { background: '#fbbc04' } };

  test('relative references move with the tested cell; $ parts stay', () => {
    const calc = new WorkbookCalc([{ name: 'G', cells }], TODAY);
    const cellsOf = (rule: ConditionalFormatSpec) => calc.matchConditionalFormat('G', rule).map(({ row, col }) => `${row}:${col}`);
    expect(cellsOf(bar)).toEqual(['1:3', '1:4', '2:5', '2:6', '2:7', '3:4']);
    // 2026-12-01 is the second date column (E).
    expect(cellsOf(today)).toEqual(['0:4', '1:4', '2:4', '3:4']);
  });

  test('a rule over several ranges is written for the first one', () => {
    const calc = new WorkbookCalc([{ name: 'G', cells }], TODAY);
    const rule: ConditionalFormatSpec = { ranges: [range(1, 0), range(3, 0)], formula: '=$B2<TODAY()', style: { bold: true } };
    // Anchored at A2: A2 tests B2 (11-30 < 12-01), A4 tests B4 (12-01, not before).
    expect(calc.matchConditionalFormat('G', rule)).toEqual([{ row: 1, col: 0 }]);
  });

  test('the first matching rule wins per cell', () => {
    const calc = new WorkbookCalc([{ name: 'G', cells, conditionalFormats: [today, bar] }], TODAY);
    const styles = calc.conditionalStyles('G');
    expect(styles[1][4]).toEqual({ background: '#fbbc04' }); // both hold: today's rule is first
    expect(styles[1][3]).toEqual({ background: '#4285f4' });
    expect(styles[2][3]).toBeUndefined();
  });

  test('errors and text results do not match; cells outside the grid are skipped', () => {
    const calc = new WorkbookCalc([{ name: 'G', cells }], TODAY);
    const rule = (formula: string): ConditionalFormatSpec => ({ ranges: [range(1, 0, 100, 1)], formula, style: { italic: true } });
    expect(calc.matchConditionalFormat('G', rule('=1/0'))).toEqual([]);
    expect(calc.matchConditionalFormat('G', rule('="yes"'))).toEqual([]);
    expect(calc.matchConditionalFormat('G', rule('=1'))).toHaveLength(3);
  });
});

describe('speed', () => {
  test('a 10,000-row metrics tab with totals and a status rule recomputes well within the bound', () => {
    const n = 10000;
    const rows: Cell[][] = [['群', '群人数', '到课', '成单', '客单价', '收入', '参与率', '转化率', '状态', '开始', '逾期']];
    for (let i = 0; i < n; i++) {
      const r = i + 2;
      rows.push([
        `群${i}`,
        100 + (i % 50),
        20 + (i % 30),
        i % 5,
        5800,
        f(`=D${r}*E${r}`),
        f(`=IFERROR(C${r}/B${r},"")`),
        f(`=IFERROR(D${r}/B${r},"")`),
        i % 3 ? '已完成' : '进行中',
        TODAY - 10 + (i % 20),
        f(`=IF(AND(J${r}<TODAY(),I${r}<>"已完成"),"逾期","")`),
      ]);
    }
    rows.push([
      '合计',
      f(`=SUM(B2:B${n + 1})`),
      f(`=SUM(C2:C${n + 1})`),
      f(`=SUM(D2:D${n + 1})`),
      null,
      f(`=SUM(F2:F${n + 1})`),
      f(`=IFERROR(C${n + 2}/B${n + 2},"")`),
    ]);
    const rule: ConditionalFormatSpec = { ranges: [range(1, 0, n, 11)], formula: '=$K2="逾期"', style: { background: '#fce8e6' } };
    const started = performance.now();
    const calc = new WorkbookCalc([{ name: 'M', cells: rows, conditionalFormats: [rule] }], TODAY);
    const values = calc.values('M');
    calc.conditionalStyles('M');
    calc.setCell('M', 1, 1, 1000);
    calc.values('M');
    expect(performance.now() - started).toBeLessThan(10000); // guards against quadratic blow-up; npm run bench has the figures
    let members = 0;
    for (let i = 0; i < n; i++) members += 100 + (i % 50);
    expect(values[n + 1][1]).toBe(members);
  });
});
