import { computeRow, emptyInputs, pooledFormula, rowFormula } from '../../../src/core/metrics';
import type { MetricInputs } from '../../../src/core/metrics';
import { isError, WorkbookCalc } from '../../../src/core/formula';
import type { Cell, CellValue } from '../../../src/core/tab/spec';

/** A one-row sheet: buyers in A1, price in B1, revenue in C1, members in D1, the formula in E1; a blank result ("") is blank. */
function evaluateRow(formula: string, values: Cell[]): CellValue {
  const value = new WorkbookCalc([{ name: 'Sheet1', cells: [[...values, { formula, value: null }]] }], 0).value('Sheet1', 0, values.length);
  return isError(value) ? value.code : value === '' ? null : value;
}

describe('Sheets formulas', () => {
  test('a rate on a row is blank on a blank or zero denominator', () => {
    expect(rowFormula('participationRate', { inputs: { members: 'B5', attendees: 'C5' } })).toBe('=IF(OR(C5="",B5="",B5=0),"",C5/B5)');
  });

  test('the pooled total counts only the rows where both sides are numbers', () => {
    expect(pooledFormula('participationRate', { inputs: { members: 'B2:B9', attendees: 'C2:C9' } })).toBe(
      '=IFERROR(SUMPRODUCT(ISNUMBER(C2:C9)*ISNUMBER(B2:B9),C2:C9)/SUMPRODUCT(ISNUMBER(C2:C9)*ISNUMBER(B2:B9),B2:B9),"")',
    );
  });

  test('revenue: given revenue, else buyers × price', () => {
    const refs = { inputs: { buyers: 'A1', price: 'B1', revenue: 'C1' } };
    const formula = rowFormula('revenue', refs) as string;
    expect(formula).toBe('=IF(C1<>"",C1,IF(OR(A1="",B1=""),"",A1*B1))');
    expect(rowFormula('revenue', { inputs: { buyers: 'A1', price: 'B1' } })).toBe('=IF(OR(A1="",B1=""),"",A1*B1)');
    expect(rowFormula('revenue', { inputs: { revenue: 'C1' } })).toBe('=IF(C1<>"",C1,"")');
    expect(rowFormula('revenue', { inputs: { buyers: 'A1' } })).toBeNull();
    expect(rowFormula('roi', { inputs: { cost: 'A1' } })).toBeNull();
  });

  test.each<[string, Partial<MetricInputs>]>([
    ['buyers × price', { buyers: 11, price: 5800, revenue: null }],
    ['revenue given', { buyers: 11, price: 5800, revenue: 60000 }],
    ['revenue given as zero', { buyers: 11, price: null, revenue: 0 }],
    ['nothing known', { buyers: null, price: 5800, revenue: null }],
  ])('evaluated, the revenue formula agrees with computeRow: %s', (_, given) => {
    const inputs = { ...emptyInputs(), ...given };
    const formula = rowFormula('revenue', { inputs: { buyers: 'A1', price: 'B1', revenue: 'C1' } }) as string;
    expect(evaluateRow(formula, [inputs.buyers, inputs.price, inputs.revenue])).toBe(computeRow(inputs).revenue);
  });

  test.each<[string, Partial<MetricInputs>]>([
    ['11 of 400', { buyers: 11, members: 400 }],
    ['zero members', { buyers: 0, members: 0 }],
    ['members missing', { buyers: 3, members: null }],
    ['buyers missing', { buyers: null, members: 400 }],
  ])('evaluated, the conversion formula agrees with computeRow: %s', (_, given) => {
    const inputs = { ...emptyInputs(), ...given };
    const formula = rowFormula('conversionRate', { inputs: { buyers: 'A1', members: 'D1' } }) as string;
    expect(evaluateRow(formula, [inputs.buyers, null, null, inputs.members])).toBe(computeRow(inputs).conversionRate);
  });

  test('客单价 is blank on a row with a price, revenue ÷ buyers without one', () => {
    const formula = rowFormula('averageOrderValue', { inputs: { buyers: 'A1', price: 'B1', revenue: 'C1' }, revenue: 'C1' }) as string;
    expect(formula).toBe('=IF(OR(B1<>"",C1="",A1="",A1=0),"",C1/A1)');
    expect(evaluateRow(formula, [4, null, 20000])).toBe(5000);
    expect(evaluateRow(formula, [4, 5000, 20000])).toBeNull();
  });
});
