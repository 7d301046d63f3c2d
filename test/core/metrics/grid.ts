/** Test helpers: sample files read from test/core/metrics/fixtures and split into grids of text cells. */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { CellValue } from '../../../src/core/tab/spec';

/** Splits pasted text into rows and cells (no quoting: the samples have none); blank cells become null. */
export function splitGrid(text: string, separator: '\t' | ','): CellValue[][] {
  return text
    .replace(/\r/g, '')
    .split('\n')
    .filter((line, index, lines) => line !== '' || index < lines.length - 1)
    .map((line) => line.split(separator).map((cell) => (cell === '' ? null : cell)));
}

export function fixture(name: string): CellValue[][] {
  const text = readFileSync(join(__dirname, 'fixtures', name), 'utf8');
  return splitGrid(text, name.endsWith('.csv') ? ',' : '\t');
}
