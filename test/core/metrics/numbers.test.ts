import fc from 'fast-check';
import { isMissingCell, readNumber } from '../../../src/core/metrics/numbers';

const value = (cell: Parameters<typeof readNumber>[0], rate = false) => {
  const reading = readNumber(cell, { rate });
  return reading.ok ? reading.value : reading.reason;
};

describe('reading the numbers people paste', () => {
  test.each([
    ['1,200', 1200],
    ['1,234,567.5', 1234567.5],
    ['232人', 232],
    ['11 单', 11],
    ['5800元', 5800],
    ['¥5,800', 5800],
    ['￥63,800', 63800],
    ['$12.5', 12.5],
    ['3个', 3],
    ['1.2万', 12000],
    ['1.2万人', 12000],
    ['¥1.5万元', 15000],
    ['3w', 30000],
    ['２３２', 232],
    ['１，２００人', 1200],
    ['１.２万', 12000],
    ['-35', -35],
    ['−35', -35],
    ['-¥200', -200],
    ['(1,200)', -1200],
    ['  400  ', 400],
    ['0', 0],
    ['.5', 0.5],
    [400, 400],
    [0.232, 0.232],
  ])('%p reads as %p', (cell, expected) => {
    expect(value(cell)).toBe(expected);
  });

  test.each([null, '', '  ', '-', '—', '——', '--', 'N/A', 'n/a', '#N/A', '无', '－'])('%p is missing (null), not zero', (cell) => {
    expect(value(cell)).toBeNull();
    expect(isMissingCell(cell)).toBe(true);
  });

  test('a percentage reads as a fraction where a rate is expected, and is a problem where a count is', () => {
    expect(value('23.2%', true)).toBe(0.232);
    expect(value('2.75％', true)).toBe(0.0275);
    expect(value('55%', true)).toBe(0.55);
    expect(value('23.2%')).toBe('percentNotExpected');
  });

  test.each([
    ['abc', 'notANumber'],
    ['12abc', 'notANumber'],
    ['1,20', 'notANumber'],
    ['1.2.3', 'notANumber'],
    ['约300', 'notANumber'],
    ['万', 'notANumber'],
    [true, 'boolean'],
    [Number.NaN, 'notFinite'],
    [Number.POSITIVE_INFINITY, 'notFinite'],
    ['1e999', 'notFinite'],
  ])('%p cannot be read: %p', (cell, reason) => {
    expect(value(cell as Parameters<typeof readNumber>[0])).toBe(reason);
  });

  test('integers written with thousands separators, units or full-width digits read back as themselves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.constantFrom('', '人', '元', '单'), fc.boolean(), (n, unit, fullWidth) => {
        let text = n.toLocaleString('en-US') + unit;
        if (fullWidth) text = text.replace(/[0-9,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        expect(value(text)).toBe(n);
      }),
      { numRuns: 100 },
    );
  });

  test('whatever the text, the result is a finite number, null or a reason — never NaN or Infinity', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('1e308万', '9'.repeat(400), '1e-400%', '(-)', '¥', '-万')), fc.boolean(), (text, rate) => {
        const reading = readNumber(text, { rate });
        if (reading.ok && reading.value !== null) expect(Number.isFinite(reading.value)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
