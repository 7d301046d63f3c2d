import fc from 'fast-check';
import { FormulaError, WorkbookCalc } from '../../../src/core/formula';

/** An arithmetic expression as formula text and as the value JS arithmetic gives it ('DIV0' for a division by zero). */
interface Expression {
  text: string;
  value: number | 'DIV0' | 'NUM';
}

function combine(a: Expression, b: Expression, op: '+' | '-' | '*' | '/'): Expression {
  const text = `(${a.text}${op}${b.text})`;
  if (typeof a.value !== 'number') return { text, value: a.value }; // errors propagate, left first
  if (typeof b.value !== 'number') return { text, value: b.value };
  if (op === '/' && b.value === 0) return { text, value: 'DIV0' };
  const value = op === '+' ? a.value + b.value : op === '-' ? a.value - b.value : op === '*' ? a.value * b.value : a.value / b.value;
  return { text, value: Number.isFinite(value) ? value : 'NUM' };
}

const literal: fc.Arbitrary<Expression> = fc
  .oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }))
  .map((n) => (n === 0 ? 0 : n)) // -0 is written as 0
  .map((n) => ({ text: n < 0 ? `(-${String(-n)})` : String(n), value: n }));

const expression: fc.Arbitrary<Expression> = fc.letrec<{ expr: Expression }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    fc.tuple(tie('expr'), tie('expr'), fc.constantFrom('+', '-', '*', '/') as fc.Arbitrary<'+' | '-' | '*' | '/'>).map(([a, b, op]) => combine(a, b, op)),
    tie('expr').map((a) => ({ text: `-(${a.text})`, value: typeof a.value === 'number' ? -a.value : a.value })),
    tie('expr').map((a) => ({ text: `(${a.text})%`, value: typeof a.value === 'number' ? a.value / 100 : a.value })),
    fc.tuple(tie('expr'), fc.integer({ min: 0, max: 3 })).map(([a, k]): Expression => {
      const text = `(${a.text})^${k}`;
      if (typeof a.value !== 'number') return { text, value: a.value };
      const value = Math.pow(a.value, k);
      return { text, value: Number.isFinite(value) ? value : 'NUM' };
    }),
  ),
})).expr;

describe('arithmetic formulas evaluate like JS arithmetic', () => {
  const calc = new WorkbookCalc([{ name: 'S', cells: [[null]] }], 0);

  test('random expressions of numbers, + - * / ^ %, unary minus and parentheses', () => {
    fc.assert(
      fc.property(expression, ({ text, value }) => {
        const result = calc.evaluateFormula('S', `=${text}`);
        if (value === 'DIV0') expect(result).toMatchObject({ code: '#DIV/0!' });
        else if (value === 'NUM') expect(result).toMatchObject({ code: '#NUM!' });
        else {
          expect(result).not.toBeInstanceOf(FormulaError);
          expect(result).toBe(value === 0 ? 0 : value);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('numbers typed in a cell and referred to give the same result as written inline', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: -1e9, max: 1e9, noNaN: true }), (a, b) => {
        const sheet = new WorkbookCalc([{ name: 'S', cells: [[a, b, { formula: '=A1*B1-A1/2+B1', value: null }]] }], 0);
        const expected = a * b - a / 2 + b;
        expect(sheet.value('S', 0, 2)).toBe(expected === 0 ? 0 : expected);
      }),
    );
  });
});
