/**
 * The conversion metrics as data, and how a row's metrics and a pooled total are computed.
 * A missing input is null, never zero; a metric with a missing or zero denominator is null.
 * A total pools: Σ numerators / Σ denominators over the rows where both are known.
 */
import type { MessageKey } from '../i18n';
import { INPUT_KEYS, InputKey } from './synonyms';

export type MetricInputs = Record<InputKey, number | null>;

export type MetricKind = 'rate' | 'currency' | 'ratio';

/** A numerator is an input, or the derived revenue (revenue if given, else buyers × price). */
export type Operand = { input: InputKey } | { metric: 'revenue' };

export interface QuotientDefinition {
  key: Exclude<MetricKey, 'revenue'>;
  form: 'quotient';
  kind: MetricKind;
  numerator: Operand;
  denominator: InputKey;
  /** The metric only exists on rows where this input is missing (客单价 from revenue when no price is given). */
  onlyWithout?: InputKey;
  label: MessageKey;
}

export interface RevenueDefinition {
  key: 'revenue';
  form: 'revenue';
  kind: 'currency';
  label: MessageKey;
}

export type MetricDefinition = QuotientDefinition | RevenueDefinition;

export const METRIC_KEYS = [
  'participationRate',
  'completionRate',
  'leadRate',
  'conversionRate',
  'attendeeConversionRate',
  'revenue',
  'averageOrderValue',
  'roi',
  'costPerBuyer',
  'costPerMember',
  'repurchaseRate',
  'refundRate',
  'dailyActiveRate',
  'openRate',
  'churnRate',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export type MetricValues = Record<MetricKey, number | null>;

const input = (key: InputKey): Operand => ({ input: key });

function rate(key: QuotientDefinition['key'], numerator: InputKey, denominator: InputKey, label: MessageKey): QuotientDefinition {
  return { key, form: 'quotient', kind: 'rate', numerator: input(numerator), denominator, label };
}

export const METRICS: readonly MetricDefinition[] = [
  rate('participationRate', 'attendees', 'members', 'metrics.metric.participationRate'),
  rate('completionRate', 'completed', 'attendees', 'metrics.metric.completionRate'),
  rate('leadRate', 'leads', 'members', 'metrics.metric.leadRate'),
  rate('conversionRate', 'buyers', 'members', 'metrics.metric.conversionRate'),
  rate('attendeeConversionRate', 'buyers', 'attendees', 'metrics.metric.attendeeConversionRate'),
  { key: 'revenue', form: 'revenue', kind: 'currency', label: 'metrics.metric.revenue' },
  {
    key: 'averageOrderValue',
    form: 'quotient',
    kind: 'currency',
    numerator: { metric: 'revenue' },
    denominator: 'buyers',
    onlyWithout: 'price',
    label: 'metrics.metric.averageOrderValue',
  },
  { key: 'roi', form: 'quotient', kind: 'ratio', numerator: { metric: 'revenue' }, denominator: 'cost', label: 'metrics.metric.roi' },
  { key: 'costPerBuyer', form: 'quotient', kind: 'currency', numerator: input('cost'), denominator: 'buyers', label: 'metrics.metric.costPerBuyer' },
  { key: 'costPerMember', form: 'quotient', kind: 'currency', numerator: input('cost'), denominator: 'members', label: 'metrics.metric.costPerMember' },
  rate('repurchaseRate', 'repeatBuyers', 'previousBuyers', 'metrics.metric.repurchaseRate'),
  // 成单 counts everyone who paid, refunded or not (raw mode counts them so too): 1 refund of 5 buyers is 20%.
  rate('refundRate', 'refunds', 'buyers', 'metrics.metric.refundRate'),
  rate('dailyActiveRate', 'activeMembers', 'members', 'metrics.metric.dailyActiveRate'),
  rate('openRate', 'opened', 'delivered', 'metrics.metric.openRate'),
  rate('churnRate', 'left', 'joined', 'metrics.metric.churnRate'),
];

export function metricDefinition(key: MetricKey): MetricDefinition {
  return METRICS.find((m) => m.key === key) as MetricDefinition;
}

// Written out as literals: one is made per pasted row, and a literal is far cheaper than a loop or a spread.
export function emptyInputs(): MetricInputs {
  return {
    members: null,
    attendees: null,
    completed: null,
    leads: null,
    buyers: null,
    price: null,
    revenue: null,
    cost: null,
    previousBuyers: null,
    repeatBuyers: null,
    refunds: null,
    activeMembers: null,
    delivered: null,
    opened: null,
    joined: null,
    left: null,
  };
}

export function emptyMetrics(): MetricValues {
  return {
    participationRate: null,
    completionRate: null,
    leadRate: null,
    conversionRate: null,
    attendeeConversionRate: null,
    revenue: null,
    averageOrderValue: null,
    roi: null,
    costPerBuyer: null,
    costPerMember: null,
    repurchaseRate: null,
    refundRate: null,
    dailyActiveRate: null,
    openRate: null,
    churnRate: null,
  };
}

/** Huge pasted numbers can overflow a product or a quotient; such a result is no result. */
function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Revenue as given, else buyers × price; null when neither is known. */
export function derivedRevenue(inputs: MetricInputs): number | null {
  if (inputs.revenue !== null) return inputs.revenue;
  if (inputs.buyers === null || inputs.price === null) return null;
  return finite(inputs.buyers * inputs.price);
}

function operandValue(operand: Operand, inputs: MetricInputs): number | null {
  return 'input' in operand ? inputs[operand.input] : derivedRevenue(inputs);
}

/**
 * The numerator a row contributes to a quotient metric, or null when the row contributes nothing
 * (the metric does not apply, or either side is missing); its denominator is then inputs[def.denominator].
 */
function numeratorOf(def: QuotientDefinition, inputs: MetricInputs): number | null {
  if (def.onlyWithout && inputs[def.onlyWithout] !== null) return null;
  if (inputs[def.denominator] === null) return null;
  return operandValue(def.numerator, inputs);
}

function quotient(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : finite(numerator / denominator);
}

export function computeRow(inputs: MetricInputs): MetricValues {
  const values = emptyMetrics();
  for (const def of METRICS) {
    if (def.form === 'revenue') {
      values.revenue = derivedRevenue(inputs);
      continue;
    }
    const numerator = numeratorOf(def, inputs);
    values[def.key] = numerator === null ? null : quotient(numerator, inputs[def.denominator] as number);
  }
  return values;
}

export interface MetricsTotal {
  inputs: MetricInputs;
  metrics: MetricValues;
}

/**
 * Pools the rows: each input summed over the rows where it is known (price is per order, so it has
 * no sum), revenue summed, each quotient Σ numerators / Σ denominators over the rows where both are
 * known — never the average of the row rates.
 */
export function computeTotal(rows: readonly MetricInputs[]): MetricsTotal {
  const inputs = emptyInputs();
  for (const key of INPUT_KEYS) {
    if (key === 'price') continue;
    let sum: number | null = null;
    for (const row of rows) if (row[key] !== null) sum = (sum ?? 0) + (row[key] as number);
    inputs[key] = sum === null ? null : finite(sum);
  }
  const metrics = emptyMetrics();
  for (const def of METRICS) {
    if (def.form === 'revenue') {
      let sum: number | null = null;
      for (const row of rows) {
        const revenue = derivedRevenue(row);
        if (revenue !== null) sum = (sum ?? 0) + revenue;
      }
      metrics.revenue = sum === null ? null : finite(sum);
      continue;
    }
    let numerator = 0;
    let denominator = 0;
    let counted = false;
    for (const row of rows) {
      const part = numeratorOf(def, row);
      if (part === null) continue;
      numerator += part;
      denominator += row[def.denominator] as number;
      counted = true;
    }
    metrics[def.key] = counted ? quotient(numerator, denominator) : null;
  }
  return { inputs, metrics };
}

/** The inputs a metric reads; a metric is shown when its inputs have columns. */
export function metricInputs(def: MetricDefinition): InputKey[][] {
  if (def.form === 'revenue') return [['revenue'], ['buyers', 'price']];
  const numerator: InputKey[][] = 'input' in def.numerator ? [[def.numerator.input]] : [['revenue'], ['buyers', 'price']];
  const alternatives = numerator.map((keys) => [...keys, def.denominator]);
  const without = def.onlyWithout;
  return without ? alternatives.filter((keys) => !keys.includes(without)) : alternatives;
}

/** True when the columns present let the metric be computed for some row. */
export function metricAvailable(def: MetricDefinition, present: ReadonlySet<InputKey>): boolean {
  return metricInputs(def).some((keys) => keys.every((key) => present.has(key)));
}
