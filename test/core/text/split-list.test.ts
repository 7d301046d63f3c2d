/** Lists typed into one cell or field (groups, participants, predecessors), split the same way everywhere. */
import fc from 'fast-check';
import { LIST_SEPARATORS, splitKnownList, splitList } from '../../../src/core/text/split-list';

const separatorChars = Array.from(LIST_SEPARATORS);
const nameChars = fc.constantFrom(...Array.from('Java引流群甲乙丙 AB12-_()（）·"\''));
/** A name as people type one: no separator in it, something besides spaces. */
const name = fc.string({ unit: nameChars, minLength: 1, maxLength: 8 }).filter((text) => text.trim() !== '');
/** A separator as typed: one or more of them, perhaps with spaces around. */
const separator = fc
  .tuple(fc.constantFrom('', ' ', '  '), fc.array(fc.constantFrom(...separatorChars), { minLength: 1, maxLength: 3 }), fc.constantFrom('', ' '))
  .map(([before, marks, after]) => before + marks.join('') + after);

describe('splitting a typed list', () => {
  test('names joined with any separators split back into the same names', () => {
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 6 }), fc.array(separator, { minLength: 6, maxLength: 6 }), (names, separators) => {
        const typed = names.reduce((text, item, i) => (i === 0 ? item : text + separators[i - 1] + item));
        expect(splitList(typed)).toEqual(names.map((item) => item.trim()));
      }),
      { numRuns: 200 },
    );
  });

  test('every way of separating people type is understood: ; , 、 in both widths, one per line', () => {
    expect(splitList('A群；B群、C群,D群 ; E群，F群;G群\nH群\r\nI群')).toEqual(['A群', 'B群', 'C群', 'D群', 'E群', 'F群', 'G群', 'H群', 'I群']);
    expect(splitList('A群\n B群 ,C群，D群、E群;;\n')).toEqual(['A群', 'B群', 'C群', 'D群', 'E群']);
  });

  test('a blank cell is an empty list, and a number is one item', () => {
    expect(splitList(null)).toEqual([]);
    expect(splitList(undefined)).toEqual([]);
    expect(splitList(' ;、 ')).toEqual([]);
    expect(splitList(12)).toEqual(['12']);
  });

  test('quotes are plain characters: a quoted name with a comma is still two items', () => {
    expect(splitList('"A,B";C')).toEqual(['"A', 'B"', 'C']);
  });
});

describe('splitting a list of known names', () => {
  const tasks = new Set(['调研、访谈', '调研', '上线', 'A,B,C']);
  const isKnown = (item: string) => tasks.has(item);

  test('a known name holding a separator stays whole, the longest known run wins', () => {
    expect(splitKnownList('调研、访谈; 上线', isKnown)).toEqual(['调研、访谈', '上线']);
    expect(splitKnownList('A,B,C、调研', isKnown)).toEqual(['A,B,C', '调研']);
    expect(splitKnownList('  A,B,C ', isKnown)).toEqual(['A,B,C']);
  });

  test('a piece that names nothing is an item of its own, to be reported', () => {
    expect(splitKnownList('调研、不存在', isKnown)).toEqual(['调研', '不存在']);
    expect(splitKnownList('', isKnown)).toEqual([]);
  });

  test('with no name known it splits as splitList does', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(nameChars, fc.constantFrom(...separatorChars)), maxLength: 30 }), (text) => {
        expect(splitKnownList(text, () => false)).toEqual(splitList(text));
      }),
      { numRuns: 200 },
    );
  });
});
