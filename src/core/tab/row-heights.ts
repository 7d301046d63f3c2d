/**
 * Row heights that fit a tab's text, measured without a font engine. Sheets and Excel fit a row to
 * its wrapped text by themselves; LibreOffice keeps the height an .xlsx states, and a row that
 * states none stays one line tall there, so its wrapped lines print over the next rows. The xlsx
 * writer states these heights for the rows that need more than one default line.
 *
 * The measure is an estimate, on the generous side: a CJK character is as wide as the font size,
 * Latin text a little over half of it; lines break at spaces, or anywhere between CJK characters.
 */
import { cellValue, type CellStyle, type RangeRef, type TabSpec } from './spec';

/** A cell's text leaves this much of its column's width (points) to the borders and the padding. */
const CELL_PADDING = 6;
/** A line of text takes its font size times this, plus the row's padding. */
const LINE_SPACING = 1.3;
const ROW_PADDING = 4;
/** Points per pixel: column widths are in screen pixels (96 per inch), heights in points (72). */
const POINTS_PER_PIXEL = 0.75;

/** Width in ems: CJK ideographs, kana, hangul, full-width forms and CJK punctuation take a whole em. */
function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x2e80 && code <= 0xa4cf) return 1;
  if (code >= 0xac00 && code <= 0xd7af) return 1;
  if (code >= 0xf900 && code <= 0xfaff) return 1;
  if (code >= 0xfe30 && code <= 0xfe4f) return 1;
  if (code >= 0xff00 && code <= 0xff60) return 1;
  if (code >= 0xffe0 && code <= 0xffe6) return 1;
  // Emoji and other astral characters are drawn about as wide as an ideograph.
  if (code > 0xffff) return 1.1;
  if (ch === ' ') return 0.3;
  if (/[A-Z]/.test(ch)) return 0.68;
  if (/[mwMW@%]/.test(ch)) return 0.85;
  if (/[iljtfr.,:;'!|]/.test(ch)) return 0.35;
  return 0.56;
}

/** The width of a text in points at a font size (in points), on one line. */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) ems += charWidth(ch);
  return ems * fontSize;
}

/**
 * How many lines a text takes in a cell `width` points wide: it breaks where the text has line
 * breaks, at spaces, and between any two CJK characters; a word longer than a line breaks anywhere.
 */
export function wrappedLineCount(text: string, fontSize: number, width: number): number {
  const room = Math.max(width - CELL_PADDING, fontSize);
  let lines = 0;
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    lines++;
    let x = 0;
    // Words of Latin text, single CJK characters (each may start a line), and runs of spaces.
    for (const token of paragraph.match(
      / +|[\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffe6]|[^ \u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffe6]+/gu,
    ) ?? []) {
      const w = textWidth(token, fontSize);
      if (token.startsWith(' ')) {
        x += w;
        continue;
      }
      if (x + w <= room) {
        x += w;
      } else if (w <= room) {
        lines++;
        x = w;
      } else {
        for (const ch of token) {
          const cw = textWidth(ch, fontSize);
          if (x + cw > room && x > 0) {
            lines++;
            x = 0;
          }
          x += cw;
        }
      }
    }
  }
  return Math.max(lines, 1);
}

/** The height in points of a row of `lines` lines of text at a font size. */
export function lineHeight(lines: number, fontSize: number): number {
  return Math.ceil(lines * fontSize * LINE_SPACING + ROW_PADDING);
}

export interface RowHeightDefaults {
  /** The font size (points) of cells without their own. */
  fontSize: number;
  /** The height (points) of a row that states none. */
  rowHeight: number;
  /** The width (pixels) of a column that states none. */
  columnWidth: number;
}

/**
 * The height (points) each row needs where that is more than `defaults.rowHeight`: wrapped text over
 * the width of its cell (a merge across columns counts as one cell), or a font larger than the
 * default. `styles` is styleGrid(spec) for the rows to measure. Rows of a merge down several rows
 * are not measured: the merge's height is shared, and no generated tab wraps text in one.
 */
export function rowHeightsToFit(spec: TabSpec, styles: CellStyle[][], defaults: RowHeightDefaults): Map<number, number> {
  const widthOf = (col: number): number => (spec.columns[col]?.hidden ? 0 : (spec.columns[col]?.width ?? defaults.columnWidth)) * POINTS_PER_PIXEL;
  const spans = new Map<string, RangeRef>();
  const covered = new Set<string>();
  for (const merge of spec.merges ?? []) {
    if (merge.rows === 1 && merge.cols === 1) continue;
    spans.set(`${merge.row},${merge.col}`, merge);
    for (let r = merge.row; r < merge.row + merge.rows; r++) for (let c = merge.col; c < merge.col + merge.cols; c++) covered.add(`${r},${c}`);
  }
  const heights = new Map<number, number>();
  styles.forEach((line, r) => {
    let needed = 0;
    line.forEach((style, c) => {
      const wraps = style.wrap === true;
      const fontSize = style.fontSize ?? defaults.fontSize;
      if (!wraps && fontSize <= defaults.fontSize) return;
      const value = cellValue(spec.rows[r]?.[c]);
      if (value === null || value === '') return;
      const span = spans.get(`${r},${c}`);
      if (span ? span.rows > 1 : covered.has(`${r},${c}`)) return;
      let width = 0;
      for (let col = c; col < c + (span?.cols ?? 1); col++) width += widthOf(col);
      const lines = wraps ? wrappedLineCount(String(value), fontSize, width) : 1;
      // One line at the default size is what the default height is for.
      if (lines === 1 && fontSize <= defaults.fontSize) return;
      needed = Math.max(needed, lineHeight(lines, fontSize));
    });
    if (needed > defaults.rowHeight) heights.set(r, needed);
  });
  return heights;
}
