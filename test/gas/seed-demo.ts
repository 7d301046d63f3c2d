/** A demo file as a pasted sheet in the recording fake, for the cost tests and the bench. */
import { pastedTab } from '../../src/local/demo';
import type { FakeGas } from './fake-spreadsheet';

/** Seeds the text as a person's pasted sheet: its values, and a date format where the paste held a date. */
export function seedPastedDemo(fake: FakeGas, name: string, text: string): void {
  const { values, formats } = pastedTab(text);
  const cellFormats = values.map((row) => row.map((): string | null => null));
  for (const run of formats)
    for (let r = run.range.row; r < run.range.row + run.range.rows; r++)
      for (let c = run.range.col; c < run.range.col + run.range.cols; c++) cellFormats[r][c] = run.format === 'date' ? 'yyyy-mm-dd' : '0%';
  fake.seedSheet(name, values as (string | number | boolean | null)[][], cellFormats);
}
