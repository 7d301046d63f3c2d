import fc from 'fast-check';
import { parseDelimited, parsePastedText } from '../../../src/core/metrics';
import type { CellValue } from '../../../src/core/tab/spec';

/** The character-at-a-time parser read-file.ts had before the parser moved to the core: the reference. */
function reference(text: string, separator: '\t' | ','): CellValue[][] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < source.length) {
    const ch = source[i];
    if (ch === '"' && field === '') {
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
  let height = 0;
  let width = 0;
  rows.forEach((r, y) =>
    r.forEach((f, x) => {
      if (f === '') return;
      height = Math.max(height, y + 1);
      width = Math.max(width, x + 1);
    }),
  );
  return Array.from({ length: height }, (_, y) => Array.from({ length: width }, (_, x) => (rows[y][x] === undefined || rows[y][x] === '' ? null : rows[y][x])));
}

describe('pasted text', () => {
  test('a copy from a sheet is tab-separated even when its title line has no tab', () => {
    expect(parsePastedText('11月 引流群数据, 企业微信导出\n群名称\t群人数\nA群\t1,200\n')).toEqual([
      ['11月 引流群数据, 企业微信导出', null],
      ['群名称', '群人数'],
      ['A群', '1,200'],
    ]);
  });

  test('text without any tab is comma-separated, with quoted fields', () => {
    expect(parsePastedText('\uFEFF社群,群人数,客单价\r\nhybris,400,"5,800"\r\n')).toEqual([
      ['社群', '群人数', '客单价'],
      ['hybris', '400', '5,800'],
    ]);
  });

  test('a cell Sheets quoted because it holds a line break stays one cell', () => {
    expect(parsePastedText('群名称\t备注\nA群\t"第一行\n第二行"\n')).toEqual([
      ['群名称', '备注'],
      ['A群', '第一行\n第二行'],
    ]);
  });

  test('one column without delimiters is read as one column', () => {
    expect(parsePastedText('群人数\n400')).toEqual([['群人数'], ['400']]);
  });

  test('the parser reads any text exactly as the character-at-a-time reference does', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '群', ' ', ',', '\t', '"', '\n', '\r', '\r\n', '=', '0', '\uFEFF') });
    fc.assert(
      fc.property(text, fc.constantFrom<'\t' | ','>('\t', ','), (input, delimiter) => {
        expect(parseDelimited(input, delimiter)).toEqual(reference(input, delimiter));
      }),
      { numRuns: 2000 },
    );
  });
});
