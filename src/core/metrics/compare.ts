/**
 * 横纵向比对: each row compared with the same group's previous period. Periods are ordered by the
 * numbers in them (第12期, 2026-11, 11月) when every period of the group has one, else by order
 * of appearance.
 */
import { toHalfWidth } from '../dates';
import { METRIC_KEYS, type MetricKey, type MetricValues } from './definitions';

export interface MetricChange {
  delta: number | null; // current − previous (percentage points for rates)
  deltaPercent: number | null; // delta / |previous|
}

export interface RowComparison {
  row: number; // index into the compared rows
  previous: number; // index of the same name's previous period
  changes: Record<MetricKey, MetricChange>;
}

export interface ComparableRow {
  name: string;
  period: string | null;
  metrics: MetricValues;
}

/** The integers in a period label, compared left to right: "2026年11月" → [2026, 11]. */
export function periodSortKey(period: string): number[] | null {
  const numbers = toHalfWidth(period).match(/\d+/g);
  return numbers ? numbers.map(Number) : null;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Shared by every blank change: a long pasted history has many, and each would be an allocation. */
const NO_CHANGE: MetricChange = Object.freeze({ delta: null, deltaPercent: null });

export function metricChange(current: number | null, previous: number | null): MetricChange {
  if (current === null || previous === null) return NO_CHANGE;
  const delta = current - previous;
  if (!Number.isFinite(delta)) return NO_CHANGE;
  const deltaPercent = previous === 0 ? null : delta / Math.abs(previous);
  return { delta, deltaPercent: deltaPercent !== null && Number.isFinite(deltaPercent) ? deltaPercent : null };
}

/** One comparison per row that has an earlier period of the same name, in row order. */
export function compareRows(rows: readonly ComparableRow[]): RowComparison[] {
  const byName = new Map<string, number[]>();
  rows.forEach((row, index) => {
    if (row.period === null) return;
    const list = byName.get(row.name);
    if (list) list.push(index);
    else byName.set(row.name, [index]);
  });

  const comparisons: RowComparison[] = [];
  for (const indexes of byName.values()) {
    const keys = indexes.map((i) => periodSortKey(rows[i].period as string));
    const ordered = keys.every((k) => k !== null)
      ? indexes
          .map((index, i) => ({ index, key: keys[i] as number[] }))
          .sort((a, b) => compareKeys(a.key, b.key) || a.index - b.index)
          .map((x) => x.index)
      : indexes;
    for (let i = 1; i < ordered.length; i++) {
      const current = rows[ordered[i]];
      const previous = rows[ordered[i - 1]];
      const changes = {} as Record<MetricKey, MetricChange>;
      for (const key of METRIC_KEYS) changes[key] = metricChange(current.metrics[key], previous.metrics[key]);
      comparisons.push({ row: ordered[i], previous: ordered[i - 1], changes });
    }
  }
  return comparisons.sort((a, b) => a.row - b.row);
}
