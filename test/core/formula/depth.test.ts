/**
 * A formula nests at most MAX_FORMULA_DEPTH levels: anything a person writes computes, and a pasted
 * "=((((…" 50,000 levels deep is refused with where it went too deep, instead of overflowing the
 * stack and breaking every later recalculation.
 */
import { serialFromYmd } from '../../../src/core/dates';
import { FormulaError, FormulaSyntaxError, WorkbookCalc, parseFormula } from '../../../src/core/formula';
import { FormulaTooDeepError, MAX_FORMULA_DEPTH } from '../../../src/core/formula/parse';

const TODAY = serialFromYmd(2026, 12, 1);

/** Formulas exactly `levels` deep, one per way of nesting, with the value each computes. */
const nested = (levels: number): Array<[string, string, number]> => [
  ['brackets', `=${'('.repeat(levels)}1${')'.repeat(levels)}`, 1],
  ['function calls', `=${'ABS('.repeat(levels)}1${')'.repeat(levels)}`, 1],
  ['IFs', `=${'IF(TRUE,'.repeat(levels)}2${',0)'.repeat(levels)}`, 2],
  ['signs', `=${'-'.repeat(levels)}1`, levels % 2 === 0 ? 1 : -1],
  ['a chain of additions', `=1${'+1'.repeat(levels)}`, levels + 1],
  ['percent signs', `=100${'%'.repeat(levels)}`, 100 / 100 ** levels],
];

function computed(formula: string): unknown {
  const calc = new WorkbookCalc([{ name: 'Data', cells: [[{ formula, value: null }]] }], TODAY);
  return calc.recompute().get('Data')![0][0];
}

describe('how deeply a formula may nest', () => {
  test.each(nested(MAX_FORMULA_DEPTH))('%s as deep as allowed still compute', (_way, formula, value) => {
    expect(computed(formula)).toBeCloseTo(value);
  });

  test.each(nested(MAX_FORMULA_DEPTH + 1))('%s one level deeper are refused where the extra level opens', (_way, formula) => {
    let refused: unknown;
    try {
      parseFormula(formula);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(FormulaTooDeepError);
    expect(refused).toBeInstanceOf(FormulaSyntaxError);
    const { position, limit } = refused as FormulaTooDeepError;
    expect(limit).toBe(MAX_FORMULA_DEPTH);
    expect(position).toBeGreaterThan(0);
    expect(position).toBeLessThan(formula.length);
  });

  test('a pasted formula 50,000 brackets deep is refused without overflowing the stack, and shows #ERROR! if it arrives anyway', () => {
    const formula = `=${'('.repeat(50_000)}1${')'.repeat(50_000)}`;
    expect(() => parseFormula(formula)).toThrow(FormulaTooDeepError);
    const value = computed(formula);
    expect(value).toBeInstanceOf(FormulaError);
    expect((value as FormulaError).code).toBe('#ERROR!');
  });

  test('the level past the limit is located: the bracket that opens it', () => {
    const formula = `=SUM(${'('.repeat(MAX_FORMULA_DEPTH)}1${')'.repeat(MAX_FORMULA_DEPTH)})`;
    // SUM( is level 1, so the last bracket opens one level too many; the brackets start at offset 5.
    expect(() => parseFormula(formula)).toThrow(expect.objectContaining({ position: 5 + MAX_FORMULA_DEPTH - 1 }));
  });

  test('levels close again: many siblings side by side are not depth', () => {
    const wide = `=SUM(${Array.from({ length: 5000 }, () => '(ABS(-1))').join(',')})`;
    expect(computed(wide)).toBe(5000);
  });
});
