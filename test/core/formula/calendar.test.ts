/**
 * The formula-engine pieces the monthly calendar's live slot cells need: SMALL and LARGE, and ROW /
 * COLUMN of a multi-cell range giving an array inside SUMPRODUCT — then the calendar's own slot
 * formulas evaluated by the engine against an activity list, compared with the text the core computes.
 */
import fc from 'fast-check';
import { activitiesOn, buildActivityListTab, DEFAULT_LIST_LAYOUT, readActivityGrid, type ActivityRow } from '../../../src/core/calendar/activities';
import { slotFormula, slotTexts } from '../../../src/core/calendar/day-slots';
import { serialFromYmd } from '../../../src/core/dates';
import { cellValue, type Cell, type CellValue } from '../../../src/core/tab/spec';
import { FormulaError, parseFormula, WorkbookCalc } from '../../../src/core/formula';
import type { Scalar } from '../../../src/core/formula';

const TODAY = serialFromYmd(2026, 12, 1);
const code = (value: Scalar): string | undefined => (value instanceof FormulaError ? value.code : undefined);

function sheet(cells: Cell[][]): WorkbookCalc {
  return new WorkbookCalc([{ name: 'S', cells }], TODAY);
}

/** Column A: 5, "text", TRUE, blank, 2, 9, 2; column B: 1, #DIV/0! (from a formula), 3. */
const calc = sheet([[5, 1], ['text', { formula: '=1/0', value: null }], [true, 3], [null], [2], [9], [2]]);
const ev = (formula: string, at?: { row: number; col: number }): Scalar => calc.evaluateFormula('S', formula, at);

describe('SMALL and LARGE', () => {
  test('the k-th smallest and largest number of a range, repeats counted', () => {
    expect([1, 2, 3, 4].map((k) => ev(`=SMALL(A1:A7,${k})`))).toEqual([2, 2, 5, 9]);
    expect(code(ev('=SMALL(A1:A7,5)'))).toBe('#NUM!');
    expect([1, 2, 3, 4].map((k) => ev(`=LARGE(A1:A7,${k})`))).toEqual([9, 5, 2, 2]);
  });

  test('text, booleans and blanks in a range are ignored; an array literal too', () => {
    expect(code(ev('=SMALL(A2:A4,1)'))).toBe('#NUM!');
    expect(ev('=SMALL({4,"a",TRUE,1},2)')).toBe(4);
    expect(ev('=LARGE({4,"a",TRUE,1},1)')).toBe(4);
  });

  test('an error in the range is the result', () => {
    expect(code(ev('=SMALL(B1:B3,1)'))).toBe('#DIV/0!');
    expect(code(ev('=LARGE(B1:B3,1)'))).toBe('#DIV/0!');
  });

  test('k below 1 or above the count is #NUM!; a fractional k rounds up; k as text that reads as a number works', () => {
    expect(code(ev('=SMALL(A1:A7,0)'))).toBe('#NUM!');
    expect(code(ev('=LARGE(A1:A7,-1)'))).toBe('#NUM!');
    expect(code(ev('=LARGE(A1:A7,5)'))).toBe('#NUM!');
    expect(ev('=SMALL(A1:A7,2.1)')).toBe(5);
    expect(ev('=SMALL(A1:A7,"3")')).toBe(5);
    expect(code(ev('=SMALL(A1:A7,"x")'))).toBe('#VALUE!');
  });

  test('of a computed array (the calendar idiom: non-matches pushed past 1,000,000)', () => {
    // Rows 1…7 of A; keep those holding 2, push the rest away.
    expect(ev('=SUMPRODUCT(SMALL(ROW(A1:A7)+(1-(A1:A7=2))*1000000,1))')).toBe(5);
    expect(ev('=SUMPRODUCT(SMALL(ROW(A1:A7)+(1-(A1:A7=2))*1000000,2))')).toBe(7);
    expect(ev('=SUMPRODUCT(SMALL(ROW(A1:A7)+(1-(A1:A7=2))*1000000,3))')).toBeGreaterThan(1000000);
  });

  test('agree with sorting, for any list of numbers and any k (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 30 }), fc.nat(40), (numbers, k) => {
        const one = sheet(numbers.map((n) => [n]));
        const small = one.evaluateFormula('S', `=SMALL(A1:A${numbers.length},${k})`);
        const large = one.evaluateFormula('S', `=LARGE(A1:A${numbers.length},${k})`);
        const ascending = [...numbers].sort((a, b) => a - b);
        if (k < 1 || k > numbers.length) {
          expect(code(small)).toBe('#NUM!');
          expect(code(large)).toBe('#NUM!');
        } else {
          expect(small).toBe(ascending[k - 1]);
          expect(large).toBe(ascending[numbers.length - k]);
        }
      }),
    );
  });
});

describe('ROW and COLUMN of a range', () => {
  test('give an array of row / column numbers inside SUMPRODUCT', () => {
    expect(ev('=SUMPRODUCT(ROW(A3:A6))')).toBe(3 + 4 + 5 + 6);
    expect(ev('=SUMPRODUCT(COLUMN(B1:E1))')).toBe(2 + 3 + 4 + 5);
    expect(ev('=SUMPRODUCT(ROW(A2:C4)*1)')).toBe(2 + 3 + 4);
    expect(ev('=SUMPRODUCT(COLUMN(B2:C9))')).toBe(2 + 3);
    expect(ev('=SUMPRODUCT(ROW(S!$A$2:$A$4)-1)')).toBe(1 + 2 + 3);
  });

  test('a cell shows the first number, as before', () => {
    expect(ev('=ROW(B3:B9)')).toBe(3);
    expect(ev('=COLUMN(C2:F2)')).toBe(3);
    expect(ev('=ROW(D4:D4)')).toBe(4);
  });

  test('relative ranges move with the cell a conditional format tests; an open range runs to the last row', () => {
    const rule = new WorkbookCalc([{ name: 'S', cells: [[1], [2], [3]] }], TODAY);
    expect(rule.evaluateFormula('S', '=SUMPRODUCT(ROW(A1:A2))', { row: 0, col: 0 })).toBe(3);
    expect(rule.evaluateFormula('S', '=SUMPRODUCT(ROW(A:A))')).toBe(1 + 2 + 3);
  });

  test('never read the cells, so ROW of a range holding the formula itself is no cycle', () => {
    const own = new WorkbookCalc([{ name: 'S', cells: [[1], [{ formula: '=SUMPRODUCT(ROW(A1:A3))', value: null }], [3]] }], TODAY);
    expect(own.recompute().get('S')![1][0]).toBe(6);
  });
});

describe('the calendar’s live slot formulas in the engine', () => {
  const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day);
  const row = (name: string, type: ActivityRow['type'], start: number, end: number, owner = '', status: ActivityRow['status'] = null): ActivityRow => ({
    name,
    type,
    start,
    end,
    owner,
    targetGroups: [],
    goal: '',
    status,
  });

  test('every slot of a busy week shows what the core computes from the list (our list tab, with a cancelled row and a crowded day)', () => {
    const rows = [
      row('训练营A', 'camp', d(2026, 12, 1), d(2026, 12, 3), '林晓'),
      row('直播课', 'marketingClass', d(2026, 12, 2), d(2026, 12, 2), '赵老师'),
      row('取消了', 'promotion', d(2026, 12, 2), d(2026, 12, 2), '', 'cancelled'),
      row('朋友圈', 'dailyContent', d(2026, 12, 1), d(2026, 12, 7), '周舟', 'draft'),
      row('调研', 'survey', d(2026, 12, 2), d(2026, 12, 2)),
      row('公开课', 'openClass', d(2026, 12, 2), d(2026, 12, 2)),
    ];
    const list = buildActivityListTab('zh-CN', '团队', rows);
    const grid: CellValue[][] = list.rows.map((cells) => cells.map((cell) => cellValue(cell)));
    const { activities } = readActivityGrid(grid, { tab: '活动清单' });
    const ref = { tabName: '活动清单', layout: DEFAULT_LIST_LAYOUT, gridRows: grid.length };
    const slots = 4;
    const days = Array.from({ length: 7 }, (_, i) => d(2026, 12, 1) + i);
    const calendar: Cell[][] = Array.from({ length: slots }, (_, k) =>
      days.map((day) => ({ formula: '=' + slotFormula(ref, day, k + 1, slots, 'zh-CN'), value: null })),
    );
    const values = new WorkbookCalc(
      [
        { name: '日历', cells: calendar },
        { name: '活动清单', cells: list.rows },
      ],
      TODAY,
    )
      .recompute()
      .get('日历')!;
    days.forEach((day, c) => {
      const expected = slotTexts(activitiesOn(activities, day), slots, 'zh-CN');
      expect(values.map((cells) => cells[c])).toEqual(expected);
    });
    // Checked by hand, not only against the core: December 2 has five activities for four slots.
    // The 朋友圈 row is a draft: its slot says so.
    expect(values.map((cells) => cells[1])).toEqual([
      '【训练营】训练营A · 林晓',
      '【营销课】直播课 · 赵老师',
      '草稿·【日常产出】朋友圈 · 周舟',
      '…另有 2 项（见活动清单）',
    ]);
    expect(values.map((cells) => cells[6])).toEqual(['草稿·【日常产出】朋友圈 · 周舟', '', '', '']);
  });
});

describe('repeated sub-expressions', () => {
  test('are parsed into one shared node and still give the same values, also where ROW() depends on the cell', () => {
    const ast = parseFormula('=SUM(A1:A3)*2+SUM(A1:A3)');
    expect(ast.type === 'binary' && ast.left.type === 'binary' && ast.left.left === ast.right).toBe(true);
    expect(ev('=SUM(A1:A1)*2+SUM(A1:A1)')).toBe(15);
    const rows = new WorkbookCalc(
      [{ name: 'S', cells: [[{ formula: '=ROW()*10+ROW()', value: null }], [{ formula: '=ROW()*10+ROW()', value: null }]] }],
      TODAY,
    );
    expect(
      rows
        .recompute()
        .get('S')!
        .map((row) => row[0]),
    ).toEqual([11, 22]);
    const rule = { ranges: [{ row: 0, col: 0, rows: 2, cols: 1 }], formula: '=ROW()+ROW()=4', style: { bold: true } };
    expect(rows.matchConditionalFormat('S', rule)).toEqual([{ row: 1, col: 0 }]);
  });
});
