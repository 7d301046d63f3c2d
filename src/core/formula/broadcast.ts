/** Array semantics: an operation on ranges or arrays applies cell by cell. */
import { ArrayValue, FormulaError, Grid, Scalar, Value, isGrid } from './values';

/**
 * Applies fn cell by cell when any argument is a range or array (the result is an array as large as
 * the largest; a 1×1 argument is repeated; cells outside a smaller argument are #N/A), else once.
 */
export function mapCells(values: Value[], fn: (scalars: Scalar[]) => Scalar): Value {
  let height = 0;
  let width = 0;
  let anyGrid = false;
  for (const value of values) {
    if (!isGrid(value)) continue;
    anyGrid = true;
    if (value.height > height) height = value.height;
    if (value.width > width) width = value.width;
  }
  if (!anyGrid) return fn(values as Scalar[]);
  // Grids looked up once, not per cell: this loop runs for every cell of every array operation.
  const grids = values.map((value) => (isGrid(value) ? value : null));
  const rows: Scalar[][] = [];
  const scalars: Scalar[] = new Array(values.length);
  for (let r = 0; r < height; r++) {
    const row: Scalar[] = new Array(width);
    for (let c = 0; c < width; c++) {
      for (let i = 0; i < values.length; i++) {
        const grid = grids[i];
        scalars[i] = grid === null ? (values[i] as Scalar) : cellAt(grid, r, c);
      }
      row[c] = fn(scalars);
    }
    rows.push(row);
  }
  return new ArrayValue(rows);
}

function cellAt(grid: Grid, row: number, col: number): Scalar {
  const r = grid.height === 1 ? 0 : row;
  const c = grid.width === 1 ? 0 : col;
  return r < grid.height && c < grid.width ? grid.get(r, c) : new FormulaError('#N/A', 'Array sizes differ');
}
