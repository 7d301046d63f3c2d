/**
 * Rearranging a tab's rows the way a person would in a spreadsheet: deleting, moving and inserting
 * whole rows. Whatever a row holds (the user's own columns, notes, colours, a hidden state, a filter's
 * verdict) goes where the row goes, because the row itself moves; nothing has to be read and written
 * back. Both the Sheets adapter (deleteRows / moveRows / insertRowsAfter) and the local workbook apply
 * the same operations, so the two cannot disagree on where a row ends up.
 *
 * Coordinates are 0-based sheet rows (columns for column operations).
 */

export type RowOp =
  /** Removes rows [at, at + count). */
  | { op: 'delete'; at: number; count: number }
  /** Moves rows [from, from + count) to stand just before what is row `to` before the move (to ∉ [from, from + count]). */
  | { op: 'move'; from: number; count: number; to: number }
  /** Inserts `count` blank rows so that the first of them is row `at`; they take the formats of row at - 1. */
  | { op: 'insert'; at: number; count: number };

/** Columns are only ever added or removed: the user's column order is theirs. */
export type ColumnOp = { op: 'delete'; at: number; count: number } | { op: 'insert'; at: number; count: number };

/**
 * The operations that turn the block of rows [first, first + oldCount) into `order`: entry i of `order`
 * says which old row (an index in [first, first + oldCount)) becomes row first + i, or null for a new
 * blank row. Old rows that `order` does not name are deleted; rows below the block follow it.
 * Rows that keep their relative order are not moved, so regenerating with the same rows costs nothing.
 */
export function planRowOps(first: number, oldCount: number, order: ReadonlyArray<number | null>): RowOp[] {
  const ops: RowOp[] = [];
  const named = new Set<number>();
  for (const row of order) {
    if (row === null) continue;
    if (row < first || row >= first + oldCount || named.has(row)) throw new Error(`planRowOps: row ${row} is not an old row or is named twice`);
    named.add(row);
  }

  // 1. Delete, bottom up, in runs, so that the indexes of the runs still to delete stay valid.
  for (let row = first + oldCount - 1; row >= first;) {
    if (named.has(row)) {
      row--;
      continue;
    }
    let start = row;
    while (start - 1 >= first && !named.has(start - 1)) start--;
    ops.push({ op: 'delete', at: start, count: row - start + 1 });
    row = start - 1;
  }

  // 2. Move the kept rows into their order; a run already in order moves as one block.
  const current = [...named].sort((a, b) => a - b);
  const target = order.filter((row): row is number => row !== null);
  for (let i = 0; i < target.length; i++) {
    if (current[i] === target[i]) continue;
    const j = current.indexOf(target[i], i + 1);
    let count = 1;
    while (i + count < target.length && j + count < current.length && current[j + count] === target[i + count]) count++;
    ops.push({ op: 'move', from: first + j, count, to: first + i });
    current.splice(i, 0, ...current.splice(j, count));
    i += count - 1;
  }

  // 3. Insert the new rows where they belong, top down, so each lands at its final index.
  for (let i = 0; i < order.length;) {
    if (order[i] !== null) {
      i++;
      continue;
    }
    let count = 1;
    while (i + count < order.length && order[i + count] === null) count++;
    ops.push({ op: 'insert', at: first + i, count });
    i += count;
  }
  return ops;
}

/**
 * Where each of `height` rows goes under one operation: the new index of every old row (null when
 * deleted), and for every new row the old row it was (null when inserted). Adapters that keep a tab
 * in memory move their rows with this; the planner uses it to know where a user's cell will be.
 */
export function applyRowOp(op: RowOp | ColumnOp, height: number): { oldToNew: Array<number | null>; newToOld: Array<number | null> } {
  const rows = Array.from({ length: height }, (_, i): number | null => i);
  switch (op.op) {
    case 'delete':
      rows.splice(op.at, op.count);
      break;
    case 'insert':
      rows.splice(Math.min(op.at, rows.length), 0, ...new Array<null>(op.count).fill(null));
      break;
    case 'move': {
      const block = rows.splice(op.from, op.count);
      const to = op.to > op.from ? op.to - op.count : op.to;
      rows.splice(to, 0, ...block);
      break;
    }
  }
  const oldToNew: Array<number | null> = new Array<number | null>(height).fill(null);
  rows.forEach((old, index) => {
    if (old !== null) oldToNew[old] = index;
  });
  return { oldToNew, newToOld: rows };
}

/** Where every old row ends up after a list of operations (null: deleted). */
export function rowDestinations(ops: ReadonlyArray<RowOp | ColumnOp>, height: number): Array<number | null> {
  let destinations: Array<number | null> = Array.from({ length: height }, (_, i) => i);
  let size = height;
  for (const op of ops) {
    const { oldToNew, newToOld } = applyRowOp(op, size);
    destinations = destinations.map((at) => (at === null ? null : oldToNew[at]));
    size = newToOld.length;
  }
  return destinations;
}

/** Where every row after a list of operations was before them (null: inserted by them). */
export function rowOrigins(ops: ReadonlyArray<RowOp | ColumnOp>, height: number): Array<number | null> {
  const size = ops.reduce((n, op) => n + (op.op === 'delete' ? -op.count : op.op === 'insert' ? op.count : 0), height);
  const origins = new Array<number | null>(Math.max(0, size)).fill(null);
  rowDestinations(ops, height).forEach((to, from) => {
    if (to !== null) origins[to] = from;
  });
  return origins;
}
