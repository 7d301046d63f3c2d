/**
 * Grid files from disk (.tsv, .csv, .xlsx) as typed grids. Text stays text here: reading numbers
 * out of "1.2万" or "¥5,800" is the metrics parser's job, not the file reader's.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { AppError, isAppError } from '../core/errors';
import { parseDelimited, type Delimiter } from '../core/metrics/paste';
import type { CellValue } from '../core/tab/spec';

export interface GridFileTab {
  name: string;
  values: CellValue[][];
}

/** The text parser lives in the core, where the sidebar's pasted text is read with it too. */
export { parseDelimited, type Delimiter };

/**
 * The largest files read, checked before reading. A .tsv/.csv is split in memory: 100 MB is
 * PASTE_LIMITS.rows rows of a hundred bytes (an 800,000-row member export is 46 MB), and about as
 * many characters as PASTE_LIMITS allows. ExcelJS holds a whole .xlsx in memory at about 140 times
 * its size (a 10 MB workbook of 200,000 rows × 10 columns takes 1.4 GB and half a minute), so larger
 * ones would end in a V8 heap crash instead of a message.
 */
export const FILE_LIMITS = {
  textBytes: 100 * 1024 * 1024,
  xlsxBytes: 10 * 1024 * 1024,
  /**
   * What an .xlsx may unpack to: a 10 MB workbook of 200,000 rows unpacks to about 120 MB. One that
   * declares more (a "zip bomb" among them) is refused before anything is inflated.
   */
  xlsxUnpackedBytes: 200 * 1024 * 1024,
} as const;

/**
 * The bytes of a file the person named, refused with a message naming it when it cannot be read: not
 * there ('error.fileNotFound'), a folder ('error.isFolder'), or larger than `maxBytes`
 * ('error.fileTooLarge').
 */
export async function readInputFile(filePath: string, maxBytes: number): Promise<Buffer> {
  let size: number;
  try {
    const stat = await fs.stat(filePath);
    if (stat.isDirectory()) throw new AppError({ code: 'error.isFolder', params: { path: filePath } });
    size = stat.size;
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError({ code: 'error.fileNotFound', params: { path: filePath } });
  }
  if (size > maxBytes) {
    throw new AppError({ code: 'error.fileTooLarge', params: { size: megabytes(size), limit: megabytes(maxBytes) }, location: { file: filePath } });
  }
  try {
    return await fs.readFile(filePath);
  } catch {
    throw new AppError({ code: 'error.fileNotFound', params: { path: filePath } });
  }
}

/**
 * The bytes of an .xlsx the person named: readInputFile's refusals, and 'error.workbookUnpacksTooLarge'
 * when its zip declares more than FILE_LIMITS.xlsxUnpackedBytes.
 */
export async function readWorkbookInputFile(filePath: string): Promise<Buffer> {
  const bytes = await readInputFile(filePath, FILE_LIMITS.xlsxBytes);
  const unpacked = declaredUnpackedBytes(bytes);
  if (unpacked !== null && unpacked > FILE_LIMITS.xlsxUnpackedBytes) {
    throw new AppError({
      code: 'error.workbookUnpacksTooLarge',
      params: { size: megabytes(unpacked), limit: megabytes(FILE_LIMITS.xlsxUnpackedBytes) },
      location: { file: filePath },
    });
  }
  return bytes;
}

/**
 * The sum of the uncompressed sizes a zip's central directory declares, or null when the bytes are
 * not a zip whose directory can be found (the reader then says the file is unreadable).
 */
export function declaredUnpackedBytes(buffer: Buffer | Uint8Array): number | null {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  // The end-of-central-directory record is the last 22 bytes, followed by a comment of up to 65,535.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (bytes.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const size = bytes.readUInt32LE(at + 24);
    // 0xFFFFFFFF means the real size sits in a Zip64 field: more than this reader would hold anyway.
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : size;
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return total;
}

/** 52428800 → "50 MB", 54945382 → "52.4 MB". */
function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/**
 * The tabs of a grid file: one for a .tsv or .csv (named after the file), every visible sheet of
 * an .xlsx. Throws AppError 'error.fileNotFound' when the file cannot be read, 'error.unsupportedFile'
 * for a file type it does not know, and the limits' errors (FILE_LIMITS, PASTE_LIMITS) naming the file.
 */
export async function readGridFile(filePath: string): Promise<GridFileTab[]> {
  const extension = path.extname(filePath).toLowerCase();
  const delimiter: Delimiter | null = extension === '.tsv' ? '\t' : extension === '.csv' ? ',' : null;
  if (delimiter === null && extension !== '.xlsx') {
    throw new AppError({ code: 'error.unsupportedFile', params: { ext: extension || path.basename(filePath) } });
  }
  const bytes = delimiter === null ? await readWorkbookInputFile(filePath) : await readInputFile(filePath, FILE_LIMITS.textBytes);
  if (delimiter === null) {
    // Loaded when a workbook is read: ExcelJS takes a third of a second to load, which --help and .tsv input need not wait for.
    const { readWorkbookFile } = await import('./xlsx');
    const sheets = await readWorkbookFile(bytes, filePath);
    return sheets.filter((sheet) => sheet.visible).map(({ name, values }) => ({ name, values }));
  }
  let values: CellValue[][];
  try {
    values = parseDelimited(decodeText(bytes), delimiter);
  } catch (error) {
    // The text parser does not know the file it reads; the person needs its name.
    if (!isAppError(error)) throw error;
    throw new AppError(error.problems.map((problem) => ({ ...problem, location: { file: filePath, ...problem.location } })));
  }
  return [{ name: path.basename(filePath, path.extname(filePath)), values }];
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
