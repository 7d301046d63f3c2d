/**
 * Grid files from disk (.tsv, .csv, .xlsx) as typed grids. Text stays text here: reading numbers
 * out of "1.2万" or "¥5,800" is the metrics parser's job, not the file reader's.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { AppError } from '../core/errors';
import type { CellValue } from '../core/tab/spec';
import { readWorkbook } from './xlsx';

export interface GridFileTab {
  name: string;
  values: CellValue[][];
}

export type Delimiter = '\t' | ',';

/**
 * The tabs of a grid file: one for a .tsv or .csv (named after the file), every visible sheet of
 * an .xlsx. Throws AppError 'error.fileNotFound' when the file cannot be read, 'error.unsupportedFile'
 * for a file type it does not know.
 */
export async function readGridFile(filePath: string): Promise<GridFileTab[]> {
  const extension = path.extname(filePath).toLowerCase();
  const delimiter: Delimiter | null = extension === '.tsv' ? '\t' : extension === '.csv' ? ',' : null;
  if (delimiter === null && extension !== '.xlsx') {
    throw new AppError({ code: 'error.unsupportedFile', params: { ext: extension || path.basename(filePath) } });
  }
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(filePath);
  } catch {
    throw new AppError({ code: 'error.fileNotFound', params: { path: filePath } });
  }
  if (delimiter === null) {
    const sheets = await readWorkbook(bytes);
    return sheets.filter((sheet) => sheet.visible).map(({ name, values }) => ({ name, values }));
  }
  return [{ name: path.basename(filePath, path.extname(filePath)), values: parseDelimited(decodeText(bytes), delimiter) }];
}

/**
 * Text files as exported in China come in UTF-8 (with or without a BOM), UTF-16 (Excel's
 * "Unicode text") or GB18030/GBK (Excel's and WeCom's CSV on a Chinese Windows).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * Parses tab- or comma-separated text (RFC 4180 quoting: a field that starts with a double quote
 * runs to the closing quote, "" inside it is one quote, and it may hold delimiters and line
 * breaks). Accepts a BOM and CRLF, LF or CR line ends. 'auto' takes a tab when the first line has
 * one, else a comma. Empty fields are null; the grid is padded to a rectangle, without trailing
 * empty rows and columns.
 */
export function parseDelimited(text: string, delimiter: Delimiter | 'auto'): CellValue[][] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const separator = delimiter === 'auto' ? detectDelimiter(source) : delimiter;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  const endRow = (): void => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < source.length) {
    const ch = source[i];
    if (ch === '"' && field === '') {
      // A quoted field; text after its closing quote (outside the RFC) is kept as written.
      i++;
      while (i < source.length) {
        if (source[i] === '"') {
          if (source[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += source[i++];
      }
      continue;
    }
    if (ch === separator) endField();
    else if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && source[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) endRow();
  return toGrid(rows);
}

function detectDelimiter(text: string): Delimiter {
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  return firstLine.includes('\t') || !firstLine.includes(',') ? '\t' : ',';
}

function toGrid(rows: string[][]): CellValue[][] {
  let height = 0;
  let width = 0;
  rows.forEach((row, r) =>
    row.forEach((field, c) => {
      if (field === '') return;
      height = Math.max(height, r + 1);
      width = Math.max(width, c + 1);
    }),
  );
  const grid: CellValue[][] = [];
  for (let r = 0; r < height; r++) {
    const values: CellValue[] = [];
    for (let c = 0; c < width; c++) {
      const field = rows[r][c];
      values.push(field === undefined || field === '' ? null : field);
    }
    grid.push(values);
  }
  return grid;
}
