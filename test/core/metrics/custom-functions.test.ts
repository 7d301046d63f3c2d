import fc from 'fast-check';
import { computeTotal, emptyInputs, sopPooledRate, sopRate, sopRoi } from '../../../src/core/metrics';
import { AppError } from '../../../src/core/errors';
import type { CellValue } from '../../../src/core/tab/spec';

describe('=SOP_RATE(part, whole)', () => {
  test('the seeds: 232 of 1,000 members came to class; 11 of 400 paid', () => {
    expect(sopRate(232, 1000)).toBe(0.232);
    expect(sopRate(11, 400)).toBe(0.0275);
  });

  test('blank on a blank, missing or zero denominator, and on a part that is not a number', () => {
    expect(sopRate(5, null)).toBe('');
    expect(sopRate(5, '')).toBe('');
    expect(sopRate(5, 0)).toBe('');
    expect(sopRate(5, '-')).toBe('');
    expect(sopRate('', 10)).toBe('');
    expect(sopRate('很多', 10)).toBe('');
    expect(sopRate(true, 10)).toBe('');
  });

  test('reads numbers kept as text the way pasted data holds them', () => {
    expect(sopRate('２３２人', '1,000')).toBe(0.232);
    expect(sopRate('1.2万', '4万')).toBe(0.3);
  });

  test('two ranges give a rate per cell; a single value pairs with every cell', () => {
    expect(sopRate([[61], [55], [null]], [[260], [0], [250]])).toEqual([[61 / 260], [''], ['']]);
    expect(sopRate([[10, 20]], 100)).toEqual([[0.1, 0.2]]);
    expect(sopRate(50, [[100], [200]])).toEqual([[0.5], [0.25]]);
    expect(sopRate([[3]], [[4]])).toBe(0.75);
  });

  test('ranges of different sizes are an error naming both sizes', () => {
    expect(() => sopRate([[1], [2]], [[1], [2], [3]])).toThrow(AppError);
    let error: unknown = null;
    try {
      sopRate([[1], [2]], [[1, 2]]);
    } catch (caught) {
      error = caught;
    }
    expect((error as AppError).problems[0]).toEqual({ code: 'metrics.fn.sizeMismatch', params: { fn: 'SOP_RATE', first: '2×1', second: '1×2' } });
  });
});

describe('=SOP_ROI(revenue, cost)', () => {
  test('revenue over cost, blank on a zero cost', () => {
    expect(sopRoi(26400, 5200)).toBe(26400 / 5200);
    expect(sopRoi([[26400], [17600]], [[5200], [0]])).toEqual([[26400 / 5200], ['']]);
  });
});

describe('=SOP_POOLED_RATE(parts, wholes)', () => {
  test('the demo funnel pools to 232 / 1000, not the average of the group rates', () => {
    const attendees = [[61], [55], [60], [56]];
    const members = [[260], [245], [250], [245]];
    expect(sopPooledRate(attendees, members)).toBe(0.232);
    const average = attendees.reduce((s, [a], i) => s + a / members[i][0], 0) / 4;
    expect(average).not.toBe(0.232);
  });

  test('rows where either side is not a number are left out of both sums', () => {
    expect(sopPooledRate([[10], [null], [5]], [[100], [100], ['-']])).toBe(0.1);
    expect(sopPooledRate([[null]], [[100]])).toBe('');
    expect(sopPooledRate([[0]], [[0]])).toBe('');
    expect(() => sopPooledRate([[1]], [[1], [2]])).toThrow(AppError);
  });

  test('equals the metrics core’s pooled total for the same rows', () => {
    const cell = fc.oneof(fc.constant<CellValue>(null), fc.integer({ min: 0, max: 5000 }), fc.constant<CellValue>('-'));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 20 }), (rows) => {
        const inputs = rows.map(([attendees, members]) => ({
          ...emptyInputs(),
          attendees: typeof attendees === 'number' ? attendees : null,
          members: typeof members === 'number' ? members : null,
        }));
        const expected = computeTotal(inputs).metrics.participationRate;
        const pooled = sopPooledRate(
          rows.map(([a]) => [a]),
          rows.map(([, m]) => [m]),
        );
        expect(pooled).toBe(expected ?? '');
      }),
      { numRuns: 100 },
    );
  });
});
