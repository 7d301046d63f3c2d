/** Rectangles an adapter writes: neighbours joined without covering a cell more or less, and cover checks. */
import fc from 'fast-check';
import { boundingRect, covers, joinNeighbours } from '../../../src/core/tab/rects';
import type { RangeRef } from '../../../src/core/tab/spec';

const rect = (row: number, col: number, rows: number, cols: number): RangeRef => ({ row, col, rows, cols });
const cells = (rects: RangeRef[]): Set<string> => {
  const out = new Set<string>();
  for (const r of rects) for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) out.add(`${r.row + i},${r.col + j}`);
  return out;
};
const join = (rects: RangeRef[]): RangeRef[] =>
  joinNeighbours(
    rects.map((range) => ({ range })),
    (_a, _b, range) => ({ range }),
  ).map((item) => item.range);

describe('joining neighbouring rectangles', () => {
  test('a Gantt tab’s header rows, table and workload block become one rectangle; a gap row keeps them apart', () => {
    expect(join([rect(0, 0, 3, 112), rect(3, 0, 1, 112), rect(4, 0, 12, 112), rect(16, 0, 48, 112)])).toEqual([rect(0, 0, 64, 112)]);
    expect(join([rect(0, 0, 16, 112), rect(17, 0, 48, 112)])).toEqual([rect(0, 0, 16, 112), rect(17, 0, 48, 112)]);
  });

  test('side by side with the same rows join; a table’s header and data rows of one run of columns join', () => {
    expect(join([rect(0, 0, 1, 4), rect(1, 0, 2, 4)])).toEqual([rect(0, 0, 3, 4)]);
    expect(join([rect(2, 0, 5, 2), rect(2, 2, 5, 3)])).toEqual([rect(2, 0, 5, 5)]);
    expect(join([rect(0, 0, 1, 16), rect(0, 17, 10, 5)])).toEqual([rect(0, 0, 1, 16), rect(0, 17, 10, 5)]);
  });

  test('the joined rectangles cover exactly the cells the parts covered, in no more rectangles', () => {
    const arbitraryRect = fc.record({ row: fc.nat(6), col: fc.nat(6), rows: fc.integer({ min: 1, max: 3 }), cols: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(fc.array(arbitraryRect, { maxLength: 6 }), (rects) => {
        const joined = join(rects);
        expect(cells(joined)).toEqual(cells(rects));
        expect(joined.length).toBeLessThanOrEqual(rects.length);
      }),
    );
  });
});

describe('covering', () => {
  test('a rectangle is covered by parts that leave no cell of it out', () => {
    expect(covers([rect(0, 0, 2, 3), rect(2, 0, 1, 3)], rect(0, 0, 3, 3))).toBe(true);
    expect(covers([rect(0, 0, 3, 1), rect(0, 2, 3, 1)], rect(0, 0, 3, 3))).toBe(false);
    expect(covers([rect(0, 0, 3, 2), rect(1, 1, 2, 2)], rect(1, 0, 2, 3))).toBe(true);
    expect(covers([], rect(4, 4, 1, 1))).toBe(false);
  });

  test('agrees with counting cells', () => {
    const arbitraryRect = fc.record({ row: fc.nat(5), col: fc.nat(5), rows: fc.integer({ min: 1, max: 3 }), cols: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(fc.array(arbitraryRect, { maxLength: 5 }), arbitraryRect, (cover, target) => {
        const have = cells(cover);
        expect(covers(cover, target)).toBe([...cells([target])].every((cell) => have.has(cell)));
      }),
    );
  });

  test('the rectangle around dropdowns in two columns holds both', () => {
    expect(boundingRect([rect(4, 3, 12, 1), rect(4, 9, 12, 1)])).toEqual(rect(4, 3, 12, 7));
  });
});
