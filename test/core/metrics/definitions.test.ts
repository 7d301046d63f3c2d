import fc from 'fast-check';
import { computeMetrics, computeRow, computeTotal, emptyInputs, INPUT_KEYS, METRIC_KEYS, METRICS, parseMetricsGrid } from '../../../src/core/metrics';
import type { InputKey, MetricInputs } from '../../../src/core/metrics';
import { fixture } from './grid';

const inputs = (values: Partial<MetricInputs>): MetricInputs => ({ ...emptyInputs(), ...values });

describe('the seeds', () => {
  test('活动参与率: 232 of 1,000 members over 4 groups came to the live class — 23.2%', () => {
    const result = computeMetrics(
      parseMetricsGrid([
        ['群名称', '群人数', '到课人数'],
        ['A群', '250', '70'],
        ['B群', '250', '52'],
        ['C群', '300', '60'],
        ['D群', '200', '50'],
      ]),
    );
    expect(result.total.inputs.members).toBe(1000);
    expect(result.total.inputs.attendees).toBe(232);
    expect(result.total.metrics.participationRate).toBeCloseTo(0.232, 12);
    expect(result.rows.map((r) => r.metrics.participationRate)).toEqual([70 / 250, 52 / 250, 60 / 300, 50 / 200]);
  });

  test('hybris QQ group: 400 members, 11 paid at ¥5,800 — conversion 2.75% (not the misprinted 27.5%), revenue ¥63,800', () => {
    const result = computeMetrics(parseMetricsGrid(fixture('hybris-qq.tsv')));
    const { metrics } = result.rows[0];
    expect(metrics.conversionRate).toBeCloseTo(0.0275, 12);
    expect(metrics.revenue).toBe(63800);
    expect(metrics.participationRate).toBeCloseTo(96 / 400, 12);
    expect(metrics.attendeeConversionRate).toBeCloseTo(11 / 96, 12);
    expect(metrics.averageOrderValue).toBeNull(); // the price is given
    expect(result.total.metrics.conversionRate).toBeCloseTo(0.0275, 12);
  });

  test('group funnel sample: totals worked out by hand', () => {
    const result = computeMetrics(parseMetricsGrid(fixture('group-funnel.tsv')));
    // members 260+245+250+245, attendees 61+55+60+56, completed 40+37+41+35, leads 22+18+20+17,
    // buyers 3+2+3+2, cost 5200+4900+5000+4900, revenue 3×8800 + 2×8800 + 3×9200 + 2×8800.
    expect(result.total.inputs).toMatchObject({
      members: 1000,
      attendees: 232,
      completed: 153,
      leads: 77,
      buyers: 10,
      cost: 20000,
      price: null,
      revenue: null,
    });
    const m = result.total.metrics;
    expect(m.participationRate).toBeCloseTo(0.232, 12);
    expect(m.completionRate).toBeCloseTo(153 / 232, 12);
    expect(m.leadRate).toBeCloseTo(0.077, 12);
    expect(m.conversionRate).toBeCloseTo(0.01, 12);
    expect(m.attendeeConversionRate).toBeCloseTo(10 / 232, 12);
    expect(m.revenue).toBe(89200);
    expect(m.roi).toBeCloseTo(4.46, 12);
    expect(m.costPerBuyer).toBe(2000);
    expect(m.costPerMember).toBe(20);
    expect(m.averageOrderValue).toBeNull();
    expect(m.repurchaseRate).toBeNull();
    expect(result.rows[0].metrics.revenue).toBe(26400);
    expect(result.rows[0].metrics.roi).toBeCloseTo(26400 / 5200, 12);
  });
});

describe('row metrics', () => {
  test('revenue is the given revenue, else buyers × price; 客单价 comes from revenue only without a price', () => {
    expect(computeRow(inputs({ buyers: 11, price: 5800 })).revenue).toBe(63800);
    expect(computeRow(inputs({ buyers: 11, price: 5800, revenue: 60000 })).revenue).toBe(60000);
    expect(computeRow(inputs({ buyers: 11 })).revenue).toBeNull();
    expect(computeRow(inputs({ buyers: 4, revenue: 20000 })).averageOrderValue).toBe(5000);
    expect(computeRow(inputs({ buyers: 4, revenue: 20000, price: 5000 })).averageOrderValue).toBeNull();
    expect(computeRow(inputs({ buyers: 4, price: 5000, cost: 10000 })).roi).toBe(2);
  });

  test('a missing input is missing, not zero; a zero or missing denominator gives a blank, never Infinity or NaN', () => {
    expect(computeRow(inputs({ members: 100 })).participationRate).toBeNull();
    expect(computeRow(inputs({ members: 100, attendees: 0 })).participationRate).toBe(0);
    expect(computeRow(inputs({ members: 0, attendees: 5 })).participationRate).toBeNull();
    expect(computeRow(inputs({ members: 0, attendees: 0 })).participationRate).toBeNull();
    expect(computeRow(inputs({ attendees: 5 })).participationRate).toBeNull();
  });

  test('every metric of the design, on one row', () => {
    const row = computeRow(
      inputs({
        members: 1000,
        attendees: 200,
        completed: 100,
        leads: 50,
        buyers: 20,
        revenue: 100000,
        cost: 25000,
        previousBuyers: 40,
        repeatBuyers: 22,
        refunds: 2,
        activeMembers: 120,
        delivered: 800,
        opened: 200,
        joined: 300,
        left: 30,
      }),
    );
    expect(row).toEqual({
      participationRate: 0.2,
      completionRate: 0.5,
      leadRate: 0.05,
      conversionRate: 0.02,
      attendeeConversionRate: 0.1,
      revenue: 100000,
      averageOrderValue: 5000,
      roi: 4,
      costPerBuyer: 1250,
      costPerMember: 25,
      repurchaseRate: 0.55,
      refundRate: 0.1,
      dailyActiveRate: 0.12,
      openRate: 0.25,
      churnRate: 0.1,
    });
  });
});

describe('totals pool, never average', () => {
  test('Σ attendees / Σ members, not the mean of the group rates', () => {
    const total = computeTotal([inputs({ members: 100, attendees: 50 }), inputs({ members: 900, attendees: 90 })]);
    expect(total.metrics.participationRate).toBeCloseTo(0.14, 12);
    expect(total.metrics.participationRate).not.toBeCloseTo((0.5 + 0.1) / 2, 3);
  });

  test('rows where either side is missing are left out of both sums', () => {
    const total = computeTotal([inputs({ members: 100, attendees: 50 }), inputs({ members: 900 }), inputs({ attendees: 7 })]);
    expect(total.metrics.participationRate).toBe(0.5);
    expect(total.inputs.members).toBe(1000);
    expect(total.inputs.attendees).toBe(57);
  });

  test('a zero denominator row still counts, a zero total denominator gives a blank', () => {
    expect(computeTotal([inputs({ members: 0, attendees: 0 }), inputs({ members: 100, attendees: 10 })]).metrics.participationRate).toBe(0.1);
    expect(computeTotal([inputs({ members: 0, attendees: 0 })]).metrics.participationRate).toBeNull();
    expect(computeTotal([]).metrics.participationRate).toBeNull();
  });

  test('an input nobody gave stays blank in the total; the price has no total', () => {
    const total = computeTotal([inputs({ members: 10, price: 100, buyers: 1 }), inputs({ members: 20, price: 200, buyers: 2 })]);
    expect(total.inputs.cost).toBeNull();
    expect(total.inputs.price).toBeNull();
    expect(total.metrics.revenue).toBe(500);
  });

  const count = fc.integer({ min: 0, max: 5000 });
  const maybe = fc.option(count, { nil: null, freq: 3 });
  const known = fc.record(
    Object.fromEntries(INPUT_KEYS.map((key) => [key, key === 'price' ? fc.constant(null) : count])) as Record<InputKey, fc.Arbitrary<number | null>>,
  );
  const partial = fc.record(Object.fromEntries(INPUT_KEYS.map((key) => [key, maybe])) as Record<InputKey, fc.Arbitrary<number | null>>);

  function sumRows(rows: MetricInputs[]): MetricInputs {
    const sum = emptyInputs();
    for (const key of INPUT_KEYS) {
      const values = rows.map((r) => r[key]).filter((v): v is number => v !== null);
      sum[key] = values.length ? values.reduce((a, b) => a + b, 0) : null;
    }
    return sum;
  }

  test('property: with every input known, the pooled total equals the metrics recomputed over the summed rows', () => {
    fc.assert(
      fc.property(fc.array(known, { minLength: 1, maxLength: 12 }), (rows) => {
        const total = computeTotal(rows);
        const recomputed = computeRow(sumRows(rows));
        for (const key of METRIC_KEYS) expect({ key, value: total.metrics[key] }).toEqual({ key, value: recomputed[key] });
      }),
      { numRuns: 100 },
    );
  });

  test('property: with gaps, each pooled rate equals the rate recomputed over the summed rows where both sides are known', () => {
    fc.assert(
      fc.property(fc.array(partial, { minLength: 1, maxLength: 12 }), (rows) => {
        const total = computeTotal(rows);
        for (const def of METRICS) {
          if (def.form !== 'quotient' || !('input' in def.numerator)) continue;
          const numerator = def.numerator.input;
          const both = rows.filter((r) => r[numerator] !== null && r[def.denominator] !== null);
          const expected = both.length === 0 ? null : computeRow(sumRows(both))[def.key];
          expect({ key: def.key, value: total.metrics[def.key] }).toEqual({ key: def.key, value: expected });
        }
        const revenues = rows.map((r) => (r.revenue !== null ? r.revenue : r.buyers !== null && r.price !== null ? r.buyers * r.price : null));
        const knownRevenues = revenues.filter((v): v is number => v !== null);
        expect(total.metrics.revenue).toBe(knownRevenues.length ? knownRevenues.reduce((a, b) => a + b, 0) : null);
      }),
      { numRuns: 100 },
    );
  });
});
