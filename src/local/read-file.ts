/**
 * Grid files from disk (.tsv, .csv, .xlsx) as typed grids. Text stays text here: reading numbers
 * out of "1.2万" or "¥5,800" is the metrics parser's job, not the file reader's.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { AppError } from '../core/errors';
import { parseDelimited, type Delimiter } from '../core/metrics/paste';
import type { CellValue } from '../core/tab/spec';
import { readWorkbookFile } from './xlsx';

export interface GridFileTab {
  name: string;
  values: CellValue[][];
}

/** The text parser lives in the core, where the sidebar's pasted text is read with it too. */
export { parseDelimited, type Delimiter };

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
    const sheets = await readWorkbookFile(bytes, filePath);
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
