import { WorkbookCalc } from '../../../src/core/formula/workbook-calc';
import { serialFromYmd } from '../../../src/core/dates';

const TODAY = serialFromYmd(2026, 12, 1);

function calc(formula: string, cells: Array<Array<string | number | null>> = []) {
  const book = new WorkbookCalc([{ name: 'S', cells: [...cells, [{ formula, value: null }]] }], TODAY);
  return book.value('S', cells.length, 0);
}

describe('CHOOSE', () => {
  test('picks the n-th value, e.g. a weekday label for the SOP tab’s 星期 column', () => {
    expect(calc('=CHOOSE(2,"a","b","c")')).toBe('b');
    const tuesday = serialFromYmd(2026, 12, 1);
    expect(calc('=CHOOSE(WEEKDAY(A1),"日","一","二","三","四","五","六")', [[tuesday]])).toBe('二');
  });

  test('an index out of range is #VALUE!, and only the chosen argument is evaluated', () => {
    expect(String(calc('=CHOOSE(4,"a","b","c")'))).toBe('#VALUE!');
    expect(String(calc('=CHOOSE(0,"a")'))).toBe('#VALUE!');
    expect(calc('=CHOOSE(1,"ok",1/0)')).toBe('ok');
  });
});
