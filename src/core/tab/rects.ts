/**
 * Rectangles of cells, as an adapter batches its writes: neighbouring rectangles of the same extent
 * joined into one (one call each instead of one per part), and whether some rectangles cover another.
 */
import type { RangeRef } from './spec';

/**
 * Joins neighbours until none is left: two rectangles one above the other with the same columns, or
 * side by side with the same rows, become one. What they cover together is exactly what they covered
 * apart. `join` makes the joined item from the two (and the rectangle they make).
 */
export function joinNeighbours<T extends { range: RangeRef }>(items: readonly T[], join: (a: T, b: T, range: RangeRef) => T): T[] {
  const out = [...items];
  for (let joined = true; joined;) {
    joined = false;
    search: for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const range = union(out[i].range, out[j].range);
        if (!range) continue;
        out[i] = join(out[i], out[j], range);
        out.splice(j, 1);
        joined = true;
        break search;
      }
    }
  }
  return out;
}

/** The rectangle two neighbours make, or null when they are not neighbours of the same extent. */
function union(a: RangeRef, b: RangeRef): RangeRef | null {
  if (a.col === b.col && a.cols === b.cols) {
    if (a.row + a.rows === b.row) return { row: a.row, col: a.col, rows: a.rows + b.rows, cols: a.cols };
    if (b.row + b.rows === a.row) return { row: b.row, col: a.col, rows: a.rows + b.rows, cols: a.cols };
  }
  if (a.row === b.row && a.rows === b.rows) {
    if (a.col + a.cols === b.col) return { row: a.row, col: a.col, rows: a.rows, cols: a.cols + b.cols };
    if (b.col + b.cols === a.col) return { row: a.row, col: b.col, rows: a.rows, cols: a.cols + b.cols };
  }
  return null;
}

/** Whether every cell of `target` is in one of `cover`. */
export function covers(cover: readonly RangeRef[], target: RangeRef): boolean {
  if (target.rows < 1 || target.cols < 1) return true;
  for (let row = target.row; row < target.row + target.rows; row++) {
    const spans = cover
      .filter((r) => row >= r.row && row < r.row + r.rows)
      .map((r) => [r.col, r.col + r.cols] as const)
      .sort((a, b) => a[0] - b[0]);
    let reached = target.col;
    for (const [start, end] of spans) {
      if (start > reached) break;
      reached = Math.max(reached, end);
    }
    if (reached < target.col + target.cols) return false;
  }
  return true;
}

/** The smallest rectangle holding all of them (they must not be empty). */
export function boundingRect(rects: readonly RangeRef[]): RangeRef {
  const top = Math.min(...rects.map((r) => r.row));
  const left = Math.min(...rects.map((r) => r.col));
  const bottom = Math.max(...rects.map((r) => r.row + r.rows));
  const right = Math.max(...rects.map((r) => r.col + r.cols));
  return { row: top, col: left, rows: bottom - top, cols: right - left };
}
