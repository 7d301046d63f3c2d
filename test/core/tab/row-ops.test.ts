/** Rearranging rows as a person would: the operations put every row where the new order wants it. */
import fc from 'fast-check';
import { applyRowOp, planRowOps, rowDestinations, rowOrigins, type RowOp } from '../../../src/core/tab/row-ops';

/** Applies operations to labelled rows, as a spreadsheet would. */
function simulate(rows: Array<string | null>, ops: RowOp[]): Array<string | null> {
  let current = [...rows];
  for (const op of ops) current = applyRowOp(op, current.length).newToOld.map((old) => (old === null ? null : current[old]));
  return current;
}

const label = (i: number) => `r${i}`;

describe('planning row operations', () => {
  test('the same rows in the same order need no operation at all', () => {
    expect(planRowOps(1, 5, [1, 2, 3, 4, 5])).toEqual([]);
  });

  test('a row moved to the end moves the others as one block', () => {
    expect(planRowOps(1, 4, [2, 3, 4, 1])).toEqual([{ op: 'move', from: 2, count: 3, to: 1 }]);
  });

  test('dropped rows are deleted in runs from the bottom up; new rows are inserted where they belong', () => {
    expect(planRowOps(1, 6, [1, null, 4, 6, null, null])).toEqual([
      { op: 'delete', at: 5, count: 1 },
      { op: 'delete', at: 2, count: 2 },
      { op: 'insert', at: 2, count: 1 },
      { op: 'insert', at: 5, count: 2 },
    ]);
  });

  test('any order of kept, dropped and new rows comes out exactly, and rows below the table follow', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.boolean(), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 6 }),
        (first, oldCount, below, keep, shuffle, newAt) => {
          const old = Array.from({ length: oldCount }, (_, i) => first + i);
          const kept = old.filter((_, i) => keep[i] ?? true);
          // A deterministic shuffle driven by the generated numbers.
          const order: Array<number | null> = [...kept];
          shuffle.forEach((n, i) => {
            if (order.length < 2) return;
            const a = i % order.length;
            const b = n % order.length;
            [order[a], order[b]] = [order[b], order[a]];
          });
          for (const at of newAt) order.splice(Math.min(at, order.length), 0, null);

          const sheet = Array.from({ length: first + oldCount + below }, (_, i) => label(i));
          const ops = planRowOps(first, oldCount, order);
          const result = simulate(sheet, ops);
          const expected = [...sheet.slice(0, first), ...order.map((row) => (row === null ? null : label(row))), ...sheet.slice(first + oldCount)];
          expect(result).toEqual(expected);

          const destinations = rowDestinations(ops, sheet.length);
          sheet.forEach((name, i) => {
            const at = destinations[i];
            if (at === null) expect(result).not.toContain(name);
            else expect(result[at]).toBe(name);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('where each row came from', () => {
  test('inverts the destinations: every kept row is found where it went, inserted rows came from nowhere', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.oneof(fc.constant<number | null>(null), fc.nat(7)), { maxLength: 10 }), (count, wanted) => {
        const order = [...new Set(wanted.map((row) => (row === null || row >= count ? null : row + 1)))];
        const ops = planRowOps(1, count, order);
        const height = count + 1;
        const origins = rowOrigins(ops, height);
        const destinations = rowDestinations(ops, height);
        destinations.forEach((to, from) => {
          if (to !== null) expect(origins[to]).toBe(from);
        });
        expect(origins.filter((from) => from === null).length).toBe(order.filter((row) => row === null).length);
      }),
    );
  });
});
