import { serialFromYmd } from '../../../src/core/dates';
import { NUMBER_FORMATS } from '../../../src/core/tab/spec';
import { formatNumber, formatText } from '../../../src/core/formula';

describe('number formats', () => {
  const day = serialFromYmd(2026, 12, 1); // a Tuesday

  test.each([
    ['yyyy-mm-dd', day, '2026-12-01'],
    ['m/d', day, '12/1'],
    ['mm/dd/yy', day, '12/01/26'],
    ['yyyy年m月d日', day, '2026年12月1日'],
    ['ddd', day, 'Tue'],
    ['dddd, mmmm d', day, 'Tuesday, December 1'],
    ['hh:mm', 20.5 / 24, '20:30'],
    ['h:mm AM/PM', 20.5 / 24, '8:30 PM'],
    ['yyyy-mm-dd hh:mm:ss', day + 0.5 + 1 / 86400, '2026-12-01 12:00:01'],
  ])('date %s', (pattern, value, expected) => {
    expect(formatNumber(value, pattern)).toBe(expected);
  });

  test.each([
    ['#,##0', 63800, '63,800'],
    ['#,##0', 1234567.5, '1,234,568'],
    ['#,##0', -1234, '-1,234'],
    ['#,##0.00', 1234.5, '1,234.50'],
    ['0.0%', 0.232, '23.2%'],
    ['0.0%', 0.0275, '2.8%'],
    ['0%', 1, '100%'],
    ['"¥"#,##0', 63800, '¥63,800'],
    ['0.##', 2.5, '2.5'],
    ['0.##', 2, '2.'],
    ['000', 7, '007'],
    ['#,##0,"k"', 63800, '64k'],
    ['0;(0);"-"', -5, '(5)'],
    ['0;(0);"-"', 0, '-'],
    ['General', 0.1 + 0.2, '0.3'],
  ])('number %s of %p', (pattern, value, expected) => {
    expect(formatNumber(value, pattern)).toBe(expected);
  });

  test('the shared NUMBER_FORMATS patterns give what the columns promise', () => {
    expect(formatNumber(day, NUMBER_FORMATS.date)).toBe('2026-12-01');
    expect(formatNumber(8 / 24, NUMBER_FORMATS.time)).toBe('08:00');
    expect(formatNumber(12345, NUMBER_FORMATS.integer)).toBe('12,345');
    expect(formatNumber(2.005, NUMBER_FORMATS.decimal)).toBe('2.01');
    expect(formatNumber(0.0275, NUMBER_FORMATS.percent)).toBe('2.75%');
    expect(formatNumber(0.232, NUMBER_FORMATS.percent)).toBe('23.2%');
    expect(formatNumber(5800, NUMBER_FORMATS.currency)).toBe('¥5,800');
  });

  test('text goes through the text section only', () => {
    expect(formatText('abc', '0;-0;0;"<"@">"')).toBe('<abc>');
    expect(formatText('abc', '0.0')).toBe('abc');
  });
});
