/**
 * Delimited text as a grid: what a user pastes into the sidebar (tab-separated when copied from
 * Sheets, Excel or WeCom; comma-separated from a CSV opened as text) and what .tsv/.csv files hold.
 * Text stays text: reading "1.2万" or "¥5,800" as numbers is the metrics parser's job.
 */
import { AppError } from '../errors';
import type { CellValue } from '../tab/spec';

export type Delimiter = '\t' | ',';

/**
 * The most a paste or a text file may hold; beyond it the split grid would no longer fit in memory (a
 * V8 heap crash in Node, a killed execution in Apps Script), so a larger input is refused before it is
 * split, naming the limit. A list of people (members, attendance, orders) may have 1,000,000 rows,
 * about as many as a sheet holds (an 800,000-row member export is 46 MB). 110,000,000 characters is
 * more than the CLI's largest text file (100 MB) can hold; that much text of nothing but empty
 * cells, the most cells it can hold, peaks at 2.8 GB in the CLI, below Node's 4 GB heap. A table of
 * figures per group is held to `tableRows` by whoever reads one: each of its rows becomes a row of
 * the metrics tab with a dozen formulas, and writing 50,000 of them to an .xlsx takes 2 GB and most
 * of a minute.
 */
export const PASTE_LIMITS = { characters: 110_000_000, rows: 1_000_000, tableRows: 50_000 } as const;

/**
 * Parses tab- or comma-separated text (RFC 4180 quoting: a field that starts with a double quote
 * runs to the closing quote, "" inside it is one quote, and it may hold delimiters and line
 * breaks). Accepts a BOM and CRLF, LF or CR line ends. 'auto' takes a tab when the first line has
 * one, else a comma. Empty fields are null; the grid is padded to a rectangle, without trailing
 * empty rows and columns. Text beyond PASTE_LIMITS is refused with an AppError.
 */
export function parseDelimited(text: string, delimiter: Delimiter | 'auto'): CellValue[][] {
  if (text.length > PASTE_LIMITS.characters) {
    throw new AppError({ code: 'error.pasteTooLarge', params: { characters: thousands(text.length), limit: thousands(PASTE_LIMITS.characters) } });
  }
  const source = withoutBom(text);
  const separator = delimiter === 'auto' ? firstLineDelimiter(source) : delimiter;
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
    if (rows.length > PASTE_LIMITS.rows) throw new AppError({ code: 'error.tooManyRows', params: { limit: thousands(PASTE_LIMITS.rows) } });
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
    } else {
      // The run of plain characters up to the next separator, quote or line end, in one slice.
      let end = i + 1;
      while (end < source.length) {
        const next = source[end];
        if (next === separator || next === '\r' || next === '\n' || next === '"') break;
        end++;
      }
      field += source.slice(i, end);
      i = end;
      continue;
    }
    i++;
  }
  if (field !== '' || row.length > 0) endRow();
  return toGrid(rows);
}

/**
 * Text pasted into the sidebar. Its first line is often a title without any delimiter ("11月 Java
 * 引流群数据"), so the delimiter is a tab when any line has one (every copy from a spreadsheet),
 * else a comma when any line has one, else a tab (one column).
 */
export function parsePastedText(text: string): CellValue[][] {
  const source = withoutBom(text);
  const delimiter: Delimiter = source.includes('\t') || !source.includes(',') ? '\t' : ',';
  return parseDelimited(source, delimiter);
}

/** 20000000 → "20,000,000": a limit people can read at a glance, in either language. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function firstLineDelimiter(text: string): Delimiter {
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  return firstLine.includes('\t') || !firstLine.includes(',') ? '\t' : ',';
}

/** The parsed rows made rectangular in place (a paste can be 100,000 rows: no second copy). */
function toGrid(rows: string[][]): CellValue[][] {
  let height = 0;
  let width = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = row.length - 1; c >= 0; c--) {
      if (row[c] === '') continue;
      height = r + 1;
      if (c + 1 > width) width = c + 1;
      break;
    }
  }
  const grid = rows as unknown as CellValue[][];
  grid.length = height;
  for (const row of grid) {
    for (let c = 0; c < row.length; c++) if (row[c] === '') row[c] = null;
    if (row.length > width) row.length = width;
    while (row.length < width) row.push(null);
  }
  return grid;
}
