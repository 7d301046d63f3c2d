/** The computed metrics of a paste (or of raw lists), and their CLI JSON form. */
import { columnLetter, type CellValue } from '../tab/spec';
import { compareRows, type RowComparison } from './compare';
import { computeRow, computeTotal, METRIC_KEYS, type MetricInputs, type MetricsTotal, type MetricValues } from './definitions';
import type { ParsedTable } from './parse';
import type { MetricsReport, RawListKind } from './report';
import { INPUT_KEYS, type InputKey } from './synonyms';

export interface MetricsRow {
  name: string;
  period: string | null;
  /** 1-based row in the pasted grid; null for rows built from raw lists. */
  sourceRow: number | null;
  inputs: MetricInputs;
  metrics: MetricValues;
  extras: CellValue[];
}

/** pooled: Σ numerators / Σ denominators over the rows; deduplicated: recounted over distinct people. */
export type TotalMethod = 'pooled' | 'deduplicated';

export interface MetricsResult {
  mode: 'pasted' | 'raw';
  source: string; // the marker key of the metrics tab
  inputKeys: InputKey[]; // inputs that have a column
  hasPeriod: boolean;
  extraHeaders: string[]; // headers of the extra columns carried by every row
  rows: MetricsRow[];
  total: MetricsTotal;
  totalMethod: TotalMethod;
  comparisons: RowComparison[];
  report: MetricsReport;
}

export function computeMetrics(table: ParsedTable): MetricsResult {
  const rows: MetricsRow[] = table.rows.map((row) => ({
    name: row.name,
    period: row.period,
    sourceRow: row.row,
    inputs: row.inputs,
    metrics: computeRow(row.inputs),
    extras: row.extras,
  }));
  return {
    mode: 'pasted',
    source: table.source,
    inputKeys: table.inputKeys,
    hasPeriod: table.hasPeriod,
    extraHeaders: table.extraColumns.map((c) => c.header),
    rows,
    total: computeTotal(rows.map((row) => row.inputs)),
    totalMethod: 'pooled',
    comparisons: table.hasPeriod ? compareRows(rows) : [],
    report: { mapping: table.mapping, skipped: table.skipped, extraColumns: table.extraColumns, warnings: table.warnings },
  };
}

type JsonValues = Record<string, number | null>;

export interface MetricsJson {
  rows: Array<{ name: string; period?: string | null; inputs: JsonValues; metrics: JsonValues }>;
  total: { inputs: JsonValues; metrics: JsonValues };
  /** input key → header (pasted); list → field → header (raw). */
  mapping: Record<string, string> | Partial<Record<RawListKind, Record<string, string>>>;
  skipped: Array<{ list?: RawListKind; row: number; reason: string; text: string }>;
  warnings: Array<{ code: string; params?: Record<string, string | number> }>;
}

function values<K extends string>(keys: readonly K[], record: Record<K, number | null>): JsonValues {
  const out: JsonValues = {};
  for (const key of keys) out[key] = record[key];
  return out;
}

/** The CLI's --json shape: every input and metric key present, null for a blank; extra columns as warnings. */
export function metricsToJson(result: MetricsResult): MetricsJson {
  let mapping: MetricsJson['mapping'];
  if (result.mode === 'raw') {
    const byList: Partial<Record<RawListKind, Record<string, string>>> = {};
    for (const entry of result.report.mapping) {
      const list = entry.list as RawListKind;
      (byList[list] ??= {})[entry.field] = entry.header;
    }
    mapping = byList;
  } else {
    const flat: Record<string, string> = {};
    for (const entry of result.report.mapping) flat[entry.field] = entry.header;
    mapping = flat;
  }
  return {
    rows: result.rows.map((row) => ({
      name: row.name,
      ...(result.hasPeriod ? { period: row.period } : {}),
      inputs: values(INPUT_KEYS, row.inputs),
      metrics: values(METRIC_KEYS, row.metrics),
    })),
    total: { inputs: values(INPUT_KEYS, result.total.inputs), metrics: values(METRIC_KEYS, result.total.metrics) },
    mapping,
    skipped: result.report.skipped.map((s) => ({ ...(s.list ? { list: s.list } : {}), row: s.row, reason: s.reason, text: s.text })),
    warnings: [
      ...result.report.extraColumns.map((c) => ({
        code: 'metrics.warning.extraColumn',
        params: { ...(c.list ? { list: c.list } : {}), column: columnLetter(c.column), header: c.header },
      })),
      ...result.report.warnings.map((w) => ({ code: w.code, ...(w.params ? { params: w.params } : {}) })),
    ],
  };
}
