/**
 * Rows tall enough for their wrapped text, measured without a font engine: LibreOffice keeps the height
 * an .xlsx states and prints a row that states none one line tall, its wrapped lines over the next rows.
 */
import { lineHeight, rowHeightsToFit, textWidth, wrappedLineCount } from '../../../src/core/tab/row-heights';
import { range, styleGrid, type TabSpec } from '../../../src/core/tab/spec';

const DEFAULTS = { fontSize: 11, rowHeight: 15, columnWidth: 64 };

describe('measuring text', () => {
  test('a CJK character is as wide as the font size, Latin text about half of it', () => {
    expect(textWidth('话术模板', 10)).toBe(40);
    expect(textWidth('abcd', 10)).toBeGreaterThan(15);
    expect(textWidth('abcd', 10)).toBeLessThan(30);
  });

  test('lines break between CJK characters and at spaces, and where the text has line breaks', () => {
    // 20 characters at 10 pt in a cell of 106 pt (100 pt of room): two lines.
    expect(wrappedLineCount('一二三四五六七八九十一二三四五六七八九十', 10, 106)).toBe(2);
    expect(wrappedLineCount('一二三四五六七八九十', 10, 106)).toBe(1);
    expect(wrappedLineCount('第一行\n第二行\n\n第四行', 10, 106)).toBe(4);
    // A word is not split while it fits on a line of its own.
    const words = 'reminder reminder reminder';
    expect(wrappedLineCount(words, 10, textWidth('reminder reminder', 10) + 6)).toBe(2);
    // A word longer than a line breaks anywhere.
    expect(wrappedLineCount('x'.repeat(100), 10, 106)).toBeGreaterThan(4);
  });
});

describe('the heights a tab’s rows need', () => {
  const spec: TabSpec = {
    name: 'SOP',
    marker: { kind: 'sop', key: { group: 'A', cohort: '' } },
    columns: [
      { key: 'item', width: 100 },
      { key: 'script', width: 200 },
      { key: 'hidden', width: 50, hidden: true },
    ],
    headerRows: 1,
    rows: [
      ['事项', '话术', null],
      ['开营', '欢迎加入28天大课！'.repeat(6), null],
      ['短', '一句话', null],
      ['标题', null, null],
      ['合并', '跨两列的一段很长很长的说明文字'.repeat(3), null],
    ],
    merges: [range(4, 1, 1, 2)],
    styles: [
      { range: range(1, 1, 4, 1), style: { wrap: true } },
      { range: range(3, 0, 1, 1), style: { fontSize: 18 } },
    ],
  };
  const heights = rowHeightsToFit(spec, styleGrid(spec, spec.rows.length, 3), DEFAULTS);

  test('a wrapped script gets the lines it needs over its column’s width; a short one keeps the default height', () => {
    // 60 characters at 11 pt in 200 px (150 pt, 144 pt of room: 13 a line) take 5 lines.
    expect(heights.get(1)).toBe(lineHeight(5, 11));
    expect(heights.has(2)).toBe(false);
    expect(heights.has(0)).toBe(false);
  });

  test('a larger font makes its row taller; a merge across a hidden column is as wide as its shown columns', () => {
    expect(heights.get(3)).toBe(lineHeight(1, 18));
    // 45 characters in 150 pt: 4 lines.
    expect(heights.get(4)).toBe(lineHeight(4, 11));
  });
});
